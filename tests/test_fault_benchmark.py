"""The fault benchmark runs end to end at a tiny size and prints its figures.

No thresholds on speed here; the "must be 0" counts are checked, as they are correctness.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO


def test_fault_benchmark_prints_its_figures() -> None:
    small = ("--fuzz", "20", "--kills", "1", "--processes", "20", "--json")
    done = subprocess.run(
        [sys.executable, "benchmarks/run.py", "faults", *small],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert set(figures) >= {
        "fuzz",
        "limits",
        "kill_export",
        "kill_import",
        "credentials",
        "disk_full",
        "hostile_urls",
    }
    assert figures["fuzz"]["inputs"] == 40
    assert not [key for key in figures["fuzz"] if key.startswith("other_failure")]
    assert figures["credentials"].get("leaked", 0) == 0
    assert figures["hostile_urls"].get("leaked_password", 0) == 0
    assert figures["kill_export"]["mixed_generations"] == 0
    assert all("refused" in v for v in figures["limits"]["beyond_limits"].values())
