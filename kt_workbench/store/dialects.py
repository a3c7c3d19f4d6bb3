"""What each database needs beyond portable SQLAlchemy, behind one small interface.

Everything SQLite-specific lives in ``sqlite_dialect`` and everything PostgreSQL-specific in
``postgres_dialect``; any other database SQLAlchemy can reach gets the generic behaviour.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any, Protocol

from sqlalchemy.engine import URL, Connection, Engine

from kt_workbench.store.postgres_dialect import PostgresSupport
from kt_workbench.store.sqlite_dialect import SQLiteSupport


class DialectSupport(Protocol):
    def prepare(self, url: URL) -> None:
        """Check (and create if new) the database before any connection; refuse bad targets."""

    def engine_options(self, url: URL) -> dict[str, Any]:
        """Extra keyword arguments for ``create_engine``."""

    def configure_engine(self, engine: Engine) -> None:
        """Install per-connection settings and transaction handling on a new engine."""

    def migration_guard(self, connection: Connection) -> AbstractContextManager[None]:
        """Wraps the migration transaction (entered before it begins)."""

    def verify_migrated(self, connection: Connection) -> None:
        """Checks the migrated schema before the migration commits."""


class GenericSupport:
    def prepare(self, url: URL) -> None:
        return None

    def engine_options(self, url: URL) -> dict[str, Any]:
        return {"pool_pre_ping": True}

    def configure_engine(self, engine: Engine) -> None:
        return None

    @contextmanager
    def _nothing(self) -> Iterator[None]:
        yield

    def migration_guard(self, connection: Connection) -> AbstractContextManager[None]:
        return self._nothing()

    def verify_migrated(self, connection: Connection) -> None:
        return None


def support_for(url: URL) -> DialectSupport:
    backend = url.get_backend_name()
    if backend == "sqlite":
        return SQLiteSupport()
    if backend == "postgresql":
        return PostgresSupport()
    return GenericSupport()
