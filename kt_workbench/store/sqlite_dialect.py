"""SQLITE-SPECIFIC CODE: the one place that knows the store may be an SQLite file.

- Before connecting: refuse files that are not SQLite databases or hold another schema, read
  only, so a refused file is never modified; create new files with mode 0600.
- On every pooled connection: foreign keys, WAL, a busy timeout and ``synchronous=NORMAL``
  (switching a new file to WAL is retried: SQLite does not wait on the busy timeout there).
- Transactions: pysqlite's own BEGIN handling is switched off and the store emits BEGIN itself
  (the SQLAlchemy-documented recipe), ``BEGIN IMMEDIATE`` for writes so that concurrent
  writers queue on the busy timeout instead of failing on a lock upgrade.
- Migrations run with foreign keys off, because a batch migration recreates tables and
  dropping a parent table would otherwise cascade-delete its children; the result is checked
  with ``foreign_key_check`` before it commits.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, closing, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine

from kt_workbench.errors import StoreError
from kt_workbench.store.schema import ensure_known_revisions, head_revision
from kt_workbench.store.units import WRITE_INTENT

BUSY_TIMEOUT_MS = 10_000
SQLITE_HEADER = b"SQLite format 3\x00"
SUPPORTED_DRIVERS = ("pysqlite",)


class SQLiteSupport:
    def prepare(self, url: URL) -> None:
        if url.get_driver_name() not in SUPPORTED_DRIVERS:
            raise StoreError(f"the SQLite driver {url.get_driver_name()!r} is not supported")
        path = database_path(url)
        if path.is_dir():
            raise StoreError(f"{path} is a folder, not a database file")
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            _create_private_file(path)
            return
        except OSError as exc:
            raise StoreError(f"cannot open {path}: {exc.strerror}") from None
        if size == 0:
            return
        _check_existing_file(path)

    def engine_options(self, url: URL) -> dict[str, Any]:
        # pysqlite's own busy handler; the pragma below is what every connection relies on.
        return {"connect_args": {"timeout": BUSY_TIMEOUT_MS / 1000}}

    def configure_engine(self, engine: Engine) -> None:
        event.listen(engine, "connect", _on_connect)
        event.listen(engine, "begin", _on_begin)

    def migration_guard(self, connection: Connection) -> AbstractContextManager[None]:
        return _foreign_keys_off(connection)

    def verify_migrated(self, connection: Connection) -> None:
        violations = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if violations:
            table = violations[0][0]
            raise StoreError(
                f"the schema upgrade left {len(violations)} broken reference(s) in table {table}"
            )


def database_path(url: URL) -> Path:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise StoreError("in-memory and URI-style SQLite databases are not supported; give a path")
    return Path(database)


def _create_private_file(path: Path) -> None:
    """Create an empty database file readable by its owner only; SQLite fills it in."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise StoreError(f"cannot create the database {path}: {exc.strerror}") from None
    os.close(descriptor)
    path.chmod(0o600)  # the umask may only have removed bits; this states the intent exactly


def _check_existing_file(path: Path) -> None:
    """Refuse, without writing anything, a file that is not a store this version can open.

    Nothing is switched (journal mode) and no sibling file is left behind: the check reads
    the file as immutable when it has no WAL (so SQLite makes no ``-shm``), and removes the
    ``-wal``/``-shm`` a read-only open of a WAL database created when it refuses the file.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from None
    if header != SQLITE_HEADER:
        raise StoreError(f"{path} is not a KT Workbench database (not an SQLite file)")
    siblings = [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "-journal")]
    existed = {sibling for sibling in siblings if sibling.exists()}
    try:
        if Path(f"{path}-wal") not in existed:
            try:
                _check_schema(path, "mode=ro&immutable=1")
                return
            except sqlite3.Error:
                pass  # changed while being read: read it again the ordinary way
        _check_schema(path, "mode=ro")
    except BaseException:
        for sibling in siblings:
            if sibling not in existed:
                sibling.unlink(missing_ok=True)
        raise


def _check_schema(path: Path, mode: str) -> None:
    try:
        with closing(sqlite3.connect(f"{path.absolute().as_uri()}?{mode}", uri=True)) as db:
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
            if not tables:
                return
            if "alembic_version" not in tables:
                raise StoreError(
                    f"{path} is an SQLite database but not a KT Workbench store; "
                    "choose another file"
                )
            revisions = [row[0] for row in db.execute("SELECT version_num FROM alembic_version")]
    except sqlite3.Error as exc:
        if "immutable" in mode:
            raise  # the caller reads it again the ordinary way
        raise StoreError(f"{path} is not a usable database: {exc}") from None
    ensure_known_revisions(revisions, str(path))
    missing = sorted(_required_tables(revisions) - tables)
    if missing:
        raise StoreError(
            f"{path} says it is a KT Workbench store (schema revision "
            f"{', '.join(revisions) or 'none'}) but has no table {missing[0]!r}; "
            "it was not written by ktw: choose another file"
        )


def _required_tables(revisions: list[str]) -> set[str]:
    """Tables every store stamped with ``revisions`` has: ``process`` from the first
    revision on, and every table of the current schema at the newest revision."""
    if not revisions:
        return set()
    if revisions == [head_revision()]:
        from sqlmodel import SQLModel

        import kt_workbench.store.governance_tables
        import kt_workbench.store.tables
        import kt_workbench.store.team_tables  # noqa: F401

        return set(SQLModel.metadata.tables)
    return {"process"}


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Hand transaction control to SQLAlchemy's "begin" event (see _on_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        _switch_to_wal(cursor)
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def _switch_to_wal(cursor: Any) -> None:
    # While another connection is switching a new file to WAL, SQLite answers "locked" at once
    # instead of waiting on the busy timeout, so the wait happens here.
    give_up = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL").fetchall()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > give_up:
                raise
            time.sleep(0.01)


def _on_begin(connection: Connection) -> None:
    if connection.get_execution_options().get(WRITE_INTENT):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


@contextmanager
def _foreign_keys_off(connection: Connection) -> Iterator[None]:
    # The pragma is ignored inside a transaction, so it goes to the driver connection
    # directly, before SQLAlchemy begins one.
    raw = connection.connection.dbapi_connection
    if raw is None:
        raise StoreError("the database connection was closed during the schema upgrade")
    raw.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys = ON")
