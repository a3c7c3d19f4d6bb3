"""The decision tree tab's tree: read from the section text, drawn with the checker's
problems on its lines, changed by operations and written back, and the form under it.

An operation of ``tree_places`` runs on the tree through ``_apply``; the section is written
back through the renderer (notes before and after the tree kept) and announced with
``edited``. ``TreeView`` (tree_view.py) binds the keys that run them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from kt_workbench.checker.config import CheckerConfig
from kt_workbench.errors import InputError
from kt_workbench.model import DecisionTree, ProcessDocument
from kt_workbench.structured import tree_places as places
from kt_workbench.structured.hints import EditingHints
from kt_workbench.structured.sections import read_section, write_section
from kt_workbench.structured.tree_edit import NodePath, TreeEditError
from kt_workbench.structured.tree_places import Line, Place
from kt_workbench.structured.tree_problems import tree_problems
from kt_workbench.tui.structured.base import StructuredSection
from kt_workbench.tui.structured.tree_form import TreeForm
from kt_workbench.tui.structured.tree_lines import line_label, problem_text
from kt_workbench.tui.structured.tree_nodes import NodeTree

Change = Callable[[DecisionTree], tuple[DecisionTree, Place | None]]
LineChange = Callable[[DecisionTree, Place], tuple[DecisionTree, Place | None]]


class TreeSection(StructuredSection):
    """Tree of the section's nodes, the reasons for the selected line, and its edit form:
    the tree read, drawn and changed; ``TreeView`` adds the keys."""

    FIELDS: ClassVar[tuple[str, ...]] = ("decision_tree",)
    DEFAULT_CSS = """
    TreeSection { height: 1fr; }
    TreeSection #tree-status { height: auto; max-height: 3; color: $warning; }
    TreeSection NodeTree { height: 1fr; min-height: 4; border: round $primary 40%; }
    TreeSection NodeTree:focus { border: round $primary; }
    TreeSection #tree-problems { height: auto; max-height: 4; padding: 0 1; }
    """

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
