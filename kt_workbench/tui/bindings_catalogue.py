"""Every class of the workbench that declares key bindings, and those bindings.

The keymap validator, the key reference in the docs and the binding tests read this list, so
a new screen with keys is added here once.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.dom import DOMNode


def binding_owners() -> tuple[type[DOMNode], ...]:
    from kt_workbench.tui.app import KtwApp
    from kt_workbench.tui.screens.confirm import (
        ConfirmScreen,
        RestoreDraftScreen,
        UnsavedChangesScreen,
    )
    from kt_workbench.tui.screens.dashboard_screen import DashboardScreen
    from kt_workbench.tui.screens.editor_screen import EditorScreen
    from kt_workbench.tui.screens.export_screen import ExportScreen
    from kt_workbench.tui.screens.library_screen import LibraryScreen
    from kt_workbench.tui.screens.rehearsal_screen import RehearsalScreen
    from kt_workbench.tui.screens.search_screen import SearchScreen

    return (
        KtwApp,
        LibraryScreen,
        EditorScreen,
        RehearsalScreen,
        SearchScreen,
        DashboardScreen,
        ExportScreen,
        ConfirmScreen,
        UnsavedChangesScreen,
        RestoreDraftScreen,
    )


def own_bindings(owner: type[DOMNode]) -> list[Binding]:
    """The bindings ``owner`` itself declares (not Textual's inherited ones)."""
    return [item for item in owner.__dict__.get("BINDINGS", []) if isinstance(item, Binding)]


def all_bindings() -> list[Binding]:
    return [binding for owner in binding_owners() for binding in own_bindings(owner)]
