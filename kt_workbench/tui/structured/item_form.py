"""The edit form of one row, script or edge case: a labelled input per field, each with the
problem found in it written beside it."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

from kt_workbench.structured.hints import EditingHints
from kt_workbench.structured.placeholders import placeholder_uses
from kt_workbench.structured.rows import ItemKind
from kt_workbench.tui.structured.placeholder_area import PlaceholderArea


class CellInput(Input):
    """A one-line field: pasted text with line breaks is joined with spaces, not cut to its
    first line, as the file will read the value back (``rows.clean_line``)."""

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # Input's own handler would insert the first line again
        if event.text:
            joined = " ".join(part.strip() for part in event.text.splitlines() if part.strip())
            if self.selection.is_empty:
                self.insert_text_at_cursor(joined)
            else:
                self.replace(joined, *self.selection)
        event.stop()


class ItemForm(Vertical):
    """Fields of one item of ``kind``; ids are ``<prefix>-field-<key>``."""

    DEFAULT_CSS = """
    ItemForm { height: auto; padding: 0 1; border-top: solid $primary-background; }
    ItemForm .form-row { height: auto; }
    ItemForm .form-label { width: 16; padding-right: 1; color: $text-muted; }
    ItemForm Input { width: 1fr; }
    ItemForm TextArea { width: 1fr; height: auto; min-height: 4; max-height: 10; }
    ItemForm .form-problem { color: $text-warning; padding-left: 16; height: auto; }
    ItemForm .form-problem.-empty { display: none; }
    ItemForm .form-placeholders { padding-left: 16; height: auto; color: $text-muted; }
    ItemForm .form-title { text-style: bold; }
    """

    def __init__(self, kind: ItemKind, prefix: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind = kind
        self.prefix = prefix
        self.glossary_terms: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static("", classes="form-title", markup=False, id=f"{self.prefix}-form-title")
        for field in self.kind.fields:
            with Horizontal(classes="form-row"):
                yield Label(Text(field.label), classes="form-label")
                editor: Widget
                if field.multiline:
                    editor = PlaceholderArea(
                        "", id=self.field_id(field.key), name=field.key, soft_wrap=True
                    )
                else:
                    editor = CellInput(
                        id=self.field_id(field.key),
                        name=field.key,
                        compact=True,
                        select_on_focus=False,
                    )
                yield editor
            problem = Static("", classes="form-problem -empty", markup=False)
            problem.id = f"{self.prefix}-problem-{field.key}"
            yield problem
            if field.key == "body":
                yield Static("", classes="form-placeholders", id=f"{self.prefix}-placeholders")

    def field_id(self, key: str) -> str:
        return f"{self.prefix}-field-{key}"

    def editor(self, key: str) -> Widget:
        return self.query_one(f"#{self.field_id(key)}")

    def load(self, title: str, item: Any) -> None:
        """Put ``item``'s values in the fields (their change events apply nothing new)."""
        self.query_one(f"#{self.prefix}-form-title", Static).update(Text(title))
        for field in self.kind.fields:
            value = str(getattr(item, field.key))
            editor = self.editor(field.key)
            if isinstance(editor, TextArea):
                if editor.text != value:
                    editor.load_text(value)
            elif isinstance(editor, Input) and editor.value != value:
                editor.value = value
                editor.cursor_position = len(value)
        self.show_placeholders()

    def set_hints(self, hints: EditingHints) -> None:
        self.glossary_terms = hints.glossary_terms
        for field in self.kind.fields:
            if field.suggest:
                editor = self.editor(field.key)
                values: tuple[str, ...] = getattr(hints, field.suggest)
                if isinstance(editor, Input):
                    editor.suggester = (
                        SuggestFromList(values, case_sensitive=False) if values else None
                    )
        self.show_placeholders()

    def show_problems(self, problems: dict[str, str]) -> None:
        for field in self.kind.fields:
            label = self.query_one(f"#{self.prefix}-problem-{field.key}", Static)
            message = problems.get(field.key, "")
            label.update(Text(f"⚠ {message}") if message else "")
            label.set_class(not message, "-empty")

    def show_placeholders(self) -> None:
        """Under a script's body: each placeholder and whether the glossary explains it."""
        found = self.query(f"#{self.prefix}-placeholders")
        if not found:
            return
        area = self.editor("body")
        text = area.text if isinstance(area, TextArea) else ""
        uses = placeholder_uses(text, self.glossary_terms)
        line = Text()
        if uses:
            line.append("Placeholders: ")
        for number, use in enumerate(uses):
            if number:
                line.append(" · ")
            line.append("{" + use.name + "}", style="bold")
            line.append(" in the glossary" if use.explained else " not in the glossary")
        found.first(Static).update(line)

    def value(self, key: str) -> str:
        editor = self.editor(key)
        if isinstance(editor, TextArea):
            return editor.text
        return editor.value if isinstance(editor, Input) else ""
