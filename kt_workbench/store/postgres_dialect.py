"""POSTGRESQL-SPECIFIC CODE: the one place that knows the store may be a PostgreSQL database.

- Driver: psycopg 3 only (``postgresql+psycopg://``); a bare ``postgresql://`` URL means it.
- On every connection: UTC session time zone, a connect timeout and a lock timeout, so an
  unreachable server or a stuck writer becomes an error instead of a hang.
- Transactions: writes take one transaction-scoped advisory lock first, so writers queue one
  behind the other exactly like SQLite's ``BEGIN IMMEDIATE``; each then reads the latest
  committed rows (READ COMMITTED), which keeps version numbers gap-free and lets a version
  check and the write it guards happen atomically. Reads run REPEATABLE READ so every query of
  one read sees the same snapshot, as a read transaction does on SQLite.
- Migrations need nothing special: PostgreSQL runs DDL inside the migration's transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine

from kt_workbench.errors import StoreError
from kt_workbench.store.units import WRITE_INTENT

SUPPORTED_DRIVERS = ("psycopg",)
CONNECT_TIMEOUT_S = 10
LOCK_TIMEOUT_MS = 10_000
# Any fixed 64-bit key works; every KT Workbench writer on the database agrees on this one.
WRITE_LOCK_KEY = 0x6B74_775F_7772_6974  # "ktw_writ"
_SESSION_SETTINGS = f"-c timezone=UTC -c lock_timeout={LOCK_TIMEOUT_MS}"


def normalise_url(url: URL) -> URL:
    """``postgresql://`` and ``postgres://`` mean psycopg 3, the one driver the store supports."""
    if url.drivername in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg")
    return url


class PostgresSupport:
    def prepare(self, url: URL) -> None:
        if url.get_driver_name() not in SUPPORTED_DRIVERS:
            raise StoreError(
                f"the PostgreSQL driver {url.get_driver_name()!r} is not supported; "
                "use a postgresql+psycopg:// URL"
            )
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise StoreError(
                "PostgreSQL support is not installed; install it with "
                "pip install 'kt-workbench[postgres]'"
            ) from None
        if not url.database:
            raise StoreError("the PostgreSQL URL names no database; add /DATABASE at its end")

    def engine_options(self, url: URL) -> dict[str, Any]:
        settings = _SESSION_SETTINGS
        given = url.query.get("options")
        if given:  # keep the user's own settings; ours are appended so they take effect
            settings = f"{given if isinstance(given, str) else ' '.join(given)} {settings}"
        return {
            "pool_pre_ping": True,
            "connect_args": {
                "connect_timeout": CONNECT_TIMEOUT_S,
                "options": settings,
                "application_name": "ktw",
            },
        }

    def configure_engine(self, engine: Engine) -> None:
        event.listen(engine, "begin", _on_begin)

    def migration_guard(self, connection: Connection) -> AbstractContextManager[None]:
        return _nothing()

    def verify_migrated(self, connection: Connection) -> None:
        return None


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def _on_begin(connection: Connection) -> None:
    # psycopg opens the transaction implicitly with the first statement, so these run first.
    if connection.get_execution_options().get(WRITE_INTENT):
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
    else:
        connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
