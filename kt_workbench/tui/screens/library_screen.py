"""The library: every process with its live readiness, filterable, the workbench's home."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from kt_workbench.display import clip
from kt_workbench.library import LibrarySnapshot
from kt_workbench.tui.messages import LibraryLoaded
from kt_workbench.tui.widgets.readiness_badge import readiness_text

if TYPE_CHECKING:
    from kt_workbench.tui.app import KtwApp

COLUMNS = (
    ("Process", 44),
    ("Team", 20),
    ("Owner", 18),
    ("Status", 9),
    ("Volume", 7),
    ("Readiness", 15),
)


class LibraryScreen(Screen[None]):
    """Lists processes; Enter opens one in the editor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority, so Enter opens the highlighted process from the filter box too.
        Binding("enter", "open_process", "Open", priority=True, id="library.open"),
        Binding("n", "new_process", "New", id="library.new"),
        Binding("slash", "search", "Search", id="library.search"),
        Binding("d", "dashboard", "Dashboard", id="library.dashboard"),
        Binding("e", "export", "Export", id="library.export"),
        Binding("delete", "delete_process", "Delete", id="library.delete"),
        Binding("f", "focus_filter", "Filter", show=False, id="library.filter"),
        Binding("r", "reload", "Reload", show=False, id="library.reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.snapshot: LibrarySnapshot | None = None

    @property
    def workbench(self) -> KtwApp:
        return cast("KtwApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="library-toolbar"):
            yield Input(placeholder="Filter by title, team, owner or readiness…", id="filter")
            yield Static("", id="library-summary")
        yield DataTable(id="processes", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "KT Workbench"
        self.sub_title = "Process library"
        table = self.query_one("#processes", DataTable)
        for column, width in COLUMNS:
            table.add_column(column, width=width, key=column.lower())
        table.focus()
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    @work(thread=True, exclusive=True, exit_on_error=False, group="library-load")
    def reload(self) -> None:
        self.post_message(LibraryLoaded(self.workbench.library.snapshot()))

    def action_reload(self) -> None:
        self.reload()

    def on_library_loaded(self, message: LibraryLoaded) -> None:
        self.snapshot = message.snapshot
        self.refresh_table()

    @on(Input.Changed, "#filter")
    def refresh_table(self) -> None:
        if self.snapshot is None:
            return
        table = self.query_one("#processes", DataTable)
        selected = self.selected_id()
        needle = self.query_one("#filter", Input).value.strip().casefold()
        table.clear()
        shown = 0
        for doc in self.snapshot.documents:
            report = self.snapshot.reports.get(doc.id)
            readiness = str(report.readiness) if report else ""
            haystack = " ".join((doc.title, doc.team, doc.owner, doc.status, readiness)).casefold()
            if needle and not all(word in haystack for word in needle.split()):
                continue
            table.add_row(
                clip(doc.title, WIDTHS["process"]),
                clip(doc.team, WIDTHS["team"]),
                clip(doc.owner, WIDTHS["owner"]),
                doc.status,
                Text(
                    "" if doc.volume_per_month is None else f"{doc.volume_per_month:,}",
                    justify="right",
                ),
                readiness_text(report.score if report else None, readiness or None),
                key=doc.id,
            )
            shown += 1
        if selected is not None and selected in table.rows:
            table.move_cursor(row=table.get_row_index(selected))
        counts = {"ready": 0, "needs-work": 0, "not-ready": 0}
        for report in self.snapshot.reports.values():
            counts[str(report.readiness)] = counts.get(str(report.readiness), 0) + 1
        total = len(self.snapshot.documents)
        self.query_one("#library-summary", Static).update(
            f"{shown}/{total} shown · {counts['ready']} ready · "
            f"{counts['needs-work']} need work · {counts['not-ready']} not ready"
        )

    def selected_id(self) -> str | None:
        table = self.query_one("#processes", DataTable)
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value

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

    def action_delete_process(self) -> None:
        process_id = self.selected_id()
        if process_id is not None:
            self.workbench.confirm_delete(process_id)


WIDTHS = {name.lower(): width for name, width in COLUMNS}
