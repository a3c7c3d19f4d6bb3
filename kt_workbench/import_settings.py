"""The ``[import]``, ``[headings]`` and ``[columns]`` tables of ktw.toml, validated here.

```toml
[import]
mode = "auto"          # auto, strict or adopt (see docs/importing.md)
max_file_mb = 8        # the largest file an import reads

[headings]
languages = ["en", "ja"]          # shipped heading and column tables to use (default: all)

[headings.en]
procedure = ["Runbook steps"]     # more headings for a section, in any language table

[columns.nl.contacts]
channel = ["Bereikbaar via"]      # more column names for a field of a section's table
```
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from kt_workbench.errors import InputError
from kt_workbench.import_modes import MODES
from kt_workbench.importing import DEFAULT_IMPORT, ImportOptions
from kt_workbench.markdown.heading_languages import LANGUAGES
from kt_workbench.markdown.parser import ParseOptions
from kt_workbench.markdown.vocabulary import (
    SECTION_HEADINGS,
    TABLE_COLUMNS,
    ColumnNames,
    Vocabulary,
)
from kt_workbench.settings import Settings

TABLES = ("import", "headings", "columns")


def _line_of(text: str, *names: str) -> int | None:
    """The first line naming the last of ``names`` (as a key or a table header)."""
    pattern = re.compile(
        rf"^\s*(?:\[[^\]]*\b{re.escape(names[-1])}\b[^\]]*\]|{re.escape(names[-1])}\s*=)"
    )
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def parse_import(table: Any, source: str, text: str, base: ImportOptions) -> ImportOptions:
    def fail(key: str, problem: str) -> InputError:
        return InputError(source, _line_of(text, key), problem)

    if not isinstance(table, dict):
        raise fail("import", "'import' must be a table")
    options = base
    for key, value in table.items():
        if key == "mode":
            if value not in MODES:
                raise fail(key, f"import.mode must be one of {', '.join(MODES)}; got {value!r}")
            options = ImportOptions(value, options.parse, options.max_file_bytes, options.suffixes)
        elif key == "max_file_mb":
            if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= 1024:
                raise fail(key, f"import.max_file_mb must be a whole number 1-1024, got {value!r}")
            options = ImportOptions(
                options.mode, options.parse, value * 1024 * 1024, options.suffixes
            )
        else:
            raise fail(key, f"unknown key 'import.{key}' (expected one of: mode, max_file_mb)")
    return options


def parse_headings(
    table: Any, source: str, text: str
) -> tuple[tuple[str, ...] | None, dict[str, tuple[str, ...]]]:
    """The languages chosen (None: all) and the headings added, by section."""

    def fail(key: str, problem: str) -> InputError:
        return InputError(source, _line_of(text, key), problem)

    if not isinstance(table, dict):
        raise fail("headings", "'headings' must be a table")
    languages: tuple[str, ...] | None = None
    added: dict[str, list[str]] = {}
    for key, value in table.items():
        if key == "languages":
            if not isinstance(value, list) or not all(v in LANGUAGES for v in value):
                raise fail(key, f"headings.languages must be a list of {', '.join(LANGUAGES)}")
            languages = tuple(value)
            continue
        if not isinstance(value, dict):
            raise fail(key, f"headings.{key} must be a table of section = [headings]")
        for section, names in value.items():
            if section not in SECTION_HEADINGS:
                raise fail(
                    section,
                    f"unknown section 'headings.{key}.{section}' "
                    f"(expected one of: {', '.join(SECTION_HEADINGS)})",
                )
            if not _names(names):
                raise fail(section, f"headings.{key}.{section} must be a list of headings")
            added.setdefault(section, []).extend(name.strip() for name in names)
    return languages, {section: tuple(names) for section, names in added.items()}


def _names(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def parse_columns(table: Any, source: str, text: str) -> ColumnNames:
    """Column names added by section and field: ``[columns.<any name>.<section>]`` tables of
    ``field = [names]``."""

    def fail(key: str, problem: str) -> InputError:
        return InputError(source, _line_of(text, key), problem)

    if not isinstance(table, dict):
        raise fail("columns", "'columns' must be a table")
    added: dict[str, dict[str, list[str]]] = {}
    for key, value in table.items():
        if not isinstance(value, dict):
            raise fail(key, f"columns.{key} must be a table of sections ([columns.{key}.contacts])")
        for section, fields in value.items():
            if section not in TABLE_COLUMNS:
                raise fail(
                    section,
                    f"unknown table 'columns.{key}.{section}' "
                    f"(expected one of: {', '.join(TABLE_COLUMNS)})",
                )
            if not isinstance(fields, dict):
                raise fail(section, f"columns.{key}.{section} must be a table of field = [names]")
            for name, names in fields.items():
                if name not in TABLE_COLUMNS[section]:
                    raise fail(
                        name,
                        f"unknown column 'columns.{key}.{section}.{name}' "
                        f"(expected one of: {', '.join(TABLE_COLUMNS[section])})",
                    )
                if not _names(names):
                    raise fail(name, f"columns.{key}.{section}.{name} must be a list of names")
                found = added.setdefault(section, {}).setdefault(name, [])
                found.extend(entry.strip() for entry in names)
    return {
        section: {name: tuple(names) for name, names in fields.items()}
        for section, fields in added.items()
    }


def import_options(text: str, source: str) -> ImportOptions:
    """Import options from a ktw.toml text (other tables are other modules' business)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(source, None, f"invalid TOML: {error}") from None
    options = DEFAULT_IMPORT
    if "headings" in data or "columns" in data:
        languages, headings = (
            parse_headings(data["headings"], source, text) if "headings" in data else (None, {})
        )
        columns = parse_columns(data["columns"], source, text) if "columns" in data else {}
        vocabulary = Vocabulary(languages, headings, columns)
        options = ImportOptions(
            options.mode,
            ParseOptions(vocabulary=vocabulary),
            options.max_file_bytes,
            options.suffixes,
        )
    if "import" in data:
        options = parse_import(data["import"], source, text, options)
    return options


def import_options_of(settings: Settings) -> ImportOptions:
    """The ``[import]``, ``[headings]`` and ``[columns]`` tables of the settings file the
    invocation read."""
    if settings.source is None:
        return DEFAULT_IMPORT
    return import_options(settings.text, settings.source)
