"""Where the sample processes shipped with ktw live (in the wheel, or beside a source checkout)."""

from __future__ import annotations

from pathlib import Path

from kt_workbench.errors import KtwError


def sample_folder() -> Path:
    package = Path(__file__).resolve().parent
    for candidate in (package / "sample_processes", package.parent / "sample_processes"):
        if candidate.is_dir():
            return candidate
    raise KtwError("the sample processes are missing from this installation; reinstall ktw")
