"""What the table, script and edge-case views share: the section's items, the item keys, and
an edit form below the list that applies each keystroke to the section's text.

Enter loads the selected item into the form; each change is written through the renderer at
once (the findings follow); Enter in a one-line field returns to the list; Esc restores the
item as it was when loaded and returns to the list. A section whose text does not parse is
shown as a message pointing at the source view, and no item key changes it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from kt_workbench.errors import InputError
from kt_workbench.structured.hints import EditingHints
from kt_workbench.structured.item_edits import SectionItems, load
from kt_workbench.structured.row_checks import item_problems
from kt_workbench.structured.rows import ITEM_KINDS, ItemKind, locate_item
from kt_workbench.tui.structured.base import StructuredSection
from kt_workbench.tui.structured.item_form import ItemForm

SOURCE_KEY = "F2"
# Actions that change the list: refused while the form is open or the text does not parse.
_LIST_ACTIONS = frozenset(
    {"add_item", "insert_item", "delete_item", "duplicate_item", "move_item", "edit_item"}
)


class ItemsView(StructuredSection):
    """Base of the list-and-form views; subclasses draw the list (``_compose_list``,
    ``_draw_list``, ``cursor``, ``_move_cursor``)."""

    PREFIX: ClassVar[str] = "items"
    DEFAULT_CSS = """
    ItemsView { height: 1fr; overflow-y: auto; }
    ItemsView .items-status { color: $text-muted; height: auto; padding: 0 1; }
    ItemsView .items-status.-error { color: $text-error; }
    ItemsView .items-problems { color: $text-warning; height: auto; padding: 0 1; }
    ItemsView .items-list { height: 1fr; }
    ItemsView.-editing .items-list { height: auto; max-height: 7; }
    ItemsView ItemForm { display: none; }
    ItemsView.-editing ItemForm { display: block; }
    ItemsView.-editing .items-problems { display: none; }
    """

    def __init__(self, field: str, *, id: str | None = None) -> None:
        super().__init__(field, id=id)
        self.kind: ItemKind = ITEM_KINDS[field]
        self.state: SectionItems | None = None
        self.error = ""
        self.editing: int | None = None
        self._loaded: Any = None
        self._pending: tuple[str, EditingHints] | None = None
        self._ready = False  # set once mounted: the list and the form exist

    # --- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", classes="items-status", markup=False, id=f"{self.PREFIX}-status")
        yield self._compose_list()
        yield Static("", classes="items-problems", markup=False, id=f"{self.PREFIX}-problems")
        yield ItemForm(self.kind, self.PREFIX, id=f"{self.PREFIX}-form")

    def _compose_list(self) -> Widget:
        raise NotImplementedError

    def _draw_list(self, cursor: int) -> None:
        raise NotImplementedError

    def _draw_item(self, index: int) -> None:
        """Redraw one item of the list (a keystroke changes only the item being edited)."""
        raise NotImplementedError

    @property
    def cursor(self) -> int:
        raise NotImplementedError

    def _move_cursor(self, index: int) -> None:
        raise NotImplementedError

    def _list(self) -> Widget:
        return self.query_one(".items-list")

    @property
    def form(self) -> ItemForm:
        return self.query_one(ItemForm)

    @property
    def items(self) -> tuple[Any, ...]:
        return self.state.items if self.state is not None else ()

    def problems(self, item: Any) -> dict[str, str]:
        return item_problems(self.field, item, self.hints)

    def item_title(self, index: int, item: Any) -> str:
        first = str(getattr(item, self.kind.fields[0].key))
        return f"{index + 1}. {first}" if first else f"{index + 1}. (untitled)"

    # --- the StructuredSection interface ------------------------------------------------------

    def on_mount(self) -> None:
        self._ready = True
        if self._pending is not None:
            self.show(*self._pending)

    def show(self, text: str, hints: EditingHints) -> None:
        if not self._ready:
            self._pending = (text, hints)
            return
        self._pending = None
        self.hints = hints
        self.form.set_hints(hints)
        if self.state is not None and text == self.state.text:
            # The same text (our own edit coming back): only the hints may have changed.
            self._redraw()
            if self.editing is not None:
                self.form.show_problems(self.problems(self.items[self.editing]))
            return
        try:
            self.state = load(self.field, text)
            self.error = ""
        except InputError as error:
            self.state = None
            self.error = error.problem
            self._close_form()
        if self.editing is not None and self.editing >= len(self.items):
            self._close_form()
        self._redraw()
        if self.editing is not None:
            self._load_form(self.editing)

    def select(self, location: str, message: str = "") -> bool:
        if self.state is None:
            return False
        found = locate_item(self.kind, self.items, location, message)
        if found is None:
            return False
        index, key = found
        if index < 0:
            self._close_form()
            self._list().focus()
            return True
        self._move_cursor(index)
        self._open_form(index)
        self.form.editor(key).focus()
        return True

    # --- drawing ------------------------------------------------------------------------------

    def _redraw(self, cursor: int | None = None) -> None:
        status = self.query_one(f"#{self.PREFIX}-status", Static)
        status.set_class(bool(self.error), "-error")
        if self.error:
            status.update(
                Text(
                    f"This section cannot be shown as items ({self.error}): "
                    f"edit it in the source view ({SOURCE_KEY})."
                )
            )
        elif self.state is not None and self.state.notes:
            status.update(
                Text(f"Text around the items is kept as written: source view ({SOURCE_KEY}).")
            )
        else:
            status.update("")
        status.display = bool(self.error) or self._has_notes()
        self._draw_list(self.cursor if cursor is None else cursor)
        self._show_list_problems()

    def _has_notes(self) -> bool:
        return self.state is not None and self.state.notes > 0

    def _show_list_problems(self) -> None:
        line = self.query_one(f"#{self.PREFIX}-problems", Static)
        items = self.items
        index = self.cursor
        if not items:
            hint = "No entries yet: press a to add one." if self.state is not None else ""
            line.update(Text(hint))
            return
        if not 0 <= index < len(items):
            line.update("")
            return
        problems = self.problems(items[index])
        labels = {field.key: field.label for field in self.kind.fields}
        text = Text()
        for key, message in problems.items():
            if text:
                text.append(" · ")
            text.append(f"{labels[key]}: ", style="bold")
            text.append(message)
        line.update(text if problems else Text("Enter: edit"))

    # --- the form -----------------------------------------------------------------------------

    def _open_form(self, index: int) -> None:
        if not 0 <= index < len(self.items):
            return
        self.editing = index
        self._loaded = self.items[index]
        self.add_class("-editing")
        self._load_form(index)

    def _load_form(self, index: int) -> None:
        item = self.items[index]
        noun = self.kind.field.replace("_", " ")
        self.form.load(f"Editing {noun}: {self.item_title(index, item)}", item)
        self.form.show_problems(self.problems(item))

    def _close_form(self) -> None:
        self.editing = None
        self._loaded = None
        self.remove_class("-editing")

    def _typed(self, key: str, value: str) -> None:
        index = self.editing
        if self.state is None or index is None:
            return
        new = self.state.set_value(index, key, value)
        item = new.items[index] if index < len(new.items) else None
        if new.text != self.state.text:
            self.state = new
            self._draw_item(index)
            self.edited(new.text)
        if item is not None:
            self.form.show_problems(self.problems(item))
        self.form.show_placeholders()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.name and self.editing is not None:
            event.stop()
            # The input's value now, not the event's: a change posted while an earlier item
            # was loaded must not be applied to the item loaded since.
            self._typed(event.input.name, event.input.value)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.name and self.editing is not None:
            event.stop()
            self._typed(event.text_area.name, event.text_area.text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.editing is not None:
            event.stop()
            index = self.editing
            self._close_form()
            self._redraw(index)
            self._list().focus()

    def on_descendant_blur(self) -> None:
        # Focus moving out of the form (Tab past the last field, a click on the list) ends
        # the edit and keeps it; checked once the new focus is known.
        self.call_after_refresh(self._left_form)

    def _left_form(self) -> None:
        focused = self.app.focused
        if self.editing is None or (focused is not None and self.form in focused.ancestors):
            return
        index = self.editing
        self._close_form()
        self._redraw(index)
        if focused is None:
            self._list().focus()

    def action_restore_item(self) -> None:
        """Esc in the form: the item as it was when loaded, and back to the list."""
        index = self.editing
        if self.state is None or index is None:
            return
        restored = self.state.replace_item(index, self._loaded)
        self._close_form()
        if restored.text != self.state.text:
            self.state = restored
            self.edited(restored.text)
        self._redraw(index)
        self._list().focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restore_item":
            return self.editing is not None
        if action in _LIST_ACTIONS:
            return self.editing is None and self.state is not None
        return True

    # --- item keys ----------------------------------------------------------------------------

    def _apply(self, state: SectionItems, cursor: int, *, edit: bool = False) -> None:
        if self.state is None:
            return
        changed = state.text != self.state.text
        self.state = state
        self._redraw(cursor)
        if changed:
            self.edited(state.text)
        if edit:
            self._open_form(cursor)
            self.form.editor(self.kind.fields[0].key).focus()

    def action_add_item(self) -> None:
        if self.state is not None:
            index = self.cursor + 1 if self.items else 0
            self._apply(self.state.insert(index), index, edit=True)

    def action_insert_item(self) -> None:
        if self.state is not None:
            index = max(self.cursor, 0)
            self._apply(self.state.insert(index), index, edit=True)

    def action_delete_item(self) -> None:
        if self.state is not None and self.items:
            index = self.cursor
            what = self.kind.location(index, self.items[index])
            self._apply(self.state.delete(index), min(index, len(self.items) - 2))
            self.deleted(what)

    def action_duplicate_item(self) -> None:
        if self.state is not None and self.items:
            self._apply(self.state.duplicate(self.cursor), self.cursor + 1)

    def action_move_item(self, step: int) -> None:
        if self.state is not None and self.items:
            index = self.cursor
            target = max(0, min(index + step, len(self.items) - 1))
            self._apply(self.state.move(index, step), target)

    def action_edit_item(self) -> None:
        if self.items:
            self._open_form(self.cursor)
            self.form.editor(self.kind.fields[0].key).focus()
