"""Metrics (KT7xx), contacts (KT8xx) and glossary (KT9xx) rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from kt_workbench.model import ExtraSection, GlossaryEntry, Metric, ProcessDocument, SectionNote
from tests.test_checker_support import check, codes, complete_document, messages, with_step

METRICS = complete_document().metrics
GLOSSARY = complete_document().glossary

TRIGGERS: dict[str, Callable[[], ProcessDocument]] = {
    "KT701": lambda: complete_document(metrics=METRICS[:3]),
    "KT702": lambda: complete_document(metrics=(*METRICS[:3], Metric("Answer rate", "95%"))),
    "KT801": lambda: complete_document(contacts=()),
    "KT802": lambda: complete_document(
        contacts=(replace(complete_document().contacts[0], hours=""),)
    ),
    "KT901": lambda: with_step(1, text="Verify the customer and note the ARN."),
    "KT902": lambda: complete_document(glossary=(*GLOSSARY, GlossaryEntry("Pending", ""))),
}


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_rule_fires_on_its_gap(code: str) -> None:
    assert code in codes(TRIGGERS[code]())


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_rule_is_silent_on_the_complete_document(code: str) -> None:
    assert code not in codes(complete_document())


@pytest.mark.parametrize(
    "names",
    [
        (
            "Customer satisfaction",
            "First contact resolution",
            "Average handle time",
            "Calls answered",
        ),
        ("CSAT score", "First-call resolution", "Average handling time", "Answered rate"),
    ],
)
def test_core_metrics_are_recognised_by_their_usual_names(names: tuple[str, ...]) -> None:
    metrics = tuple(replace(metric, name=name) for metric, name in zip(METRICS, names, strict=True))
    doc = complete_document(metrics=metrics)
    assert [f.rule for f in check(doc).findings if f.section == "metrics"] == []


def test_a_missing_metric_lacks_its_baseline_and_its_targets() -> None:
    doc = TRIGGERS["KT701"]()
    assert [(f.rule, f.message) for f in check(doc).findings if f.section == "metrics"] == [
        ("KT701", "no answer rate baseline: the metric is not listed"),
        ("KT702", "no 30/60/90-day targets for answer rate"),
    ]


def test_placeholder_baseline_is_missing_but_not_also_unfinished() -> None:
    metrics = (replace(METRICS[0], baseline="TBD"), *METRICS[1:])
    found = codes(complete_document(metrics=metrics))
    assert "KT701" in found
    assert "KT010" not in found


def test_missing_targets_are_named_and_cost_by_how_many() -> None:
    one = complete_document(metrics=(*METRICS[:3], replace(METRICS[3], target_90="")))
    three = TRIGGERS["KT702"]()
    assert messages(one, "KT702") == ["Answer rate has no 90-day target"]
    assert messages(three, "KT702") == ["Answer rate has no 30/60/90-day targets"]
    assert check(three).sections["metrics"] < check(one).sections["metrics"] < 100


def test_no_contacts_is_an_error() -> None:
    [finding] = [f for f in check(TRIGGERS["KT801"]()).findings if f.rule == "KT801"]
    assert finding.severity.value == "error"


def test_contact_gap_names_what_is_missing() -> None:
    contact = replace(complete_document().contacts[0], channel="", hours="-")
    assert messages(complete_document(contacts=(contact,)), "KT802") == [
        "Billing specialist: no channel and no hours"
    ]


def test_undefined_acronyms_are_named_once_with_their_first_place() -> None:
    doc = with_step(1, text="Note the ARN and the ARNs of every refund; check the 2FA.")
    findings = [f for f in check(doc).findings if f.rule == "KT901"]
    assert [(f.location, f.message) for f in findings] == [
        ("step 1", "ARN is used 2 times but defined in no glossary"),
        ("step 1", "2FA is used 1 time but defined in no glossary"),
    ]


def test_acronyms_defined_in_any_glossary_of_the_library_are_fine() -> None:
    doc = with_step(1, text="Note the ARN.")
    other = complete_document(id="other", title="Other", glossary=(GlossaryEntry("ARN", "Ref."),))
    assert "KT901" not in codes(doc, [doc, other])
    inline = complete_document(
        steps=doc.steps, glossary=(*GLOSSARY, GlossaryEntry("Acquirer reference (ARN)", "Ref."))
    )
    assert "KT901" not in codes(inline)


@pytest.mark.parametrize(
    "text",
    [
        "Use the `ARN` field.",
        "See https://wiki.example.com/ARN/KPI for details.",
        "Mail refunds@ARN.example.com.",
        "DO NOT REFUND twice.",
        "It is OK to refund in GBP before 5 PM UTC.",
        "Use the ABCDEFGHIJ code and the Arn field.",
    ],
)
def test_code_links_shouting_and_common_capitals_are_not_acronyms(text: str) -> None:
    assert "KT901" not in codes(with_step(1, text=text))


def test_acronyms_are_found_in_notes_extra_sections_and_front_matter() -> None:
    doc = complete_document(
        notes=(SectionNote("metrics", "Targets agreed with the QA team."),),
        extra_sections=(ExtraSection("History", "Moved from the BPO pilot."),),
        extra_front_matter="sla_owner: WFM",
    )
    assert [
        (f.location, f.message.split()[0]) for f in check(doc).findings if f.rule == "KT901"
    ] == [
        ("front matter", "WFM"),
        ("section: History", "BPO"),
        ("metrics notes", "QA"),
    ]


def test_id_is_an_acronym_to_define() -> None:
    assert "KT901" in codes(with_step(1, text="Ask which ID the customer holds."))
