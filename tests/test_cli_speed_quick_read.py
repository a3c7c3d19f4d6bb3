"""The light reader (plain ``sqlite3``) reads exactly what the store's SQLAlchemy reads read:
the same documents and versions, the same listing, change sequence and identity, the same
damaged rows skipped with the same reasons; and it steps aside (``None``) for anything the
usual path must handle, changing nothing."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from benchmarks.generator import generate_library
from kt_workbench.importing import load_files
from kt_workbench.model import ProcessDocument, Step
from kt_workbench.samples import sample_folder
from kt_workbench.store import ProcessStore
from kt_workbench.store.quick_read import QuickReader, QuickReadUnavailable
from kt_workbench.store.revisions import head_revision


def _library() -> list[ProcessDocument]:
    samples = [item.document for item in load_files([sample_folder()])]
    return samples + generate_library(60, seed=3, tail_words=800)


@pytest.fixture(scope="module")
def library() -> list[ProcessDocument]:
    return _library()


def _stored(path: Path, documents: list[ProcessDocument]) -> Path:
    with ProcessStore.open(path) as store:
        store.save_many(documents)
        store.save(documents[0])  # a second version of one
        store.delete(documents[-1].id)
    return path


def test_it_reads_what_the_store_reads(tmp_path: Path, library: list[ProcessDocument]) -> None:
    db = _stored(tmp_path / "lib.db", library)
    reader = QuickReader.open(db)
    assert reader is not None
    with ProcessStore.open(db) as store:
        sequence, documents = store.documents_with_versions()
        assert reader.documents_with_versions() == (sequence, documents, ())
        assert reader.listing() == store.listing()
        assert reader.change_sequence() == store.change_sequence() == sequence
        assert reader.store_id() == store.store_id()
        assert reader.versions() == (sequence, {doc.id: v for doc, v in documents})
        changes = [(c.sequence, c.process_id, c.version) for c in store.changes_since(3)]
        assert reader.changes_since(3) == changes
        for document, _ in documents[::7]:
            assert reader.get_with_version(document.id) == store.get_with_version(document.id)
        assert reader.get_with_version("no-such-process") is None
    assert len(documents) == len(library) - 1


@pytest.mark.parametrize(
    ("statement", "params"),
    [
        ("UPDATE process SET decision_tree = 'oops' WHERE id = ?", ()),
        ("UPDATE process SET tags = '[1]' WHERE id = ?", ()),
        ("UPDATE process SET layout = '{\"step_style\": 3}' WHERE id = ?", ()),
        ("UPDATE process SET title = CAST(? AS TEXT) WHERE id = ?", (b"bad \xff\xfe utf-8",)),
        ("UPDATE process_step SET role = CAST(? AS TEXT) WHERE process_id = ?", (b"\xc3",)),
        ("UPDATE process SET purpose = ? WHERE id = ?", ("a\x00b",)),
    ],
    ids=["tree", "tags", "layout", "title-not-utf8", "step-not-utf8", "nul"],
)
def test_a_damaged_row_is_skipped_and_reported_alike(
    tmp_path: Path, library: list[ProcessDocument], statement: str, params: tuple[object, ...]
) -> None:
    db = _stored(tmp_path / "lib.db", library[:30])
    victim = next(doc.id for doc in library[:30] if doc.steps)
    with closing(sqlite3.connect(db)) as raw, raw:
        raw.execute(statement, (*params, victim))
    reader = QuickReader.open(db)
    assert reader is not None
    with ProcessStore.open(db) as store:
        sequence, documents = store.documents_with_versions()
        quick_sequence, quick_documents, skipped = reader.documents_with_versions()
        assert (quick_sequence, quick_documents) == (sequence, documents)
        assert skipped == store.unreadable and [p.id for p in skipped] == [victim]
        assert reader.listing() == store.listing()
        try:
            expected = store.get_with_version(victim)
        except Exception:
            # The store refuses it by name; the light reader leaves that to it.
            with pytest.raises(QuickReadUnavailable):
                reader.get_with_version(victim)
        else:
            assert reader.get_with_version(victim) == expected


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if not path.name.endswith(("-wal", "-shm"))
    }


def test_it_steps_aside_for_what_only_the_store_handles(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    assert QuickReader.open(missing) is None and not missing.exists()
    assert QuickReader.open(f"sqlite:///{tmp_path / 'x.db'}") is None  # URLs: the store
    assert QuickReader.open("postgresql://user@localhost/ktw") is None
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("hello")
    assert QuickReader.open(not_sqlite) is None
    foreign = tmp_path / "foreign.db"
    with closing(sqlite3.connect(foreign)) as raw:
        raw.execute("CREATE TABLE t (x)")
    assert QuickReader.open(foreign) is None
    for revision in ("0003", "9999"):  # a store to upgrade, one from a newer ktw
        db = _stored(tmp_path / f"store-{revision}.db", [ProcessDocument(id="a", title="A")])
        with closing(sqlite3.connect(db)) as raw, raw:
            raw.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        before = _fingerprint(tmp_path)
        assert QuickReader.open(db) is None
        assert _fingerprint(tmp_path) == before
    assert head_revision() not in ("0003", "9999")


def test_reading_changes_nothing_and_waits_for_no_one(tmp_path: Path) -> None:
    db = _stored(tmp_path / "lib.db", [ProcessDocument(id=i, title=i) for i in "abc"])
    before = _fingerprint(tmp_path)
    reader = QuickReader.open(db)
    assert reader is not None
    with ProcessStore.open(db) as store:
        # A writer holding its transaction open: WAL readers see the last commit.
        with closing(sqlite3.connect(db, isolation_level=None)) as writer:
            writer.execute("BEGIN IMMEDIATE")
            writer.execute("UPDATE process SET title = 'changed' WHERE id = 'a'")
            assert reader.get_with_version("a") == store.get_with_version("a")
            assert reader.listing()[1][0].title == "a"
            writer.execute("ROLLBACK")
        store.save(ProcessDocument(id="d", title="D", steps=(Step("x"),)))
        assert reader.get_with_version("d") == store.get_with_version("d")
    with reader._connection() as raw, pytest.raises(sqlite3.OperationalError, match="readonly"):
        raw.execute("DELETE FROM process")
    assert reader.listing()[1][-1].id == "d"
    # The last connection to close tidies the WAL files away, as the store's own do.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lib.db"]
    assert set(_fingerprint(tmp_path)) == set(before)
