"""What a command shows on a terminal while it works through a large library.

The first ``ktw list`` (or ``check``, or ``search readiness:...``) of a library with no
usable cache checks every process, and the first ``ktw search`` indexes it: seconds at
5,000. ``checking_bar`` gives a callback to the code that checks; the bar, like the
indexing line, appears on standard error only when that is a terminal and the library is
large, so output piped or read by a program is never touched.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from kt_workbench.library import Library

BAR_FROM = 500
# Redrawing the bar for every process would cost more than the checking it shows.
STEP = 25
# Below this many processes the index is built before anyone would wonder.
SAY_INDEXING_FROM = 1000

Badges = dict[str, tuple[int, str]]


class CheckingBar:
    """A callback ``(done, total, ...)``, as the checkers report, drawing a bar once at
    least ``BAR_FROM`` processes are left to check."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: click._termui_impl.ProgressBar[int] | None = None
        self.shown = 0

    def __call__(self, done: int, total: int, *_: object) -> None:
        if self.bar is None:
            if total - done < BAR_FROM or not sys.stderr.isatty():
                return
            self.bar = click.progressbar(
                length=total, label=self.label, file=sys.stderr, show_pos=True
            )
            self.bar.__enter__()
            self.shown = 0
        if done - self.shown >= STEP or done >= total:
            self.bar.update(done - self.shown)
            self.shown = done

    def close(self) -> None:
        if self.bar is not None:
            with suppress(Exception):
                self.bar.__exit__(None, None, None)


@contextmanager
def checking_bar(label: str = "Checking") -> Iterator[CheckingBar]:
    """A ``CheckingBar`` for as long as the block runs."""
    bar = CheckingBar(label)
    try:
        yield bar
    finally:
        bar.close()


def every_badge(library: Library, sequence: int, versions: dict[str, int]) -> Badges:
    """Every process's ``(score, readiness)``: from the cache when it holds them all for this
    library state, else from checking the library (reports only, no search index; cached
    for the next command), with the bar."""
    badges = library.cached_badges(sequence, versions)
    if all(process_id in badges for process_id in versions):
        return badges
    with checking_bar() as bar:
        library.load(bar, index=False)
    reports = library.snapshot().reports
    return {pid: (report.score, str(report.readiness)) for pid, report in reports.items()}


def say_writing(count: int) -> None:
    """A line on a terminal's stderr before a large handover pack is written (seconds: a
    minute for a web page of 5,000 processes)."""
    if count >= BAR_FROM and sys.stderr.isatty():
        click.echo(f"Writing a handover pack of {count:,} processes…", err=True)


def say_indexing(count: int) -> None:
    """A line on a terminal's stderr while a large library is indexed for the first time."""
    if count >= SAY_INDEXING_FROM and sys.stderr.isatty():
        click.echo(
            f"Indexing {count:,} processes for search (once: later searches read the cache)…",
            err=True,
        )
