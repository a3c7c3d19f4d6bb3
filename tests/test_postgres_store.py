"""The PostgreSQL store: session settings, the write lock, snapshot reads, and one-line errors
for a server that cannot be reached, refused credentials, a missing database, a database of
another application and a database written by a newer release (left untouched)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select, text

from kt_workbench.errors import StoreError
from kt_workbench.model import ProcessDocument, Step
from kt_workbench.store import ProcessStore
from kt_workbench.store.units import read_unit, write_unit
from tests.postgres_server import (  # noqa: F401
    PostgresServer,
    empty_postgres_url,
    postgres_server,
    postgres_url,
    raw_query,
)


def test_connections_run_in_utc_with_timeouts(postgres_url: str) -> None:  # noqa: F811
    with ProcessStore.open(postgres_url) as store, store._engine.connect() as connection:
        show = connection.exec_driver_sql
        assert show("SHOW timezone").scalar() == "UTC"
        assert show("SHOW lock_timeout").scalar() == "10s"
        assert show("SHOW application_name").scalar() == "ktw"


def test_reads_see_one_snapshot_and_writes_read_committed(postgres_url: str) -> None:  # noqa: F811
    with ProcessStore.open(postgres_url) as store:
        with read_unit(store._engine) as session:
            level = session.execute(text("SHOW transaction_isolation")).scalar()
            assert level == "repeatable read"
        with write_unit(store._writer) as session:
            level = session.execute(text("SHOW transaction_isolation")).scalar()
            assert level == "read committed"


def test_a_write_unit_holds_the_write_lock_from_its_start(postgres_url: str) -> None:  # noqa: F811
    with ProcessStore.open(postgres_url) as store:
        entered = threading.Event()
        release = threading.Event()
        order: list[str] = []

        def first_writer() -> None:
            with write_unit(store._writer) as session:
                session.execute(select(text("1")))
                entered.set()
                release.wait(10)
                order.append("first commits")

        thread = threading.Thread(target=first_writer)
        thread.start()
        assert entered.wait(10)
        # A second writer queues behind the first; readers are never blocked.
        assert store.ids() == []
        second = threading.Thread(
            target=lambda: (store.save(ProcessDocument(id="a", title="A")), order.append("saved"))
        )
        second.start()
        second.join(0.5)
        assert second.is_alive()  # still waiting for the lock
        release.set()
        thread.join(10)
        second.join(10)
        assert order == ["first commits", "saved"]


def test_a_failed_write_leaves_the_connection_usable(postgres_url: str) -> None:  # noqa: F811
    with ProcessStore.open(postgres_url) as store:
        with pytest.raises(StoreError, match="status must be"):
            store.save(ProcessDocument(id="a", title="A", status="nope"))  # type: ignore[arg-type]
        for _ in range(5):  # more than the pool holds, so every pooled connection is reused
            store.save(ProcessDocument(id="a", title="A", steps=(Step("one"),)))
        assert store.summaries()[0].version == 5


def _open_error(url: str) -> str:
    with pytest.raises(StoreError) as raised:
        ProcessStore.open(url)
    message = str(raised.value)
    assert "\n" not in message
    assert raised.value.exit_code == 2
    return message


def test_an_unreachable_server_is_one_line(postgres_server: PostgresServer) -> None:  # noqa: F811
    url = postgres_server.url("postgres").replace(f":{postgres_server.port}/", ":1/")
    message = _open_error(url)
    assert "Connection refused" in message
    assert "is the database server running" in message


def test_a_wrong_password_is_one_line_and_never_shown(
    postgres_server: PostgresServer,  # noqa: F811
) -> None:
    message = _open_error(postgres_server.url("postgres", password="not-the-password"))
    assert "password authentication failed" in message
    assert "check the user and password" in message
    assert "not-the-password" not in message


def test_a_missing_database_says_to_create_it(postgres_server: PostgresServer) -> None:  # noqa: F811
    message = _open_error(postgres_server.url("no_such_database"))
    assert 'database "no_such_database" does not exist' in message
    assert "createdb" in message


def test_a_database_from_a_newer_release_is_refused_untouched(postgres_url: str) -> None:  # noqa: F811
    with ProcessStore.open(postgres_url) as store:
        store.save(ProcessDocument(id="a", title="A"))
    query = raw_query(postgres_url)
    query("UPDATE alembic_version SET version_num = '0099'")
    before = query("SELECT id, version FROM process")
    message = _open_error(postgres_url)
    assert "newer version of KT Workbench" in message
    assert "0099" in message
    assert query("SELECT id, version FROM process") == before
    assert query("SELECT version_num FROM alembic_version") == [("0099",)]


def test_another_applications_database_is_refused_untouched(empty_postgres_url: str) -> None:  # noqa: F811
    query = raw_query(empty_postgres_url)
    query("CREATE TABLE customers (id integer PRIMARY KEY, name text)")
    message = _open_error(empty_postgres_url)
    assert "not a KT Workbench store" in message
    tables = query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    assert tables == [("customers",)]


def test_an_unsupported_driver_is_refused() -> None:
    with pytest.raises(StoreError, match=r"postgresql\+psycopg://"):
        ProcessStore.open("postgresql+psycopg2://ktw@localhost/ktw")


def test_a_url_without_a_database_is_refused() -> None:
    with pytest.raises(StoreError, match="names no database"):
        ProcessStore.open("postgresql+psycopg://ktw@localhost")
