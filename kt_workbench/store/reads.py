"""Loading documents: one query per table, whatever the number of processes.

A row this version cannot turn back into a document (damaged JSON, text that is not UTF-8)
fails a read of that one process; a read of all of them reports it and carries on.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from kt_workbench.model import ProcessDocument
from kt_workbench.store.decoding import UnreadableProcess, documents_from_rows
from kt_workbench.store.mapping import CHILD_TABLES
from kt_workbench.store.tables import PROCESS_TABLE as PROCESS

__all__ = ["UnreadableProcess", "load_documents", "tolerant_text"]


def load_documents(
    session: Session | Connection,
    process_id: str | None,
    skipped: list[UnreadableProcess] | None = None,
) -> list[tuple[ProcessDocument, int]]:
    """The document ``process_id`` (or all, when ``None``) with its version, sorted by id.

    A row that cannot be read raises ``StoredDataError``, or, when ``skipped`` is given, is
    left out and added there.
    """
    one = process_id is not None
    params = {"process_id": process_id} if one else {}
    processes = list(session.execute(_process_select(one), params).mappings())
    if not processes:
        return []
    children: dict[str, dict[str, list[Sequence[Any]]]] = defaultdict(lambda: defaultdict(list))
    for index, child in enumerate(CHILD_TABLES):
        for row in session.execute(_child_select(index, one), params):
            children[row[0]][child.field].append(row[1:])
    return documents_from_rows(processes, children, skipped)


@contextmanager
def tolerant_text(session: Session) -> Iterator[None]:
    """Read text that is not valid UTF-8 (SQLite keeps whatever bytes it was given) as lone
    surrogates, so the one row holding it can be found and skipped instead of failing the
    whole read. Only for the retry after such a failure: it is slower than SQLite's own."""
    raw = session.connection().connection.dbapi_connection
    if not isinstance(raw, sqlite3.Connection):
        yield
        return
    previous = raw.text_factory
    raw.text_factory = lambda data: data.decode("utf-8", "surrogateescape")
    try:
        yield
    finally:
        raw.text_factory = previous


# Statements are built once: building them costs more than running them on a small store.
@cache
def _process_select(one: bool) -> Select[Any]:
    statement = select(PROCESS)
    return statement.where(PROCESS.c.id == bindparam("process_id")) if one else statement


@cache
def _child_select(index: int, one: bool) -> Select[Any]:
    """Rows of one child table as ``(process_id, *item fields)``, in position order."""
    child = CHILD_TABLES[index]
    table = child.table
    columns = [table.c.process_id, *(table.c[name] for name in child.columns)]
    statement = select(*columns).order_by(table.c.process_id, table.c.position)
    return statement.where(table.c.process_id == bindparam("process_id")) if one else statement
