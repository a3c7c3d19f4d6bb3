"""Mapping between ``ProcessDocument`` and the store's rows, in both directions, exactly.

The process row arrives as a column-name mapping and child rows as value sequences in field
order (Core result rows); the functions here never touch a session. Reading rows back into a
document is in ``decoding``, which the light reader shares without importing SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from sqlalchemy import Table
from sqlmodel import SQLModel

from kt_workbench.model import Layout, ProcessDocument
from kt_workbench.model.layout import encode_table_headers
from kt_workbench.store import names

# The decoding half lives in ``decoding``; these names stay importable from here.
from kt_workbench.store.decoding import StoredDataError, document_from_rows
from kt_workbench.store.names import ENCODED_FIELDS, PLAIN_FIELDS
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
from kt_workbench.store.tree_codec import encode_tree


@dataclass(frozen=True)
class ChildTable:
    """One ordered collection of the document and the table that holds it."""

    field: str
    row: type[SQLModel]
    item: type[Any]

    @cached_property
    def columns(self) -> tuple[str, ...]:
        """The item's fields in declaration order, which is also its constructor's order."""
        return names.item_columns(self.item)

    @cached_property
    def table(self) -> Table:
        return table_of(self.row)


_ROWS: dict[str, type[SQLModel]] = {
    "steps": StepRow,
    "scripts": ScriptRow,
    "access_rights": AccessRightRow,
    "edge_cases": EdgeCaseRow,
    "metrics": MetricRow,
    "contacts": ContactRow,
    "glossary": GlossaryEntryRow,
    "notes": SectionNoteRow,
    "extra_sections": ExtraSectionRow,
}
CHILD_TABLES: tuple[ChildTable, ...] = tuple(
    ChildTable(field, _ROWS[field], item) for field, _, item in names.CHILD_TABLES
)

# Every document field the store persists; a test keeps this equal to the model's fields.
MAPPED_FIELDS: frozenset[str] = frozenset(
    (*PLAIN_FIELDS, *ENCODED_FIELDS, *(child.field for child in CHILD_TABLES))
)


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


def _encode_strings(items: tuple[str, ...]) -> str:
    return json.dumps(list(items), ensure_ascii=False)


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
        "table_headers": encode_table_headers(layout.table_headers),
    }
    kept = {key: value for key, value in values.items() if value != _plain(getattr(default, key))}
    return json.dumps(kept, ensure_ascii=False, separators=(",", ":"))


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


__all__ = [
    "CHILD_TABLES",
    "ENCODED_FIELDS",
    "MAPPED_FIELDS",
    "PLAIN_FIELDS",
    "ChildTable",
    "StoredDataError",
    "child_values",
    "document_from_rows",
    "encode_layout",
    "process_values",
]
