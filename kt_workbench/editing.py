"""A process as the editor holds it: plain text fields, one per form input or section tab.

``fields_from_document`` splits the canonical markdown into those fields and
``document_from_fields`` puts them back together through the same parser imports use, so the
editor can never store anything an import would not.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from kt_workbench.errors import InputError
from kt_workbench.markdown import parse_document, render_document
from kt_workbench.markdown.blocks import tidy_lines, top_level_blocks
from kt_workbench.markdown.escaping import escape_heading_text
from kt_workbench.markdown.front_matter import dump_yaml
from kt_workbench.markdown.parser import heading_text
from kt_workbench.markdown.vocabulary import canonical_heading, section_for_heading
from kt_workbench.model import ProcessDocument

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
SECTION_FIELDS = (
    "purpose",
    "scope",
    "procedure",
    "scripts",
    "decision_tree",
    "access_rights",
    "edge_cases",
    "metrics",
    "contacts",
    "glossary",
)
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
    fields["introduction"] = tidy_lines(lines[start:first])
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
    if fields.get("introduction", "").strip():
        parts.append(fields["introduction"].strip() + "\n")
    for section in SECTION_FIELDS:
        body = fields.get(section, "").strip()
        if body:
            parts.append(f"## {canonical_heading(section)}\n\n{body}\n")
    if fields.get("other", "").strip():
        parts.append(fields["other"].strip() + "\n")
    return "\n".join(part for part in parts if part is not None)


def document_from_fields(fields: EditorFields, source: str = "editor") -> ProcessDocument:
    """Parse the editor's fields; raises ``InputError`` naming what is wrong."""
    return parse_document(to_markdown(fields), source)
