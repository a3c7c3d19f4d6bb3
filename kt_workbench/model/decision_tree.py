"""Decision trees as agents follow them: questions, answers, outcomes and jumps.

The structure mirrors the markdown nesting so that a tree round-trips exactly, including
broken trees (dangling jumps, loops, unreachable nodes): judging a tree is the checker's job.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum


class NodeKind(StrEnum):
    QUESTION = "question"
    OUTCOME = "outcome"


@dataclass(frozen=True)
class Node:
    """A question (with branches) or an outcome. ``key`` is empty when nothing names it."""

    kind: NodeKind
    text: str
    key: str = ""
    branches: tuple[Branch, ...] = ()

    @property
    def is_question(self) -> bool:
        return self.kind is NodeKind.QUESTION


@dataclass(frozen=True)
class Branch:
    """One answer to a question. It leads to a node defined in place, a jump, or nowhere."""

    answer: str
    node: Node | None = None
    goto: str | None = None


@dataclass(frozen=True)
class VisitedNode:
    """A node met while walking the tree, with where it sits.

    ``path`` is the chain of answers from the top-level item that defines it, and ``top``
    the index of that top-level item (0 is the root question).
    """

    node: Node
    top: int
    path: tuple[str, ...]
    depth: int

    @property
    def label(self) -> str:
        """A human location such as ``[pending]`` or ``root > No > Yes``."""
        if self.node.key:
            return f"[{self.node.key}]"
        start = "root" if self.top == 0 else f"item {self.top + 1}"
        return " > ".join((start, *self.path))


@dataclass(frozen=True)
class DecisionTree:
    """Top-level items: the first is the root question; later ones are reached by ``goto``."""

    items: tuple[Node, ...] = field(default_factory=tuple)

    @property
    def root(self) -> Node | None:
        return self.items[0] if self.items else None

    def walk(self) -> Iterator[VisitedNode]:
        """Every node defined in the tree, depth first, in document order."""
        for top, item in enumerate(self.items):
            yield from _walk(item, top, (), 0)

    def nodes_by_key(self) -> dict[str, Node]:
        """Keyed nodes; the first definition wins when a key is defined twice."""
        keyed: dict[str, Node] = {}
        for visited in self.walk():
            if visited.node.key and visited.node.key not in keyed:
                keyed[visited.node.key] = visited.node
        return keyed

    def __bool__(self) -> bool:
        return bool(self.items)


def _walk(node: Node, top: int, path: tuple[str, ...], depth: int) -> Iterator[VisitedNode]:
    yield VisitedNode(node, top, path, depth)
    for branch in node.branches:
        if branch.node is not None:
            yield from _walk(branch.node, top, (*path, branch.answer), depth + 1)
