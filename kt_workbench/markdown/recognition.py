"""Shapes real documents use for structure the format knows: step headings, bullet glossaries.

``### Step 2: Check the order`` headings are steps when every level-3 heading of the
procedure is one and they count 1, 2, 3...; a bullet list whose every item reads
``**Term**: meaning`` is a glossary.
"""

from __future__ import annotations

import re

from kt_workbench.markdown.blocks import Block, Region
from kt_workbench.model import GlossaryEntry
from kt_workbench.model.layout import DEFAULT_GLOSSARY_BULLET

# "Step" in the languages the shipped heading table covers.
STEP_WORDS = ("Step", "Étape", "Etape", "Schritt", "Paso", "ステップ", "手順")
_STEP_HEADING = re.compile(
    rf"^(?P<word>(?i:{'|'.join(re.escape(word) for word in STEP_WORDS)})[ \t]*)"
    r"(?P<number>\d{1,4})"
    r"(?P<separator>[ \t]*(?:[:.)\-–—：][ \t]*|$))(?P<text>.*)$"
)
DEFAULT_STEP_HEADING = "Step {n}: "
_BOLD_TERM = (
    re.compile(r"^\*\*(?P<term>[^*\n]+?)(?P<form>\*\*[ \t]*[:：\-–—][ \t]*)(?P<meaning>.*)$"),
    re.compile(r"^\*\*(?P<term>[^*\n]+?)(?P<form>[ \t]*[:：]\*\*[ \t]*)(?P<meaning>.*)$"),
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


def glossary_item(head: str) -> tuple[GlossaryEntry, str] | None:
    """An entry from ``**Term**: meaning`` or ``**Term:** meaning`` (or with a dash), and
    the item's form with ``{term}`` for the term (``**{term}**: ``)."""
    for pattern in _BOLD_TERM:
        match = pattern.match(head)
        if match is not None and match["term"] == match["term"].strip() and match["term"]:
            form = "**{term}" + match["form"]
            return GlossaryEntry(match["term"], match["meaning"].strip()), form
    return None


def bullet_glossary(region: Region, block: Block) -> list[GlossaryEntry] | None:
    """The entries of a ``- **Term**: meaning`` list, or None when any item is not one."""
    found = bullet_glossary_style(region, block)
    return found[0] if found is not None else None


def bullet_glossary_style(region: Region, block: Block) -> tuple[list[GlossaryEntry], str] | None:
    """The entries of a glossary bullet list and its style (the one all items share, else
    ``bullets``)."""
    entries = []
    forms: list[str] = []
    for item_block in block.children:
        item = region.item(item_block)
        if len(item.blocks) != 1 or item.blocks[0].kind != "paragraph":
            return None
        paragraph = item.blocks[0]
        head = " ".join(line.strip() for line in item.text(paragraph.start, paragraph.end))
        item_entry = glossary_item(head)
        if item_entry is None:
            return None
        entries.append(item_entry[0])
        forms.append(item_entry[1])
    if not entries:
        return None
    return entries, _one_form(forms, entries)


def _one_form(forms: list[str], entries: list[GlossaryEntry]) -> str:
    """The form the items share (an item with no meaning has lost its trailing spaces);
    the default when they differ."""
    with_meaning = {form for form, entry in zip(forms, entries, strict=True) if entry.meaning}
    bare = {form.rstrip() for form in forms}
    if len(with_meaning) > 1 or len(bare) != 1:
        return DEFAULT_GLOSSARY_BULLET
    if with_meaning:
        return with_meaning.pop()
    only = bare.pop()
    return DEFAULT_GLOSSARY_BULLET if only == DEFAULT_GLOSSARY_BULLET.rstrip() else only


def glossary_bullet(entry: GlossaryEntry, form: str) -> str:
    return ("- " + form.replace("{term}", entry.term) + entry.meaning).rstrip()


def writable_as_bullets(entries: tuple[GlossaryEntry, ...], form: str) -> bool:
    """Whether glossary bullets of this form read back as exactly these entries."""
    if not entries:
        return False
    for entry in entries:
        read = glossary_item(glossary_bullet(entry, form)[2:])
        if read is None or read[0] != entry:
            return False
    return bullet_form(entries, form) == form


def bullet_form(entries: tuple[GlossaryEntry, ...], form: str) -> str:
    """The form the reader finds in these entries written with ``form``."""
    found = [glossary_item(glossary_bullet(entry, form)[2:]) for entry in entries]
    return _one_form([item[1] for item in found if item], list(entries))
