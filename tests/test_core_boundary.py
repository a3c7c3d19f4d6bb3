"""The core never imports Textual: each core module is imported in a clean interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import kt_workbench

CORE_MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(kt_workbench.__path__, prefix="kt_workbench.")
    if not info.name.startswith("kt_workbench.tui")
    and ".migrations" not in info.name
    and not info.name.endswith("__main__")
)


def test_core_modules_exist() -> None:
    for expected in ("kt_workbench.model", "kt_workbench.markdown", "kt_workbench.store"):
        assert expected in CORE_MODULES


def test_no_core_module_imports_textual() -> None:
    script = (
        "import importlib, sys\n"
        "bad = []\n"
        f"for name in {CORE_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "    if 'textual' in sys.modules:\n"
        "        bad.append(name)\n"
        "        break\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"textual imported by {result.stdout.strip()}"
