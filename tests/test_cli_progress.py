"""A command that checks a large library shows a bar on a terminal's stderr, and nothing
anywhere else: not when stderr is a pipe, not when the cache already holds the reports."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from benchmarks.generator import generate_library
from kt_workbench.cli.progress import BAR_FROM
from kt_workbench.store import ProcessStore
from tests.terminal_run import run_on_terminal

COUNT = BAR_FROM + 40


def run_list(db: Path, cache: Path, terminal: bool) -> tuple[str, str]:
    """stdout, and stderr as a terminal (or a pipe) showed it."""
    environment = {**os.environ, "KTW_CACHE_DIR": str(cache), "COLUMNS": "120"}
    command = [sys.executable, "-m", "kt_workbench", "--db", str(db), "list"]
    if not terminal:
        done = subprocess.run(command, capture_output=True, text=True, env=environment, check=True)
        return done.stdout, done.stderr
    code, out, shown = run_on_terminal(command, environment, db.parent)
    assert code == 0, shown
    return out, shown


def test_checking_a_large_library_shows_a_bar_on_a_terminal_only(tmp_path: Path) -> None:
    db = tmp_path / "library.db"
    with ProcessStore.open(db) as store:
        store.save_many(generate_library(COUNT, seed=5))
    out, err = run_list(db, tmp_path / "piped", terminal=False)
    assert err == "" and len(out.splitlines()) == COUNT + 1
    out, shown = run_list(db, tmp_path / "terminal", terminal=True)
    assert "Checking" in shown and f"{COUNT}/{COUNT}" in shown
    assert len(out.splitlines()) == COUNT + 1 and "Checking" not in out
    _, again = run_list(db, tmp_path / "terminal", terminal=True)  # the cache holds them all
    assert "Checking" not in again
