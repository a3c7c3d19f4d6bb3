"""The decision tree as lines to show and select, and the operations a selected line asks for.

A line is a node (top-level, or reached by an answer: ``Yes → [k] Question?``) or an answer
that jumps or leads nowhere. Each operation here takes the selected line, returns the new
tree and the line to select after it, and refuses (``TreeEditError``) what the line cannot
take, so the view only maps keys to them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kt_workbench.model import Branch, DecisionTree, Node, NodeKind
from kt_workbench.structured import tree_edit as ops
from kt_workbench.structured.tree_edit import NodePath, TreeEditError
from kt_workbench.structured.tree_problems import TreeProblem

_KEY_LOCATION = re.compile(r"^\[(?P<key>[^\[\]\n]*)\]$")
_QUOTED_ANSWER = re.compile(r"answer '(?P<answer>[^']*)'")


@dataclass(frozen=True)
class Place:
    """A line of the tree: ``path`` of the node it shows (None for a jump or an answer that
    leads nowhere), and the question (``parent``) and ``index`` of its answer (None for a
    top-level node)."""

    path: NodePath | None
    parent: NodePath | None = None
    index: int | None = None

    @property
    def answer(self) -> tuple[NodePath, int] | None:
        """The question and index of this line's answer; None for a top-level node."""
        if self.parent is None or self.index is None:
            return None
        return self.parent, self.index


@dataclass(frozen=True)
class Line:
    """One line to draw: where it is, its children, and the problems marked on it."""

    place: Place
    node: Node | None
    branch: Branch | None
    problems: tuple[TreeProblem, ...]
    children: tuple[Line, ...] = ()

    @property
    def size(self) -> int:
        """How many nodes go when this line is deleted."""
        return (self.node is not None) + sum(child.size for child in self.children)


def tree_lines(
    tree: DecisionTree, problems: dict[NodePath, tuple[TreeProblem, ...]]
) -> tuple[Line, ...]:
    """The lines of ``tree`` with the checker's problems: a node's own, plus those of its
    question that quote its answer (a jump to nowhere, a loop, a duplicate answer)."""

    def about(parent: NodePath, branch: Branch) -> tuple[TreeProblem, ...]:
        quoted = f"answer '{' '.join(branch.answer.split())}'"
        return tuple(p for p in problems.get(parent, ()) if quoted in p.message)

    def lines_under(path: NodePath, node: Node) -> Iterator[Line]:
        for index, branch in enumerate(node.branches):
            own = about(path, branch)
            if branch.node is None:
                yield Line(Place(None, path, index), None, branch, own)
            else:
                child = (*path, index)
                children = tuple(lines_under(child, branch.node))
                found = own + problems.get(child, ())
                yield Line(Place(child, path, index), branch.node, branch, found, children)

    return tuple(
        Line(Place((top,)), item, None, problems.get((top,), ()), tuple(lines_under((top,), item)))
        for top, item in enumerate(tree.items)
    )


def node_place(path: NodePath) -> Place:
    """The line showing the node at ``path`` (with its answer, unless it is top-level)."""
    return Place(path) if len(path) == 1 else Place(path, path[:-1], path[-1])


def answer_place(tree: DecisionTree, question: NodePath, index: int) -> Place:
    """The line of answer ``index`` of ``question``, as it is in ``tree``."""
    branch = ops.branch_at(tree, question, index)
    return Place((*question, index) if branch.node is not None else None, question, index)


def _line_node(tree: DecisionTree, place: Place) -> Node | None:
    return ops.node_at(tree, place.path) if place.path is not None else None


# --- operations on the selected line -------------------------------------------------------


def add_answer(tree: DecisionTree, place: Place, *, after: bool) -> tuple[DecisionTree, Place]:
    """A new answer: under the selected question (last, or first when not ``after``),
    otherwise next to the selected answer."""
    node = _line_node(tree, place)
    if node is not None and node.is_question:
        assert place.path is not None
        question, index = place.path, None if after else 0
    elif place.answer is not None:
        question, index = place.answer[0], place.answer[1] + (1 if after else 0)
    else:
        raise TreeEditError("An outcome ends the path: add answers to a question.")
    tree, at = ops.add_branch(tree, question, "", index)
    return tree, Place(None, question, at)


def answer_slot(tree: DecisionTree, place: Place | None) -> tuple[NodePath, int, bool]:
    """Where a new question, outcome or jump goes for the selected line: the selected
    answer, or a new answer under the selected question (``True``: to be added)."""
    if place is None:
        raise TreeEditError("Select a question or an answer first.")
    node = _line_node(tree, place)
    if node is not None:
        if not node.is_question:
            raise TreeEditError("This answer already leads to an outcome: x clears it first.")
        assert place.path is not None
        return place.path, len(node.branches), True
    assert place.answer is not None
    return (*place.answer, False)


def lead_to(
    tree: DecisionTree, place: Place | None, kind: NodeKind
) -> tuple[DecisionTree, Place, bool]:
    """A new question or outcome for the selected answer (a jump it had goes), or for a new
    answer under the selected question; an empty tree gets its root. Returns the tree, the
    new node's line and whether its answer is new (and so still to be named)."""
    if not tree.items:
        return ops.add_top_node(tree, kind=kind)[0], Place((0,)), False
    question, index, fresh = answer_slot(tree, place)
    if fresh:
        tree = ops.add_branch(tree, question, "")[0]
    elif ops.branch_at(tree, question, index).goto is not None:
        tree = ops.clear_branch(tree, question, index)
    tree = ops.set_branch_node(tree, question, index, kind)
    return tree, Place((*question, index), question, index), fresh


def jump_to(
    tree: DecisionTree, question: NodePath, index: int, fresh: bool, key: str
) -> tuple[DecisionTree, Place]:
    """The answer from ``answer_slot`` jumps to ``key``."""
    if fresh:
        tree = ops.add_branch(tree, question, "")[0]
    return ops.set_branch_goto(tree, question, index, key), Place(None, question, index)


def clear(tree: DecisionTree, place: Place) -> tuple[DecisionTree, Place]:
    if place.answer is None:
        raise TreeEditError("Select an answer: x clears the question, outcome or jump it leads to.")
    question, index = place.answer
    return ops.clear_branch(tree, question, index), Place(None, question, index)


def convert(tree: DecisionTree, place: Place) -> tuple[DecisionTree, Place]:
    """The selected question becomes an outcome, or the selected outcome a question (then
    answers are added under it); the line stays selected."""
    if place.path is None:
        raise TreeEditError(
            "Select a question or an outcome: v turns a question into an outcome and back."
        )
    return ops.convert_node(tree, place.path), place


def delete(tree: DecisionTree, place: Place) -> tuple[DecisionTree, Place | None]:
    """The line and everything under it go; the line above it is selected."""
    if place.answer is not None:
        question, index = place.answer
        tree = ops.delete_branch(tree, question, index)
        if index > 0:
            return tree, answer_place(tree, question, index - 1)
        return tree, node_place(question)
    assert place.path is not None
    top = place.path[0]
    tree = ops.delete_top_node(tree, top)
    return tree, Place((max(0, top - 1),)) if tree.items else None


def move(tree: DecisionTree, place: Place, step: int) -> tuple[DecisionTree, Place]:
    """The answer (or top-level node) swaps places with its neighbour and stays selected."""
    if place.answer is not None:
        question, index = place.answer
        moved = ops.move_branch(tree, question, index, step)
        if moved == tree:
            return tree, place
        return moved, answer_place(moved, question, index + step)
    assert place.path is not None
    top = place.path[0]
    moved = ops.move_top_node(tree, top, step)
    return moved, Place((top + step,)) if moved != tree else place


def duplicate(tree: DecisionTree, place: Place) -> tuple[DecisionTree, Place]:
    if place.answer is None:
        raise TreeEditError("Select an answer to duplicate.")
    question, index = place.answer
    tree = ops.duplicate_branch(tree, question, index)
    return tree, answer_place(tree, question, index + 1)


def edit_field(
    tree: DecisionTree,
    place: Place,
    field: str,
    value: str,
    generated: tuple[NodePath, str] | None = None,
) -> tuple[DecisionTree, tuple[NodePath, str] | None]:
    """``field`` ("answer", "key" or "text") of the selected line set to ``value``.
    ``generated`` is a new node's made-up key: it follows the node's text until a key of the
    owner's own is set. Returns the tree and what is left of ``generated``."""
    if field == "answer" and place.answer is not None:
        return ops.set_answer(tree, *place.answer, value), generated
    if place.path is None:
        return tree, generated
    if field == "text":
        if generated is None or generated[0] != place.path:
            return ops.set_text(tree, place.path, value), generated
        tree, key = ops.set_text_keyed(tree, place.path, value, generated[1])
        return tree, (place.path, key)
    if field == "key":
        renamed = ops.rename_key(tree, place.path, value)
        owned = renamed != tree
        return renamed, None if owned else generated
    return tree, generated


# --- findings ------------------------------------------------------------------------------


def place_of_finding(tree: DecisionTree, location: str, message: str = "") -> Place | None:
    """The line a checker finding is about: ``tree [pending]``, ``tree root > No > Yes`` or
    ``tree item 2`` name a node; an answer the message quotes under it is its line."""
    path = _path_of(tree, location.strip().removeprefix("tree ").strip())
    if path is None:
        return None
    key = ops.node_at(tree, path).key
    if key and f"[{key}] is defined twice" in message:
        # Both nodes are named [key]; the finding is about the later one.
        copies = [found for found, node in ops.node_paths(tree) if node.key == key]
        path = copies[1] if len(copies) > 1 else path
    quoted = _QUOTED_ANSWER.search(message)
    if quoted:
        for index, branch in enumerate(ops.node_at(tree, path).branches):
            if " ".join(branch.answer.split()) == quoted["answer"]:
                return answer_place(tree, path, index)
    return node_place(path)


def _path_of(tree: DecisionTree, location: str) -> NodePath | None:
    keyed = _KEY_LOCATION.match(location)
    if keyed:
        return ops.path_of_key(tree, keyed["key"])
    start, *answers = location.split(" > ")
    if start == "root":
        top = 0
    elif start.startswith("item ") and start.removeprefix("item ").isdigit():
        top = int(start.removeprefix("item ")) - 1
    else:
        return None
    if not 0 <= top < len(tree.items):
        return None
    path: NodePath = (top,)
    for answer in answers:
        branches = ops.node_at(tree, path).branches
        found = [i for i, b in enumerate(branches) if b.answer == answer and b.node is not None]
        if not found:
            return None
        path = (*path, found[0])
    return path
