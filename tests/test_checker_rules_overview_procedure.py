"""Overview (KT1xx) and procedure (KT2xx) rules: each fires on its gap and only there."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

import pytest

from kt_workbench.checker import CheckerConfig, check_process
from kt_workbench.model import ExtraSection, ProcessDocument, SectionNote, Step
from tests.test_checker_support import (
    check,
    codes,
    complete_document,
    messages,
    with_step,
)

LONG = " ".join(["word"] * 36) + "."

TRIGGERS: dict[str, Callable[[], ProcessDocument]] = {
    "KT101": lambda: complete_document(purpose=""),
    "KT102": lambda: complete_document(owner=""),
    "KT103": lambda: complete_document(team=""),
    "KT104": lambda: complete_document(status="draft"),
    "KT105": lambda: complete_document(last_reviewed=dt.date(2026, 1, 1), review_every_days=90),
    "KT106": lambda: complete_document(review_every_days=None),
    "KT107": lambda: complete_document(volume_per_month=None),
    "KT108": lambda: complete_document(channels=()),
    "KT201": lambda: complete_document(steps=complete_document().steps[:2]),
    "KT202": lambda: with_step(2, role=""),
    "KT203": lambda: with_step(1, text="Verify the customer and look them up in Stripe."),
    "KT204": lambda: with_step(3, done_when=""),
    "KT205": lambda: with_step(2, text="Find both charges as appropriate."),
    "KT206": lambda: with_step(3, details="If the refund fails, go back to step 9."),
    "KT207": lambda: with_step(1, text=LONG),
}


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_rule_fires_on_its_gap(code: str) -> None:
    assert code in codes(TRIGGERS[code]())


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_rule_is_silent_on_the_complete_document(code: str) -> None:
    assert code not in codes(complete_document())


def test_placeholder_values_count_as_missing() -> None:
    assert "KT102" in codes(complete_document(owner="TBD"))
    assert "KT101" in codes(complete_document(purpose="  ?  "))
    assert "KT204" in codes(with_step(1, done_when="n/a"))


def test_in_review_costs_half_of_draft() -> None:
    draft = check(complete_document(status="draft")).sections["overview"]
    in_review = check(complete_document(status="in-review")).sections["overview"]
    assert 100 - draft == 2 * (100 - in_review)


def test_review_overdue_uses_today_and_says_when_it_was_due() -> None:
    doc = complete_document(last_reviewed=dt.date(2026, 8, 1), review_every_days=90)
    due = dt.date(2026, 10, 30)
    assert "KT105" not in [f.rule for f in check_process(doc, today=due).findings]
    late = check_process(doc, today=due + dt.timedelta(days=1))
    assert [f.message for f in late.findings if f.rule == "KT105"] == [
        "last reviewed 2026-08-01, every 90 days: the review was due 2026-10-30"
    ]
    # The same finding every later day (a cached report stays right).
    much_later = check_process(doc, today=due + dt.timedelta(days=400))
    assert [f for f in much_later.findings if f.rule == "KT105"] == [
        f for f in late.findings if f.rule == "KT105"
    ]


def test_missing_schedule_names_the_missing_fields() -> None:
    doc = complete_document(last_reviewed=None, review_every_days=None)
    assert messages(doc, "KT106") == ["no last_reviewed and no review_every_days"]


def test_each_step_without_a_role_is_located() -> None:
    doc = complete_document(steps=tuple(replace(s, role="") for s in complete_document().steps))
    assert [f.location for f in check(doc).findings if f.rule == "KT202"] == [
        "step 1",
        "step 2",
        "step 3",
    ]


def test_too_few_steps_scales_with_how_many_are_missing() -> None:
    base = complete_document()
    none = check(replace(base, steps=())).sections["procedure"]
    two = check(replace(base, steps=base.steps[:2])).sections["procedure"]
    assert none < two < 100
    config = CheckerConfig(min_steps=2)
    assert "KT201" not in [
        f.rule for f in check(replace(base, steps=base.steps[:2]), config=config).findings
    ]


def test_system_in_step_text_needs_the_system_line() -> None:
    doc = with_step(1, text="Verify the customer and look them up in Stripe.")
    assert messages(doc, "KT203") == ["step 1 names Stripe, but its System: line does not"]


def test_system_recognition_needs_a_capitalised_name() -> None:
    assert "KT203" not in codes(with_step(1, text="verify in stripe, then stripe the form."))


def test_system_listed_under_a_longer_name_counts_as_listed() -> None:
    doc = with_step(2, text="Find both charges in Stripe.", system="Stripe dashboard")
    assert "KT203" not in codes(doc)


def test_systems_from_other_processes_are_recognised_in_text() -> None:
    other = complete_document(
        id="other", title="Track an order", steps=(Step("Look up the order", system="OrderHub"),)
    )
    doc = with_step(1, text="Check the order in OrderHub first.")
    assert "KT203" not in codes(doc, [doc])
    assert "KT203" in codes(doc, [doc, other])


def test_vague_wording_quotes_the_phrase_as_written() -> None:
    doc = with_step(2, text="Refund it ASAP, and use your Judgement etc.")
    assert messages(doc, "KT205") == [
        'vague wording "ASAP"',
        'vague wording "use your Judgement"',
        'vague wording "etc"',
    ]


def test_vague_wording_matches_whole_words_only() -> None:
    assert "KT205" not in codes(
        with_step(2, text="Check the etcetera field and the quickly_field.")
    )


def test_vague_wording_in_procedure_notes_and_unknown_sections() -> None:
    note = complete_document(notes=(SectionNote("procedure", "Agents usually skip this."),))
    assert [f.location for f in check(note).findings if f.rule == "KT205"] == ["procedure notes"]
    extra = complete_document(extra_sections=(ExtraSection("Notes", "Escalate if needed."),))
    assert [f.location for f in check(extra).findings if f.rule == "KT205"] == ["section: Notes"]


def test_step_references_anywhere_are_checked_against_the_step_count() -> None:
    doc = with_step(3, details="Steps 2-3 again, then step 7.")
    assert messages(doc, "KT206") == ["refers to step 7, but the procedure has 3 steps"]
    assert "KT206" not in codes(with_step(3, details="Repeat step 2 if the refund fails."))


def test_overlong_sentence_counts_words_per_sentence() -> None:
    short_sentences = " ".join(["Do this now."] * 20)
    assert "KT207" not in codes(with_step(1, text=short_sentences))
    assert messages(with_step(1, details=LONG), "KT207") == [
        "a sentence of 36 words (more than 35) in step 1"
    ]


def test_today_defaults_to_the_real_date() -> None:
    doc = complete_document(last_reviewed=dt.date(2000, 1, 1), review_every_days=1)
    overdue = [f.message for f in check_process(doc).findings if f.rule == "KT105"]
    assert overdue == ["last reviewed 2000-01-01, every 1 days: the review was due 2000-01-02"]


def test_a_review_interval_past_the_calendar_is_not_overdue() -> None:
    doc = complete_document(last_reviewed=dt.date(9000, 1, 1), review_every_days=10**7)
    assert "KT105" not in codes(doc)
