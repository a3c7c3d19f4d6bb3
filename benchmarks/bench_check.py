"""Checker benchmark: single-process checks and the whole library, against a walk baseline.

``python benchmarks/run.py check --processes 5000 --json`` prints one JSON object:

- ``per_process_p50_ms``/``per_process_p95_ms``: ``check_process`` on one document with a
  prebuilt ``LibraryContext`` (what the workbench does on each keystroke), over
  ``--single`` documents spread across the library, wall clock; ``per_process_cpu_*`` the
  same in CPU time, which a busy machine's scheduler does not inflate;
- ``context_build_s``: building that context once for the whole library;
- ``library_s``: ``check_library`` on every document (context, every rule, near-duplicates),
  wall clock, and ``library_cpu_s``, its CPU time (steadier on a busy shared machine);
- ``baseline_walk_s``: the same run's cost of merely visiting every text field of every
  document (``generator.document_texts``) and lower-casing it, the floor any checker that
  reads everything pays; ``library_to_walk_ratio`` is ``library_s`` over it;
- ``readiness``, ``findings`` and ``library_findings``: what the check found, as a sanity
  check that the timed work is the real work.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import statistics
import sys
import time
from collections.abc import Sequence

from benchmarks.generator import document_texts, generate_library
from kt_workbench.checker import LibraryContext, check_library, check_process
from kt_workbench.model import ProcessDocument

# A fixed date keeps "review overdue" findings, and so the timed work, identical across runs.
TODAY = dt.date(2026, 11, 23)


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="run.py check", description=__doc__)
    parser.add_argument("--processes", type=int, default=5000)
    parser.add_argument("--single", type=int, default=500, help="documents timed one by one")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args(list(argv))

    library = generate_library(args.processes, seed=args.seed)
    results = measure(library, args.single)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for key, value in results.items():
            print(f"{key:24} {value}")
    return 0


def measure(library: list[ProcessDocument], single: int) -> dict[str, object]:
    gc.collect()
    start = time.perf_counter()
    walked = _walk(library)
    walk_s = time.perf_counter() - start

    start = time.perf_counter()
    context = LibraryContext.build(library)
    context_s = time.perf_counter() - start

    step = max(1, len(library) // max(1, single))
    timings, cpu_timings = [], []
    for doc in library[::step][:single]:
        start, cpu_start = time.perf_counter(), time.process_time()
        check_process(doc, context, today=TODAY)
        cpu_timings.append((time.process_time() - cpu_start) * 1000)
        timings.append((time.perf_counter() - start) * 1000)

    gc.collect()
    start, cpu_start = time.perf_counter(), time.process_time()
    report = check_library(library, today=TODAY)
    library_s = time.perf_counter() - start
    library_cpu_s = time.process_time() - cpu_start

    return {
        "processes": len(library),
        "per_process_p50_ms": round(statistics.median(timings), 3),
        "per_process_p95_ms": round(_percentile(timings, 95), 3),
        "per_process_cpu_p50_ms": round(statistics.median(cpu_timings), 3),
        "per_process_cpu_p95_ms": round(_percentile(cpu_timings, 95), 3),
        "context_build_s": round(context_s, 3),
        "library_s": round(library_s, 3),
        "library_cpu_s": round(library_cpu_s, 3),
        "baseline_walk_s": round(walk_s, 3),
        "library_to_walk_ratio": round(library_s / walk_s, 1) if walk_s else None,
        "characters_walked": walked,
        "readiness": report.summary.counts,
        "average_score": report.summary.average_score,
        "findings": sum(len(process.findings) for process in report.processes),
        "library_findings": len(report.findings),
    }


def _walk(library: list[ProcessDocument]) -> int:
    """Visit every text field once, as a lower bound for reading the whole library."""
    return sum(len(text.lower()) for doc in library for text in document_texts(doc))


def _percentile(values: list[float], percent: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(percent / 100 * len(ordered)) - 1))
    return ordered[index]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
