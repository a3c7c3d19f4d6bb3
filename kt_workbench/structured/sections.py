"""A section's text read into a document of its own, and written back as section text."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kt_workbench.editing import document_from_fields, empty_fields, fields_from_document
from kt_workbench.model import ProcessDocument

# The document attribute holding each list-shaped section's items, by editor field.
ITEM_ATTRIBUTES: dict[str, str] = {
    "procedure": "steps",
    "scripts": "scripts",
    "access_rights": "access_rights",
    "edge_cases": "edge_cases",
    "metrics": "metrics",
    "contacts": "contacts",
    "glossary": "glossary",
}
_PLACEHOLDER_TITLE = "Section"


def read_section(field: str, text: str) -> ProcessDocument:
    """The document that holds only ``text`` as the ``field`` section.

    Raises ``InputError`` when the text does not parse, exactly as saving would.
    """
    fields = empty_fields()
    fields["title"] = _PLACEHOLDER_TITLE
    fields[field] = text
    return document_from_fields(fields, source=field)


def write_section(field: str, document: ProcessDocument) -> str:
    """The section text of ``field`` as the renderer writes ``document``'s items and notes."""
    return fields_from_document(document)[field]


def section_items(document: ProcessDocument, field: str) -> tuple[Any, ...]:
    """The items of a list-shaped section (steps, scripts, rows, cases)."""
    return tuple(getattr(document, ITEM_ATTRIBUTES[field]))


def with_items(document: ProcessDocument, field: str, items: tuple[Any, ...]) -> ProcessDocument:
    """``document`` with the section's items replaced; notes are left where they were."""
    changes: dict[str, Any] = {ITEM_ATTRIBUTES[field]: tuple(items)}
    return replace(document, **changes)
