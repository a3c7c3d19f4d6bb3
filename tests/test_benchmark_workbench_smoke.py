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


def test_a_library_made_by_another_generator_is_never_reused(tmp_path: Path) -> None:
    from benchmarks.library_files import generator_fingerprint, library_db

    made = library_db(3, folder=tmp_path)
    assert generator_fingerprint() in made.name
    # A file of the same size and seed left by an older generator or schema is not taken.
    stale = tmp_path / "library-3-7.db"
    made.rename(stale)
    again = library_db(3, folder=tmp_path)
    assert again != stale and again.exists() and stale.exists()
