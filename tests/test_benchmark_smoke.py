"""The search benchmark runs end to end at a tiny size and prints the agreed JSON figures.

No thresholds here: speed is judged by running the benchmark at full size, never in tests.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO

KEYS = {
    "p50_ms",
    "p95_ms",
    "index_build_s",
    "rss_mb",
    "recall_at_5",
    "naive_p50_ms",
    "naive_p95_ms",
    "naive_recall_at_5",
    "fzf_p50_ms",
    "fzf_p95_ms",
    "fzf_recall_at_5",
    "update_p50_ms",
}


SMALL = ("--processes", "30", "--queries", "10")


def test_search_benchmark_prints_its_figures() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "benchmarks/run.py",
            "search",
            "--processes",
            "30",
            "--queries",
            "10",
            "--json",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert set(figures) >= KEYS
    assert figures["processes"] == 30 and figures["queries"] == 10
    for key in ("p50_ms", "p95_ms", "naive_p50_ms", "update_p50_ms", "index_build_s"):
        assert isinstance(figures[key], float) and figures[key] >= 0
    for key in ("recall_at_5", "naive_recall_at_5"):
        assert 0 <= figures[key] <= 1
    fzf = [figures[key] for key in ("fzf_p50_ms", "fzf_p95_ms", "fzf_recall_at_5")]
    assert all(value is None for value in fzf) or all(value is not None for value in fzf)


def test_the_import_benchmark_prints_its_figures() -> None:
    done = subprocess.run(
        [sys.executable, "benchmarks/run.py", "import", "--files", "20", "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(done.stdout)
    assert figures["files"] == 20
    assert figures["files_per_s"] > 0 and figures["baseline_blocks_files_per_s"] > 0
    assert figures["cpu_files_per_s"] > 0 and figures["stored_files_per_s"] > 0


def test_the_export_benchmark_prints_its_figures(tmp_path: object) -> None:
    command = ["benchmarks/run.py", "export", "--processes", "20", "--libraries", str(tmp_path)]
    done = subprocess.run(
        [sys.executable, *command, "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(done.stdout)
    assert set(figures) >= {"processes", "2", "20", "growth"}
    for size in ("2", "20"):
        for kind in ("folder", "single_file", "html"):
            assert figures[size][f"{kind}_s"] > 0 and figures[size][f"{kind}_ms_per_process"] > 0
        assert figures[size]["html_bytes"] > figures[size]["single_file_bytes"] > 0
        assert figures[size]["markdown_it_s"] > 0 and figures[size]["page_scan_s"] >= 0
