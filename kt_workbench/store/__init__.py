"""Persistence for process documents. Callers see documents and plain records only.

SQLite by default, PostgreSQL for teams; the database is chosen by path or SQLAlchemy URL
(see ``url``). All SQLite-specific behaviour is in ``sqlite_dialect`` and all
PostgreSQL-specific behaviour in ``postgres_dialect``; the schema is owned by the Alembic
migrations in ``migrations/`` and upgraded when a store is opened.

The names below are imported on first use, so that ``quick_read`` (the light read-only
reader of quick commands) can be imported without loading SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kt_workbench.lazy_exports import lazy_getattr

if TYPE_CHECKING:
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

_HOMES = {
    "ConflictError": "kt_workbench.store.writes",
    "PackRecord": "kt_workbench.store.records",
    "ProcessStore": "kt_workbench.store.process_store",
    "ProcessSummary": "kt_workbench.store.records",
    "RevisionInfo": "kt_workbench.store.records",
    "SignOff": "kt_workbench.store.records",
    "StoreChange": "kt_workbench.store.records",
    "resolve_database_url": "kt_workbench.store.url",
}


__getattr__ = lazy_getattr(__name__, globals(), _HOMES)


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
