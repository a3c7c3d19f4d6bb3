"""``save_many`` is all or nothing: a batch that fails anywhere leaves the store as it was."""

from __future__ import annotations

import dataclasses

import pytest

from kt_workbench.errors import StoreError
from kt_workbench.model import ProcessDocument, Step
from kt_workbench.store import ProcessStore, StoreChange
from tests.postgres_server import postgres_server, postgres_url, store_target  # noqa: F401

EXISTING = ProcessDocument(id="existing", title="Before", steps=(Step("one"), Step("two")))
REPLACEMENT = dataclasses.replace(EXISTING, title="After", steps=(Step("only"),))
NEW = ProcessDocument(id="new", title="New", steps=(Step("first"),))

# Each breaks a rule: a CHECK constraint, a value of the wrong type, an integer beyond the
# database's 64-bit range, and text no backend can keep.
FAILING = {
    "status outside the list": ProcessDocument(id="bad", title="Bad", status="done"),  # type: ignore[arg-type]
    "step without text": ProcessDocument(id="bad", title="Bad", steps=(Step(None),)),  # type: ignore[arg-type]
    "volume too large": ProcessDocument(id="bad", title="Bad", volume_per_month=2**64),
    "NUL in a step": ProcessDocument(id="bad", title="Bad", steps=(Step("a\x00b"),)),
}


@pytest.mark.parametrize("failure", list(FAILING))
@pytest.mark.parametrize("failing_position", [0, 2])
def test_a_failing_batch_changes_nothing(
    store_target: str,  # noqa: F811
    failure: str,
    failing_position: int,
) -> None:
    with ProcessStore.open(store_target) as store:
        store.save(EXISTING)
        before = (store.documents(), store.summaries())
        heard: list[StoreChange] = []
        store.subscribe(heard.append)
        batch = [REPLACEMENT, NEW]
        batch.insert(failing_position, FAILING[failure])
        with pytest.raises(StoreError) as raised:
            store.save_many(batch)
        assert "\n" not in str(raised.value)
        assert (store.documents(), store.summaries()) == before
        assert heard == []
        # The store is still usable after the failed transaction.
        store.save_many([REPLACEMENT, NEW])
        assert store.documents() == [REPLACEMENT, NEW]


def test_a_bad_status_is_explained(store_target: str) -> None:  # noqa: F811
    with (
        ProcessStore.open(store_target) as store,
        pytest.raises(StoreError, match="status must be draft, in-review or approved"),
    ):
        store.save(FAILING["status outside the list"])


def test_a_batch_naming_one_id_twice_keeps_the_last(store_target: str) -> None:  # noqa: F811
    with ProcessStore.open(store_target) as store:
        heard: list[StoreChange] = []
        store.subscribe(heard.append)
        store.save_many([EXISTING, REPLACEMENT])
        assert store.documents() == [REPLACEMENT]
        assert store.summaries()[0].version == 2
        assert [change.document for change in heard] == [EXISTING, REPLACEMENT]


def test_an_empty_batch_is_a_no_op(store_target: str) -> None:  # noqa: F811
    with ProcessStore.open(store_target) as store:
        store.save_many([])
        store.save_many(iter(()))
        assert store.ids() == []
