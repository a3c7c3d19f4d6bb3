"""Search benchmark: the index against two baselines on the same library.

``python benchmarks/run.py search --processes 5000 --json`` measures a generated library
(``generator.py``); ``python benchmarks/run.py search --corpus DIR --json`` measures every
markdown file under DIR that imports, with queries made from its own text
(``search_queries.py``). Both print one JSON object:

- ``p50_ms``/``p95_ms``: per query, end to end through ``SearchIndex.search``;
- ``index_build_s`` (wall), ``index_build_cpu_s`` and ``rss_mb`` (resident memory the
  index adds);
- ``recall_at_5``: share of the typo queries whose known process is among the first 5 hits;
- ``naive_*``: rapidfuzz ``process.extract`` with WRatio over every snippet;
- ``fzf_*``: ``fzf --filter`` over the same snippets, one per line (null without fzf);
- ``update_p50_ms``: re-indexing one saved process;
- ``typing_p95_ms``: every prefix of the queries as typed, letter by letter;
- ``distinct_words``, ``entries``: the size of the index's vocabulary and entry count;
- ``cache_mb``, ``cache_dumps_s``, ``cache_loads_s``: ``SearchIndex.dumps()`` and
  ``SearchIndex.loads()`` of the built index (what a cached start costs instead of a build).

The baselines are slow, so they run on the first ``--baseline-queries`` queries (0 skips
them); the index's recall on that same subset is reported too, for a like-for-like
comparison.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from benchmarks.generator import generate_library
from benchmarks.search_queries import generate_queries, load_corpus
from kt_workbench.model import ProcessDocument
from kt_workbench.search import SearchIndex, document_entries


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="run.py search", description=__doc__)
    parser.add_argument("--processes", type=int, default=5000)
    parser.add_argument(
        "--corpus",
        type=Path,
        help="measure the markdown files under this folder instead of a generated library",
    )
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--baseline-queries", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument(
        "--compare-fts5",
        action="store_true",
        help="also measure the SQLite FTS5 alternatives (trigram and unicode61 prefilters)",
    )
    args = parser.parse_args(list(argv))

    failed = 0
    if args.corpus is not None:
        if not args.corpus.is_dir():
            print(f"{args.corpus}: no such folder", file=sys.stderr)
            return 2
        library, failed = load_corpus(args.corpus)
        if not library:
            print(f"{args.corpus}: no markdown file imports", file=sys.stderr)
            return 2
    else:
        library = generate_library(args.processes, seed=args.seed)
    queries = generate_queries(library, args.queries, seed=args.seed + 4)
    if not queries:
        print("no known-answer query can be made from this library", file=sys.stderr)
        return 2
    subset = queries[: args.baseline_queries]
    snippets: list[str] = []
    owners: list[str] = []
    for document in library:
        for entry in document_entries(document):
            snippets.append(entry.text)
            owners.append(document.id)

    gc.collect()
    before = _rss_mb()
    started, started_cpu = time.perf_counter(), time.process_time()
    index = SearchIndex.from_documents(library)
    build_s = time.perf_counter() - started
    build_cpu_s = time.process_time() - started_cpu
    gc.collect()
    after = _rss_mb()
    rss_mb = after - before if before is not None and after is not None else None

    index.search(queries[0][0])  # warm caches the way a running app would have them
    ours = _measure(lambda q: [hit.id for hit in index.search(q)], queries)
    ours_subset = _measure(lambda q: [hit.id for hit in index.search(q)], subset) if subset else {}
    naive = _measure(_naive(snippets, owners), subset) if subset else None
    with tempfile.TemporaryDirectory(prefix="ktw-bench-") as folder:
        fzf_search = _fzf(snippets, owners, Path(folder)) if subset else None
        fzf = _measure(fzf_search, subset) if fzf_search else None
    started = time.perf_counter()
    cached = index.dumps()
    dumps_s = time.perf_counter() - started
    started = time.perf_counter()
    SearchIndex.loads(cached)
    loads_s = time.perf_counter() - started
    result: dict[str, object] = {
        "library": str(args.corpus) if args.corpus is not None else "generated",
        "import_failures": failed,
        "processes": len(library),
        "distinct_words": len(index.vocabulary),
        "entries": len(snippets),
        "snippets": len(snippets),
        "queries": len(queries),
        "baseline_queries": len(subset),
        "p50_ms": ours["p50_ms"],
        "p95_ms": ours["p95_ms"],
        "index_build_s": round(build_s, 3),
        # CPU time is what the build costs on an idle machine; wall time includes waiting
        # for the CPU when other work shares it.
        "index_build_cpu_s": round(build_cpu_s, 3),
        "rss_mb": None if rss_mb is None else round(rss_mb, 1),
        "recall_at_5": ours["recall_at_5"],
        "recall_at_5_baseline_queries": ours_subset["recall_at_5"] if subset else None,
        "naive_p50_ms": naive["p50_ms"] if naive else None,
        "naive_p95_ms": naive["p95_ms"] if naive else None,
        "naive_recall_at_5": naive["recall_at_5"] if naive else None,
        "fzf_p50_ms": fzf["p50_ms"] if fzf else None,
        "fzf_p95_ms": fzf["p95_ms"] if fzf else None,
        "fzf_recall_at_5": fzf["recall_at_5"] if fzf else None,
        "update_p50_ms": _update_p50_ms(index, library),
        "typing_p95_ms": _typing_p95_ms(index, queries[:20]),
        "cache_mb": round(len(cached) / 2**20, 1),
        "cache_dumps_s": round(dumps_s, 3),
        "cache_loads_s": round(loads_s, 3),
    }
    if args.compare_fts5:
        for tokenizer in ("trigram", "unicode61"):
            started = time.perf_counter()
            fts5_search = _fts5(snippets, owners, tokenizer)
            result[f"fts5_{tokenizer}_build_s"] = round(time.perf_counter() - started, 3)
            for key, value in _measure(fts5_search, queries).items():
                result[f"fts5_{tokenizer}_{key}"] = value
    result["speedup_vs_naive_p50"] = _ratio(naive["p50_ms"], ours["p50_ms"]) if naive else None
    result["speedup_vs_fzf_p50"] = _ratio(fzf["p50_ms"], ours["p50_ms"]) if fzf else None
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for name, figure in result.items():
            print(f"{name:>30}: {figure}")
    return 0


def _measure(
    search: Callable[[str], list[str]], queries: Sequence[tuple[str, str]]
) -> dict[str, float]:
    """Latency percentiles and recall@5 of a search function returning ranked process ids."""
    timings: list[float] = []
    found = 0
    for query, expected in queries:
        started = time.perf_counter()
        ranked = search(query)
        timings.append((time.perf_counter() - started) * 1000)
        found += expected in ranked[:5]
    return {
        "p50_ms": round(statistics.median(timings), 3),
        "p95_ms": round(_percentile(timings, 95), 3),
        "recall_at_5": round(found / len(queries), 3),
    }


def _naive(snippets: list[str], owners: list[str]) -> Callable[[str], list[str]]:
    # Snippets are normalised once, as a fair baseline would; only the query per call.
    prepared = [utils.default_process(snippet) for snippet in snippets]

    def search(query: str) -> list[str]:
        best = process.extract(utils.default_process(query), prepared, scorer=fuzz.WRatio, limit=5)
        return [owners[position] for _, _, position in best]

    return search


def _fzf(snippets: list[str], owners: list[str], folder: Path) -> Callable[[str], list[str]] | None:
    binary = shutil.which("fzf")
    if binary is None:
        return None
    lines = folder / "snippets.txt"
    # "position<TAB>snippet": fzf matches the snippet only (--nth 2..) and echoes the position.
    lines.write_text(
        "".join(f"{i}\t{' '.join(s.split())}\n" for i, s in enumerate(snippets)), encoding="utf-8"
    )

    def search(query: str) -> list[str]:
        with lines.open("rb") as stdin:
            done = subprocess.run(
                [binary, "--filter", query, "--delimiter", "\t", "--nth", "2.."],
                stdin=stdin,
                capture_output=True,
                check=False,
                env={**os.environ, "FZF_DEFAULT_OPTS": ""},
            )
        top = done.stdout.decode("utf-8", "replace").splitlines()[:5]
        return [owners[int(line.split("\t", 1)[0])] for line in top]

    return search


def _fts5(snippets: list[str], owners: list[str], tokenizer: str) -> Callable[[str], list[str]]:
    """The other design: SQLite FTS5 finds candidates, rapidfuzz re-ranks them.

    Typos defeat exact tokens, so the prefilter asks for any trigram of the query words
    (trigram tokenizer) or any word starting like them (unicode61 with prefix queries).
    """
    connection = sqlite3.connect(":memory:")
    connection.execute(f"CREATE VIRTUAL TABLE snippet USING fts5(text, tokenize='{tokenizer}')")
    connection.executemany("INSERT INTO snippet(rowid, text) VALUES (?, ?)", enumerate(snippets))
    connection.commit()

    def match_expression(query: str) -> str:
        words = [w for w in utils.default_process(query).split() if len(w) >= 3]
        if tokenizer == "trigram":
            grams = {w[i : i + 3] for w in words for i in range(len(w) - 2)}
            return " OR ".join(f'"{gram}"' for gram in sorted(grams))
        return " OR ".join(f'"{w[:3]}"*' for w in words)

    def search(query: str) -> list[str]:
        expression = match_expression(query)
        if not expression:
            return []
        rows = connection.execute(
            "SELECT rowid FROM snippet WHERE snippet MATCH ? ORDER BY rank LIMIT 300",
            (expression,),
        ).fetchall()
        candidates = {row[0]: utils.default_process(snippets[row[0]]) for row in rows}
        best = process.extract(
            utils.default_process(query), candidates, scorer=fuzz.WRatio, limit=5
        )
        return [owners[position] for _, _, position in best]

    return search


def _update_p50_ms(index: SearchIndex, library: list[ProcessDocument]) -> float:
    timings: list[float] = []
    for document in library[:: max(1, len(library) // 50)][:50]:
        edited = dataclasses.replace(document, purpose=document.purpose + " Reviewed again.")
        started = time.perf_counter()
        index.update(edited)
        timings.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(timings), 3)


def _typing_p95_ms(index: SearchIndex, queries: Sequence[tuple[str, str]]) -> float:
    timings: list[float] = []
    for query, _ in queries:
        for end in range(2, len(query) + 1):
            started = time.perf_counter()
            index.search(query[:end])
            timings.append((time.perf_counter() - started) * 1000)
    return round(_percentile(timings, 95), 3)


def _percentile(values: list[float], percent: float) -> float:
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(percent / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def _ratio(baseline: float, ours: float) -> float:
    return round(baseline / ours, 1) if ours > 0 else float("inf")


def _rss_mb() -> float | None:
    try:
        import psutil
    except ImportError:
        return None
    return float(psutil.Process().memory_info().rss) / 2**20


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
