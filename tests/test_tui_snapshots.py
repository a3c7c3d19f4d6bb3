"""How the main screens look, on the samples judged on a fixed day.

Each snapshot waits for the workers first, so what is drawn never depends on timing.
Regenerate with ``pytest tests/test_tui_snapshots.py --snapshot-update`` and review the SVGs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from kt_workbench.tui.app import KtwApp
from kt_workbench.tui.screens.search_screen import SEARCH_DELAY
from tests.tui_support import SIZE, make_app, settle

SnapCompare = Callable[..., bool]


def snapshot_of(
    snap_compare: SnapCompare,
    folder: Path,
    steps: Callable[[KtwApp, Pilot[Any]], Awaitable[None]] | None = None,
) -> bool:
    app = make_app(folder)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        if steps is not None:
            await steps(app, pilot)
            await settle(pilot)
        # The cursor blinks on a timer; a still one draws the same every time.
        for widget in app.screen.query("Input, TextArea"):
            widget.cursor_blink = False  # type: ignore[attr-defined]
        await pilot.pause()

    try:
        return snap_compare(app, terminal_size=SIZE, run_before=run_before)
    finally:
        app.library.store.close()


def test_library_screen(snap_compare: SnapCompare, tmp_path: Path) -> None:
    assert snapshot_of(snap_compare, tmp_path)


def test_editor_screen(snap_compare: SnapCompare, tmp_path: Path) -> None:
    async def open_editor(app: KtwApp, pilot: Pilot[Any]) -> None:
        app.open_editor("pause-subscription")

    assert snapshot_of(snap_compare, tmp_path, open_editor)


def test_dashboard_screen(snap_compare: SnapCompare, tmp_path: Path) -> None:
    async def open_dashboard(app: KtwApp, pilot: Pilot[Any]) -> None:
        await pilot.press("f3")

    assert snapshot_of(snap_compare, tmp_path, open_dashboard)


def test_search_with_results(snap_compare: SnapCompare, tmp_path: Path) -> None:
    async def search(app: KtwApp, pilot: Pilot[Any]) -> None:
        await pilot.press("f2", *"refund dupl")
        await settle(pilot, SEARCH_DELAY + 0.1)

    assert snapshot_of(snap_compare, tmp_path, search)


def test_rehearsal_screen(snap_compare: SnapCompare, tmp_path: Path) -> None:
    async def rehearse(app: KtwApp, pilot: Pilot[Any]) -> None:
        app.open_editor("refund-duplicate-charge")
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("1", "2")

    assert snapshot_of(snap_compare, tmp_path, rehearse)
