"""Reading process documents: every section, synonyms, hand-written files, what is kept."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from kt_workbench.markdown import parse_document, render_document
from kt_workbench.markdown.vocabulary import SECTION_HEADINGS
from kt_workbench.model import (
    AccessRight,
    Branch,
    Contact,
    DecisionTree,
    EdgeCase,
    ExtraSection,
    GlossaryEntry,
    Metric,
    Node,
    NodeKind,
    ProcessDocument,
    Script,
    SectionNote,
    Step,
)


def read(text: str) -> ProcessDocument:
    return parse_document(textwrap.dedent(text).lstrip("\n"), "test.md")


ISSUE_EXAMPLE = """
---
id: refund-duplicate-charge
title: Refund a duplicate card charge
owner: Priya Natarajan
team: Billing support
status: approved
channels: [phone, email]
volume_per_month: 1400
last_reviewed: 2026-09-14
review_every_days: 90
tags: [billing, refunds]
---
# Refund a duplicate card charge

## Purpose

Refund the second charge when a customer is charged twice.

## Scope

Card payments through Stripe. Out of scope: PayPal.

## Procedure

1. Verify the customer.
   - Role: Provider agent
   - System: Zendesk
   - Done when: Both details match.
2. Refund the duplicate in Stripe.

## Scripts

### Refund confirmed

> Hi {first_name},
>
> I've refunded the second charge.

## Decision tree

- [start] Is the duplicate charge older than 120 days?
  - Yes → [bank] Outcome: Advise the customer to raise a chargeback with their bank.
  - No → [pending] Is the second charge still pending?
    - Yes → [wait] Outcome: Explain that pending charges drop off within 5 business days.
    - No → [refund] Outcome: Refund the duplicate charge in Stripe.
  - Not sure → goto [pending]

## Access rights

| System | Role | Access | How to request | Approver |
| --- | --- | --- | --- | --- |
| Stripe | Provider agent | Refunds | ServiceNow form | Billing lead |

## Edge cases

### Dispute already open

- When: The bank shows a chargeback.
- Handle: Do not refund.
- Escalate to: Billing specialist

## Metrics

| Metric | Baseline | 30 days | 60 days | 90 days |
| --- | --- | --- | --- | --- |
| CSAT | 88% | 84% | 87% | 89% |

## Escalation contacts

| Role | Name | Channel | Hours |
| --- | --- | --- | --- |
| Billing specialist | Tomás Ruiz | Slack | Mon-Fri |

## Glossary

| Term | Meaning |
| --- | --- |
| Chargeback | A refund the bank forces. |
"""


def test_reads_every_part_of_the_issue_example() -> None:
    document = read(ISSUE_EXAMPLE)
    assert document.id == "refund-duplicate-charge"
    assert document.title == "Refund a duplicate card charge"
    assert (document.owner, document.team, document.status) == (
        "Priya Natarajan",
        "Billing support",
        "approved",
    )
    assert document.channels == ("phone", "email")
    assert document.tags == ("billing", "refunds")
    assert document.volume_per_month == 1400
    assert document.last_reviewed == dt.date(2026, 9, 14)
    assert document.review_every_days == 90
    assert document.purpose == "Refund the second charge when a customer is charged twice."
    assert document.scope == "Card payments through Stripe. Out of scope: PayPal."
    assert document.steps == (
        Step(
            "Verify the customer.",
            role="Provider agent",
            system="Zendesk",
            done_when="Both details match.",
        ),
        Step("Refund the duplicate in Stripe."),
    )
    assert document.scripts == (
        Script("Refund confirmed", "Hi {first_name},\n\nI've refunded the second charge."),
    )
    pending = Node(
        NodeKind.QUESTION,
        "Is the second charge still pending?",
        "pending",
        (
            Branch(
                "Yes",
                Node(
                    NodeKind.OUTCOME,
                    "Explain that pending charges drop off within 5 business days.",
                    "wait",
                ),
            ),
            Branch(
                "No", Node(NodeKind.OUTCOME, "Refund the duplicate charge in Stripe.", "refund")
            ),
        ),
    )
    bank = Node(
        NodeKind.OUTCOME, "Advise the customer to raise a chargeback with their bank.", "bank"
    )
    assert document.decision_tree == DecisionTree(
        (
            Node(
                NodeKind.QUESTION,
                "Is the duplicate charge older than 120 days?",
                "start",
                (Branch("Yes", bank), Branch("No", pending), Branch("Not sure", goto="pending")),
            ),
        )
    )
    assert document.access_rights == (
        AccessRight("Stripe", "Provider agent", "Refunds", "ServiceNow form", "Billing lead"),
    )
    assert document.edge_cases == (
        EdgeCase(
            "Dispute already open",
            when="The bank shows a chargeback.",
            handle="Do not refund.",
            escalate_to="Billing specialist",
        ),
    )
    assert document.metrics == (Metric("CSAT", "88%", "84%", "87%", "89%"),)
    assert document.contacts == (Contact("Billing specialist", "Tomás Ruiz", "Slack", "Mon-Fri"),)
    assert document.glossary == (GlossaryEntry("Chargeback", "A refund the bank forces."),)
    assert document.notes == ()
    assert document.extra_sections == ()


SECTION_BODIES = {
    "purpose": "Why this exists.",
    "scope": "What is in and out.",
    "procedure": "1. Do the thing.",
    "scripts": "### Greeting\n\n> Hello.",
    "decision_tree": "- Is it urgent?\n  - Yes → Outcome: Call now.",
    "access_rights": "| System | Role |\n| --- | --- |\n| CRM | Agent |",
    "edge_cases": "### Angry customer\n\n- When: The customer shouts.",
    "metrics": "| Metric | Baseline |\n| --- | --- |\n| AHT | 6 min |",
    "contacts": "| Role | Name |\n| --- | --- |\n| Team lead | Ana |",
    "glossary": "| Term | Meaning |\n| --- | --- |\n| AHT | Average handle time |",
}
FIELD_OF_SECTION = {
    "purpose": "purpose",
    "scope": "scope",
    "procedure": "steps",
    "scripts": "scripts",
    "decision_tree": "decision_tree",
    "access_rights": "access_rights",
    "edge_cases": "edge_cases",
    "metrics": "metrics",
    "contacts": "contacts",
    "glossary": "glossary",
}
SYNONYMS = [(section, alias) for section, aliases in SECTION_HEADINGS.items() for alias in aliases]


@pytest.mark.parametrize(("section", "heading"), SYNONYMS)
def test_every_heading_synonym_reads_its_section(section: str, heading: str) -> None:
    document = parse_document(f"# T\n\n## {heading}\n\n{SECTION_BODIES[section]}\n", "t.md")
    assert getattr(document, FIELD_OF_SECTION[section])
    assert document.extra_sections == ()
    assert document.notes == ()


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("STEPS", "steps"),
        ("steps", "steps"),
        ("Access:", "access_rights"),
        ("access-rights", "access_rights"),
        ("kpis", "metrics"),
        ("  Exceptions  ##", "edge_cases"),
        ("Decision_tree", "decision_tree"),
    ],
)
def test_headings_match_without_case_or_punctuation(heading: str, field: str) -> None:
    section = next(s for s, f in FIELD_OF_SECTION.items() if f == field)
    document = parse_document(f"# T\n\n## {heading}\n\n{SECTION_BODIES[section]}\n", "t.md")
    assert getattr(document, field)


def test_a_file_without_front_matter_takes_its_title_and_steps_from_the_markdown() -> None:
    document = read(
        """
        # Reset a customer's password

        Some intro text.

        ## Steps

        1. Check the account email.
        2. Send the reset link
           from the admin panel.
        """
    )
    assert document.title == "Reset a customer's password"
    assert document.id == "reset-a-customer-s-password"
    assert document.status == "draft"
    assert [step.text for step in document.steps] == [
        "Check the account email.",
        "Send the reset link from the admin panel.",
    ]
    assert document.notes == (SectionNote("overview", "Some intro text."),)


def test_a_setext_title_and_a_title_only_file_are_read() -> None:
    assert read("Password reset\n==============\n").title == "Password reset"
    document = read("---\ntitle: Only a title\n---\n")
    assert (document.title, document.id) == ("Only a title", "only-a-title")


def test_an_empty_id_is_derived_and_a_title_without_latin_letters_gets_a_hash_id() -> None:
    assert read("---\nid:\ntitle: Lost card\n---\n").id == "lost-card"
    document = read("# 退款流程\n")
    assert document.id.startswith("process-")
    assert len(document.id) == len("process-") + 10
    assert read("# 退款流程\n").id == document.id


def test_a_heading_that_differs_from_the_front_matter_title_is_kept() -> None:
    document = read(
        """
        ---
        title: Refunds
        ---
        # Refund handling (draft v2)

        Intro.
        """
    )
    assert document.title == "Refunds"
    assert document.note("overview") == "# Refund handling (draft v2)\n\nIntro."
    assert "# Refund handling (draft v2)" in render_document(document)


def test_unknown_sections_paragraphs_and_keys_are_kept_and_written_back() -> None:
    document = read(
        """
        ---
        title: Address change
        x-reviewer: Sam
        related: [lost-card, refund]
        ---
        # Address change

        Owner's note before the sections.

        ## Purpose

        Keep the customer's address right.

        ## Procedure

        Read this first: the steps below assume a verified customer.

        1. Update the address.

        Afterwards, tell the customer.

        ## History

        - 2026-01: written.

        ## Purpose

        A second purpose section.
        """
    )
    assert document.extra_front_matter == "x-reviewer: Sam\nrelated: [lost-card, refund]"
    assert document.notes == (
        SectionNote("overview", "Owner's note before the sections."),
        SectionNote("procedure", "Read this first: the steps below assume a verified customer."),
        SectionNote("procedure", "Afterwards, tell the customer.", after=1),
    )
    assert document.extra_sections == (
        ExtraSection("History", "- 2026-01: written."),
        ExtraSection("Purpose", "A second purpose section."),
    )
    exported = render_document(document)
    for kept in (
        "x-reviewer: Sam",
        "related: [lost-card, refund]",
        "Owner's note before the sections.",
        "Read this first",
        "Afterwards, tell the customer.",
        "## History\n\n- 2026-01: written.",
        "## Purpose\n\nA second purpose section.",
    ):
        assert kept in exported
    assert parse_document(exported) == document


def test_step_labels_accept_synonyms_bold_and_any_case() -> None:
    document = read(
        """
        # T

        ## Procedure

        1. Check the order.
           - **Who:** Provider agent
           - __tool__: Shopify admin
           - Finished when: the order
             status is Paid.
           - A plain bullet stays in the details.

           A paragraph stays too.
        """
    )
    (step,) = document.steps
    assert (step.role, step.system, step.done_when) == (
        "Provider agent",
        "Shopify admin",
        "the order status is Paid.",
    )
    assert step.details == "- A plain bullet stays in the details.\n\nA paragraph stays too."


def test_a_label_counts_only_when_it_opens_the_first_line_of_its_bullet() -> None:
    document = read(
        """
        # T

        ## Procedure

        1. Check the order.
           - Role
             : not a label
           - Role: Agent
           - Role: a second role bullet
        """
    )
    (step,) = document.steps
    assert step.role == "Agent"
    assert "- Role\n  : not a label" in step.details
    assert "- Role: a second role bullet" in step.details
    assert parse_document(render_document(document)) == document


def test_text_nested_under_a_label_bullet_becomes_details() -> None:
    document = read(
        """
        # T

        ## Steps

        1. Refund.
           - System: Stripe
             - only for card payments
        """
    )
    assert document.steps == (Step("Refund.", system="Stripe", details="- only for card payments"),)


def test_scripts_unquote_a_quoted_body_and_keep_other_bodies_as_written() -> None:
    document = read(
        """
        # T

        ## Templates

        Use these word for word.

        ### Opening

        > Thanks for calling.
        > How can I help?

        ### Closing

        Say goodbye:

        > Bye!
        """
    )
    assert document.scripts == (
        Script("Opening", "Thanks for calling.\nHow can I help?"),
        Script("Closing", "Say goodbye:\n\n> Bye!"),
    )
    assert document.note("scripts") == "Use these word for word."


def test_edge_cases_read_their_labels_and_keep_the_rest() -> None:
    document = read(
        """
        # T

        ## Exceptions

        ### VIP customer

        - Trigger: The account has the VIP flag.
        - **Resolution:** Refund without checks.
        - Escalation: Account manager

        Check the VIP list monthly.
        """
    )
    assert document.edge_cases == (
        EdgeCase(
            "VIP customer",
            when="The account has the VIP flag.",
            handle="Refund without checks.",
            escalate_to="Account manager",
            details="Check the VIP list monthly.",
        ),
    )


def test_tables_accept_column_synonyms_in_any_order_and_missing_columns() -> None:
    document = read(
        """
        # T

        ## Systems and access

        | Approved by | Application | Level |
        |---|---|---|
        | Lead | CRM \\| EU | read |
        | Ops | Phone | full | ignored extra cell |

        ## KPIs

        | KPI | Day 30 |
        | :-- | --: |
        | FCR | 70% |
        """
    )
    assert document.access_rights == (
        AccessRight("CRM | EU", access="read", approver="Lead"),
        AccessRight("Phone", access="full", approver="Ops"),
    )
    assert document.metrics == (Metric("FCR", target_30="70%"),)


def test_a_table_with_an_unknown_column_is_kept_as_notes() -> None:
    document = read(
        """
        # T

        ## Access rights

        | System | Role | Notes |
        | --- | --- | --- |
        | CRM | Agent | ask IT |
        """
    )
    assert document.access_rights == ()
    assert document.note("access_rights").startswith("| System | Role | Notes |")
    exported = render_document(document)
    assert "| --- | --- | --- |" in exported  # still a table on GitHub, not escaped
    assert parse_document(exported) == document


def test_decision_trees_accept_ascii_arrows_and_nodes_on_the_next_line() -> None:
    document = read(
        """
        # T

        ## Triage

        - Is the parcel damaged?
          - yes -> OUTCOME: Send a replacement.
          - No
            - [lost] Is it lost?
              - Yes->goto [start]
          - Unsure
        """
    )
    (root,) = document.decision_tree.items
    assert root == Node(
        NodeKind.QUESTION,
        "Is the parcel damaged?",
        "",
        (
            Branch("yes", Node(NodeKind.OUTCOME, "Send a replacement.")),
            Branch(
                "No",
                Node(NodeKind.QUESTION, "Is it lost?", "lost", (Branch("Yes", goto="start"),)),
            ),
            Branch("Unsure"),
        ),
    )


def test_broken_trees_are_read_as_they_are() -> None:
    document = read(
        """
        # T

        ## Decision tree

        - [a] First?
          - Yes → goto [nowhere]
          - No → goto [a]
        - [island] Nothing reaches me?
          - Yes → [a] Outcome: A key defined twice.
        """
    )
    first, island = document.decision_tree.items
    assert first.branches == (Branch("Yes", goto="nowhere"), Branch("No", goto="a"))
    assert island.key == "island"
    assert document.decision_tree.nodes_by_key()["a"] is first
    assert parse_document(render_document(document)) == document


def test_extra_paragraphs_in_a_tree_item_join_the_node_text() -> None:
    document = read(
        """
        # T

        ## Decision tree

        - Is the order
          older than a year?

          Check the order date.
          - Yes → Outcome: Decline.
        """
    )
    (root,) = document.decision_tree.items
    assert root.text == "Is the order older than a year? Check the order date."
    assert root.branches == (Branch("Yes", Node(NodeKind.OUTCOME, "Decline.")),)


def test_the_generated_mermaid_drawing_is_ignored_and_an_owner_drawing_kept() -> None:
    document = read(
        """
        # T

        ## Decision tree

        Our own sketch:

        ```mermaid
        flowchart LR
          a --> b
        ```

        - Is it urgent?
          - Yes → Outcome: Call.

        ```mermaid
        flowchart TD
          n1{"Is it urgent?"}
        ```
        """
    )
    assert document.note("decision_tree") == (
        "Our own sketch:\n\n```mermaid\nflowchart LR\n  a --> b\n```"
    )
    exported = render_document(document)
    assert exported.count("```mermaid") == 2
    assert parse_document(exported) == document


def test_windows_line_endings_and_a_byte_order_mark_are_accepted() -> None:
    text = "\ufeff---\r\ntitle: T\r\n---\r\n# T\r\n\r\n## Purpose\r\n\r\nWhy.\r\n"
    document = parse_document(text, "t.md")
    assert (document.title, document.purpose) == ("T", "Why.")
