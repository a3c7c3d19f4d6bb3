"""A credential format's pattern run only near its anchors finds exactly what a scan of the
whole text finds: for every format of the rule set, on text holding what the pattern matches
(generated from the pattern itself), its keywords, letters that fold to ASCII letters and
noise."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kt_workbench.checker.secret_formats import KnownFormat, known_formats
from kt_workbench.checker.secret_reach import find_in_reach, lower_in_place, reach
from tests.checker_credentials import CREDENTIALS, PLACEHOLDERS

FORMATS = known_formats()
# "ſ" and "ı" match "s" and "i" when case is ignored; "İ" grows when lower-cased; "K" is the
# Kelvin sign.
FILLER = ("\n", " ", "\t", "=", ": ", '"', "ſ", "ı", "İ", "K", "key", "token", "secret")


def spans(matches: object) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(match.span(), match.groups()) for match in matches]  # type: ignore[attr-defined]


def same_as_whole_scan(known: KnownFormat, text: str) -> None:
    windowed = spans(find_in_reach(known.pattern, text, lower_in_place(text)))
    assert windowed == spans(known.pattern.finditer(text)), known.rule_id


def pieces(known: KnownFormat) -> st.SearchStrategy[str]:
    return st.one_of(
        st.from_regex(known.pattern),
        st.sampled_from(FILLER + known.keywords),
        st.sampled_from(tuple(CREDENTIALS.values()) + PLACEHOLDERS),
        st.text(max_size=20),
    )


@pytest.mark.parametrize("known", FORMATS, ids=[known.rule_id for known in FORMATS])
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_each_format_finds_near_its_anchors_what_the_whole_text_holds(
    known: KnownFormat, data: st.DataObject
) -> None:
    text = "".join(data.draw(st.lists(pieces(known), max_size=6)))
    same_as_whole_scan(known, text)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_matches_far_apart_and_close_together_are_found_alike(data: st.DataObject) -> None:
    known = data.draw(st.sampled_from([k for k in FORMATS if reach(k.pattern) is not None]))
    gap = st.integers(0, 400).map(lambda n: "x " * n)
    parts = data.draw(st.lists(st.tuples(st.from_regex(known.pattern), gap), max_size=5))
    same_as_whole_scan(known, "".join(match + between for match, between in parts))


def test_the_rule_sets_keyword_formats_are_scanned_near_their_anchors() -> None:
    anchored = [known.rule_id for known in FORMATS if reach(known.pattern) is not None]
    assert len(anchored) >= 0.8 * len(FORMATS)
    # The formats whose lazy run before the keyword made a whole scan take seconds.
    for rule_id in ("cohere-api-token", "okta-access-token", "sumologic-access-id"):
        assert rule_id in anchored
    okta = next(known for known in FORMATS if known.rule_id == "okta-access-token")
    assert reach(okta.pattern) == (("okta",), reach(okta.pattern)[1])  # type: ignore[index]


def test_anchors_are_every_string_a_match_must_hold() -> None:
    found = reach(re.compile(r"(?i)[\w.-]{0,50}?(?:cohere|co_api_key)[ =]{1,3}([a-z0-9]{40})"))
    assert found == (("co_api_key", "cohere"), 50 + 10 + 3 + 40)
    assert reach(re.compile(r"[A-Z]{20}")) is None  # no literal: the whole text
    assert reach(re.compile(r"abc\w+")) is None  # unbounded: the whole text
    assert reach(re.compile(r"(?:Jira|[Jj]IRA)-\d{4}")) is not None


def test_lowering_keeps_offsets_and_folds_the_letters_case_ignoring_matches() -> None:
    text = "İstanbul ſecret KEY ıd"
    lowered = lower_in_place(text)
    assert len(lowered) == len(text)
    assert lowered == "istanbul secret key id"
