"""Drafts survive crashes and quits, belong to one database, and are only deleted on request."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input

from kt_workbench.drafts import DraftStore
from kt_workbench.tui.app import create_app
from kt_workbench.tui.screens.confirm import RestoreDraftScreen, UnsavedChangesScreen
from kt_workbench.tui.screens.editor_screen import CHECK_DELAY, EditorScreen
from kt_workbench.tui.screens.library_screen import LibraryScreen
from tests.tui_support import SIZE, TODAY, running, sample_db, settle, stored, type_text

TYPING_PAUSE = CHECK_DELAY + 0.1


def test_drafts_are_kept_apart_by_database(tmp_path: Path) -> None:
    first, second = DraftStore(tmp_path, "sqlite:///a.db"), DraftStore(tmp_path, "sqlite:///b.db")
    first.save("warranty-claim", "{}")
    first.save("new-1", json.dumps({"title": "Only in a"}))
    assert first.load("warranty-claim") is not None
    assert second.load("warranty-claim") is None
    assert [draft.key for draft in first.new_process_drafts()] == ["new-1"]
    assert second.new_process_drafts() == []
    second.discard("warranty-claim")
    assert first.load("warranty-claim") is not None


def test_a_damaged_draft_is_dropped(tmp_path: Path) -> None:
    drafts = DraftStore(tmp_path, "db")
    drafts.save("x", "{}")
    next(tmp_path.glob("*.json")).write_text("{not json", encoding="utf-8")
    assert drafts.load("x") is None
    assert list(tmp_path.glob("*.json")) == []


async def start_new_process(tmp_path: Path, title: str) -> None:
    """Type a new process and stop the workbench without saving, as a crash would."""
    async with running(tmp_path) as session:
        session.app.open_editor(None)
        await settle(session.pilot)
        assert isinstance(session.app.focused, Input) and session.app.focused.id == "f-title"
        assert session.app.screen.sub_title == "new, not saved yet"
        await type_text(session.pilot, title)
        await settle(session.pilot, TYPING_PAUSE)
        session.app.exit()  # no guard, no discard: the draft stays, as after kill -9


async def test_a_new_process_draft_is_offered_at_start(tmp_path: Path) -> None:
    await start_new_process(tmp_path, "Handle a [b] lost parcel")
    async with running(tmp_path) as session:
        await settle(session.pilot, 0.1)
        dialog = session.app.screen
        assert isinstance(dialog, RestoreDraftScreen)
        assert "Handle a [b] lost parcel" in dialog.what
        assert session.app.focused is not None and session.app.focused.id == "restore"
        await session.pilot.press("enter")
        await settle(session.pilot)
        editor = session.app.screen
        assert isinstance(editor, EditorScreen)
        assert editor.query_one("#f-title", Input).value == "Handle a [b] lost parcel"
        assert editor.dirty and editor.sub_title.startswith("unsaved changes")


async def test_escape_keeps_the_draft_and_delete_removes_it(tmp_path: Path) -> None:
    await start_new_process(tmp_path, "Keep me")
    async with running(tmp_path) as session:
        await settle(session.pilot, 0.1)
        assert isinstance(session.app.screen, RestoreDraftScreen)
        await session.pilot.press("escape")
        await settle(session.pilot)
        assert isinstance(session.app.screen, LibraryScreen)
        assert len(session.app.drafts.new_process_drafts()) == 1
    async with running(tmp_path) as session:
        await settle(session.pilot, 0.1)
        assert isinstance(session.app.screen, RestoreDraftScreen)
        await session.pilot.click("#delete")
        await settle(session.pilot)
        assert session.app.drafts.new_process_drafts() == []


async def test_a_draft_from_another_database_is_not_offered(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        session.app.drafts.save("warranty-claim", json.dumps({"team": "From library A"}))
        session.app.drafts.save("new-abc", json.dumps({"title": "New in A"}))
    other = tmp_path / "other"
    other.mkdir()
    app = create_app(sample_db(other), today=TODAY, drafts_folder=tmp_path / "drafts")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, 0.1)
            assert isinstance(app.screen, LibraryScreen)  # nothing offered at start
            app.open_editor("warranty-claim")
            await settle(pilot)
            editor = app.screen
            assert isinstance(editor, EditorScreen)
            assert editor.query_one("#f-team", Input).value != "From library A"
    finally:
        app.library.store.close()


async def test_quit_asks_and_cancel_keeps_the_workbench_open(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        pilot = session.pilot
        session.app.open_editor("warranty-claim")
        await settle(pilot)
        editor = session.app.screen
        assert isinstance(editor, EditorScreen)
        editor.query_one("#f-owner", Input).focus()
        await pilot.press("end", *" Jr")
        await settle(pilot, TYPING_PAUSE)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(session.app.screen, UnsavedChangesScreen)
        await pilot.click("#cancel")
        await settle(pilot)
        assert session.app.is_running and session.app.screen is editor and editor.dirty
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.click("#save")
        await settle(pilot)
        assert stored(tmp_path, "warranty-claim").owner == "Sofia Marchetti Jr"
        assert session.app.return_code == 0


async def test_quit_can_discard(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        pilot = session.pilot
        session.app.open_editor("warranty-claim")
        await settle(pilot)
        editor = session.app.screen
        assert isinstance(editor, EditorScreen)
        editor.query_one("#f-owner", Input).focus()
        await pilot.press("end", *" Jr")
        await settle(pilot, TYPING_PAUSE)
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.click("#discard")
        await settle(pilot)
        assert stored(tmp_path, "warranty-claim").owner == "Sofia Marchetti"
        assert session.app.drafts.load("warranty-claim") is None
        assert session.app.return_code == 0
