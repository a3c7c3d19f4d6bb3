"""The workbench at 80x24 and 60x20: the editor keeps a usable text area, dialogs fit.

Snapshots (review the SVGs after ``--snapshot-update``) plus plain assertions on sizes, so a
layout that squeezes the text away fails even when someone accepts new snapshots.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TabbedContent, TextArea

from kt_workbench.tui.app import KtwApp
from kt_workbench.tui.screens.confirm import RestoreDraftScreen
from kt_workbench.tui.screens.editor_screen import EditorScreen
from kt_workbench.tui.structured.registry import STRUCTURED_VIEWS
from tests.tui_support import make_app, settle

SnapCompare = Callable[..., bool]
SIZES = [(80, 24), (60, 20)]


def snapshot_at(
    snap_compare: SnapCompare,
    folder: Path,
    size: tuple[int, int],
    steps: Callable[[KtwApp, Pilot[Any]], Awaitable[None]],
) -> bool:
    app = make_app(folder)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await steps(app, pilot)
        await settle(pilot)
        for widget in app.screen.query("Input, TextArea"):
            widget.cursor_blink = False  # type: ignore[attr-defined]
        await pilot.pause()

    try:
        return snap_compare(app, terminal_size=size, run_before=run_before)
    finally:
        app.library.store.close()


async def open_tree_tab(app: KtwApp, pilot: Pilot[Any]) -> None:
    app.open_editor("refund-duplicate-charge")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, EditorScreen)
    screen.activate_tab("tab-decision_tree")
    await settle(pilot)
    # The tree as a tree where its view is registered, else its source: either must be usable.
    view = STRUCTURED_VIEWS.get("decision_tree")
    shown = list(screen.query(view)) if view is not None else []
    area = shown[0] if shown else screen.query_one("#t-decision_tree", TextArea)
    width, height = app.size
    # Usable: most of the width, and several lines, with the findings panel out of the way.
    assert area.size.width >= width - 8, area.size
    assert area.size.height >= (5 if height < 24 else 7), area.size
    assert screen.query_one(TabbedContent).active == "tab-decision_tree"


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_editor_tree_tab(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snapshot_at(snap_compare, tmp_path, size, open_tree_tab)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_editor_with_findings(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    async def with_findings(app: KtwApp, pilot: Pilot[Any]) -> None:
        app.open_editor("account-recovery")
        await settle(pilot)
        await pilot.press("ctrl+f")

    assert snapshot_at(snap_compare, tmp_path, size, with_findings)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_dashboard(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    async def dashboard(app: KtwApp, pilot: Pilot[Any]) -> None:
        app.action_dashboard()

    assert snapshot_at(snap_compare, tmp_path, size, dashboard)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_restore_dialog(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    async def restore(app: KtwApp, pilot: Pilot[Any]) -> None:
        app.push_screen(RestoreDraftScreen("'Register a warranty claim'", "2026-11-23 10:00"))
        await settle(pilot)
        question = app.screen.query_one(".question")
        assert "keeps the draft for later." in str(question.render())
        assert question.size.height >= (3 if size[0] < 80 else 2)

    assert snapshot_at(snap_compare, tmp_path, size, restore)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_export_dialog(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    async def export(app: KtwApp, pilot: Pilot[Any]) -> None:
        app.action_export()
        await settle(pilot)
        app.screen.query_one("#export-path").value = "/srv/packs/handover-pack"  # type: ignore[attr-defined]

    assert snapshot_at(snap_compare, tmp_path, size, export)
