"""Readiness across the library, and which processes to hand over first."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, Static

from kt_workbench.checker import RULES_BY_CODE, CheckerConfig, LibraryFinding, LibrarySummary
from kt_workbench.display import clip_middle
from kt_workbench.library import LibrarySnapshot
from kt_workbench.model import SECTION_NAMES, ProcessDocument
from kt_workbench.tui.widgets.footer import KeyBar
from kt_workbench.tui.widgets.readiness_badge import STYLES, readiness_text

if TYPE_CHECKING:
    from kt_workbench.tui.app import KtwApp

BAR_WIDTH = 30
COMMON_FINDINGS = 8
NARROW_WIDTH = 100
GROUP_SEPARATOR = "\x1f"  # cannot be part of a process id
NO_ROW = "\x1e"  # the key of a table's "none" line: not a process id either
TITLE = 38  # the width of the tables' Process column
NO_FIRST_WAVE = "No high-volume process is ready yet."
NO_PAYS_MOST = "Every high-volume process is ready."
OVERDUE_REVIEW_RULE = "KT105"  # the checker's "the review is overdue" finding


@dataclass(frozen=True)
class WaveRow:
    id: str
    title: str
    team: str
    volume: int
    score: int
    readiness: str
    review_overdue: bool = False


@dataclass(frozen=True)
class CommonFinding:
    rule: str
    title: str
    count: int
    processes: int


@dataclass(frozen=True)
class LibraryOverview:
    """What the dashboard shows, computed off the UI thread from one snapshot."""

    summary: LibrarySummary
    section_averages: dict[str, float]
    common_findings: tuple[CommonFinding, ...]
    high_volume_from: int | None
    first_wave: tuple[WaveRow, ...]
    pays_most: tuple[WaveRow, ...]
    library_findings: tuple[LibraryFinding, ...]
    titles: dict[str, str]
    teams: dict[str, str]
    overdue_reviews: frozenset[str] = frozenset()


def high_volume_threshold(documents: tuple[ProcessDocument, ...]) -> int | None:
    """The library's median monthly volume: the busier half of the processes is 'high volume'."""
    volumes = [doc.volume_per_month for doc in documents if doc.volume_per_month is not None]
    return math.ceil(statistics.median(volumes)) if volumes else None


def overview_of(snapshot: LibrarySnapshot) -> LibraryOverview:
    reports = tuple(snapshot.reports[doc.id] for doc in snapshot.documents)
    averages = {
        name: statistics.fmean(report.sections[name] for report in reports) if reports else 0.0
        for name in SECTION_NAMES
    }
    counts = Counter(finding.rule for report in reports for finding in report.findings)
    spread = Counter(rule for report in reports for rule in {f.rule for f in report.findings})
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:COMMON_FINDINGS]
    common = tuple(
        CommonFinding(rule, _rule_title(rule), count, spread[rule]) for rule, count in ranked
    )
    threshold = high_volume_threshold(snapshot.documents)
    overdue = frozenset(
        doc.id
        for doc, report in zip(snapshot.documents, reports, strict=True)
        if any(finding.rule == OVERDUE_REVIEW_RULE for finding in report.findings)
    )
    busy = [
        WaveRow(
            doc.id,
            doc.title,
            doc.team,
            doc.volume_per_month,
            report.score,
            report.readiness,
            doc.id in overdue,
        )
        for doc, report in zip(snapshot.documents, reports, strict=True)
        if doc.volume_per_month is not None
        and threshold is not None
        and doc.volume_per_month >= threshold
    ]
    busy.sort(key=lambda row: (-row.volume, row.title.casefold()))
    return LibraryOverview(
        summary=LibrarySummary.of(reports),
        section_averages=averages,
        common_findings=common,
        high_volume_from=threshold,
        first_wave=tuple(row for row in busy if row.readiness == "ready"),
        pays_most=tuple(row for row in busy if row.readiness != "ready"),
        library_findings=snapshot.library_findings,
        titles={doc.id: doc.title for doc in snapshot.documents},
        teams={doc.id: doc.team for doc in snapshot.documents},
        overdue_reviews=overdue,
    )


def section_bars(averages: dict[str, float], config: CheckerConfig) -> Text:
    """One bar per section, coloured by the readiness thresholds the scores are judged by."""
    text = Text()
    for name in SECTION_NAMES:
        value = averages[name]
        if value >= config.ready_min_score:
            style = STYLES["ready"]
        elif value >= config.not_ready_below:
            style = STYLES["needs-work"]
        else:
            style = STYLES["not-ready"]
        filled = round(BAR_WIDTH * value / 100)
        text.append(f"{name.replace('_', ' ').capitalize():<14}")
        text.append("█" * filled, style=style.replace("bold ", ""))
        text.append("░" * (BAR_WIDTH - filled), style="dim")
        text.append(f" {value:5.1f}\n")
    text.rstrip()
    return text


class OverviewLoaded(Message):
    def __init__(self, overview: LibraryOverview) -> None:
        super().__init__()
        self.overview = overview


class DashboardScreen(Screen[None]):
    """Counts, section scores, common findings and the handover waves; Enter opens a process."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="dashboard.close"),
        Binding("enter", "open_process", "Open process", id="dashboard.open"),
        Binding("r", "reload", "Reload", show=False, id="dashboard.reload"),
    ]

    @property
    def workbench(self) -> KtwApp:
        return cast("KtwApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="dashboard"):
            yield Static("Loading…", id="dash-summary")
            with Horizontal(classes="dash-row"):
                with Vertical(classes="dash-panel"):
                    yield Label("Section scores (average over processes)", classes="dash-title")
                    yield Static("", id="dash-sections")
                with Vertical(classes="dash-panel"):
                    yield Label("Most common findings", classes="dash-title")
                    yield DataTable(id="dash-findings", cursor_type="none", zebra_stripes=True)
            yield Static("", id="dash-waves-caption")
            with Horizontal(classes="dash-row"):
                with Vertical(classes="dash-panel"):
                    yield Label("First wave: high volume and ready", classes="dash-title")
                    yield DataTable(id="first-wave", cursor_type="row", zebra_stripes=True)
                with Vertical(classes="dash-panel"):
                    yield Label(
                        "Pays most to document: high volume, not ready", classes="dash-title"
                    )
                    yield DataTable(id="pays-most", cursor_type="row", zebra_stripes=True)
            with Vertical(classes="dash-panel"):
                yield Label("Across processes", classes="dash-title")
                yield Static("", id="dash-library-findings")
                yield DataTable(id="dash-duplicates", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "KT Workbench"
        self.sub_title = "Readiness dashboard"
        findings = self.query_one("#dash-findings", DataTable)
        findings.add_columns("Rule", "What", "Findings", "Processes")
        findings.can_focus = False  # nothing to choose there; Tab goes to the process tables
        for table_id in ("#first-wave", "#pays-most"):
            table = self.query_one(table_id, DataTable)
            table.add_column("Process", width=TITLE, key="process")
            table.add_column("Volume", key="volume")
            table.add_column("Readiness", key="readiness")
        duplicates = self.query_one("#dash-duplicates", DataTable)
        duplicates.add_column("#", key="group")
        duplicates.add_column("Process", width=TITLE, key="process")
        duplicates.add_column("Id", key="id")
        duplicates.add_column("Team", key="team")
        self.fit_layout(self.app.size.width)
        self._waiting = self.set_interval(0.5, self.show_checking)
        self.reload()

    def show_checking(self) -> None:
        """While the library's first load checks every process, say how far it is."""
        checking = self.workbench.library.checking()
        if checking is not None:
            done, total = checking
            self.query_one("#dash-summary", Static).update(
                f"Checking the library: {done:,} of {total:,} processes…"
            )

    def on_resize(self, event: Resize) -> None:
        self.fit_layout(event.size.width)

    def fit_layout(self, width: int) -> None:
        """Below 100 columns the paired panels stack, so nothing is cut to a few letters."""
        self.set_class(width < NARROW_WIDTH, "-narrow")

    @work(thread=True, exclusive=True, exit_on_error=False, group="dashboard")
    def reload(self) -> None:
        self.post_message(OverviewLoaded(overview_of(self.workbench.library.snapshot())))

    def action_reload(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def on_overview_loaded(self, message: OverviewLoaded) -> None:
        self._waiting.stop()
        overview = message.overview
        summary = overview.summary
        counts = summary.counts
        self.query_one("#dash-summary", Static).update(
            Text.assemble(
                (f"{summary.processes:,} processes", "bold"),
                "   ",
                (f"{counts['ready']:,} ready", STYLES["ready"]),
                "   ",
                (f"{counts['needs-work']:,} need work", STYLES["needs-work"]),
                "   ",
                (f"{counts['not-ready']:,} not ready", STYLES["not-ready"]),
                "   average score ",
                (f"{summary.average_score:.1f}", "bold"),
                (
                    f"   {len(overview.overdue_reviews):,} review"
                    f"{'' if len(overview.overdue_reviews) == 1 else 's'} overdue"
                    if overview.overdue_reviews
                    else "",
                    STYLES["needs-work"],
                ),
            )
        )
        self.query_one("#dash-sections", Static).update(
            section_bars(overview.section_averages, self.workbench.library.config)
        )
        findings = self.query_one("#dash-findings", DataTable)
        findings.clear()
        for item in overview.common_findings:
            findings.add_row(
                Text(item.rule), Text(item.title), _right(item.count), _right(item.processes)
            )
        threshold = overview.high_volume_from
        self.query_one("#dash-waves-caption", Static).update(
            "No process has a monthly volume yet: set volume_per_month to plan the waves."
            if threshold is None
            else f"High volume: {threshold:,} or more contacts a month, the library's median."
        )
        # Without volumes the caption above says why both are empty.
        planned = threshold is not None
        self.fill_wave("#first-wave", overview.first_wave, NO_FIRST_WAVE if planned else "")
        self.fill_wave("#pays-most", overview.pays_most, NO_PAYS_MOST if planned else "")
        self.query_one("#dash-library-findings", Static).update(
            _library_findings(overview)
            if overview.library_findings
            else "No near-duplicate processes."
        )
        self.fill_duplicates(overview)

    def fill_duplicates(self, overview: LibraryOverview) -> None:
        """One row per process of each near-duplicate group: its id tells look-alikes apart,
        and Enter opens it."""
        table = self.query_one("#dash-duplicates", DataTable)
        table.clear()
        table.display = bool(overview.library_findings)
        for number, finding in enumerate(overview.library_findings, start=1):
            for process_id in finding.process_ids:
                table.add_row(
                    _right(number),
                    Text(clip_middle(overview.titles.get(process_id, process_id), TITLE)),
                    Text(process_id),
                    Text(overview.teams.get(process_id, "")),
                    key=f"{number}{GROUP_SEPARATOR}{process_id}",
                )

    def fill_wave(self, table_id: str, rows: tuple[WaveRow, ...], none: str) -> None:
        """The wave's processes, or the line ``none`` saying why there are none (Enter
        ignores it)."""
        table = self.query_one(table_id, DataTable)
        table.clear()
        if not rows and none:
            table.add_row(Text(none, style="dim"), Text(""), Text(""), key=NO_ROW)
        for row in rows:
            table.add_row(
                Text(clip_middle(row.title, TITLE)),
                _right(f"{row.volume:,}"),
                Text.assemble(
                    readiness_text(row.score, row.readiness),
                    ("  overdue", STYLES["needs-work"]) if row.review_overdue else "",
                ),
                key=row.id,
            )

    @on(DataTable.RowSelected)
    def row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value not in (None, NO_ROW):
            self.workbench.open_editor(_process_id(event.row_key.value))

    def action_open_process(self) -> None:
        table = self.focused
        if isinstance(table, DataTable) and table.cursor_type == "row" and table.row_count:
            row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
            if row_key.value not in (None, NO_ROW):
                self.workbench.open_editor(_process_id(row_key.value))

    def action_close(self) -> None:
        self.dismiss()


def _process_id(row_key: str) -> str:
    """Duplicate rows are keyed 'group<sep>id' (a process may be in two groups)."""
    return row_key.split(GROUP_SEPARATOR, 1)[-1]


def _rule_title(code: str) -> str:
    rule = RULES_BY_CODE.get(code)
    return rule.title if rule is not None else ""


def _right(value: object) -> Text:
    return Text(str(value), justify="right")


def _library_findings(overview: LibraryOverview) -> Text:
    text = Text()
    for number, finding in enumerate(overview.library_findings, start=1):
        text.append(f"{number}  {finding.rule} ", style="bold")
        text.append(f"{finding.message}\n")
    text.append("The processes are listed below by group; Enter opens one.", style="dim")
    return text
