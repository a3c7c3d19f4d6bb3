"""The dashboard: readiness counts as the checker gives them, and the handover waves."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.widgets import DataTable, Static

from kt_workbench.checker import check_library
from kt_workbench.importing import load_files
from kt_workbench.model import ProcessDocument
from kt_workbench.tui.screens.dashboard_screen import (
    NO_FIRST_WAVE,
    DashboardScreen,
    high_volume_threshold,
)
from kt_workbench.tui.screens.editor_screen import EditorScreen
from tests.conftest import SAMPLES
from tests.tui_support import TODAY, running, screen_after, settle


def rendered(screen: DashboardScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_counts_match_the_checker_and_waves_follow_volume(tmp_path: Path) -> None:
    documents = [item.document for item in load_files([SAMPLES])]
    summary = check_library(documents, today=TODAY).summary
    async with running(tmp_path) as session:
        screen = await screen_after(session, "f3")
        assert isinstance(screen, DashboardScreen)
        text = rendered(screen, "#dash-summary")
        assert f"{summary.processes} processes" in text
        assert f"{summary.counts['ready']} ready" in text
        assert f"{summary.counts['needs-work']} need work" in text
        assert f"{summary.counts['not-ready']} not ready" in text
        assert f"average score {summary.average_score:.1f}" in text
        reports = check_library(documents, today=TODAY).by_id()
        overdue = {pid for pid, r in reports.items() if any(f.rule == "KT105" for f in r.findings)}
        assert overdue, "the samples include an overdue review"
        assert f"{len(overdue)} review{'' if len(overdue) == 1 else 's'} overdue" in text

        first = screen.query_one("#first-wave", DataTable)
        assert [key.value for key in first.rows] == [
            "order-status-enquiry",
            "reschedule-delivery",
            "change-delivery-address",
            "refund-duplicate-charge",
        ]
        pays = screen.query_one("#pays-most", DataTable)
        assert [key.value for key in pays.rows] == [
            "cancel-subscription-retention",
            "account-recovery",
            "promo-code-not-applied",
        ]
        assert "No near-duplicate processes." in rendered(screen, "#dash-library-findings")

        first.focus()
        await session.pilot.press("down", "enter")
        await settle(session.pilot)
        editor = session.app.screen
        assert isinstance(editor, EditorScreen)
        assert editor.original is not None and editor.original.id == "reschedule-delivery"


async def test_near_duplicates_are_listed(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        library = session.app.library
        original = library.store.get("refund-duplicate-charge")
        assert original is not None
        copy = replace(original, id="refund-duplicate-charges", title=original.title + "s")
        library.save(copy)
        session.app.action_dashboard()
        await settle(session.pilot)
        screen = session.app.screen
        assert isinstance(screen, DashboardScreen)
        findings = rendered(screen, "#dash-library-findings")
        assert "KT020" in findings
        assert "refund-duplicate-charge and refund-duplicate-charges" in findings
        table = screen.query_one("#dash-duplicates", DataTable)
        assert table.display
        ids = [str(table.get_cell(key, "id")) for key in table.rows]
        assert ids == ["refund-duplicate-charge", "refund-duplicate-charges"]
        table.focus()
        await session.pilot.press("down", "enter")
        await settle(session.pilot)
        editor = session.app.screen
        assert isinstance(editor, EditorScreen)
        assert editor.original is not None and editor.original.id == "refund-duplicate-charges"


def test_high_volume_is_the_busier_half() -> None:
    def doc(volume: int | None) -> ProcessDocument:
        return ProcessDocument(id=f"p{volume}", title="A process", volume_per_month=volume)

    assert high_volume_threshold((doc(10), doc(None), doc(30), doc(21))) == 21
    assert high_volume_threshold((doc(10), doc(31))) == 21
    assert high_volume_threshold((doc(None),)) is None


async def test_an_empty_wave_says_why_and_enter_on_that_line_opens_nothing(
    tmp_path: Path,
) -> None:
    async with running(tmp_path) as session:
        screen = await screen_after(session, "f3")
        assert isinstance(screen, DashboardScreen)
        screen.fill_wave("#first-wave", (), NO_FIRST_WAVE)
        first = screen.query_one("#first-wave", DataTable)
        assert first.row_count == 1
        assert str(first.get_row_at(0)[0]) == NO_FIRST_WAVE
        first.focus()
        await session.pilot.press("enter")
        await settle(session.pilot)
        assert session.app.screen is screen
