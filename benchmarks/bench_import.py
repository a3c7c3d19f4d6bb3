"""Import benchmark: reading a folder of markdown process files, as ``ktw import`` does.

``python benchmarks/run.py import --files 2000 --json`` prints one JSON object:

- ``files_per_s``: ``load_files`` on the folder (collect, bounded reads, parse, adopt, ids,
  report) with the worker processes it uses for large imports; ``sequential_files_per_s``:
  the same in one process; ``sequential_cpu_s`` the CPU time of that run and
  ``cpu_files_per_s`` the files per second of CPU time (what a core gives when it is not
  shared);
- ``stored_files_per_s``: the whole of ``ktw import`` in one process, ``load_files`` and
  ``save_many`` into a new SQLite file (one transaction), with its CPU time in
  ``stored_cpu_s``;
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
import tempfile
import time
from collections.abc import Callable, Sequence
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
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args(list(argv))

    library = generate_library(args.files, seed=args.seed)
    result: dict[str, Any] = {"files": len(library), "target_files_per_s": TARGET}
    with tempfile.TemporaryDirectory(prefix="ktw-bench-import-") as folder:
        paths = []
        for document in library:
            path = Path(folder) / f"{document.id}.md"
            path.write_text(render_document(document), encoding="utf-8")
            paths.append(path)
        result["bytes_per_file"] = round(sum(p.stat().st_size for p in paths) / len(paths))
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


def _import_and_store(folder: Path, where: Path) -> None:
    from kt_workbench.store import ProcessStore

    store = ProcessStore.open(str(where / "bench.db"))
    try:
        store.save_many([item.document for item in importing.load_files([folder])])
    finally:
        store.close()


def _read(paths: list[Path]) -> None:
    for path in paths:
        path.read_bytes()


def _blocks(paths: list[Path]) -> None:
    for path in paths:
        parse_blocks(path.read_text(encoding="utf-8"))
