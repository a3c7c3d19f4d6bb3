"""Scripts (KT3xx) and decision-tree (KT4xx) rules."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kt_workbench.model import Branch, DecisionTree, GlossaryEntry, ProcessDocument, Script
from tests.test_checker_support import (
    check,
    codes,
    complete_document,
    messages,
    outcome,
    question,
)


def with_script(body: str, title: str = "Refund confirmed") -> ProcessDocument:
    return complete_document(scripts=(Script(title, body),))


def with_tree(*items: object) -> ProcessDocument:
    return complete_document(decision_tree=DecisionTree(tuple(items)))  # type: ignore[arg-type]


def yes_no(text: str, key: str = "") -> object:
    return question(text, Branch("Yes", outcome("Do A.")), Branch("No", outcome("Do B.")), key=key)


TRIGGERS: dict[str, Callable[[], ProcessDocument]] = {
    "KT301": lambda: complete_document(scripts=()),
    "KT302": lambda: with_script("Hi [insert name], your refund is on its way."),
    "KT303": lambda: with_script("Your refund reference is {refund_ref}."),
    "KT304": lambda: with_script(""),
    "KT401": lambda: complete_document(decision_tree=DecisionTree()),
    "KT402": lambda: with_tree(
        question("Paid?", Branch("Yes", goto="pendng"), Branch("No", outcome("B")))
    ),
    "KT403": lambda: with_tree(yes_no("Paid?"), yes_no("Orphan?", key="orphan")),
    "KT404": lambda: with_tree(question("Paid?", Branch("Yes", outcome("Do A.")))),
    "KT405": lambda: with_tree(
        question("Paid?", Branch("Yes", outcome("A")), Branch("yes", outcome("B")))
    ),
    "KT406": lambda: with_tree(
        question("Paid?", Branch("Yes", goto="start"), Branch("No", goto="start"), key="start")
    ),
    "KT407": lambda: with_tree(question("Paid?", Branch("Yes", outcome("A")), Branch("No"))),
    "KT408": lambda: with_tree(
        question(
            "Paid?",
            Branch("Yes", outcome("A")),
            Branch(
                "No", question("Sure?", Branch("Yes", outcome("B")), Branch("No", goto="start"))
            ),
            key="start",
        )
    ),
    "KT409": lambda: with_tree(
        question("Paid?", Branch("Yes", outcome("A")), Branch("No", outcome("")))
    ),
    "KT410": lambda: with_tree(
        question("Paid?", Branch("Yes", outcome("A", "x")), Branch("No", outcome("B", "x")))
    ),
}


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_rule_fires_on_its_gap(code: str) -> None:
    assert code in codes(TRIGGERS[code]())


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_rule_is_silent_on_the_complete_document(code: str) -> None:
    assert code not in codes(complete_document())


def test_no_scripts_needed_without_customer_facing_channels() -> None:
    assert "KT301" not in codes(complete_document(scripts=(), channels=("internal",)))
    assert messages(complete_document(scripts=(), channels=("chat",)), "KT301") == [
        "the process runs on chat but has no scripts"
    ]


@pytest.mark.parametrize(
    "marker", ["[insert refund date]", "<customer name>", "<DATE>", "XXX", "[Enter amount]"]
)
def test_template_markers_are_quoted(marker: str) -> None:
    doc = with_script(f"Your refund of {marker} is on its way.")
    assert messages(doc, "KT302") == [f'unfilled template marker "{marker}"']


@pytest.mark.parametrize(
    "body",
    [
        "Line one<br>line two, in <b>bold</b>.",
        "See <https://help.example.com/refunds> for details.",
        "Quote the code `<ref>` exactly as shown.",
        "We refund within [5 business days].",
    ],
)
def test_markup_links_and_code_are_not_template_markers(body: str) -> None:
    assert "KT302" not in codes(with_script(body))


def test_placeholders_are_matched_to_any_glossary_in_any_spelling() -> None:
    doc = with_script("Reference {refund_reference} for order {{Order-Number}}.")
    assert messages(doc, "KT303") == [
        "placeholder {refund_reference} is not explained in any glossary",
        "placeholder {Order-Number} is not explained in any glossary",
    ]
    defined = complete_document(
        scripts=doc.scripts,
        glossary=(*complete_document().glossary, GlossaryEntry("Refund reference", "re_...")),
    )
    elsewhere = complete_document(
        id="other", title="Other", glossary=(GlossaryEntry("order_number", "Six digits."),)
    )
    assert [
        f.message for f in check(defined, [defined, elsewhere]).findings if f.rule == "KT303"
    ] == []


def test_dangling_goto_names_the_key_and_suggests_the_nearest() -> None:
    doc = with_tree(
        question("Paid?", Branch("Yes", goto="pendng"), Branch("No", goto="pending"), key="start"),
        yes_no("Pending?", key="pending"),
    )
    [finding] = [f for f in check(doc).findings if f.rule == "KT402"]
    assert finding.location == "tree [start]"
    assert finding.message == "answer 'Yes' jumps to [pendng], which is not defined"
    assert finding.hint.startswith("Did you mean goto [pending]?")


def test_unreachable_top_level_nodes_are_named() -> None:
    doc = with_tree(yes_no("Paid?"), yes_no("Orphan?", key="orphan"), outcome("Lonely.", "alone"))
    assert messages(doc, "KT403") == [
        "[orphan] (with 2 more nodes under it) is not reached from the root question",
        "[alone] is not reached from the root question",
    ]


def test_nodes_reached_by_goto_are_reachable() -> None:
    assert "KT403" not in codes(complete_document())


def test_unkeyed_nodes_are_located_by_their_path() -> None:
    doc = with_tree(
        question(
            "Paid?",
            Branch("Yes", question("Sure?", Branch("Yes", outcome("A")))),
            Branch("No", outcome("B")),
        )
    )
    assert [f.location for f in check(doc).findings if f.rule == "KT404"] == ["tree root > Yes"]


def test_no_path_to_an_outcome_is_reported_once_at_the_outermost_question() -> None:
    inner = question("Sure?", Branch("Yes", goto="start"), Branch("No", goto="start"))
    doc = with_tree(
        question("Paid?", Branch("Yes", inner), Branch("No", goto="start"), key="start")
    )
    assert [f.location for f in check(doc).findings if f.rule == "KT406"] == ["tree [start]"]


def test_a_jump_sideways_is_not_a_loop() -> None:
    doc = with_tree(
        question("Paid?", Branch("Yes", goto="other"), Branch("No", goto="other"), key="start"),
        yes_no("Other?", key="other"),
    )
    assert "KT408" not in codes(doc)


def test_loop_names_the_answer_and_the_target() -> None:
    assert messages(TRIGGERS["KT408"](), "KT408") == [
        "answer 'No' jumps back to [start], which leads here again"
    ]


def test_duplicate_answers_ignore_case_and_spacing() -> None:
    assert messages(TRIGGERS["KT405"](), "KT405") == ["answer 'yes' appears twice"]
