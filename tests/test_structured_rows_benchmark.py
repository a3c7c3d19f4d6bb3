"""The structured-rows typing benchmark runs end to end at a tiny size and prints its figures.

No thresholds here: speed is judged by running the benchmark at full size, never in tests.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO


def test_structured_rows_benchmark_prints_its_figures() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_structured_rows", "--rows", "3", "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    figures = json.loads(done.stdout)
    assert figures["rows"] == 3
    assert figures["keystrokes"] > 10
    assert {"p50_ms", "p95_ms", "plain_input", "read_write", "load_average"} <= set(figures)
