"""The editor: live findings, saving, the unsaved-changes guard, drafts and new processes."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static, TabbedContent, TextArea

from kt_workbench.store import ProcessStore
from kt_workbench.tui.screens.confirm import RestoreDraftScreen, UnsavedChangesScreen
from kt_workbench.tui.screens.editor_screen import CHECK_DELAY, EditorScreen
from kt_workbench.tui.screens.library_screen import LibraryScreen
from kt_workbench.tui.structured import registry
from kt_workbench.tui.widgets.findings_panel import FindingsPanel
from tests.tui_support import Session, running, settle, stored, stored_ids, type_text

TYPING_PAUSE = CHECK_DELAY + 0.1


@pytest.fixture(autouse=True)
def source_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """These tests are about the source text of each section, whatever views are shipped."""
    monkeypatch.setattr(registry, "STRUCTURED_VIEWS", {})
    yield


async def open_editor(session: Session, process_id: str | None) -> EditorScreen:
    session.app.open_editor(process_id)
    await settle(session.pilot)
    screen = session.app.screen
    assert isinstance(screen, EditorScreen)
    return screen


async def append_to_input(session: Session, screen: EditorScreen, key: str, text: str) -> None:
    field = screen.query_one(f"#f-{key}", Input)
    field.focus()
    await session.pilot.press("end")
    await type_text(session.pilot, text)
    await settle(session.pilot, TYPING_PAUSE)


def score_text(screen: EditorScreen) -> str:
    return str(screen.query_one("#findings-score", Static).render())


async def test_clearing_the_procedure_shows_a_procedure_finding(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await open_editor(session, "refund-duplicate-charge")
        panel = screen.query_one(FindingsPanel)
        assert panel.findings == []
        assert "100 ready" in score_text(screen)

        screen.show_section("procedure")
        await session.pilot.pause()
        screen.query_one("#t-procedure", TextArea).focus()
        await session.pilot.press("f7", "delete")  # select all, then delete it
        await settle(session.pilot, TYPING_PAUSE)

        assert screen.query_one("#t-procedure", TextArea).text == ""
        assert any(finding.section == "procedure" for finding in panel.findings)
        assert "100 ready" not in score_text(screen)
        assert screen.dirty


async def test_ctrl_s_saves_to_the_store(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await open_editor(session, "warranty-claim")
        await append_to_input(session, screen, "owner", " Jr")
        assert screen.dirty
        await session.pilot.press("ctrl+s")
        await settle(session.pilot)
        assert stored(tmp_path, "warranty-claim").owner == "Sofia Marchetti Jr"
        assert not screen.dirty
        assert "Saved 'Register a warranty claim'." in session.messages()


async def test_a_save_over_a_colleagues_newer_version_is_refused(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await open_editor(session, "warranty-claim")
        await append_to_input(session, screen, "owner", " Jr")
        with ProcessStore.open(tmp_path / "library.db") as colleague:
            theirs = colleague.get("warranty-claim")
            assert theirs is not None
            colleague.save(dataclasses.replace(theirs, team="Someone else's edit"))
        await session.pilot.press("ctrl+s")
        await settle(session.pilot)
        assert any("version" in error for error in session.errors()), session.errors()
        assert stored(tmp_path, "warranty-claim").team == "Someone else's edit"
        assert screen.dirty  # the edit is still there (and autosaved as a draft)


async def test_the_guard_keeps_editing_or_discards(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        pilot = session.pilot
        screen = await open_editor(session, "warranty-claim")
        await append_to_input(session, screen, "owner", " Jr")

        await pilot.press("escape")
        assert isinstance(session.app.screen, UnsavedChangesScreen)
        await pilot.click("#cancel")
        await settle(pilot)
        assert session.app.screen is screen
        assert screen.dirty

        await pilot.press("escape")
        await pilot.click("#discard")
        await settle(pilot)
        assert isinstance(session.app.screen, LibraryScreen)
        assert stored(tmp_path, "warranty-claim").owner == "Sofia Marchetti"
        assert session.app.drafts.load("warranty-claim") is None


async def test_the_guard_can_save_before_closing(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await open_editor(session, "warranty-claim")
        await append_to_input(session, screen, "owner", " Jr")
        await session.pilot.press("escape")
        await session.pilot.click("#save")
        await settle(session.pilot)
        assert isinstance(session.app.screen, LibraryScreen)
        assert stored(tmp_path, "warranty-claim").owner == "Sofia Marchetti Jr"


async def test_an_autosaved_draft_is_offered_when_reopening(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await open_editor(session, "damaged-delivery")
        await append_to_input(session, screen, "team", " (EU)")
        draft = session.app.drafts.load("damaged-delivery")
        assert draft is not None
        assert json.loads(draft.text)["team"] == "Customer care (EU)"

        session.app.pop_screen()  # as if the workbench had been closed mid-edit
        await settle(session.pilot)
        session.app.open_editor("damaged-delivery")
        await settle(session.pilot)
        assert isinstance(session.app.screen, RestoreDraftScreen)
        await session.pilot.press("enter")  # Restore is the focused answer
        await settle(session.pilot)

        reopened = session.app.screen
        assert isinstance(reopened, EditorScreen) and reopened is not screen
        assert reopened.query_one("#f-team", Input).value == "Customer care (EU)"
        assert reopened.dirty
        assert reopened.sub_title.startswith("unsaved changes")


async def test_a_parse_error_shows_and_blocks_saving(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await open_editor(session, "damaged-delivery")
        before = stored(tmp_path, "damaged-delivery")
        area = screen.query_one("#t-extra_front_matter", TextArea)
        area.focus()
        await type_text(session.pilot, "key: [oops")
        await settle(session.pilot, TYPING_PAUSE)
        assert "Cannot read this process" in score_text(screen)
        assert "Extra fields" in score_text(screen)

        await session.pilot.press("ctrl+s")
        await settle(session.pilot)
        assert any("Extra fields" in message for message in session.errors())
        assert stored(tmp_path, "damaged-delivery") == before
        assert session.app.screen is screen


async def test_choosing_a_finding_switches_to_its_tab(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await open_editor(session, "pause-subscription")
        panel = screen.query_one(FindingsPanel)
        index = next(i for i, f in enumerate(panel.findings) if f.section == "decision_tree")
        assert screen.query_one(TabbedContent).active == "tab-overview"

        findings = screen.query_one("#findings-list", OptionList)
        findings.focus()
        findings.highlighted = index
        await session.pilot.press("enter")
        await settle(session.pilot)
        assert screen.query_one(TabbedContent).active == "tab-decision_tree"
        assert panel.findings[index].hint in session.messages()


async def test_a_new_process_can_be_written_and_saved(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        await session.pilot.press("ctrl+n")
        await settle(session.pilot)
        screen = session.app.screen
        assert isinstance(screen, EditorScreen) and screen.original is None
        await append_to_input(session, screen, "title", "Faulty charger")
        await append_to_input(session, screen, "owner", "Sam Lee")
        await session.pilot.press("ctrl+s")
        await settle(session.pilot)

        saved = stored(tmp_path, "faulty-charger")
        assert saved is not None
        assert (saved.title, saved.owner) == ("Faulty charger", "Sam Lee")
        assert len(stored_ids(tmp_path)) == 16


async def test_a_new_process_may_not_take_an_existing_id(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        await session.pilot.press("ctrl+n")
        await settle(session.pilot)
        screen = session.app.screen
        assert isinstance(screen, EditorScreen)
        # The id comes from the title, and this one's is taken by "Report a damaged delivery".
        await append_to_input(session, screen, "title", "Damaged delivery")
        await session.pilot.press("ctrl+s")
        await settle(session.pilot)

        assert any("already uses the id 'damaged-delivery'" in m for m in session.errors())
        assert stored(tmp_path, "damaged-delivery").title == "Report a damaged delivery"
        assert len(stored_ids(tmp_path)) == 15
        assert session.app.screen is screen
