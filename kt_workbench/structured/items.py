"""Item operations on a list-shaped section: add, insert, delete, duplicate, move, replace.

Free text kept between steps (notes with ``after``: how many steps come before the text)
stays between the same neighbours: inserting or deleting a step shifts the notes behind it.
After each operation the procedure's notes stand as the renderer writes them and the parser
reads them back (``settle_step_notes``): one note per place, none past the last step, and all
before the first step when the steps are written as headings. So the document an operation
returns is the one its section text reads back to.

Other sections keep their notes before or after the whole list (``after`` 0 or not), which no
item operation changes, except that text after a list that becomes empty stays after it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kt_workbench.model import ProcessDocument, SectionNote
from kt_workbench.structured.sections import section_items, with_items

# Notes standing at one place are written as one text, separated by a blank line.
NOTE_JOINER = "\n\n"


def note_place(document: ProcessDocument, note: SectionNote) -> int:
    """How many steps come before a procedure note where the renderer writes it."""
    steps = len(document.steps)
    if steps and document.layout.step_style == "headings":
        return 0  # steps written as headings only have notes before the first one
    return min(note.after, steps)


def settle_step_notes(document: ProcessDocument) -> ProcessDocument:
    """The procedure's notes as they read back from the written section.

    Notes at the same place become one (joined as the renderer joins them), empty notes go,
    and each note's ``after`` is its place; other sections' notes are left as they are.
    """
    places: dict[int, list[str]] = {}
    for note in document.notes:
        if note.section == "procedure" and note.text:
            places.setdefault(note_place(document, note), []).append(note.text)
    settled = [
        SectionNote("procedure", NOTE_JOINER.join(texts), after)
        for after, texts in sorted(places.items())
    ]
    others = [note for note in document.notes if note.section != "procedure"]
    first = next(
        (i for i, note in enumerate(document.notes) if note.section == "procedure"),
        len(others),
    )
    # The procedure's notes keep their place among the other sections' notes.
    before = [note for note in document.notes[:first] if note.section != "procedure"]
    after = others[len(before) :]
    notes = (*before, *settled, *after)
    if notes == document.notes:
        return document
    return replace(document, notes=notes)


def _shift_step_notes(
    document: ProcessDocument, field: str, at: int, by: int, *, at_too: bool = False
) -> ProcessDocument:
    """Notes standing after more than ``at`` steps (``at_too``: or exactly ``at``) move by
    ``by`` steps, never before ``at`` (procedure only)."""
    if field != "procedure":
        return document
    notes: list[SectionNote] = []
    for note in document.notes:
        if note.section == "procedure" and (note.after > at or (at_too and note.after == at)):
            note = replace(note, after=max(at, note.after + by))
        notes.append(note)
    return replace(document, notes=tuple(notes))


def _with_items(document: ProcessDocument, field: str, items: tuple[Any, ...]) -> ProcessDocument:
    changed = with_items(document, field, items)
    return settle_step_notes(changed) if field == "procedure" else changed


def insert_item(
    document: ProcessDocument,
    field: str,
    index: int,
    item: Any,
    *,
    before_notes: bool = False,
) -> ProcessDocument:
    """``item`` placed at ``index`` (0 = first; ``len`` = after the last).

    Text standing right before the item at ``index`` stays before the new item, unless
    ``before_notes``: then the new item comes right after item ``index - 1``, before that
    text ("add after this step" rather than "insert before that one").
    """
    items = list(section_items(document, field))
    index = max(0, min(index, len(items)))
    items.insert(index, item)
    shifted = _shift_step_notes(document, field, index, 1, at_too=before_notes)
    return _with_items(shifted, field, tuple(items))


def delete_item(document: ProcessDocument, field: str, index: int) -> ProcessDocument:
    """Item ``index`` gone; text on either side of it stays, now side by side."""
    items = list(section_items(document, field))
    if not 0 <= index < len(items):
        return document
    del items[index]
    return _with_items(_shift_step_notes(document, field, index, -1), field, tuple(items))


def duplicate_item(document: ProcessDocument, field: str, index: int) -> ProcessDocument:
    """A copy of item ``index`` placed right after it, before any text that followed it."""
    items = section_items(document, field)
    if not 0 <= index < len(items):
        return document
    return insert_item(document, field, index + 1, items[index], before_notes=True)


def move_item(document: ProcessDocument, field: str, index: int, step: int) -> ProcessDocument:
    """Item ``index`` swapped with its neighbour ``step`` (-1 up, +1 down) places away.

    Notes keep their places between positions: the items move past them.
    """
    items = list(section_items(document, field))
    target = index + step
    if not (0 <= index < len(items) and 0 <= target < len(items)):
        return document
    items[index], items[target] = items[target], items[index]
    return _with_items(document, field, tuple(items))


def replace_item(document: ProcessDocument, field: str, index: int, item: Any) -> ProcessDocument:
    items = list(section_items(document, field))
    if not 0 <= index < len(items):
        return document
    items[index] = item
    return _with_items(document, field, tuple(items))
