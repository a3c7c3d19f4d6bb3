"""The library: every process with its live readiness, filterable, the workbench's home.

It paints first and fills in after: the rows come from one cheap query, readiness badges
from the cache or, as the checker gets through the library, in batches, with a progress
line meanwhile; the full load starts once the rows are painted. The filter box has the
focus, so typing filters (it never fires a shortcut) and Up/Down move the list. A keystroke
searches the rows in memory where it is handled (in a worker while the row index is being
built, keystrokes typed meanwhile coalesced into one more run) and hands the matching ids to
the list, which draws only the rows that come on screen.
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Header, Input, Static

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
    MAX_TITLE,
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
    badges_of,
    row_cells,
    unreadable_warning,
)
from kt_workbench.tui.widgets.footer import KeyBar
from kt_workbench.tui.widgets.row_list import RowList

if TYPE_CHECKING:
    from kt_workbench.tui.app import KtwApp

# The full load starts once the rows are painted, or after this long if no paint is seen
# (a screen hidden behind another one may not repaint).
PAINT_WAIT_SECONDS = 2.0


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
        self._counts: dict[str, int] | None = None  # badges by readiness, for the summary
        self._sorted: list[str] | None = None  # every id in the sort order
        self._hint = ""  # the hint shown under the toolbar, if any
        self._summary = ""
        # Set once the first rows are on screen: the full load waits for it, so its work
        # never competes with painting them.
        self.rows_painted = threading.Event()

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
        # Every process, or the filter's matches: a list of ids drawn on demand, so neither
        # the first paint nor a keystroke builds thousands of rows; only the rows that come
        # on screen are drawn, each once until it changes.
        yield RowList(COLUMNS, self.cells_of, id="processes")
        yield Static("", id="library-empty", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "KT Workbench"
        self.sub_title = "Process library"
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
        self.rows_painted.wait(PAINT_WAIT_SECONDS)
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
        warning = unreadable_warning(library.store.unreadable)
        if warning:
            self.app.call_from_thread(self.notify, warning, severity="warning", timeout=30)
        library.warm()
        # And what warming built (a word set per process, millions of references): each
        # full pass of the collector would otherwise walk them all, 40 ms in the middle of
        # a keystroke every second or so.
        gc.freeze()

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
        self._counts = None
        self.loaded = True
        if len(self.badges) < len(self.rows):
            self.progress = "checking…"
        self._sorted = None
        self.show_matches()
        self.call_after_refresh(self.rows_painted.set)

    def on_reports_ready(self, message: ReportsReady) -> None:
        self.badges.update(message.badges)
        self.progress = (
            ""
            if message.done >= message.total
            else (f"checking {message.done:,}/{message.total:,}")
        )
        self._counts = None
        self.table.forget(message.badges)
        if message.done >= message.total and (self.sort == "readiness" or self.filter.readiness):
            self._sorted = None
            self.show_matches()
        self.show_summary()

    def on_rows_changed(self, message: RowsChanged) -> None:
        for process_id, row in message.rows.items():
            if row is None:
                self.rows.pop(process_id, None)
                self.badges.pop(process_id, None)
            else:
                self.rows[process_id] = row
        self.badges.update(message.badges)
        self._counts = None
        self._sorted = None
        self.table.forget(message.rows.keys() | message.badges.keys())
        if self.filter.text:
            self.filter_now(self.query_one("#filter", Input).value, again=True)
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
        """Process and Readiness always fit: the title gives way first, then the rest; on a
        wide terminal the title takes the room every column leaves (titles that share a long
        beginning differ at their end)."""
        every_other = sum(WIDTHS[key] + 2 for key in WIDTHS if key != "process") + 4
        title = min(MAX_TITLE, width - every_other)
        if title < WIDTHS["process"]:
            others = sum(WIDTHS[key] + 2 for key in ("readiness", "review")) + 4
            title = max(MIN_TITLE, min(WIDTHS["process"], width - others))
        if title == self.title_width:
            return
        self.title_width = title
        self.table.set_column_width("process", title)

    def row_cells(self, row: ProcessListing) -> tuple[Text, ...]:
        return row_cells(row, self.badges.get(row.id), self.title_width, self.today)

    def cells_of(self, process_id: str) -> tuple[Text, ...]:
        row = self.rows.get(process_id)
        return () if row is None else self.row_cells(row)

    def sorted_ids(self) -> list[str]:
        """Every process in the current sort order (kept until a row, badge or sort changes)."""
        if self._sorted is None:
            order = SORTS[self.sort]
            self._sorted = sorted(
                self.rows, key=lambda pid: order(self.rows[pid], self.badges.get(pid))
            )
        return self._sorted

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

    def show_matches(self) -> None:
        """Show every process (no filter) or the filter's matches."""
        table = self.table
        shown = self.sorted_ids() if self.filter.empty else self.matching_ids()
        self.matched = len(shown)
        table.set_ids(shown)
        if self.filter.empty:
            self.show_hint(EMPTY_HINT if self.loaded and not self.rows else "")
        else:
            self.show_hint("" if shown else NO_MATCH_HINT)
        self.show_summary()

    def show_hint(self, hint: str) -> None:
        """The line under the toolbar ("" hides it), changed only when it changes: each change
        lays the screen out again."""
        if hint == self._hint:
            return
        self._hint = hint
        empty = self.query_one("#library-empty", Static)
        empty.display = bool(hint)
        if hint:
            empty.update(hint)

    @property
    def table(self) -> RowList:
        return self.query_one("#processes", RowList)

    def shown_table(self) -> RowList:
        """The list on screen: every process, or the filter's matches."""
        return self.table

    def show_summary(self) -> None:
        if self._counts is None:
            self._counts = {"ready": 0, "needs-work": 0, "not-ready": 0}
            for _, level in self.badges.values():
                self._counts[level] = self._counts.get(level, 0) + 1
        counts = self._counts
        # Progress first: on a narrow terminal the end of the line is cut.
        summary = (f"{self.progress} · " if self.progress else "") + (
            f"{self.matched:,}/{len(self.rows):,} shown · "
            f"{counts['ready']:,} ready · {counts['needs-work']:,} need work · "
            f"{counts['not-ready']:,} not ready · sorted by {self.sort}"
        )
        if summary != self._summary:
            # A fixed-size box: new text never needs the screen laid out again.
            self._summary = summary
            self.query_one("#library-summary", Static).update(summary, layout=False)

    def selected_id(self) -> str | None:
        return self.table.cursor_id

    # --- filter and sort ----------------------------------------------------------------------

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.filter_now(event.value)

    def filter_now(self, value: str, again: bool = False) -> None:
        """Filter for ``value``: here and now when the row index is free (a search of the
        rows in memory, milliseconds), else in a worker, so a keystroke never waits for the
        index being built. Keystrokes that come while a worker filters are coalesced into
        one run when it is done (see ``on_filter_matched``); ``again``: the rows changed,
        so the same text is filtered anew."""
        if value == self.filtered_value and not again and not self._filter_running:
            return
        if not self._filter_running:
            wanted = parse_filter(value)
            ids = self.row_index.matching_now(wanted.text) if wanted.text else None
            if ids is not None or not wanted.text:
                self.show_filtered(value, ids)
                return
            self._filter_running = True
            self.run_filter(value)

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
        self.show_filtered(message.value, message.ids)

    def show_filtered(self, value: str, ids: list[str] | None) -> None:
        self.filter = parse_filter(value)
        self.text_matches = ids
        self.show_matches()
        self.filtered_value = value

    def on_row_list_header_selected(self, event: RowList.HeaderSelected) -> None:
        sort = SORT_FOR_COLUMN.get(event.column_key)
        if sort is not None:
            self.sort_by(sort)

    def action_cycle_sort(self) -> None:
        names = list(SORTS)
        self.sort_by(names[(names.index(self.sort) + 1) % len(names)])

    def sort_by(self, sort: str) -> None:
        self.sort = sort
        self._sorted = None
        self.show_matches()

    def action_cursor(self, direction: str) -> None:
        table = self.shown_table()
        getattr(table, f"action_{'cursor_' if direction in ('up', 'down') else ''}{direction}")()

    # --- actions ------------------------------------------------------------------------------

    @on(RowList.Selected)
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
