"""Rows back into a ``ProcessDocument``: the half of the mapping every reader shares.

The process row arrives as a column-name mapping and child rows as value sequences in field
order. Both the SQLAlchemy reads (``reads``) and the light reader (``quick_read``) call
``document_from_rows``, so they turn the same rows into the same documents and refuse the
same damaged ones; this module imports no SQLAlchemy.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kt_workbench.model import Layout, ProcessDocument
from kt_workbench.model.layout import (
    DEFAULT_GLOSSARY_BULLET,
    GLOSSARY_STYLES,
    STEP_STYLES,
    decode_table_headers,
)
from kt_workbench.store.names import CHILD_TABLES, PLAIN_FIELDS
from kt_workbench.store.text_check import unstorable_field
from kt_workbench.store.tree_codec import decode_tree

ROW_ERRORS = (ValueError, TypeError, KeyError, RecursionError)


class StoredDataError(ValueError):
    """A stored row this version cannot turn back into a document."""


@dataclass(frozen=True)
class UnreadableProcess:
    """A stored process a read skipped, and why."""

    id: str
    problem: str


def documents_from_rows(
    processes: Iterable[Mapping[Any, Any]],
    children: Mapping[str, Mapping[str, Iterable[Sequence[Any]]]],
    skipped: list[UnreadableProcess] | None,
) -> list[tuple[ProcessDocument, int]]:
    """Each process row with its child rows (by process id, then field) as a document and its
    version, sorted by id.

    A row that cannot be read raises ``StoredDataError``, or, when ``skipped`` is given, is
    left out and added there (with text no backend can keep, which only a damaged file holds).
    """
    loaded = []
    for process in processes:
        try:
            document = document_from_rows(process, children.get(process["id"], {}))
            if skipped is not None:
                field = unstorable_field(document)
                if field is not None:
                    raise StoredDataError(f"{field} holds text that is not valid UTF-8")
        except ROW_ERRORS as exc:  # StoredDataError is a ValueError
            if skipped is None:
                raise StoredDataError(f"process {process['id']!r}: {exc}") from None
            problem = str(exc).splitlines()[0] if str(exc).strip() else type(exc).__name__
            skipped.append(UnreadableProcess(str(process["id"]), problem))
            continue
        loaded.append((document, process["version"]))
    return sorted(loaded, key=lambda pair: pair[0].id)


def document_from_rows(
    process: Mapping[Any, Any], children: Mapping[str, Iterable[Sequence[Any]]]
) -> ProcessDocument:
    """Rebuild a document from its process row and its child rows, already in position order.

    ``children`` maps a document field name (``steps``...) to that process's child values,
    each a sequence in ``names.item_columns`` order.
    """
    values: dict[str, Any] = {name: process[name] for name in PLAIN_FIELDS}
    try:
        values["channels"] = _decode_strings(process["channels"])
        values["tags"] = _decode_strings(process["tags"])
        values["decision_tree"] = decode_tree(process["decision_tree"])
        values["layout"] = decode_layout(process["layout"])
    except ValueError as exc:
        raise StoredDataError(f"process {process['id']!r}: {exc}") from None
    for field, _, item in CHILD_TABLES:
        values[field] = tuple(item(*row) for row in children.get(field, ()))
    return ProcessDocument(**values)


def _decode_strings(text: str) -> tuple[str, ...]:
    items = json.loads(text)
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise ValueError(f"expected a JSON list of strings, got {text[:40]!r}")
    return tuple(items)


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
        tuple(sections),
        step_style,
        step_heading,
        glossary_style,
        glossary_bullet,
        tuple(scripts),
        decode_table_headers(data.get("table_headers", [])),
    )
