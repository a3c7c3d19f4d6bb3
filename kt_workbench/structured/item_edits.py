"""A list section being edited item by item: its document, its text, and the operations.

Every operation returns a new ``SectionItems`` whose ``text`` is what the renderer writes for
the new items, with the section's notes and layout kept: a glossary written as bullets stays
bullets, and a script written without ``>`` quoting keeps that form wherever it moves.
Values are cleaned as the parser will read them back (``rows.with_value``), so the items held
here are the items the text re-reads to.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from kt_workbench.errors import InputError
from kt_workbench.markdown import render_document
from kt_workbench.markdown.blocks import tidy_lines
from kt_workbench.markdown.vocabulary import canonical_heading
from kt_workbench.model import ProcessDocument
from kt_workbench.structured import items as operations
from kt_workbench.structured.rows import ITEM_KINDS, ItemKind, cleaned, with_value
from kt_workbench.structured.sections import read_section, section_items, write_section


@dataclass(frozen=True)
class SectionItems:
    field: str
    document: ProcessDocument
    text: str

    @property
    def kind(self) -> ItemKind:
        return ITEM_KINDS[self.field]

    @property
    def items(self) -> tuple[Any, ...]:
        return section_items(self.document, self.field)

    @property
    def notes(self) -> int:
        """How many pieces of free text the section keeps around its items."""
        return sum(1 for note in self.document.notes if note.section == self.field and note.text)

    # --- operations ---------------------------------------------------------------------------

    def insert(self, index: int, item: Any | None = None) -> SectionItems:
        """``item`` (a blank one when None) placed at ``index``, clamped to the list."""
        count = len(self.items)
        index = max(0, min(index, count))
        new = cleaned(self.kind, item if item is not None else self.kind.blank())
        origins: list[int | None] = [*range(index), None, *range(index, count)]
        document = operations.insert_item(self.document, self.field, index, new)
        return self._with(document, origins)

    def delete(self, index: int) -> SectionItems:
        if not 0 <= index < len(self.items):
            return self
        origins: list[int | None] = [i for i in range(len(self.items)) if i != index]
        return self._with(operations.delete_item(self.document, self.field, index), origins)

    def duplicate(self, index: int) -> SectionItems:
        count = len(self.items)
        if not 0 <= index < count:
            return self
        origins: list[int | None] = [*range(index + 1), index, *range(index + 1, count)]
        return self._with(operations.duplicate_item(self.document, self.field, index), origins)

    def move(self, index: int, step: int) -> SectionItems:
        count = len(self.items)
        target = index + step
        if not (0 <= index < count and 0 <= target < count):
            return self
        origins: list[int | None] = list(range(count))
        origins[index], origins[target] = target, index
        return self._with(operations.move_item(self.document, self.field, index, step), origins)

    def replace_item(self, index: int, item: Any) -> SectionItems:
        if not 0 <= index < len(self.items):
            return self
        new = cleaned(self.kind, item)
        document = operations.replace_item(self.document, self.field, index, new)
        return self._with(document, list(range(len(self.items))))

    def set_value(self, index: int, key: str, value: str) -> SectionItems:
        """Field ``key`` of item ``index`` set to ``value`` as typed."""
        if not 0 <= index < len(self.items):
            return self
        return self.replace_item(index, with_value(self.kind, self.items[index], key, value))

    def _with(self, document: ProcessDocument, origins: list[int | None]) -> SectionItems:
        """The new document written out, the plain-script marks following their scripts."""
        plain = set(document.layout.plain_scripts)
        if plain:
            kept = tuple(new for new, old in enumerate(origins) if old is not None and old in plain)
            document = replace(document, layout=replace(document.layout, plain_scripts=kept))
        return SectionItems(self.field, document, section_text(self.field, document))


def section_text(field: str, document: ProcessDocument) -> str:
    """``write_section`` for a document that holds only this section, without parsing the
    rendered file back to find where the section starts: a keystroke in a 200-row table
    costs a render, not a render and a parse. The property tests hold it to
    ``write_section``; anything unexpected falls back to it.
    """
    if document.extra_sections or any(note.section != field for note in document.notes):
        return write_section(field, document)
    text = render_document(document, diagram=False)
    heading = f"\n## {canonical_heading(field)}\n"
    at = text.find(heading)
    if at == -1 or text.find(heading, at + 1) != -1:
        return write_section(field, document)
    return tidy_lines(text[at + len(heading) :].split("\n"))


def load(field: str, text: str) -> SectionItems:
    """The section's items from its text; raises ``InputError`` when the text does not parse,
    or when part of it would be read as another section (after a ``##`` heading) and so be
    lost when the section is written back.

    The text is kept as given: it is only rewritten by the first operation.
    """
    document = read_section(field, text)
    outside = [name for name in document.filled_sections() if name != field]
    if outside or document.extra_sections or document.note("overview"):
        raise InputError(field, None, "a '##' heading in it starts another section")
    return SectionItems(field, document, text)
