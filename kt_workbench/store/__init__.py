"""Persistence for process documents. Callers see documents and plain records only.

SQLite by default; the database is chosen by path or SQLAlchemy URL (see ``url``). All
SQLite-specific behaviour is in ``sqlite_dialect``; the schema is owned by the Alembic
migrations in ``migrations/`` and upgraded when a store is opened.
"""

from kt_workbench.store.process_store import ProcessStore
from kt_workbench.store.records import ProcessSummary, StoreChange
from kt_workbench.store.url import resolve_database_url

__all__ = ["ProcessStore", "ProcessSummary", "StoreChange", "resolve_database_url"]
