"""The progress bar of a large import: on a terminal's stderr only, never with JSON output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.terminal_run import run_on_terminal

_FILES = 200  # the size from which an import shows a bar


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "handbook"
    folder.mkdir()
    for number in range(_FILES):
        (folder / f"page-{number:03}.md").write_text(
            f"# Page {number}\n\n## Procedure\n\n1. Open ticket {number}\n2. Close it\n",
            encoding="utf-8",
        )
    return folder


def _import(tmp_path: Path, *args: str, tty: bool) -> tuple[int, str, str]:
    """Run ``ktw import`` with stderr on a pseudo-terminal (or a pipe), stdout on a pipe."""
    command = [sys.executable, "-m", "kt_workbench", "--db", str(tmp_path / "k.db")]
    settings = tmp_path / "ktw.toml"
    settings.write_text("", encoding="utf-8")  # no settings from the machine's user
    env = {**os.environ, "COLUMNS": "100", "KTW_CONFIG": str(settings)}
    env.pop("KTW_DB", None)
    if not tty:
        done = subprocess.run(
            [*command, "import", *args], capture_output=True, text=True, env=env, cwd=REPO
        )
        return done.returncode, done.stdout, done.stderr
    return run_on_terminal([*command, "import", *args], env, tmp_path, REPO)


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    return _folder(tmp_path)


def test_a_large_import_shows_a_bar_on_a_terminal(tmp_path: Path, folder: Path) -> None:
    code, out, err = _import(tmp_path, "--dry-run", str(folder), tty=True)
    assert code == 0, err
    assert "Reading" in err and f"{_FILES}/{_FILES}" in err
    assert "Reading" not in out and f"would import {_FILES} processes" in out


def test_no_bar_when_stderr_is_not_a_terminal(tmp_path: Path, folder: Path) -> None:
    code, out, err = _import(tmp_path, "--dry-run", str(folder), tty=False)
    assert code == 0, err
    assert err == ""
    assert f"would import {_FILES} processes" in out


def test_no_bar_with_json_output_even_on_a_terminal(tmp_path: Path, folder: Path) -> None:
    code, out, err = _import(tmp_path, "--format", "json", str(folder), tty=True)
    assert code == 0, err
    assert "Reading" not in err
    assert json.loads(out)["summary"]["files"] == _FILES


def test_no_bar_for_a_small_import(tmp_path: Path) -> None:
    small = tmp_path / "small"
    small.mkdir()
    (small / "one.md").write_text("# One\n\n## Procedure\n\n1. Do it\n", encoding="utf-8")
    code, _, err = _import(tmp_path, "--dry-run", str(small), tty=True)
    assert code == 0 and "Reading" not in err
