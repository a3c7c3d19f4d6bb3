"""Quitting never drops unsaved work silently: each editor with changes is asked about.

The questions are chained through dialog callbacks rather than awaited in a worker, so
nothing waits in the background while a dialog is open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kt_workbench.tui.screens.confirm import UnsavedChangesScreen
from kt_workbench.tui.screens.editor_screen import EditorScreen

if TYPE_CHECKING:
    from kt_workbench.tui.app import KtwApp


def settle_unsaved_editors(app: KtwApp, then: Callable[[], None]) -> None:
    """Ask Save / Discard / Cancel for every open editor with unsaved changes, newest first.

    ``then`` runs once every one was saved or discarded. Cancel, or a save that is refused
    (the editor says why), stops there: the workbench stays open with the work intact.
    """
    editors = [screen for screen in reversed(app.screen_stack) if isinstance(screen, EditorScreen)]
    unsaved = [editor for editor in editors if editor.dirty]

    def ask(index: int) -> None:
        if index >= len(unsaved):
            then()
            return
        editor = unsaved[index]

        def decided(choice: str | None) -> None:
            if choice == "discard":
                editor.discard_draft()
                ask(index + 1)
            elif choice == "save":
                editor.save_document(close_after=False, then=lambda: ask(index + 1))

        title = editor.fields.get("title") or "New process"
        app.push_screen(UnsavedChangesScreen(title, leaving="quitting"), decided)

    ask(0)
