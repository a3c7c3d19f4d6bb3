"""The decision tree drawn as it is written: questions, outcomes, answers and jumps.

Node texts, keys and answers are user text; every label is a ``Text`` so brackets such as
``[/orders/search]`` show as written instead of being read as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from kt_workbench.model import DecisionTree, Node, NodeKind


def node_label(node: Node, answer: str | None) -> Text:
    label = Text()
    if answer is not None:
        label.append(answer)
        label.append(" → ", style="dim")
    label.append("◆ " if node.kind is NodeKind.QUESTION else "● ")
    if node.key:
        label.append(f"[{node.key}] ", style="bold")
    label.append(node.text)
    return label


def jump_label(answer: str, goto: str | None) -> Text:
    label = Text(answer)
    label.append(" → ", style="dim")
    if goto is None:
        label.append("(nothing)", style="italic")
    else:
        label.append("goto ")
        label.append(f"[{goto}]", style="bold")
    return label


class TreePreview(Tree[None]):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("Decision tree"), id=id)

    def show(self, tree: DecisionTree) -> None:
        self.clear()
        self.root.expand()

        def add(parent: TreeNode[None], node: Node, answer: str | None) -> None:
            branch = parent.add(node_label(node, answer), expand=True)
            for option in node.branches:
                if option.node is not None:
                    add(branch, option.node, option.answer)
                else:
                    branch.add_leaf(jump_label(option.answer, option.goto))

        for item in tree.items:
            add(self.root, item, None)
