"""The library: every process with its live readiness, filterable, the workbench's home.

It paints first and fills in after: the rows come from one cheap query, readiness badges
from the cache or, as the checker gets through the library, in batches, with a progress
line meanwhile. The filter box has the focus, so typing filters (it never fires a shortcut)
and Up/Down move the list; the filter runs in a worker (keystrokes typed while it runs are
coalesced into one more run) and the table is refilled only with the matching rows.
"""

from __future__ import annotations

import datetime as dt
import gc
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static
from textual.widgets.data_table import ColumnKey

from kt_workbench.readmodel.rows import (
    FUZZY_FROM,
    RowFilter,
    RowIndex,
    listing_of,
    parse_filter,
    review_overdue,
)
from kt_workbench.store.changes import ProcessListing
from kt_workbench.tui.screens.library_rows import (
    COLUMNS,
    EMPTY_HINT,
    MAX_MATCHES,
    MIN_TITLE,
    NO_MATCH_HINT,
    SORT_FOR_COLUMN,
    SORTS,
    WIDTHS,
    Badge,
    FilterMatched,
    ListingLoaded,
    ReportsReady,
    RowsChanged,
    badge_cell,
    badges_of,
    row_cells,
)

if TYPE_CHECKING:
    from kt_workbench.tui.app import KtwApp


class LibraryScreen(Screen[None]):
    """Lists processes; Enter opens one in the editor."""

    # The filter box has the focus and takes every printable key, so each action has a key
    # that works from there too (listed first, shown in the Footer); the letters work once
    # the list has the focus (Tab).
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority, so Enter opens the highlighted process from the filter box too.
        Binding("enter", "open_process", "Open", priority=True, id="library.open"),
        Binding("ctrl+n,n", "new_process", "New", id="library.new"),
        Binding("f2,slash", "search", "Search", id="library.search"),
        Binding("f3,d", "dashboard", "Dashboard", id="library.dashboard"),
        Binding("f4,e", "export", "Export", id="library.export"),
        Binding("f5,r", "reload", "Reload", id="library.reload"),
        Binding("f6,s", "cycle_sort", "Sort", id="library.sort"),
        Binding("delete", "delete_process", "Delete", show=False, id="library.delete"),
        Binding("f7,c", "duplicate_process", "Duplicate", show=False, id="library.duplicate"),
        Binding("f,escape", "focus_filter", "Filter", show=False, id="library.filter"),
        # The filter box does not use Up/Down: they move the list from there.
        Binding("down", "cursor('down')", "Next", show=False, id="library.down"),
        Binding("up", "cursor('up')", "Previous", show=False, id="library.up"),
        Binding("pagedown", "cursor('page_down')", "Page down", show=False, id="library.page-down"),
        Binding("pageup", "cursor('page_up')", "Page up", show=False, id="library.page-up"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, ProcessListing] = {}
        self.badges: dict[str, Badge] = {}
        self.row_index = RowIndex()
        self.sort = "title"
        self.filter = RowFilter()
        self.text_matches: list[str] | None = None
        self.progress = ""
        self.loaded = False
        self._filter_running = False
        self.matched = 0
        self.title_width = WIDTHS["process"]
        self.filtered_value = ""  # the filter the rows now show

    @property
    def workbench(self) -> KtwApp:
        return cast("KtwApp", self.app)

    @property
    def today(self) -> dt.date:
        return self.workbench.library.today

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="library-toolbar"):
            yield Input(placeholder="Filter: title, team, owner, tag, ready, overdue…", id="filter")
            yield Static("", id="library-summary", markup=False)
        # Every process, built once and then changed row by row; a filter shows its matches in
        # a second table, so typing never rebuilds the thousands of rows of the first.
        yield DataTable(id="processes", cursor_type="row", zebra_stripes=True)
        yield DataTable(id="matches", cursor_type="row", zebra_stripes=True)
        yield Static("", id="library-empty", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "KT Workbench"
        self.sub_title = "Process library"
        for table in self.query(DataTable):
            for key, heading, width in COLUMNS:
                table.add_column(heading, width=width, key=key)
        self.query_one("#matches").display = False
        self.query_one("#library-empty").display = False
        self.query_one("#filter", Input).focus()
        self.fit_columns(self.app.size.width)
        self.load_listing()

    # --- loading ------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="library-load")
    def load_listing(self) -> None:
        """Rows first (one query), cached badges with them; then the full load in the
        background, reporting checked batches as they come."""
        library = self.workbench.library
        sequence, rows = library.listing()
        versions = {row.id: row.version for row in rows}
        self.post_message(ListingLoaded(rows, library.cached_badges(sequence, versions)))
        self.row_index.build(rows)
        library.load(
            lambda done, total, batch: self.post_message(
                ReportsReady(badges_of(batch), done, total)
            )
        )
        # The library is now millions of long-lived objects; left to the cyclic collector,
        # each of its full passes walks them all (tenths of a second, while typing).
        gc.freeze()
        # Anything committed between the listing and the load is caught up here.
        loaded = library.versions()
        differing = {
            pid for pid in loaded.keys() | versions.keys() if loaded.get(pid) != versions.get(pid)
        }
        self.changes_applied(library.refresh() | differing)
        library.warm()

    def changes_applied(self, changed: set[str]) -> None:
        """Post the current rows and reports of ``changed`` (from a worker thread)."""
        if not changed:
            return
        library = self.workbench.library
        snapshot = library.snapshot()
        versions = library.versions()
        rows: dict[str, ProcessListing | None] = {}
        for process_id in changed:
            document = snapshot.document(process_id)
            rows[process_id] = (
                None if document is None else listing_of(document, versions.get(process_id, 0))
            )
        reports = {pid: snapshot.reports[pid] for pid in changed if pid in snapshot.reports}
        badges = badges_of(reports)
        for process_id, row in rows.items():
            if row is None:
                self.row_index.remove(process_id)
            else:
                self.row_index.update(row)
        self.post_message(RowsChanged(rows, badges))

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.catch_up()

    @work(thread=True, exit_on_error=False, group="library-catch-up")
    def catch_up(self) -> None:
        self.changes_applied(self.workbench.library.refresh())

    def rows_changed(self, changed: set[str]) -> None:
        """The app applied changes from the store: refresh those rows."""
        self.refresh_rows(changed)

    @work(thread=True, exit_on_error=False, group="library-rows")
    def refresh_rows(self, changed: set[str]) -> None:
        self.changes_applied(changed)

    def on_listing_loaded(self, message: ListingLoaded) -> None:
        self.rows = {row.id: row for row in message.rows}
        self.badges = dict(message.badges)
        self.loaded = True
        if len(self.badges) < len(self.rows):
            self.progress = "checking…"
        self.fill_all()
        self.show_matches()

    def on_reports_ready(self, message: ReportsReady) -> None:
        self.badges.update(message.badges)
        self.progress = (
            ""
            if message.done >= message.total
            else (f"checking {message.done:,}/{message.total:,}")
        )
        for table in self.query(DataTable):
            for process_id in message.badges:
                if process_id in table.rows:
                    table.update_cell(process_id, "readiness", self.readiness_cell(process_id))
        if message.done >= message.total:
            if self.sort == "readiness":
                self.fill_all()
            if self.filter.readiness:
                self.show_matches()
        self.show_summary()

    def on_rows_changed(self, message: RowsChanged) -> None:
        table = self.query_one("#processes", DataTable)
        for process_id, row in message.rows.items():
            if row is None:
                self.rows.pop(process_id, None)
                self.badges.pop(process_id, None)
            else:
                self.rows[process_id] = row
        self.badges.update(message.badges)
        for process_id, row in message.rows.items():
            # Changed in place; a new process goes at the end until the next sort.
            if row is None:
                if process_id in table.rows:
                    table.remove_row(process_id)
            elif process_id in table.rows:
                for (key, _, _), cell in zip(COLUMNS, self.row_cells(row), strict=True):
                    table.update_cell(process_id, key, cell)
            else:
                table.add_row(*self.row_cells(row), key=process_id)
        if self.filter.text and not self._filter_running:
            self._filter_running = True
            self.run_filter(self.query_one("#filter", Input).value)
        else:
            self.show_matches()

    def action_reload(self) -> None:
        self.reload()

    @work(thread=True, exit_on_error=False, group="library-catch-up")
    def reload(self) -> None:
        """Ask the store now for changes (the app also asks every second)."""
        self.changes_applied(self.workbench.library.refresh())
        self.app.call_from_thread(self.notify, "Library reloaded from the store.")

    # --- the table ----------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        self.fit_columns(event.size.width)

    def fit_columns(self, width: int) -> None:
        """Process and Readiness always fit: the title gives way first, then the rest."""
        others = sum(WIDTHS[key] + 2 for key in ("readiness", "review")) + 4
        title = max(MIN_TITLE, min(WIDTHS["process"], width - others))
        if title == self.title_width:
            return
        self.title_width = title
        for table in self.query(DataTable):
            column = table.columns.get(ColumnKey("process"))
            if column is not None:
                column.width = title
            table.refresh()
        if self.loaded:
            self.fill_all()
            self.show_matches()

    def readiness_cell(self, process_id: str) -> Text:
        return badge_cell(self.badges.get(process_id))

    def row_cells(self, row: ProcessListing) -> tuple[Text, ...]:
        return row_cells(row, self.badges.get(row.id), self.title_width, self.today)

    def sorted_ids(self) -> list[str]:
        order = SORTS[self.sort]
        return sorted(self.rows, key=lambda pid: order(self.rows[pid], self.badges.get(pid)))

    def matching_ids(self) -> list[str]:
        """The rows the filter lets through: best text match first, else in sort order."""
        today = self.today
        if self.text_matches is not None:
            candidates = [pid for pid in self.text_matches if pid in self.rows]
            if any(len(word) < FUZZY_FROM for word in self.filter.text.split()):
                order = SORTS[self.sort]  # prefix matches are not ranked: keep the sort
                candidates.sort(key=lambda pid: order(self.rows[pid], self.badges.get(pid)))
        else:
            candidates = self.sorted_ids()
        shown = []
        for process_id in candidates:
            badge = self.badges.get(process_id)
            if self.filter.readiness and (badge is None or badge[1] not in self.filter.readiness):
                continue
            if self.filter.overdue and not review_overdue(self.rows[process_id], today):
                continue
            shown.append(process_id)
        return shown

    def fill_all(self) -> None:
        """(Re)build the table of every process: on load, on sorting and on resizing."""
        table = self.query_one("#processes", DataTable)
        selected = self.selected_id()
        table.clear()
        for process_id in self.sorted_ids():
            table.add_row(*self.row_cells(self.rows[process_id]), key=process_id)
        if selected is not None and selected in table.rows:
            table.move_cursor(row=table.get_row_index(selected), scroll=False)
        empty = self.query_one("#library-empty", Static)
        empty.display = self.loaded and not self.rows
        empty.update(EMPTY_HINT)

    def show_matches(self) -> None:
        """Show every process (no filter) or the filter's matches, at most MAX_MATCHES."""
        everything = self.query_one("#processes", DataTable)
        matches = self.query_one("#matches", DataTable)
        if self.filter.empty:
            self.query_one("#library-empty", Static).display = self.loaded and not self.rows
            matches.display, everything.display = False, True
            if matches.has_focus:
                everything.focus()
            self.matched = len(self.rows)
            self.show_summary()
            return
        shown = self.matching_ids()
        self.matched = len(shown)
        empty = self.query_one("#library-empty", Static)
        empty.display = not shown
        if not shown:
            empty.update(NO_MATCH_HINT)
        matches.clear()
        for process_id in shown[:MAX_MATCHES]:
            matches.add_row(*self.row_cells(self.rows[process_id]), key=process_id)
        focused = everything.has_focus
        everything.display, matches.display = False, True
        if focused:
            matches.focus()
        self.show_summary()

    def shown_table(self) -> DataTable[object]:
        """The table on screen: every process, or the filter's matches."""
        matches = self.query_one("#matches", DataTable)
        return matches if matches.display else self.query_one("#processes", DataTable)

    def show_summary(self) -> None:
        counts = {"ready": 0, "needs-work": 0, "not-ready": 0}
        for _, level in self.badges.values():
            counts[level] = counts.get(level, 0) + 1
        total = len(self.rows)
        shown = min(self.matched, MAX_MATCHES)
        more = (
            f" (first {MAX_MATCHES:,} of {self.matched:,}: type more)"
            if shown < self.matched
            else ""
        )
        summary = (
            f"{shown}/{total} shown{more} · "
            f"{counts['ready']} ready · {counts['needs-work']} need work · "
            f"{counts['not-ready']} not ready · sorted by {self.sort}"
        )
        if self.progress:
            summary += f" · {self.progress}"
        self.query_one("#library-summary", Static).update(summary)

    def selected_id(self) -> str | None:
        table = self.shown_table()
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value

    # --- filter and sort ----------------------------------------------------------------------

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        """The first keystroke filters at once; keystrokes that come while a filter runs are
        coalesced into one run when it is done (see ``on_filter_matched``)."""
        if not self._filter_running:
            self._filter_running = True
            self.run_filter(event.value)

    @work(thread=True, exit_on_error=False, group="library-filter")
    def run_filter(self, value: str) -> None:
        wanted = parse_filter(value)
        ids = self.row_index.matching(wanted.text) if wanted.text else None
        self.post_message(FilterMatched(value, ids))

    def on_filter_matched(self, message: FilterMatched) -> None:
        current = self.query_one("#filter", Input).value
        if message.value != current:
            self.run_filter(current)  # typing went on meanwhile: filter what is there now
            return
        self._filter_running = False
        self.filter = parse_filter(message.value)
        self.text_matches = message.ids
        self.show_matches()
        self.filtered_value = message.value

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        sort = SORT_FOR_COLUMN.get(str(event.column_key.value))
        if sort is not None:
            self.sort = sort
            self.fill_all()
            self.show_matches()

    def action_cycle_sort(self) -> None:
        names = list(SORTS)
        self.sort = names[(names.index(self.sort) + 1) % len(names)]
        self.fill_all()
        self.show_matches()

    def action_cursor(self, direction: str) -> None:
        table = self.shown_table()
        getattr(table, f"action_{'cursor_' if direction in ('up', 'down') else ''}{direction}")()

    # --- actions ------------------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def action_open_process(self) -> None:
        process_id = self.selected_id()
        if process_id is not None:
            self.workbench.open_editor(process_id)

    def action_new_process(self) -> None:
        self.workbench.open_editor(None)

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_search(self) -> None:
        self.workbench.action_search()

    def action_dashboard(self) -> None:
        self.workbench.action_dashboard()

    def action_export(self) -> None:
        self.workbench.action_export()

    def action_duplicate_process(self) -> None:
        from kt_workbench.tui.screens.duplicate_screen import duplicate_process

        process_id = self.selected_id()
        if process_id is not None:
            duplicate_process(self.workbench, process_id)

    def action_delete_process(self) -> None:
        process_id = self.selected_id()
        if process_id is not None:
            self.workbench.confirm_delete(process_id)
