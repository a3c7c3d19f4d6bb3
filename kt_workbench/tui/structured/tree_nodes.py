"""The Tree widget of the decision tree view."""

from __future__ import annotations

from textual.widgets import Tree

from kt_workbench.structured.tree_places import Place


class NodeTree(Tree[Place]):
    """Tree, with Shift+Up/Down left to the view: in every item list they move the item."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("cursor_previous_sibling", "cursor_next_sibling"):
            return False
        return super().check_action(action, parameters)
