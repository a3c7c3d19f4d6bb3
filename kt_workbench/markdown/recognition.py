"""Shapes real documents use for structure the format knows: step headings, bullet glossaries.

``### Step 2: Check the order`` headings are steps when every level-3 heading of the
procedure is one and they count 1, 2, 3...; a bullet list whose every item reads
``**Term**: meaning`` is a glossary.
"""

from __future__ import annotations

import re

from kt_workbench.markdown.blocks import Block, Region
from kt_workbench.model import GlossaryEntry

# "Step" in the languages the shipped heading table covers.
STEP_WORDS = ("Step", "Étape", "Etape", "Schritt", "Paso", "ステップ", "手順")
_STEP_HEADING = re.compile(
    rf"^(?P<word>(?i:{'|'.join(re.escape(word) for word in STEP_WORDS)})[ \t]*)"
    r"(?P<number>\d{1,4})"
    r"(?P<separator>[ \t]*(?:[:.)\-–—：][ \t]*|$))(?P<text>.*)$"
)
DEFAULT_STEP_HEADING = "Step {n}: "
_BOLD_TERM = (
    re.compile(r"^\*\*(?P<term>[^*\n]+?)\*\*[ \t]*[:：\-–—][ \t]*(?P<meaning>.*)$"),
    re.compile(r"^\*\*(?P<term>[^*\n]+?)[ \t]*[:：]\*\*[ \t]*(?P<meaning>.*)$"),
)


def step_heading_parts(text: str) -> tuple[str, int, str] | None:
    """``Step 2 - Check the order`` as ``("Step {n} - ", 2, "Check the order")``: the
    heading's form with ``{n}`` for its number, the number and the text; None for other
    headings."""
    match = _STEP_HEADING.match(text)
    if match is None:
        return None
    form = match["word"] + "{n}" + match["separator"]
    return form, int(match["number"]), match["text"].strip()


def step_heading(form: str, number: int, text: str) -> str:
    heading = form.replace("{n}", str(number))
    return heading + text if text else heading.rstrip()


def glossary_item(head: str) -> GlossaryEntry | None:
    for pattern in _BOLD_TERM:
        match = pattern.match(head)
        if match is not None and match["term"].strip():
            return GlossaryEntry(match["term"].strip(), match["meaning"].strip())
    return None


def bullet_glossary(region: Region, block: Block) -> list[GlossaryEntry] | None:
    """The entries of a ``- **Term**: meaning`` list, or None when any item is not one."""
    entries = []
    for item_block in block.children:
        item = region.item(item_block)
        if len(item.blocks) != 1 or item.blocks[0].kind != "paragraph":
            return None
        paragraph = item.blocks[0]
        head = " ".join(line.strip() for line in item.text(paragraph.start, paragraph.end))
        entry = glossary_item(head)
        if entry is None:
            return None
        entries.append(entry)
    return entries or None


def writable_as_bullets(entries: tuple[GlossaryEntry, ...]) -> bool:
    """Whether ``- **Term**: meaning`` bullets read back as exactly these entries."""
    return bool(entries) and all(
        glossary_item(f"**{entry.term}**: {entry.meaning}") == entry for entry in entries
    )
