"""The index stays current: incremental updates equal a rebuild, and it follows a real store."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kt_workbench.model import EdgeCase, ProcessDocument, Step
from kt_workbench.search import SearchIndex
from kt_workbench.search.query import STOPWORDS
from kt_workbench.search.text import words
from kt_workbench.store import ProcessStore
from tests.strategies import documents


def refund(
    process_id: str = "refund", step: str = "Refund the charge in Stripe"
) -> ProcessDocument:
    return ProcessDocument(id=process_id, title="Refund a duplicate charge", steps=(Step(step),))


def test_update_adds_replaces_and_remove_forgets() -> None:
    index = SearchIndex()
    assert index.search("refund") == []
    index.update(refund())
    assert "refund" in index and len(index) == 1
    assert [hit.location for hit in index.search("stripe")] == ["step 1"]
    index.update(refund(step="Refund the charge in Adyen"))
    assert len(index) == 1
    assert index.search("stripe") == []
    assert index.search("adyen")[0].id == "refund"
    assert index.remove("refund") is True
    assert index.remove("refund") is False
    assert index.search("refund adyen") == [] and len(index) == 0


def test_a_build_keeps_the_last_of_repeated_ids() -> None:
    index = SearchIndex.from_documents([refund(), refund(step="Refund in Adyen")])
    assert len(index) == 1
    assert index.search("stripe") == [] and index.search("adyen")


def test_words_of_a_removed_process_leave_the_vocabulary() -> None:
    index = SearchIndex.from_documents([refund(), refund("other", "Call the Klarna desk")])
    assert index.search("klarna")
    index.remove("other")
    assert index.search("klarna") == []
    assert index.search("klarn") == []  # neither as a typo nor as a prefix
    index.update(refund("again", "Call the Klarna desk"))
    assert [hit.id for hit in index.search("klarn")] == ["again"]


WORDS = ("refund", "refunds", "duplicate", "charge", "Stripe", "Sørensen", "sorensen", "zoë")
WORDS += ("klarna", "card", "the", "order", "orders", "escalation", "escalate", "東京", "عميل")
phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join)
small_documents = st.builds(
    ProcessDocument,
    id=st.sampled_from([f"p{i}" for i in range(8)]),
    title=phrases,
    owner=st.sampled_from(["", "Zoë Sørensen", "Priya"]),
    steps=st.lists(st.builds(Step, phrases, system=phrases), max_size=3).map(tuple),
    edge_cases=st.lists(st.builds(EdgeCase, phrases, handle=phrases), max_size=2).map(tuple),
)
queries = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(small_documents, min_size=2, max_size=6, unique_by=lambda doc: doc.id),
    st.data(),
)
def test_incremental_updates_equal_a_fresh_build(
    docs: list[ProcessDocument], data: st.DataObject
) -> None:
    half = len(docs) // 2
    incremental = SearchIndex.from_documents(docs[:half])
    for doc in docs[half:]:
        incremental.update(doc)
    removed = data.draw(st.sampled_from([doc.id for doc in docs]))
    incremental.remove(removed)
    edited = data.draw(st.sampled_from(docs))
    replacement = dataclasses.replace(edited, title=data.draw(phrases))
    incremental.update(replacement)
    final = {doc.id: doc for doc in docs if doc.id != removed}
    final[replacement.id] = replacement
    fresh = SearchIndex.from_documents(final.values())
    for query in data.draw(st.lists(queries, min_size=1, max_size=4)):
        assert incremental.search(query, limit=50) == fresh.search(query, limit=50)


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(documents(), min_size=1, max_size=2, unique_by=lambda doc: doc.id))
def test_any_document_indexes_and_its_title_words_find_it(docs: list[ProcessDocument]) -> None:
    index = SearchIndex.from_documents(docs)
    for doc in docs:
        # Finished stopwords mean nothing by design ("when" alone finds nothing); every
        # other title word of four letters or more must find its process.
        title_words = [w for w in words(doc.title) if len(w) >= 4 and w not in STOPWORDS][:3]
        if title_words:
            hits = index.search(" ".join(title_words) + " ", limit=100)
            assert doc.id in {hit.id for hit in hits}


def test_the_index_follows_saves_imports_and_deletions_in_a_store(db_path: Path) -> None:
    with ProcessStore.open(db_path) as store:
        store.save(refund())
        index = SearchIndex.from_documents(store.documents())
        stop = index.attach(store)
        assert index.search("stripe")[0].id == "refund"

        store.save(refund(step="Refund the charge in Adyen"))
        assert index.search("stripe") == [] and index.search("adyen")[0].id == "refund"

        store.save_many([refund("imported-a", "Ask Klarna"), refund("imported-b", "Ask Klarna")])
        assert {hit.id for hit in index.search("klarna")} == {"imported-a", "imported-b"}

        assert store.delete("imported-a")
        assert {hit.id for hit in index.search("klarna")} == {"imported-b"}

        stop()
        store.save(refund("after", "Ask Okta"))
        assert index.search("okta") == []
        rebuilt = SearchIndex.from_documents(store.documents())
        assert rebuilt.search("okta")[0].id == "after"


def test_a_title_longer_than_an_entry_is_still_found_by_its_word() -> None:
    # Long texts are cut into paragraph-sized entries; a title is a name and stays whole.
    title = "refund" * 400
    index = SearchIndex.from_documents([ProcessDocument(id="long", title=title)])
    assert [hit.id for hit in index.search(title + " ")] == ["long"]
