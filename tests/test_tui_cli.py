"""Bare ``ktw``: the workbench on a terminal, the help text anywhere else."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = (
    "import sys\n"
    "from kt_workbench.cli import main\n"
    "try:\n"
    "    main(['--db', sys.argv[1]])\n"
    "except SystemExit as done:\n"
    "    code = done.code\n"
    "print('textual loaded' if 'textual' in sys.modules else 'textual not loaded')\n"
)


def test_without_a_terminal_bare_ktw_prints_help(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "library.db")],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.startswith("Usage:")
    assert "Commands:" in result.stdout
    assert result.stdout.rstrip().endswith("textual not loaded")
