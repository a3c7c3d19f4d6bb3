"""Every path the application uses, in one place so tests can redirect them."""

from __future__ import annotations

import os
from pathlib import Path

# platformdirs is imported where a folder is asked for: a command given --db and
# KTW_CACHE_DIR never needs it, and importing it costs a cold command noticeable time.

APP_NAME = "kt-workbench"
DB_ENV_VAR = "KTW_DB"


def data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    return data_dir() / "ktw.db"


def default_config_path() -> Path:
    """The checker's optional TOML configuration."""
    return config_dir() / "ktw.toml"


CACHE_ENV_VAR = "KTW_CACHE_DIR"


def cache_dir() -> Path:
    """Derived data (check reports, the search index); deleting it loses nothing.
    ``$KTW_CACHE_DIR`` overrides it."""
    override = os.environ.get(CACHE_ENV_VAR)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
