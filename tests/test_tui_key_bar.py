"""The key bar on an 80-column terminal: every action the library shows fits beside the
palette key, and the bar's last cell is painted (compact, Textual left it as it was)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets._footer import FooterKey

from kt_workbench.tui.widgets.footer import KeyBar
from tests.tui_support import make_app, settle

LIBRARY_ACTIONS = ("Open", "New", "Search", "Dashboard", "Export", "Reload", "Sort")


async def test_the_library_actions_fit_on_an_80_column_terminal(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            bar = app.screen.query_one(KeyBar)
            assert bar.compact
            keys = list(bar.query(FooterKey))
            palette = next(key for key in keys if key.has_class("-command-palette"))
            assert palette.region.right == 80  # docked against the edge, its last cell its own
            shown = {
                key.description: key.region
                for key in keys
                if key is not palette and key.region.width
            }
            for action in LIBRARY_ACTIONS:
                assert action in shown, action
                assert shown[action].right <= palette.region.x, action
            await pilot.resize_terminal(140, 30)
            await settle(pilot)
            assert not bar.compact
    finally:
        app.library.store.close()
