"""Benchmark entry point: ``python benchmarks/run.py {search,check} [options]``.

Each benchmark prints one JSON object and compares against baselines measured in the same run.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BENCHMARKS = {
    "search": "benchmarks.bench_search",
    "check": "benchmarks.bench_check",
    "store": "benchmarks.bench_store",
    "faults": "benchmarks.bench_faults",
    "import": "benchmarks.bench_import",
    "startup": "benchmarks.bench_startup",
    "typing": "benchmarks.bench_typing",
    "save": "benchmarks.bench_save",
    "cli": "benchmarks.bench_cli",
    "export": "benchmarks.bench_export",
    "steps": "benchmarks.bench_steps",
    "tree": "benchmarks.bench_tree",
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in BENCHMARKS:
        print(
            f"usage: python benchmarks/run.py {{{','.join(BENCHMARKS)}}} [options]", file=sys.stderr
        )
        return 2
    import importlib

    module = importlib.import_module(BENCHMARKS[argv[0]])
    return int(module.main(argv[1:]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
