"""Ranking on the sample library and on small hand-made libraries: what comes first, and why."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from kt_workbench.markdown import parse_document
from kt_workbench.model import (
    SECTION_NAMES,
    AccessRight,
    Contact,
    EdgeCase,
    GlossaryEntry,
    ProcessDocument,
    Script,
    Step,
)
from kt_workbench.search import SearchHit, SearchIndex
from kt_workbench.search.text import fold, words
from kt_workbench.search.vocabulary import allowed_edits
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def samples() -> list[ProcessDocument]:
    paths = sorted(Path(SAMPLES).glob("*.md"))
    return [parse_document(path.read_text(encoding="utf-8"), str(path)) for path in paths]


@pytest.fixture(scope="module")
def index(samples: list[ProcessDocument]) -> SearchIndex:
    return SearchIndex.from_documents(samples)


def highlighted(hit: SearchHit) -> list[str]:
    return [hit.snippet[start:end] for start, end in hit.spans]


def test_typos_in_every_word_still_find_the_process_title_first(index: SearchIndex) -> None:
    hits = index.search("refnud dupl")
    assert (hits[0].id, hits[0].location) == ("refund-duplicate-charge", "title")
    assert [fold(text) for text in highlighted(hits[0])] == ["refund", "duplicate"]


@pytest.mark.parametrize(
    ("query", "expected_id"),
    [
        ("chargback", "billing-dispute-chargeback"),
        ("warrenty claim", "warranty-claim"),
        ("damagd delivry", "damaged-delivery"),
        ("persnal data reqest", "personal-data-request"),
        ("furniture resch", "reschedule-delivery"),
        ("promo cod", "promo-code-not-applied"),
    ],
)
def test_half_remembered_words_find_the_right_process(
    index: SearchIndex, query: str, expected_id: str
) -> None:
    assert index.search(query)[0].id == expected_id


def test_a_colleague_found_by_name_without_the_accent(index: SearchIndex) -> None:
    hits = index.search("wojcik")
    assert hits and all("Wójcik" in highlighted(hit) for hit in hits)
    assert {hit.location for hit in hits[:3]} == {"owner"}


def test_a_phrase_matches_only_where_the_words_are_side_by_side(index: SearchIndex) -> None:
    hits = index.search('"pending authorisation"')
    assert hits
    for hit in hits:
        assert "pending authorisation" in hit.snippet.casefold()
        assert [text.casefold() for text in highlighted(hit)] == ["pending authorisation"]


def test_the_place_of_a_hit_is_named_like_the_checker_names_it(index: SearchIndex) -> None:
    hit = index.search("cctv footage")[0]
    assert hit.id == "personal-data-request"
    assert hit.section == "edge_cases"
    assert hit.location.startswith("edge case: ") and "CCTV" in hit.location
    for query in ("stripe", "refund", "zendesk", "okta", "csat", "dsar"):
        assert all(hit.section in SECTION_NAMES for hit in index.search(query))


@pytest.mark.parametrize(
    ("section", "location_start"),
    [
        ("access_rights", "access: "),
        ("decision_tree", "tree "),
        ("procedure", "step "),
        ("scripts", "script: "),
        ("glossary", "glossary: "),
        ("contacts", "contact: "),
    ],
)
def test_section_filter_keeps_hits_in_that_section(
    index: SearchIndex, section: str, location_start: str
) -> None:
    found = (index.search(f"{word} section:{section}") for word in ("refund", "order", "lead"))
    hits = next((hits for hits in found if hits), [])
    assert hits
    assert all(hit.section == section for hit in hits)
    assert all(hit.location.startswith(location_start) for hit in hits)


def test_filters_combine_with_words(index: SearchIndex, samples: list[ProcessDocument]) -> None:
    by_id = {doc.id: doc for doc in samples}
    billing = index.search('refund team:"billing support"')
    assert billing and {by_id[hit.id].team for hit in billing} == {"Billing support"}
    priya = index.search("refund owner:priya")
    assert priya and {by_id[hit.id].owner for hit in priya} == {"Priya Natarajan"}
    drafts = index.search("status:draft")
    assert {hit.id for hit in drafts} == {doc.id for doc in samples if doc.status == "draft"}
    assert index.search("refund team:nobody") == []


def test_readiness_filter_uses_the_verdicts_the_caller_supplies(index: SearchIndex) -> None:
    verdicts = {"refund-duplicate-charge": "ready", "billing-dispute-chargeback": "needs-work"}
    ready = index.search("refund readiness:ready", readiness=verdicts)
    assert ready and {hit.id for hit in ready} == {"refund-duplicate-charge"}
    needs_work = index.search("refund readiness:needs", readiness=verdicts)
    assert needs_work and {hit.id for hit in needs_work} == {"billing-dispute-chargeback"}
    assert index.search("refund readiness:ready") == []


@pytest.mark.parametrize(
    "query",
    [
        "xyzzy qwerty",
        "zzzz",
        "the ",
        "xyzzyq plughz frobozz",
        '"charge duplicate"',
        '"charge duplicate" refund',
        "section:nope x",
    ],
)
def test_nothing_meaningful_returns_nothing(index: SearchIndex, query: str) -> None:
    assert index.search(query) == []


def test_order_is_deterministic_with_ties_broken_by_id_and_place(index: SearchIndex) -> None:
    for query in ("stripe", "customer order", "zendesk section:access_rights"):
        hits = index.search(query, limit=50)
        assert hits == index.search(query, limit=50)
        ids = [(-hit.score, hit.id) for hit in hits]
        assert ids == sorted(ids)


def test_limit_and_at_most_three_places_per_process(index: SearchIndex) -> None:
    hits = index.search("zendesk", limit=7)
    assert len(hits) == 7
    for process_id in {hit.id for hit in hits}:
        assert sum(hit.id == process_id for hit in hits) <= 3
    assert len(index.search("zendesk", limit=200)) > 7


def library(*documents: ProcessDocument) -> SearchIndex:
    return SearchIndex.from_documents(documents)


def test_title_weighs_most() -> None:
    index = library(
        ProcessDocument(id="a", title="Handle a chargeback"),
        ProcessDocument(id="b", title="Refund a card", steps=(Step("Check the chargeback"),)),
    )
    assert [hit.id for hit in index.search("chargeback")] == ["a", "b"]


def test_more_matching_words_and_closer_together_rank_higher() -> None:
    index = library(
        ProcessDocument(id="close", title="One", steps=(Step("Refund the duplicate charge"),)),
        ProcessDocument(
            id="apart",
            title="Two",
            steps=(Step("Refund the order"), Step("Explain what a duplicate charge is")),
        ),
        ProcessDocument(id="partial", title="Three", steps=(Step("Duplicate the card"),)),
    )
    hits = index.search("refund duplicate charge")
    assert [hit.id for hit in hits][:2] == ["close", "apart"]
    assert "partial" not in {hit.id for hit in hits}
    # All four words in one process beat three of them side by side.
    four = index.search("refund duplicate charge order")
    assert four[0].id == "apart" and not four[0].partial
    # ...and lacking a word makes a partial match, after every full one.
    close = [hit for hit in four if hit.id == "close"]
    assert close and close[0].partial and four.index(close[0]) > 0
    assert "partial" not in {hit.id for hit in four}


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("escalation", True),
        ("escalatoin", True),  # transposition: one edit
        ("esclatoin", True),  # two edits, allowed from eight letters
        ("refnd", True),  # five letters, one edit
        ("rfnd", False),  # four letters, two edits
        ("arm", False),  # three letters: exact only
        ("arn", True),
        ("esc", True),  # the word being typed completes
    ],
)
def test_typo_allowance_grows_with_word_length(query: str, found: bool) -> None:
    index = library(
        ProcessDocument(id="p", title="Escalation", steps=(Step("Refund and note the ARN"),))
    )
    assert bool(index.search(query)) is found


def test_only_the_last_word_is_completed_as_a_prefix() -> None:
    index = library(ProcessDocument(id="p", title="Duplicate charge refund"))
    assert [hit.partial for hit in index.search("refund dupl")] == [False]
    # Not completed: "dupl" matches nothing, so only a partial match on "refund" is left.
    assert [hit.partial for hit in index.search("dupl refund")] == [True]
    assert [hit.partial for hit in index.search("refund dupl ")] == [True]


def test_every_kind_of_place_is_searchable() -> None:
    document = ProcessDocument(
        id="p",
        title="Process",
        scripts=(Script("Opening", "Welcome to Kestrel support"),),
        access_rights=(AccessRight("Adyen", "Agent", "Refund only", "IT portal", "Mirela Pop"),),
        edge_cases=(EdgeCase("The customer will not send photos", when="Camera broken"),),
        contacts=(Contact("Billing lead", "Oksana Hryhorenko", "Slack"),),
        glossary=(GlossaryEntry("DSAR", "Data subject access request"),),
    )
    index = library(document)
    places = {
        "kestrel": ("scripts", "script: Opening"),
        "mirela": ("access_rights", "access: Adyen"),
        "camera": ("edge_cases", "edge case: The customer will not send photos"),
        "hryhorenko": ("contacts", "contact: Billing lead"),
        "subject access": ("glossary", "glossary: DSAR"),
    }
    for query, place in places.items():
        hit = index.search(query)[0]
        assert (hit.section, hit.location) == place
        for text, word in zip(highlighted(hit), query.split(), strict=True):
            assert OSA.distance(fold(text), word) <= 1


VOCABULARY = ("refund", "Sørensen", "chargeback", "Zoë", "東京", "عميل", "שלום", "escalation")
VOCABULARY += ("café", "Yılmaz", "duplicate", "KYC", "straße", "📦parcel", "naïve", "order")
sentences = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=30).map(" ".join)


@st.composite
def typed(draw: st.DrawFn, word: str) -> str:
    """The word as someone might type it: folded, maybe with one slip."""
    folded = fold(word)
    if len(folded) < 4 or not draw(st.booleans()):
        return folded
    at = draw(st.integers(1, len(folded) - 1))
    letter = draw(st.sampled_from("aeiourstn"))
    return folded[:at] + letter + folded[at + 1 :]


@settings(max_examples=60, deadline=None)
@given(st.lists(sentences, min_size=1, max_size=6), st.data())
def test_spans_always_slice_text_that_matches_a_query_word(
    texts: list[str], data: st.DataObject
) -> None:
    documents = [
        ProcessDocument(id=f"p{i}", title=text[:40] or "untitled", steps=(Step(text),))
        for i, text in enumerate(texts)
    ]
    index = SearchIndex.from_documents(documents)
    chosen = data.draw(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=3))
    query_words = [data.draw(typed(word)) for word in chosen]
    for query in (" ".join(query_words), query_words[0]):
        query_word_list = words(query)  # as search splits it: ideographs one by one
        for hit in index.search(query, limit=50):
            assert hit.spans
            for start, end in hit.spans:
                assert 0 <= start < end <= len(hit.snippet)
                piece = fold(hit.snippet[start:end])
                assert any(
                    OSA.distance(piece, word) <= allowed_edits(word)
                    or (word is query_word_list[-1] and piece.startswith(word))
                    for word in query_word_list
                ), (piece, query_word_list)
