"""Block structure of a markdown text, read once with markdown-it and located by source lines.

The parser works on source lines rather than rendered tokens so that whatever the owner wrote
(emphasis, links, HTML, odd spacing) is kept verbatim; markdown-it decides where blocks begin
and end. A document is parsed once: nested blocks carry document line numbers, and a
``Region`` pairs a container's content lines (markers and indentation removed) with its blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from markdown_it import MarkdownIt
from markdown_it.token import Token

from kt_workbench.markdown import block_pass


@lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    # Only block structure matters here, so inline parsing is switched off (it costs more than
    # the block pass). The CommonMark preset stops nesting at 20 levels and then swallows the
    # rest of the file into the deepest block; 100 keeps deep decision trees intact while
    # staying far from Python's recursion limit.
    md = MarkdownIt("commonmark", {"maxNesting": 100}).enable("table")
    md.core.ruler.disable(["inline", "text_join"])
    block_pass.install(md)
    return md


class Block(NamedTuple):
    """A block with its document line range ``[start, end)`` and the blocks nested in it.

    ``kind`` is the markdown-it token type without ``_open``; ``info`` is a fence's info
    string and ``markup`` its fence characters.
    """

    kind: str
    start: int
    end: int
    tag: str = ""
    info: str = ""
    markup: str = ""
    children: tuple[Block, ...] = ()

    @property
    def heading_level(self) -> int:
        return int(self.tag[1:]) if self.kind == "heading" else 0


# Rows and cells are read from a table's source lines, so their tokens are not needed.
_TABLE_PARTS = frozenset(
    f"{part}_{end}" for part in ("thead", "tbody", "tr", "th", "td") for end in ("open", "close")
)


def parse_blocks(text: str) -> tuple[Block, ...]:
    """The blocks of ``text``, outermost first, each holding its nested blocks."""
    root: list[Block] = []
    openers: list[tuple[Token, list[Block]]] = []
    siblings = root
    for token in markdown().parse(text):
        if token.nesting == 1:
            if token.type not in _TABLE_PARTS:
                siblings = []
                openers.append((token, siblings))
        elif token.nesting == -1:
            if token.type not in _TABLE_PARTS:
                opener, children = openers.pop()
                siblings = openers[-1][1] if openers else root
                start, end = opener.map or (-1, -1)
                kind = opener.type.removesuffix("_open")
                info, markup = opener.info, opener.markup
                siblings.append(Block(kind, start, end, opener.tag, info, markup, tuple(children)))
        elif token.map is not None and token.type != "inline":
            start, end = token.map
            siblings.append(Block(token.type, start, end, token.tag, token.info, token.markup))
    return tuple(root)


@dataclass(frozen=True)
class Region:
    """Content lines of a container with the blocks inside it.

    ``lines[i]`` is document line ``first + i`` with the container's markers and indentation
    removed; block line numbers are document line numbers.
    """

    lines: list[str]
    first: int
    blocks: tuple[Block, ...]

    @property
    def end(self) -> int:
        return self.first + len(self.lines)

    def text(self, start: int, end: int) -> list[str]:
        return self.lines[start - self.first : end - self.first]

    def part(self, start: int, end: int | None = None) -> Region:
        """The lines ``[start, end)`` of this region with the blocks that begin there."""
        stop = self.end if end is None else end
        blocks = tuple(b for b in self.blocks if start <= b.start < stop)
        return Region(self.text(start, stop), start, blocks)

    def item(self, block: Block) -> Region:
        """The content of a list item of this region."""
        return Region(item_content(self.text(block.start, block.end)), block.start, block.children)

    def quote(self, block: Block) -> Region:
        """The content of a blockquote of this region."""
        lines = [_QUOTE.sub("", line, count=1) for line in self.text(block.start, block.end)]
        return Region(lines, block.start, block.children)


def top_level_blocks(text: str) -> list[Block]:
    """The outermost blocks of ``text`` with their line ranges ``[start, end)``."""
    return list(parse_blocks(text))


def document_region(text: str) -> Region:
    return Region(text.split("\n"), 0, parse_blocks(text))


_MARKER = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-+*]|\d{1,9}[.)])(?P<gap>[ \t]*)")
_QUOTE = re.compile(r"^ {0,3}> ?")


def item_content(item_lines: list[str]) -> list[str]:
    """A list item's lines with its marker and content indentation removed."""
    first = item_lines[0]
    match = _MARKER.match(first)
    if match is None:  # markdown-it found an item we cannot locate: keep the lines whole
        return list(item_lines)
    lead = (match["indent"] + match["marker"] + match["gap"]).expandtabs(4)
    marker_end = len(match["indent"].expandtabs(4)) + len(match["marker"])
    rest_of_first = first[match.end() :]
    gap = len(lead) - marker_end
    if rest_of_first == "" or gap > 4:
        # An empty first line, or content starting with indented code: the content column is
        # one space after the marker, and any further spaces belong to the content.
        width = marker_end + 1
        head = (" " * (len(lead) - width) + rest_of_first) if rest_of_first else ""
    else:
        width = len(lead)
        head = rest_of_first
    return [head, *(_dedent(line, width) for line in item_lines[1:])]


def expand_indent(line: str) -> str:
    """Expand tabs in a line's leading whitespace to columns of four, as markdown reads them."""
    body = line.lstrip(" \t")
    if len(body) == len(line) or "\t" not in line[: len(line) - len(body)]:
        return line
    return line[: len(line) - len(body)].expandtabs(4) + body


def _dedent(line: str, width: int) -> str:
    line = expand_indent(line)
    leading = len(line) - len(line.lstrip(" "))
    return line[min(leading, width) :]


def is_blank(line: str) -> bool:
    """Markdown's blank line: nothing but spaces and tabs."""
    return not line.strip(" \t")


def first_paragraph(region: Region) -> tuple[str, int]:
    """The paragraph a region opens with, joined to one line, and the line after it.

    Returns an empty head when the region does not start with a paragraph.
    """
    first = region.blocks[0] if region.blocks else None
    if first is None or first.kind != "paragraph" or first.start != region.first:
        return "", region.first
    head = " ".join(line.strip() for line in region.text(first.start, first.end))
    return head, first.end


def tidy_block(text: str) -> str:
    """Normalise a block field (see docs/format.md, "Text fields")."""
    return tidy_lines(text.split("\n"))


def tidy_lines(lines: list[str]) -> str:
    """Normalise the lines of a block field into its text (see docs/format.md, "Text fields").

    Blank lines become empty, leading tabs become spaces, blank lines around the text go, the
    first line loses its indentation and the text its trailing spaces.
    """
    tidy = ["" if is_blank(line) else expand_indent(line) for line in lines]
    start = 0
    while start < len(tidy) and not tidy[start]:
        start += 1
    if start == len(tidy):
        return ""
    tidy = tidy[start:]
    tidy[0] = tidy[0].lstrip(" ")
    return "\n".join(tidy).rstrip(" \t\n")


def remaining(region: Region, taken: list[tuple[int, int]]) -> str:
    """The region's text outside the taken line ranges; one blank line marks each cut."""
    kept: list[str] = []
    cut = False
    for number, line in enumerate(region.lines, start=region.first):
        if any(start <= number < end for start, end in taken):
            cut = True
            continue
        if cut:
            if is_blank(line):
                continue
            while kept and not kept[-1]:
                kept.pop()
            if kept:
                kept.append("")
            cut = False
        kept.append("" if is_blank(line) else line)
    return tidy_lines(kept)


def first_of(blocks: tuple[Block, ...], kind: str) -> Block | None:
    return next((block for block in blocks if block.kind == kind), None)
