"""Shapes real documents use for structure the format knows: step headings, bullet glossaries.

``### Step 2: Check the order`` headings are steps when every level-3 heading of the
procedure is one and they count 1, 2, 3...; a bullet list whose every item reads
``**Term**: meaning`` is a glossary, and so are ``### Term`` headings each followed by one
paragraph, its meaning.
"""

from __future__ import annotations

import re

from kt_workbench.markdown.blocks import Block, Region, document_region
from kt_workbench.markdown.escaping import escape_heading_text
from kt_workbench.markdown.headings import heading_content
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


def heading_glossary(region: Region) -> tuple[list[GlossaryEntry], int] | None:
    """A glossary written as ``### Term`` headings, each followed by one paragraph (its
    meaning, joined to one line) or by nothing, and the line where its entries end: what
    follows the last entry's paragraph is not part of it. None when the region's level-3
    headings are not all terms (a heading with a list or two paragraphs under it is not)."""
    blocks = region.blocks
    h3s = [i for i, b in enumerate(blocks) if b.kind == "heading" and b.heading_level == 3]
    if not h3s:
        return None
    entries: list[GlossaryEntry] = []
    end = region.first
    for number, index in enumerate(h3s):
        heading = blocks[index]
        last = number == len(h3s) - 1
        body = blocks[index + 1 : len(blocks) if last else h3s[number + 1]]
        term = heading_content(region.text(heading.start, heading.end))
        if not term or (not last and len(body) > 1):
            return None
        meaning, end = "", heading.end
        if body and body[0].kind == "paragraph":
            paragraph = body[0]
            lines = region.text(paragraph.start, paragraph.end)
            meaning, end = " ".join(line.strip() for line in lines), paragraph.end
        elif body and not last:
            return None
        entries.append(GlossaryEntry(term, meaning))
    return entries, end


def glossary_headings(entries: tuple[GlossaryEntry, ...]) -> str:
    """The glossary as ``### Term`` headings with each meaning as the paragraph below."""
    parts = []
    for entry in entries:
        heading = f"### {escape_heading_text(entry.term)}".rstrip()
        parts.append(f"{heading}\n\n{entry.meaning}" if entry.meaning else heading)
    return "\n\n".join(parts)


def writable_as_headings(entries: tuple[GlossaryEntry, ...], text_after: bool) -> bool:
    """Whether glossary headings read back as exactly these entries (and text after them
    stays apart from the last one: it would be read as its meaning if that were empty)."""
    if not entries or (text_after and not entries[-1].meaning):
        return False
    text = glossary_headings(entries)
    found = heading_glossary(document_region(text))
    return found is not None and found[0] == list(entries) and found[1] == text.count("\n") + 1
