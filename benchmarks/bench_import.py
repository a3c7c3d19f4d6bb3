"""Import benchmark: ``ktw import`` of a folder of markdown process files, end to end.

``python benchmarks/run.py import --files 2000 --json`` prints one JSON object:

- ``command_files_per_s`` (the headline): ``ktw --db NEW.db import FOLDER`` run as a user
  runs it, a cold ``python -m kt_workbench`` process that reads, recognises, stores and
  reports, into a new SQLite file; the median of ``--runs`` runs, with that run's wall time
  in ``command_s`` and its CPU time (the command and its worker processes) in
  ``command_cpu_s``; ``command_workers`` is the number of processes the command would read
  with when the benchmark started (``importing.spare_workers``: fewer when the machine is
  busy);
- ``files_per_s``: ``load_files`` on the folder (collect, bounded reads, parse, adopt, ids,
  report) with the worker processes it uses for large imports; ``sequential_files_per_s``:
  the same in one process; ``sequential_cpu_s`` the CPU time of that run and
  ``cpu_files_per_s`` the files per second of CPU time (what a core gives when it is not
  shared);
- ``stored_files_per_s``: what the command does, in one process and without starting
  Python: ``load_files`` rendering each revision while reading and ``save_many`` into a new
  SQLite file (one transaction), with its CPU time in ``stored_cpu_s``;
- ``baseline_start_s``: ``python -m kt_workbench --version``, the cost of starting the
  command at all;
- ``baseline_read_files_per_s``: reading every file's bytes, the floor of any import;
- ``baseline_blocks_files_per_s``: markdown-it's block pass alone on every file (what the
  parser cannot do without);
- ``target_files_per_s`` (500), ``cpus`` and ``load_average``: the machine is shared, so
  read the figures with its load.

The files are the benchmark library (``benchmarks/generator.py``) exported as markdown.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from benchmarks.generator import generate_library
from kt_workbench import importing
from kt_workbench.markdown import render_document
from kt_workbench.markdown.blocks import parse_blocks

TARGET = 500


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="run.py import", description=__doc__)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3, help="runs of the command (median)")
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args(list(argv))

    library = generate_library(args.files, seed=args.seed)
    result: dict[str, Any] = {"files": len(library), "target_files_per_s": TARGET}
    result["command_workers"] = importing.spare_workers()  # as the command will judge it
    with tempfile.TemporaryDirectory(prefix="ktw-bench-import-") as folder:
        paths = []
        for document in library:
            path = Path(folder) / f"{document.id}.md"
            path.write_text(render_document(document), encoding="utf-8")
            paths.append(path)
        result["bytes_per_file"] = round(sum(p.stat().st_size for p in paths) / len(paths))
        runs = [_run_command(Path(folder)) for _ in range(max(1, args.runs))]
        wall, cpu_s = sorted(runs)[len(runs) // 2]
        result["command_files_per_s"] = round(len(paths) / wall, 1)
        result["command_s"] = round(wall, 2)
        result["command_cpu_s"] = round(cpu_s, 2)
        result["command_runs_s"] = [round(run[0], 2) for run in runs]
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "kt_workbench", "--version"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        result["baseline_start_s"] = round(time.perf_counter() - start, 2)
        result["baseline_read_files_per_s"] = _rate(len(paths), lambda: _read(paths))
        result["baseline_blocks_files_per_s"] = _rate(len(paths), lambda: _blocks(paths))
        result["files_per_s"] = _rate(len(paths), lambda: importing.load_files([Path(folder)]))
        threshold = importing._PARALLEL_FROM
        importing._PARALLEL_FROM = len(paths) + 1
        try:
            cpu = time.process_time()
            result["sequential_files_per_s"] = _rate(
                len(paths), lambda: importing.load_files([Path(folder)])
            )
            cpu = time.process_time() - cpu
            result["sequential_cpu_s"] = round(cpu, 2)
            result["cpu_files_per_s"] = round(len(paths) / cpu, 1)
            with tempfile.TemporaryDirectory(prefix="ktw-bench-store-") as where:
                cpu = time.process_time()
                result["stored_files_per_s"] = _rate(
                    len(paths), lambda: _import_and_store(Path(folder), Path(where))
                )
                result["stored_cpu_s"] = round(time.process_time() - cpu, 2)
        finally:
            importing._PARALLEL_FROM = threshold
    result["cpus"] = os.cpu_count()
    result["load_average"] = [round(value, 2) for value in os.getloadavg()]
    if args.json:
        print(json.dumps(result))
    else:
        print(json.dumps(result, indent=2))
    return 0


def _rate(count: int, run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return round(count / (time.perf_counter() - start), 1)


def _run_command(folder: Path) -> tuple[float, float]:
    """One cold ``ktw import`` into a new database: its wall and CPU seconds."""
    with tempfile.TemporaryDirectory(prefix="ktw-bench-command-") as where:
        # Settings, cache and data of the run's own: none of the user's are read.
        env = os.environ | {
            "KTW_CACHE_DIR": str(Path(where) / "cache"),
            "XDG_CONFIG_HOME": str(Path(where) / "config"),
            "XDG_DATA_HOME": str(Path(where) / "data"),
        }
        env.pop("KTW_CONFIG", None)
        env.pop("KTW_DB", None)
        command = [sys.executable, "-m", "kt_workbench", "--db", str(Path(where) / "new.db")]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [*command, "import", str(folder)], env=env, check=True, stdout=subprocess.DEVNULL
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_s = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu_s


def _import_and_store(folder: Path, where: Path) -> None:
    from kt_workbench.store import ProcessStore

    store = ProcessStore.open(str(where / "bench.db"))
    try:
        options = replace(importing.DEFAULT_IMPORT, render=True)
        store.save_many(importing.to_store(importing.load_files([folder], options)))
    finally:
        store.close()


def _read(paths: list[Path]) -> None:
    for path in paths:
        path.read_bytes()


def _blocks(paths: list[Path]) -> None:
    for path in paths:
        parse_blocks(path.read_text(encoding="utf-8"))
