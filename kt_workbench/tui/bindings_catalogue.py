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
    from kt_workbench.tui.screens.duplicate_screen import DuplicateScreen
    from kt_workbench.tui.screens.editor_screen import EditorScreen
    from kt_workbench.tui.screens.export_screen import ExportScreen
    from kt_workbench.tui.screens.governance_screen import GovernanceScreen
    from kt_workbench.tui.screens.library_screen import LibraryScreen
    from kt_workbench.tui.screens.rehearsal_screen import RehearsalScreen
    from kt_workbench.tui.screens.search_screen import SearchScreen

    return (
        KtwApp,
        LibraryScreen,
        EditorScreen,
        *structured_view_owners(),
        RehearsalScreen,
        SearchScreen,
        DashboardScreen,
        GovernanceScreen,
        ExportScreen,
        ConfirmScreen,
        UnsavedChangesScreen,
        RestoreDraftScreen,
        DuplicateScreen,
    )


def structured_view_owners() -> tuple[type[DOMNode], ...]:
    """The item-list keys every view shares (under the base class), then each registered
    view, once (one class may serve several sections)."""
    from kt_workbench.tui.structured.base import StructuredSection
    from kt_workbench.tui.structured.registry import STRUCTURED_VIEWS

    views = tuple(dict.fromkeys(STRUCTURED_VIEWS.values()))
    return (StructuredSection, *views)


def own_bindings(owner: type[DOMNode]) -> list[Binding]:
    """The bindings ``owner`` itself declares (not Textual's inherited ones). The item-list
    keys that every structured view includes are listed once, as the base class's."""
    from kt_workbench.tui.structured.base import ITEM_LIST_BINDINGS, StructuredSection

    shared = [item for item in ITEM_LIST_BINDINGS if isinstance(item, Binding)]
    if owner is StructuredSection:
        return shared
    declared = owner.__dict__.get("BINDINGS", [])
    if issubclass(owner, StructuredSection):
        declared = [item for item in declared if item not in shared]
    return [item for item in declared if isinstance(item, Binding)]


def all_bindings() -> list[Binding]:
    return [binding for owner in binding_owners() for binding in own_bindings(owner)]


def _where(owner: type[DOMNode]) -> str:
    name = owner.__name__
    if name == "StructuredSection":
        return "Item lists"
    return "Everywhere" if name == "KtwApp" else name.removesuffix("Screen")


def key_reference() -> str:
    """The 'Every key' table of docs/workbench.md, generated from the bindings themselves."""
    rows = ["| Where | Id | Keys | What |", "| --- | --- | --- | --- |"]
    for owner in binding_owners():
        for binding in own_bindings(owner):
            keys = ", ".join(f"`{key.strip()}`" for key in binding.key.split(","))
            rows.append(f"| {_where(owner)} | `{binding.id}` | {keys} | {binding.description} |")
    return "\n".join(rows) + "\n"


_SECTION = "## Every key\n\n"


def with_key_reference(document: str) -> str:
    """``document`` (docs/workbench.md) with the 'Every key' section, which holds only the
    table, replaced by the generated table."""
    start = document.index(_SECTION) + len(_SECTION)
    end = document.index("\n## ", start)
    return document[:start] + key_reference() + document[end:]


if __name__ == "__main__":  # python -m kt_workbench.tui.bindings_catalogue docs/workbench.md
    import sys
    from pathlib import Path

    target = Path(sys.argv[1])
    target.write_text(with_key_reference(target.read_text("utf-8")), encoding="utf-8")
