"""Persistence for process documents. Callers see documents and plain records only.

SQLite by default, PostgreSQL for teams; the database is chosen by path or SQLAlchemy URL
(see ``url``). All SQLite-specific behaviour is in ``sqlite_dialect`` and all
PostgreSQL-specific behaviour in ``postgres_dialect``; the schema is owned by the Alembic
migrations in ``migrations/`` and upgraded when a store is opened.
"""

from kt_workbench.store.process_store import ProcessStore
from kt_workbench.store.records import (
    PackRecord,
    ProcessSummary,
    RevisionInfo,
    SignOff,
    StoreChange,
)
from kt_workbench.store.url import resolve_database_url
from kt_workbench.store.writes import ConflictError

__all__ = [
    "ConflictError",
    "PackRecord",
    "ProcessStore",
    "ProcessSummary",
    "RevisionInfo",
    "SignOff",
    "StoreChange",
    "resolve_database_url",
]
