"""The editor from the keyboard: sections, findings, field problems, saving only changes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static, TabbedContent, TextArea

from kt_workbench.tui.screens.editor_screen import CHECK_DELAY, EditorScreen
from kt_workbench.tui.screens.editor_sections import TAB_ORDER
from kt_workbench.tui.structured import registry
from kt_workbench.tui.widgets.findings_panel import FindingsPanel
from tests.tui_support import Session, running, settle, type_text

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


async def test_sections_switch_from_the_keyboard(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await open_editor(session, "warranty-claim")
        tabs = screen.query_one(TabbedContent)
        screen.query_one("#f-owner", Input).focus()
        await session.pilot.press("alt+right")
        assert tabs.active == "tab-procedure"
        await session.pilot.press("ctrl+pagedown", "ctrl+pagedown")
        assert tabs.active == "tab-decision_tree"
        await session.pilot.press("alt+left")
        assert tabs.active == "tab-scripts"
        await session.pilot.press(*"12")  # digits type into the text area …
        assert tabs.active == "tab-scripts" and screen.fields["scripts"].startswith("12")
        screen.query_one("#findings-list").focus()  # … and switch sections elsewhere
        await session.pilot.press("9")
        assert tabs.active == TAB_ORDER[8][0] == "tab-glossary"
        screen.query_one("#findings-list").focus()
        await session.pilot.press("0")
        assert tabs.active == "tab-other"
        screen.query_one("#findings-list").focus()
        await session.pilot.press("1")
        assert tabs.active == "tab-overview"
        await session.pilot.press("alt+left")
        assert tabs.active == "tab-other"  # wraps around


async def test_the_findings_panel_toggles_and_hides_when_narrow(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await open_editor(session, "warranty-claim")
        panel = screen.query_one(FindingsPanel)
        assert panel.display
        await session.pilot.press("f8")
        assert not panel.display
        await session.pilot.press("f8")
        assert panel.display
        await session.pilot.resize_terminal(80, 24)
        await settle(session.pilot)
        screen.findings_wanted = None
        screen.fit_layout(80)
        assert not panel.display and screen.has_class("-narrow")
        area = screen.query_one("#t-procedure", TextArea)
        screen.activate_tab("tab-procedure")  # as the keys do: the cursor goes along
        await settle(session.pilot)
        assert area.size.width >= 70 and area.size.height >= 10
        await session.pilot.press("ctrl+f")
        assert panel.display and session.app.focused is screen.query_one("#findings-list")


async def test_a_finding_opens_its_line(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await open_editor(session, "account-recovery")
        panel = screen.query_one(FindingsPanel)
        index = next(
            n for n, f in enumerate(panel.findings) if f.location == "step 4" and f.rule == "KT204"
        )
        options = screen.query_one("#findings-list", OptionList)
        options.focus()
        options.highlighted = index
        await session.pilot.press("enter")
        await settle(session.pilot)
        area = screen.query_one("#t-procedure", TextArea)
        assert session.app.focused is area
        assert area.document.get_line(area.cursor_location[0]).startswith("4. ")


async def test_saving_without_changes_writes_nothing(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await open_editor(session, "warranty-claim")
        before = session.app.library.version_of("warranty-claim")
        await session.pilot.press("ctrl+s")
        await settle(session.pilot)
        assert session.app.library.version_of("warranty-claim") == before
        assert "No changes to save." in session.messages()
        assert screen.sub_title.startswith("saved")


async def test_bad_values_are_marked_at_their_field(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await open_editor(session, "warranty-claim")
        volume = screen.query_one("#f-volume_per_month", Input)
        volume.focus()
        await session.pilot.press("end", *"x")
        await settle(session.pilot, TYPING_PAUSE)
        problem = screen.query_one("#p-volume_per_month", Static)
        assert problem.display and "whole number" in str(problem.render())
        assert volume.has_class("-invalid")
        score = str(screen.query_one("#findings-score", Static).render())
        assert "Readiness" in score  # the findings stay, only the field is marked

        reviewed = screen.query_one("#f-last_reviewed", Input)
        reviewed.value = "2099-01-01"
        await settle(session.pilot, TYPING_PAUSE)
        assert "future" in str(screen.query_one("#p-last_reviewed", Static).render())

        await session.pilot.press("ctrl+s")
        await settle(session.pilot)
        assert any("Volume per month" in error for error in session.errors())


async def test_a_section_heading_typed_in_purpose_stays_there_and_is_flagged(
    tmp_path: Path,
) -> None:
    async with running(tmp_path) as session:
        screen = await open_editor(session, "warranty-claim")
        purpose = screen.query_one("#t-purpose", TextArea)
        purpose.focus()
        purpose.move_cursor(purpose.document.end)
        await session.pilot.press("enter", "enter", *"## Notes", "enter")
        await settle(session.pilot, TYPING_PAUSE)
        assert "## Notes" in screen.fields["purpose"]
        assert "## Notes" not in screen.fields["other"]
        assert screen.query_one("#p-purpose", Static).display
        assert "Purpose line" in str(screen.query_one("#p-purpose", Static).render())


async def test_a_new_process_starts_at_its_title(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await open_editor(session, None)
        assert session.app.focused is screen.query_one("#f-title", Input)
        assert screen.sub_title == "new, not saved yet"
        await type_text(session.pilot, "Close an account")
        await settle(session.pilot, TYPING_PAUSE)
        assert screen.sub_title.startswith("unsaved changes")
