"""Access-right (KT5xx) and edge-case (KT6xx) rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from kt_workbench.model import AccessRight, Contact, EdgeCase, ProcessDocument
from tests.test_checker_support import check, codes, complete_document, messages, with_step


def with_rights(*rights: AccessRight) -> ProcessDocument:
    return complete_document(access_rights=rights)


def with_case(**changes: str) -> ProcessDocument:
    doc = complete_document()
    return replace(doc, edge_cases=(replace(doc.edge_cases[0], **changes), doc.edge_cases[1]))


ZENDESK = complete_document().access_rights[0]
STRIPE = complete_document().access_rights[1]

TRIGGERS: dict[str, Callable[[], ProcessDocument]] = {
    "KT501": lambda: with_rights(ZENDESK),
    "KT502": lambda: with_rights(ZENDESK, replace(STRIPE, approver="")),
    "KT503": lambda: with_rights(ZENDESK, replace(STRIPE, access="Administrator")),
    "KT504": lambda: complete_document(
        access_rights=(), steps=tuple(replace(s, system="") for s in complete_document().steps)
    ),
    "KT505": lambda: with_rights(ZENDESK, replace(STRIPE, system="Stripe Dashboard")),
    "KT601": lambda: complete_document(edge_cases=complete_document().edge_cases[:1]),
    "KT602": lambda: with_case(escalate_to=""),
    "KT603": lambda: with_case(escalate_to="Product quality manager"),
    "KT604": lambda: with_case(handle="Use your judgement."),
}


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_rule_fires_on_its_gap(code: str) -> None:
    assert code in codes(TRIGGERS[code]())


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_rule_is_silent_on_the_complete_document(code: str) -> None:
    assert code not in codes(complete_document())


def test_missing_access_is_an_error_located_at_the_first_step_using_the_system() -> None:
    [finding] = [f for f in check(TRIGGERS["KT501"]()).findings if f.rule == "KT501"]
    assert (finding.location, finding.severity.value) == ("step 2", "error")
    assert finding.message == "Stripe is used in step 2 but has no access right"


def test_system_names_match_case_insensitively() -> None:
    assert "KT501" not in codes(with_rights(ZENDESK, replace(STRIPE, system="STRIPE")))


def test_near_miss_is_suggested_instead_of_reported_missing() -> None:
    doc = with_step(1, system="ZenDesk Support")
    findings = [f for f in check(doc).findings if f.rule in ("KT501", "KT505")]
    assert [(f.rule, f.message) for f in findings] == [
        ("KT505", "ZenDesk Support has no access right; did you mean Zendesk (access row 1)?")
    ]
    assert "Zendesk" in findings[0].hint


def test_systems_named_only_in_step_text_need_access_too() -> None:
    doc = with_step(1, text="Verify the customer, then open their profile in Salesforce.")
    other = complete_document(
        id="crm", title="CRM", access_rights=(replace(ZENDESK, system="Salesforce"),)
    )
    assert messages(doc, "KT501") == []
    library_codes = [f.message for f in check(doc, [doc, other]).findings if f.rule == "KT501"]
    assert library_codes == ["Salesforce is used in step 1 but has no access right"]


def test_incomplete_row_names_every_missing_column() -> None:
    doc = with_rights(ZENDESK, replace(STRIPE, role="", how_to_request="TBD", approver=""))
    assert messages(doc, "KT502") == ["Stripe: no role, no how to request, no approver"]


@pytest.mark.parametrize("access", ["Admin", "Full access", "superuser", "Global admin", "Owner"])
def test_broad_access_is_flagged(access: str) -> None:
    assert "KT503" in codes(with_rights(ZENDESK, replace(STRIPE, access=access)))


@pytest.mark.parametrize(
    "access", ["Agent, no admin rights", "Full refunds up to 50 GBP", "Read only"]
)
def test_narrow_access_is_not_flagged(access: str) -> None:
    assert "KT503" not in codes(with_rights(ZENDESK, replace(STRIPE, access=access)))


def test_one_edge_case_costs_half_of_none() -> None:
    none = check(complete_document(edge_cases=())).sections["edge_cases"]
    one = check(TRIGGERS["KT601"]()).sections["edge_cases"]
    assert 100 - none == 2 * (100 - one)


def test_incomplete_edge_case_names_the_missing_parts() -> None:
    doc = with_case(when="", handle="TBD", escalate_to="")
    assert messages(doc, "KT602") == ["no When, no Handle, no Escalate to"]


@pytest.mark.parametrize(
    "target",
    [
        "Billing specialist",
        "billing SPECIALIST",
        "the Billing specialist (Sam)",
        "Sam Whitfield",
        "Billing specalist",
        "none",
        "No escalation needed",
    ],
)
def test_escalation_targets_that_are_contacts(target: str) -> None:
    assert "KT603" not in codes(with_case(escalate_to=target))


def test_part_of_a_contact_role_is_that_contact() -> None:
    doc = complete_document(contacts=(Contact("Shift supervisor", "Ana", "Phone 4410", "24/7"),))
    doc = replace(
        doc, edge_cases=tuple(replace(c, escalate_to="Supervisor") for c in doc.edge_cases)
    )
    assert "KT603" not in codes(doc)


def test_a_different_role_is_not_a_contact() -> None:
    doc = complete_document(contacts=(Contact("Product care manager", "Sofia", "Slack", "9-17"),))
    doc = replace(
        doc, edge_cases=(EdgeCase("Batch fault", "w", "h", "Product quality manager"),) * 2
    )
    assert (
        messages(doc, "KT603")
        == ["escalates to 'Product quality manager', who is not in Escalation contacts"] * 2
    )


def test_vague_handling_quotes_the_phrase() -> None:
    assert messages(with_case(handle="Refund if possible."), "KT604") == [
        'vague handling "if possible"'
    ]
