"""Document-wide and library rules: credentials (KT00x), unfinished markers (KT010) and
near-duplicate processes (KT020)."""

from __future__ import annotations

import gc
import json
from collections.abc import Callable
from dataclasses import replace

import pytest

from kt_workbench.checker import check_library, check_process
from kt_workbench.checker.secrets import redact, shannon_entropy
from kt_workbench.model import ExtraSection, ProcessDocument, SectionNote, Step
from tests.test_checker_support import TODAY, check, codes, complete_document, with_step

# Built from parts so the repository itself holds nothing a secret scanner would flag.
AWS = "AKIA" + "Z4X7Q2B5N3M6K7J2"
GITHUB = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
SLACK = "xoxb-" + "1234567890-0987654321-AbCdEfGhIjKl"
STRIPE = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"
PRIVATE = (
    "-----BEGIN RSA "
    + "PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM\n-----END RSA PRIVATE KEY-----"
)
PASSWORD = "Summer" + "2024!x"
GOOGLE = "AIza" + "SyC7qR2vXk9LmN4pT8wZ1bD6fH3jK5sA0uE"


def a_twin(doc: ProcessDocument) -> ProcessDocument:
    return replace(
        doc, id="refund-duplicate-charges-uk", title="Refund duplicate card charges (UK)"
    )


TRIGGERS: dict[str, Callable[[], ProcessDocument]] = {
    "KT001": lambda: with_step(2, details=f"Use key {AWS} for the API."),
    "KT002": lambda: complete_document(notes=(SectionNote("procedure", f"Token: {GITHUB}"),)),
    "KT003": lambda: complete_document(
        extra_sections=(ExtraSection("Bots", f"Slack bot {SLACK}"),)
    ),
    "KT004": lambda: with_step(3, text=f"Refund with curl -u {STRIPE}: on the API."),
    "KT005": lambda: complete_document(extra_sections=(ExtraSection("Keys", PRIVATE),)),
    "KT006": lambda: complete_document(extra_front_matter=f"mailbox_password: {PASSWORD}"),
    "KT007": lambda: with_step(2, details=f"Maps key {GOOGLE} for the address lookup."),
    "KT010": lambda: with_step(2, details="TODO: confirm the refund limit."),
    "KT011": lambda: with_step(1, done_when="Example: the ticket shows the customer as verified."),
    "KT020": lambda: complete_document(),
}


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_rule_fires_on_its_gap(code: str) -> None:
    doc = TRIGGERS[code]()
    library = [doc, a_twin(doc)] if code == "KT020" else None
    assert code in codes(doc, library)


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_rule_is_silent_on_the_complete_document(code: str) -> None:
    assert code not in codes(complete_document(), [complete_document()])


SECRETS = [AWS, GITHUB, SLACK, STRIPE, PRIVATE, PASSWORD, GOOGLE]


@pytest.mark.parametrize("code", ["KT001", "KT002", "KT003", "KT004", "KT005", "KT006", "KT007"])
def test_credentials_are_errors_that_never_show_the_secret(code: str) -> None:
    report = check(TRIGGERS[code]())
    [finding] = [f for f in report.findings if f.rule == code]
    assert finding.severity.value == "error"
    dumped = json.dumps(report.to_json_dict())
    for secret in SECRETS:
        for line in secret.splitlines():
            assert line[8:] not in dumped
    assert "not shown here" in finding.message


def test_credentials_are_reported_in_the_section_where_they_are_found() -> None:
    found = {
        code: [(f.section, f.location) for f in check(TRIGGERS[code]()).findings if f.rule == code]
        for code in ("KT001", "KT002", "KT003", "KT006")
    }
    assert found == {
        "KT001": [("procedure", "step 2")],
        "KT002": [("procedure", "procedure notes")],
        "KT003": [("overview", "section: Bots")],
        "KT006": [("overview", "front matter")],
    }


def test_secret_is_hidden_from_other_rules_messages_too() -> None:
    doc = complete_document(
        edge_cases=(
            replace(complete_document().edge_cases[0], escalate_to=f"whoever owns {STRIPE}"),
            complete_document().edge_cases[1],
        )
    )
    messages = [f.message for f in check(doc).findings]
    assert any(f.rule == "KT603" for f in check(doc).findings)
    assert all(STRIPE not in message for message in messages)
    assert any("[hidden]" in message for message in messages)


@pytest.mark.parametrize(
    "text",
    [
        "Password: ask the team lead for the shared mailbox.",
        "password: reset-via-the-portal",
        "token = see vault",
        "The password is never written here.",
        "pin: 1234",
        "Keys: use sk_test_" + "4eC39HqLyjWDarjtT1zdp7dc in training only.",
    ],
)
def test_instructions_about_credentials_are_not_credentials(text: str) -> None:
    found = codes(with_step(2, details=text))
    assert not {"KT001", "KT002", "KT003", "KT004", "KT005", "KT006"} & set(found)


def test_entropy_measures_randomness() -> None:
    assert shannon_entropy("aaaaaaaa") == 0
    assert shannon_entropy("abcdefgh") == 3
    assert shannon_entropy(PASSWORD) > 2.5


def test_unfinished_markers_are_reported_where_they_are() -> None:
    doc = complete_document(
        scope="Out of scope: TBD.",
        steps=(
            replace(complete_document().steps[0], details="Which ID??? todo"),
            *complete_document().steps[1:],
        ),
    )
    found = [(f.section, f.location, f.message) for f in check(doc).findings if f.rule == "KT010"]
    assert found == [
        ("overview", "scope", 'unfinished marker "TBD" in scope'),
        ("procedure", "step 1", 'unfinished marker "???" in step 1'),
        ("procedure", "step 1", 'unfinished marker "todo" in step 1'),
    ]


def test_near_duplicates_are_found_both_ways_and_listed_once_for_the_library() -> None:
    doc = complete_document()
    twin = a_twin(doc)
    different = replace(
        doc, id="refund-a-gift-card", title="Refund a gift card", steps=(Step("Void the card"),) * 3
    )
    report = check_library([doc, twin, different], today=TODAY)
    by_id = report.by_id()
    assert [f.message for f in by_id[doc.id].findings if f.rule == "KT020"] == [
        "looks like a duplicate of refund-duplicate-charges-uk ('Refund duplicate card charges "
        "(UK)'): titles 95% and steps 100% similar"
    ]
    assert [f.rule for f in by_id[twin.id].findings].count("KT020") == 1
    assert "KT020" not in [f.rule for f in by_id[different.id].findings]
    assert [f.process_ids for f in report.findings] == [(doc.id, twin.id)]


def test_similar_titles_with_different_steps_are_not_duplicates() -> None:
    doc = complete_document()
    other = replace(
        a_twin(doc),
        steps=tuple(
            replace(s, text=f"Completely other action {n}") for n, s in enumerate(doc.steps)
        ),
    )
    assert "KT020" not in codes(doc, [doc, other])


def test_single_process_check_uses_the_library_context_for_duplicates() -> None:
    doc = complete_document()
    edited = replace(doc, purpose="Edited while typing.")
    assert "KT020" in codes(edited, [doc, a_twin(doc)])


def test_text_quoted_from_another_process_is_redacted() -> None:
    assert redact(f"Refunds {STRIPE} and {AWS}") == "Refunds [hidden] and [hidden]"
    assert redact("Refund a duplicate card charge") == "Refund a duplicate card charge"


def test_the_library_report_offers_its_context_for_single_checks() -> None:
    doc = complete_document()
    library = check_library([doc, a_twin(doc)], today=TODAY)
    assert library.context is not None
    edited = replace(doc, purpose="")
    report = check_process(edited, library.context, today=TODAY)
    assert {"KT020", "KT101"} <= {f.rule for f in report.findings}


def test_checking_a_library_leaves_the_garbage_collector_as_it_was() -> None:
    assert gc.isenabled()
    check_library([complete_document()], today=TODAY)
    assert gc.isenabled()
    gc.disable()
    try:
        check_library([complete_document()], today=TODAY)
        assert not gc.isenabled()
    finally:
        gc.enable()
