"""A process as the editor holds it: plain text fields, one per form input or section tab.

``fields_from_document`` splits the canonical markdown into those fields and
``document_from_fields`` puts them back together through the same parser imports use, so the
editor can never store anything an import would not.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import yaml

from kt_workbench.errors import InputError
from kt_workbench.markdown import parse_document, render_document
from kt_workbench.markdown.blocks import tidy_lines, top_level_blocks
from kt_workbench.markdown.escaping import escape_heading_text
from kt_workbench.markdown.front_matter import dump_yaml
from kt_workbench.markdown.parser import heading_text
from kt_workbench.markdown.vocabulary import canonical_heading, section_for_heading
from kt_workbench.model import BODY_SECTIONS, STATUSES, ProcessDocument
from kt_workbench.model.identifiers import is_valid_id

FORM_FIELDS = (
    "title",
    "id",
    "owner",
    "team",
    "status",
    "channels",
    "volume_per_month",
    "last_reviewed",
    "review_every_days",
    "tags",
    "extra_front_matter",
)
# One text area per body section, in the file's canonical order.
SECTION_FIELDS = BODY_SECTIONS
TEXT_FIELDS = ("introduction", *SECTION_FIELDS, "other")
EditorFields = dict[str, str]


def empty_fields() -> EditorFields:
    fields = dict.fromkeys((*FORM_FIELDS, *TEXT_FIELDS), "")
    fields["status"] = "draft"
    return fields


def fields_from_document(document: ProcessDocument) -> EditorFields:
    fields = empty_fields()
    fields.update(
        title=document.title,
        id=document.id,
        owner=document.owner,
        team=document.team,
        status=document.status,
        channels=", ".join(document.channels),
        volume_per_month=""
        if document.volume_per_month is None
        else str(document.volume_per_month),
        last_reviewed=document.last_reviewed.isoformat() if document.last_reviewed else "",
        review_every_days=(
            "" if document.review_every_days is None else str(document.review_every_days)
        ),
        tags=", ".join(document.tags),
        extra_front_matter=document.extra_front_matter,
    )
    text = render_document(document, diagram=False)
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    lines = body.split("\n")
    blocks = top_level_blocks(body)
    h1 = next((b for b in blocks if b.kind == "heading" and b.heading_level == 1), None)
    h2s = [b for b in blocks if b.kind == "heading" and b.heading_level == 2]
    start = h1.end if h1 else 0
    first = h2s[0].start if h2s else len(lines)
    # Text written above the title comes first in the introduction, which the form writes
    # below the title: moved, never lost.
    above = tidy_lines(lines[: h1.start]) if h1 else ""
    below = tidy_lines(lines[start:first])
    fields["introduction"] = "\n\n".join(part for part in (above, below) if part)
    other: list[str] = []
    for index, heading in enumerate(h2s):
        end = h2s[index + 1].start if index + 1 < len(h2s) else len(lines)
        section = section_for_heading(heading_text(lines, heading))
        if section is not None and not fields[section]:
            fields[section] = tidy_lines(lines[heading.end : end])
        else:
            other.append(tidy_lines(lines[heading.start : end]))
    fields["other"] = "\n\n".join(other)
    return fields


def _form_values(fields: EditorFields) -> dict[str, Any]:
    """Typed front matter from the form, with errors that name the field as the form does."""
    values: dict[str, Any] = {}
    for key in ("id", "owner", "team", "status"):
        if fields.get(key, "").strip():
            values[key] = fields[key].strip()
    for key in ("channels", "tags"):
        items = [item.strip() for item in fields.get(key, "").split(",") if item.strip()]
        if items:
            values[key] = items
    for key, label in (
        ("volume_per_month", "Volume per month"),
        ("review_every_days", "Review every"),
    ):
        raw = fields.get(key, "").strip().replace(",", "")
        if raw:
            if not raw.isdigit():
                raise InputError(label, None, "must be a whole number")
            values[key] = int(raw)
    raw_date = fields.get("last_reviewed", "").strip()
    if raw_date:
        try:
            values["last_reviewed"] = dt.date.fromisoformat(raw_date)
        except ValueError:
            raise InputError("Last reviewed", None, "must be a date written YYYY-MM-DD") from None
    extra = fields.get("extra_front_matter", "").strip()
    if extra:
        try:
            loaded = yaml.safe_load(extra)
        except yaml.YAMLError:
            raise InputError("Extra fields", None, "must be 'key: value' lines of YAML") from None
        if not isinstance(loaded, dict):
            raise InputError("Extra fields", None, "must be 'key: value' lines of YAML")
        values.update({k: v for k, v in loaded.items() if k not in values})
    return values


def to_markdown(fields: EditorFields) -> str:
    """The full markdown file the fields stand for."""
    title = fields.get("title", "").strip()
    front = {"title": title, **_form_values(fields)} if title else _form_values(fields)
    parts = ["---", dump_yaml(front) if front else "", "---", ""]
    if title:
        parts.append(f"# {escape_heading_text(title)}\n")
    introduction = _text_field(fields.get("introduction", ""))
    if introduction:
        parts.append(introduction + "\n")
    for section in SECTION_FIELDS:
        body = _text_field(fields.get(section, ""))
        if body:
            parts.append(f"## {canonical_heading(section)}\n\n{body}\n")
    other = _text_field(fields.get("other", ""))
    if other:
        parts.append(other + "\n")
    return "\n".join(part for part in parts if part is not None)


# What a text field loses around it, as the parser tidies it (``tidy_lines``): blank lines and
# ASCII spaces and tabs. Other Unicode whitespace (a no-break or an ideographic space ending a
# script) is text the parser keeps, so the editor keeps it too.
_AROUND_TEXT = " \t\r\n"


def _text_field(value: str) -> str:
    return value.strip(_AROUND_TEXT)


def document_from_fields(fields: EditorFields, source: str = "editor") -> ProcessDocument:
    """Parse the editor's fields; raises ``InputError`` naming what is wrong."""
    return parse_document(to_markdown(fields), source)


# --- problems the form can point at -----------------------------------------------------------

_WHOLE_NUMBERS = (("volume_per_month", "a whole number"), ("review_every_days", "a whole number"))
# A review interval the checker can use: at least daily, at most about every three years.
REVIEW_DAYS = (1, 1000)
_SECTION_HEADING = re.compile(r"^ {0,3}(#{1,2})(?:[ \t]|$)")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def stray_headings(text: str) -> list[int]:
    """Lines (0-based) of '#' or '##' headings, outside code fences, in a section's text.

    Such a heading would start a new section when the process is put together, moving the
    text below it out of the section it was typed in.
    """
    lines: list[int] = []
    fenced = False
    for number, line in enumerate(text.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and _SECTION_HEADING.match(line):
            lines.append(number)
    return lines


def field_problems(fields: EditorFields, today: dt.date | None = None) -> dict[str, str]:
    """What is wrong with single fields, by field key, in words that fit beside the field.

    The form marks these fields instead of refusing the whole process, so the findings stay
    useful while one value is being corrected.
    """
    problems: dict[str, str] = {}
    for key, expected in _WHOLE_NUMBERS:
        raw = fields.get(key, "").strip().replace(",", "")
        if raw and not raw.isdigit():
            problems[key] = f"must be {expected}, e.g. 1200"
    interval = fields.get("review_every_days", "").strip().replace(",", "")
    if interval.isdigit() and not REVIEW_DAYS[0] <= int(interval) <= REVIEW_DAYS[1]:
        problems["review_every_days"] = (
            f"must be between {REVIEW_DAYS[0]} and {REVIEW_DAYS[1]:,} days, e.g. 90"
        )
    status = fields.get("status", "").strip()
    if status and status not in STATUSES:
        problems["status"] = f"must be one of {', '.join(STATUSES)}"
    process_id = fields.get("id", "").strip()
    if process_id and not is_valid_id(process_id):
        problems["id"] = (
            "must be lowercase letters, digits and hyphens (blank: made from the title)"
        )
    raw_date = fields.get("last_reviewed", "").strip()
    if raw_date:
        try:
            reviewed = dt.date.fromisoformat(raw_date)
        except ValueError:
            problems["last_reviewed"] = "must be a date written YYYY-MM-DD"
        else:
            if today is not None and reviewed > today:
                problems["last_reviewed"] = f"is in the future (today is {today.isoformat()})"
    for key in ("introduction", *SECTION_FIELDS):
        lines = stray_headings(fields.get(key, ""))
        if lines:
            problems[key] = (
                f"line {lines[0] + 1} is a '#' or '##' heading, which would start a new "
                "section: use '###' inside a section, or the Other tab for a new section"
            )
    return problems


def checkable_fields(fields: EditorFields, problems: dict[str, str]) -> EditorFields:
    """The fields with the problem values set aside, so the rest can still be checked."""
    result = dict(fields)
    for key in problems:
        if key in FORM_FIELDS:
            result[key] = ""
        else:
            stray = set(stray_headings(result[key]))
            result[key] = "\n".join(
                "\\" + line.lstrip() if number in stray else line
                for number, line in enumerate(result[key].split("\n"))
            )
    return result


# --- where a finding or a search hit points ----------------------------------------------------

_NUMBERED = re.compile(r"^ {0,3}\d+[.)](?:\s|$)")
_ROW_LOCATION = re.compile(r"^(?:access|contact) row (\d+)$")
_NAMED_LOCATION = re.compile(r"^(edge case|script|metric|glossary|section): (.+)$")
_QUOTED = re.compile(r"[\"'“‘]([^\"'”’]{2,})[\"'”’]")
_KEY = re.compile(r"\[([^\[\]]+)\]")
_FRONT_MATTER_WORDS = (
    ("owner", "owner"),
    ("team", "team"),
    ("status", "status"),
    ("review", "last_reviewed"),
    ("volume", "volume_per_month"),
    ("channel", "channels"),
    ("tag", "tags"),
)


def locate(
    fields: EditorFields, section: str, location: str, message: str = ""
) -> tuple[str, int | None]:
    """The field and line (0-based, or None) that a finding or search hit is about."""
    location = location.strip()
    if location in fields:
        return location, 0 if location in TEXT_FIELDS else None
    if location == "front matter" or section == "overview":
        if location in ("purpose", "scope", "introduction"):
            return location, 0
        words = message.casefold()
        for word, key in _FRONT_MATTER_WORDS:
            if word in words:
                return key, None
        return "title", None
    if location.startswith("step "):
        number = location.removeprefix("step ").strip()
        if number.isdigit():
            return "procedure", _nth_line(fields["procedure"], _NUMBERED.match, int(number))
    key = section if section in fields else "other"
    text = fields.get(key, "")
    row = _ROW_LOCATION.match(location)
    if row:
        table = "access_rights" if location.startswith("access") else "contacts"
        return table, _table_row(fields[table], int(row.group(1)))
    named = _NAMED_LOCATION.match(location)
    if named:
        kind, name = named.groups()
        if kind == "section":
            return "other", _first_line_with(fields["other"], name)
        return key, _first_line_with(text, name)
    for node_key in _KEY.findall(location):
        line = _node_line(text, node_key)
        if line is not None:
            return key, line
    for source in (message, location):
        for found in _QUOTED.findall(source):
            line = _first_line_with(text, found)
            if line is not None:
                return key, line
    return key, None


def _node_line(text: str, node_key: str) -> int | None:
    """The line where a tree node with ``[node_key]`` is written, rather than a jump to it."""
    marker = f"[{node_key}]".casefold()
    lines = text.casefold().split("\n")
    defining = (
        n for n, line in enumerate(lines) if marker in line and "goto " + marker not in line
    )
    return next(defining, _first_line_with(text, marker))


def _nth_line(text: str, matches: Callable[[str], object], n: int) -> int | None:
    count = 0
    for number, line in enumerate(text.split("\n")):
        if matches(line):
            count += 1
            if count == n:
                return number
    return None


def _table_row(text: str, n: int) -> int | None:
    """The line of the n-th data row (1-based) of the first markdown table in ``text``."""
    rows = [number for number, line in enumerate(text.split("\n")) if line.lstrip().startswith("|")]
    data = rows[2:]  # the header and the separator come first
    return data[n - 1] if 0 < n <= len(data) else None


def _first_line_with(text: str, needle: str) -> int | None:
    needle = needle.casefold().strip()
    if not needle:
        return None
    for number, line in enumerate(text.split("\n")):
        if needle in line.casefold():
            return number
    return None
