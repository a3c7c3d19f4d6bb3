"""YAML front matter: splitting it off, validating the known keys, writing it back."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from kt_workbench.errors import InputError
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
# libyaml's loader is several times faster; both read the same documents.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DELIMITER = re.compile(r"^---[ \t]*$")
_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


@dataclass
class FrontMatter:
    """Validated front matter. ``fields`` holds model field values; ``body_offset`` is the
    number of lines before the body starts."""

    fields: dict[str, Any] = field(default_factory=dict)
    extra: str = ""
    body_offset: int = 0
    present: bool = False


def split_front_matter(text: str, source: str) -> tuple[FrontMatter, str]:
    lines = text.split("\n")
    if not lines or not _DELIMITER.match(lines[0]):
        return FrontMatter(), text
    for index in range(1, len(lines)):
        if _END.match(lines[index]):
            raw = "\n".join(lines[1:index])
            front = _validate(_load(raw, source), raw, source)
            front.body_offset = index + 1
            front.present = True
            return front, "\n".join(lines[index + 1 :])
    raise InputError(source, 1, "front matter starts with '---' but has no closing '---' line")


def _load(raw: str, source: str) -> dict[Any, Any]:
    try:
        data = yaml.load(raw, Loader=_LOADER)
    except yaml.YAMLError:
        # libyaml and PyYAML place some errors on different lines: the message comes from
        # PyYAML's own reader, so it is the same wherever libyaml is missing.
        try:
            yaml.load(raw, Loader=yaml.SafeLoader)
        except yaml.YAMLError as error:
            raise InputError(*_yaml_problem(error, source)) from None
        raise InputError(source, 1, "invalid YAML in front matter") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(source, 2, "front matter must be 'key: value' lines")
    return data


def _yaml_problem(error: yaml.YAMLError, source: str) -> tuple[str, int, str]:
    """Where YAML gave up and why, with the line of what it was reading when that differs."""
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    mark = problem_mark or context_mark
    line = mark.line + 2 if mark is not None else 1  # + the opening '---', counted from 1
    problem = getattr(error, "problem", None) or "not valid YAML"
    context = getattr(error, "context", None)
    if context and context_mark is not None and context_mark.line + 2 != line:
        problem += f" ({context} that starts on line {context_mark.line + 2})"
    return source, line, f"invalid YAML in front matter: {problem}"


def _line_of(raw: str, key: str) -> int:
    for number, line in enumerate(raw.split("\n"), start=2):
        if re.match(rf"^{re.escape(key)}\s*:", line):
            return number
    return 2


def _text(value: Any, key: str, fail: Any) -> str:
    if isinstance(value, str):
        if "\n" in value.strip():
            fail(key, f"'{key}' must be a single line")
        return value.strip()
    if value is None:
        return ""
    fail(key, f"'{key}' must be text (put the value in quotes)")
    return ""


def _text_list(value: Any, key: str, fail: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [part for part in (p.strip() for p in value.split(",")) if part]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        fail(key, f"'{key}' must be a list of words, like [phone, email]")
    return tuple(item.strip() for item in value if item.strip())


def _count(value: Any, key: str, fail: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        fail(key, f"'{key}' must be a whole number of 0 or more, got {value!r}")
    return int(value)


def _date(value: Any, key: str, fail: Any) -> dt.date | None:
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
    fail(key, f"'{key}' must be a date written YYYY-MM-DD, got {value!r}")
    return None


def _validate(data: dict[Any, Any], raw: str, source: str) -> FrontMatter:
    def fail(key: str, problem: str) -> None:
        raise InputError(source, _line_of(raw, key), problem)

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
                fail("status", f"status must be one of {', '.join(STATUSES)}; got {status!r}")
            values["status"] = status.strip()
    for key in ("channels", "tags"):
        if key in data:
            values[key] = _text_list(data[key], key, fail)
    for key in ("volume_per_month", "review_every_days"):
        if key in data:
            values[key] = _count(data[key], key, fail)
    if "last_reviewed" in data:
        values["last_reviewed"] = _date(data["last_reviewed"], "last_reviewed", fail)
    extra = {key: value for key, value in data.items() if key not in KNOWN_KEYS}
    return FrontMatter(values, dump_yaml(extra) if extra else "")


def dump_yaml(data: dict[Any, Any]) -> str:
    """Block-style mapping, one key per line; lists of plain values stay on one line."""
    lines = []
    for key, value in data.items():
        if isinstance(value, list) and value and all(not isinstance(v, list | dict) for v in value):
            flow = _safe_dump(value, flow=True)
            lines.append(_safe_dump({key: None}, flow=False).removesuffix("null") + flow)
        else:
            lines.append(_safe_dump({key: value}, flow=False))
    return "\n".join(lines)


class _Dumper(yaml.SafeDumper):
    """Safe dumping, with strings holding a YAML line break double-quoted.

    In a plain or single-quoted scalar, NEL (U+0085) and the Unicode line and paragraph
    separators are read back as line breaks; double quotes write them as escapes instead.
    """


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if any(char in value for char in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_text)


def _safe_dump(value: Any, *, flow: bool) -> str:
    text = yaml.dump(
        value,
        Dumper=_Dumper,
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
