"""What the library screen draws and the messages its workers send: the columns, the sort
orders, the cells of a row (user text as ``Text``, never markup) and the hints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from rich.text import Text
from textual.message import Message

from kt_workbench.checker import ProcessReport
from kt_workbench.display import clip, clip_middle, visible
from kt_workbench.readmodel.rows import review_overdue
from kt_workbench.store.changes import ProcessListing
from kt_workbench.store.reads import UnreadableProcess
from kt_workbench.tui.widgets.readiness_badge import readiness_text

# (key, heading, width); Process takes what the terminal leaves once Readiness is placed.
COLUMNS = (
    ("process", "Process", 44),
    ("readiness", "Readiness", 15),
    ("review", "Review", 8),
    ("team", "Team", 20),
    ("owner", "Owner", 18),
    ("status", "Status", 9),
    ("volume", "Volume", 7),
)
WIDTHS = {key: width for key, _, width in COLUMNS}
MIN_TITLE = 16
# The widest the title column grows on a wide terminal.
MAX_TITLE = 90
EMPTY_HINT = (
    "The library is empty. Press n (in the list) or Ctrl+P → New process to write one, "
    "or import files from a shell: ktw import PATH"
)
NO_MATCH_HINT = (
    "No process matches the filter. Words match title, team, owner and tags (a typo is "
    "forgiven); ready, needs-work, not-ready and overdue match exactly. Ctrl+U clears it."
)
SORTS: dict[str, Callable[[ProcessListing, tuple[int, str] | None], tuple[object, ...]]] = {
    "title": lambda row, badge: (row.title.casefold(), row.id),
    "readiness": lambda row, badge: (badge[0] if badge else 1000, row.title.casefold()),
    "team": lambda row, badge: (row.team.casefold(), row.title.casefold()),
    "owner": lambda row, badge: (row.owner.casefold(), row.title.casefold()),
    "volume": lambda row, badge: (-(row.volume_per_month or 0), row.title.casefold()),
}
SORT_FOR_COLUMN = {"process": "title", "readiness": "readiness", "team": "team"}
SORT_FOR_COLUMN |= {"owner": "owner", "volume": "volume"}


Badge = tuple[int, str]  # (score, readiness)


def badges_of(reports: dict[str, ProcessReport]) -> dict[str, Badge]:
    return {pid: (report.score, str(report.readiness)) for pid, report in reports.items()}


class ListingLoaded(Message):
    def __init__(self, rows: list[ProcessListing], badges: dict[str, Badge]) -> None:
        super().__init__()
        self.rows = rows
        self.badges = badges


class ReportsReady(Message):
    """A batch of readiness badges; ``done`` of ``total`` processes are checked."""

    def __init__(self, badges: dict[str, Badge], done: int, total: int) -> None:
        super().__init__()
        self.badges = badges
        self.done = done
        self.total = total


class FilterMatched(Message):
    def __init__(self, value: str, ids: list[str] | None) -> None:
        super().__init__()
        self.value = value
        self.ids = ids  # None: no text to search, every row passes the text part


class RowsChanged(Message):
    def __init__(self, rows: dict[str, ProcessListing | None], badges: dict[str, Badge]):
        super().__init__()
        self.rows = rows
        self.badges = badges


def badge_cell(badge: Badge | None) -> Text:
    if badge is None:
        return Text("…", style="dim")  # not checked yet
    return readiness_text(*badge)


def row_cells(
    row: ProcessListing, badge: Badge | None, title_width: int, today: dt.date
) -> tuple[Text, ...]:
    volume = "" if row.volume_per_month is None else f"{row.volume_per_month:,}"
    return (
        Text(clip_middle(row.title, title_width)),
        badge_cell(badge),
        Text("overdue", style="bold") if review_overdue(row, today) else Text(""),
        Text(clip(row.team, WIDTHS["team"])),
        Text(clip(row.owner, WIDTHS["owner"])),
        Text(row.status),
        Text(volume, justify="right"),
    )


def unreadable_warning(problems: Sequence[UnreadableProcess], shown: int = 3) -> str:
    """What the workbench says about stored processes it could not read (it lists the
    others), as ``ktw`` commands do; empty when there are none."""
    if not problems:
        return ""
    named = "; ".join(f"'{visible(p.id)}': {visible(p.problem)}" for p in problems[:shown])
    more = f" and {len(problems) - shown} more" if len(problems) > shown else ""
    return f"Stored processes that cannot be read were left out: {named}{more}"
