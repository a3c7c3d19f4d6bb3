"""The workbench and CLI benchmarks run end to end at a tiny size and print their figures.

No thresholds here: speed is judged by running them at full size, never in tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

RUNS = {
    "startup": (["--runs", "1"], {"bare", "cold", "warm", "ratio"}),
    "typing": (["--queries", "2"], {"p50_ms", "p95_ms", "clear", "keystrokes"}),
    "save": (["--saves", "3", "--visible-runs", "1"], {"save", "visible_s", "visible_max_s"}),
    "cli": (["--runs", "1"], {"help_s", "list_s", "show_s", "check_id_s", "search_s", "fzf_s"}),
}


@pytest.mark.parametrize("name", sorted(RUNS))
def test_benchmark_prints_its_figures(name: str, tmp_path: Path) -> None:
    options, keys = RUNS[name]
    done = subprocess.run(
        [
            sys.executable,
            "benchmarks/run.py",
            name,
            "--processes",
            "12",
            "--libraries",
            str(tmp_path),
            *options,
            "--json",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert keys <= figures.keys()
    assert figures["processes"] == 12
