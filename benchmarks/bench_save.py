"""Saving, and seeing another process's save.

``python benchmarks/run.py save --processes 5000 --json`` measures on a generated library:

- ``save``: ``Library.save`` of one edited process (the store's write with its revision and
  change record, the process and those it can affect checked again, the search index and
  library findings updated), p50/p95 over ``--saves`` saves of random processes;
- ``baseline_store_save``: ``ProcessStore.save`` alone for the same edits: the floor;
- ``visible``: an open workbench (headless, polling every second) and a separate ``python``
  process that saves a new title: seconds from that process's commit until the workbench's
  library row shows the title (target: within 2 s).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.library_files import library_db, load_average, percentiles

REPO = Path(__file__).resolve().parent.parent

OTHER_PROCESS = """
import sys, time, dataclasses
from kt_workbench.store import ProcessStore
with ProcessStore.open(sys.argv[1]) as store:
    document = store.get(sys.argv[2])
    store.save(dataclasses.replace(document, title=sys.argv[3]))
    print(time.time())
"""


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="run.py save", description=__doc__)
    parser.add_argument("--processes", type=int, default=5000)
    parser.add_argument("--saves", type=int, default=40)
    parser.add_argument("--visible-runs", type=int, default=3)
    parser.add_argument("--libraries", type=Path, help="folder keeping generated libraries")
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args(list(argv))
    source = library_db(args.processes, folder=args.libraries)
    result: dict[str, Any] = {"processes": args.processes, "load_before": load_average()}
    with tempfile.TemporaryDirectory(prefix="ktw-bench-") as folder:
        os.environ["KTW_CACHE_DIR"] = str(Path(folder) / "cache")
        db = Path(folder) / "library.db"
        db.write_bytes(source.read_bytes())
        result |= _saves(db, args.saves)
        result["visible_s"] = asyncio.run(_visible(db, args.visible_runs))
    result["visible_max_s"] = max(result["visible_s"])
    result["load_after"] = load_average()
    print(json.dumps(result, indent=None if args.json else 2))
    return 0


def _saves(db: Path, count: int) -> dict[str, Any]:
    from kt_workbench.library import Library
    from kt_workbench.store import ProcessStore

    rng = random.Random(5)
    with ProcessStore.open(db) as store:
        library = Library(store)
        library.snapshot()
        library.warm()  # as an open workbench does after its first load
        ids = sorted(library.versions())
        ours, floor = [], []
        for index in range(count):
            process_id = rng.choice(ids)
            document, version = library.document_with_version(process_id) or (None, 0)
            assert document is not None
            edited = dataclasses.replace(document, title=f"{document.title} {index}")
            started = time.perf_counter()
            library.save(edited, None, version)
            ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            store.save(dataclasses.replace(edited, purpose=f"{document.purpose} {index}"))
            floor.append(time.perf_counter() - started)
            library.refresh()
        library.write_cache()
    return {"save": percentiles(ours), "baseline_store_save": percentiles(floor)}


async def _visible(db: Path, runs: int) -> list[float]:
    from kt_workbench.tui.app import create_app
    from kt_workbench.tui.screens.library_screen import LibraryScreen
    from kt_workbench.tui.widgets.row_list import RowList

    app = create_app(db)
    seen: list[float] = []
    async with app.run_test(size=(160, 45)):
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        # Until its first full load is done the workbench shows what that load reads; the
        # figure here is for an open workbench, after it.
        while not (screen.loaded and not screen.progress and app.library.loaded):
            await asyncio.sleep(0.01)
        # ... and its start-up work in the background (the words of every process prepared
        # for the first save) is over, as the typing benchmark waits too.
        while any(worker.is_running for worker in app.workers):
            await asyncio.sleep(0.05)
        table = screen.query_one("#processes", RowList)
        ids = sorted(screen.rows)
        for run in range(runs):
            process_id, title = ids[run * 7 % len(ids)], f"Changed elsewhere {run}"
            done = await asyncio.to_thread(
                subprocess.run,
                [sys.executable, "-c", OTHER_PROCESS, str(db), process_id, title],
                capture_output=True,
                text=True,
                check=True,
                cwd=REPO,
            )
            committed = float(done.stdout.strip())
            while str(table.get_cell(process_id, "process")) != title:
                await asyncio.sleep(0.005)
            seen.append(round(time.time() - committed, 3))
    app.library.close()
    return seen
