"""Following the library's committed changes: the change sequence, what changed after a given
point, and the cheap listing a library view paints first.

Each reader reads the sequence before the rows it goes with. On SQLite a read unit is one
snapshot, so both agree exactly; on PostgreSQL (read committed) a change committed between
the two statements is in the rows but after the sequence, so the reader sees it again on its
next poll, which is harmless: reloading a process is idempotent.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from kt_workbench.store.change_listener import announce_change
from kt_workbench.store.change_tables import CHANGE_TABLE as CHANGE
from kt_workbench.store.change_tables import IDENTITY_TABLE as IDENTITY
from kt_workbench.store.listing import (  # ProcessListing stays importable from here
    LISTING_COLUMNS,
    ProcessListing,
    listing_from_row,
)
from kt_workbench.store.tables import PROCESS_TABLE as PROCESS


@dataclass(frozen=True)
class ChangedProcess:
    """One entry of the change sequence: ``version`` 0 means the process was deleted."""

    sequence: int
    process_id: str
    version: int


# Old change rows are pruned, keeping at least the newest KEEP_CHANGES and every row younger
# than KEEP_DAYS; a reader further behind than that reloads the whole library instead
# (``changes_after`` tells it). Pruning runs in the write that passes a multiple of
# PRUNE_EVERY, so it costs one small delete every thousand changes.
KEEP_CHANGES = 10_000
KEEP_DAYS = 30
PRUNE_EVERY = 1_000


def record_changes(session: Session, versions: Iterable[tuple[str, int]]) -> None:
    """Append committed-with-this-transaction changes to the sequence."""
    now = dt.datetime.now(dt.UTC)
    rows = [{"process_id": pid, "version": version, "changed_at": now} for pid, version in versions]
    if rows:
        session.execute(insert(CHANGE), rows)
        announce_change(session)
        newest = current_sequence(session)
        if newest // PRUNE_EVERY != (newest - len(rows)) // PRUNE_EVERY:
            prune_changes(session, newest, now)


def prune_changes(session: Session, newest: int, now: dt.datetime) -> None:
    """Delete the change rows no reader within the kept window needs. The newest row is
    always kept, so the sequence never goes back."""
    horizon = newest - KEEP_CHANGES
    if horizon <= 0:
        return
    cutoff = now - dt.timedelta(days=KEEP_DAYS)
    session.execute(
        delete(CHANGE).where(CHANGE.c.sequence <= horizon, CHANGE.c.changed_at < cutoff)
    )


def current_sequence(session: Session | Connection) -> int:
    return int(session.execute(select(func.coalesce(func.max(CHANGE.c.sequence), 0))).scalar_one())


def changes_kept_after(session: Session | Connection, sequence: int) -> list[ChangedProcess] | None:
    """``changes_after(sequence)``, or ``None`` when rows after ``sequence`` may have been
    pruned: the reader must then read the whole library again. (A gap in the numbers, which
    PostgreSQL leaves for a rolled-back write, can look the same at the oldest row kept; a
    reader there reloads for nothing, which costs time, never correctness.)"""
    oldest = session.execute(select(func.min(CHANGE.c.sequence))).scalar()
    if oldest is not None and sequence < int(oldest) - 1:
        return None
    return changes_after(session, sequence)


def changes_after(session: Session | Connection, sequence: int) -> list[ChangedProcess]:
    rows = session.execute(
        select(CHANGE.c.sequence, CHANGE.c.process_id, CHANGE.c.version)
        .where(CHANGE.c.sequence > sequence)
        .order_by(CHANGE.c.sequence)
    )
    return [ChangedProcess(seq, pid, version) for seq, pid, version in rows]


def store_identity(session: Session | Connection) -> str:
    found = session.execute(select(IDENTITY.c.store_id).where(IDENTITY.c.slot == 1)).scalar()
    return str(found or "")


def give_identity(session: Session) -> str:
    """The store's id, made now if its row is missing (emptied by hand, say): run in a write
    unit, so two processes cannot both make one."""
    found = store_identity(session)
    if not found:
        found = uuid.uuid4().hex
        session.execute(insert(IDENTITY).values(slot=1, store_id=found))
    return found


def listings(session: Session | Connection) -> list[ProcessListing]:
    statement = select(*(PROCESS.c[name] for name in LISTING_COLUMNS)).order_by(PROCESS.c.id)
    return [listing_from_row(row) for row in session.execute(statement)]
