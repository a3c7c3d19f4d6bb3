"""The decision tree tab edited as a tree: the keys for questions, answers, outcomes and
jumps, and the list keys every structured view shares.

Each key runs an operation of ``tree_places`` on the selected line through the tree the
``TreeSection`` shows; problems are re-marked as it redraws.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Tree

from kt_workbench.model import DecisionTree, NodeKind
from kt_workbench.structured import tree_edit as ops
from kt_workbench.structured import tree_places as places
from kt_workbench.structured.tree_edit import TreeEditError
from kt_workbench.structured.tree_places import Place
from kt_workbench.tui.structured.base import ITEM_LIST_BINDINGS
from kt_workbench.tui.structured.tree_form import TreeForm
from kt_workbench.tui.structured.tree_nodes import NodeTree
from kt_workbench.tui.structured.tree_section import TreeSection

_KINDS = {"question": NodeKind.QUESTION, "outcome": NodeKind.OUTCOME}


class TreeView(TreeSection):
    """The Decision tree tab's structured view: ``TreeSection`` with its keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *ITEM_LIST_BINDINGS,
        Binding("q", "lead_to('question')", "Question", id="tree.add_question"),
        Binding("o", "lead_to('outcome')", "Outcome", id="tree.add_outcome"),
        Binding("g", "lead_to('goto')", "Goto", id="tree.add_goto"),
        Binding("v", "convert", "Convert", id="tree.convert"),
        Binding("t", "add_top", "Top-level question", show=False, id="tree.add_top"),
        Binding("x", "clear_target", "Clear what it leads to", show=False, id="tree.clear"),
        Binding("k", "rename", "Rename key", show=False, id="tree.rename"),
        Binding("ctrl+r", "rehearse_here", "Rehearse here", id="tree.rehearse"),
        Binding("escape", "leave_form", "Back to the tree", show=False, id="tree.leave_form"),
    ]
    # Keys that act on the tree's lines: in the form they are typed, not run.
    _TREE_ACTIONS = frozenset(
        (
            *("add_item", "insert_item", "delete_item", "duplicate_item", "move_item"),
            *("edit_item", "lead_to", "add_top", "clear_target", "rename", "convert"),
        )
    )

    def on_tree_node_selected(self, event: Tree.NodeSelected[Place]) -> None:
        event.stop()
        self.action_edit_item()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        forms = self.query(TreeForm)
        in_form = bool(forms) and forms.first().has_focus_within
        if action in self._TREE_ACTIONS:
            return not in_form
        if action == "leave_form":
            return in_form
        return True

    # --- item list keys -----------------------------------------------------------------------

    def action_add_item(self) -> None:
        self._add_answer(after=True)

    def action_insert_item(self) -> None:
        self._add_answer(after=False)

    def _add_answer(self, *, after: bool) -> None:
        """Under the selected question; next to the selected answer otherwise."""
        if not self.decision_tree:
            self.action_lead_to("question")
        elif self._on_line(lambda tree, place: places.add_answer(tree, place, after=after)):
            self._focus("answer")

    def action_delete_item(self) -> None:
        line = self.current_line()
        if line is None:
            return
        place = line.place
        if line.node is None:
            if self._on_line(places.delete):
                self.deleted(f"the answer '{line.branch.answer}'" if line.branch else "the line")
            return
        if line.branch is not None:
            what = f"the answer '{line.branch.answer}'"
        else:
            what = "the root question" if place == Place((0,)) else "this top-level node"
        under = f" and the {line.size - 1} nodes under it" if line.size > 1 else ""
        from kt_workbench.tui.screens.confirm import ConfirmScreen

        def decide(yes: bool | None) -> None:
            if yes and self._apply(lambda tree: places.delete(tree, place)):
                self.deleted(f"{what}{under}")

        self.app.push_screen(ConfirmScreen(f"Delete {what}{under}?"), decide)

    def action_duplicate_item(self) -> None:
        self._on_line(places.duplicate)

    def action_move_item(self, step: int) -> None:
        self._on_line(lambda tree, place: places.move(tree, place, step))

    def action_edit_item(self) -> None:
        if self.current_line() is not None:
            self._loaded_text = self.text
            self.query_one(TreeForm).focus_first()

    # --- tree keys --------------------------------------------------------------------------

    def action_lead_to(self, what: str) -> None:
        """The selected answer leads to a new question, a new outcome or a jump; on a
        question, a new answer under it does (and the answer field is focused to name it)."""
        if what == "goto":
            self._pick_goto()
            return
        fresh: list[bool] = []

        def change(tree: DecisionTree) -> tuple[DecisionTree, Place]:
            tree, place, new_answer = places.lead_to(tree, self.current_place(), _KINDS[what])
            fresh.append(new_answer)
            return tree, place

        if self._apply(change):
            self._focus("answer" if fresh[0] else "text", new_node=True)

    def _pick_goto(self) -> None:
        keyed = self.decision_tree.nodes_by_key()
        try:
            question, index, fresh = places.answer_slot(self.decision_tree, self.current_place())
        except TreeEditError as error:
            self.notify(str(error), severity="warning")
            return
        if not keyed:
            self.notify("No node has a key to jump to yet: give one a key (k) first.")
            return
        from kt_workbench.tui.structured.tree_goto import GotoPicker

        answer = "" if fresh else ops.branch_at(self.decision_tree, question, index).answer

        def chosen(key: str | None) -> None:
            jump = lambda tree: places.jump_to(tree, question, index, fresh, key or "")  # noqa: E731
            if key is not None and self._apply(jump) and fresh:
                self._focus("answer")

        self.app.push_screen(GotoPicker(answer, list(keyed.items())), chosen)

    def action_convert(self) -> None:
        """The selected question becomes an outcome (asked first when answers would go with
        it), or the selected outcome a question, and the cursor goes to its first answer
        field to grow it."""
        line = self.current_line()
        if line is None or line.node is None:
            self.notify("Select a question or an outcome: v turns one into the other.")
            return
        node, place = line.node, line.place
        if not node.is_question:
            if self._on_line(places.convert):
                self.notify(f"[{node.key}] is a question now: add its answers with a.", timeout=4)
            return
        if not node.branches:
            self._on_line(places.convert)
            return
        answers = len(node.branches)
        under = line.size - 1
        what = f"its {answers} answer{'s' if answers != 1 else ''}" + (
            f" and the {under} node{'s' if under != 1 else ''} under them" if under else ""
        )

        def decide(yes: bool | None) -> None:
            if yes and self._apply(lambda tree: places.convert(tree, place)):
                self.deleted(f"{what} of [{node.key}], now an outcome")

        from kt_workbench.tui.screens.confirm import ConfirmScreen

        self.app.push_screen(
            ConfirmScreen(f"Turn [{node.key}] into an outcome? {what.capitalize()} go."),
            decide,
        )

    def action_add_top(self) -> None:
        top = len(self.decision_tree.items)
        if self._apply(lambda tree: (ops.add_top_node(tree)[0], Place((top,)))):
            self._focus("text", new_node=True)

    def action_clear_target(self) -> None:
        self._on_line(places.clear)

    def action_rename(self) -> None:
        line = self.current_line()
        if line is None or line.node is None:
            self.notify("Select a question or an outcome to rename its key.")
            return
        self._loaded_text = self.text
        self.query_one(TreeForm).focus_field("key")

    def action_rehearse_here(self) -> None:
        from kt_workbench.tui.screens.rehearsal_screen import RehearsalScreen

        place = self.current_place()
        if place is None or not self.decision_tree:
            self.notify("There is no decision tree to rehearse yet.", severity="warning")
            return
        # An answer that jumps or leads nowhere: rehearse from the question it answers.
        path = place.path or (place.answer[0] if place.answer else (0,))
        start = ops.node_at(self.decision_tree, path)
        title = self.screen.title or "Decision tree"
        self.app.push_screen(RehearsalScreen(self.decision_tree, title, start=start))

    def action_leave_form(self) -> None:
        """Esc in the form: the line as it was when the form was entered, back to the tree."""
        loaded, self._loaded_text = self._loaded_text, None
        if loaded is not None and loaded != self.text:
            self.show(loaded, self.hints)
            self.edited(loaded)
        self.query_one(NodeTree).focus()

    def _focus(self, field: str, *, new_node: bool = False) -> None:
        """After adding: ``field`` of the new line focused; a new node's made-up key
        follows the text typed for it."""
        self._loaded_text = self.text
        line = self.current_line()
        if new_node and line is not None and line.node is not None and line.place.path:
            self._generated = (line.place.path, line.node.key)
        self.query_one(TreeForm).focus_field(field)
