"""Mapping between ``ProcessDocument`` and the store's rows, in both directions, exactly.

The process row arrives as a column-name mapping and child rows as value sequences in field
order (Core result rows); the functions here never touch a session.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from functools import cached_property
from typing import Any

from sqlalchemy import Table
from sqlmodel import SQLModel

from kt_workbench.model import (
    AccessRight,
    Contact,
    EdgeCase,
    ExtraSection,
    GlossaryEntry,
    Layout,
    Metric,
    ProcessDocument,
    Script,
    SectionNote,
    Step,
)
from kt_workbench.model.layout import DEFAULT_GLOSSARY_BULLET, GLOSSARY_STYLES, STEP_STYLES
from kt_workbench.store.tables import (
    AccessRightRow,
    ContactRow,
    EdgeCaseRow,
    ExtraSectionRow,
    GlossaryEntryRow,
    MetricRow,
    ScriptRow,
    SectionNoteRow,
    StepRow,
    table_of,
)
from kt_workbench.store.tree_codec import decode_tree, encode_tree


@dataclass(frozen=True)
class ChildTable:
    """One ordered collection of the document and the table that holds it."""

    field: str
    row: type[SQLModel]
    item: type[Any]

    @cached_property
    def columns(self) -> tuple[str, ...]:
        """The item's fields in declaration order, which is also its constructor's order."""
        return tuple(f.name for f in fields(self.item))

    @cached_property
    def table(self) -> Table:
        return table_of(self.row)


CHILD_TABLES: tuple[ChildTable, ...] = (
    ChildTable("steps", StepRow, Step),
    ChildTable("scripts", ScriptRow, Script),
    ChildTable("access_rights", AccessRightRow, AccessRight),
    ChildTable("edge_cases", EdgeCaseRow, EdgeCase),
    ChildTable("metrics", MetricRow, Metric),
    ChildTable("contacts", ContactRow, Contact),
    ChildTable("glossary", GlossaryEntryRow, GlossaryEntry),
    ChildTable("notes", SectionNoteRow, SectionNote),
    ChildTable("extra_sections", ExtraSectionRow, ExtraSection),
)

# Document fields stored as identical columns of the process table.
PLAIN_FIELDS: tuple[str, ...] = (
    "id",
    "title",
    "owner",
    "team",
    "status",
    "volume_per_month",
    "last_reviewed",
    "review_every_days",
    "extra_front_matter",
    "purpose",
    "scope",
)
ENCODED_FIELDS: tuple[str, ...] = ("channels", "tags", "decision_tree", "layout")

# Every document field the store persists; a test keeps this equal to the model's fields.
MAPPED_FIELDS: frozenset[str] = frozenset(
    (*PLAIN_FIELDS, *ENCODED_FIELDS, *(child.field for child in CHILD_TABLES))
)


class StoredDataError(ValueError):
    """A stored row this version cannot turn back into a document."""


def process_values(
    document: ProcessDocument, version: int, updated_at: dt.datetime
) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(document, name) for name in PLAIN_FIELDS}
    values["channels"] = _encode_strings(document.channels)
    values["tags"] = _encode_strings(document.tags)
    values["decision_tree"] = encode_tree(document.decision_tree)
    values["layout"] = encode_layout(document.layout)
    values["version"] = version
    values["updated_at"] = updated_at
    return values


def child_values(document: ProcessDocument, child: ChildTable) -> list[dict[str, Any]]:
    columns = child.columns
    return [
        {"process_id": document.id, "position": position}
        | {name: getattr(item, name) for name in columns}
        for position, item in enumerate(getattr(document, child.field))
    ]


def document_from_rows(
    process: Mapping[Any, Any], children: Mapping[str, Iterable[Sequence[Any]]]
) -> ProcessDocument:
    """Rebuild a document from its process row and its child rows, already in position order.

    ``children`` maps a document field name (``steps``...) to that process's child values,
    each a sequence in ``ChildTable.columns`` order.
    """
    values: dict[str, Any] = {name: process[name] for name in PLAIN_FIELDS}
    try:
        values["channels"] = _decode_strings(process["channels"])
        values["tags"] = _decode_strings(process["tags"])
        values["decision_tree"] = decode_tree(process["decision_tree"])
        values["layout"] = decode_layout(process["layout"])
    except ValueError as exc:
        raise StoredDataError(f"process {process['id']!r}: {exc}") from None
    for child in CHILD_TABLES:
        item = child.item
        values[child.field] = tuple(item(*row) for row in children.get(child.field, ()))
    return ProcessDocument(**values)


def _encode_strings(items: tuple[str, ...]) -> str:
    return json.dumps(list(items), ensure_ascii=False)


def _decode_strings(text: str) -> tuple[str, ...]:
    items = json.loads(text)
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise ValueError(f"expected a JSON list of strings, got {text[:40]!r}")
    return tuple(items)


def encode_layout(layout: Layout) -> str:
    """The layout as a JSON object holding only what differs from the default."""
    default = Layout()
    values = {
        "sections": list(layout.sections),
        "step_style": layout.step_style,
        "step_heading": layout.step_heading,
        "glossary_style": layout.glossary_style,
        "glossary_bullet": layout.glossary_bullet,
        "plain_scripts": list(layout.plain_scripts),
    }
    kept = {key: value for key, value in values.items() if value != _plain(getattr(default, key))}
    return json.dumps(kept, ensure_ascii=False, separators=(",", ":"))


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def decode_layout(text: str) -> Layout:
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError(f"expected a JSON object for the layout, got {text[:40]!r}")
    sections = data.get("sections", [])
    scripts = data.get("plain_scripts", [])
    step_style = data.get("step_style", "list")
    step_heading = data.get("step_heading", "Step {n}: ")
    glossary_style = data.get("glossary_style", "table")
    glossary_bullet = data.get("glossary_bullet", DEFAULT_GLOSSARY_BULLET)
    if (
        not isinstance(sections, list)
        or not all(isinstance(item, str) for item in sections)
        or not isinstance(scripts, list)
        or not all(isinstance(item, int) and not isinstance(item, bool) for item in scripts)
        or step_style not in STEP_STYLES
        or glossary_style not in GLOSSARY_STYLES
        or not isinstance(step_heading, str)
        or not isinstance(glossary_bullet, str)
    ):
        raise ValueError(f"unreadable layout {text[:40]!r}")
    return Layout(
        tuple(sections), step_style, step_heading, glossary_style, glossary_bullet, tuple(scripts)
    )
