"""Handover packs of a whole library, each command in a fresh process.

``python benchmarks/run.py export --processes 5000 --json`` reports, at ``--processes`` and at
a tenth of it, the median wall and CPU seconds of ``--runs`` runs of ``ktw export --all`` as
a folder (``--out``), one markdown file (``--single-file``) and one web page (``--html``),
the milliseconds each process costs, and what was written. The reports cache is primed by one
``ktw list`` first, as any earlier command or workbench leaves it.

Baseline from the same run: ``markdown_it``, a fresh process turning the markdown pack just
written into HTML with markdown-it-py alone (CommonMark and tables) and writing it: the least
any web page of the same text costs. ``html_ratio`` is the web page's time over it.
``page_scan_s`` is the credential scan of the written page, in this process (CPU seconds).

What to look for: time per process the same at both sizes (``growth`` near 1; a scan that
grew with the square of the page made 5,000 processes take over five minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.bench_cli import _median
from benchmarks.library_files import library_db, load_average

KINDS = {"folder": "--out", "single_file": "--single-file", "html": "--html"}
_RENDER = """
import sys
from markdown_it import MarkdownIt
md = MarkdownIt("commonmark", {"html": True}).enable("table")
text = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write(md.render(text))
"""


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="run.py export", description=__doc__)
    parser.add_argument("--processes", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--libraries", type=Path, help="folder keeping generated libraries")
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args(list(argv))
    result: dict[str, Any] = {"processes": args.processes, "load_before": load_average()}
    sizes = sorted({max(1, args.processes // 10), args.processes})
    for size in sizes:
        result[str(size)] = _one_size(size, args.runs, args.libraries)
    small, large = (result[str(size)] for size in (sizes[0], sizes[-1]))
    result["growth"] = {
        kind: round(large[f"{kind}_ms_per_process"] / small[f"{kind}_ms_per_process"], 2)
        for kind in KINDS
    }
    result["load_after"] = load_average()
    print(json.dumps(result, indent=None if args.json else 2))
    return 0


def _one_size(size: int, runs: int, libraries: Path | None) -> dict[str, Any]:
    db = library_db(size, folder=libraries)
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="ktw-bench-export-") as name:
        folder = Path(name)
        env = os.environ | {"KTW_CACHE_DIR": str(folder / "cache")}
        ktw = [sys.executable, "-m", "kt_workbench", "--db", str(db)]
        _median([*ktw, "list"], env, 1)  # primes the reports cache
        targets = {"folder": folder / "pack", "single_file": folder / "pack.md"}
        targets["html"] = folder / "pack.html"
        for kind, option in KINDS.items():
            command = [*ktw, "export", "--all", option, str(targets[kind])]
            wall, cpu = _median(command, env, runs)
            figures[f"{kind}_s"], figures[f"{kind}_cpu_s"] = wall, cpu
            figures[f"{kind}_ms_per_process"] = round(wall / size * 1000, 2)
        figures["html_bytes"] = targets["html"].stat().st_size
        figures["single_file_bytes"] = targets["single_file"].stat().st_size
        render = [sys.executable, "-c", _RENDER, str(targets["single_file"]), str(folder / "b")]
        figures["markdown_it_s"], figures["markdown_it_cpu_s"] = _median(render, env, runs)
        figures["html_ratio"] = round(figures["html_s"] / figures["markdown_it_s"], 2)
        figures["page_scan_s"] = _page_scan(targets["html"])
    return figures


def _page_scan(page: Path) -> float:
    from kt_workbench.checker.secrets import find_secrets

    text = page.read_text(encoding="utf-8")
    started = time.process_time()
    find_secrets(text)
    return round(time.process_time() - started, 3)
