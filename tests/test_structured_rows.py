"""Row fields, cell validation, metric values, placeholders and finding locations."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kt_workbench.checker import check_process
from kt_workbench.markdown import parse_document
from kt_workbench.markdown.vocabulary import EDGE_CASE_LABELS, TABLE_COLUMNS
from kt_workbench.model import (
    AccessRight,
    Contact,
    EdgeCase,
    GlossaryEntry,
    Metric,
    ProcessDocument,
    Script,
)
from kt_workbench.model.metric_values import describe, parse_measure
from kt_workbench.structured.hints import EditingHints
from kt_workbench.structured.placeholders import find_placeholders, placeholder_uses
from kt_workbench.structured.row_checks import item_problems
from kt_workbench.structured.rows import ITEM_KINDS, clean_line, locate_item
from kt_workbench.structured.sections import section_items


def test_labels_come_from_the_format_vocabulary() -> None:
    for section, columns in TABLE_COLUMNS.items():
        kind = ITEM_KINDS[section]
        assert [f.key for f in kind.fields] == list(columns)
        assert [f.label for f in kind.fields] == [names[0] for names in columns.values()]
    labels = [f.label for f in ITEM_KINDS["edge_cases"].fields]
    assert labels[1:4] == [EDGE_CASE_LABELS[key][0] for key in ("when", "handle", "escalate_to")]


@pytest.mark.parametrize(
    ("text", "kind", "low", "high"),
    [
        ("84%", "percent", 84, 84),
        ("84 %", "percent", 84, 84),
        ("4.5/5", "percent", 90, 90),
        ("1,200", "number", 1200, 1200),
        ("6m", "duration", 360, 360),
        ("6 min", "duration", 360, 360),
        ("4:30", "duration", 270, 270),
        ("1:04:30", "duration", 3870, 3870),
        ("1h 30m", "duration", 5400, 5400),
        ("2 business days", "duration", 172800, 172800),
        ("80-85%", "percent", 80, 85),
        ("80 to 85 %", "percent", 80, 85),
        ("4–6 min", "duration", 240, 360),
        ("≥ 90%", "percent", 90, 90),
        ("under 5 min", "duration", 300, 300),
        ("85%+", "percent", 85, 85),
        ("within 24h", "duration", 86400, 86400),
    ],
)
def test_metric_values_read(text: str, kind: str, low: float, high: float) -> None:
    measure = parse_measure(text)
    assert measure is not None
    assert (measure.kind, measure.low, measure.high) == (kind, low, high)


@pytest.mark.parametrize("text", ["", "TBD", "good", "5PM", "80%-6m", "fast-ish", "%"])
def test_metric_values_refused(text: str) -> None:
    assert parse_measure(text) is None


def test_describe() -> None:
    assert describe(parse_measure("7:45")) == "7m 45s"  # type: ignore[arg-type]
    assert describe(parse_measure("80-85%")) == "80%–85%"  # type: ignore[arg-type]


def test_sample_metrics_have_no_problems() -> None:
    for metric in (
        Metric("CSAT", "84%", "79%", "82%", "84%"),
        Metric("AHT", "7:45", "9:30", "8:30", "7:50"),
        Metric("Replies within 24 hours", "92%", "85%", "90%", "93%"),
    ):
        assert item_problems("metrics", metric) == {}


def test_metric_problems() -> None:
    problems = item_problems("metrics", Metric("CSAT", "TBD", "fast", "80%", "75%"))
    assert problems["baseline"] == "counts as missing: no baseline"
    assert "not a number" in problems["target_30"]
    assert problems["target_90"] == "90-day target should not fall below the 60-day target (80%)"
    aht = item_problems("metrics", Metric("Average handle time", "6m", "8m", "7m", "9:00"))
    assert aht == {"target_90": "90-day target should not rise above the 60-day target (7m)"}
    mixed = item_problems("metrics", Metric("Save rate", "23%", "", "4:30", "120%"))
    assert mixed == {
        "target_60": "is a duration; the first value is a percentage",
        "target_90": "120% is over 100%",
    }
    # Not a core metric: blanks are not the checker's business, so not the form's either.
    assert item_problems("metrics", Metric("Save rate", "23%")) == {}


def test_access_problems_use_the_checker_vocabulary() -> None:
    problems = item_problems("access_rights", AccessRight("Zendesk", "Agent", "Full access", "IT"))
    assert problems["approver"] == "who approves the request?"
    assert "'Full access' is broader than an agent needs" in problems["access"]
    assert (
        item_problems("access_rights", AccessRight("Z", "A", "No admin rights", "form", "Lee"))
        == {}
    )


def test_contact_glossary_script_edge_case_problems() -> None:
    assert set(item_problems("contacts", Contact("Team lead"))) == {"channel", "hours"}
    assert set(item_problems("glossary", GlossaryEntry("AHT", "?"))) == {"meaning"}
    assert item_problems("scripts", Script("Hello", "")) == {"body": "the script has no text"}
    hints = EditingHints(contact_roles=("Team lead", "Billing specialist"))
    case = EdgeCase("Angry", "Customer shouts", "Stay calm", "Billing specalist")
    assert item_problems("edge_cases", case, hints) == {}
    case = EdgeCase("Angry", "Customer shouts", "Stay calm", "Legal")
    assert item_problems("edge_cases", case, hints) == {
        "escalate_to": "'Legal' is not in Escalation contacts"
    }
    assert item_problems("edge_cases", EdgeCase("Angry", "Shouts", "Calm", "none"), hints) == {}


def test_line_breaks_become_spaces() -> None:
    assert clean_line("  Team lead\n (Sam)\r\nOrtiz\r") == "Team lead (Sam) Ortiz"
    assert clean_line("a\tb") == "a\tb"


def test_placeholders_and_the_glossary() -> None:
    text = "Hi {customer_name},\nyour order {{ order_id }} ships {date}. {customer-name}"
    found = find_placeholders(text)
    assert [(p.name, p.line, p.start, p.end) for p in found] == [
        ("customer_name", 0, 3, 18),
        ("order_id", 1, 11, 25),
        ("date", 1, 32, 38),
        ("customer-name", 1, 40, 55),
    ]
    uses = placeholder_uses(text, ["Customer name", "Order ID"])
    assert [(u.name, u.explained, u.count) for u in uses] == [
        ("customer_name", True, 2),
        ("order_id", True, 1),
        ("date", False, 1),
    ]


_DOCUMENT = """---
id: locate
title: Locate
channels: [phone]
---
# Locate

## Scripts

### Greeting

> Hello {customer_name}, I am [insert name].

### Empty

## Access rights

| System | Role | Access | How to request | Approver |
| --- | --- | --- | --- | --- |
| Zendesk | Agent | Agent | IT form | Team lead |
| Stripe | Agent | Full access | IT form | |

## Edge cases

### Team lead unavailable

- When: the team lead is out
- Handle: as needed
- Escalate to: Head of support

## Metrics

| Metric | Baseline | 30 days | 60 days | 90 days |
| --- | --- | --- | --- | --- |
| CSAT | 80% | | 80% | 80% |

## Escalation contacts

| Role | Name | Channel | Hours |
| --- | --- | --- | --- |
| Team lead | Sam | | 9-5 |

## Glossary

| Term | Meaning |
| --- | --- |
| AHT | TBD |
"""


def test_every_checker_location_of_these_sections_is_found() -> None:
    document = parse_document(_DOCUMENT, "locate.md")
    report = check_process(document)
    expected = {
        ("access row 2", "KT502"): (1, "approver"),
        ("access row 2", "KT503"): (1, "access"),
        ("contact row 1", "KT802"): (0, "channel"),
        ("metric: CSAT", "KT702"): (0, "target_30"),
        ("glossary: AHT", "KT902"): (0, "meaning"),
        ("script: Greeting", "KT302"): (0, "body"),
        ("script: Greeting", "KT303"): (0, "body"),
        ("script: Empty", "KT304"): (1, "body"),
        ("edge case: Team lead unavailable", "KT603"): (0, "escalate_to"),
        ("edge case: Team lead unavailable", "KT604"): (0, "handle"),
    }
    seen = {}
    for finding in report.findings:
        for field, kind in ITEM_KINDS.items():
            items = section_items(document, field)
            found = locate_item(kind, items, finding.location, finding.message)
            if found is not None and found[0] >= 0:
                seen[(finding.location, finding.rule)] = found
    for key, value in expected.items():
        assert seen.get(key) == value, (key, seen)


def test_locations_of_other_sections_are_not_found() -> None:
    kind = ITEM_KINDS["access_rights"]
    rows = (AccessRight("Zendesk"),)
    assert locate_item(kind, rows, "contact row 1") is None
    assert locate_item(kind, rows, "access row 2") is None
    assert locate_item(kind, rows, "step 1") is None
    assert locate_item(kind, rows, "access rights", "no access rights") == (-1, "")
    assert locate_item(ITEM_KINDS["metrics"], (Metric("csat"),), "metric: CSAT") == (0, "name")


def test_location_repeated_in_the_message_does_not_pick_a_field() -> None:
    kind = ITEM_KINDS["access_rights"]
    rows = (AccessRight("Zendesk", "Agent", "Agent", "form", "Lee"),)
    message = "password is written in access row 1 (12 characters, not shown here)"
    assert locate_item(kind, rows, "access row 1", message) == (0, "system")
    message = 'unfinished marker "TBD" in access row 1'
    rows = (AccessRight("Zendesk", "Agent", "Agent", "TBD later", "Lee"),)
    assert locate_item(kind, rows, "access row 1", message) == (0, "how_to_request")


@settings(max_examples=150, deadline=None)
@given(
    target=st.one_of(
        st.sampled_from(
            ["Team lead", "team LEAD", "Billing specalist", "Lead", "none", "Legal", " ", "?"]
        ),
        st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20),
    )
)
def test_the_edge_case_form_and_the_checker_judge_escalation_alike(target: str) -> None:
    """One rule for both: the form flags an Escalate to exactly when the checker's KT603
    would, given the same contacts."""
    roles = ("Team lead", "Billing specialist")
    contacts = tuple(Contact(role, "", "Phone", "24/7") for role in roles)
    case = EdgeCase("Angry", "Customer shouts", "Stay calm", target)
    problems = item_problems("edge_cases", case, EditingHints(contact_roles=roles))
    flagged = problems.get("escalate_to", "").endswith("is not in Escalation contacts")
    document = ProcessDocument(id="t", title="T", contacts=contacts, edge_cases=(case,))
    codes = {finding.rule for finding in check_process(document).findings}
    assert flagged == ("KT603" in codes)
