"""The workbench's own settings: ``[workbench]`` and ``[keys]`` in ktw.toml, and remembered state.

```toml
[workbench]
theme = "nord"          # any Textual theme name

[keys]
"editor.save" = "ctrl+s,f10"   # binding id = key(s), comma separated
"library.new" = "insert"
```

Every key is validated, with the line it is on. A theme picked in the workbench (Ctrl+P,
"Change theme") is remembered in a small state file in the user data folder; ktw.toml is the
user's file and is never rewritten. A theme set in ktw.toml wins over the remembered one when
it differs from what ktw.toml said the last time a theme was picked, so editing the file
always takes effect.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kt_workbench import locations
from kt_workbench.checker.config import _line_of
from kt_workbench.errors import InputError
from kt_workbench.settings import Settings, load_settings

WORKBENCH_KEYS = ("theme",)
_KEY_SPEC = re.compile(r"^[a-z0-9_]+(\+[a-z0-9_]+)*(,[a-z0-9_]+(\+[a-z0-9_]+)*)*$")
STATE_FILE = "workbench-state.json"


@dataclass(frozen=True)
class WorkbenchSettings:
    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)


def known_themes() -> tuple[str, ...]:
    from textual.theme import BUILTIN_THEMES

    return tuple(BUILTIN_THEMES)


def known_binding_ids() -> dict[str, str]:
    """Every binding id of the workbench, with what it does."""
    from kt_workbench.tui.bindings_catalogue import all_bindings

    return {binding.id: binding.description for binding in all_bindings() if binding.id}


def parse_workbench(table: Any, source: str, text: str) -> str | None:
    """The ``[workbench]`` table: the theme name, or None when not set."""
    if not isinstance(table, dict):
        raise InputError(source, _line_of(text, ("workbench",)), "'workbench' must be a table")
    for name in table:
        if name not in WORKBENCH_KEYS:
            raise InputError(
                source,
                _line_of(text, ("workbench", name)),
                f"unknown key 'workbench.{name}' (expected one of: {', '.join(WORKBENCH_KEYS)})",
            )
    theme = table.get("theme")
    if theme is None:
        return None
    themes = known_themes()
    if not isinstance(theme, str) or theme not in themes:
        raise InputError(
            source,
            _line_of(text, ("workbench", "theme")),
            f"'workbench.theme' must be one of: {', '.join(themes)}; got {theme!r}",
        )
    return theme


def parse_keys(table: Any, source: str, text: str) -> dict[str, str]:
    """The ``[keys]`` table: binding id to key(s), e.g. ``"editor.save" = "ctrl+s"``."""
    if not isinstance(table, dict):
        raise InputError(source, _line_of(text, ("keys",)), "'keys' must be a table")
    known = known_binding_ids()
    keymap: dict[str, str] = {}
    for binding_id, keys in table.items():
        line = _line_of(text, ("keys", binding_id))
        if binding_id not in known:
            raise InputError(
                source,
                line,
                f"unknown binding id '{binding_id}' in [keys] (the ids are listed by F1 "
                "and in docs/workbench.md)",
            )
        spec = keys.replace(" ", "") if isinstance(keys, str) else None
        if spec is None or not _KEY_SPEC.match(spec):
            raise InputError(
                source,
                line,
                f'keys."{binding_id}" must be key names such as "ctrl+s" or "f5,ctrl+e"; '
                f"got {keys!r}",
            )
        keymap[binding_id] = spec
    return keymap


def parse_workbench_settings(text: str, source: str) -> WorkbenchSettings:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return WorkbenchSettings()  # the checker's loader reports TOML syntax with its line
    return WorkbenchSettings(
        theme=parse_workbench(data.get("workbench", {}), source, text),
        keys=parse_keys(data.get("keys", {}), source, text),
    )


def workbench_settings(settings: Settings) -> WorkbenchSettings:
    """The ``[workbench]`` and ``[keys]`` tables of the settings file the invocation read."""
    if settings.source is None:
        return WorkbenchSettings()
    return parse_workbench_settings(settings.text, settings.source)


def load_workbench_settings(path: Path | None = None) -> WorkbenchSettings:
    """The workbench settings from ``path`` (default: ktw.toml in the config folder, if any),
    read through the one settings loader."""
    return workbench_settings(load_settings(path))


class WorkbenchState:
    """What the workbench remembers between runs (the theme), in the user data folder."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or locations.data_dir() / STATE_FILE

    def read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def theme(self, configured: str | None) -> str | None:
        """The theme to start with: ktw.toml's when it changed since the last pick."""
        state = self.read()
        remembered = state.get("theme")
        if configured is not None and configured != state.get("configured_theme"):
            return configured
        if isinstance(remembered, str) and remembered in known_themes():
            return remembered
        return configured

    def remember_theme(self, theme: str, configured: str | None) -> None:
        state = self.read() | {"theme": theme, "configured_theme": configured}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(state), encoding="utf-8")
        except OSError:
            pass  # forgetting a theme is not worth interrupting anyone's work
