"""Every editor tab at 120x40 and 80x24, as items where a structured view is registered for
it and as source otherwise, on a sample that fills every section.

Regenerate with ``pytest tests/test_tui_editor_snapshots.py --snapshot-update`` after a view
is added or changed, and review the SVGs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from kt_workbench.tui.screens.editor_screen import EditorScreen
from kt_workbench.tui.screens.editor_sections import TAB_ORDER
from kt_workbench.tui.structured import registry
from kt_workbench.tui.widgets.section_editor import SectionEditor
from tests.tui_support import make_app, settle

SnapCompare = Callable[..., bool]
SIZES = [(120, 40), (80, 24)]
SAMPLE = "refund-duplicate-charge"


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("tab", [tab_id for tab_id, _ in TAB_ORDER])
def test_editor_tab(
    snap_compare: SnapCompare, tmp_path: Path, tab: str, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path)

    async def run_before(pilot: Pilot[Any]) -> None:
        # The tab strip animates its underline after a short timer: drawn still instead.
        app.animation_level = "none"
        await settle(pilot)
        app.open_editor(SAMPLE)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        screen.activate_tab(tab)
        await settle(pilot)
        # The tab strip scrolls the active tab into view with an animation: let it end.
        await pilot.wait_for_scheduled_animations()
        field = tab.removeprefix("tab-")
        sections = [s for s in screen.query(SectionEditor) if s.field == field]
        if sections:  # items exactly where a view is registered
            assert sections[0].structured == (field in registry.STRUCTURED_VIEWS)
        for widget in app.screen.query("Input, TextArea"):
            widget.cursor_blink = False  # type: ignore[attr-defined]
        await pilot.wait_for_scheduled_animations()
        await settle(pilot)

    try:
        assert snap_compare(app, terminal_size=size, run_before=run_before)
    finally:
        app.library.store.close()
