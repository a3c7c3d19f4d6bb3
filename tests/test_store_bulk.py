"""A store filled by one ``save_many`` holds, row for row, what saving each document one by one
holds, including documents whose revision markdown was rendered while an import read them."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import DateTime, create_engine, select
from sqlalchemy.pool import NullPool
from sqlmodel import SQLModel

from kt_workbench import importing
from kt_workbench.bulk_work import fewer_collections
from kt_workbench.importing import ImportOptions, load_files, to_store
from kt_workbench.markdown import render_document
from kt_workbench.model import ProcessDocument
from kt_workbench.store import ProcessStore, resolve_database_url
from kt_workbench.store.change_tables import CHANGE_TABLE, IDENTITY_TABLE
from kt_workbench.store.records import RenderedDocument, rendered, revision_markdown
from kt_workbench.store.writes import prepare
from tests.postgres_server import BACKENDS, PostgresServer, postgres_server  # noqa: F401
from tests.strategies import documents

AUTHOR = "Bulk Tester"


@pytest.fixture(params=BACKENDS)
def two_targets(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two empty stores on the same backend: SQLite files, then PostgreSQL databases."""
    if request.param == "sqlite":
        yield str(tmp_path / "bulk.db"), str(tmp_path / "one_by_one.db")
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    names = [server.take_store_database(), server.take_store_database()]
    yield server.url(names[0]), server.url(names[1])
    for name in names:
        server.give_back(name)


def table_contents(target: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted, without the times a save stamps (they differ by when
    each ran) and without the store's random identity."""
    engine = create_engine(resolve_database_url(target), poolclass=NullPool)
    contents: dict[str, list[tuple[Any, ...]]] = {}
    try:
        with engine.connect() as connection:
            for table in SQLModel.metadata.sorted_tables:
                if table.name == IDENTITY_TABLE.name:
                    continue
                kept = [c for c in table.columns if not isinstance(c.type, DateTime)]
                if table.name == CHANGE_TABLE.name:
                    # The numbers go on from where a reused database's sequence was: their
                    # order is what counts.
                    rest = [c for c in kept if c is not CHANGE_TABLE.c.sequence]
                    ordered = select(*rest).order_by(CHANGE_TABLE.c.sequence)
                    found = connection.execute(ordered).all()
                    contents[table.name] = [(n, *row) for n, row in enumerate(found)]
                    continue
                rows = connection.execute(select(*kept)).all()
                contents[table.name] = sorted((tuple(row) for row in rows), key=repr)
    finally:
        engine.dispose()
    return contents


def _library(count: int) -> list[ProcessDocument]:
    from benchmarks.generator import generate_library

    return generate_library(count, seed=11)


def test_save_many_writes_what_saving_one_by_one_writes(two_targets: tuple[str, str]) -> None:
    bulk, one_by_one = two_targets
    library = _library(30)
    with ProcessStore.open(bulk) as store:
        versions = store.save_many(library, author=AUTHOR)
        # A second import of the same files replaces each process and records version 2.
        again = store.save_many([rendered(document) for document in library], author=AUTHOR)
    with ProcessStore.open(one_by_one) as store:
        singles = {document.id: store.save(document, author=AUTHOR) for document in library}
        singles_again = {document.id: store.save(document, author=AUTHOR) for document in library}
    assert versions == singles and again == singles_again
    assert set(again.values()) == {2}
    bulk_rows, single_rows = table_contents(bulk), table_contents(one_by_one)
    assert bulk_rows == single_rows
    assert len(bulk_rows["process"]) == 30 and len(bulk_rows["process_revision"]) == 60


def test_an_import_stores_exactly_what_saving_its_documents_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files read by worker processes, rendered there, then saved in bulk: the same rows as
    saving the documents read one by one, and each revision is what rendering gives."""
    folder = tmp_path / "files"
    folder.mkdir()
    library = _library(60)
    for document in library:
        (folder / f"{document.id}.md").write_text(render_document(document), encoding="utf-8")
    # A file without an id whose title's id another file has: it is given a new id after
    # its markdown was rendered, so that markdown must not be used.
    (folder / "sub").mkdir()
    again = f"# {library[0].title}\n\n## Procedure\n\n1. Check the account.\n"
    (folder / "sub" / "again.md").write_text(again, encoding="utf-8")
    monkeypatch.setattr(importing, "_PARALLEL_FROM", 10)
    monkeypatch.setattr(importing, "_CHUNK", 4)
    monkeypatch.setattr(importing, "spare_workers", lambda: 3)
    loaded = load_files([folder], ImportOptions(render=True))
    stored = to_store(loaded)
    assert sum(isinstance(item, RenderedDocument) for item in stored) == len(loaded) - 1
    for item in stored:
        if isinstance(item, RenderedDocument):
            assert item.markdown == revision_markdown(item.document)

    bulk, one_by_one = str(tmp_path / "bulk.db"), str(tmp_path / "single.db")
    with ProcessStore.open(bulk) as store:
        store.save_many(stored, author=AUTHOR)
        for item in loaded:
            assert store.revision_markdown(item.document.id, 1) == render_document(
                item.document, diagram=False
            )
    with ProcessStore.open(one_by_one) as store:
        for item in loaded:
            store.save(item.document, author=AUTHOR)
    assert table_contents(bulk) == table_contents(one_by_one)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_a_rendered_document_prepares_exactly_as_the_document(document: ProcessDocument) -> None:
    from_document, from_rendered = prepare(document), prepare(rendered(document))
    assert from_rendered.markdown == from_document.markdown
    assert from_rendered.process == from_document.process
    assert from_rendered.children == from_document.children


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(documents(), min_size=1, max_size=4))
def test_any_documents_saved_in_bulk_match_saving_them_one_by_one(
    tmp_path_factory: pytest.TempPathFactory, batch: list[ProcessDocument]
) -> None:
    folder = tmp_path_factory.mktemp("bulk")
    batch = list({document.id: document for document in batch}.values())
    bulk, one_by_one = str(folder / "bulk.db"), str(folder / "single.db")
    with ProcessStore.open(bulk) as store:
        store.save_many([rendered(document) for document in batch], author=AUTHOR)
    with ProcessStore.open(one_by_one) as store:
        for document in batch:
            store.save(document, author=AUTHOR)
    assert table_contents(bulk) == table_contents(one_by_one)


def test_fewer_collections_restores_the_collector_after_nested_and_concurrent_use() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold()[0] > before[0] and gc.get_freeze_count() > 0
        with fewer_collections():
            pass
        assert gc.get_threshold()[0] > before[0]  # the inner exit left the outer pause on
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0

    # Two threads whose pauses overlap, the first to start leaving first.
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()

    def first() -> None:
        with fewer_collections():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second() -> None:
        first_in.wait(5)
        with fewer_collections():
            second_in.set()
            first_out.wait(5)
            assert gc.get_threshold()[0] > before[0]

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert first_out.is_set() and gc.get_threshold() == before and gc.get_freeze_count() == 0
