"""The Procedure tab's structured view: the keys that add, insert, delete, duplicate, move,
edit and restore steps, on the list and form ``StepsSection`` shows.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.widgets import OptionList

from kt_workbench.model import ProcessDocument, Step
from kt_workbench.structured import items
from kt_workbench.tui.structured.base import ITEM_LIST_BINDINGS
from kt_workbench.tui.structured.steps_section import (
    FIELD,
    ITEM_ACTIONS,
    SOURCE_HINT,
    StepsSection,
)


class StepsView(StepsSection):
    """The Procedure tab's structured view."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *ITEM_LIST_BINDINGS,
        Binding("escape", "restore", "Restore the step", id="steps.restore"),
    ]

    @on(OptionList.OptionSelected, "#steps-list")
    def _step_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit_item()

    # --- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restore":
            return self._in_form()
        if action in ITEM_ACTIONS:
            return not self._in_form()
        return True

    def _editable(self) -> ProcessDocument | None:
        if self.document is None or self.problem:
            self.notify(self.problem or SOURCE_HINT, severity="warning")
            return None
        return self.document

    def _add(self, index: int, *, before_notes: bool) -> None:
        document = self._editable()
        if document is None:
            return
        if not document.steps:
            document = replace(document, layout=self.step_layout)
        changed = items.insert_item(document, FIELD, index, Step(""), before_notes=before_notes)
        self._apply(changed, index)
        self._focus_field("text")

    def action_add_item(self) -> None:
        if self.current is None:
            steps = len(self.document.steps) if self.document is not None else 0
            self._add(steps, before_notes=False)
        else:
            self._add(self.current + 1, before_notes=True)

    def action_insert_item(self) -> None:
        self._add(self.current or 0, before_notes=False)

    def action_delete_item(self) -> None:
        document = self._editable()
        if document is not None and self.current is not None:
            index = self.current
            self._apply(items.delete_item(document, FIELD, index), index)
            self.deleted(f"step {index + 1}")

    def action_duplicate_item(self) -> None:
        document = self._editable()
        if document is not None and self.current is not None:
            self._apply(items.duplicate_item(document, FIELD, self.current), self.current + 1)

    def action_move_item(self, step: int) -> None:
        document = self._editable()
        if document is None or self.current is None:
            return
        moved = items.move_item(document, FIELD, self.current, step)
        if moved is not document:
            self._apply(moved, self.current + step)

    def action_edit_item(self) -> None:
        if self.current is not None and not self.problem:
            self.loaded = self.document.steps[self.current] if self.document else None
            self._focus_field("text")

    def action_restore(self) -> None:
        self._cancel_typing()  # what was typed is undone, not written first
        document = self.document
        if document is not None and self.current is not None and self.loaded is not None:
            index = self.current
            if document.steps[index] != self.loaded:
                self._apply(items.replace_item(document, FIELD, index, self.loaded), index)
            else:
                self._load_form(index)
        self.query_one("#steps-list", OptionList).focus()
