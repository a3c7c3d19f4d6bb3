"""Loading documents: one query per table, whatever the number of processes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from kt_workbench.model import ProcessDocument
from kt_workbench.store.mapping import CHILD_TABLES, document_from_rows
from kt_workbench.store.tables import PROCESS_TABLE as PROCESS


def load_documents(
    session: Session | Connection, process_id: str | None
) -> list[tuple[ProcessDocument, int]]:
    """The document ``process_id`` (or all, when ``None``) with its version, sorted by id."""
    one = process_id is not None
    params = {"process_id": process_id} if one else {}
    processes = list(session.execute(_process_select(one), params).mappings())
    if not processes:
        return []
    children: dict[str, dict[str, list[Sequence[Any]]]] = defaultdict(lambda: defaultdict(list))
    for index, child in enumerate(CHILD_TABLES):
        for row in session.execute(_child_select(index, one), params):
            children[row[0]][child.field].append(row[1:])
    loaded = [
        (document_from_rows(row, children.get(row["id"], {})), row["version"]) for row in processes
    ]
    return sorted(loaded, key=lambda pair: pair[0].id)


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
