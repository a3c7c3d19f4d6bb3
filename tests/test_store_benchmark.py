"""The store benchmark runs end to end at a tiny size and prints its figures as JSON.

No thresholds: speed is judged by running the benchmark at full size, never in tests.
"""

from __future__ import annotations

import json

import pytest

from benchmarks.bench_store import main

FIGURES = {
    "prepare_s",
    "save_many_s",
    "resave_s",
    "documents_s",
    "summaries_ms",
    "get_p50_ms",
    "get_p95_ms",
    "baseline_executemany_s",
}


def test_the_store_benchmark_prints_its_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--processes", "6", "--gets", "4", "--no-postgres", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["processes"], result["gets"], result["postgresql"]) == (6, 4, None)
    assert set(result["sqlite"]) == FIGURES
    assert all(value >= 0 for value in result["sqlite"].values())
