"""The command line, cold: each command in a fresh process, as a person or a script runs it.

``python benchmarks/run.py cli --processes 5000 --json`` reports median wall seconds of
``--runs`` runs of ``ktw --help``, ``ktw list``, ``ktw show ID``, ``ktw check ID`` and
``ktw search QUERY`` (the caches of reports and of the search index primed by one ``list``
and one ``search`` first, as any earlier command or workbench leaves them), with two
baselines from the same run: ``python -c pass`` (the interpreter's own start) and
``fzf --filter QUERY`` over the same library's text, one line per section (null without
fzf). Targets: --help <= 0.3 s, list <= 1 s, show and check ID <= 0.5 s, search no slower
than fzf.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

from benchmarks.library_files import library_db, load_average

REPO = Path(__file__).resolve().parent.parent


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="run.py cli", description=__doc__)
    parser.add_argument("--processes", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--query", default="refund duplicate")
    parser.add_argument("--libraries", type=Path, help="folder keeping generated libraries")
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args(list(argv))
    db = library_db(args.processes, folder=args.libraries)
    with closing(sqlite3.connect(db)) as connection:
        some_id = connection.execute("SELECT id FROM process ORDER BY id LIMIT 1").fetchone()[0]
    result: dict[str, Any] = {"processes": args.processes, "load_before": load_average()}
    with tempfile.TemporaryDirectory(prefix="ktw-bench-") as folder:
        env = os.environ | {"KTW_CACHE_DIR": str(Path(folder) / "cache")}
        ktw = [sys.executable, "-m", "kt_workbench", "--db", str(db)]
        _run([*ktw, "list"], env)  # primes the cache of reports
        _run([*ktw, "search", args.query], env)  # and the search index's
        commands = {
            "python_start": [sys.executable, "-c", "pass"],
            "help": [sys.executable, "-m", "kt_workbench", "--help"],
            "list": [*ktw, "list"],
            "show": [*ktw, "show", some_id],
            "check_id": [*ktw, "check", some_id],
            "search": [*ktw, "search", args.query],
        }
        for name, command in commands.items():
            result[f"{name}_s"], result[f"{name}_cpu_s"] = _median(command, env, args.runs)
        result["fzf_s"], result["fzf_cpu_s"] = _fzf(db, args.query, Path(folder), env, args.runs)
    result["load_after"] = load_average()
    print(json.dumps(result, indent=None if args.json else 2))
    return 0


def _fzf(
    db: Path, query: str, folder: Path, env: dict[str, str], runs: int
) -> tuple[float | None, float | None]:
    binary = shutil.which("fzf")
    if binary is None:
        return None, None
    from benchmarks.generator import document_texts
    from kt_workbench.store import ProcessStore

    lines = folder / "snippets.txt"
    with ProcessStore.open(db) as store, lines.open("w", encoding="utf-8") as out:
        for document in store.documents():
            for text in document_texts(document):
                out.write(text.replace("\n", " ") + "\n")
    return _median(["sh", "-c", f'{binary} --filter "$0" < "$1"', query, str(lines)], env, runs)


def _median(command: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """Median wall seconds and median CPU seconds (user + system: what the command itself
    costs, which a busy machine inflates much less than the wall time)."""
    timings = [_run(command, env) for _ in range(runs)]
    wall = statistics.median(wall for wall, _ in timings)
    cpu = statistics.median(cpu for _, cpu in timings)
    return round(wall, 3), round(cpu, 3)


def _run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=REPO, env=env, capture_output=True, check=False, timeout=600)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu
