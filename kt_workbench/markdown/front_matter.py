"""YAML front matter: splitting it off, validating the known keys, writing it back.

Keys the model knows (``KNOWN_KEYS``) are validated and written back in their canonical
spelling. Every other key is kept exactly as written (its lines, comments, quoting, anchors,
timestamps, empty values), so an export writes back what was imported. Front matter that
cannot be kept that way (flow style ``{a: 1}``, keys not at the start of a line) is written
back re-spelled from its values.

Limits (docs/reliability.md): front matter of at most ``MAX_FRONT_MATTER_CHARS`` characters,
nested at most ``MAX_FRONT_MATTER_DEPTH`` levels, keys that are plain scalars. Beyond them,
and for any value YAML cannot build (``2026-02-30``), the error is ``FILE:LINE: ...``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NoReturn

import yaml

from kt_workbench.errors import InputError
from kt_workbench.limits import check_document_limits
from kt_workbench.markdown.front_matter_yaml import (
    BUILD_ERRORS,
    LOADER,
    Entry,
    clip,
    load_entries,
)
from kt_workbench.model import STATUSES, ProcessDocument
from kt_workbench.model.identifiers import is_valid_id

KNOWN_KEYS = (
    "id",
    "title",
    "owner",
    "team",
    "status",
    "channels",
    "volume_per_month",
    "last_reviewed",
    "review_every_days",
    "tags",
)
MAX_FRONT_MATTER_CHARS = 256 * 1024
# Counts are stored as 64-bit integers on every backend.
MAX_COUNT = 2**63 - 1
_DELIMITER = re.compile(r"^---[ \t]*$")
_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")

Fail = Callable[[str, str], NoReturn]


@dataclass
class FrontMatter:
    """Validated front matter. ``fields`` holds model field values; ``body_offset`` is the
    number of lines before the body starts."""

    fields: dict[str, Any] = field(default_factory=dict)
    extra: str = ""
    body_offset: int = 0
    present: bool = False


def split_front_matter(text: str, source: str) -> tuple[FrontMatter, str]:
    # The first step of every parse, so the document's size limits are checked here, before
    # anything whose cost grows with nesting or length sees the text.
    check_document_limits(text, source)
    lines = text.split("\n")
    if not lines or not _DELIMITER.match(lines[0]):
        return FrontMatter(), text
    size = 0
    for index in range(1, len(lines)):
        if _END.match(lines[index]):
            raw = "\n".join(lines[1:index])
            entries, keep_lines = load_entries(raw, source)
            front = _validate(entries, raw, keep_lines, source)
            front.body_offset = index + 1
            front.present = True
            return front, "\n".join(lines[index + 1 :])
        size += len(lines[index]) + 1
        if size > MAX_FRONT_MATTER_CHARS:
            raise InputError(
                source,
                1,
                f"front matter is longer than {MAX_FRONT_MATTER_CHARS // 1024} KiB "
                "(or its closing '---' line is missing)",
            )
    raise InputError(source, 1, "front matter starts with '---' but has no closing '---' line")


def _text(value: Any, key: str, fail: Fail) -> str:
    if isinstance(value, str):
        if "\n" in value.strip():
            fail(key, f"'{key}' must be a single line")
        if "\x00" in value:
            fail(key, f"'{key}' contains a NUL character (\\0), which cannot be stored")
        return value.strip()
    if value is None:
        return ""
    fail(key, f"'{key}' must be text (put the value in quotes)")


def _text_list(value: Any, key: str, fail: Fail) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [part for part in (p.strip() for p in value.split(",")) if part]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        fail(key, f"'{key}' must be a list of words, like [phone, email]")
    if any("\x00" in item for item in value):
        fail(key, f"'{key}' contains a NUL character (\\0), which cannot be stored")
    return tuple(item.strip() for item in value if item.strip())


def _count(value: Any, key: str, fail: Fail) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        fail(key, f"'{key}' must be a whole number of 0 or more, got {clip(repr(value))}")
    if value > MAX_COUNT:
        fail(key, f"'{key}' is too large (the limit is 2**63-1)")
    return int(value)


def _date(value: Any, key: str, fail: Fail) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    fail(key, f"'{key}' must be a date written YYYY-MM-DD, got {clip(repr(value))}")


def _validate(entries: list[Entry], raw: str, keep_lines: bool, source: str) -> FrontMatter:
    data = {entry.key: entry.value for entry in entries}
    line_of = {entry.key: entry.line for entry in entries}  # the last one wins, as in YAML

    def fail(key: str, problem: str) -> NoReturn:
        raise InputError(source, line_of.get(key, 2), problem)

    values: dict[str, Any] = {}
    for key in ("id", "title", "owner", "team"):
        if key in data:
            values[key] = _text(data[key], key, fail)
    if values.get("id") and not is_valid_id(values["id"]):
        fail("id", f"id '{values['id']}' must use lowercase letters, digits and hyphens only")
    if "status" in data:
        status = data["status"]
        if status is not None:
            if not isinstance(status, str) or status.strip() not in STATUSES:
                shown = clip(repr(status))
                fail("status", f"status must be one of {', '.join(STATUSES)}; got {shown}")
            values["status"] = status.strip()
    for key in ("channels", "tags"):
        if key in data:
            values[key] = _text_list(data[key], key, fail)
    for key in ("volume_per_month", "review_every_days"):
        if key in data:
            values[key] = _count(data[key], key, fail)
    if "last_reviewed" in data:
        values["last_reviewed"] = _date(data["last_reviewed"], "last_reviewed", fail)
    extras = [entry for entry in entries if entry.key not in KNOWN_KEYS]
    return FrontMatter(values, _extra_text(extras, raw, keep_lines, source) if extras else "")


def _extra_text(extras: list[Entry], raw: str, keep_lines: bool, source: str) -> str:
    """The keys the model does not know, as written when possible, else re-spelled."""
    wanted = {entry.key: entry.value for entry in extras}
    if keep_lines:
        lines = raw.split("\n")
        text = "\n".join(line for e in extras for line in lines[e.first : e.last + 1])
        text = text.strip("\n").rstrip()
        if _reads_back(text, wanted):
            return text
    try:
        text = dump_yaml(wanted)
    except yaml.YAMLError as error:
        raise InputError(source, extras[0].line, f"front matter cannot be kept: {error}") from None
    if not _reads_back(text, wanted):
        raise InputError(
            source,
            extras[0].line,
            "front matter cannot be written back as it reads: write each key on its own line, "
            "starting at the beginning of the line",
        )
    return text


def _reads_back(text: str, wanted: dict[Any, Any]) -> bool:
    try:
        again = yaml.load(text, Loader=LOADER)
    except BUILD_ERRORS:
        return False
    try:
        # NaN is not equal to itself; its spelling is.
        return bool(again == wanted) or repr(again) == repr(wanted)
    except BUILD_ERRORS:
        return False


def dump_yaml(data: dict[Any, Any]) -> str:
    """Block-style mapping, one key per line; lists of plain values stay on one line.

    One dump for the whole mapping (a dumper per key cost more than the rest of rendering a
    document): the top-level lists to keep on one line are marked for the representer."""
    if not data:
        return ""
    marked = {
        key: _OneLine(value)
        if isinstance(value, list) and value and all(not isinstance(v, list | dict) for v in value)
        else value
        for key, value in data.items()
    }
    return _safe_dump(marked, flow=False)


class _OneLine(list[Any]):
    """A top-level list of plain values, written in flow style: ``[chat, phone]``."""


class _Dumper(yaml.SafeDumper):
    """Safe dumping, with strings holding a YAML line break double-quoted, sets in a stable
    order and shared values written out in full (anchors would repeat across keys).

    In a plain or single-quoted scalar, NEL (U+0085) and the Unicode line and paragraph
    separators are read back as line breaks; double quotes write them as escapes instead.
    """

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if any(char in value for char in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_set(dumper: yaml.SafeDumper, value: set[Any]) -> yaml.MappingNode:
    ordered = dict.fromkeys(sorted(value, key=lambda item: (type(item).__name__, repr(item))))
    return dumper.represent_mapping("tag:yaml.org,2002:set", ordered)


def _represent_one_line(dumper: yaml.SafeDumper, value: _OneLine) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(_OneLine, _represent_one_line)
_Dumper.add_representer(set, _represent_set)

# libyaml's emitter writes what the Python one writes, several times faster, for the flat
# mappings of plain values under plain keys a document's front matter holds, as long as no
# text has a character outside the Basic Multilingual Plane (libyaml escapes those as
# "\U0001F600"; a test holds the two equal). Anything else goes to the Python emitter.
_CDumper: Any = getattr(yaml, "CSafeDumper", None)
_PLAIN_VALUES = (str, int, bool, dt.date, type(None))
_OUTSIDE_BMP = re.compile("[\ud800-\udfff\U00010000-\U0010ffff]")

_FastDumper: Any = _Dumper
if _CDumper is not None:

    class _FastDumper(_CDumper):  # type: ignore[no-redef]
        """``_Dumper`` with libyaml's emitter."""

        ignore_aliases = _Dumper.ignore_aliases

    _FastDumper.add_representer(str, _represent_text)
    _FastDumper.add_representer(_OneLine, _represent_one_line)
    _FastDumper.add_representer(set, _represent_set)


def _libyaml_writes_the_same(value: Any) -> bool:
    if _CDumper is None or not isinstance(value, dict):
        return False
    texts = []
    for key, item in value.items():
        # Keys as the model's: the emitters differ on which keys need the "? key" form.
        if not isinstance(key, str) or not key.isidentifier() or len(key) > 64:
            return False
        texts.append(key)
        for part in item if isinstance(item, _OneLine) else (item,):
            # (A value that needs an explicit tag, as a time in a list does, libyaml spells
            # "!" rather than "!!timestamp".)
            if not isinstance(part, _PLAIN_VALUES) or isinstance(part, dt.datetime):
                return False
            if isinstance(part, str):
                texts.append(part)
    return not _OUTSIDE_BMP.search("".join(texts))


def _safe_dump(value: Any, *, flow: bool) -> str:
    fast = not flow and _libyaml_writes_the_same(value)
    return _dump_with(_FastDumper if fast else _Dumper, value, flow=flow)


def _dump_with(dumper: Any, value: Any, *, flow: bool) -> str:
    text = yaml.dump(
        value,
        Dumper=dumper,
        allow_unicode=True,
        sort_keys=False,
        width=1_000_000,
        default_flow_style=flow,
    )
    return text.removesuffix("\n...\n").rstrip("\n")


def render_front_matter(document: ProcessDocument) -> str:
    ordered: dict[str, Any] = {"id": document.id, "title": document.title}
    optional: dict[str, Any] = {
        "owner": document.owner,
        "team": document.team,
        "status": document.status,
        "channels": list(document.channels),
        "volume_per_month": document.volume_per_month,
        "last_reviewed": document.last_reviewed,
        "review_every_days": document.review_every_days,
        "tags": list(document.tags),
    }
    ordered.update({key: value for key, value in optional.items() if value not in ("", None, [])})
    parts = ["---", dump_yaml(ordered)]
    if document.extra_front_matter:
        parts.append(document.extra_front_matter)
    parts.append("---")
    return "\n".join(parts)
