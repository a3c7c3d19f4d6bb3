"""Workbench start-up: process start to library rows painted, and to every readiness badge.

``python benchmarks/run.py startup --processes 5000 --json`` starts, in fresh processes,

- ``ktw``: the workbench (headless, 160x45) on a generated library, timed from process start
  to the library list holding every row and the screen painted after it, and to the last
  readiness badge filled, once with
  the cache of derived data present (``warm``) and once without it (``cold``);
- ``bare``: a bare Textual app that reads the same rows from the same file with ``sqlite3``
  and fills a ``DataTable`` of the same size, timed to the screen painted after it: the
  baseline.

``ratio`` is ktw's warm paint time over bare's (target: at most 1.5); ``painted_cpu_s`` is
the CPU time the process had used (all threads, imports included) when it painted, and
``ratio_cpu`` the same ratio on those, which a busy machine inflates much less than wall
time. Medians of ``--runs``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.library_files import library_db, load_average

REPO = Path(__file__).resolve().parent.parent

KTW_CHILD = """
import asyncio, json, sys, time
from kt_workbench.tui.app import create_app
from kt_workbench.tui.screens.library_screen import LibraryScreen
from kt_workbench.tui.widgets.row_list import RowList
count = int(sys.argv[2])
app = create_app(sys.argv[1])
async def main():
    painted = badges = None
    async with app.run_test(size=(160, 45)) as pilot:
        while badges is None:
            screen = app.screen
            if isinstance(screen, LibraryScreen) and screen.loaded:
                table = screen.query_one("#processes", RowList)
                if painted is None and table.row_count == count:
                    await screen.wait_for_refresh()
                    painted, cpu = time.time(), time.process_time()
                if len(screen.badges) == count and not screen.progress:
                    badges = time.time()
            await asyncio.sleep(0.002)
    app.library.close()
    print(json.dumps({"painted": painted, "badges": badges, "cpu": cpu}))
asyncio.run(main())
"""

BARE_CHILD = """
import asyncio, json, sqlite3, sys, time
from textual.app import App
from textual.widgets import DataTable, Footer, Header, Input
count = int(sys.argv[2])
class Bare(App):
    def compose(self):
        yield Header()
        yield Input()
        yield DataTable(id="t")
        yield Footer()
    def on_mount(self):
        table = self.query_one(DataTable)
        for name in ("Process", "Readiness", "Review", "Team", "Owner", "Status", "Volume"):
            table.add_column(name, width=20)
        connection = sqlite3.connect(sys.argv[1])
        rows = connection.execute(
            "SELECT id, title, team, owner, status, tags, volume_per_month, last_reviewed, "
            "review_every_days, version FROM process ORDER BY title"
        ).fetchall()
        for row in rows:
            table.add_row(row[1], "", "", row[2], row[3], row[4], str(row[6]), key=row[0])
app = Bare()
async def main():
    painted = None
    async with app.run_test(size=(160, 45)) as pilot:
        while painted is None:
            if app.query(DataTable) and app.query_one(DataTable).row_count == count:
                await app.screen.wait_for_refresh()
                painted, cpu = time.time(), time.process_time()
            await asyncio.sleep(0.002)
    print(json.dumps({"painted": painted, "badges": painted, "cpu": cpu}))
asyncio.run(main())
"""


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="run.py startup", description=__doc__)
    parser.add_argument("--processes", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--libraries", type=Path, help="folder keeping generated libraries")
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args(list(argv))
    db = library_db(args.processes, folder=args.libraries)
    result: dict[str, Any] = {"processes": args.processes, "load_before": load_average()}
    with tempfile.TemporaryDirectory(prefix="ktw-bench-") as folder:
        cache = Path(folder) / "cache"
        env = os.environ | {"KTW_CACHE_DIR": str(cache)}
        runs: dict[str, list[dict[str, float]]] = {"bare": [], "cold": [], "warm": []}
        for _ in range(args.runs):
            runs["bare"].append(_start(BARE_CHILD, db, args.processes, env))
            shutil.rmtree(cache, ignore_errors=True)
            runs["cold"].append(_start(KTW_CHILD, db, args.processes, env))
            runs["warm"].append(_start(KTW_CHILD, db, args.processes, env))
    for name, timings in runs.items():
        result[name] = {
            "painted_s": round(statistics.median(t["painted"] for t in timings), 3),
            "all_badges_s": round(statistics.median(t["badges"] for t in timings), 3),
            "painted_cpu_s": round(statistics.median(t["cpu"] for t in timings), 3),
        }
    result["ratio"] = round(result["warm"]["painted_s"] / result["bare"]["painted_s"], 2)
    result["ratio_cold"] = round(result["cold"]["painted_s"] / result["bare"]["painted_s"], 2)
    result["ratio_cpu"] = round(
        result["warm"]["painted_cpu_s"] / result["bare"]["painted_cpu_s"], 2
    )
    result["load_after"] = load_average()
    print(json.dumps(result, indent=None if args.json else 2))
    return 0


def _start(child: str, db: Path, count: int, env: dict[str, str]) -> dict[str, float]:
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-c", child, str(db), str(count)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        env=env,
        timeout=600,
    )
    times = json.loads(done.stdout.strip().splitlines()[-1])
    cpu = times.pop("cpu")  # the child's own CPU seconds (all threads) until painted
    return {key: value - started for key, value in times.items()} | {"cpu": cpu}
