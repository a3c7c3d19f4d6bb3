"""Operations on a decision tree as the structured view edits it; each returns a new tree.

A node is addressed by its path: the index of the top-level item that defines it, then the
index of each branch followed down to it (``(0,)`` is the root question, ``(0, 1)`` the node
the root's second answer leads to). A branch is addressed by its question's path and its
index. Operations refuse, with a ``TreeEditError`` in words for the form, what the markdown
format cannot carry (an arrow in an answer, brackets in a key, nesting past what markdown
readers follow), so that whatever they build writes and re-reads as the same tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from kt_workbench.model import Branch, DecisionTree, Node, NodeKind, slugify

NodePath = tuple[int, ...]
# Markdown readers stop following lists nested deeper than this (docs/format.md).
MAX_DEPTH = 48
_ARROWS = ("→", "->")
_KEY_WORDS = 3
_SKIPPED_WORDS = frozenset(
    (
        *("a", "an", "the", "is", "are", "was", "were", "do", "does", "did", "has", "have"),
        *("can", "could", "should", "will", "would", "of", "to", "in", "on", "for", "with"),
        *("by", "at", "or", "and", "it", "its", "this", "that", "be", "been", "they", "we"),
        *("you", "he", "she", "i", "them", "their", "our", "your", "my"),
    )
)
_LINE_BREAK = re.compile(r"\r\n|[\r\n]")
_SUFFIX = re.compile(r"^(?P<stem>.*?)-(?P<number>\d+)$")


class TreeEditError(ValueError):
    """An edit the tree cannot take, said so the form can show it next to the field."""


# --- reading positions ---------------------------------------------------------------------


def node_at(tree: DecisionTree, path: NodePath) -> Node:
    """The node at ``path``; ``TreeEditError`` when the path leads nowhere."""
    if not path or not 0 <= path[0] < len(tree.items):
        raise TreeEditError("That node is no longer in the tree.")
    node = tree.items[path[0]]
    for index in path[1:]:
        if not 0 <= index < len(node.branches) or node.branches[index].node is None:
            raise TreeEditError("That node is no longer in the tree.")
        node = node.branches[index].node  # type: ignore[assignment]
    return node


def branch_at(tree: DecisionTree, path: NodePath, index: int) -> Branch:
    node = node_at(tree, path)
    if not 0 <= index < len(node.branches):
        raise TreeEditError("That answer is no longer in the tree.")
    return node.branches[index]


def node_paths(tree: DecisionTree) -> Iterator[tuple[NodePath, Node]]:
    """Every node with its path, depth first in document order (the order of ``walk``)."""

    def visit(path: NodePath, node: Node) -> Iterator[tuple[NodePath, Node]]:
        yield path, node
        for index, branch in enumerate(node.branches):
            if branch.node is not None:
                yield from visit((*path, index), branch.node)

    for top, item in enumerate(tree.items):
        yield from visit((top,), item)


def path_of_key(tree: DecisionTree, key: str) -> NodePath | None:
    """The node a ``goto [key]`` reaches: the first one defining ``key``."""
    return next((path for path, node in node_paths(tree) if key and node.key == key), None)


def defined_keys(tree: DecisionTree) -> list[str]:
    """Keys a ``goto`` can point at, in document order, each once."""
    return list(tree.nodes_by_key())


# --- rebuilding along a path ----------------------------------------------------------------


def _with_node(tree: DecisionTree, path: NodePath, node: Node) -> DecisionTree:
    node_at(tree, path)
    items = list(tree.items)
    items[path[0]] = _replaced(items[path[0]], path[1:], node)
    return DecisionTree(tuple(items))


def _replaced(current: Node, rest: NodePath, node: Node) -> Node:
    if not rest:
        return node
    branches = list(current.branches)
    inner = branches[rest[0]].node
    assert inner is not None  # node_at checked the path
    branches[rest[0]] = replace(branches[rest[0]], node=_replaced(inner, rest[1:], node))
    return replace(current, branches=tuple(branches))


def _with_branches(tree: DecisionTree, path: NodePath, branches: list[Branch]) -> DecisionTree:
    return _with_node(tree, path, replace(node_at(tree, path), branches=tuple(branches)))


def _with_branch(tree: DecisionTree, path: NodePath, index: int, branch: Branch) -> DecisionTree:
    branch_at(tree, path, index)
    branches = list(node_at(tree, path).branches)
    branches[index] = branch
    return _with_branches(tree, path, branches)


# --- what the format can carry ----------------------------------------------------------------


def clean_text(text: str) -> str:
    """A single-line field: line breaks become spaces, no NUL (it marks a binary file), no
    whitespace around it."""
    return _LINE_BREAK.sub(" ", text).replace("\x00", "").strip()


def clean_answer(answer: str) -> str:
    answer = clean_text(answer)
    if any(arrow in answer for arrow in _ARROWS):
        raise TreeEditError("An answer cannot contain an arrow (→ or ->): it ends the answer.")
    return answer


def clean_key(key: str) -> str:
    key = clean_text(key)
    if "[" in key or "]" in key:
        raise TreeEditError("A key cannot contain square brackets.")
    return key


def make_key(tree: DecisionTree, text: str, fallback: str = "node") -> str:
    """A key nobody uses yet, made of the first words of ``text`` that say something."""
    words = [word for word in slugify(text).split("-") if word]
    telling = [word for word in words if word not in _SKIPPED_WORDS] or words
    stem = "-".join(telling[:_KEY_WORDS]) or fallback
    used = {node.key for _, node in node_paths(tree)} | {
        branch.goto for _, node in node_paths(tree) for branch in node.branches if branch.goto
    }
    if stem not in used:
        return stem
    number = 2
    while f"{stem}-{number}" in used:
        number += 1
    return f"{stem}-{number}"


def _new_node(tree: DecisionTree, kind: NodeKind, text: str, key: str) -> Node:
    text = clean_text(text)
    key = clean_key(key)
    if key and key in tree.nodes_by_key():
        raise TreeEditError(f"The key [{key}] is already used by another node.")
    fallback = "question" if kind is NodeKind.QUESTION else "outcome"
    return Node(kind, text, key or make_key(tree, text, fallback))


def _check_depth(path: NodePath) -> None:
    if len(path) >= MAX_DEPTH:
        raise TreeEditError(
            f"The tree cannot go deeper than {MAX_DEPTH} levels: use a goto to a top-level node."
        )


# --- operations ----------------------------------------------------------------------------------


def add_top_node(
    tree: DecisionTree, text: str = "", key: str = "", kind: NodeKind = NodeKind.QUESTION
) -> tuple[DecisionTree, NodePath]:
    """A new top-level node: the root question of an empty tree, else one reached by goto."""
    node = _new_node(tree, kind, text, key)
    return DecisionTree((*tree.items, node)), (len(tree.items),)


def add_branch(
    tree: DecisionTree, path: NodePath, answer: str = "", index: int | None = None
) -> tuple[DecisionTree, int]:
    """A new answer (leading nowhere yet) to the question at ``path``, at ``index``."""
    node = node_at(tree, path)
    if not node.is_question:
        raise TreeEditError("An outcome ends the path: add answers to a question.")
    branches = list(node.branches)
    index = len(branches) if index is None else max(0, min(index, len(branches)))
    branches.insert(index, Branch(clean_answer(answer)))
    return _with_branches(tree, path, branches), index


def set_branch_node(
    tree: DecisionTree,
    path: NodePath,
    index: int,
    kind: NodeKind,
    text: str = "",
    key: str = "",
) -> DecisionTree:
    """The answer leads to a new question or outcome; only an answer that leads nowhere or
    jumps can take one (a node already there is deleted first, with the caller's say-so)."""
    _check_depth(path)
    branch = branch_at(tree, path, index)
    if branch.node is not None:
        raise TreeEditError("This answer already leads to a node: delete that node first.")
    node = _new_node(tree, kind, text, key)
    return _with_branch(tree, path, index, Branch(branch.answer, node=node))


def set_branch_goto(tree: DecisionTree, path: NodePath, index: int, target: str) -> DecisionTree:
    """The answer jumps to the node keyed ``target`` (chosen from ``defined_keys``)."""
    branch = branch_at(tree, path, index)
    if branch.node is not None:
        raise TreeEditError("This answer already leads to a node: delete that node first.")
    target = clean_key(target)
    if target not in tree.nodes_by_key():
        raise TreeEditError(f"No node has the key [{target}].")
    return _with_branch(tree, path, index, Branch(branch.answer, goto=target))


def clear_branch(tree: DecisionTree, path: NodePath, index: int) -> DecisionTree:
    """The answer leads nowhere again: its node (and everything under it) or jump goes."""
    branch = branch_at(tree, path, index)
    return _with_branch(tree, path, index, Branch(branch.answer))


def set_answer(tree: DecisionTree, path: NodePath, index: int, answer: str) -> DecisionTree:
    branch = branch_at(tree, path, index)
    return _with_branch(tree, path, index, replace(branch, answer=clean_answer(answer)))


def set_text(tree: DecisionTree, path: NodePath, text: str) -> DecisionTree:
    return _with_node(tree, path, replace(node_at(tree, path), text=clean_text(text)))


def convert_node(tree: DecisionTree, path: NodePath) -> DecisionTree:
    """A question becomes an outcome (its answers, and all under them, go) and an outcome a
    question with no answers yet. The key and text stay, so jumps to it still arrive."""
    node = node_at(tree, path)
    kind = NodeKind.OUTCOME if node.is_question else NodeKind.QUESTION
    return _with_node(tree, path, replace(node, kind=kind, branches=()))


def rename_key(tree: DecisionTree, path: NodePath, new_key: str) -> DecisionTree:
    """The node's key becomes ``new_key``, and every goto reaching the node follows it.

    Gotos reach the first node defining a key; when this node is a later copy of a key
    defined twice, the gotos stay with the first one.
    """
    node = node_at(tree, path)
    new_key = clean_key(new_key)
    old_key = node.key
    if new_key == old_key:
        return tree
    follows = bool(old_key) and path_of_key(tree, old_key) == path
    if new_key and path_of_key(tree, new_key) is not None:
        raise TreeEditError(f"The key [{new_key}] is already used by another node.")
    if not new_key and follows and _jumps_to(tree, old_key):
        raise TreeEditError(f"Answers jump to [{old_key}]: the node needs a key.")
    renamed = _with_node(tree, path, replace(node, key=new_key))
    if not follows:
        return renamed
    return DecisionTree(tuple(_retarget(item, old_key, new_key) for item in renamed.items))


def _jumps_to(tree: DecisionTree, key: str) -> bool:
    return any(branch.goto == key for _, node in node_paths(tree) for branch in node.branches)


def _retarget(node: Node, old: str, new: str) -> Node:
    if not node.branches:
        return node
    branches = tuple(
        replace(branch, goto=new)
        if branch.goto == old
        else replace(branch, node=_retarget(branch.node, old, new))
        if branch.node is not None
        else branch
        for branch in node.branches
    )
    return replace(node, branches=branches)


def delete_branch(tree: DecisionTree, path: NodePath, index: int) -> DecisionTree:
    """The answer and everything under it go (the caller has confirmed)."""
    branch_at(tree, path, index)
    branches = list(node_at(tree, path).branches)
    del branches[index]
    return _with_branches(tree, path, branches)


def delete_top_node(tree: DecisionTree, top: int) -> DecisionTree:
    """A top-level node and everything under it go; deleting the root makes the next
    top-level node the root."""
    if not 0 <= top < len(tree.items):
        raise TreeEditError("That node is no longer in the tree.")
    return DecisionTree(tree.items[:top] + tree.items[top + 1 :])


def move_branch(tree: DecisionTree, path: NodePath, index: int, step: int) -> DecisionTree:
    """The answer swaps places with its neighbour ``step`` (-1 up, +1 down) places away."""
    branches = list(node_at(tree, path).branches)
    target = index + step
    if not (0 <= index < len(branches) and 0 <= target < len(branches)):
        return tree
    branches[index], branches[target] = branches[target], branches[index]
    return _with_branches(tree, path, branches)


def move_top_node(tree: DecisionTree, top: int, step: int) -> DecisionTree:
    """A top-level node swaps places with a neighbour; the first one is the root."""
    items = list(tree.items)
    target = top + step
    if not (0 <= top < len(items) and 0 <= target < len(items)):
        return tree
    items[top], items[target] = items[target], items[top]
    return DecisionTree(tuple(items))


def duplicate_branch(tree: DecisionTree, path: NodePath, index: int) -> DecisionTree:
    """A copy of the answer right after it. Keys inside the copy get new, unused names (a
    key defined twice reaches only its first node); jumps inside it are left as they are."""
    branch = branch_at(tree, path, index)
    copy = branch
    if branch.node is not None:
        copy = replace(branch, node=_renamed_copy(tree, branch.node, set()))
    branches = list(node_at(tree, path).branches)
    branches.insert(index + 1, copy)
    return _with_branches(tree, path, branches)


def _renamed_copy(tree: DecisionTree, node: Node, taken: set[str]) -> Node:
    key = node.key
    if key:
        stem = _SUFFIX.match(key)
        base = stem["stem"] if stem and stem["stem"] else key
        probe = DecisionTree((*tree.items, *(Node(NodeKind.OUTCOME, "", k) for k in taken)))
        key = make_key(probe, "", base)
        taken.add(key)
    branches = tuple(
        replace(b, node=_renamed_copy(tree, b.node, taken)) if b.node is not None else b
        for b in node.branches
    )
    return replace(node, key=key, branches=branches)


def set_text_keyed(
    tree: DecisionTree, path: NodePath, text: str, generated: str
) -> tuple[DecisionTree, str]:
    """``set_text`` for a node just added, whose key ``generated`` was made up before it had
    text: while the node still has that key, the key follows the text (``pending-charge``
    rather than ``question-2``). Returns the tree and the node's key."""
    tree = set_text(tree, path, text)
    node = node_at(tree, path)
    if node.key != generated or _jumps_to(tree, generated):
        return tree, node.key
    fallback = "question" if node.is_question else "outcome"
    keyless = _with_node(tree, path, replace(node, key=""))
    key = make_key(keyless, text, fallback)
    return rename_key(tree, path, key), key
