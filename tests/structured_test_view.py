"""A small structured view of the glossary, for testing how the editor hosts views.

It does what every view does, and no more: shows the section's items, posts the section's
new text after each operation, selects the item a finding names, and records what the
editor asked of it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Input, OptionList, Static

from kt_workbench.errors import InputError
from kt_workbench.model import GlossaryEntry, ProcessDocument
from kt_workbench.structured.hints import EditingHints
from kt_workbench.structured.items import delete_item, insert_item, replace_item
from kt_workbench.structured.sections import read_section, section_items, write_section
from kt_workbench.tui.structured.base import ITEM_LIST_BINDINGS, StructuredSection


class GlossaryTestView(StructuredSection):
    BINDINGS: ClassVar[list[BindingType]] = [*ITEM_LIST_BINDINGS]

    def __init__(self, field: str, *, id: str | None = None) -> None:
        super().__init__(field, id=id)
        self.document: ProcessDocument | None = None
        self.shows: list[tuple[str, EditingHints]] = []
        self.selections: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="test-status", markup=False)
        yield OptionList(id="test-items")
        yield Input(id="test-meaning")

    @property
    def items(self) -> OptionList:
        return self.query_one("#test-items", OptionList)

    def entries(self) -> tuple[GlossaryEntry, ...]:
        return section_items(self.document, self.field) if self.document else ()

    def show(self, text: str, hints: EditingHints) -> None:
        self.shows.append((text, hints))
        self.hints = hints
        try:
            self.document = read_section(self.field, text)
        except InputError as error:
            self.document = None
            self.query_one("#test-status", Static).update(f"{error} (F2: source)")
        self.fill()

    def fill(self, highlight: int | None = None) -> None:
        self.items.clear_options()
        self.items.add_options([Text(f"{e.term}: {e.meaning}") for e in self.entries()])
        if self.items.option_count:
            self.items.highlighted = min(highlight or 0, self.items.option_count - 1)

    def select(self, location: str, message: str = "") -> bool:
        self.selections.append((location, message))
        term = location.removeprefix("glossary: ")
        for index, entry in enumerate(self.entries()):
            if location.startswith("glossary: ") and entry.term == term:
                self.items.highlighted = index
                self.items.focus()
                return True
        return False

    def apply(self, document: ProcessDocument, highlight: int) -> None:
        self.document = document
        self.fill(highlight)
        self.edited(write_section(self.field, document))

    def action_add_item(self) -> None:
        if self.document is None:
            return
        at = (self.items.highlighted or 0) + 1 if self.items.option_count else 0
        entry = GlossaryEntry("New term", "What it means.")
        self.apply(insert_item(self.document, self.field, at, entry), at)

    def action_delete_item(self) -> None:
        index = self.items.highlighted
        if self.document is None or index is None:
            return
        self.apply(delete_item(self.document, self.field, index), index)

    def action_edit_item(self) -> None:
        index = self.items.highlighted
        if index is not None and self.document is not None:
            self.query_one("#test-meaning", Input).value = self.entries()[index].meaning
            self.query_one("#test-meaning", Input).focus()

    @on(OptionList.OptionSelected, "#test-items")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit_item()

    @on(Input.Changed, "#test-meaning")
    def _meaning_typed(self, event: Input.Changed) -> None:
        event.stop()
        index = self.items.highlighted
        if self.document is None or index is None:
            return
        entry = self.entries()[index]
        if entry.meaning != event.value:
            changed = replace_item(
                self.document, self.field, index, replace(entry, meaning=event.value)
            )
            self.document = changed
            self.edited(write_section(self.field, changed))
