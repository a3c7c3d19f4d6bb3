"""What every structured section view shares: it shows a section's text as items and says
when an item operation changed that text."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message

from kt_workbench.structured.hints import EditingHints

UNDO_ID = "editor.undo"


class SectionEdited(Message):
    """A structured view changed its section: ``text`` is the section's new markdown."""

    def __init__(self, field: str, text: str) -> None:
        super().__init__()
        self.field = field
        self.text = text


# The keys every item list answers to, the same in each structured view (ids for keymaps).
ITEM_LIST_BINDINGS: list[BindingType] = [
    Binding("a,insert", "add_item", "Add", id="items.add"),
    Binding("i", "insert_item", "Insert before", show=False, id="items.insert"),
    Binding("delete,d", "delete_item", "Delete", id="items.delete"),
    Binding("c", "duplicate_item", "Duplicate", show=False, id="items.duplicate"),
    Binding("alt+up,shift+up", "move_item(-1)", "Move up", show=False, id="items.move_up"),
    Binding("alt+down,shift+down", "move_item(1)", "Move down", show=False, id="items.move_down"),
    Binding("enter", "edit_item", "Edit", show=False, id="items.edit"),
]


class StructuredSection(Vertical):
    """Base of the structured views. Subclasses set ``FIELD`` (or ``FIELDS``) and implement
    ``show`` and ``select``; after each item operation they call ``edited(text)``."""

    FIELDS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, field: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.field = field
        self.hints = EditingHints()

    def show(self, text: str, hints: EditingHints) -> None:
        """Show the section text as items (called on load, on undo/redo, after source edits)."""
        raise NotImplementedError

    def select(self, location: str, message: str = "") -> bool:
        """Focus the item and field a finding's location names; False when none matches."""
        raise NotImplementedError

    def use_hints(self, hints: EditingHints) -> None:
        """New suggestions while the view is shown (the process or the library changed); a
        view that shows hints in place overrides this to refresh them."""
        self.hints = hints

    def edited(self, text: str) -> None:
        self.post_message(SectionEdited(self.field, text))

    def deleted(self, what: str) -> None:
        """Say what a delete removed and how to get it back: deleting asks nothing (undo is
        one key away), so the user is told that key."""
        self.notify(f"Deleted {what} — {self.undo_key()} to undo.", timeout=5, markup=False)

    def undo_key(self) -> str:
        """The key that undoes, as the Footer would show it (a keymap may have changed it)."""
        for bindings in self.screen._bindings.key_to_bindings.values():
            for binding in bindings:
                if binding.id == UNDO_ID:
                    return _key_name(binding.key)
        return "Ctrl+Z"


def _key_name(keys: str) -> str:
    """``ctrl+z`` (the first of ``ctrl+z,ctrl+y``) as people write it: ``Ctrl+Z``."""
    return "+".join(
        part.upper() if len(part) == 1 else part.capitalize()
        for part in keys.split(",")[0].split("+")
    )
