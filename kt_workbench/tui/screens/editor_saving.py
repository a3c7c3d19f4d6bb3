"""What the editor does with its fields as a whole: save, close with the guard, rehearse.

The base of ``EditorScreen``: it holds the fields and the state saving needs, so the screen
itself can be about editing them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual import work
from textual.screen import Screen

from kt_workbench.checker import ProcessReport
from kt_workbench.cut_text import cell_len
from kt_workbench.display import clip_middle
from kt_workbench.editing import EditorFields, document_from_fields
from kt_workbench.errors import KtwError
from kt_workbench.model import ProcessDocument
from kt_workbench.tui.screens.confirm import UnsavedChangesScreen
from kt_workbench.tui.screens.editor_sections import FIELD_LABELS

if TYPE_CHECKING:
    from kt_workbench.tui.app import KtwApp

# The header's icon and clock space either side of its title, and a cell of air.
HEADER_MARGINS = 2 * 10 + 1
MIN_TITLE = 12


class EditorSaving(Screen[None]):
    original: ProcessDocument | None
    saved_fields: EditorFields
    fields: EditorFields
    draft_key: str
    document: ProcessDocument | None
    report: ProcessReport | None
    error: str | None
    problems: dict[str, str]
    base_version: int | None

    @property
    def workbench(self) -> KtwApp:
        return cast("KtwApp", self.app)

    @property
    def dirty(self) -> bool:
        return self.fields != self.saved_fields

    def refresh_title(self) -> None:
        """The header: the title (cut in the middle when the line is short, so the state
        and score after it stay in view), an unsaved mark, the state and the score; on a
        narrow terminal the state in one word."""
        name = self.fields.get("title") or "New process"
        mark = " •" if self.dirty else ""
        if self.original is None and not self.dirty:
            states = ("new, not saved yet", "new")
        elif self.original is None or self.dirty:
            states = ("unsaved changes", "unsaved")
        else:
            states = ("saved", "saved")
        score = "" if self.report is None else f" · {self.report.score} {self.report.readiness}"
        for state in states:
            room = self.app.size.width - HEADER_MARGINS - cell_len(f"{mark} — {state}{score}")
            if room >= MIN_TITLE:
                break
        self.title = clip_middle(name, max(room, MIN_TITLE)) + mark
        self.sub_title = state + score

    def action_save(self) -> None:
        if not self.dirty and self.original is not None:
            self.notify("No changes to save.", timeout=3)
            return
        self.save_document(close_after=False)

    def save_problem(self) -> str | None:
        """Why the fields cannot be saved as they are, or None."""
        if self.problems:
            key, message = next(iter(self.problems.items()))
            return f"{FIELD_LABELS.get(key, key)} {message}."
        if self.error is not None:
            return self.error
        try:
            document_from_fields(self.fields)
        except KtwError as error:
            return str(error)
        return None

    def save_document(self, close_after: bool, then: Callable[[], None] | None = None) -> None:
        """Save in a worker; ``then`` runs after a successful save."""
        problem = self.save_problem()
        if problem is not None:
            self.notify(problem, title="Not saved", severity="error")
            return
        self.store_document(document_from_fields(self.fields), dict(self.fields), close_after, then)

    @work(thread=True, exclusive=True, exit_on_error=False, group="editor-save")
    def store_document(
        self,
        document: ProcessDocument,
        fields: EditorFields,
        close_after: bool,
        then: Callable[[], None] | None = None,
    ) -> None:
        library = self.workbench.library
        previous = self.original.id if self.original else None
        if document.id != previous and library.store.get(document.id) is not None:
            self.app.call_from_thread(
                self.notify,
                f"Another process already uses the id '{document.id}'; change the title or id.",
                title="Not saved",
                severity="error",
            )
            return
        try:
            version = library.save(document, replacing=previous, expected_version=self.base_version)
        except KtwError as error:
            self.app.call_from_thread(self.notify, str(error), title="Not saved", severity="error")
            return
        self.workbench.drafts.discard(self.draft_key)
        self.app.call_from_thread(self.saved, document, fields, close_after, version, then)

    def saved(
        self,
        document: ProcessDocument,
        fields: EditorFields,
        close_after: bool,
        version: int,
        then: Callable[[], None] | None = None,
    ) -> None:
        self.original = document
        self.base_version = version
        self.draft_key = document.id
        self.saved_fields = fields
        self.refresh_title()
        self.notify(f"Saved '{document.title}'.")
        if close_after:
            self.dismiss()
        if then is not None:
            then()

    def discard_draft(self) -> None:
        self.workbench.drafts.discard(self.draft_key)

    def action_close(self) -> None:
        if not self.dirty:
            self.discard_draft()
            self.dismiss()
            return

        def decide(choice: str | None) -> None:
            if choice == "save":
                self.save_document(close_after=True)
            elif choice == "discard":
                self.discard_draft()
                self.dismiss()

        self.app.push_screen(
            UnsavedChangesScreen(self.fields.get("title") or "New process"), decide
        )

    def action_rehearse(self) -> None:
        if self.document is None or not self.document.decision_tree:
            self.notify("There is no decision tree to rehearse yet.", severity="warning")
            return
        from kt_workbench.tui.screens.rehearsal_screen import RehearsalScreen

        self.app.push_screen(RehearsalScreen(self.document.decision_tree, self.document.title))
