"""The search benchmark's ``--corpus`` mode runs end to end on the bundled sample processes.

No thresholds: speed is judged by running the benchmark at full size, never in tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from benchmarks.search_queries import generate_queries, load_corpus, query_words, typo
from tests.conftest import REPO, SAMPLES


def test_corpus_mode_measures_a_folder_of_markdown_with_queries_from_its_own_text() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "benchmarks/run.py",
            "search",
            "--corpus",
            str(SAMPLES),
            "--queries",
            "8",
            "--baseline-queries",
            "0",
            "--json",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["library"] == str(SAMPLES) and figures["import_failures"] == 0
    assert figures["processes"] == len(list(SAMPLES.glob("*.md")))
    assert figures["queries"] == 8 and figures["distinct_words"] > 500
    assert 0 <= figures["recall_at_5"] <= 1 and figures["naive_p50_ms"] is None
    for key in ("p50_ms", "p95_ms", "typing_p95_ms", "cache_loads_s", "cache_mb"):
        assert isinstance(figures[key], float) and figures[key] >= 0


def test_corpus_mode_refuses_a_missing_folder(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "benchmarks/run.py", "search", "--corpus", str(tmp_path / "nope")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2 and "no such folder" in done.stderr


def test_queries_carry_one_typo_per_word_and_point_at_a_process_holding_both_words() -> None:
    library, failed = load_corpus(SAMPLES)
    assert failed == 0
    queries = generate_queries(library, 12, seed=3)
    assert len(queries) == 12
    by_id = {document.id: document for document in library}
    for query, expected in queries:
        assert expected in by_id and len(query.split()) == 2


def test_query_words_are_words_the_index_holds_and_typos_keep_the_first_letter() -> None:
    import random

    assert query_words("Refund the 2FA code for Sørensen, 顧客アカウント") == [
        "refund",
        "code",
        "sorensen",
        "顧客",
        "アカウント",
    ]
    rng = random.Random(1)
    for word in ("refund", "sorensen", "escalation"):
        for _ in range(20):
            slipped = typo(rng, word)
            assert slipped != word and slipped[0] == word[0]
