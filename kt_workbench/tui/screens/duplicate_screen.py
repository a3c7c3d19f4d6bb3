"""Start a new process as a copy of an existing one: a new title and id asked for first.

The copy opens in the editor as a new, unsaved process (a draft once typing pauses); nothing
is stored until it is saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from kt_workbench.editing import fields_from_document
from kt_workbench.model.identifiers import is_valid_id, title_slug
from kt_workbench.structured.templates import duplicate_document

if TYPE_CHECKING:
    from kt_workbench.tui.app import KtwApp


def copy_problem(title: str, process_id: str, taken: set[str]) -> str | None:
    """What is wrong with the new title and id (blank: made from the title), or None."""
    if not title.strip():
        return "Give the copy a title."
    wanted = process_id.strip() or title_slug(title.strip())
    if not wanted:
        return "The title gives no id: type an id (lowercase letters, digits, hyphens)."
    if not is_valid_id(wanted):
        return f"'{wanted}' is not an id: use lowercase letters, digits and hyphens."
    if wanted in taken:
        return f"Another process already uses the id '{wanted}': choose another."
    return None


class DuplicateScreen(ModalScreen[tuple[str, str] | None]):
    """Ask the copy's title and id; dismisses with them, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="duplicate.cancel"),
    ]

    def __init__(self, source_title: str, taken: set[str]) -> None:
        super().__init__()
        self.source_title = source_title
        self.taken = taken

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                f"Duplicate '{self.source_title}' as a new process",
                classes="question",
                markup=False,
            )
            yield Label("Title of the copy", classes="field-label")
            yield Input(f"{self.source_title} (copy)", id="copy-title")
            yield Label("Id (blank: from the title)", classes="field-label")
            yield Input("", id="copy-id")
            yield Static("", id="copy-problem", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Duplicate", variant="primary", id="copy")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#copy-title", Input).focus()

    def on_input_submitted(self) -> None:
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "copy":
            self.submit()
        else:
            self.dismiss(None)

    def submit(self) -> None:
        title = self.query_one("#copy-title", Input).value
        process_id = self.query_one("#copy-id", Input).value
        problem = copy_problem(title, process_id, self.taken)
        if problem is not None:
            self.query_one("#copy-problem", Static).update(Text(problem))
            return
        self.dismiss((title.strip(), process_id.strip()))


def duplicate_process(app: KtwApp, process_id: str) -> None:
    """Ask for the copy's title and id, then open the copy in the editor."""
    titles = app.library.titles()
    source = next((title for pid, title, _ in titles if pid == process_id), None)
    if source is None:
        return

    def decided(answer: tuple[str, str] | None) -> None:
        if answer is not None:
            app.run_worker(
                lambda: _open_copy(app, process_id, *answer),
                thread=True,
                exit_on_error=False,
                group="duplicate",
            )

    app.push_screen(DuplicateScreen(source, {pid for pid, _, _ in titles}), decided)


def _open_copy(app: KtwApp, process_id: str, title: str, new_id: str) -> None:
    from kt_workbench.tui.screens.editor_screen import EditorScreen

    found = app.library.document_with_version(process_id)
    if found is None:
        app.call_from_thread(app.notify, f"No process with id '{process_id}'.", severity="error")
        return
    fields = fields_from_document(duplicate_document(found[0], title, new_id or "copy"))
    fields["id"] = new_id  # blank: made from the title when saved
    app.call_from_thread(app.push_screen, EditorScreen(None, fields))
