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

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from kt_workbench.errors import InputError
from kt_workbench.import_modes import Mode
from kt_workbench.markdown.front_matter import KNOWN_KEYS
from kt_workbench.markdown.front_matter_yaml import LOADER
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
    """What adopting mode changed in one file, for the import report; ``title_from`` says
    where a title the file did not give came from, when it was its own front matter."""

    mode: str
    notes: list[str] = field(default_factory=list)
    title_from: str = ""


# Front-matter keys other tools title a page by in menus (Docusaurus, Hugo): a page without a
# title of its own takes one of them before its file name.
_LABEL_KEYS = ("sidebar_label", "linkTitle", "linktitle")
_LABEL_LINE = re.compile(rf"^(?P<key>{'|'.join(_LABEL_KEYS)})[ \t]*:[ \t]*(?P<value>.+)$")


def front_matter_label(text: str) -> tuple[str, str] | None:
    """A ``sidebar_label:`` or ``linkTitle:`` of the front matter and its key, read on its
    own line (a value YAML cannot read, or that is not text, is not used)."""
    lines = text.split("\n", 400)
    if not lines or lines[0].rstrip() != "---":
        return None
    for line in lines[1:]:
        if _CLOSE.match(line):
            return None
        match = _LABEL_LINE.match(line)
        if match is None:
            continue
        try:
            value = yaml.load(match["value"], Loader=LOADER)
        except yaml.YAMLError:
            continue
        if isinstance(value, str) and value.strip() and "\n" not in value.strip():
            return value.strip(), match["key"]
    return None


def category_label(path: Path) -> str:
    """For an index page, the ``label`` of its folder's Docusaurus ``_category_.json``."""
    if path.stem.lower() not in _INDEX_NAMES:
        return ""
    try:
        data = json.loads((path.parent / "_category_.json").read_text("utf-8")[:100_000])
    except (OSError, UnicodeDecodeError, ValueError):
        return ""
    label = data.get("label") if isinstance(data, dict) else None
    return label.strip() if isinstance(label, str) and "\n" not in label else ""


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
    label = front_matter_label(text)
    if label is not None:
        fallback_title, adoption.title_from = label[0], f"front matter '{label[1]}'"
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
        kind = section.replace("_", " ")
        adoption.notes.append(f"a table in {place} read as {kind} from its columns")
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
