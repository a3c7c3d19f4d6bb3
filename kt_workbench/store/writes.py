"""Saving documents: rows prepared before the transaction, then one short locked write that
checks expected versions, numbers the new versions and records a revision for every save.

Preparing (rendering the revision markdown, building rows, refusing unstorable text) needs no
database, so it happens before the write lock is taken; inside the transaction only the
version numbers remain to be filled in. Writers are serialised (SQLite ``BEGIN IMMEDIATE``,
a PostgreSQL advisory lock), so reading the current versions, checking them and writing the
next ones cannot interleave with another writer.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from kt_workbench.display import visible
from kt_workbench.errors import StoreError
from kt_workbench.model import ProcessDocument
from kt_workbench.model.identifiers import MAX_ID_LENGTH, is_valid_id
from kt_workbench.store.mapping import CHILD_TABLES, ChildTable, child_values, process_values
from kt_workbench.store.records import RenderedDocument, RevisionInfo, revision_markdown
from kt_workbench.store.tables import PROCESS_TABLE as PROCESS
from kt_workbench.store.team_tables import REVISION_TABLE as REVISION
from kt_workbench.store.text_check import check_storable

# Bound parameters per IN list: far below every database's limit on parameters.
IN_CHUNK = 500
_PLACEHOLDER_TIME = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class ConflictError(StoreError):
    """The process changed (or appeared, or went) since the version the caller edited."""

    def __init__(
        self, process_id: str, expected: int, current: int, last_save: RevisionInfo | None
    ) -> None:
        self.process_id = process_id
        self.expected_version = expected
        self.current_version = current
        self.last_save = last_save
        who = _who_and_when(last_save)
        if current == 0:
            message = (
                f"process {process_id!r} was deleted after you opened version {expected}; "
                "save it as a new process if it is still needed"
            )
        elif expected == 0:
            message = (
                f"process {process_id!r} already exists (version {current}, saved{who}); "
                "open it and make your changes there, or choose another id"
            )
        else:
            message = (
                f"process {process_id!r} was changed by someone else: it is now at version "
                f"{current} (saved{who}) and you edited version {expected}; reload it and "
                "apply your changes again"
            )
        super().__init__(message)


def _who_and_when(save: RevisionInfo | None) -> str:
    if save is None:
        return ""
    by = f" by {save.author}" if save.author else ""
    return f"{by} at {save.saved_at:%Y-%m-%d %H:%M} UTC"


@dataclass(frozen=True)
class PreparedDocument:
    """A document's rows and revision markdown, built before any transaction."""

    document: ProcessDocument
    markdown: str
    process: dict[str, Any]  # version and updated_at are filled in when written
    children: tuple[tuple[ChildTable, list[dict[str, Any]]], ...]

    @property
    def id(self) -> str:
        return self.document.id


def prepare(item: ProcessDocument | RenderedDocument) -> PreparedDocument:
    """A document's rows and revision markdown; a ``RenderedDocument`` brings its markdown."""
    if isinstance(item, RenderedDocument):
        document, markdown = item.document, item.markdown
    else:
        document, markdown = item, None
    if not isinstance(document.id, str) or not is_valid_id(document.id):
        # The id names files in packs and appears in messages: the rule holds for every caller.
        shown = visible(str(document.id))
        raise StoreError(
            f"process id '{shown}' is not valid: use lowercase letters, digits and inner "
            f"hyphens, at most {MAX_ID_LENGTH} characters"
        )
    try:
        if markdown is None:
            markdown = revision_markdown(document)
        values = process_values(document, 0, _PLACEHOLDER_TIME)
        children = tuple((child, child_values(document, child)) for child in CHILD_TABLES)
    except (TypeError, AttributeError, ValueError) as exc:
        # Only a document built around the model's types gets here (None for a string...).
        raise StoreError(
            f"process {document.id!r} cannot be saved: a field holds a value of the wrong "
            f"type ({exc})"
        ) from None
    texts = [markdown, *(v for v in values.values() if isinstance(v, str))]
    texts += [v for _, rows in children for row in rows for v in row.values() if isinstance(v, str)]
    # Screened as one text: one scan instead of one per value (tens of thousands in an
    # import). Joining creates no NUL or lone surrogate that was not there; a false alarm
    # (an escaped NUL spelt across two values) only costs the exact, field-by-field check.
    check_storable(document, ["\n".join(texts)])
    return PreparedDocument(document, markdown, values, children)


def write_batch(
    session: Session,
    batch: Sequence[PreparedDocument],
    author: str,
    expected: Mapping[str, int],
    now: dt.datetime,
) -> dict[str, int]:
    """Insert or wholly replace each document; returns each id's new version.

    A batch may name the same id twice: the last copy wins, and each copy counts as a save
    with its own revision.
    """
    latest = {prepared.id: prepared for prepared in batch}
    saves = Counter(prepared.id for prepared in batch)
    current, history = _versions(session, list(latest))
    for process_id, wanted in expected.items():
        if current.get(process_id, 0) != wanted:
            last = history.get(process_id, 0)
            raise ConflictError(
                process_id,
                wanted,
                current.get(process_id, 0),
                _revision_info(session, process_id, last),
            )
    # History outlives deletion, so a process created again continues its numbering.
    base = {pid: max(current.get(pid, 0), history.get(pid, 0)) for pid in latest}
    revisions, counted = [], Counter[str]()
    for prepared in batch:
        counted[prepared.id] += 1
        revisions.append(
            {
                "process_id": prepared.id,
                "version": base[prepared.id] + counted[prepared.id],
                "saved_at": now,
                "author": author,
                "markdown": prepared.markdown,
            }
        )
    inserts, updates = [], []
    for process_id, prepared in latest.items():
        values = prepared.process | {
            "version": base[process_id] + saves[process_id],
            "updated_at": now,
        }
        if process_id in current:
            updates.append(values | {"match_id": process_id})
        else:
            inserts.append(values)
    if updates:
        # Updated in place, not deleted and re-inserted: the process row keeps its identity;
        # its children are replaced wholesale.
        for chunk in chunks([values["match_id"] for values in updates]):
            for child in CHILD_TABLES:
                session.execute(delete(child.table).where(child.table.c.process_id.in_(chunk)))
        session.execute(update(PROCESS).where(PROCESS.c.id == bindparam("match_id")), updates)
    if inserts:
        session.execute(insert(PROCESS), inserts)
    rows_by_table: dict[ChildTable, list[dict[str, Any]]] = defaultdict(list)
    for prepared in latest.values():
        for child, rows in prepared.children:
            rows_by_table[child].extend(rows)
    for child in CHILD_TABLES:
        if rows_by_table[child]:
            session.execute(insert(child.table), rows_by_table[child])
    session.execute(insert(REVISION), revisions)
    return {pid: base[pid] + saves[pid] for pid in latest}


def _versions(session: Session, ids: list[str]) -> tuple[dict[str, int], dict[str, int]]:
    """Each id's version in the process table, and its newest recorded revision."""
    current: dict[str, int] = {}
    history: dict[str, int] = {}
    for chunk in chunks(ids):
        rows = session.execute(
            select(PROCESS.c.id, PROCESS.c.version).where(PROCESS.c.id.in_(chunk))
        )
        current.update((pid, version) for pid, version in rows)
        newest = (
            select(REVISION.c.process_id, func.max(REVISION.c.version))
            .where(REVISION.c.process_id.in_(chunk))
            .group_by(REVISION.c.process_id)
        )
        history.update((pid, version) for pid, version in session.execute(newest))
    return current, history


def _revision_info(session: Session, process_id: str, version: int) -> RevisionInfo | None:
    row = session.execute(
        select(REVISION.c.saved_at, REVISION.c.author).where(
            REVISION.c.process_id == process_id, REVISION.c.version == version
        )
    ).first()
    if row is None:
        return None
    return RevisionInfo(process_id, version, utc(row.saved_at), row.author)


def chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), IN_CHUNK):
        yield ids[start : start + IN_CHUNK]


def utc(value: dt.datetime) -> dt.datetime:
    # SQLite keeps no offset and PostgreSQL answers in the session's zone; both hold UTC.
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
