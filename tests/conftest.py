"""Shared fixtures: every test gets its own data and config folders, never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sample_processes"


@pytest.fixture(autouse=True)
def _isolated_locations(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Redirect platformdirs-based paths and drop any KTW_DB from the environment."""
    home = tmp_path_factory.mktemp("home")
    from kt_workbench import locations

    monkeypatch.setattr(locations, "data_dir", lambda: home / "data")
    monkeypatch.setattr(locations, "config_dir", lambda: home / "config")
    monkeypatch.delenv("KTW_DB", raising=False)
    # Set in the environment, so that ktw processes started by a test use it too.
    monkeypatch.setenv("KTW_CACHE_DIR", str(home / "cache"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "library.db"
