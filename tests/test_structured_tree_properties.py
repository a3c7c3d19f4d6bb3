"""Any sequence of tree operations gives section text that reads back to the same tree, is a
fixed point of read and write, keeps the notes around the tree, and never lets a rename
break a jump."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from strategies import HOSTILE, block_text, decision_trees, single_line

from kt_workbench.model import DecisionTree, NodeKind, SectionNote
from kt_workbench.structured import tree_edit as ops
from kt_workbench.structured import tree_places as places
from kt_workbench.structured.sections import read_section, write_section
from kt_workbench.structured.tree_edit import NodePath, TreeEditError
from kt_workbench.structured.tree_places import Place

EXAMPLES = int(os.environ.get("KTW_HYPOTHESIS_EXAMPLES", "200"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# What a person may type into a field: hostile fragments, syntax look-alikes, line breaks
# and NULs pasted in, and any other text.
TYPED = st.one_of(
    single_line(),
    st.sampled_from(HOSTILE),
    st.sampled_from(("[x]", "→", "goto [k]", "a\nb", "x\r\ny", "\x00", "  padded  ", "")),
    st.text(max_size=12),
)
OPERATIONS = (
    "add_top",
    "add_branch",
    "lead_to_question",
    "lead_to_outcome",
    "goto",
    "clear",
    "answer",
    "text",
    "text_keyed",
    "rename",
    "delete_branch",
    "delete_top",
    "move_branch",
    "move_top",
    "duplicate",
    "line_add_answer",
    "line_insert_answer",
    "line_question",
    "line_outcome",
    "line_jump",
    "line_delete",
    "line_move",
    "line_duplicate",
    "line_clear",
)


def dangling(tree: DecisionTree) -> set[tuple[NodePath, int]]:
    """Jumps to a key no node defines, by where they are (stable across a rename)."""
    keys = tree.nodes_by_key()
    return {
        (path, index)
        for path, node in ops.node_paths(tree)
        for index, branch in enumerate(node.branches)
        if branch.goto is not None and branch.goto not in keys
    }


def operation(
    data: st.DataObject, tree: DecisionTree, name: str
) -> Callable[[DecisionTree], DecisionTree]:
    """``name`` with places and values drawn for ``tree``."""
    nodes = [path for path, _ in ops.node_paths(tree)] or [(0,)]
    branches = [
        (path, index, branch.node is None)
        for path, node in ops.node_paths(tree)
        for index, branch in enumerate(node.branches)
    ]
    # Mostly a place that exists (an answer leading nowhere or jumping, for what takes a
    # node there), sometimes any place at all, which must be refused cleanly.
    wanted = [b for b in branches if b[2]] if name.startswith(("lead_to", "goto")) else branches
    if wanted and data.draw(st.integers(0, 9)):
        path, index, _ = data.draw(st.sampled_from(wanted))
    else:
        path, index = data.draw(st.sampled_from(nodes)), data.draw(st.integers(0, 3))
    top = data.draw(st.integers(0, max(len(tree.items) - 1, 0)))
    typed = data.draw(TYPED)
    step = data.draw(st.sampled_from((-1, 1)))
    keys = ops.defined_keys(tree) or ["none"]
    kinds = {"lead_to_question": NodeKind.QUESTION, "lead_to_outcome": NodeKind.OUTCOME}
    key = data.draw(st.one_of(st.just(""), st.sampled_from(keys), TYPED))
    table: dict[str, Callable[[DecisionTree], DecisionTree]] = {
        "add_top": lambda t: ops.add_top_node(t, typed, key, data.draw(st.sampled_from(NodeKind)))[
            0
        ],
        "add_branch": lambda t: ops.add_branch(t, path, typed, index)[0],
        "lead_to_question": lambda t: ops.set_branch_node(t, path, index, kinds[name], typed, key),
        "lead_to_outcome": lambda t: ops.set_branch_node(t, path, index, kinds[name], typed, key),
        "goto": lambda t: ops.set_branch_goto(
            ops.clear_branch(t, path, index), path, index, data.draw(st.sampled_from(keys))
        ),
        "clear": lambda t: ops.clear_branch(t, path, index),
        "answer": lambda t: ops.set_answer(t, path, index, typed),
        "text": lambda t: ops.set_text(t, path, typed),
        "text_keyed": lambda t: ops.set_text_keyed(t, path, typed, ops.node_at(t, path).key)[0],
        "rename": lambda t: ops.rename_key(t, path, key),
        "delete_branch": lambda t: ops.delete_branch(t, path, index),
        "delete_top": lambda t: ops.delete_top_node(t, top),
        "move_branch": lambda t: ops.move_branch(t, path, index, step),
        "move_top": lambda t: ops.move_top_node(t, top, step),
        "duplicate": lambda t: ops.duplicate_branch(t, path, index),
    }
    lines = [line.place for line in _flat(places.tree_lines(tree, {}))]
    place = data.draw(st.sampled_from(lines)) if lines else Place((0,))
    kind = data.draw(st.sampled_from(NodeKind))

    def jump(t: DecisionTree) -> tuple[DecisionTree, Place | None]:
        question, at, fresh = places.answer_slot(t, place)
        return places.jump_to(t, question, at, fresh, data.draw(st.sampled_from(keys)))

    def selecting(
        change: Callable[[DecisionTree], tuple[Any, ...]],
    ) -> Callable[[DecisionTree], DecisionTree]:
        """The line operation, checking that the line it selects is in the new tree."""

        def run(t: DecisionTree) -> DecisionTree:
            changed, selected = change(t)[:2]
            shown = {line.place for line in _flat(places.tree_lines(changed, {}))}
            assert changed == t or selected is None or selected in shown
            return changed

        return run

    line_changes: dict[str, Callable[[DecisionTree], tuple[Any, ...]]] = {
        "line_add_answer": lambda t: places.add_answer(t, place, after=True),
        "line_insert_answer": lambda t: places.add_answer(t, place, after=False),
        "line_question": lambda t: places.lead_to(t, place, NodeKind.QUESTION),
        "line_outcome": lambda t: places.lead_to(t, place, kind),
        "line_jump": jump,
        "line_delete": lambda t: places.delete(t, place),
        "line_move": lambda t: places.move(t, place, step),
        "line_duplicate": lambda t: places.duplicate(t, place),
        "line_clear": lambda t: places.clear(t, place),
    }
    table.update({key: selecting(change) for key, change in line_changes.items()})
    return table[name]


def _flat(lines: tuple[places.Line, ...]) -> list[places.Line]:
    return [found for line in lines for found in (line, *_flat(line.children))]


@PROPERTY
@given(
    decision_trees(),
    block_text(),
    block_text(),
    st.lists(st.sampled_from(OPERATIONS), min_size=1, max_size=8),
    st.data(),
)
def test_any_sequence_of_operations_round_trips(
    start: DecisionTree, before: str, after: str, names: list[str], data: st.DataObject
) -> None:
    notes = tuple(
        SectionNote("decision_tree", text, place)
        for text, place in ((before, 0), (after, 1))
        if text
    )
    text = write_section(
        "decision_tree",
        replace(read_section("decision_tree", ""), decision_tree=start, notes=notes),
    )
    document = read_section("decision_tree", text)
    tree = document.decision_tree
    kept = "\n\n".join(note.text for note in document.notes)
    for name in names:
        change = operation(data, tree, name)
        try:
            changed = change(tree)
        except TreeEditError:
            event(f"{name}: refused")
            continue
        event(f"{name}: {'changed' if changed != tree else 'no change'}")
        if name == "rename":
            assert dangling(changed) <= dangling(tree)
        document = replace(document, decision_tree=changed)
        text = write_section("decision_tree", document)
        reread = read_section("decision_tree", text)
        assert reread.decision_tree == changed
        assert write_section("decision_tree", reread) == text
        # The notes' text stays, in order (with no tree between them they are one note).
        assert "\n\n".join(note.text for note in reread.notes) == kept
        tree = changed
