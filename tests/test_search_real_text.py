"""What real pages need: front-matter text, partial matches, long sections, and their limits."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kt_workbench.markdown import parse_document
from kt_workbench.model import ExtraSection, ProcessDocument, SectionNote, Step
from kt_workbench.search import SearchIndex
from kt_workbench.search.entries import CHUNK_CHARS, chunks, document_entries, front_matter_values
from kt_workbench.search.text import fold, tokens, words

PAGE = """---
title: Report abuse from the support inbox
description: "How to route spam or unsolicited email, and when to escalate to security"
category: Handling tickets
---

## Overview

Tickets that look like abuse are routed to the trust team.
"""


def library(*documents: ProcessDocument) -> SearchIndex:
    return SearchIndex.from_documents(documents)


def imported() -> ProcessDocument:
    return parse_document(PAGE, "abuse.md")


def test_words_only_in_another_tools_front_matter_find_the_page() -> None:
    page = imported()
    assert "unsolicited" in page.extra_front_matter
    index = library(page, ProcessDocument(id="other", title="Refund a duplicate charge"))
    hits = index.search("search unsolicited")
    assert hits and hits[0].id == page.id and hits[0].location == "front matter: description"
    typed = index.search("escalte to securty")
    assert typed and typed[0].id == page.id and not typed[0].partial


def test_front_matter_and_notes_weigh_less_than_structured_fields() -> None:
    structured = ProcessDocument(
        id="structured", title="One", steps=(Step("Escalate to security"),)
    )
    loose = ProcessDocument(
        id="loose",
        title="Two",
        extra_front_matter="description: Escalate to security",
        notes=(SectionNote("procedure", "Escalate to security"),),
    )
    hits = library(loose, structured).search("escalate security")
    assert [hit.id for hit in hits][:1] == ["structured"]
    assert {hit.location for hit in hits if hit.id == "loose"} <= {
        "front matter: description",
        "procedure notes",
    }


def test_when_no_process_holds_every_word_the_best_partial_matches_come_back() -> None:
    page = ProcessDocument(
        id="removal",
        title="Personal data removal request",
        steps=(Step("Confirm the requester owns the account before removal"),),
    )
    other = ProcessDocument(id="pii", title="PII handling", steps=(Step("Mask card numbers"),))
    index = library(page, other)
    assert [hit.id for hit in index.search("removel")][:1] == ["removal"]
    hits = index.search("pii removel")
    assert hits and all(hit.partial for hit in hits)
    assert {hit.id for hit in hits} == {"removal", "pii"}
    assert [hit.to_dict()["partial"] for hit in hits] == [True] * len(hits)


def test_full_matches_come_before_partial_ones() -> None:
    full = ProcessDocument(
        id="full", title="Note", steps=(Step("refund, chargeback and maybe a dispute"),)
    )
    strong = ProcessDocument(id="strong", title="Refund chargeback", tags=("refund", "chargeback"))
    hits = library(strong, full).search("refund chargeback dispute")
    assert hits[0].id == "full" and not hits[0].partial
    assert hits[-1].id == "strong" and hits[-1].partial
    # With two words, lacking one is a partial match only when no process holds both.
    assert {hit.id for hit in library(strong, full).search("refund dispute")} == {"full"}


def test_nonsense_still_finds_nothing_even_beside_short_near_misses() -> None:
    index = library(
        imported(),
        ProcessDocument(id="card", title="Card blocks", steps=(Step("Block the card"),)),
    )
    for query in ("xyzzyq plughz", "qwfpgj zxcvbm", "blok zzqx", "frobozz"):
        assert index.search(query) == [], query
    # A short word one typo from a real one is too weak to stand alone as a partial match...
    assert index.search("cart zzqxwv") == []
    # ...but the same word spelt right is.
    assert {(hit.id, hit.partial) for hit in index.search("card zzqxwv")} == {("card", True)}


def test_a_long_section_becomes_paragraph_sized_entries_under_one_location() -> None:
    paragraph = "Check the ledger before any refund is made. " * 30
    body = f"{paragraph}\n\nThe escalation goes to the duty manager.\n\n{paragraph}"
    page = ProcessDocument(id="long", title="Ledger", extra_sections=(ExtraSection("Rules", body),))
    entries = [entry for entry in document_entries(page) if entry.location == "section: Rules"]
    assert len(entries) > 3
    assert all(len(entry.text) <= CHUNK_CHARS for entry in entries[1:])
    hits = library(page).search("escalation duty")
    assert hits[0].location == "section: Rules"
    assert "The escalation goes to the duty manager." in hits[0].snippet


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.sampled_from("ab cé.\n\t!?。漢字"), max_size=900),
        min_size=1,
        max_size=4,
    ),
    st.integers(min_value=20, max_value=700),
)
def test_chunks_keep_every_word_in_order_and_stay_near_their_size(
    parts: list[str], size: int
) -> None:
    text = "\n\n".join(parts)
    pieces = list(chunks(text, size))
    if all(len(run) <= size for run in text.split()):
        # Cuts fall between words unless a run without spaces is longer than a piece.
        assert [w for piece in pieces for w in words(piece)] == words(text)
    assert all(piece.strip() for piece in pieces)
    assert all(len(piece) <= size for piece in pieces)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True),
        st.one_of(
            st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40),
            st.lists(st.from_regex(r"[A-Za-z ]{1,12}", fullmatch=True), max_size=3),
        ),
        max_size=4,
    )
)
def test_front_matter_values_hold_the_words_of_every_value(fields: dict[str, object]) -> None:
    extra = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=10_000)
    found = front_matter_values(extra)
    indexed = {word for _, value in found for word in words(value)}
    for value in fields.values():
        texts = value if isinstance(value, list) else [value]
        for text in texts:
            assert set(words(str(text))) - {"n", "u"} <= indexed | {"null"}


JAPANESE = ProcessDocument(
    id="lookup",
    title="顧客アカウント詳細の検索",
    steps=(Step("Zendesk で顧客のメールアドレスを確認し、請求履歴を検索する"),),
)
OTHER_JAPANESE = ProcessDocument(
    id="refund-ja",
    title="返金の手続き",
    steps=(Step("請求書を確認して返金を登録する"),),
)


def test_japanese_words_are_found_inside_compounds_and_despite_one_wrong_character() -> None:
    index = library(JAPANESE, OTHER_JAPANESE)
    assert [hit.id for hit in index.search("顧客 検索")][:1] == ["lookup"]
    assert [hit.id for hit in index.search("アカウント")][:1] == ["lookup"]
    assert [hit.id for hit in index.search("請求履歴")][:1] == ["lookup"]
    # One wrong character (歴 -> 暦) spoils one of the three pairs of 請求履歴.
    assert [hit.id for hit in index.search("請求履暦")][:1] == ["lookup"]
    # A word found whole is one term, a typo in it forgiven by edit distance.
    assert [hit.id for hit in index.search("メールアドレサ")][:1] == ["lookup"]
    # A single character is found inside the pairs holding it.
    assert {hit.id for hit in index.search("返")} == {"refund-ja"}
    assert index.search("東京 大阪") == []


@settings(max_examples=300)
@given(
    st.text(alphabet=st.sampled_from("顧客アカウントのを削除検索ガー・ab 1。\u3099"), max_size=30)
)
def test_unspaced_tokens_are_folded_slices_and_agree_with_words(text: str) -> None:
    found = tokens(text)
    for token in found:
        assert fold(text[token.start : token.end]) == token.word
    assert [token.word for token in found] == words(text)
