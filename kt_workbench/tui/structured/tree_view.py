"""The decision tree tab edited as a tree: questions, answers, outcomes and jumps.

Each key runs an operation of ``tree_places`` on the tree read from the section text; the
section is written back through the renderer (notes before and after the tree kept) and
announced with ``edited``. Problems come from the checker's tree rules and are marked on
the lines they are about, with the reasons for the selected line under the tree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from kt_workbench.checker.config import CheckerConfig
from kt_workbench.errors import InputError
from kt_workbench.model import DecisionTree, NodeKind, ProcessDocument
from kt_workbench.structured import tree_edit as ops
from kt_workbench.structured import tree_places as places
from kt_workbench.structured.hints import EditingHints
from kt_workbench.structured.sections import read_section, write_section
from kt_workbench.structured.tree_edit import NodePath, TreeEditError
from kt_workbench.structured.tree_places import Line, Place
from kt_workbench.structured.tree_problems import tree_problems
from kt_workbench.tui.structured.base import ITEM_LIST_BINDINGS, StructuredSection
from kt_workbench.tui.structured.tree_form import TreeForm
from kt_workbench.tui.structured.tree_lines import line_label, problem_text
from kt_workbench.tui.structured.tree_nodes import NodeTree

Change = Callable[[DecisionTree], tuple[DecisionTree, Place | None]]
LineChange = Callable[[DecisionTree, Place], tuple[DecisionTree, Place | None]]
_KINDS = {"question": NodeKind.QUESTION, "outcome": NodeKind.OUTCOME}


class TreeView(StructuredSection):
    """Tree of the section's nodes, the reasons for the selected line, and its edit form."""

    FIELDS: ClassVar[tuple[str, ...]] = ("decision_tree",)
    DEFAULT_CSS = """
    TreeView { height: 1fr; }
    TreeView #tree-status { height: auto; max-height: 3; color: $warning; }
    TreeView NodeTree { height: 1fr; min-height: 4; border: round $primary 40%; }
    TreeView NodeTree:focus { border: round $primary; }
    TreeView #tree-problems { height: auto; max-height: 4; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        *ITEM_LIST_BINDINGS,
        Binding("q", "lead_to('question')", "Question", id="tree.add_question"),
        Binding("o", "lead_to('outcome')", "Outcome", id="tree.add_outcome"),
        Binding("g", "lead_to('goto')", "Goto", id="tree.add_goto"),
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
            *("edit_item", "lead_to", "add_top", "clear_target", "rename"),
        )
    )

    def __init__(self, field: str = "decision_tree", *, id: str | None = None) -> None:
        super().__init__(field, id=id)
        self.document: ProcessDocument | None = None
        self.decision_tree = DecisionTree()
        self.text = ""
        self.lines: dict[Place, Line] = {}
        # The Tree widget's node for each line, in the order they are shown.
        self._shown: dict[Place, TreeNode[Place]] = {}
        self._problems_shown: Text | None = None
        # The section as it was when the form was entered: what Esc goes back to.
        self._loaded_text: str | None = None
        # A node just added, and the key made up for it: that key follows its text.
        self._generated: tuple[NodePath, str] | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="tree-status")
        yield NodeTree(Text("Decision tree"), id="tree-nodes")
        yield Static("", id="tree-problems")
        yield TreeForm(id="tree-form")

    def on_mount(self) -> None:
        nodes = self.query_one(NodeTree)
        nodes.show_root = False
        nodes.auto_expand = False
        self.query_one("#tree-status", Static).display = False
        if self.text:  # shown before it was mounted
            self.show(self.text, self.hints)

    # --- showing ------------------------------------------------------------------------------

    def show(self, text: str, hints: EditingHints) -> None:
        self.hints = hints
        self.text = text
        if not self.is_mounted:
            return  # on_mount shows it
        status = self.query_one("#tree-status", Static)
        try:
            self.document = read_section(self.field, text)
        except InputError as error:
            self.document = None
            self.decision_tree = DecisionTree()
            status.update(
                Text(f"{error} — the tree cannot be shown; fix it in the source view (F2).")
            )
            status.display = True
            self._draw(None)
            return
        status.display = False
        self.decision_tree = self.document.decision_tree
        self._draw(self.current_place())

    def _draw(self, keep: Place | None) -> None:
        """Show the tree, with the cursor on ``keep`` (or the first line). When only labels
        changed (text typed, a mark come or gone) the lines are relabelled in place: laying
        out the whole tree again at each keystroke costs more than typing can wait for."""
        nodes = self.query_one(NodeTree)
        keys = set(self.decision_tree.nodes_by_key())
        problems = {}
        if self.document is not None:
            problems = tree_problems(self.decision_tree, self._checker_config())
        lines = places.tree_lines(self.decision_tree, problems)
        self.lines = {line.place: line for line in _flat(lines)}
        if list(self.lines) == list(self._shown) and self._shown:
            for place, line in self.lines.items():
                label = line_label(line, keys)
                if self._shown[place].label != label:
                    self._shown[place].set_label(label)
        else:
            nodes.clear()
            self._shown = {}
            for line in lines:
                self._add(nodes.root, line, keys)
        target = self._shown.get(keep) if keep is not None else None
        if target is None and self._shown:
            target = next(iter(self._shown.values()))
        # Lines are laid out lazily; the cursor can only go to a node that has its line.
        if target is not None and nodes.last_line >= 0 and target is not nodes.cursor_node:
            nodes.move_cursor(target)
        self._selected_changed()

    def _add(self, parent: TreeNode[Place], line: Line, keys: set[str]) -> None:
        label = line_label(line, keys)
        if not line.children:
            self._shown[line.place] = parent.add_leaf(label, data=line.place)
            return
        added = self._shown[line.place] = parent.add(label, data=line.place, expand=True)
        for child in line.children:
            self._add(added, child, keys)

    def _checker_config(self) -> CheckerConfig | None:
        """The workbench's checker settings (rules a team switched off mark nothing)."""
        library = getattr(self.app, "library", None)
        config = getattr(library, "config", None)
        return config if isinstance(config, CheckerConfig) else None

    def current_place(self) -> Place | None:
        node = self.query_one(NodeTree).cursor_node
        return node.data if node is not None else None

    def current_line(self) -> Line | None:
        place = self.current_place()
        return self.lines.get(place) if place is not None else None

    def _selected_changed(self) -> None:
        line = self.current_line()
        shown = problem_text(line) if self.document is not None else Text("")
        if shown != self._problems_shown:
            # Updating lays the view out again (the text's height may change): not at each
            # keystroke that leaves the reasons as they were.
            self._problems_shown = shown
            self.query_one("#tree-problems", Static).update(shown)
        self.query_one(TreeForm).load(line)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Into the form by any way (Enter, Tab, a click): Esc goes back to the line as it
        was then; back on the tree, that is over."""
        if isinstance(event.widget, NodeTree):
            self._loaded_text = None
        elif self._loaded_text is None:
            self._loaded_text = self.text

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[Place]) -> None:
        event.stop()
        self._selected_changed()

    def on_tree_node_selected(self, event: Tree.NodeSelected[Place]) -> None:
        event.stop()
        self.action_edit_item()

    # --- applying an operation --------------------------------------------------------------

    def _apply(self, change: Change) -> bool:
        """Run ``change`` on the tree; write the section, redraw with the cursor on the line
        it names and announce the edit; or say what is wrong."""
        if self.document is None:
            self.notify("Fix the tree in the source view (F2) first.", severity="warning")
            return False
        try:
            tree, select = change(self.decision_tree)
        except TreeEditError as error:
            self.notify(str(error), severity="warning")
            return False
        if tree == self.decision_tree:
            return False
        self.decision_tree = tree
        self.document = replace(self.document, decision_tree=tree)
        self.text = write_section(self.field, self.document)
        self._draw(select or self.current_place())
        self.edited(self.text)
        return True

    def _on_line(self, operation: LineChange) -> bool:
        """``operation`` on the selected line."""
        place = self.current_place()
        if place is None:
            return False
        return self._apply(lambda tree: operation(tree, place))

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
            self._on_line(places.delete)
            return
        if line.branch is not None:
            what = f"the answer '{line.branch.answer}'"
        else:
            what = "the root question" if place == Place((0,)) else "this top-level node"
        under = f" and the {line.size - 1} nodes under it" if line.size > 1 else ""
        from kt_workbench.tui.screens.confirm import ConfirmScreen

        def decide(yes: bool | None) -> None:
            if yes:
                self._apply(lambda tree: places.delete(tree, place))

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

    # --- the form -----------------------------------------------------------------------------

    def on_tree_form_changed(self, event: TreeForm.Changed) -> None:
        """A field typed into: applied at once, or its problem shown next to it."""
        event.stop()
        place = self.current_place()
        if place is None or event.place != place:
            return
        form = self.query_one(TreeForm)
        try:
            changed, self._generated = places.edit_field(
                self.decision_tree, place, event.field, event.value, self._generated
            )
        except TreeEditError as error:
            form.problem(event.field, str(error))
            return
        form.problem(event.field, "")
        self._apply(lambda _: (changed, place))

    def on_tree_form_done(self, event: TreeForm.Done) -> None:
        """Enter: the edits stand, back to the tree (unless a value was refused)."""
        event.stop()
        if self.query_one(TreeForm).problems():
            return  # the field stays, with what is wrong next to it: fix it, or Esc
        self._loaded_text = None
        self.query_one(NodeTree).focus()

    # --- findings ---------------------------------------------------------------------------

    def select(self, location: str, message: str = "") -> bool:
        """The line a finding is about (``tree [pending]``, ``tree root > No``...), and the
        field its message is about: the key, the text, or a duplicated answer."""
        place = places.place_of_finding(self.decision_tree, location, message)
        if place is None:
            return False
        self._draw(place)
        self._loaded_text = self.text
        words = message.casefold()
        form = self.query_one(TreeForm)
        if "key" in words and "jumps" not in words:
            form.focus_field("key")
        elif "no text" in words:
            form.focus_field("text")
        elif "appears twice" in words:
            form.focus_field("answer")
        else:
            self.query_one(NodeTree).focus()
        return True


def _flat(lines: tuple[Line, ...]) -> list[Line]:
    """The lines in the order the tree shows them."""
    return [found for line in lines for found in (line, *_flat(line.children))]
