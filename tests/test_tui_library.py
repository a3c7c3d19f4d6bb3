"""The library screen: every process with its readiness, the filter, sorting, open and delete."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from kt_workbench.checker import check_library
from kt_workbench.importing import load_files
from kt_workbench.model import ProcessDocument
from kt_workbench.store import ProcessStore
from kt_workbench.tui.app import create_app
from kt_workbench.tui.screens.confirm import ConfirmScreen
from kt_workbench.tui.screens.editor_screen import EditorScreen
from kt_workbench.tui.screens.library_screen import EMPTY_HINT, NO_MATCH_HINT, LibraryScreen
from kt_workbench.tui.widgets.row_list import RowList
from tests.conftest import SAMPLES
from tests.tui_support import TODAY, running, settle, stored, stored_ids, type_text

BILLING = {"billing-dispute-chargeback", "refund-duplicate-charge", "vat-invoice-request"}


def table_ids(table: RowList) -> list[str]:
    return table.ids


def sample_reports():  # type: ignore[no-untyped-def]
    documents = [item.document for item in load_files([SAMPLES])]
    return documents, check_library(documents, today=TODAY).by_id()


def summary_of(screen: object) -> str:
    assert isinstance(screen, LibraryScreen)
    return str(screen.query_one("#library-summary", Static).render())


async def filtered(session, text: str) -> RowList:  # type: ignore[no-untyped-def]
    await type_text(session.pilot, text)
    await settle(session.pilot)
    screen = session.app.screen
    assert isinstance(screen, LibraryScreen)
    return screen.shown_table()


async def test_every_sample_is_listed_with_its_readiness(tmp_path: Path) -> None:
    documents, reports = sample_reports()
    async with running(tmp_path) as session:
        table = session.app.screen.query_one("#processes", RowList)
        assert sorted(table_ids(table)) == sorted(doc.id for doc in documents)
        for doc in documents:
            readiness = str(table.get_cell(doc.id, "readiness"))
            report = reports[doc.id]
            assert readiness.split() == [str(report.score), report.readiness]
        ready = sum(1 for report in reports.values() if report.readiness == "ready")
        assert f"{len(documents)}/{len(documents)} shown · {ready} ready" in summary_of(
            session.app.screen
        )


async def test_typing_filters_and_never_fires_a_shortcut(tmp_path: Path) -> None:
    _, reports = sample_reports()
    async with running(tmp_path) as session:
        assert isinstance(session.app.focused, Input)
        # n, e, d and r are shortcuts in the list; in the filter they are letters.
        table = await filtered(session, "billing")
        assert isinstance(session.app.screen, LibraryScreen)
        assert set(table_ids(table)) == BILLING
        table = await filtered(session, " ready")
        expected = {pid for pid in BILLING if reports[pid].readiness == "ready"}
        assert set(table_ids(table)) == expected
        assert summary_of(session.app.screen).startswith(f"{len(expected)}/15 shown")


async def test_the_filter_forgives_typos_and_ready_is_not_not_ready(tmp_path: Path) -> None:
    _, reports = sample_reports()
    async with running(tmp_path) as session:
        table = await filtered(session, "biling")
        assert set(table_ids(table)) == BILLING
        await session.pilot.press(*["backspace"] * 6)
        table = await filtered(session, "ready")
        assert set(table_ids(table)) == {p for p, r in reports.items() if r.readiness == "ready"}
        assert all(reports[pid].readiness != "not-ready" for pid in table_ids(table))


async def test_a_filter_matching_nothing_says_why(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        table = await filtered(session, "zzqxv")
        assert table.row_count == 0
        hint = session.app.screen.query_one("#library-empty", Static)
        assert hint.display and str(hint.render()) == NO_MATCH_HINT
        await session.pilot.press("ctrl+u")
        await settle(session.pilot)
        assert not hint.display


async def test_down_in_the_filter_moves_the_list_and_enter_opens(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        table = session.app.screen.query_one("#processes", RowList)
        await session.pilot.press("down", "down")
        assert isinstance(session.app.focused, Input)
        assert table.cursor_row == 2
        second = table_ids(table)[2]
        await session.pilot.press("enter")
        await settle(session.pilot)
        screen = session.app.screen
        assert isinstance(screen, EditorScreen)
        assert screen.original is not None and screen.original.id == second


async def test_enter_opens_the_selected_process(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        table = session.app.screen.query_one("#processes", RowList)
        table.focus()
        table.move_cursor(row=table.get_row_index("damaged-delivery"))
        await session.pilot.press("enter")
        await settle(session.pilot)
        screen = session.app.screen
        assert isinstance(screen, EditorScreen)
        assert screen.original is not None and screen.original.id == "damaged-delivery"
        assert screen.base_version == 1
        assert screen.query_one("#f-title", Input).value == "Report a damaged delivery"


async def test_sorting_by_readiness_puts_the_weakest_first(tmp_path: Path) -> None:
    _, reports = sample_reports()
    async with running(tmp_path) as session:
        table = session.app.screen.query_one("#processes", RowList)
        titles = [str(table.get_cell(pid, "process")) for pid in table_ids(table)]
        assert titles == sorted(titles, key=str.casefold)
        await session.pilot.press("f6")
        scores = [reports[pid].score for pid in table_ids(table)]
        assert scores == sorted(scores)
        assert "sorted by readiness" in summary_of(session.app.screen)


async def test_overdue_reviews_are_marked_and_filterable(tmp_path: Path) -> None:
    _, reports = sample_reports()
    overdue = {
        pid for pid, report in reports.items() if any(f.rule == "KT105" for f in report.findings)
    }
    assert overdue, "the samples should include an overdue review"
    async with running(tmp_path) as session:
        table = session.app.screen.query_one("#processes", RowList)
        marked = {pid for pid in table_ids(table) if str(table.get_cell(pid, "review"))}
        assert marked == overdue
        table = await filtered(session, "overdue")
        assert set(table_ids(table)) == overdue


async def test_readiness_stays_visible_in_narrow_terminals(tmp_path: Path) -> None:
    _, reports = sample_reports()
    for size in ((80, 24), (60, 20)):
        folder = tmp_path / f"{size[0]}"
        folder.mkdir()
        async with running(folder) as session:
            await session.pilot.resize_terminal(*size)
            await settle(session.pilot)
            table = session.app.screen.query_one("#processes", RowList)
            first = table_ids(table)[0]
            line = table.render_line(1).text  # line 0 is the header
            assert reports[first].readiness in line, (size, line)
            assert len(line.rstrip()) <= size[0]


async def test_user_text_is_shown_literally(tmp_path: Path) -> None:
    title = "Reset via [/account/reset] [b]x[/b]"
    db = tmp_path / "hostile.db"
    with ProcessStore.open(db) as store:
        store.save(ProcessDocument(id="reset", title=title, team="[red]Support"))
    app = create_app(db, today=TODAY, drafts_folder=tmp_path / "drafts")
    try:
        async with app.run_test(size=(160, 30)) as pilot:
            await settle(pilot)
            table = app.screen.query_one("#processes", RowList)
            assert str(table.get_cell("reset", "process")) == title
            assert "[/account/reset]" in table.render_line(1).text
            assert "[red]Support" in table.render_line(1).text
    finally:
        app.library.store.close()


async def test_an_empty_library_says_what_to_do(tmp_path: Path) -> None:
    app = create_app(tmp_path / "empty.db", today=TODAY, drafts_folder=tmp_path / "drafts")
    try:
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            hint = app.screen.query_one("#library-empty", Static)
            assert hint.display
            assert str(hint.render()) == EMPTY_HINT
    finally:
        app.library.store.close()


async def test_delete_asks_and_deletes_only_when_confirmed(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        pilot = session.pilot
        table = session.app.screen.query_one("#processes", RowList)
        table.focus()
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
