"""Decision tree operations: each returns a new tree the section text carries exactly."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kt_workbench.model import Branch, DecisionTree, Node, NodeKind
from kt_workbench.structured import tree_edit as ops
from kt_workbench.structured.sections import read_section, write_section
from kt_workbench.structured.tree_edit import TreeEditError
from kt_workbench.structured.tree_problems import tree_problems

SECTION = """Ask these in order.

- [start] Is the duplicate charge older than 120 days?
  - Yes → [bank] Outcome: Advise a chargeback with the bank.
  - No → [pending] Is the second charge still pending?
    - Yes → [wait] Outcome: Pending charges drop off within 5 days.
    - No → [refund] Outcome: Refund the duplicate charge in Stripe.
  - Not sure → goto [pending]

Escalate anything else to the team lead."""


def section_tree() -> DecisionTree:
    return read_section("decision_tree", SECTION).decision_tree


def written(tree: DecisionTree, text: str = SECTION) -> str:
    document = read_section("decision_tree", text)
    return write_section("decision_tree", replace(document, decision_tree=tree))


def reread(tree: DecisionTree) -> DecisionTree:
    return read_section("decision_tree", written(tree)).decision_tree


def test_the_sample_section_is_a_fixed_point() -> None:
    assert written(section_tree()) == SECTION


def test_growing_a_tree_from_nothing() -> None:
    tree, root = ops.add_top_node(DecisionTree(), "Is the customer verified?")
    assert root == (0,) and tree.items[0].key == "customer-verified"
    tree, yes = ops.add_branch(tree, root, "Yes")
    tree, no = ops.add_branch(tree, root, "No")
    tree = ops.set_branch_node(tree, root, yes, NodeKind.OUTCOME, "Reset the password.")
    tree = ops.set_branch_node(tree, root, no, NodeKind.QUESTION, "Can they verify by phone?")
    tree, back = ops.add_branch(tree, (0, no), "Try again")
    tree = ops.set_branch_goto(tree, (0, no), back, "customer-verified")
    assert written(tree, "") == (
        "- [customer-verified] Is the customer verified?\n"
        "  - Yes → [reset-password] Outcome: Reset the password.\n"
        "  - No → [verify-phone] Can they verify by phone?\n"
        "    - Try again → goto [customer-verified]"
    )
    assert reread(tree) == tree


def test_keys_are_made_unique_and_never_catch_a_dangling_jump() -> None:
    tree = DecisionTree(
        (Node(NodeKind.QUESTION, "Refund?", "refund", (Branch("x", goto="refund-2"),)),)
    )
    assert ops.make_key(tree, "Refund") == "refund-3"
    assert ops.make_key(tree, "中文") == "node"
    assert ops.make_key(tree, "", "outcome") == "outcome"


def test_an_answer_or_a_key_the_format_cannot_carry_is_refused() -> None:
    tree, root = ops.add_top_node(DecisionTree(), "Q?")
    with pytest.raises(TreeEditError, match="arrow"):
        ops.add_branch(tree, root, "Yes → no")
    tree, index = ops.add_branch(tree, root, "Yes")
    with pytest.raises(TreeEditError, match="arrow"):
        ops.set_answer(tree, root, index, "a -> b")
    with pytest.raises(TreeEditError, match="brackets"):
        ops.rename_key(tree, root, "a]b")
    with pytest.raises(TreeEditError, match="already used"):
        ops.add_top_node(tree, "Other", tree.items[0].key)
    with pytest.raises(TreeEditError, match="outcome ends"):
        ops.add_branch(*ops.add_top_node(tree, "Done", kind=NodeKind.OUTCOME), "More")


def test_text_is_one_line_without_nul() -> None:
    tree, _ = ops.add_top_node(DecisionTree(), "  Two\nlines\r\nand\x00 a NUL  ")
    assert tree.items[0].text == "Two lines and a NUL"


def test_rename_takes_every_goto_along() -> None:
    tree = section_tree()
    renamed = ops.rename_key(tree, (0, 1), "still-pending")
    text = written(renamed)
    assert "goto [still-pending]" in text and "[pending]" not in text
    assert reread(renamed) == renamed


def test_rename_of_a_second_definition_leaves_the_jumps_with_the_first() -> None:
    tree = DecisionTree(
        (
            Node(NodeKind.QUESTION, "A?", "a", (Branch("x", goto="k"), Branch("y", goto="k"))),
            Node(NodeKind.OUTCOME, "first", "k"),
            Node(NodeKind.OUTCOME, "second", "k"),
        )
    )
    renamed = ops.rename_key(tree, (2,), "other")
    assert [b.goto for b in renamed.items[0].branches] == ["k", "k"]
    moved = ops.rename_key(tree, (1,), "first")
    assert [b.goto for b in moved.items[0].branches] == ["first", "first"]


def test_rename_refuses_a_taken_key_and_dropping_a_key_jumps_use() -> None:
    tree = section_tree()
    with pytest.raises(TreeEditError, match="already used"):
        ops.rename_key(tree, (0, 1), "refund")
    with pytest.raises(TreeEditError, match="needs a key"):
        ops.rename_key(tree, (0, 1), "")
    assert ops.rename_key(tree, (0, 0), "").items[0].branches[0].node.key == ""  # type: ignore[union-attr]


def test_rename_to_a_dangling_jumps_key_repairs_it() -> None:
    tree = DecisionTree(
        (
            Node(NodeKind.QUESTION, "A?", "a", (Branch("x", goto="later"),)),
            Node(NodeKind.OUTCOME, "o", "b"),
        )
    )
    renamed = ops.rename_key(tree, (1,), "later")
    assert renamed.nodes_by_key()["later"].text == "o"


def test_delete_move_duplicate_and_clear() -> None:
    tree = section_tree()
    assert [b.answer for b in ops.move_branch(tree, (0,), 2, -1).items[0].branches] == [
        "Yes",
        "Not sure",
        "No",
    ]
    assert ops.move_branch(tree, (0,), 0, -1) == tree
    deleted = ops.delete_branch(tree, (0,), 1)
    assert [b.answer for b in deleted.items[0].branches] == ["Yes", "Not sure"]
    copied = ops.duplicate_branch(tree, (0,), 1)
    copy = copied.items[0].branches[2]
    assert copy.answer == "No" and copy.node is not None
    assert copy.node.key == "pending-2"
    assert [b.node.key for b in copy.node.branches if b.node] == ["wait-2", "refund-2"]
    assert reread(copied) == copied
    cleared = ops.clear_branch(tree, (0,), 1)
    assert cleared.items[0].branches[1] == Branch("No")
    assert ops.delete_top_node(tree, 0) == DecisionTree()
    two = ops.add_top_node(tree, "Second?")[0]
    assert ops.move_top_node(two, 1, -1).items[0].text == "Second?"


def test_a_node_goes_only_where_nothing_is() -> None:
    tree = section_tree()
    with pytest.raises(TreeEditError, match="already leads"):
        ops.set_branch_node(tree, (0,), 0, NodeKind.QUESTION)
    with pytest.raises(TreeEditError, match="No node has the key"):
        ops.set_branch_goto(ops.clear_branch(tree, (0,), 0), (0,), 0, "nope")
    with pytest.raises(TreeEditError, match="no longer"):
        ops.node_at(tree, (0, 0, 5))


def test_a_new_nodes_key_follows_its_text_until_renamed() -> None:
    tree, path = ops.add_top_node(DecisionTree())
    generated = tree.items[0].key
    assert generated == "question"
    tree, key = ops.set_text_keyed(tree, path, "Is the order shipped?", generated)
    assert key == "order-shipped"
    tree, key = ops.set_text_keyed(tree, path, "Is it shipped?", key)
    assert key == "shipped"
    tree = ops.rename_key(tree, path, "mine")
    tree, key = ops.set_text_keyed(tree, path, "Other text", "shipped")
    assert key == "mine"


def test_the_tree_goes_no_deeper_than_markdown_readers_follow() -> None:
    tree, path = ops.add_top_node(DecisionTree(), "Q0")
    with pytest.raises(TreeEditError, match="deeper"):
        for level in range(ops.MAX_DEPTH + 1):
            tree, index = ops.add_branch(tree, path, f"a{level}")
            tree = ops.set_branch_node(tree, path, index, NodeKind.QUESTION, f"Q{level}")
            path = (*path, index)
    assert len(path) == ops.MAX_DEPTH
    tree = ops.add_branch(tree, path, "last")[0]
    assert reread(tree) == tree


HOSTILE = ("[x] keyed?", "goto [k]", "Outcome: not one", "[bold]x[/]", "a → b", "\\[k] x", "- item")


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_round_trips_as_text(text: str) -> None:
    tree, root = ops.add_top_node(DecisionTree(), text)
    tree, index = ops.add_branch(tree, root, text.replace("→", "to"))
    tree = ops.set_branch_node(tree, root, index, NodeKind.QUESTION, text)
    tree = ops.set_text(ops.rename_key(tree, root, "k"), root, text)
    back = reread(tree)
    assert back == tree
    assert back.items[0].text == text.strip()
    assert back.items[0].branches[0].node.text == text.strip()  # type: ignore[union-attr]


def test_problems_are_given_to_the_nodes_they_are_about() -> None:
    tree = DecisionTree(
        (
            Node(
                NodeKind.QUESTION,
                "Old?",
                "start",
                (
                    Branch(
                        "Yes",
                        Node(NodeKind.QUESTION, "Again?", "again", (Branch("Loop", goto="start"),)),
                    ),
                    Branch("No", goto="missing"),
                ),
            ),
            Node(
                NodeKind.QUESTION,
                "Orphan?",
                "orphan",
                (Branch("A", Node(NodeKind.OUTCOME, "Do it")),),
            ),
        )
    )
    problems = {path: {p.code for p in found} for path, found in tree_problems(tree).items()}
    # The jump to nowhere is reported on the question it hangs from, which (with its other
    # answer looping) leads to no outcome either.
    assert problems[(0,)] == {"KT402", "KT406"}
    assert {"KT404", "KT408"} <= problems[(0, 0)]  # one answer, and it loops back
    assert {"KT403", "KT404"} <= problems[(1,)]  # unreachable, one answer
    assert (1, 0) not in problems
    assert tree_problems(DecisionTree()) == {}


def test_a_rule_switched_off_marks_nothing_and_checks_without_it() -> None:
    from kt_workbench.checker import check_process
    from kt_workbench.checker.config import CheckerConfig, RuleOverride

    tree = read_section("decision_tree", "- [a] Q?\n  - x → goto [nope]\n  - y → Outcome: z")
    off = CheckerConfig(rules={"KT402": RuleOverride(enabled=False)})
    assert tree_problems(tree.decision_tree, off) == {}
    assert tree_problems(tree.decision_tree)[(0,)][0].code == "KT402"
    document = replace(tree, id="p", title="P")
    assert "KT402" not in {finding.rule for finding in check_process(document, config=off).findings}
