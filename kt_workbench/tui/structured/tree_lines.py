"""What each line of the decision tree view stands for, and how it is drawn.

A line is a node (top-level, or reached by an answer: ``Yes → ◆ [k] Question?``) or an
answer that jumps or leads nowhere. Everything drawn is user text held in ``Text``, so
``[x]``, ``[bold]`` or ``goto [k]`` typed into a question shows as typed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rich.text import Text

from kt_workbench.model import Branch, DecisionTree, Node
from kt_workbench.structured.tree_edit import NodePath
from kt_workbench.structured.tree_problems import TreeProblem

MARK = "⚠ "


@dataclass(frozen=True)
class Place:
    """A line of the tree: ``path`` of the node it shows (None for a jump or an answer that
    leads nowhere), and the question (``parent``) and ``index`` of its answer (None for a
    top-level node)."""

    path: NodePath | None
    parent: NodePath | None = None
    index: int | None = None

    @property
    def has_answer(self) -> bool:
        return self.parent is not None and self.index is not None

    @property
    def question(self) -> NodePath | None:
        """The question this line's answers hang from: the node shown, else its parent."""
        return self.path if self.path is not None else self.parent


@dataclass(frozen=True)
class Line:
    """One line to draw: where it is, its children, and the problems marked on it."""

    place: Place
    node: Node | None
    branch: Branch | None
    problems: tuple[TreeProblem, ...]
    children: tuple[Line, ...] = ()


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
                yield Line(
                    Place(child, path, index),
                    branch.node,
                    branch,
                    own + problems.get(child, ()),
                    tuple(lines_under(child, branch.node)),
                )

    return tuple(
        Line(
            Place((top,)),
            item,
            None,
            problems.get((top,), ()),
            tuple(lines_under((top,), item)),
        )
        for top, item in enumerate(tree.items)
    )


def line_label(line: Line, keys: set[str]) -> Text:
    """``answer → ◆ [key] text``, ``answer → goto [key]`` or ``answer → (leads nowhere)``,
    with a warning mark in front when the checker found something here."""
    label = Text()
    if line.problems:
        severe = any(p.severity == "error" for p in line.problems)
        label.append(MARK, style="bold red" if severe else "bold yellow")
    branch = line.branch
    if branch is not None:
        label.append(branch.answer or "(no answer)", style="" if branch.answer else "italic dim")
        label.append(" → ", style="dim")
    node = line.node
    if node is not None:
        label.append(
            "◆ " if node.is_question else "● ", style="cyan" if node.is_question else "green"
        )
        if node.key:
            label.append(f"[{node.key}] ", style="bold")
        label.append(node.text or "(no text)", style="" if node.text else "italic dim")
    elif branch is not None and branch.goto is not None:
        label.append("goto ")
        style = "bold" if branch.goto in keys else "bold red"
        label.append(f"[{branch.goto}]", style=style)
    else:
        label.append("(leads nowhere)", style="italic")
    return label


def problem_text(line: Line | None) -> Text:
    """What is wrong with the selected line, each finding with its fix, or that all is well."""
    if line is None:
        return Text("The tree is empty: press q to write its first question.", style="dim")
    if not line.problems:
        return Text("No problems here.", style="dim")
    text = Text()
    for number, problem in enumerate(line.problems):
        if number:
            text.append("\n")
        style = "bold red" if problem.severity == "error" else "bold yellow"
        text.append(f"{MARK}{problem.code} ", style=style)
        text.append(problem.message)
        if problem.hint:
            text.append(f" — {problem.hint}", style="dim")
    return text
