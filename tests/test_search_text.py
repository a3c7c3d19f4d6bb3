"""Folding, tokens and snippets: what search compares and what it highlights, in any script."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kt_workbench.search.snippet import ELLIPSIS, SNIPPET_WIDTH, make_snippet
from kt_workbench.search.text import fold, joined_words, tokens, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Refund the DUPLICATE charge.", ["refund", "the", "duplicate", "charge"]),
        ("Søren Sørensen, Yılmaz & Zoë", ["soren", "sorensen", "yilmaz", "zoe"]),
        ("Krüger in der Straße", ["kruger", "in", "der", "strasse"]),
        ("e\u0301cole (decomposed accent)", ["ecole", "decomposed", "accent"]),
        ("ext. 4410 / 2FA", ["ext", "4410", "2fa"]),
        ("snake_case-and-kebab", ["snake", "case", "and", "kebab"]),
        ("東京の顧客", ["東京", "の", "顧客"]),
        (
            "顧客アカウントの詳細検索",
            [
                "顧客",
                "アカウント",
                "アカ",
                "カウ",
                "ウン",
                "ント",
                "の",
                "詳細検索",
                "詳細",
                "細検",
                "検索",
            ],
        ),
        ("鍵を", ["鍵", "を"]),
        ("مرحبا بالعالم", ["مرحبا", "بالعالم"]),
        ("שלום עולם", ["שלום", "עולם"]),
        ("Call 🎉 now 👍🏽", ["call", "now"]),
    ],
)
def test_words_are_folded_and_split_per_script(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_tokens_point_at_the_original_characters() -> None:
    text = "Ask Søren Sørensen (東京) about the ÉCOLE refund"
    for token in tokens(text):
        assert fold(text[token.start : token.end]) == token.word
    assert [token.word for token in tokens(text)] == words(text)


@given(st.lists(st.text(max_size=40), max_size=8))
def test_joined_words_match_words_text_by_text(texts: list[str]) -> None:
    assert [joined.split() for joined in joined_words(texts)] == [words(t) for t in texts]


@given(st.text(max_size=60))
def test_every_token_is_a_folded_slice_of_the_text(text: str) -> None:
    for token in tokens(text):
        assert 0 <= token.start < token.end <= len(text)
        assert fold(text[token.start : token.end]) == token.word


def test_short_text_is_its_own_snippet_with_spans_unchanged() -> None:
    snippet, spans = make_snippet("Refund the duplicate\ncharge", [(11, 20)])
    assert snippet == "Refund the duplicate charge"
    assert snippet[11:20] == "duplicate"
    assert spans == [(11, 20)]


def test_long_text_is_cut_around_the_match_at_word_boundaries() -> None:
    text = (
        " ".join(f"word{i}" for i in range(40)) + " Zendesk " + " ".join("x" * 5 for _ in range(40))
    )
    start = text.index("Zendesk")
    snippet, spans = make_snippet(text, [(start, start + 7)])
    assert snippet.startswith(ELLIPSIS) and snippet.endswith(ELLIPSIS)
    assert len(snippet) <= SNIPPET_WIDTH + 2
    assert [snippet[s:e] for s, e in spans] == ["Zendesk"]
    inner = snippet.strip(ELLIPSIS)
    assert inner == inner.strip() and inner.split(" ")[0].startswith("word")


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Escalate to Søren Sørensen in the Ålesund office before noon " * 3, "Ålesund"),
        ("顧客に返金の手続きを説明してください。" * 10, "返金"),
        ("يجب على الوكيل التحقق من هوية العميل قبل استرداد المبلغ " * 4, "استرداد"),
        (
            "Send the 🎉 celebration emoji 👍🏽 only in chat replies, never in email " * 3,
            "celebration",
        ),
    ],
)
def test_spans_survive_cutting_in_any_script(text: str, target: str) -> None:
    start = text.index(target, len(text) // 2)
    snippet, spans = make_snippet(text, [(start, start + len(target))])
    assert [snippet[s:e] for s, e in spans] == [target]


@given(
    st.text(min_size=1, max_size=400),
    st.lists(st.tuples(st.integers(0, 399), st.integers(1, 30)), max_size=5),
)
def test_snippet_spans_always_slice_the_same_characters(
    text: str, raw: list[tuple[int, int]]
) -> None:
    spans = [(s, min(len(text), s + n)) for s, n in raw if s < len(text)]
    snippet, shown = make_snippet(text, spans)
    flat = "".join(" " if c.isspace() else c for c in text)
    originals = {flat[s:e] for s, e in spans}
    for start, end in shown:
        assert 0 <= start < end <= len(snippet)
        assert snippet[start:end] in originals
