"""The fields of table rows, scripts and edge cases as the structured views edit them.

Each item section is described once here, from the names the renderer and parser already
use (``TABLE_COLUMNS`` and ``EDGE_CASE_LABELS``): which attribute each field edits, its label,
whether it holds one line or a block, and the words the checker's messages use for it, so a
finding can be taken to the field it is about.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from kt_workbench.markdown.blocks import tidy_lines
from kt_workbench.markdown.vocabulary import EDGE_CASE_LABELS, TABLE_COLUMNS
from kt_workbench.model import AccessRight, Contact, EdgeCase, GlossaryEntry, Metric, Script


@dataclass(frozen=True)
class ItemField:
    """One field of an item: the attribute it edits and how the form shows it.

    ``mentions`` are the words the checker writes for the field in its messages ("no
    approver", "'admin' access is broader"), in lower case; ``suggest`` names the
    ``EditingHints`` list the field suggests values from.
    """

    key: str
    label: str
    multiline: bool = False
    mentions: tuple[str, ...] = ()
    suggest: str = ""


@dataclass(frozen=True)
class ItemKind:
    """What one list-shaped section holds: its item type, fields and how findings name items.

    ``numbered`` is the word of a ``"<word> row N"`` location (access rights, contacts);
    ``named`` the word of a ``"<word>: Name"`` location, named after the first field.
    """

    field: str
    item_type: type
    fields: tuple[ItemField, ...]
    numbered: str = ""
    named: str = ""
    # The section's own location for findings about the whole section ("edge cases").
    section_location: str = ""

    @property
    def table(self) -> bool:
        return self.field in TABLE_COLUMNS

    def blank(self) -> Any:
        return self.item_type(**{f.key: "" for f in self.fields})

    def location(self, index: int, item: Any) -> str:
        """The location the checker gives item ``index`` (0-based)."""
        if self.numbered:
            return f"{self.numbered} row {index + 1}"
        return f"{self.named}: {getattr(item, self.fields[0].key)}"


def _table_fields(
    section: str,
    mentions: Mapping[str, tuple[str, ...]],
    suggest: Mapping[str, str] | None = None,
) -> tuple[ItemField, ...]:
    return tuple(
        ItemField(
            key,
            aliases[0],
            mentions=(aliases[0].casefold(), *mentions.get(key, ())),
            suggest=(suggest or {}).get(key, ""),
        )
        for key, aliases in TABLE_COLUMNS[section].items()
    )


def _edge_case_label(key: str) -> str:
    return EDGE_CASE_LABELS[key][0]


# Section by section, in the editor's field names.
ITEM_KINDS: dict[str, ItemKind] = {
    "access_rights": ItemKind(
        "access_rights",
        AccessRight,
        _table_fields(
            "access_rights",
            {"access": ("access level", "broader"), "how_to_request": ("how to request",)},
            {"system": "systems", "role": "roles"},
        ),
        numbered="access",
        section_location="access rights",
    ),
    "metrics": ItemKind(
        "metrics",
        Metric,
        _table_fields(
            "metrics",
            {
                "baseline": ("baseline",),
                "target_30": ("30",),
                "target_60": ("60",),
                "target_90": ("90",),
            },
        ),
        named="metric",
        section_location="metrics",
    ),
    "contacts": ItemKind(
        "contacts",
        Contact,
        _table_fields("contacts", {}, {"role": "contact_roles"}),
        numbered="contact",
        section_location="escalation contacts",
    ),
    "glossary": ItemKind(
        "glossary",
        GlossaryEntry,
        _table_fields("glossary", {}),
        named="glossary",
        section_location="glossary",
    ),
    "scripts": ItemKind(
        "scripts",
        Script,
        (
            ItemField("title", "Title", mentions=("title",)),
            ItemField("body", "Body", multiline=True, mentions=("text", "placeholder")),
        ),
        named="script",
        section_location="scripts",
    ),
    "edge_cases": ItemKind(
        "edge_cases",
        EdgeCase,
        (
            ItemField("title", "Title", mentions=("title",)),
            ItemField("when", _edge_case_label("when"), mentions=("when",)),
            ItemField("handle", _edge_case_label("handle"), mentions=("handle", "handling")),
            ItemField(
                "escalate_to",
                _edge_case_label("escalate_to"),
                mentions=("escalate to", "escalates to"),
                suggest="contact_roles",
            ),
            ItemField("details", "Details", multiline=True),
        ),
        named="edge case",
        section_location="edge cases",
    ),
}


# --- values as the parser reads them back -----------------------------------------------------

_LINE_BREAK = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t\r\n]*")


def clean_line(value: str) -> str:
    """A one-line field as it reads back: line breaks become one space, no outer whitespace.

    A cell, a title or an edge case's field cannot hold a line break (docs/format.md, "Text
    fields"): a pasted wrapped sentence is joined rather than refused or cut.
    """
    return _LINE_BREAK.sub(" ", value.replace("\x00", "")).strip()


def clean_block(value: str) -> str:
    """A block field (a script body, an edge case's details) as the reader tidies it."""
    text = value.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    return tidy_lines(text.split("\n"))


def with_value(kind: ItemKind, item: Any, key: str, value: str) -> Any:
    """``item`` with field ``key`` set to ``value``, cleaned as the file will read it back."""
    field = next(f for f in kind.fields if f.key == key)
    cleaned = clean_block(value) if field.multiline else clean_line(value)
    return replace(item, **{key: cleaned})


def cleaned(kind: ItemKind, item: Any) -> Any:
    """Every field of ``item`` cleaned (an item built by a tool, a pasted one)."""
    for field in kind.fields:
        item = with_value(kind, item, field.key, getattr(item, field.key))
    return item


# --- where a finding points ------------------------------------------------------------------

_ROW = re.compile(r"^(?P<word>[a-z ]+) row (?P<number>\d+)$")
_QUOTED = re.compile(r"[\"'“‘]([^\"'”’]+)[\"'”’]|(\{[^{}]+\})")
_ACRONYM_FIRST = re.compile(r"^([A-Z][A-Z0-9]{1,7})s? is used")


def locate_item(
    kind: ItemKind, items: tuple[Any, ...], location: str, message: str = ""
) -> tuple[int, str] | None:
    """The item (0-based) and field key a finding's location and message point at.

    A finding about the whole section gives ``(-1, "")``; one about another section None.
    """
    location = " ".join(location.split())
    if location.casefold() == kind.section_location:
        return -1, ""
    index = _item_index(kind, items, location)
    if index is None:
        return None
    # "... is written in access row 2": the location named again in the message says nothing
    # about the field.
    return index, field_for_message(kind, items[index], message.replace(location, " "))


def _item_index(kind: ItemKind, items: tuple[Any, ...], location: str) -> int | None:
    row = _ROW.match(location)
    if row is not None:
        if row["word"] != kind.numbered:
            return None
        number = int(row["number"])
        return number - 1 if 0 < number <= len(items) else None
    prefix = f"{kind.named}: " if kind.named else None
    if prefix is None or not location.startswith(prefix):
        return None
    name = location.removeprefix(prefix)
    names = [" ".join(str(getattr(item, kind.fields[0].key)).split()) for item in items]
    for wanted in (name, name.casefold()):
        for index, found in enumerate(names):
            if found == wanted or found.casefold() == wanted:
                return index
    return None


def field_for_message(kind: ItemKind, item: Any, message: str) -> str:
    """The field a message is about: one it says is missing ("no approver"), one it names
    ("escalates to"), one holding text it quotes; else the first field."""
    folded = message.casefold()
    best: tuple[int, str] | None = None
    for field in kind.fields:
        for mention in field.mentions:
            found = re.search(rf"\bno {re.escape(mention)}\b", folded)
            if found and (best is None or found.start() < best[0]):
                best = (found.start(), field.key)
    if best is not None:
        return best[1]
    named = [
        field
        for field in kind.fields
        if any(len(m) > 3 and re.search(rf"\b{re.escape(m)}\b", folded) for m in field.mentions)
    ]
    quoted = [a or b for a, b in _QUOTED.findall(message)]
    acronym = _ACRONYM_FIRST.match(message)
    if acronym:
        quoted.append(acronym.group(1))
    others = [field for field in kind.fields if field not in named]
    for text in quoted:
        for field in (*named, *others):
            if text.strip() and text.casefold() in str(getattr(item, field.key)).casefold():
                return field.key
    return (named or list(kind.fields))[0].key
