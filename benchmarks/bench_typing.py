"""Typing in the library filter: keystroke to filtered rows in the table.

``python benchmarks/run.py typing --processes 5000 --json`` opens the workbench (headless,
160x45) on a generated library, waits until every readiness badge is in, then types queries
into the filter one key at a time (words from the library's titles, teams and owners, one of
them misspelt, and readiness words) and times each key from the press until the table holds
the rows for the text now in the box and the screen has painted them. ``clear`` is
emptying the box (Ctrl+U): every row back. ``cpu`` is the process's CPU time per keystroke
(all threads), which a busy machine inflates much less than wall time. Target: keystroke p95
at most 50 ms.

``during_load`` is the same typing on a workbench opened with no cache at all (a new day, a
new checker): it starts as soon as the rows are painted, while the first check of the
library and the search index build run in a worker thread beside the UI, and counts only
keys typed before that load ended (``keystrokes`` says how many). It has no target: the
load shares the process (and Python's lock) with the UI, and this says what it costs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.library_files import library_db, load_average, percentiles


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="run.py typing", description=__doc__)
    parser.add_argument("--processes", type=int, default=5000)
    parser.add_argument("--queries", type=int, default=8)
    parser.add_argument("--libraries", type=Path, help="folder keeping generated libraries")
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args(list(argv))
    db = library_db(args.processes, folder=args.libraries)
    with tempfile.TemporaryDirectory(prefix="ktw-bench-") as folder:
        os.environ["KTW_CACHE_DIR"] = str(Path(folder) / "cache")
        result = asyncio.run(_measure(db, args.processes, args.queries))
    with tempfile.TemporaryDirectory(prefix="ktw-bench-") as folder:
        os.environ["KTW_CACHE_DIR"] = str(Path(folder) / "cache")
        result["during_load"] = asyncio.run(_during_load(db, args.queries))
    print(json.dumps(result, indent=None if args.json else 2))
    return 0


def _queries(db: Path, count: int) -> list[str]:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(db)) as connection:
        rows = connection.execute("SELECT title, team, owner FROM process").fetchall()
    rng = random.Random(11)
    queries = []
    for index in range(count):
        title, team, owner = rng.choice(rows)
        words = [word for word in title.split() if len(word) > 3] or [title]
        choice = index % 4
        if choice == 0:
            queries.append(rng.choice(words).lower())
        elif choice == 1:
            word = rng.choice(words).lower()
            cut = rng.randrange(1, len(word) - 1)
            queries.append(word[:cut] + word[cut + 1 :])  # one letter missing
        elif choice == 2:
            queries.append(f"{team.split()[0].lower()} ready")
        else:
            queries.append(f"{owner.split()[0].lower()} not-ready")
    return queries


Timed = Callable[[str, "str | None", str], Awaitable[float]]


def _typist(app: Any, screen: Any, cpus: list[float]) -> Timed:
    from textual import events
    from textual.widgets import Input

    box = screen.query_one("#filter", Input)

    async def timed(key: str, character: str | None, expected: str) -> float:
        # The key goes in as the terminal would send it (Pilot.press would add its own
        # waits for the app to go idle, which are not the app's latency).
        started = time.perf_counter()
        cpu = time.process_time()
        app.post_message(events.Key(key, character))
        while screen.filtered_value != expected or box.value != expected:
            await asyncio.sleep(0.0005)
        await screen.wait_for_refresh()  # until the screen has painted them
        cpus.append(time.process_time() - cpu)
        return time.perf_counter() - started

    return timed


async def _keystrokes(timed: Timed, query: str) -> AsyncIterator[float]:
    """Type ``query`` one key at a time: each key's seconds to rows painted."""
    for index, key in enumerate(query):
        name = "space" if key == " " else key
        yield await timed(name, key, query[: index + 1])


async def _measure(db: Path, count: int, query_count: int) -> dict[str, Any]:
    from kt_workbench.tui.app import create_app
    from kt_workbench.tui.screens.library_screen import LibraryScreen

    app = create_app(db)
    keys: list[float] = []
    clears: list[float] = []
    cpus: list[float] = []
    queries = _queries(db, query_count)
    async with app.run_test(size=(160, 45)):
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        while not (screen.loaded and len(screen.badges) == count and not screen.progress):
            await asyncio.sleep(0.01)
        # Typing is measured on an open workbench: its first load (documents, search index),
        # which runs after the rows are painted, is over.
        while not app.library.loaded or any(w.is_running for w in app.workers):
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)
        timed = _typist(app, screen, cpus)
        for query in queries:
            keys += [took async for took in _keystrokes(timed, query)]
            clears.append(await timed("ctrl+u", None, ""))
    app.library.close()
    return {
        "processes": count,
        "queries": queries,
        "keystrokes": len(keys),
        **percentiles(keys),
        "clear": percentiles(clears),
        "cpu": percentiles(cpus),
        "load_average": load_average(),
    }


async def _during_load(db: Path, query_count: int) -> dict[str, Any]:
    from kt_workbench.tui.app import create_app
    from kt_workbench.tui.screens.library_screen import LibraryScreen

    app = create_app(db)
    keys: list[float] = []
    cpus: list[float] = []
    queries = _queries(db, query_count)
    async with app.run_test(size=(160, 45)):
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        while not screen.loaded:
            await asyncio.sleep(0.005)
        timed = _typist(app, screen, cpus)
        while not app.library.loaded:
            for query in queries:
                async for took in _keystrokes(timed, query):
                    if not app.library.loaded:
                        keys.append(took)
                await timed("ctrl+u", None, "")
    app.library.close()
    return {"keystrokes": len(keys), **(percentiles(keys) if keys else {})}
