"""The store's table and column names: the one list both readers use.

The SQLAlchemy tables (``tables``, ``change_tables``) take their table names from here, and
the light reader (``quick_read``, plain ``sqlite3``, for quick read-only commands) builds its
statements from here; a test holds the ORM tables' columns equal to these. Child tables
(``process_step``...) hold one column per field of their model dataclass, in its order, after
``process_id`` and ``position``. Importing this module costs nothing: no SQLAlchemy.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from kt_workbench.model import (
    AccessRight,
    Contact,
    EdgeCase,
    ExtraSection,
    GlossaryEntry,
    Metric,
    Script,
    SectionNote,
    Step,
)

PROCESS = "process"
CHANGE = "store_change"
IDENTITY = "store_identity"
ALEMBIC_VERSION = "alembic_version"

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
# Document fields stored encoded as text (JSON) in a column of the same name.
ENCODED_FIELDS: tuple[str, ...] = ("channels", "tags", "decision_tree", "layout")
PROCESS_ID = "id"
# Bumped on every save of the process.
PROCESS_VERSION = "version"
# Every column of the process table.
PROCESS_COLUMNS: tuple[str, ...] = (*PLAIN_FIELDS, *ENCODED_FIELDS, PROCESS_VERSION, "updated_at")

CHANGE_COLUMNS: tuple[str, ...] = ("sequence", "process_id", "version", "changed_at")
IDENTITY_COLUMNS: tuple[str, ...] = ("slot", "store_id")
# The slot of the one row of ``store_identity``.
IDENTITY_SLOT = 1

# Each ordered collection of the document: (document field, table, item dataclass).
CHILD_TABLES: tuple[tuple[str, str, type[Any]], ...] = (
    ("steps", "process_step", Step),
    ("scripts", "process_script", Script),
    ("access_rights", "process_access_right", AccessRight),
    ("edge_cases", "process_edge_case", EdgeCase),
    ("metrics", "process_metric", Metric),
    ("contacts", "process_contact", Contact),
    ("glossary", "process_glossary_entry", GlossaryEntry),
    ("notes", "process_note", SectionNote),
    ("extra_sections", "process_extra_section", ExtraSection),
)
CHILD_TABLE_NAMES: dict[str, str] = {field: table for field, table, _ in CHILD_TABLES}


def item_columns(item: type[Any]) -> tuple[str, ...]:
    """A child table's item columns: the dataclass's fields in declaration order, which is
    also its constructor's order."""
    return tuple(f.name for f in fields(item))
