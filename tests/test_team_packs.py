"""Delta packs: the pure selection of what a recipient must be sent, and recording packs in
the store (SQLite and PostgreSQL) so that the next delta starts where the last pack ended."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kt_workbench.errors import KtwError, NotFoundError
from kt_workbench.model import ProcessDocument
from kt_workbench.store import ProcessStore
from kt_workbench.team import ChangedProcess, select_delta
from tests.postgres_server import postgres_server, postgres_url, store_target  # noqa: F401

versions = st.dictionaries(st.sampled_from("abcdefgh"), st.integers(1, 4), max_size=8)


@given(versions, versions)
def test_a_delta_brings_the_recipient_to_the_library(held: dict, current: dict) -> None:
    delta = select_delta("castlegate", held, current)
    assert delta.versions_after() == current
    sent = delta.to_send()
    assert all(current[pid] == version for pid, version in sent.items())
    assert all(held.get(pid) != version for pid, version in sent.items())
    assert {pid for pid, _ in delta.removed} == set(held) - set(current)
    assert all(held[pid] == version for pid, version in delta.removed)
    assert delta.is_empty == (held == current)
    for group in (delta.new, delta.removed, delta.unchanged):
        assert list(group) == sorted(group)
    assert [change.id for change in delta.changed] == sorted(c.id for c in delta.changed)


def test_a_delta_sorts_processes_into_new_changed_removed_and_unchanged() -> None:
    delta = select_delta("castlegate", {"a": 1, "b": 2, "c": 3}, {"b": 4, "c": 3, "d": 1})
    assert delta.new == (("d", 1),)
    assert delta.changed == (ChangedProcess("b", 2, 4),)
    assert delta.removed == (("a", 1),)
    assert delta.unchanged == (("c", 3),)
    assert delta.to_send() == {"b": 4, "d": 1}


@pytest.fixture
def store(store_target: str):  # noqa: F811
    with ProcessStore.open(store_target) as opened:
        yield opened


def _doc(process_id: str, title: str = "T") -> ProcessDocument:
    return ProcessDocument(id=process_id, title=title)


def test_the_first_pack_holds_everything_and_the_next_only_changes(store: ProcessStore) -> None:
    store.save_many([_doc("a"), _doc("b"), _doc("c")])
    first = store.changes_since_last_pack("castlegate")
    assert (first.last_pack, first.new, first.changed, first.removed) == (
        None,
        (("a", 1), ("b", 1), ("c", 1)),
        (),
        (),
    )
    record = store.record_pack("castlegate", first.versions_after(), author="Priya")
    assert (record.number, record.author, record.versions) == (1, "Priya", {"a": 1, "b": 1, "c": 1})
    assert store.changes_since_last_pack("castlegate").is_empty

    store.save(_doc("b", "B, edited"))
    store.delete("c")
    store.save(_doc("d"))
    second = store.changes_since_last_pack("castlegate")
    assert second.last_pack == 1
    assert second.last_pack_at == record.created_at
    assert second.new == (("d", 1),)
    assert second.changed == (ChangedProcess("b", 1, 2),)
    assert second.removed == (("c", 1),)
    assert store.record_pack("castlegate", second.versions_after()).number == 2
    assert store.last_pack("castlegate") is not None
    assert store.last_pack("castlegate").versions == {"a": 1, "b": 2, "d": 1}  # type: ignore[union-attr]
    assert store.changes_since_last_pack("castlegate").is_empty


def test_recipients_are_independent(store: ProcessStore) -> None:
    store.save_many([_doc("a"), _doc("b")])
    store.record_pack("castlegate", {"a": 1, "b": 1})
    store.save(_doc("a", "edited"))
    assert store.changes_since_last_pack("harbour").new == (("a", 2), ("b", 1))
    assert store.changes_since_last_pack("castlegate").changed == (ChangedProcess("a", 1, 2),)
    store.record_pack("harbour", {"a": 2, "b": 1})
    assert store.recipients() == ["castlegate", "harbour"]
    assert store.last_pack("harbour").number == 1  # type: ignore[union-attr]


def test_a_process_created_again_after_deletion_shows_as_changed(store: ProcessStore) -> None:
    store.save(_doc("a"))
    store.record_pack("castlegate", {"a": 1})
    store.delete("a")
    store.save(_doc("a", "Back again"))
    delta = store.changes_since_last_pack("castlegate")
    assert delta.changed == (ChangedProcess("a", 1, 2),)
    assert delta.removed == ()


def test_a_pack_naming_a_version_never_saved_is_refused_whole(store: ProcessStore) -> None:
    store.save_many([_doc("a"), _doc("b")])
    with pytest.raises(NotFoundError, match="'b' has no version 5"):
        store.record_pack("castlegate", {"a": 1, "b": 5})
    with pytest.raises(NotFoundError, match="no process with id 'zzz'"):
        store.record_pack("castlegate", {"zzz": 1})
    assert store.last_pack("castlegate") is None
    assert store.recipients() == []


def test_a_recipient_needs_a_name(store: ProcessStore) -> None:
    with pytest.raises(KtwError, match="recipient is empty"):
        store.changes_since_last_pack("  ")
    with pytest.raises(KtwError, match="recipient is empty"):
        store.record_pack("", {})


def test_an_empty_pack_can_be_recorded_after_everything_is_removed(store: ProcessStore) -> None:
    store.save(_doc("a"))
    store.record_pack("castlegate", {"a": 1})
    store.delete("a")
    delta = store.changes_since_last_pack("castlegate")
    assert delta.removed == (("a", 1),)
    record = store.record_pack("castlegate", delta.versions_after())
    assert record.number == 2
    assert record.versions == {}
    assert store.changes_since_last_pack("castlegate").is_empty
