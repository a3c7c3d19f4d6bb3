"""Team mode in the store, on SQLite and PostgreSQL: every save is a revision with its author
and markdown, expected versions refuse conflicting edits, and sign-offs name real versions."""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
from pathlib import Path

import pytest
from sqlalchemy import text

from kt_workbench.errors import KtwError, NotFoundError, StoreError
from kt_workbench.importing import load_files
from kt_workbench.markdown import render_document
from kt_workbench.model import ProcessDocument, Step
from kt_workbench.store import ConflictError, ProcessStore, StoreChange
from tests.conftest import SAMPLES
from tests.postgres_server import postgres_server, postgres_url, store_target  # noqa: F401

REFUND = ProcessDocument(id="refund", title="Refund a charge", steps=(Step("Find it"),))
EDITED = dataclasses.replace(REFUND, steps=(Step("Find it"), Step("Refund it")))


@pytest.fixture
def store(store_target: str):  # noqa: F811
    with ProcessStore.open(store_target) as opened:
        yield opened


def test_every_save_records_a_revision_with_author_time_and_markdown(
    store: ProcessStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KTW_AUTHOR", "Priya Natarajan")
    assert store.save(REFUND) == 1
    assert store.save(EDITED, author="  Sam   Lee ") == 2
    monkeypatch.delenv("KTW_AUTHOR")
    assert store.save_many([REFUND, ProcessDocument(id="other", title="Other")]) == {
        "refund": 3,
        "other": 1,
    }
    first, second, third = store.revisions("refund")
    assert [r.version for r in (first, second, third)] == [1, 2, 3]
    assert [r.author for r in (first, second, third)] == [
        "Priya Natarajan",
        "Sam Lee",
        getpass.getuser(),
    ]
    assert third.saved_at == store.summaries()[1].updated_at
    assert third.saved_at.utcoffset() == dt.timedelta(0)
    assert first.saved_at <= second.saved_at <= third.saved_at
    assert store.revision_markdown("refund", 2) == render_document(EDITED, diagram=False)
    assert store.revision("refund", 1) == REFUND
    assert store.revision("refund", 2) == EDITED


def test_a_batch_naming_one_id_twice_records_both_saves(store: ProcessStore) -> None:
    assert store.save_many([REFUND, EDITED]) == {"refund": 2}
    assert [store.revision("refund", v) for v in (1, 2)] == [REFUND, EDITED]


def test_unknown_versions_and_processes_are_not_found(store: ProcessStore) -> None:
    store.save(REFUND)
    with pytest.raises(NotFoundError, match=r"has no version 7 \(its versions are 1 to 1\)"):
        store.revision("refund", 7)
    with pytest.raises(NotFoundError, match="no process with id 'missing'"):
        store.revision_markdown("missing", 1)
    assert store.revisions("missing") == []


def test_history_outlives_deletion_and_numbering_carries_on(store: ProcessStore) -> None:
    store.save_many([REFUND, EDITED])
    store.delete("refund")
    assert [r.version for r in store.revisions("refund")] == [1, 2]
    assert store.save(REFUND) == 3
    assert store.get_with_version("refund") == (REFUND, 3)


def test_a_revision_the_format_cannot_read_back_is_a_store_error(store: ProcessStore) -> None:
    # The store refuses such an id on save, so the damage is done behind its back.
    store.save(ProcessDocument(id="valid", title="T"))
    with store._engine.begin() as connection:
        connection.execute(
            text("UPDATE process_revision SET markdown = :md"),
            {"md": "---\nid: Not A Valid Id\n---\n# T\n"},
        )
    with pytest.raises(StoreError, match="cannot be read back") as raised:
        store.revision("valid", 1)
    assert "\n" not in str(raised.value)


def test_an_edit_of_the_current_version_saves(store: ProcessStore) -> None:
    assert store.save(REFUND, expected_version=0) == 1
    assert store.save(EDITED, expected_version=1) == 2


def test_an_edit_of_an_older_version_is_a_conflict_naming_who_saved(store: ProcessStore) -> None:
    store.save(REFUND, author="Priya")
    store.save(EDITED, author="Sam")
    heard: list[StoreChange] = []
    store.subscribe(heard.append)
    with pytest.raises(ConflictError) as raised:
        store.save(REFUND, expected_version=1, author="Dana")
    conflict = raised.value
    assert (conflict.expected_version, conflict.current_version) == (1, 2)
    assert conflict.last_save is not None
    assert conflict.last_save.author == "Sam"
    message = str(conflict)
    assert "\n" not in message
    assert "now at version 2 (saved by Sam at " in message
    assert "you edited version 1" in message
    assert conflict.exit_code == 2
    assert store.get("refund") == EDITED
    assert len(store.revisions("refund")) == 2
    assert heard == []


def test_a_new_process_whose_id_exists_is_a_conflict(store: ProcessStore) -> None:
    store.save(REFUND, author="Priya")
    with pytest.raises(ConflictError, match=r"'refund' already exists \(version 1, saved by Priya"):
        store.save(EDITED, expected_version=0)


def test_editing_a_deleted_process_is_a_conflict(store: ProcessStore) -> None:
    store.save(REFUND)
    store.delete("refund")
    with pytest.raises(ConflictError, match="was deleted after you opened version 1"):
        store.save(EDITED, expected_version=1)
    assert store.ids() == []


def test_a_conflict_anywhere_in_a_batch_saves_nothing(store: ProcessStore) -> None:
    store.save_many([REFUND, ProcessDocument(id="b", title="B")])
    with pytest.raises(ConflictError):
        store.save_many(
            [EDITED, ProcessDocument(id="b", title="B2"), ProcessDocument(id="c", title="C")],
            expected_versions={"refund": 1, "b": 0},
        )
    assert store.ids() == ["b", "refund"]
    assert [s.version for s in store.summaries()] == [1, 1]


def test_sign_offs_record_who_approved_which_version(store: ProcessStore) -> None:
    store.save_many([REFUND, EDITED])
    latest = store.sign_off("refund", 2, " Dana   Kim ", note=" ready for go-live ")
    assert (latest.signed_by, latest.note, latest.is_latest) == (
        "Dana Kim",
        "ready for go-live",
        True,
    )
    older = store.sign_off("refund", 1, "Sam Lee")
    assert (older.version, older.is_latest, older.latest_version) == (1, False, 2)
    assert [(s.version, s.signed_by) for s in store.sign_offs("refund")] == [
        (1, "Sam Lee"),
        (2, "Dana Kim"),
    ]
    store.save(REFUND)
    assert [s.is_latest for s in store.sign_offs("refund")] == [False, False]


@pytest.mark.parametrize(
    ("process_id", "version", "by", "error", "message"),
    [
        ("refund", 3, "Dana", NotFoundError, r"has no version 3 \(its versions are 1 to 1\)"),
        ("refund", 0, "Dana", NotFoundError, "has no version 0"),
        ("missing", 1, "Dana", NotFoundError, "no process with id 'missing'"),
        ("refund", 1, "   ", KtwError, "name of the person signing off is empty"),
    ],
)
def test_impossible_sign_offs_are_refused(
    store: ProcessStore, process_id: str, version: int, by: str, error: type, message: str
) -> None:
    store.save(REFUND)
    with pytest.raises(error, match=message):
        store.sign_off(process_id, version, by)
    assert store.sign_offs("refund") == []


def test_one_person_signs_off_a_version_once(store: ProcessStore) -> None:
    store.save(REFUND)
    store.sign_off("refund", 1, "Dana")
    with pytest.raises(KtwError, match="Dana already signed off version 1 of 'refund' on "):
        store.sign_off("refund", 1, "Dana")
    store.sign_off("refund", 1, "Sam")
    assert len(store.sign_offs("refund")) == 2


def test_a_deleted_process_cannot_be_signed_off(store: ProcessStore) -> None:
    store.save(REFUND)
    store.delete("refund")
    with pytest.raises(NotFoundError, match="was deleted"):
        store.sign_off("refund", 1, "Dana")


def test_every_sample_process_reads_back_from_its_revision(tmp_path: Path) -> None:
    samples = [item.document for item in load_files([SAMPLES])]
    with ProcessStore.open(tmp_path / "s.db") as store:
        store.save_many(samples)
        for document in samples:
            assert store.revision(document.id, 1) == document
