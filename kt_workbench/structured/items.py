"""Item operations on a list-shaped section: add, insert, delete, duplicate, move, replace.

Free text kept between steps (notes with ``after``: how many steps come before the text)
stays between the same neighbours: inserting or deleting a step shifts the notes behind it.
Other sections keep their notes before or after the whole list (``after`` 0 or not), which no
item operation changes, except that text after a list that becomes empty stays after it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kt_workbench.model import ProcessDocument, SectionNote
from kt_workbench.structured.sections import section_items, with_items


def _shift_step_notes(document: ProcessDocument, field: str, at: int, by: int) -> ProcessDocument:
    """Notes standing after more than ``at`` steps move by ``by`` steps (procedure only)."""
    if field != "procedure":
        return document
    notes: list[SectionNote] = []
    for note in document.notes:
        if note.section == "procedure" and note.after > at:
            note = replace(note, after=max(at, note.after + by))
        notes.append(note)
    return replace(document, notes=tuple(notes))


def insert_item(document: ProcessDocument, field: str, index: int, item: Any) -> ProcessDocument:
    """``item`` placed at ``index`` (0 = first; ``len`` = after the last)."""
    items = list(section_items(document, field))
    index = max(0, min(index, len(items)))
    items.insert(index, item)
    return with_items(_shift_step_notes(document, field, index, 1), field, tuple(items))


def delete_item(document: ProcessDocument, field: str, index: int) -> ProcessDocument:
    items = list(section_items(document, field))
    if not 0 <= index < len(items):
        return document
    del items[index]
    return with_items(_shift_step_notes(document, field, index, -1), field, tuple(items))


def duplicate_item(document: ProcessDocument, field: str, index: int) -> ProcessDocument:
    """A copy of item ``index`` placed right after it."""
    items = section_items(document, field)
    if not 0 <= index < len(items):
        return document
    return insert_item(document, field, index + 1, items[index])


def move_item(document: ProcessDocument, field: str, index: int, step: int) -> ProcessDocument:
    """Item ``index`` swapped with its neighbour ``step`` (-1 up, +1 down) places away.

    Notes keep their places between positions: the items move past them.
    """
    items = list(section_items(document, field))
    target = index + step
    if not (0 <= index < len(items) and 0 <= target < len(items)):
        return document
    items[index], items[target] = items[target], items[index]
    return with_items(document, field, tuple(items))


def replace_item(document: ProcessDocument, field: str, index: int, item: Any) -> ProcessDocument:
    items = list(section_items(document, field))
    if not 0 <= index < len(items):
        return document
    items[index] = item
    return with_items(document, field, tuple(items))
