"""The one configuration: ``ktw.toml``, read once where ktw starts and passed to every command
and to the workbench, so that ``check``, ``list``, ``export`` and the workbench judge the
library by the same settings.

Each top-level table belongs to one part of the program, which validates it (the checker's
tables through ``checker.config.parse_config``, which also rejects tables nobody knows);
``Settings.table(name)`` hands the other parts their raw table with the file's text and name,
so they can report a bad value with its line.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kt_workbench.checker.config import CheckerConfig, parse_config, read_config_text


@dataclass(frozen=True)
class Settings:
    checker: CheckerConfig = field(default_factory=CheckerConfig)
    source: str | None = None  # the file read; None when every setting is the default
    text: str = ""
    tables: dict[str, Any] = field(default_factory=dict)

    def table(self, name: str) -> dict[str, Any]:
        """The raw top-level table ``name`` ({} when absent), validated by its owner."""
        found = self.tables.get(name, {})
        return found if isinstance(found, dict) else {}


def load_settings(path: Path | None = None) -> Settings:
    """Read ``path``, or ``ktw.toml`` in the user config folder when it exists."""
    from kt_workbench import locations

    if path is None:
        path = locations.default_config_path()
        if not path.is_file():
            return Settings()
    text = read_config_text(path)
    checker = parse_config(text, str(path))  # reports invalid TOML with its line
    return Settings(checker, str(path), text, tomllib.loads(text))
