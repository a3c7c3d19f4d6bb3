"""A progress bar on the terminal while a command checks a large library.

The first ``ktw list`` (or ``check``, or ``search readiness:...``) of a library with no
usable cache checks every process: seconds at 5,000. ``checking_bar`` gives a callback to
the code that checks; the bar appears on standard error only when that is a terminal and
there are at least ``BAR_FROM`` processes to check, so output piped or read by a program is
never touched.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

import click

BAR_FROM = 500
# Redrawing the bar for every process would cost more than the checking it shows.
STEP = 25

Checking = Callable[..., None]  # (done, total, *anything) as the checkers report it


@contextmanager
def checking_bar(label: str = "Checking") -> Iterator[Checking]:
    """A callback ``(done, total, ...)`` that draws a bar for as long as the block runs."""
    state: dict[str, Any] = {"bar": None, "shown": 0}

    def advance(done: int, total: int, *_: object) -> None:
        bar = state["bar"]
        if bar is None:
            if total - done < BAR_FROM or not sys.stderr.isatty():
                return
            bar = state["bar"] = click.progressbar(
                length=total, label=label, file=sys.stderr, show_pos=True
            )
            bar.__enter__()
            state["shown"] = 0
        if done - state["shown"] >= STEP or done >= total:
            bar.update(done - state["shown"])
            state["shown"] = done

    try:
        yield advance
    finally:
        if state["bar"] is not None:
            with suppress(Exception):
                state["bar"].__exit__(None, None, None)
