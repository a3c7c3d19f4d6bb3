"""The tree's lines and the operations on a selected line, and the sample processes' trees
edited through them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kt_workbench.editing import fields_from_document
from kt_workbench.markdown import parse_document
from kt_workbench.model import Branch, DecisionTree, NodeKind
from kt_workbench.structured import tree_edit as ops
from kt_workbench.structured import tree_places as places
from kt_workbench.structured.sections import read_section, write_section
from kt_workbench.structured.tree_edit import TreeEditError
from kt_workbench.structured.tree_places import Place
from kt_workbench.structured.tree_problems import tree_problems
from tests.conftest import SAMPLES

SECTION = """- [start] Is the duplicate charge older than 120 days?
  - Yes → [bank] Outcome: Advise a chargeback with the bank.
  - No → [pending] Is the second charge still pending?
    - Yes → [wait] Outcome: Pending charges drop off within 5 days.
    - No → [refund] Outcome: Refund the duplicate charge in Stripe.
  - Not sure → goto [pendng]
- [orphan] Did the customer mean to order twice?
  - Yes → Outcome: Two orders, two charges."""
TREE = read_section("decision_tree", SECTION).decision_tree
ROOT, BANK, PENDING = Place((0,)), Place((0, 0), (0,), 0), Place((0, 1), (0,), 1)
NOT_SURE = Place(None, (0,), 2)


def flat(lines: tuple[places.Line, ...]) -> list[places.Line]:
    return [found for line in lines for found in (line, *flat(line.children))]


def test_lines_carry_their_nodes_answers_and_problems() -> None:
    lines = flat(places.tree_lines(TREE, tree_problems(TREE)))
    assert [line.place for line in lines][:6] == [
        ROOT,
        BANK,
        PENDING,
        Place((0, 1, 0), (0, 1), 0),
        Place((0, 1, 1), (0, 1), 1),
        NOT_SURE,
    ]
    by_place = {line.place: line for line in lines}
    assert [p.code for p in by_place[NOT_SURE].problems] == ["KT402"]
    assert {p.code for p in by_place[Place((1,))].problems} >= {"KT403", "KT404"}
    assert by_place[ROOT].size == 5 and by_place[NOT_SURE].size == 0


def test_add_answer_under_a_question_or_next_to_an_answer() -> None:
    tree, place = places.add_answer(TREE, ROOT, after=True)
    assert place == Place(None, (0,), 3) and tree.items[0].branches[3] == Branch("")
    tree, place = places.add_answer(TREE, ROOT, after=False)
    assert place == Place(None, (0,), 0)
    tree, place = places.add_answer(TREE, BANK, after=True)
    assert place == Place(None, (0,), 1)
    outcome_only, _ = ops.add_top_node(DecisionTree(), "Refund", kind=NodeKind.OUTCOME)
    with pytest.raises(TreeEditError, match="outcome ends"):
        places.add_answer(outcome_only, ROOT, after=True)


def test_lead_to_on_an_answer_a_question_or_nothing() -> None:
    tree, place, fresh = places.lead_to(TREE, NOT_SURE, NodeKind.OUTCOME)
    assert (place, fresh) == (Place((0, 2), (0,), 2), False)
    assert tree.items[0].branches[2].goto is None
    tree, place, fresh = places.lead_to(TREE, PENDING, NodeKind.QUESTION)
    assert (place, fresh) == (Place((0, 1, 2), (0, 1), 2), True)
    with pytest.raises(TreeEditError, match="already leads to an outcome"):
        places.lead_to(TREE, BANK, NodeKind.QUESTION)
    tree, place, fresh = places.lead_to(DecisionTree(), None, NodeKind.QUESTION)
    assert place == ROOT and tree.items[0].key == "question"


def test_jump_delete_move_duplicate_clear_select_the_line_after() -> None:
    question, index, fresh = places.answer_slot(TREE, NOT_SURE)
    tree, place = places.jump_to(TREE, question, index, fresh, "pending")
    assert tree.items[0].branches[2].goto == "pending" and place == NOT_SURE
    tree, place = places.delete(TREE, PENDING)
    assert place == BANK and len(tree.items[0].branches) == 2
    tree, place = places.delete(TREE, BANK)
    assert place == ROOT
    tree, place = places.delete(TREE, Place((1,)))
    assert place == ROOT and len(tree.items) == 1
    assert places.delete(DecisionTree(TREE.items[:1]), ROOT) == (DecisionTree(), None)
    tree, place = places.move(TREE, NOT_SURE, -1)
    assert place == Place(None, (0,), 1) and tree.items[0].branches[2].answer == "No"
    assert places.move(TREE, BANK, -1) == (TREE, BANK)
    tree, place = places.move(TREE, Place((1,)), -1)
    assert place == ROOT and tree.items[0].key == "orphan"
    tree, place = places.duplicate(TREE, PENDING)
    assert place == Place((0, 2), (0,), 2)
    tree, place = places.clear(TREE, PENDING)
    assert place == Place(None, (0,), 1)
    with pytest.raises(TreeEditError):
        places.clear(TREE, ROOT)


@pytest.mark.parametrize(
    ("location", "message", "expected"),
    [
        ("tree [pending]", "", PENDING),
        ("tree [start]", "answer 'Not sure' jumps to [pendng], which is not defined", NOT_SURE),
        ("tree root > No", "the question has only one answer", PENDING),
        ("tree item 2", "[orphan] is not reached from the root question", Place((1,))),
        ("tree item 2 > Yes", "the outcome has no text", Place((1, 0), (1,), 0)),
        ("tree [nowhere]", "", None),
        ("tree root > Maybe", "", None),
        ("tree item 9", "", None),
        ("step 4", "", None),
    ],
)
def test_a_findings_location_names_its_line(
    location: str, message: str, expected: Place | None
) -> None:
    assert places.place_of_finding(TREE, location, message) == expected


def test_every_location_the_checker_gives_a_tree_finding_names_a_line() -> None:
    from kt_workbench.checker import check_process

    document = replace(read_section("decision_tree", SECTION), id="p", title="P")
    findings = [f for f in check_process(document).findings if f.section == "decision_tree"]
    assert findings
    for finding in findings:
        assert places.place_of_finding(TREE, finding.location, finding.message) is not None


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.md")), ids=lambda p: p.stem)
def test_sample_trees_survive_renaming_every_key_and_back(path: Path) -> None:
    text = fields_from_document(parse_document(path.read_text(encoding="utf-8"), str(path)))[
        "decision_tree"
    ]
    document = read_section("decision_tree", text)
    assert write_section("decision_tree", document) == text
    tree = document.decision_tree
    for node_path, node in list(ops.node_paths(tree)):
        if not node.key or ops.path_of_key(tree, node.key) != node_path:
            continue
        renamed = ops.rename_key(tree, node_path, f"{node.key}-renamed")
        written = write_section("decision_tree", replace(document, decision_tree=renamed))
        assert read_section("decision_tree", written).decision_tree == renamed
        assert ops.rename_key(renamed, node_path, node.key) == tree


def test_a_key_defined_twice_selects_the_later_node() -> None:
    tree = ops.add_top_node(TREE, "Again?", "orphan-2")[0]
    tree = ops.rename_key(tree, (2,), "x")
    twice = DecisionTree((*tree.items[:2], replace(tree.items[2], key="bank")))
    place = places.place_of_finding(twice, "tree [bank]", "key [bank] is defined twice")
    assert place == Place((2,))
    assert places.place_of_finding(twice, "tree [bank]", "") == BANK


def test_editing_fields_of_a_line_and_a_new_nodes_key() -> None:
    tree, place, _ = places.lead_to(TREE, NOT_SURE, NodeKind.QUESTION)
    generated = (place.path, ops.node_at(tree, place.path).key)  # type: ignore[arg-type]
    tree, generated = places.edit_field(tree, place, "text", "Is a refund pending?", generated)
    assert generated is not None and generated[1] == "refund-pending"
    tree, generated = places.edit_field(tree, place, "answer", "Unsure", generated)
    assert tree.items[0].branches[2].answer == "Unsure"
    tree, generated = places.edit_field(tree, place, "key", "refund-pending", generated)
    assert generated is not None  # the same key again is not a key of the owner's own
    tree, generated = places.edit_field(tree, place, "key", "mine", generated)
    assert generated is None
    tree, generated = places.edit_field(tree, place, "text", "Other wording?", generated)
    assert ops.node_at(tree, (0, 2)).key == "mine"
    with pytest.raises(TreeEditError, match="arrow"):
        places.edit_field(tree, place, "answer", "a → b")
    assert places.edit_field(tree, NOT_SURE, "text", "ignored") == (tree, None)
