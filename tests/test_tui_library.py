"""The library screen: every process with its readiness, the filter, open and delete."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static

from kt_workbench.checker import check_library
from kt_workbench.importing import load_files
from kt_workbench.tui.screens.confirm import ConfirmScreen
from kt_workbench.tui.screens.editor_screen import EditorScreen
from kt_workbench.tui.screens.library_screen import LibraryScreen
from tests.conftest import SAMPLES
from tests.tui_support import TODAY, running, settle, stored, stored_ids, type_text


def table_ids(table: DataTable[object]) -> list[str]:
    return [str(key.value) for key in table.rows]


async def test_every_sample_is_listed_with_its_readiness(tmp_path: Path) -> None:
    documents = [item.document for item in load_files([SAMPLES])]
    reports = check_library(documents, today=TODAY).by_id()
    async with running(tmp_path) as session:
        table = session.app.screen.query_one("#processes", DataTable)
        assert sorted(table_ids(table)) == sorted(doc.id for doc in documents)
        for doc in documents:
            readiness = str(table.get_cell(doc.id, "readiness"))
            report = reports[doc.id]
            assert readiness.split() == [str(report.score), report.readiness]
        summary = str(session.app.screen.query_one("#library-summary", Static).render())
        ready = sum(1 for report in reports.values() if report.readiness == "ready")
        assert f"{len(documents)}/{len(documents)} shown · {ready} ready" in summary


async def test_the_filter_narrows_the_rows(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        await session.pilot.press("f")
        assert isinstance(session.app.focused, Input)
        await type_text(session.pilot, "billing")
        table = session.app.screen.query_one("#processes", DataTable)
        assert set(table_ids(table)) == {
            "billing-dispute-chargeback",
            "refund-duplicate-charge",
            "vat-invoice-request",
        }
        await type_text(session.pilot, " ready")
        assert set(table_ids(table)) == {"refund-duplicate-charge", "vat-invoice-request"}
        summary = str(session.app.screen.query_one("#library-summary", Static).render())
        assert summary.startswith("2/15 shown")


async def test_enter_opens_the_selected_process(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        table = session.app.screen.query_one("#processes", DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index("damaged-delivery"))
        await session.pilot.press("enter")
        await settle(session.pilot)
        screen = session.app.screen
        assert isinstance(screen, EditorScreen)
        assert screen.original is not None and screen.original.id == "damaged-delivery"
        assert screen.query_one("#f-title", Input).value == "Report a damaged delivery"


async def test_delete_asks_and_deletes_only_when_confirmed(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        pilot = session.pilot
        table = session.app.screen.query_one("#processes", DataTable)
        table.move_cursor(row=table.get_row_index("lost-stolen-card"))
        await pilot.press("delete")
        assert isinstance(session.app.screen, ConfirmScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(session.app.screen, LibraryScreen)
        assert "lost-stolen-card" in stored_ids(tmp_path)

        await pilot.press("delete")
        await pilot.click("#yes")
        await settle(pilot)
        assert isinstance(session.app.screen, LibraryScreen)
        assert stored(tmp_path, "lost-stolen-card") is None
        assert len(stored_ids(tmp_path)) == 14
        assert "lost-stolen-card" not in table_ids(table)
        assert "Deleted lost-stolen-card." in session.messages()
