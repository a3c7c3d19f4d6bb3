"""Units of work: one short session per read or write, never kept past its block.

Statements are Core statements on the tables (the sessions never hold ORM instances), so
nothing the store returns can be tied to a session. A write unit marks its connection with
``WRITE_INTENT`` so that dialects which must lock up front (SQLite's ``BEGIN IMMEDIATE``)
can tell writes from reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

WRITE_INTENT = "ktw_write_intent"


def writer(engine: Engine) -> Engine:
    """A view of ``engine`` whose transactions are write transactions."""
    return engine.execution_options(**{WRITE_INTENT: True})


@contextmanager
def read_unit(engine: Engine) -> Iterator[Session]:
    """A session for reading; its one transaction gives every query the same snapshot."""
    with Session(engine) as session:
        yield session


@contextmanager
def write_unit(write_engine: Engine) -> Iterator[Session]:
    """A session whose transaction commits when the block ends and rolls back on error."""
    with Session(write_engine) as session, session.begin():
        yield session
