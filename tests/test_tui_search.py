"""Search as you type: typo-tolerant hits, highlighted, opening the editor at the section."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Static, TabbedContent

from kt_workbench.search import SearchHit
from kt_workbench.tui.screens.editor_screen import EditorScreen
from kt_workbench.tui.screens.library_screen import LibraryScreen
from kt_workbench.tui.screens.search_screen import (
    MATCH_STYLE,
    SEARCH_DELAY,
    SearchScreen,
    hit_prompt,
)
from tests.tui_support import Session, running, settle, type_text


async def search(session: Session, query: str) -> SearchScreen:
    await session.pilot.press("f2")
    screen = session.app.screen
    assert isinstance(screen, SearchScreen)
    await type_text(session.pilot, query)
    await settle(session.pilot, SEARCH_DELAY + 0.1)
    return screen


def status(screen: SearchScreen) -> str:
    return str(screen.query_one("#search-status", Static).render())


async def test_a_typo_still_finds_the_process(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await search(session, "refnud duplicte")
        assert screen.hits, status(screen)
        assert screen.hits[0].id == "refund-duplicate-charge"
        results = screen.query_one("#search-results", OptionList)
        assert results.option_count == len(screen.hits)
        assert "matching" in status(screen)


async def test_choosing_a_hit_opens_the_editor_at_its_section(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await search(session, "refnud duplicte section:procedure")
        assert screen.hits and screen.hits[0].section == "procedure"
        assert screen.hits[0].id == "refund-duplicate-charge"
        await session.pilot.press("enter")
        await settle(session.pilot)
        editor = session.app.screen
        assert isinstance(editor, EditorScreen)
        assert editor.original is not None and editor.original.id == "refund-duplicate-charge"
        assert editor.query_one(TabbedContent).active == "tab-procedure"


async def test_no_matches_and_query_problems_are_said(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await search(session, "xylophone")
        assert screen.hits == []
        assert status(screen) == "No matches"
        screen.query_one("#search-input", Input).value = "status:shipped"
        await settle(session.pilot, SEARCH_DELAY + 0.1)
        assert status(screen).startswith("unknown status 'shipped'")
        await session.pilot.press("escape")
        assert isinstance(session.app.screen, LibraryScreen)


def test_matched_spans_are_highlighted() -> None:
    hit = SearchHit("p", "Refund", "procedure", "step 5", "Refund the charge", ((0, 6),), 1.0)
    prompt = hit_prompt(hit)
    assert prompt.plain == "Refund  Procedure · step 5\nRefund the charge"
    snippet_start = prompt.plain.index("\n") + 1
    highlighted = [
        prompt.plain[span.start : span.end]
        for span in prompt.spans
        if span.start >= snippet_start and span.style == MATCH_STYLE
    ]
    assert highlighted == ["Refund"]


def test_a_hit_in_the_title_shows_the_title_once_highlighted() -> None:
    title = "Refund a duplicate [card] charge"
    hit = SearchHit("p", title, "overview", "title", title, ((19, 25),), 1.0)
    prompt = hit_prompt(hit)
    assert prompt.plain == f"{title}  Overview · title"
    highlighted = [prompt.plain[s.start : s.end] for s in prompt.spans if s.style == MATCH_STYLE]
    assert highlighted == ["[card]"]


async def test_a_short_terminal_gives_the_help_lines_room_to_the_hits(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await search(session, "refund")
        help_text = screen.query_one("#search-help", Static)
        results = screen.query_one("#search-results", OptionList)
        assert help_text.display and not screen.has_class("-short")
        await session.pilot.resize_terminal(60, 20)
        await settle(session.pilot)
        assert screen.has_class("-short") and not help_text.display
        # At least half the lines for hits (with the help shown, two or three).
        assert results.size.height >= 10, results.size
