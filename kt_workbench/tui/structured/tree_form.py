"""The edit form under the decision tree: the selected line's answer, key and text.

The answer and the text apply as typed; a key applies when Enter is pressed or the field is
left, because every goto follows a renamed key and a half-typed key could catch a jump that
was meant for another node. What a field cannot hold is said next to it.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, Static

from kt_workbench.structured import tree_edit as ops
from kt_workbench.structured.tree_places import Line, Place

FIELDS = ("answer", "key", "text")
_CLEAN = {"answer": ops.clean_text, "key": ops.clean_text, "text": ops.clean_text}


class TreeForm(Vertical):
    """One row per field of the selected line; rows that do not apply are hidden."""

    DEFAULT_CSS = """
    TreeForm { height: auto; padding: 0 1; }
    TreeForm .tree-row { height: 1; }
    TreeForm .tree-row Label { width: 9; color: $text-muted; }
    TreeForm .tree-row Input { height: 1; border: none; padding: 0 1; width: 1fr; }
    TreeForm .tree-row Input:focus { background: $boost; }
    TreeForm #tree-jump { height: 1; color: $text-muted; }
    TreeForm #tree-form-problem { height: auto; color: $error; }
    """

    class Changed(Message):
        """``field`` of the selected line now reads ``value`` (as typed, not yet cleaned)."""

        def __init__(self, field: str, value: str, place: Place | None) -> None:
            super().__init__()
            self.field = field
            self.value = value
            self.place = place

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._problems: dict[str, str] = {}
        self.place: Place | None = None
        # Values each field announced and the tree has not shown back yet, oldest first.
        self._announced: dict[str, list[str]] = {}

    def compose(self) -> ComposeResult:
        for field, title in (("answer", "Answer"), ("key", "Key"), ("text", "Text")):
            with Horizontal(classes="tree-row", id=f"tree-row-{field}"):
                yield Label(title)
                yield Input(id=f"tree-{field}", select_on_focus=False)
        yield Static("", id="tree-jump")
        yield Static("", id="tree-form-problem")

    def input(self, field: str) -> Input:
        return self.query_one(f"#tree-{field}", Input)

    def load(self, line: Line | None) -> None:
        """Show ``line``'s fields. A field being typed in keeps what was typed when it says
        the same as the tree (spaces being typed at its end, for one), and when the tree
        shows back a value it announced earlier: keys typed since are already in the field,
        and putting the older value back would lose them."""
        place = line.place if line else None
        if place != self.place:
            self._announced = {}
        self.place = place
        branch = line.branch if line else None
        node = line.node if line else None
        values = {
            "answer": branch.answer if branch is not None else None,
            "key": node.key if node is not None else None,
            "text": node.text if node is not None else None,
        }
        for field, value in values.items():
            self.query_one(f"#tree-row-{field}").display = value is not None
            widget = self.input(field)
            if value is None:
                continue
            if widget.has_focus and _CLEAN[field](widget.value) == value:
                self._announced.pop(field, None)  # the tree has caught up: all settled
                continue
            if widget.has_focus and self._echoed(field, value):
                continue
            if widget.value != value:
                with widget.prevent(Input.Changed):
                    widget.value = value
                    widget.cursor_position = len(value)
        jump = self.query_one("#tree-jump", Static)
        jump.display = branch is not None and node is None
        if branch is not None and node is None:
            if branch.goto is not None:
                target = (f"[{branch.goto}]", "bold")
                _update(jump, Text.assemble("Jumps to ", target, "  (g: another)"))
            else:
                _update(jump, Text("Leads nowhere yet: q question, o outcome, g goto"))
        self._problems = {}
        self._show_problems()

    def _echoed(self, field: str, value: str) -> bool:
        """Whether ``value`` is one this field announced (the tree catching up with typing);
        it and the ones before it are then settled."""
        announced = self._announced.get(field, [])
        for index, sent in enumerate(announced):
            if _CLEAN[field](sent) == value:
                del announced[: index + 1]
                return True
        return False

    def problem(self, field: str, message: str) -> None:
        if message:
            self._problems[field] = message
        else:
            self._problems.pop(field, None)
        self._show_problems()

    def problems(self) -> list[str]:
        return list(self._problems.values())

    def _show_problems(self) -> None:
        problems = Text("\n".join(self._problems.values()))
        _update(self.query_one("#tree-form-problem", Static), problems)

    def focus_first(self) -> None:
        for field in FIELDS:
            if self.query_one(f"#tree-row-{field}").display:
                self.input(field).focus()
                return

    def focus_field(self, field: str) -> None:
        if self.query_one(f"#tree-row-{field}").display:
            self.input(field).focus()
        else:
            self.focus_first()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        field = (event.input.id or "").removeprefix("tree-")
        # A value since replaced (by the next keystroke, or by loading another line) is
        # stale: applying it could write one line's text into another.
        if field in ("answer", "text") and event.value == event.input.value:
            self._announced.setdefault(field, []).append(event.value)
            self.post_message(self.Changed(field, event.value, self.place))

    class Done(Message):
        """Enter in a field: the edits stand, back to the tree."""

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "tree-key":
            self.post_message(self.Changed("key", event.value, self.place))
        self.post_message(self.Done())

    def on_input_blurred(self, event: Input.Blurred) -> None:
        if event.input.id == "tree-key":
            self.post_message(self.Changed("key", event.input.value, self.place))


def _update(static: Static, text: Text) -> None:
    """Update only on change: an update lays the form out again, at every keystroke."""
    if static.content != text:
        static.update(text)
