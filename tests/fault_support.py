"""Helpers for the fault-injection tests: small file systems, pack integrity, child exports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kt_workbench.handover.pack import MANIFEST


@contextmanager
def small_tmpfs(where: Path, size: str, *, read_only: bool = False) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``where`` (skips the test where mounting is not allowed)."""
    where.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (",ro" if read_only else "")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("this machine does not allow mounting a small tmpfs")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def pack_state(folder: Path) -> str:
    """'absent', or 'complete' when the manifest lists exactly the files there (README too);
    raises AssertionError for anything in between."""
    if not folder.exists():
        return "absent"
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    listed = set(manifest["files"])
    present = {
        (Path(root) / name).relative_to(folder).as_posix()
        for root, _dirs, names in os.walk(folder)
        for name in names
    }
    assert "README.md" in listed
    assert present == listed | {MANIFEST}, present ^ (listed | {MANIFEST})
    return "complete"


def leftovers(folder: Path) -> list[str]:
    """Build, old and temporary siblings an export left beside ``folder``."""
    return sorted(
        entry.name for entry in folder.parent.iterdir() if entry.name.startswith(f".{folder.name}.")
    )


def ktw(*args: str) -> subprocess.Popen[bytes]:
    """``ktw ARGS`` in a child process (so it can be killed)."""
    return subprocess.Popen(
        [sys.executable, "-c", "from kt_workbench.cli import main; main()", *args],
        # Not read by anyone: a pipe that fills up would stall the child.
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
