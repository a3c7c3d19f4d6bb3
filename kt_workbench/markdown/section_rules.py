"""Which escapes each kind of block text needs where the renderer writes it."""

from __future__ import annotations

from functools import cache

from kt_workbench.markdown.block_escapes import BlockEscapes
from kt_workbench.markdown.blocks import Block, Region
from kt_workbench.markdown.interleave import continues_steps, list_start
from kt_workbench.markdown.recognition import bullet_glossary
from kt_workbench.markdown.vocabulary import EDGE_CASE_LABELS, STEP_LABELS, all_labels

# Purpose, scope, the text before the first section and unknown sections: a level-2 heading
# would start a new section. A level-1 heading is harmless there: the title is always first.
TOP_LEVEL = BlockEscapes(headings=(2,))
# Between level-3 headings (scripts, edge cases) a level-3 heading would start a new entry.
UNDER_H3 = BlockEscapes(headings=(2, 3))
# Step details sit inside the step's list item: only a bullet starting with a field label
# would be read as something else.
STEP_DETAILS = BlockEscapes(labels=all_labels(STEP_LABELS), contained=True)
EDGE_CASE_DETAILS = BlockEscapes(headings=(2, 3), labels=all_labels(EDGE_CASE_LABELS))
# Steps written as "### Step N: text" headings: their details sit between level-3 headings.
STEP_HEADING_DETAILS = BlockEscapes(headings=(2, 3), labels=all_labels(STEP_LABELS))


def _table_notes(section: str) -> BlockEscapes:
    return BlockEscapes(headings=(2,), table_section=section)


NOTE_RULES: dict[str, BlockEscapes] = {
    "overview": TOP_LEVEL,
    "procedure": BlockEscapes(headings=(2,), lists=("ordered_list",)),
    "scripts": UNDER_H3,
    "decision_tree": BlockEscapes(headings=(2,), lists=("bullet_list",)),
    "access_rights": _table_notes("access_rights"),
    "edge_cases": UNDER_H3,
    "metrics": _table_notes("metrics"),
    "contacts": _table_notes("contacts"),
    "glossary": BlockEscapes(headings=(2,), table_section="glossary", lists=("bullet_list",)),
}
# The text before the first "### Step N:" heading: a level-3 heading there would end it.
STEP_HEADING_NOTE = BlockEscapes(headings=(2, 3))


def _glossary_structure(lines: list[str], blocks: tuple[Block, ...], index: int) -> bool:
    block = blocks[index]
    return block.kind == "table" or bullet_glossary(Region(lines, 0, blocks), block) is not None


# Text around a glossary of "### Term" headings: the reader looks for a glossary table, then
# a bullet glossary, then term headings, so none of them may appear in it.
GLOSSARY_HEADING_NOTE = BlockEscapes(
    headings=(2, 3),
    table_section="glossary",
    lists=("bullet_list",),
    structural=_glossary_structure,
)


def note_rules(
    section: str, step_style: str = "list", glossary_style: str = "table"
) -> BlockEscapes:
    """The escapes a section's notes are read with (the same wherever the note stands)."""
    if section == "procedure" and step_style == "headings":
        return STEP_HEADING_NOTE
    if section == "glossary" and glossary_style == "headings":
        return GLOSSARY_HEADING_NOTE
    return NOTE_RULES[section]


@cache
def procedure_note(after: int, steps: int) -> BlockEscapes:
    """Escapes for procedure notes written after ``after`` of ``steps`` steps (list style).

    Before the first step any numbered list would be read as the steps. Further on, a list
    is read as more steps when it goes on with their numbering or when only code and HTML
    blocks stand before it in the note, and a list that ends the note would run on into the
    next steps' list.
    """
    if after == 0:
        return NOTE_RULES["procedure"]

    def structural(lines: list[str], blocks: tuple[Block, ...], index: int) -> bool:
        if continues_steps(lines, blocks, index, after, 0):
            return True
        last = index == len(blocks) - 1
        return last and after < steps and list_start(lines, blocks[index])[1] == "."

    return BlockEscapes(headings=(2,), lists=("ordered_list",), structural=structural)


def _never(lines: list[str], blocks: tuple[Block, ...], index: int) -> bool:
    return False


def _first(lines: list[str], blocks: tuple[Block, ...], index: int) -> bool:
    return index == 0


@cache
def tree_note_after(diagram: bool) -> BlockEscapes:
    """Escapes for decision-tree notes after the tree: without the drawing between them, a
    bullet list opening the note would join the tree's list."""
    return BlockEscapes(
        headings=(2,), lists=("bullet_list",), structural=_never if diagram else _first
    )


@cache
def table_note_after(section: str) -> BlockEscapes:
    """Escapes for notes after a section's data table: only the first such table is read."""
    return BlockEscapes(headings=(2,), table_section=section, structural=_never)


@cache
def glossary_note(after: int, rows: bool, bullets: bool) -> BlockEscapes:
    """Escapes for glossary notes. The reader takes the first table with glossary columns,
    else the first ``- **Term**: meaning`` list; what comes after the entries is not read."""

    def structural(lines: list[str], blocks: tuple[Block, ...], index: int) -> bool:
        block = blocks[index]
        if block.kind == "table":
            return not rows or bullets or after == 0
        # A bullet list right before or right after the entries would join their list.
        edge = index == len(blocks) - 1 if after == 0 else index == 0
        if bullets and rows and edge:
            return True
        if not rows or (bullets and after == 0):
            return bullet_glossary(Region(lines, 0, blocks), block) is not None
        return False

    return BlockEscapes(
        headings=(2,), table_section="glossary", lists=("bullet_list",), structural=structural
    )
