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


def run_list(db: Path, cache: Path, terminal: bool, *arguments: str) -> tuple[str, str]:
    """stdout, and stderr as a terminal (or a pipe) showed it, of ``ktw list`` or of the
    command given."""
    environment = {**os.environ, "KTW_CACHE_DIR": str(cache), "COLUMNS": "120"}
    command = [sys.executable, "-m", "kt_workbench", "--db", str(db), *(arguments or ["list"])]
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


def test_exporting_a_large_library_says_so_on_a_terminal_only(tmp_path: Path) -> None:
    db = tmp_path / "library.db"
    with ProcessStore.open(db) as store:
        store.save_many(generate_library(COUNT, seed=6))
    export = ("export", "--all", "--out")
    out, err = run_list(db, tmp_path / "cache", False, *export, str(tmp_path / "piped"))
    assert err == "" and out.startswith(f"Wrote a handover pack of {COUNT} processes")
    out, shown = run_list(db, tmp_path / "cache", True, *export, str(tmp_path / "shown"))
    assert f"Writing a handover pack of {COUNT:,} processes" in shown
    assert "Checking" not in shown  # the reports came from the cache the first export left
    assert "Writing" not in out
