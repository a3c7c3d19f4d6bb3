"""The decision tree tab edited as a tree: questions, answers, outcomes and jumps.

Each operation is a ``tree_edit`` function on the tree read from the section text; the
section is written back through the renderer (notes before and after the tree kept) and
announced with ``edited``. Problems come from the checker's tree rules and are marked on
the lines they are about, with the reasons for the selected line under the tree.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from kt_workbench.errors import InputError
from kt_workbench.model import DecisionTree, NodeKind, ProcessDocument
from kt_workbench.structured import tree_edit as ops
from kt_workbench.structured.hints import EditingHints
from kt_workbench.structured.sections import read_section, write_section
from kt_workbench.structured.tree_edit import NodePath, TreeEditError
from kt_workbench.structured.tree_problems import tree_problems
from kt_workbench.tui.structured.base import ITEM_LIST_BINDINGS, StructuredSection
from kt_workbench.tui.structured.tree_form import TreeForm
from kt_workbench.tui.structured.tree_lines import Line, Place, line_label, problem_text, tree_lines

_KEY_LOCATION = re.compile(r"^\[(?P<key>[^\[\]\n]*)\]$")
_QUOTED_ANSWER = re.compile(r"answer '(?P<answer>[^']*)'")


class NodeTree(Tree[Place]):
    """Tree, with Shift+Up/Down left to the view: in every item list they move the item."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("cursor_previous_sibling", "cursor_next_sibling"):
            return False
        return super().check_action(action, parameters)


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
    _LIST_ACTIONS = frozenset(
        ("add_item", "insert_item", "delete_item", "duplicate_item", "move_item", "edit_item")
    )

    def __init__(self, field: str = "decision_tree", *, id: str | None = None) -> None:
        super().__init__(field, id=id)
        self.document: ProcessDocument | None = None
        self.decision_tree = DecisionTree()
        self.text = ""
        self.lines: dict[Place, Line] = {}
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

    # --- showing ------------------------------------------------------------------------------

    def show(self, text: str, hints: EditingHints) -> None:
        self.hints = hints
        self.text = text
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
        nodes = self.query_one(NodeTree)
        nodes.clear()
        self.lines = {}
        keys = set(self.decision_tree.nodes_by_key())
        problems = tree_problems(self.decision_tree) if self.document is not None else {}
        target: TreeNode[Place] | None = None

        def add(parent: TreeNode[Place], line: Line) -> None:
            nonlocal target
            self.lines[line.place] = line
            label = line_label(line, keys)
            if line.children:
                added = parent.add(label, data=line.place, expand=True)
                for child in line.children:
                    add(added, child)
            else:
                added = parent.add_leaf(label, data=line.place)
            if line.place == keep:
                target = added

        for line in tree_lines(self.decision_tree, problems):
            add(nodes.root, line)
        if target is None and self.lines:
            target = next(child for child in nodes.root.children)
        # Lines are laid out lazily; the cursor can only go to a node that has its line.
        if target is not None and nodes.last_line >= 0:
            nodes.move_cursor(target)
        self._selected_changed()

    def current_place(self) -> Place | None:
        node = self.query_one(NodeTree).cursor_node
        return node.data if node is not None else None

    def current_line(self) -> Line | None:
        place = self.current_place()
        return self.lines.get(place) if place is not None else None

    def _selected_changed(self) -> None:
        line = self.current_line()
        self.query_one("#tree-problems", Static).update(
            problem_text(line) if self.document is not None else Text("")
        )
        self.query_one(TreeForm).load(line)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[Place]) -> None:
        event.stop()
        self._selected_changed()

    def on_tree_node_selected(self, event: Tree.NodeSelected[Place]) -> None:
        event.stop()
        self.action_edit_item()

    # --- applying an operation --------------------------------------------------------------

    def _apply(self, change: Callable[[DecisionTree], DecisionTree], select: Place | None) -> bool:
        """Run ``change`` on the tree; write the section and redraw, or say what is wrong."""
        if self.document is None:
            self.notify("Fix the tree in the source view (F2) first.", severity="warning")
            return False
        try:
            tree = change(self.decision_tree)
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        in_form = self.query_one(TreeForm).has_focus_within
        if action in self._LIST_ACTIONS or action.startswith(("lead_to", "add_top", "clear")):
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
        """Under the selected question (last, or first with Insert before); next to the
        selected answer otherwise."""
        line = self.current_line()
        if line is None:
            self.action_lead_to("question")
            return
        place = line.place
        if line.node is not None and line.node.is_question:
            question, index = place.path, None if after else 0
        elif place.has_answer:
            question, index = place.parent, (place.index or 0) + (1 if after else 0)
        else:
            self.notify("An outcome ends the path: add answers to a question.")
            return
        assert question is not None
        result: list[int] = []

        def change(tree: DecisionTree) -> DecisionTree:
            tree, at = ops.add_branch(tree, question, "", index)
            result.append(at)
            return tree

        if self._apply(change, None):
            self._focus(Place(None, question, result[0]), "answer")

    def action_delete_item(self) -> None:
        line = self.current_line()
        if line is None:
            return
        place = line.place
        if place.has_answer:
            assert place.parent is not None and place.index is not None
            parent, index = place.parent, place.index

            def change(tree: DecisionTree) -> DecisionTree:
                return ops.delete_branch(tree, parent, index)

            what = f"the answer '{line.branch.answer if line.branch else ''}'"
        else:
            assert place.path is not None
            top = place.path[0]

            def change(tree: DecisionTree) -> DecisionTree:
                return ops.delete_top_node(tree, top)

            what = "this top-level node" if top else "the root question"
        if line.node is None:
            self._apply(change, self._neighbour(place))
            return
        count = self._count(line)
        under = f" and the {count - 1} nodes under it" if count > 1 else ""
        question = f"Delete {what}{under}? This cannot be undone here (Ctrl+Z in the editor)."
        from kt_workbench.tui.screens.confirm import ConfirmScreen

        def decide(yes: bool | None) -> None:
            if yes:
                self._apply(change, self._neighbour(place))

        self.app.push_screen(ConfirmScreen(question), decide)

    def _count(self, line: Line) -> int:
        return (line.node is not None) + sum(self._count(child) for child in line.children)

    def _neighbour(self, place: Place) -> Place | None:
        if place.has_answer:
            assert place.index is not None
            if place.index > 0:
                return self._branch_place(place.parent, place.index - 1)
            return Place(place.parent, *self._answer_of(place.parent))
        assert place.path is not None
        return Place((max(0, place.path[0] - 1),))

    def _branch_place(self, question: NodePath | None, index: int) -> Place:
        assert question is not None
        branch = ops.branch_at(self.decision_tree, question, index)
        return Place((*question, index) if branch.node is not None else None, question, index)

    def _answer_of(self, path: NodePath | None) -> tuple[NodePath | None, int | None]:
        if path is None or len(path) == 1:
            return None, None
        return path[:-1], path[-1]

    def action_duplicate_item(self) -> None:
        place = self.current_place()
        if place is None or not place.has_answer:
            self.notify("Select an answer to duplicate.")
            return
        assert place.parent is not None and place.index is not None
        parent, index = place.parent, place.index
        self._apply(
            lambda tree: ops.duplicate_branch(tree, parent, index),
            self._place_after_move(parent, index + 1),
        )

    def action_move_item(self, step: int) -> None:
        place = self.current_place()
        if place is None:
            return
        if place.has_answer:
            assert place.parent is not None and place.index is not None
            parent, index = place.parent, place.index
            self._apply(
                lambda tree: ops.move_branch(tree, parent, index, step),
                self._place_after_move(parent, index + step, moved=place),
            )
        elif place.path is not None:
            top = place.path[0]
            self._apply(lambda tree: ops.move_top_node(tree, top, step), Place((top + step,)))

    def _place_after_move(self, parent: NodePath, index: int, moved: Place | None = None) -> Place:
        """Where the answer ends up: its node (if any) now hangs at the new index."""
        if moved is None or moved.path is not None:
            return Place((*parent, index), parent, index)
        return Place(None, parent, index)

    def action_edit_item(self) -> None:
        line = self.current_line()
        if line is None:
            return
        self._loaded_text = self.text
        self.query_one(TreeForm).focus_first()

    # --- tree keys --------------------------------------------------------------------------

    def action_lead_to(self, what: str) -> None:
        """The selected answer leads to a new question, a new outcome or a jump; on a
        question, a new answer under it does (and the answer field is focused to name it)."""
        line = self.current_line()
        if self.document is not None and not self.decision_tree.items:
            if what == "goto":
                self.notify("Write the first question before adding a jump.")
                return
            kind = NodeKind.QUESTION if what == "question" else NodeKind.OUTCOME
            if self._apply(lambda tree: ops.add_top_node(tree, "", "", kind)[0], Place((0,))):
                self._focus(Place((0,)), "text", new_node=True)
            return
        if line is None:
            return
        place = line.place
        if line.node is not None:
            if not line.node.is_question:
                self.notify("This answer already leads to an outcome: press x to clear it first.")
                return
            assert place.path is not None
            question, fresh = place.path, True
            index = len(line.node.branches)
        else:
            assert place.parent is not None and place.index is not None
            question, index, fresh = place.parent, place.index, False
        if what == "goto":
            self._pick_goto(question, index, fresh)
            return
        kind = NodeKind.QUESTION if what == "question" else NodeKind.OUTCOME

        def change(tree: DecisionTree) -> DecisionTree:
            if fresh:
                tree = ops.add_branch(tree, question, "")[0]
            elif ops.branch_at(tree, question, index).goto is not None:
                tree = ops.clear_branch(tree, question, index)
            return ops.set_branch_node(tree, question, index, kind)

        target = Place((*question, index), question, index)
        if self._apply(change, target):
            self._focus(target, "answer" if fresh else "text", new_node=True)

    def _pick_goto(self, question: NodePath, index: int, fresh: bool) -> None:
        keyed = self.decision_tree.nodes_by_key()
        if not keyed:
            self.notify("No node has a key to jump to yet: give one a key (k) first.")
            return
        from kt_workbench.tui.structured.tree_goto import GotoPicker

        answer = "" if fresh else ops.branch_at(self.decision_tree, question, index).answer

        def chosen(key: str | None) -> None:
            if key is None:
                return

            def change(tree: DecisionTree) -> DecisionTree:
                if fresh:
                    tree = ops.add_branch(tree, question, "")[0]
                else:
                    tree = ops.clear_branch(tree, question, index)
                return ops.set_branch_goto(tree, question, index, key)

            target = Place(None, question, index)
            if self._apply(change, target) and fresh:
                self._focus(target, "answer")

        self.app.push_screen(GotoPicker(answer, list(keyed.items())), chosen)

    def action_add_top(self) -> None:
        top = len(self.decision_tree.items)
        if self._apply(lambda tree: ops.add_top_node(tree)[0], Place((top,))):
            self._focus(Place((top,)), "text", new_node=True)

    def action_clear_target(self) -> None:
        place = self.current_place()
        if place is None or not place.has_answer:
            self.notify("Select an answer: x clears the question, outcome or jump it leads to.")
            return
        assert place.parent is not None and place.index is not None
        parent, index = place.parent, place.index
        self._apply(lambda tree: ops.clear_branch(tree, parent, index), Place(None, parent, index))

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
        start = ops.node_at(self.decision_tree, place.question) if place.question else None
        title = self.screen.title or "Decision tree"
        self.app.push_screen(RehearsalScreen(self.decision_tree, title, start=start))

    def action_leave_form(self) -> None:
        """Esc in the form: the line as it was when the form was entered, back to the tree."""
        loaded, self._loaded_text = self._loaded_text, None
        if loaded is not None and loaded != self.text:
            self.show(loaded, self.hints)
            self.edited(loaded)
        self.query_one(NodeTree).focus()

    def _focus(self, place: Place, field: str, *, new_node: bool = False) -> None:
        """After adding: the new line selected, ``field`` focused; a new node's made-up key
        follows the text typed for it."""
        self._loaded_text = self.text
        self._draw(place)
        line = self.lines.get(place)
        if new_node and line is not None and line.node is not None and place.path is not None:
            self._generated = (place.path, line.node.key)
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
            if event.field == "answer" and place.has_answer:
                assert place.parent is not None and place.index is not None
                parent, index = place.parent, place.index
                change: Callable[[DecisionTree], DecisionTree] = lambda tree: (  # noqa: E731
                    ops.set_answer(tree, parent, index, event.value)
                )
            elif event.field == "text" and place.path is not None:
                path = place.path
                change = lambda tree: self._set_text(tree, path, event.value)  # noqa: E731
            elif event.field == "key" and place.path is not None:
                key_path = place.path
                if ops.clean_key(event.value) != ops.node_at(self.decision_tree, key_path).key:
                    self._generated = None  # a key of the owner's own: it no longer follows
                change = lambda tree: ops.rename_key(tree, key_path, event.value)  # noqa: E731
            else:
                return
            tree = change(self.decision_tree)
        except TreeEditError as error:
            form.problem(event.field, str(error))
            return
        form.problem(event.field, "")
        if tree != self.decision_tree:
            self._apply(lambda _: tree, place)

    def _set_text(self, tree: DecisionTree, path: NodePath, text: str) -> DecisionTree:
        if self._generated is None or self._generated[0] != path:
            return ops.set_text(tree, path, text)
        tree, key = ops.set_text_keyed(tree, path, text, self._generated[1])
        self._generated = (path, key)
        return tree

    def on_tree_form_done(self, event: TreeForm.Done) -> None:
        """Enter: the edits stand, back to the tree (unless a value was refused)."""
        event.stop()
        if self.query_one(TreeForm).problems():
            return  # the field stays, with what is wrong next to it: fix it, or Esc
        self._loaded_text = None
        self.query_one(NodeTree).focus()

    # --- findings ---------------------------------------------------------------------------

    def select(self, location: str, message: str = "") -> bool:
        """``tree [pending]``, ``tree root > No > Yes`` or ``tree item 2``: that node's line,
        or the answer the message quotes under it; the field the message is about."""
        path = self._path_of(location.strip().removeprefix("tree ").strip())
        if path is None:
            return False
        place = Place(path, *self._answer_of(path))
        quoted = _QUOTED_ANSWER.search(message)
        node = ops.node_at(self.decision_tree, path)
        if quoted:
            for index, branch in enumerate(node.branches):
                if " ".join(branch.answer.split()) == quoted["answer"]:
                    place = self._branch_place(path, index)
                    break
        self._draw(place)
        words = message.casefold()
        if "key" in words and "jumps" not in words:
            self.query_one(TreeForm).focus_field("key")
        elif "no text" in words:
            self.query_one(TreeForm).focus_field("text")
        elif "appears twice" in words:
            self.query_one(TreeForm).focus_field("answer")
        else:
            self.query_one(NodeTree).focus()
        self._loaded_text = self.text
        return True

    def _path_of(self, location: str) -> NodePath | None:
        keyed = _KEY_LOCATION.match(location)
        if keyed:
            return ops.path_of_key(self.decision_tree, keyed["key"])
        start, *answers = location.split(" > ")
        if start == "root":
            top = 0
        elif start.startswith("item ") and start.removeprefix("item ").isdigit():
            top = int(start.removeprefix("item ")) - 1
        else:
            return None
        if not 0 <= top < len(self.decision_tree.items):
            return None
        path: NodePath = (top,)
        for answer in answers:
            node = ops.node_at(self.decision_tree, path)
            index = next(
                (
                    i
                    for i, branch in enumerate(node.branches)
                    if branch.answer == answer and branch.node is not None
                ),
                None,
            )
            if index is None:
                return None
            path = (*path, index)
        return path
