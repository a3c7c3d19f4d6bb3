"""The process store: documents go in and come out; tables and sessions never leave it.

Each call is one short unit of work. Reads load every table in bulk (one query per table,
whatever the number of processes); writes run in one transaction, so ``save_many`` is all
or nothing. Listeners hear about changes only after they are committed.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from types import TracebackType
from typing import Any, cast

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.engine import URL, CursorResult, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from kt_workbench.errors import StoreError
from kt_workbench.markdown import render_document
from kt_workbench.model import ProcessDocument
from kt_workbench.store.dialects import support_for
from kt_workbench.store.engine import ENGINES
from kt_workbench.store.errors import translate_errors
from kt_workbench.store.mapping import (
    CHILD_TABLES,
    child_values,
    document_from_rows,
    process_values,
)
from kt_workbench.store.records import ProcessSummary, StoreChange
from kt_workbench.store.schema import upgrade_to_head
from kt_workbench.store.tables import PROCESS_TABLE as PROCESS
from kt_workbench.store.text_check import check_storable
from kt_workbench.store.units import read_unit, write_unit, writer
from kt_workbench.store.url import display_url, parse_url, resolve_database_url

log = logging.getLogger(__name__)

Listener = Callable[[StoreChange], None]

# Bound parameters per IN list: far below every database's limit on parameters.
_IN_CHUNK = 500


class ProcessStore:
    """Use ``ProcessStore.open``; close it (or use it as a context manager) when done."""

    def __init__(self, url: URL, engine: Engine) -> None:
        self._url = url
        self._where = display_url(url)
        self._engine = engine
        self._writer = writer(engine)
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()
        self._closed = False

    @classmethod
    def open(cls, target: str | os.PathLike[str] | None = None) -> ProcessStore:
        """Open (creating and upgrading as needed) the store at a path or URL.

        ``None`` means ``$KTW_DB`` or else the default database in the user data folder.
        """
        url = parse_url(resolve_database_url(target))
        where = display_url(url)
        support = support_for(url)
        support.prepare(url)
        try:
            engine = ENGINES.acquire(url, support)
        except (SQLAlchemyError, ImportError) as exc:
            raise StoreError(f"cannot use the database {where}: {exc}") from None
        try:
            with translate_errors(where, "opening the store"):
                upgrade_to_head(engine, where, support)
        except BaseException:
            ENGINES.release(engine)
            raise
        return cls(url, engine)

    @property
    def url(self) -> str:
        """Where the store is, for display (never includes a password)."""
        return self._where

    def ids(self) -> list[str]:
        with self._reading("listing processes") as session:
            return sorted(session.scalars(select(PROCESS.c.id)))

    def summaries(self) -> list[ProcessSummary]:
        columns = ("id", "title", "team", "owner", "status", "version", "updated_at")
        with self._reading("listing processes") as session:
            rows = session.execute(select(*(PROCESS.c[name] for name in columns))).mappings()
            summaries = [
                ProcessSummary(
                    **{name: row[name] for name in columns[:-1]}, updated_at=_utc(row["updated_at"])
                )
                for row in rows
            ]
        return sorted(summaries, key=lambda summary: summary.id)

    def get(self, process_id: str) -> ProcessDocument | None:
        with self._reading(f"reading process {process_id!r}") as session:
            documents = _load(session, process_id)
        return documents[0] if documents else None

    def documents(self) -> list[ProcessDocument]:
        with self._reading("reading processes") as session:
            return _load(session, None)

    def save(self, document: ProcessDocument) -> None:
        self.save_many([document])

    def save_many(self, documents: Iterable[ProcessDocument]) -> None:
        """Insert or wholly replace each document, all in one transaction."""
        batch = list(documents)
        if not batch:
            return
        for document in batch:
            check_storable(document, _canonical_markdown(document))
        with self._writing(f"saving {_describe(batch)}") as session:
            _write(session, batch)
        self._notify([StoreChange("saved", document.id, document) for document in batch])

    def delete(self, process_id: str) -> bool:
        with self._writing(f"deleting process {process_id!r}") as session:
            result = session.execute(delete(PROCESS).where(PROCESS.c.id == process_id))
            deleted = bool(cast("CursorResult[Any]", result).rowcount)
        if deleted:
            self._notify([StoreChange("deleted", process_id, None)])
        return deleted

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` after every committed change; returns a function to stop.

        Listeners run in the thread that made the change, after its commit; a listener that
        raises is logged and does not affect the change or the other listeners.
        """
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._listeners.clear()
        ENGINES.release(self._engine)

    def __enter__(self) -> ProcessStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ProcessStore({self._where!r})"

    @contextmanager
    def _reading(self, action: str) -> Iterator[Session]:
        self._check_open()
        with translate_errors(self._where, action), read_unit(self._engine) as session:
            yield session

    @contextmanager
    def _writing(self, action: str) -> Iterator[Session]:
        self._check_open()
        with translate_errors(self._where, action), write_unit(self._writer) as session:
            yield session

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"the store {self._where} is closed")

    def _notify(self, changes: Sequence[StoreChange]) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for change in changes:
            for listener in listeners:
                # The change is committed whatever a listener does, so one failing listener
                # must neither undo the caller's success nor starve the others.
                try:
                    listener(change)
                except Exception:
                    log.exception(
                        "store listener %r failed on %s %r", listener, change.kind, change.id
                    )


def _load(session: Session, process_id: str | None) -> list[ProcessDocument]:
    """The document ``process_id``, or all when ``None``, sorted by id; one query per table."""
    one = process_id is not None
    params = {"process_id": process_id} if one else {}
    processes = list(session.execute(_process_select(one), params).mappings())
    if not processes:
        return []
    children: dict[str, dict[str, list[Sequence[Any]]]] = defaultdict(lambda: defaultdict(list))
    for index, child in enumerate(CHILD_TABLES):
        for row in session.execute(_child_select(index, one), params):
            children[row[0]][child.field].append(row[1:])
    documents = [document_from_rows(row, children.get(row["id"], {})) for row in processes]
    return sorted(documents, key=lambda document: document.id)


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


def _write(session: Session, batch: list[ProcessDocument]) -> None:
    # A batch may name the same id twice: the last copy wins, and each copy counts as a save.
    latest: dict[str, ProcessDocument] = {}
    saves: dict[str, int] = defaultdict(int)
    for document in batch:
        latest[document.id] = document
        saves[document.id] += 1
    versions: dict[str, int] = {}
    for chunk in _chunks(list(latest)):
        statement = select(PROCESS.c.id, PROCESS.c.version).where(PROCESS.c.id.in_(chunk))
        versions.update((pid, version) for pid, version in session.execute(statement))
    now = dt.datetime.now(dt.UTC)
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for process_id, document in latest.items():
        values = process_values(document, versions.get(process_id, 0) + saves[process_id], now)
        if process_id in versions:
            updates.append(values | {"match_id": process_id})
        else:
            inserts.append(values)
    if updates:
        # The process row is updated in place, not deleted and re-inserted, so that anything
        # referring to it later (revisions, sign-offs) survives a save; its children are
        # replaced wholesale.
        for chunk in _chunks([values["match_id"] for values in updates]):
            for child in CHILD_TABLES:
                session.execute(delete(child.table).where(child.table.c.process_id.in_(chunk)))
        statement_update = update(PROCESS).where(PROCESS.c.id == bindparam("match_id"))
        session.execute(statement_update, updates)
    if inserts:
        session.execute(insert(PROCESS), inserts)
    for child in CHILD_TABLES:
        rows = [row for document in latest.values() for row in child_values(document, child)]
        if rows:
            session.execute(insert(child.table), rows)


def _canonical_markdown(document: ProcessDocument) -> str:
    try:
        return render_document(document, diagram=False)
    except (TypeError, AttributeError, ValueError) as exc:
        # Only a document built around the model's types gets here (None for a string...).
        raise StoreError(
            f"process {document.id!r} cannot be saved: a field holds a value of the wrong "
            f"type ({exc})"
        ) from None


def _chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), _IN_CHUNK):
        yield ids[start : start + _IN_CHUNK]


def _utc(value: dt.datetime) -> dt.datetime:
    # SQLite keeps no offset and PostgreSQL answers in the session's zone; both hold UTC.
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _describe(batch: Sequence[ProcessDocument]) -> str:
    if len(batch) == 1:
        return f"process {batch[0].id!r}"
    return f"{len(batch)} processes"
