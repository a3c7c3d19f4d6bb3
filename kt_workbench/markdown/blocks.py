"""Block structure of a markdown text, read with markdown-it, located by source lines.

The parser works on source lines rather than rendered tokens so that whatever the owner wrote
(emphasis, links, HTML, odd spacing) is kept verbatim; markdown-it decides where blocks begin
and end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


@dataclass(frozen=True)
class Block:
    """A top-level block: ``kind`` is the markdown-it token type without ``_open``."""

    kind: str
    start: int
    end: int
    tag: str = ""
    ordered: bool = False

    @property
    def heading_level(self) -> int:
        return int(self.tag[1:]) if self.kind == "heading" else 0


def top_level_blocks(text: str) -> list[Block]:
    """The blocks at the outermost level of ``text`` with their line ranges ``[start, end)``."""
    blocks: list[Block] = []
    for token in _markdown().parse(text):
        if token.level != 0 or token.nesting == -1 or token.map is None:
            continue
        kind = token.type.removesuffix("_open")
        start, end = token.map
        blocks.append(Block(kind, start, end, token.tag, kind == "ordered_list"))
    return blocks


@dataclass(frozen=True)
class ListItem:
    """One item of a list: its line range and its content with the marker and indent removed."""

    start: int
    end: int
    content: str


_MARKER = re.compile(r"^(?P<indent> {0,3})(?P<marker>[-+*]|\d{1,9}[.)])(?P<gap>[ \t]{0,4}|$)")


def list_items(lines: list[str], block: Block) -> list[ListItem]:
    """The items of a top-level list block, each with its own content dedented."""
    text = "\n".join(lines[block.start : block.end])
    items: list[ListItem] = []
    for token in _markdown().parse(text):
        if token.type == "list_item_open" and token.level == 1 and token.map:
            start, end = token.map
            item_lines = lines[block.start + start : block.start + end]
            items.append(
                ListItem(block.start + start, block.start + end, _item_content(item_lines))
            )
    return items


def _item_content(item_lines: list[str]) -> str:
    first = item_lines[0].expandtabs(4)
    match = _MARKER.match(first)
    if match is None:  # markdown-it found an item we cannot locate: keep the line whole
        return "\n".join(item_lines)
    gap = match["gap"]
    width = match.end()
    if len(gap) > 1 and first[width:].strip() == "":
        width = len(match["indent"]) + len(match["marker"]) + 1
    rest = [_dedent(line.expandtabs(4), width) for line in item_lines[1:]]
    return "\n".join([first[width:], *rest]).rstrip()


def _dedent(line: str, width: int) -> str:
    leading = len(line) - len(line.lstrip(" "))
    return line[min(leading, width) :]


def first_paragraph(text: str) -> tuple[str, str]:
    """Split item content into its first paragraph (joined to one line) and the rest."""
    lines = text.split("\n")
    blocks = top_level_blocks(text)
    if not blocks or blocks[0].kind != "paragraph" or blocks[0].start != 0:
        return "", text
    head = " ".join(line.strip() for line in lines[blocks[0].start : blocks[0].end])
    return head, tidy_block("\n".join(lines[blocks[0].end :]))


def tidy_block(text: str) -> str:
    """Normalise a block field: no blank lines around it, no whitespace-only lines."""
    lines = ["" if not line.strip() else line.rstrip("\r") for line in text.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines).rstrip()


def table_rows(lines: list[str], block: Block) -> list[tuple[int, str]]:
    """Source lines of a table block, with the delimiter row removed, numbered."""
    rows = [(index, lines[index]) for index in range(block.start, block.end)]
    return [row for position, row in enumerate(rows) if position != 1]


def tokens(text: str) -> list[Token]:
    return _markdown().parse(text)
