"""Governance: every transition wave with its go/no-go, and the KPIs of live processes with
a chart of the selected one. What is recorded comes from `ktw wave`, `ktw ack` and `ktw kpi`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, Static

from kt_workbench.governance.chart import text_chart
from kt_workbench.governance.facts import live_processes, wave_facts, worst_first
from kt_workbench.governance.kpi import MetricStatus
from kt_workbench.governance.waves import GoNoGo, go_no_go
from kt_workbench.model import ProcessDocument
from kt_workbench.tui.widgets.footer import KeyBar

if TYPE_CHECKING:
    from kt_workbench.tui.app import KtwApp

NO_WAVES = "No transition waves yet. Plan one with: ktw wave create NAME --recipient PROVIDER ID..."
NO_KPIS = "No process has gone live yet. Record one with: ktw kpi go-live ID DATE"


@dataclass(frozen=True)
class GovernanceView:
    """Everything the screen shows, computed in a worker."""

    reports: tuple[GoNoGo, ...]
    kpis: tuple[tuple[ProcessDocument, MetricStatus], ...]
    go_lives: dict[str, dt.date]


def _cell(value: object) -> Text:
    return Text("" if value is None else str(value))


class GovernanceScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="governance.close"),
        Binding("enter", "open_process", "Open process", id="governance.open"),
        Binding("r", "reload", "Reload", id="governance.reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view: GovernanceView | None = None

    @property
    def workbench(self) -> KtwApp:
        return cast("KtwApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="governance"):
            yield Label("Transition waves", classes="dash-title")
            yield Static("Loading…", id="gov-waves-note")
            yield DataTable(id="gov-waves", cursor_type="row", zebra_stripes=True)
            yield Label("Exit gate of the selected wave", classes="dash-title")
            yield DataTable(id="gov-checks", cursor_type="row", zebra_stripes=True)
            yield Static("", id="gov-check-detail")
            yield Label("KPIs after go-live, worst first", classes="dash-title")
            yield Static("", id="gov-kpis-note")
            yield DataTable(id="gov-kpis", cursor_type="row", zebra_stripes=True)
            yield Static("", id="gov-chart")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "KT Workbench"
        self.sub_title = "Governance"
        self.query_one("#gov-waves", DataTable).add_columns(
            "Wave", "Recipient", "Stage", "Processes", "Verdict"
        )
        self.query_one("#gov-checks", DataTable).add_columns("Process", "Check", "Met", "Detail")
        self.query_one("#gov-kpis", DataTable).add_columns(
            "Process", "Metric", "Day", "Latest", "Expected", "Status", "Drift"
        )
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="governance")
    def load(self) -> None:
        library = self.workbench.library
        store = library.store
        today = library.today
        reports = tuple(
            go_no_go(wave, wave_facts(store, wave, library.config), today) for wave in store.waves()
        )
        processes = live_processes(store)
        view = GovernanceView(
            reports,
            tuple(worst_first(processes)),
            {doc.id: live for doc, live, _ in processes if live is not None},
        )
        self.app.call_from_thread(self.show, view)

    def show(self, view: GovernanceView) -> None:
        self.view = view
        waves = self.query_one("#gov-waves", DataTable)
        waves.clear()
        for index, report in enumerate(view.reports):
            wave = report.wave
            verdict = "last stage" if report.next is None else ("GO" if report.go else "NO-GO")
            waves.add_row(
                _cell(wave.name),
                _cell(wave.recipient),
                _cell(wave.stage),
                _cell(len(wave.process_ids)),
                Text(verdict, style="bold" if report.go else ""),
                key=str(index),
            )
        self._note("#gov-waves-note", NO_WAVES if not view.reports else "")
        self.show_checks(0)
        kpis = self.query_one("#gov-kpis", DataTable)
        kpis.clear()
        for index, (document, status) in enumerate(view.kpis):
            kpis.add_row(
                _cell(document.id),
                _cell(status.metric.name),
                _cell(status.day),
                _cell(status.actuals[-1].value if status.actuals else ""),
                _cell(status.expected.show() if status.expected else ""),
                _cell(status.status),
                _cell(status.drift or ""),
                key=str(index),
            )
        self._note("#gov-kpis-note", NO_KPIS if not view.kpis else "")
        self.show_chart(0)

    def _note(self, selector: str, text: str) -> None:
        note = self.query_one(selector, Static)
        note.update(text)
        note.display = bool(text)

    def show_checks(self, index: int) -> None:
        checks = self.query_one("#gov-checks", DataTable)
        checks.clear()
        if self.view is None or not 0 <= index < len(self.view.reports):
            return
        for check in self.view.reports[index].checks:
            checks.add_row(
                _cell(check.process_id),
                _cell(check.criterion),
                Text("yes" if check.passed else "no", style="" if check.passed else "bold"),
                _cell(check.detail),
            )

    def show_chart(self, index: int) -> None:
        chart = self.query_one("#gov-chart", Static)
        if self.view is None or not 0 <= index < len(self.view.kpis):
            chart.update("")
            return
        document, status = self.view.kpis[index]
        live = self.view.go_lives.get(document.id)
        lines = text_chart(status, live.toordinal() if live else None)
        caption = f"{document.id}: {status.metric.name}"
        if status.better:
            caption += f", {status.better} is better"
        chart.update(Text("\n".join([caption, *lines]) if lines else caption))

    @on(DataTable.RowHighlighted, "#gov-waves")
    def _wave_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_checks(event.cursor_row)

    @on(DataTable.RowHighlighted, "#gov-checks")
    def _check_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The whole detail of the selected check, wrapped: the table cuts it when narrow."""
        detail = ""
        waves = self.query_one("#gov-waves", DataTable)
        if self.view is not None and 0 <= waves.cursor_row < len(self.view.reports):
            checks = self.view.reports[waves.cursor_row].checks
            if 0 <= event.cursor_row < len(checks):
                check = checks[event.cursor_row]
                met = "met" if check.passed else "not met"
                detail = f"{check.process_id}, {check.criterion} ({met}): {check.detail}"
        self.query_one("#gov-check-detail", Static).update(Text(detail))

    @on(DataTable.RowHighlighted, "#gov-kpis")
    def _kpi_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_chart(event.cursor_row)

    @on(DataTable.RowSelected, "#gov-kpis, #gov-checks")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_process()

    def action_open_process(self) -> None:
        """Open the process of the selected check or KPI row in the editor."""
        if self.view is None:
            return
        focused = self.focused
        process_id = None
        if isinstance(focused, DataTable) and focused.id == "gov-kpis" and self.view.kpis:
            process_id = self.view.kpis[focused.cursor_row][0].id
        elif isinstance(focused, DataTable) and focused.id == "gov-checks":
            waves = self.query_one("#gov-waves", DataTable)
            if self.view.reports and 0 <= waves.cursor_row < len(self.view.reports):
                checks = self.view.reports[waves.cursor_row].checks
                if 0 <= focused.cursor_row < len(checks):
                    process_id = checks[focused.cursor_row].process_id
        if process_id is not None:
            self.workbench.open_editor(process_id)

    def action_reload(self) -> None:
        self.load()

    def action_close(self) -> None:
        self.dismiss()
