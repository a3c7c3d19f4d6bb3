"""Every screen, dialog and widget shows hostile user text literally, and never crashes on it.

A widget that read user text as Rich markup would either raise (``[/x]`` closes no tag) or
drop the bracketed words; both fail here. Each step also paints the screen, so rendering
errors surface as exceptions from ``run_test``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import TabbedContent, TextArea

from kt_workbench.display import clip_middle
from kt_workbench.drafts import DraftStore
from kt_workbench.library import Library
from kt_workbench.store import ProcessStore
from kt_workbench.tui.app import KtwApp, create_app
from kt_workbench.tui.screens.confirm import (
    ConfirmScreen,
    RestoreDraftScreen,
    UnsavedChangesScreen,
)
from kt_workbench.tui.screens.dashboard_screen import TITLE as DASHBOARD_TITLE
from kt_workbench.tui.screens.dashboard_screen import DashboardScreen
from kt_workbench.tui.screens.editor_screen import CHECK_DELAY, EditorScreen
from kt_workbench.tui.screens.editor_sections import SECTION_TABS, TAB_ORDER
from kt_workbench.tui.screens.export_screen import ExportScreen
from kt_workbench.tui.screens.rehearsal_screen import RehearsalScreen
from kt_workbench.tui.screens.search_screen import SEARCH_DELAY, SearchScreen
from kt_workbench.tui.widgets.findings_panel import FindingsPanel
from tests.hostile_text import (
    DANGLING,
    LONG_WORD,
    OUTCOME,
    QUESTION,
    SHORT,
    TEAM,
    TITLE,
    TWIN_TITLE,
    hostile_db,
    missing,
    screen_text,
)
from tests.tui_support import SIZE, TODAY, settle

TYPING_PAUSE = CHECK_DELAY + 0.1


class WorkbenchWithoutLibrary(KtwApp):
    """The workbench with a blank home screen, for the screens the library opens."""

    def get_default_screen(self) -> Screen[None]:
        return Screen()


@asynccontextmanager
async def hostile_app(
    folder: Path, size: tuple[int, int] = SIZE
) -> AsyncIterator[tuple[KtwApp, Pilot[None]]]:
    store = ProcessStore.open(hostile_db(folder))
    app = WorkbenchWithoutLibrary(
        Library(store, None, TODAY), DraftStore(folder / "drafts", database=store.url)
    )
    try:
        async with app.run_test(size=size, notifications=True) as pilot:
            await settle(pilot)
            yield app, pilot
    finally:
        store.close()


async def visit_every_tab(app: KtwApp, pilot: Pilot[None]) -> None:
    tabs = app.screen.query_one(TabbedContent)
    for tab_id, _ in TAB_ORDER:
        tabs.active = tab_id
        await settle(pilot)


async def test_the_editor_shows_every_hostile_string(tmp_path: Path) -> None:
    async with hostile_app(tmp_path) as (app, pilot):
        app.open_editor("reset-password")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        await visit_every_tab(app, pilot)
        shown = screen_text(editor)
        assert missing(SHORT, shown) == []
        assert LONG_WORD in shown
        assert editor.title.startswith(TITLE)
        # The tree tab's hint keeps its [key] examples, and the preview its jump targets.
        tree_hint = next(tab.hint for tab in SECTION_TABS if tab.field == "decision_tree")
        assert "[key]" in tree_hint
        assert missing([tab.hint for tab in SECTION_TABS], shown) == []
        assert missing(["[a] " + QUESTION, f"goto [{DANGLING}]", OUTCOME], shown) == []
        panel = editor.query_one(FindingsPanel)
        assert panel.findings, "the hostile process has findings to show"
        assert missing([finding.message for finding in panel.findings], shown) == []


async def test_typing_a_bracketed_tree_keeps_the_new_process(tmp_path: Path) -> None:
    async with hostile_app(tmp_path) as (app, pilot):
        app.open_editor(None)
        await settle(pilot)
        await pilot.press(*"[/x] title")
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        editor.query_one(TabbedContent).active = "tab-decision_tree"
        await settle(pilot)
        editor.query_one("#t-decision_tree", TextArea).focus()
        await pilot.press(*"- [a] Is the refund over [/b] 50 EUR?")
        await settle(pilot, TYPING_PAUSE)
        assert app.screen is editor
        assert "[a] Is the refund over [/b] 50 EUR?" in screen_text(editor)
        assert editor.title.startswith("[/x] title")


async def test_rehearsal_shows_answers_and_jumps_literally(tmp_path: Path) -> None:
    async with hostile_app(tmp_path) as (app, pilot):
        app.open_editor("reset-password")
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, RehearsalScreen)
        assert QUESTION in screen_text(app.screen)
        await pilot.press("2")  # No → goto [/orders/search], which does not exist
        await settle(pilot)
        assert f"[{DANGLING}]" in screen_text(app.screen)


async def test_search_results_show_titles_literally(tmp_path: Path) -> None:
    async with hostile_app(tmp_path) as (app, pilot):
        app.push_screen(SearchScreen())
        await settle(pilot)
        await pilot.press(*"reset password")
        await settle(pilot, SEARCH_DELAY + 0.1)
        assert missing([TITLE, TWIN_TITLE], screen_text(app.screen)) == []


async def test_dashboard_shows_titles_and_duplicates_literally(tmp_path: Path) -> None:
    async with hostile_app(tmp_path) as (app, pilot):
        app.push_screen(DashboardScreen())
        await settle(pilot)
        shown = screen_text(app.screen)
        # The Process column cuts long titles in the middle: what it shows is literal.
        cut = [clip_middle(title, DASHBOARD_TITLE) for title in (TITLE, TWIN_TITLE, LONG_WORD)]
        assert all("[b]" in title for title in cut[:2])  # markup-like text, kept literal
        assert missing(cut, shown) == []


async def test_dialogs_quote_titles_literally(tmp_path: Path) -> None:
    async with hostile_app(tmp_path) as (app, pilot):
        for dialog in (
            ConfirmScreen(f"Delete '{TITLE}'? This cannot be undone."),
            UnsavedChangesScreen(TITLE),
            RestoreDraftScreen(f"'{LONG_WORD}'", "2026-11-23 10:00"),
            ExportScreen(),
        ):
            app.push_screen(dialog)
            await settle(pilot)
            assert app.screen is dialog
            if not isinstance(dialog, ExportScreen):
                shown = screen_text(dialog)
                assert TITLE in shown or LONG_WORD in shown
            app.pop_screen()
            await settle(pilot)


async def test_the_palette_and_notifications_show_titles_literally(tmp_path: Path) -> None:
    async with hostile_app(tmp_path) as (app, pilot):
        app.action_command_palette()
        await settle(pilot)
        await pilot.press(*"reset")
        await settle(pilot, 0.3)
        assert isinstance(app.screen, CommandPalette)
        assert missing([f"Open {TITLE}", "[/x] Team $title"], screen_text(app.screen)) == []
        await pilot.press("escape")
        app.open_editor("reset-password")
        await settle(pilot)
        app.notify(f"Saved '{TITLE}'.")
        await settle(pilot, 0.1)
        assert app.screen.query("Toast"), "the notification is on screen"
        assert f"Saved '{TITLE}'." in screen_text(app.screen)


async def test_a_narrow_terminal_still_shows_hostile_text(tmp_path: Path) -> None:
    async with hostile_app(tmp_path, size=(60, 20)) as (app, pilot):
        app.open_editor("long-title")
        await settle(pilot)
        await visit_every_tab(app, pilot)
        assert LONG_WORD in screen_text(app.screen)


async def test_the_library_lists_hostile_titles_literally(tmp_path: Path) -> None:
    app = create_app(hostile_db(tmp_path), today=TODAY, drafts_folder=tmp_path / "drafts")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            shown = screen_text(app.screen)
            assert missing([TITLE[:40], TEAM], shown) == []
    finally:
        app.library.store.close()
