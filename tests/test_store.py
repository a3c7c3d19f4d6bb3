"""The process store's public behaviour: save, replace, read, list, delete, listen, locate."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import event

from kt_workbench import locations
from kt_workbench.errors import StoreError
from kt_workbench.model import (
    AccessRight,
    Branch,
    Contact,
    DecisionTree,
    EdgeCase,
    ExtraSection,
    GlossaryEntry,
    Metric,
    Node,
    NodeKind,
    ProcessDocument,
    Script,
    SectionNote,
    Step,
)
from kt_workbench.store import ProcessStore, ProcessSummary, StoreChange, resolve_database_url
from tests.postgres_server import postgres_server, postgres_url, raw_query, store_target  # noqa: F401


def full_document(process_id: str = "refund-duplicate-charge") -> ProcessDocument:
    tree = DecisionTree(
        items=(
            Node(
                NodeKind.QUESTION,
                "Is the duplicate charge older than 120 days?",
                "start",
                (
                    Branch("Yes", Node(NodeKind.OUTCOME, "Advise a chargeback.", "bank")),
                    Branch("Not sure", goto="pending"),
                ),
            ),
            Node(NodeKind.QUESTION, "Is the second charge still pending?", "pending"),
        )
    )
    return ProcessDocument(
        id=process_id,
        title="Refund a duplicate card charge",
        owner="Priya Natarajan",
        team="Billing support",
        status="approved",
        channels=("phone", "email"),
        volume_per_month=1400,
        last_reviewed=dt.date(2026, 9, 14),
        review_every_days=90,
        tags=("billing", "refunds"),
        extra_front_matter="region: EU\n",
        purpose="Customers charged twice get one charge back.",
        scope="Card payments only.\n\nNot bank transfers.",
        steps=(
            Step("Find both charges", role="Agent", system="Stripe", done_when="Both found"),
            Step("Refund the second", details="Use the *refund* button."),
        ),
        scripts=(Script("Opening", "> Thanks for calling."),),
        decision_tree=tree,
        access_rights=(AccessRight("Stripe", "Agent", "Refunds", "IT form", "Billing lead"),),
        edge_cases=(EdgeCase("Card expired", "Card closed", "Bank transfer", "Team lead"),),
        metrics=(Metric("CSAT", "86%", "80%", "84%", "87%"),),
        contacts=(Contact("Billing lead", "Sam", "Slack #billing", "9-17 CET"),),
        glossary=(GlossaryEntry("PSP", "Payment service provider"),),
        notes=(SectionNote("procedure", "Ask before refunding twice."),),
        extra_sections=(ExtraSection("History", "Written in 2024."),),
    )


@pytest.fixture
def store(store_target: str):  # noqa: F811
    """A store on each backend: an SQLite file, then a PostgreSQL database."""
    with ProcessStore.open(store_target) as opened:
        yield opened


def test_a_saved_document_comes_back_equal(store: ProcessStore) -> None:
    document = full_document()
    store.save(document)
    assert store.get(document.id) == document
    assert store.get("missing") is None


def test_saving_an_existing_id_replaces_the_whole_process(store: ProcessStore) -> None:
    store.save(full_document())
    smaller = ProcessDocument(id="refund-duplicate-charge", title="Refund, rewritten")
    store.save(smaller)
    assert store.get(smaller.id) == smaller
    assert store.ids() == ["refund-duplicate-charge"]


def test_each_save_bumps_the_version_and_time(store: ProcessStore) -> None:
    document = full_document()
    store.save(document)
    [first] = store.summaries()
    store.save(dataclasses.replace(document, status="draft"))
    [second] = store.summaries()
    assert (first.version, second.version) == (1, 2)
    assert first.updated_at.tzinfo is not None
    assert first.updated_at <= second.updated_at
    assert first.updated_at.utcoffset() == dt.timedelta(0)


def test_summaries_and_ids_are_sorted_by_id(store: ProcessStore) -> None:
    store.save_many([full_document("b"), full_document("a"), full_document("c")])
    assert store.ids() == ["a", "b", "c"]
    summaries = store.summaries()
    assert [summary.id for summary in summaries] == ["a", "b", "c"]
    assert summaries[0] == ProcessSummary(
        id="a",
        title="Refund a duplicate card charge",
        team="Billing support",
        owner="Priya Natarajan",
        status="approved",
        version=1,
        updated_at=summaries[0].updated_at,
    )


def test_documents_returns_all_sorted(store: ProcessStore) -> None:
    documents = [full_document(f"process-{n:02d}") for n in (3, 1, 2)]
    store.save_many(documents)
    assert store.documents() == sorted(documents, key=lambda document: document.id)


def test_reads_query_each_table_once_whatever_the_number_of_processes(
    store: ProcessStore,
) -> None:
    store.save_many([full_document(f"process-{n:02d}") for n in range(30)])
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(store._engine, "before_cursor_execute", record)
    try:
        assert len(store.documents()) == 30
        selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
        assert len(selects) == 10  # the process table and nine child tables
        statements.clear()
        store.summaries()
        [summary_select] = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
        assert "decision_tree" not in summary_select
        assert "purpose" not in summary_select
    finally:
        event.remove(store._engine, "before_cursor_execute", record)


def test_delete_removes_the_process_and_its_children(
    store: ProcessStore,
    store_target: str,  # noqa: F811
) -> None:
    store.save_many([full_document("a"), full_document("b")])
    assert store.delete("a") is True
    assert store.delete("a") is False
    assert store.ids() == ["b"]
    query = raw_query(store_target)
    count = "SELECT count(*) FROM process_step WHERE process_id = :id"
    assert query(count, id="a") == [(0,)]
    assert query(count, id="b") == [(2,)]


def test_listeners_hear_committed_changes(
    store: ProcessStore,
    store_target: str,  # noqa: F811
) -> None:
    heard: list[StoreChange] = []
    visible_elsewhere: list[bool] = []
    query = raw_query(store_target)

    def listener(change: StoreChange) -> None:
        heard.append(change)
        # Another connection sees the change: it was committed before the listener ran.
        rows = query("SELECT 1 FROM process WHERE id = :id", id=change.id)
        visible_elsewhere.append(bool(rows) == (change.kind == "saved"))

    unsubscribe = store.subscribe(listener)
    document = full_document("a")
    store.save(document)
    store.delete("a")
    store.delete("a")  # nothing deleted, nothing heard
    unsubscribe()
    store.save(document)
    assert heard == [StoreChange("saved", "a", document), StoreChange("deleted", "a", None)]
    assert visible_elsewhere == [True, True]


def test_a_failing_listener_neither_undoes_the_save_nor_silences_others(
    store: ProcessStore,
) -> None:
    heard: list[str] = []

    def broken(_change: StoreChange) -> None:
        raise RuntimeError("listener bug")

    store.subscribe(broken)
    store.subscribe(lambda change: heard.append(change.id))
    store.save(full_document("a"))
    assert heard == ["a"]
    assert store.ids() == ["a"]


def test_a_closed_store_refuses_work(store_target: str) -> None:  # noqa: F811
    store = ProcessStore.open(store_target)
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.ids()


def test_stores_on_one_database_share_one_engine(store_target: str) -> None:  # noqa: F811
    with (
        ProcessStore.open(store_target) as first,
        ProcessStore.open(store_target) as second,
    ):
        assert first._engine is second._engine
        first.save(full_document("shared"))
        assert second.ids() == ["shared"]
    with ProcessStore.open(store_target) as third:
        assert third.ids() == ["shared"]


def test_url_is_shown_without_password() -> None:
    from kt_workbench.store.url import display_url, parse_url

    url = parse_url(resolve_database_url("postgresql+psycopg://ktw:s3cret@db.example/ktw"))
    assert "s3cret" not in display_url(url)
    assert display_url(url).startswith("postgresql+psycopg://ktw:")


@pytest.mark.parametrize("scheme", ["postgresql", "postgres", "postgresql+psycopg"])
def test_postgresql_urls_mean_the_psycopg_driver(scheme: str) -> None:
    resolved = resolve_database_url(f"{scheme}://ktw:pw@db.example:5433/ktw")
    assert resolved == "postgresql+psycopg://ktw:pw@db.example:5433/ktw"


def test_plain_paths_become_absolute_sqlite_urls(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve_database_url("data/ktw.db") == f"sqlite+pysqlite:///{tmp_path}/data/ktw.db"
    assert resolve_database_url("sqlite:///x.db") == "sqlite:///x.db"
    with ProcessStore.open(tmp_path / "ü ktw.db") as store:
        assert store.url == f"sqlite:///{tmp_path}/ü ktw.db"


def test_the_location_comes_from_env_then_default(tmp_path: Path, monkeypatch) -> None:
    default = tmp_path / "data" / "ktw.db"
    monkeypatch.setattr(locations, "default_database_path", lambda: default)
    monkeypatch.delenv(locations.DB_ENV_VAR, raising=False)
    with ProcessStore.open() as store:
        store.save(full_document("a"))
    assert default.is_file()
    from_env = tmp_path / "env.db"
    monkeypatch.setenv(locations.DB_ENV_VAR, str(from_env))
    with ProcessStore.open() as store:
        assert store.ids() == []
        assert store.url == f"sqlite:///{from_env}"


@pytest.mark.parametrize("target", ["", "   ", "nonsense://"])
def test_unusable_locations_are_one_line_errors(target: str) -> None:
    with pytest.raises(StoreError) as raised:
        ProcessStore.open(target)
    assert "\n" not in str(raised.value)


def test_a_missing_driver_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot use the database"):
        ProcessStore.open("nosuchdb+nodriver://host/db")
