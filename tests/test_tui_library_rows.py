"""The library list on a library larger than the screen: a keystroke, clearing the filter and
sorting draw at most one screen of rows, never the whole library; rows that change are drawn
again; the filter waits for nobody."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from pathlib import Path

from textual.message import Message
from textual.notifications import Notify
from textual.widgets import Input, Static

from kt_workbench.model import ProcessDocument
from kt_workbench.readmodel.rows import RowIndex, listing_of
from kt_workbench.store import ProcessStore
from kt_workbench.tui.app import KtwApp, create_app
from kt_workbench.tui.screens.library_screen import LibraryScreen
from kt_workbench.tui.widgets.row_list import RowList
from tests.tui_support import TODAY, settle

COUNT = 300
TEAMS = ("Billing support", "Retention", "Fulfilment support")
SIZE = (140, 30)


def document(number: int) -> ProcessDocument:
    return ProcessDocument(
        id=f"process-{number:03}",
        title=f"Handle request {number:03} of kind {'alpha' if number % 3 else 'omega'}",
        team=TEAMS[number % len(TEAMS)],
        owner=f"Owner {number % 7}",
        tags=("billing",) if number % 5 == 0 else (),
    )


def big_library(folder: Path) -> Path:
    db = folder / "big.db"
    with ProcessStore.open(db) as store:
        store.save_many([document(number) for number in range(COUNT)])
    return db


def library_list(app: KtwApp) -> RowList:
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    return screen.query_one("#processes", RowList)


async def test_typing_and_clearing_draw_one_screen_of_rows_at_most(tmp_path: Path) -> None:
    app = create_app(big_library(tmp_path), today=TODAY, drafts_folder=tmp_path / "drafts")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            rows = library_list(app)
            assert rows.row_count == COUNT
            screenful = rows.size.height
            assert screenful < COUNT
            drawn = rows.rows_rendered
            for key in "omega":
                await pilot.press(key)
                await settle(pilot)
                assert rows.rows_rendered - drawn <= screenful, key
                drawn = rows.rows_rendered
            omega = {f"process-{n:03}" for n in range(COUNT) if n % 3 == 0}
            assert set(rows.ids) == omega
            assert rows.row_count > screenful  # more matches than fit: the list is virtual

            # Typing a letter that keeps the same rows draws nothing new but the cursor row.
            await pilot.press("space", "h", "a", "n", "d")
            await settle(pilot)
            assert set(rows.ids) == omega
            assert rows.rows_rendered - drawn <= 6

            drawn = rows.rows_rendered
            await pilot.press("ctrl+u")
            await settle(pilot)
            assert rows.row_count == COUNT
            assert rows.rows_rendered - drawn <= screenful

            drawn = rows.rows_rendered
            await pilot.press("f6")  # sort by readiness: every row moves
            await settle(pilot)
            assert rows.row_count == COUNT
            assert rows.rows_rendered - drawn <= screenful
    finally:
        app.library.store.close()


async def test_a_changed_row_is_drawn_again_and_the_rest_kept(tmp_path: Path) -> None:
    db = big_library(tmp_path)
    app = create_app(db, today=TODAY, drafts_folder=tmp_path / "drafts")
    app.poll_seconds = 0.1
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            rows = library_list(app)
            first = rows.ids[0]
            with ProcessStore.open(db) as store:
                changed = store.get(first)
                assert changed is not None
                store.save(ProcessDocument(**{**changed.__dict__, "owner": "[b]Someone new"}))
            drawn = rows.rows_rendered
            for _ in range(50):
                await pilot.pause(0.1)
                if str(rows.get_cell(first, "owner")) == "[b]Someone new":
                    break
            await settle(pilot)
            assert str(rows.get_cell(first, "owner")) == "[b]Someone new"
            assert "[b]Someone new" in rows.render_line(1).text
            # Only the changed row (and the cursor's) was drawn again.
            assert rows.rows_rendered - drawn <= 4
    finally:
        app.library.store.close()


async def test_the_list_moves_selects_and_sorts_from_its_headings(tmp_path: Path) -> None:
    app = create_app(big_library(tmp_path), today=TODAY, drafts_folder=tmp_path / "drafts")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            rows = library_list(app)
            rows.focus()
            await pilot.press("pagedown", "pagedown", "down")
            assert rows.cursor_row == 2 * (rows.scrollable_content_region.height - 2) + 1
            # The cursor row is on screen: its line is below the header, inside the list.
            top = int(rows.scroll_offset.y)
            assert 0 <= rows.cursor_row - top < rows.size.height - 1
            await pilot.press("end")
            assert rows.cursor_row == COUNT - 1
            title = str(rows.get_cell(rows.ids[-1], "process"))
            assert title in rows.render_line(rows.size.height - 1).text
            await pilot.press("home")
            assert rows.cursor_id == rows.ids[0]

            # A click on the Team heading sorts by team.
            team_x = sum(rows.widths[key] + 2 for key in ("process", "readiness", "review"))
            await pilot.click(RowList, offset=(team_x + 2, 0))
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, LibraryScreen)
            assert screen.sort == "team"
            teams = [str(rows.get_cell(pid, "team")) for pid in rows.ids]
            assert teams == sorted(teams, key=str.casefold)
            summary = str(screen.query_one("#library-summary", Static).render())
            assert f"{COUNT}/{COUNT} shown" in summary and "sorted by team" in summary
            assert isinstance(app.focused, RowList | Input)
    finally:
        app.library.store.close()


def test_the_row_index_never_makes_the_filter_wait() -> None:
    index = RowIndex()
    assert index.matching_now("omega") is None  # not built yet: the caller uses a worker
    index.build([listing_of(document(number), 1) for number in range(30)])
    found = index.matching_now("omega")
    assert found is not None and set(found) == {f"process-{n:03}" for n in range(0, 30, 3)}

    busy, release = threading.Event(), threading.Event()

    def hold() -> None:
        with index._lock:
            busy.set()
            release.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        busy.wait(5)
        assert index.matching_now("omega") is None  # being changed: no waiting
    finally:
        release.set()
        holder.join()
    assert index.matching_now("omega") is not None


async def test_a_damaged_row_is_reported_with_or_without_a_cache(tmp_path: Path) -> None:
    db = tmp_path / "damaged.db"
    with ProcessStore.open(db) as store:
        store.save_many([document(number) for number in range(5)])
    with closing(sqlite3.connect(db)) as raw:
        raw.execute("UPDATE process SET decision_tree = 'oops' WHERE id = 'process-002'")
        raw.commit()
    for run in ("fresh", "from the cache"):
        app = create_app(
            db, today=TODAY, drafts_folder=tmp_path / "drafts", cache_folder=tmp_path / "cache"
        )
        warnings: list[str] = []

        def record(message: Message) -> None:
            if isinstance(message, Notify) and message.notification.severity == "warning":
                warnings.append(message.notification.message)  # noqa: B023

        try:
            async with app.run_test(size=SIZE, message_hook=record) as pilot:
                await settle(pilot)
                assert library_list(app).ids == [f"process-{n:03}" for n in (0, 1, 3, 4)], run
                assert any("'process-002'" in warning for warning in warnings), run
        finally:
            app.library.close()
        assert any((tmp_path / "cache").iterdir())
