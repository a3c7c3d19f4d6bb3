"""The tree typing benchmark runs end to end on a small tree and prints its JSON figures.

No thresholds here: speed is judged by running the benchmark, never in tests.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO


def test_tree_benchmark_prints_its_figures() -> None:
    done = subprocess.run(
        [sys.executable, "benchmarks/run.py", "tree", "--nodes", "7", "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    result = json.loads(done.stdout)
    assert len(result["load_average"]) == 3
    (tree,) = result["trees"]
    assert tree["nodes"] == 7 and tree["keystrokes"] == len(result["typed"])
    for part in ("view", "plain_input", "headless"):
        assert tree[part]["p50_ms"] > 0 and tree[part]["p95_ms"] >= tree[part]["p50_ms"]
