"""Modal questions: confirm a destructive action, decide about unsaved changes, restore a draft.

The questions quote process titles, which are user text: every label is ``markup=False``.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label


class ConfirmScreen(ModalScreen[bool]):
    """Ask a yes/no question; dismisses with True only for an explicit yes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(False)", "Cancel", id="confirm.cancel"),
        Binding("y", "dismiss(True)", "Yes", id="confirm.yes"),
    ]

    def __init__(self, question: str, confirm_label: str = "Delete") -> None:
        super().__init__()
        self.question = question
        self.confirm_label = confirm_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="question", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.confirm_label, variant="error", id="yes")
                yield Button("Cancel", variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class UnsavedChangesScreen(ModalScreen[str]):
    """Leaving an editor with changes: dismisses with "save", "discard" or "cancel"."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss('cancel')", "Keep editing", id="unsaved.cancel")
    ]

    def __init__(self, title: str, leaving: str = "closing") -> None:
        super().__init__()
        self.process_title = title
        self.leaving = leaving

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                f"'{self.process_title}' has unsaved changes. Save them before {self.leaving}?",
                classes="question",
                markup=False,
            )
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="success", id="save")
                yield Button("Discard", variant="error", id="discard")
                yield Button("Cancel", variant="primary", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")


class RestoreDraftScreen(ModalScreen[str]):
    """An autosaved draft was found: dismisses with "restore", "keep" or "delete".

    Restoring is the focused, primary answer; Esc keeps the draft on disk for later, and
    deleting it is a separate, explicit choice.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss('keep')", "Keep the draft for later", id="restore.keep"),
        Binding("r", "dismiss('restore')", "Restore", show=False, id="restore.restore"),
    ]

    def __init__(self, what: str, when: str) -> None:
        super().__init__()
        self.what = what
        self.when = when

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog restore-dialog"):
            yield Label(
                f"Unsaved changes to {self.what} from {self.when} were kept as a draft. "
                "Restore them? 'Not now' (or Esc) keeps the draft for later.",
                classes="question",
                markup=False,
            )
            with Horizontal(classes="buttons"):
                yield Button("Restore", variant="primary", id="restore")
                yield Button("Not now", id="keep")
                yield Button("Delete draft", variant="error", id="delete")

    def on_mount(self) -> None:
        self.query_one("#restore", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "keep")
