"""The SQLite store: connection settings, write locking, and refusing bad files (concurrency on
every backend is in test_store_concurrency)."""

from __future__ import annotations

import sqlite3
import stat
import threading
from pathlib import Path

import pytest
from sqlalchemy import select, text

from kt_workbench.errors import StoreError
from kt_workbench.model import ProcessDocument
from kt_workbench.store import ProcessStore
from kt_workbench.store.units import read_unit, write_unit


def test_every_pooled_connection_gets_the_pragmas(tmp_path: Path) -> None:
    store = ProcessStore.open(tmp_path / "s.db")
    # Two connections at once force the pool to open a second one.
    with store, store._engine.connect() as first, store._engine.connect() as second:
        assert first.connection.dbapi_connection is not second.connection.dbapi_connection
        for connection in (first, second):
            pragma = connection.exec_driver_sql
            assert pragma("PRAGMA foreign_keys").scalar() == 1
            assert pragma("PRAGMA journal_mode").scalar() == "wal"
            busy_timeout_ms = pragma("PRAGMA busy_timeout").scalar()
            assert busy_timeout_ms is not None
            assert busy_timeout_ms >= 5000
            assert pragma("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_write_units_hold_the_write_lock_from_their_first_statement(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with ProcessStore.open(path) as store:
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            with write_unit(store._writer) as session:
                session.execute(select(text("1")))  # BEGIN IMMEDIATE, before any write
                with pytest.raises(sqlite3.OperationalError, match="locked"):
                    other.execute("BEGIN IMMEDIATE")
            with read_unit(store._engine) as session:
                session.execute(select(text("1")))  # a plain BEGIN leaves writers free
                other.execute("BEGIN IMMEDIATE")
                other.execute("ROLLBACK")
        finally:
            other.close()


def test_a_new_database_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "folders" / "ktw.db"
    with ProcessStore.open(path) as store:
        store.save(ProcessDocument(id="a", title="A"))
        # SQLite gives its write-ahead log the database file's permissions.
        wal = path.with_name(path.name + "-wal")
        assert stat.S_IMODE(wal.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_empty_file_is_taken_as_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with ProcessStore.open(path) as store:
        store.save(ProcessDocument(id="a", title="A"))
        assert store.ids() == ["a"]


def _sqlite_file_with(tmp_path: Path, *statements: str) -> Path:
    path = tmp_path / "other.db"
    db = sqlite3.connect(path)
    try:
        for statement in statements:
            db.execute(statement)
        db.commit()
    finally:
        db.close()
    return path


def _store_with_revision(tmp_path: Path, revision: str) -> Path:
    path = tmp_path / "newer.db"
    with ProcessStore.open(path) as store:
        store.save(ProcessDocument(id="a", title="A"))
    db = sqlite3.connect(path)
    try:
        db.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        db.commit()
    finally:
        db.close()
    return path


BAD_FILES = {
    "text": lambda tmp: _write(tmp / "notes.db", b"# My notes\nNot a database at all.\n"),
    "random bytes": lambda tmp: _write(tmp / "noise.db", bytes(range(256)) * 64),
    "sqlite header then garbage": lambda tmp: _write(
        tmp / "broken.db", b"SQLite format 3\x00" + b"\xff" * 4000
    ),
    "another application's database": lambda tmp: _sqlite_file_with(
        tmp, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)"
    ),
    "a newer schema": lambda tmp: _store_with_revision(tmp, "9999_from_the_future"),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_a_file_that_is_not_a_usable_store_is_refused_untouched(tmp_path: Path, kind) -> None:
    path = BAD_FILES[kind](tmp_path)
    before = (path.read_bytes(), path.stat().st_mtime_ns, stat.S_IMODE(path.stat().st_mode))
    with pytest.raises(StoreError) as raised:
        ProcessStore.open(path)
    message = str(raised.value)
    assert "\n" not in message
    assert str(path) in message
    assert raised.value.exit_code == 2
    after = (path.read_bytes(), path.stat().st_mtime_ns, stat.S_IMODE(path.stat().st_mode))
    assert after == before


def test_a_newer_schema_says_to_upgrade(tmp_path: Path) -> None:
    path = _store_with_revision(tmp_path, "0099")
    with pytest.raises(StoreError, match=r"newer version of KT Workbench.*0099.*upgrade"):
        ProcessStore.open(path)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        ProcessStore.open(tmp_path)


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"])
def test_in_memory_databases_are_refused(url: str) -> None:
    with pytest.raises(StoreError, match="in-memory"):
        ProcessStore.open(url)


def test_connections_racing_to_switch_a_new_file_to_wal_all_succeed(tmp_path: Path) -> None:
    # SQLite answers "locked" without waiting while another connection switches a new file to
    # WAL; every connection must still come up. A race, so many rounds of several at once.
    from kt_workbench.store.sqlite_dialect import _on_connect

    failures: list[BaseException] = []
    for round_number in range(30):
        path = tmp_path / f"race-{round_number}.db"
        start = threading.Barrier(6)

        def connect(path: Path = path, start: threading.Barrier = start) -> None:
            connection = sqlite3.connect(path, check_same_thread=False)
            try:
                start.wait()
                _on_connect(connection, None)
                assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
            except BaseException as exc:  # surfaced to the test thread below
                failures.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=connect) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []
