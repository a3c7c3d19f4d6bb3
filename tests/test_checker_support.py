"""Documents for the checker tests: a complete process that no rule faults, and helpers to
break it one gap at a time."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from kt_workbench.checker import CheckerConfig, LibraryContext, ProcessReport, check_process
from kt_workbench.model import (
    AccessRight,
    Branch,
    Contact,
    DecisionTree,
    EdgeCase,
    GlossaryEntry,
    Metric,
    Node,
    NodeKind,
    ProcessDocument,
    Script,
    Step,
)

TODAY = dt.date(2026, 11, 23)


def question(text: str, *branches: Branch, key: str = "") -> Node:
    return Node(NodeKind.QUESTION, text, key, tuple(branches))


def outcome(text: str, key: str = "") -> Node:
    return Node(NodeKind.OUTCOME, text, key)


def complete_tree() -> DecisionTree:
    return DecisionTree(
        (
            question(
                "Is the duplicate charge older than 120 days?",
                Branch("Yes", outcome("Advise a chargeback with the bank.", "bank")),
                Branch("No", goto="pending"),
                key="start",
            ),
            question(
                "Is the second charge still pending?",
                Branch("Yes", outcome("Explain that pending charges drop off.", "wait")),
                Branch("No", outcome("Refund the duplicate charge in Stripe.", "refund")),
                key="pending",
            ),
        )
    )


def complete_document(**changes: Any) -> ProcessDocument:
    """A process an external team could run as written: the checker finds nothing."""
    doc = ProcessDocument(
        id="refund-duplicate-charge",
        title="Refund a duplicate card charge",
        owner="Priya Natarajan",
        team="Billing support",
        status="approved",
        channels=("phone", "email"),
        volume_per_month=1400,
        last_reviewed=dt.date(2026, 10, 12),
        review_every_days=90,
        purpose="Refund a card charge taken twice for one order.",
        steps=(
            Step(
                "Verify the customer with the order number.",
                role="Provider agent",
                system="Zendesk",
                done_when="The ticket is tagged verified.",
            ),
            Step(
                "Find both charges in Stripe.",
                role="Provider agent",
                system="Stripe",
                done_when="Both charges are visible.",
            ),
            Step(
                "Refund the duplicate charge and reply with the refund script.",
                role="Provider agent",
                system="Stripe, Zendesk",
                done_when="Stripe shows the refund as Succeeded.",
            ),
        ),
        scripts=(Script("Refund confirmed", "Hi {first_name}, your refund is on its way."),),
        decision_tree=complete_tree(),
        access_rights=(
            AccessRight(
                "Zendesk", "Provider agent", "Agent, billing group", "Okta request", "Priya"
            ),
            AccessRight("Stripe", "Provider agent", "Refund analyst", "Stripe invite", "Priya"),
        ),
        edge_cases=(
            EdgeCase(
                "Charge above the limit",
                when="The duplicate is over 500 GBP.",
                handle="Do not refund; assign the ticket to the billing specialist group.",
                escalate_to="Billing specialist",
            ),
            EdgeCase(
                "Dispute already open",
                when="Stripe shows a dispute on either charge.",
                handle="Do not refund; tag the ticket dispute_open.",
                escalate_to="Billing specialist",
            ),
        ),
        metrics=(
            Metric("CSAT", "88%", "84%", "86%", "88%"),
            Metric("FCR", "81%", "72%", "77%", "80%"),
            Metric("AHT", "7:10", "9:00", "8:00", "7:20"),
            Metric("Answer rate", "95%", "90%", "93%", "95%"),
        ),
        contacts=(
            Contact("Billing specialist", "Sam Whitfield", "Slack #billing", "Mon-Fri 08-18"),
        ),
        glossary=(
            GlossaryEntry("CSAT", "Customer satisfaction."),
            GlossaryEntry("FCR", "First contact resolution."),
            GlossaryEntry("AHT", "Average handle time."),
            GlossaryEntry("{first_name}", "The customer's first name."),
        ),
    )
    return replace(doc, **changes)


def check(
    doc: ProcessDocument,
    library: list[ProcessDocument] | None = None,
    config: CheckerConfig | None = None,
) -> ProcessReport:
    context = LibraryContext.build(library) if library is not None else None
    return check_process(doc, context, config, TODAY)


def codes(doc: ProcessDocument, library: list[ProcessDocument] | None = None) -> list[str]:
    return [finding.rule for finding in check(doc, library).findings]


def messages(doc: ProcessDocument, code: str) -> list[str]:
    return [f.message for f in check(doc).findings if f.rule == code]


def with_step(index: int, **changes: Any) -> ProcessDocument:
    """The complete document with step ``index`` (1-based) changed."""
    doc = complete_document()
    steps = list(doc.steps)
    steps[index - 1] = replace(steps[index - 1], **changes)
    return replace(doc, steps=tuple(steps))


def test_the_complete_document_has_no_findings() -> None:
    report = check(complete_document())
    assert report.findings == ()
    assert report.score == 100
    assert report.readiness == "ready"
    assert set(report.sections.values()) == {100}
