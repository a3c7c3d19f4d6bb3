"""A procedure step as its form edits it: typed values to a step the file carries, the flags
beside the fields, and the field each of the checker's procedure findings is about."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kt_workbench.checker import check_process
from kt_workbench.markdown import parse_document
from kt_workbench.model import ProcessDocument, SectionNote, Step
from kt_workbench.structured.hints import EditingHints
from kt_workbench.structured.items import replace_item
from kt_workbench.structured.sections import read_section, write_section
from kt_workbench.structured.steps import (
    NO_ACCESS_RIGHT,
    ProcedureRow,
    carried,
    field_for_finding,
    missing_access,
    procedure_rows,
    role_suggestions,
    step_from_form,
    step_number,
    step_problems,
    system_suggestions,
)

HINTS = EditingHints(
    roles=("Agent", "agent ", "Team lead"),
    systems=("Zendesk", "Stripe"),
    contact_roles=("Billing specialist", "Team Lead"),
    access_systems=(" zendesk", "Stripe, Salesforce"),
)


def test_typed_values_become_the_fields_the_format_carries() -> None:
    step = step_from_form(
        {
            "text": "  Open the\norder  ",
            "role": "Agent\r\n",
            "system": "\x00Zendesk",
            "details": "\n\n  First line\r\n\tindented\n\n",
        }
    )
    assert step == Step("Open the order", "Agent", "Zendesk", "", "First line\n    indented")


def test_systems_are_compared_as_the_checker_compares_them() -> None:
    granted = HINTS.access_systems
    assert missing_access("ZENDESK", granted) == []
    assert missing_access("**Zendesk**", granted) == []
    assert missing_access("Salesforce and Jira", granted) == ["Jira"]
    assert missing_access("", granted) == []
    assert missing_access("Zendesk", ()) == ["Zendesk"]


def test_problems_say_what_is_missing_next_to_each_field() -> None:
    full = Step("Refund", "Agent", "Stripe", "the refund shows")
    assert step_problems(full, HINTS) == {}
    problems = step_problems(Step("", "TBD", "Jira", ""), HINTS)
    assert problems["text"] == "no action yet: what does the agent do in this step?"
    assert problems["role"] == "no role yet: who does this step?"
    assert problems["system"] == NO_ACCESS_RIGHT
    assert "Done when" in problems["done_when"]
    several = step_problems(Step("x", system="Jira, Zendesk, Okta"), HINTS)["system"]
    assert several == "no access right for Jira, Okta: add them on the Access tab"


def test_typed_text_is_tidied_as_the_file_reads_it() -> None:
    # What is typed is what the file reads back, control characters included: the file keeps
    # a section's text as written (Unicode spaces and all), so the form does too.
    control = step_from_form({"details": "\x1f"})
    assert control == carried(control) == Step("", details="\x1f")
    assert step_from_form({"text": "\x1fOpen\u2028"}) == Step("Open")
    only_details = step_from_form({"details": "A paragraph, not the action."})
    assert only_details == Step("", details="A paragraph, not the action.")


def test_suggestions_are_unique_whatever_their_case() -> None:
    assert role_suggestions(HINTS) == ["Agent", "Team lead", "Billing specialist"]
    assert system_suggestions(HINTS) == ["zendesk", "Stripe, Salesforce", "Stripe"]


def test_rows_put_text_where_it_stands() -> None:
    document = read_section("procedure", "Intro\n\n1. a\n\n```\nx\n```\n\n2. b\n\nEnd")
    assert procedure_rows(document) == [
        ProcedureRow("text", 0, 0),
        ProcedureRow("step", 0, 1),
        ProcedureRow("text", 1, 1),
        ProcedureRow("step", 1, 2),
        ProcedureRow("text", 2, 2),
    ]
    headings = read_section("procedure", "Intro\n\n### Step 1: a\n\n### Step 2: b")
    assert [row.kind for row in procedure_rows(headings)] == ["text", "step", "step"]


def test_step_locations() -> None:
    assert step_number("step 4") == 4
    assert step_number(" Step 12 ") == 12
    assert step_number("step four") is None
    assert step_number("access row 2") is None


PROCESS = """\
---
id: refund
title: Refund a duplicate charge
---
# Refund a duplicate charge

## Procedure

1. Find the order and decide as needed
   - System: Zendesk
2. Refund the charge in Stripe
   - Role: Agent
   - System: Jira
3. Tell the customer
   - Role: TBD
   - Done when: the customer has the refund number

## Access rights

| System | Role | Access | How to request | Approver |
| --- | --- | --- | --- | --- |
| Stripe | Agent | refunds | IT form | Finance lead |
"""


def test_every_step_finding_of_the_checker_names_a_field_it_is_about() -> None:
    document = parse_document(PROCESS, "refund.md")
    report = check_process(document)
    fields = {
        (finding.rule, field_for_finding(document.steps[number - 1], finding.message))
        for finding in report.findings
        if (number := step_number(finding.location)) is not None
    }
    assert ("KT202", "role") in fields  # no role
    assert ("KT204", "done_when") in fields  # no Done when
    assert ("KT203", "system") in fields  # names Zendesk, its System: line does not
    assert any(rule.startswith("KT50") and field == "system" for rule, field in fields)
    assert ("KT205", "text") in fields  # vague wording in the action


# --- round trips of typed text --------------------------------------------------------------------

_TYPED = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
_SECTION = "Intro\n\n1. First\n   - Role: Agent\n\n```\ncode\n```\n\n2. Second\n\nEnd"


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({name: _TYPED for name in ("text", "role", "system", "done_when")}))
def test_anything_typed_in_a_line_field_round_trips(values: dict[str, str]) -> None:
    step = step_from_form(values)
    for text in (_SECTION, "### Step 1: First\n\n### Step 2: Second"):
        document = replace_item(read_section("procedure", text), "procedure", 1, step)
        written = write_section("procedure", document)
        again = read_section("procedure", written)
        assert again.steps == document.steps
        assert carried(step) == step
        assert write_section("procedure", again) == written


@settings(max_examples=100, deadline=None)
@given(_TYPED, st.lists(_TYPED, max_size=4).map("\n".join))
def test_typed_details_round_trip(action: str, details: str) -> None:
    step = step_from_form({"text": action, "role": "Agent", "details": details})
    document = ProcessDocument(
        id="x",
        title="x",
        steps=(Step("before"), step, Step("after")),
        notes=(SectionNote("procedure", "between", 1),),
    )
    written = write_section("procedure", document)
    assert read_section("procedure", written).steps == document.steps


def test_a_finding_points_at_the_field_holding_its_credential_or_term() -> None:
    step = Step(
        "Log in", details="- Mailbox login: ts@shop.example / password: Harbour-Lantern-42!"
    )
    message = "a password is written in step 6 (20 characters, not shown here)"
    assert field_for_finding(step, message) == "details"
    assert field_for_finding(Step("Log in"), message) == "text"
    glossary = "FRL is used 2 times but defined in no glossary"
    assert field_for_finding(Step("Send it", details="Attach the FRL."), glossary) == "details"
    assert field_for_finding(Step("Send the FRL"), glossary) == "text"


def test_the_typing_benchmark_measures_each_part() -> None:
    from benchmarks.bench_steps import measure, procedure_text

    assert len(read_section("procedure", procedure_text(20)).steps) == 20
    result = measure(10, keys=3)
    assert result["keys"] == 3
    assert {"keystroke", "write", "baseline_read_write"} <= set(result)
