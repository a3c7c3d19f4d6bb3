"""Reading files written for other tools (Hugo, Jekyll, mkdocs, Docusaurus, plain markdown).

Such files follow their own conventions: ``status: proposed`` means something else there, the
title lives in a site's navigation or only in the file name, and an ``id`` may be a Docusaurus
slug. In adopting mode a front-matter key of ours whose value does not fit is kept verbatim
under ``x-original-<key>`` (the process is tagged ``adopted`` and starts as a draft), a missing
title comes from the site's navigation or the file name, and every such change is noted for
the import report. A file in the KT Workbench format is read strictly: a wrong value there is
an error. ``auto`` decides per file (see ``looks_native``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from kt_workbench.errors import InputError
from kt_workbench.import_modes import Mode
from kt_workbench.markdown.front_matter import KNOWN_KEYS
from kt_workbench.markdown.parser import Parsed, ParseOptions, read_process

ADOPTED_TAG = "adopted"
ORIGINAL_PREFIX = "x-original-"
# Keys only KT Workbench writes: a file holding one of them is in our format.
NATIVE_KEYS = frozenset(
    {"owner", "team", "channels", "volume_per_month", "last_reviewed", "review_every_days"}
)
_FRONT_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_INDEX_NAMES = frozenset({"index", "_index", "readme"})


@dataclass
class Adoption:
    """What adopting mode changed in one file, for the import report."""

    mode: str
    notes: list[str] = field(default_factory=list)


def front_matter_keys(text: str) -> list[str]:
    """Top-level keys of a file's front matter, read line by line (no YAML needed)."""
    lines = text.split("\n", 400)
    if not lines or lines[0].rstrip() != "---":
        return []
    keys = []
    for line in lines[1:]:
        if _CLOSE.match(line):
            break
        match = _FRONT_KEY.match(line)
        if match:
            keys.append(match["key"])
    return keys


def looks_native(text: str) -> bool:
    """Whether a file is in the KT Workbench format: its front matter has a key only we use."""
    return any(key in NATIVE_KEYS for key in front_matter_keys(text))


def title_from_path(path: Path) -> str:
    """A title from a file name: ``cmoc_workflows.md`` gives ``Cmoc workflows``; an index
    page is named after its folder."""
    stem = path.stem
    if stem.lower() in _INDEX_NAMES and path.parent.name:
        stem = path.parent.name
    words = re.sub(r"[-_\s]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else ""


def read_adopting(
    text: str, source: str, options: ParseOptions, mode: Mode, fallback_title: str
) -> tuple[Parsed, Adoption]:
    """Parse one file in the given mode, adopting what other tools' conventions need."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    strict = mode == "strict" or (mode == "auto" and looks_native(text))
    adoption = Adoption("strict" if strict else "adopted")
    if strict:
        return read_process(text, source, options), adoption
    options = replace(options, fallback_title=fallback_title, tables_by_columns=True)
    renamed: list[str] = []
    while True:
        try:
            parsed = read_process(text, source, options)
            break
        except InputError as error:
            key = _clashing_key(text, error, renamed)
            if key is None:
                raise
            text = _rename(text, error.line or 0, key)
            renamed.append(key)
            adoption.notes.append(
                f"front matter '{key}' means something else here ({error.problem}): "
                f"kept as '{ORIGINAL_PREFIX}{key}'"
            )
    document = parsed.document
    if renamed:
        tags = document.tags if ADOPTED_TAG in document.tags else (*document.tags, ADOPTED_TAG)
        document = replace(document, status="draft", tags=tags)
        adoption.notes.append(f"tagged '{ADOPTED_TAG}' and set to draft: review it")
    for where, section in parsed.tables_by_columns:
        place = f"section '{where}'" if where else "the text before any section"
        label = section.replace("_", " ")
        adoption.notes.append(f"a table in {place} read as {label} from its columns")
    if parsed.title_source == "fallback":
        adoption.notes.append(f"no title in the file: titled '{document.title}'")
    return replace(parsed, document=document), adoption


def _clashing_key(text: str, error: InputError, renamed: list[str]) -> str | None:
    """The known key an error is about, when it is a value that does not fit (not broken
    YAML): such a key can be kept under another name."""
    if error.line is None or error.problem.startswith(("invalid YAML", "front matter")):
        return None
    lines = text.split("\n")
    if not 1 < error.line <= len(lines):
        return None
    match = _FRONT_KEY.match(lines[error.line - 1])
    if match is None or match["key"] not in KNOWN_KEYS or match["key"] in renamed:
        return None
    return match["key"]


def _rename(text: str, line: int, key: str) -> str:
    lines = text.split("\n")
    lines[line - 1] = ORIGINAL_PREFIX + lines[line - 1]
    return "\n".join(lines)


# --- site navigation (mkdocs) ------------------------------------------------------------------


class _LenientLoader(yaml.SafeLoader):
    """mkdocs.yml files use tags such as ``!!python/name:``; their values are not needed."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_LenientLoader.add_multi_constructor("", _any_tag)


def nav_titles(folder: Path) -> dict[Path, str]:
    """Titles a ``mkdocs.yml`` in the folder or above it gives its pages, by resolved path."""
    for candidate in (folder, *folder.parents):
        config = candidate / "mkdocs.yml"
        if config.is_file():
            break
    else:
        return {}
    try:
        data = yaml.load(config.read_text("utf-8")[:1_000_000], Loader=_LenientLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    if not isinstance(data, dict):
        return {}
    docs = config.parent / str(data.get("docs_dir") or "docs")
    titles: dict[Path, str] = {}
    _walk_nav(data.get("nav"), docs, titles)
    return titles


def _walk_nav(entry: Any, docs: Path, titles: dict[Path, str]) -> None:
    if isinstance(entry, list):
        for item in entry:
            _walk_nav(item, docs, titles)
    elif isinstance(entry, dict):
        for title, target in entry.items():
            if isinstance(target, str) and target.endswith(".md"):
                titles[(docs / target).resolve()] = str(title).strip()
            else:
                _walk_nav(target, docs, titles)
