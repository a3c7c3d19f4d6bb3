"""The editor's undo history, its hints and the overview's field checks, without a screen."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from kt_workbench.edit_history import FieldHistory, changed_lines, looks_like_typing
from kt_workbench.editing import empty_fields, field_problems
from kt_workbench.model import AccessRight, Contact, GlossaryEntry, ProcessDocument, Step
from kt_workbench.structured.hints import VocabularyCache, editing_hints, library_vocabulary


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def with_value(fields: dict[str, str], key: str, value: str) -> dict[str, str]:
    return {**fields, key: value}


def test_a_typing_burst_is_one_step_and_a_pause_starts_another() -> None:
    clock = Clock()
    start = empty_fields()
    history = FieldHistory(start, clock=clock)
    fields = start
    for text in ("S", "Sa", "Sam"):
        clock.now += 0.2
        fields = with_value(fields, "owner", text)
        history.record("owner", fields)
    clock.now += 5  # a pause
    fields = with_value(fields, "owner", "Sam L")
    history.record("owner", fields)
    assert history.undo() == with_value(start, "owner", "Sam")
    assert history.undo() == start
    assert history.undo() is None
    assert history.redo() == with_value(start, "owner", "Sam")


def test_item_operations_are_steps_even_in_a_burst() -> None:
    clock = Clock()
    table = "| Term | Meaning |\n| --- | --- |\n| A | a |\n| B | b |"
    start = with_value(empty_fields(), "glossary", table)
    history = FieldHistory(start, clock=clock)
    typed = table.replace("| a |", "| ab |")
    history.record("glossary", with_value(start, "glossary", typed))
    deleted = "| Term | Meaning |\n| --- | --- |\n| B | b |"
    history.record("glossary", with_value(start, "glossary", deleted))  # a row gone
    moved = "| Term | Meaning |\n| --- | --- |\n| B | b |\n| A | ab |"
    history.record("glossary", with_value(start, "glossary", moved))
    assert history.undo() == with_value(start, "glossary", deleted)
    assert history.undo() == with_value(start, "glossary", typed)
    assert history.undo() == start


def test_a_burst_never_spans_two_fields_and_redo_ends_with_a_new_step() -> None:
    clock = Clock()
    start = empty_fields()
    history = FieldHistory(start, clock=clock)
    owner = with_value(start, "owner", "Sam")
    history.record("owner", owner)
    both = with_value(owner, "team", "Care")
    history.record("team", both)
    assert history.undo() == owner
    changed = with_value(owner, "team", "Billing")
    history.record("team", changed)
    assert not history.can_redo
    assert history.undo() == owner


def test_the_history_keeps_a_bounded_number_of_steps() -> None:
    history = FieldHistory(empty_fields(), burst=0, limit=5)
    for number in range(20):
        history.record("owner", with_value(empty_fields(), "owner", f"{number}\n" * number))
    steps = 0
    while history.undo() is not None:
        steps += 1
    assert steps == 4


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="ab\n", max_size=12), min_size=1, max_size=12))
def test_undo_walks_back_through_every_recorded_state_in_order(texts: list[str]) -> None:
    """With no bursts, undo returns every distinct state recorded, newest first, and redo
    walks forward again to the last."""
    start = empty_fields()
    history = FieldHistory(start, burst=-1)
    states = [start]
    for text in texts:
        fields = with_value(start, "scope", text)
        if fields != states[-1]:
            states.append(fields)
        history.record("scope", fields)
    back = [history.current]
    while (state := history.undo()) is not None:
        back.append(state)
    assert back == list(reversed(states))
    while (state := history.redo()) is not None:
        pass
    assert history.current == states[-1]


def test_changed_lines_and_typing() -> None:
    assert changed_lines("a\nb\nc", "a\nB\nc") == (1, 1)
    assert changed_lines("a\nb", "a\nb\nc") == (0, 1)
    assert looks_like_typing("one", "one two")
    assert looks_like_typing("ab", "a\nb")  # Enter splits a line
    assert not looks_like_typing("a\nb\nc", "a\nc")  # a line removed
    assert not looks_like_typing("x\ny", "y\nx")  # two lines swapped


def library() -> list[ProcessDocument]:
    return [
        ProcessDocument(
            id="a",
            title="A",
            steps=(Step("Do", role="Provider agent", system="Zendesk, Stripe"),),
            access_rights=(AccessRight("Stripe", role="provider agent"),),
        ),
        ProcessDocument(id="b", title="B", steps=(Step("Go", role="Team lead", system="Okta"),)),
    ]


def test_hints_gather_the_library_and_the_process() -> None:
    vocabulary = library_vocabulary(library())
    assert vocabulary.roles == ("Provider agent", "Team lead")  # one spelling per role
    assert vocabulary.systems == ("Okta", "Stripe", "Zendesk")
    editing = ProcessDocument(
        id="c",
        title="C",
        steps=(Step("Check", role="Billing specialist", system="Shopify admin"),),
        access_rights=(AccessRight("Shopify admin, OrderHub"),),
        contacts=(Contact("Billing specialist"), Contact("  ")),
        glossary=(GlossaryEntry("FCR", "First contact resolution"),),
    )
    hints = editing_hints(vocabulary, editing)
    assert hints.roles == ("Billing specialist", "Provider agent", "Team lead")
    assert "Shopify admin" in hints.systems
    assert hints.contact_roles == ("Billing specialist",)
    assert hints.access_systems == ("OrderHub", "Shopify admin")
    assert hints.glossary_terms == ("FCR",)
    assert editing_hints(vocabulary, None).contact_roles == ()


def test_the_vocabulary_is_rebuilt_only_for_a_new_snapshot() -> None:
    cache = VocabularyCache()
    snapshot = object()
    first = cache.of(snapshot, library())
    assert cache.of(snapshot, []) is first  # same snapshot: not read again
    assert cache.of(object(), []).roles == ()


TODAY = dt.date(2026, 11, 23)


def test_overview_fields_say_what_is_wrong() -> None:
    fields = empty_fields() | {
        "volume_per_month": "12k",
        "review_every_days": "5000",
        "last_reviewed": "2027-01-01",
        "status": "done",
        "id": "Not An Id",
    }
    problems = field_problems(fields, TODAY)
    assert "whole number" in problems["volume_per_month"]
    assert "between 1 and 1,000 days" in problems["review_every_days"]
    assert "future" in problems["last_reviewed"]
    assert "draft, in-review, approved" in problems["status"]
    assert "lowercase" in problems["id"]
    good = empty_fields() | {
        "volume_per_month": "1,200",
        "review_every_days": "90",
        "last_reviewed": "2026-11-23",
        "status": "approved",
        "id": "refund-a-charge",
    }
    assert field_problems(good, TODAY) == {}
    assert "review_every_days" in field_problems(good | {"review_every_days": "0"}, TODAY)
