"""Reversible escapes for block text (purpose, notes, details...) written inside a document.

A block field is written where some markdown would change the document around it: a ``##``
line would start a new section, a numbered list in the procedure's notes would be read as the
steps, a fence left open would swallow everything after it. The writer finds such structure
with markdown-it and puts one backslash in front of the line that makes it; lines that already
carry backslashes in that place get one more. The reader then only has to remove one
backslash from every line of the same shape, line by line, so ``unescape(escape(x)) == x``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import ClassVar

from markdown_it.rules_block.html_block import HTML_SEQUENCES

from kt_workbench.markdown.blocks import Block, parse_blocks
from kt_workbench.markdown.escaping import insert_at, remove_at, split_row
from kt_workbench.markdown.vocabulary import DEFAULT_VOCABULARY

# markdown-it's HTML blocks 1 to 5 end at a marker, not at a blank line: left open, they run to
# the end of the document.
_HTML_TO_MARKER = [(opener, closer) for opener, closer, _ in HTML_SEQUENCES[:5]]
_ATX_LINE = re.compile(r"^ {0,3}#")
_PASSES = 8
ListTest = Callable[[list[str], tuple[Block, ...], int], bool]


class BlockEscapes:
    """The escapes one kind of block text needs where the renderer writes it.

    ``headings``: heading levels that would split the document; ``lists``: top-level list
    kinds the section reads as structure; ``table_section``: a section whose tables are read
    when their columns are recognised; ``labels``: field labels a bullet must not start with;
    ``contained``: the text sits inside a list item, which ends open fences and HTML blocks;
    ``structural``: decides which top-level lists of a kind in ``lists`` and which tables
    would be read as structure (all of them when not given), from the text's lines, its
    top-level blocks and the block's index among them. The escapes' patterns stay the same,
    so reading removes exactly what writing added wherever the text stands.
    """

    def __init__(
        self,
        *,
        headings: Iterable[int] = (),
        lists: Iterable[str] = (),
        table_section: str | None = None,
        labels: Iterable[str] = (),
        contained: bool = False,
        structural: ListTest | None = None,
    ) -> None:
        self.headings = frozenset(headings)
        self.lists = frozenset(lists)
        self.table_section = table_section
        self.labels = tuple(labels)
        self.contained = contained
        self.structural = structural
        self._patterns = self._compile()

    def _compile(self) -> list[re.Pattern[str]]:
        starts: list[str] = []
        atx = sorted(self.headings, reverse=True)
        if atx:
            starts.append("(?:" + "|".join("#" * level for level in atx) + r")(?:[ \t]|$)")
        if 2 in self.headings:
            starts.append(r"-+[ \t]*$")
        if 1 in self.headings:
            starts.append(r"=+[ \t]*$")
        if not self.contained:
            starts.append(r"(?:`{3}|~{3})")
            starts.append(r"<(?:[!?]|(?i:script|pre|style|textarea)(?:[\s>]|$))")
        if "bullet_list" in self.lists:
            starts.append(r"[-+*](?:[ \t]|$)")
        if self.table_section:
            starts.append(r"[|:-][|:\- \t]*$")
        patterns = []
        if self.labels:
            names = "|".join(re.escape(label) for label in self.labels)
            patterns.append(
                re.compile(
                    rf"^(?P<lead> {{0,3}}[-+*][ \t]+[*_]*(?i:{names})[*_]*[ \t]*)(?P<bs>\\*)(?=:)"
                )
            )
        if "ordered_list" in self.lists:
            patterns.append(re.compile(r"^(?P<lead> {0,3}\d{1,9})(?P<bs>\\*)(?=[.)](?:[ \t]|$))"))
        if starts:
            patterns.append(re.compile(rf"^(?P<lead> {{0,3}})(?P<bs>\\*)(?={'|'.join(starts)})"))
        return patterns

    def _match(self, line: str) -> re.Match[str] | None:
        for pattern in self._patterns:
            match = pattern.match(line)
            if match is not None:
                return match
        return None

    def escape(self, text: str) -> str:
        lines = text.split("\n")
        bare: set[int] = set()
        for index, line in enumerate(lines):
            match = self._match(line)
            if match is None:
                continue
            if match["bs"]:
                lines[index] = insert_at(match)
            else:
                bare.add(index)
        # Each pass escapes at least one line, and an escaped line never becomes bare again.
        # Escaping can uncover more structure (a fence left open hides what follows it), so
        # text that still has some after a few passes is odd enough to have every line of a
        # risky shape escaped at once, rather than parsed again and again.
        for _ in range(_PASSES):
            found = bare & self._structure(lines) if bare else set()
            if not found:
                return "\n".join(lines)
            self._insert(lines, found)
            bare -= found
        self._insert(lines, bare)
        return "\n".join(lines)

    def _insert(self, lines: list[str], indexes: Iterable[int]) -> None:
        for index in indexes:
            match = self._match(lines[index])
            assert match is not None  # only lines of an escapable shape are passed
            lines[index] = insert_at(match)

    def unescape(self, text: str) -> str:
        if not self._patterns:
            return text
        lines = text.split("\n")
        for index, line in enumerate(lines):
            match = self._match(line)
            if match is not None and match["bs"]:
                lines[index] = remove_at(match)
        return "\n".join(lines)

    def _structure(self, lines: list[str]) -> set[int]:
        """Lines that open (or underline) structure this text must not contain."""
        found: set[int] = set()
        blocks = parse_blocks("\n".join(lines))
        for index, block in enumerate(blocks):
            gated = block.kind in self.lists or block.kind == "table"
            if gated and self.structural is not None and not self.structural(lines, blocks, index):
                continue
            check = self._checks.get(block.kind)
            if check is not None:
                found.update(check(self, lines, block))
        return found

    def _heading(self, lines: list[str], block: Block) -> list[int]:
        if block.heading_level not in self.headings:
            return []
        atx = block.end - block.start == 1 and _ATX_LINE.match(lines[block.start])
        return [block.start if atx else block.end - 1]

    def _fence(self, lines: list[str], block: Block) -> list[int]:
        if self.contained or _fence_closed(lines, block):
            return []
        return [block.start]

    def _html(self, lines: list[str], block: Block) -> list[int]:
        if self.contained:
            return []
        first = lines[block.start].lstrip(" ")
        for opener, closer in _HTML_TO_MARKER:
            if opener.search(first):
                body = lines[block.start : block.end]
                closed = closer.search(first) or any(closer.search(line) for line in body[1:])
                return [] if closed else [block.start]
        return []

    def _list(self, lines: list[str], block: Block) -> list[int]:
        # Every item at once: escaping only the first one of a loose list would leave the
        # next item to start a list of its own, one parse after another.
        found = [item.start for item in block.children] if block.kind in self.lists else []
        if self.labels and block.kind == "bullet_list":
            found.extend(item.start for item in block.children)
        return found

    def _table(self, lines: list[str], block: Block) -> list[int]:
        if self.table_section is None:
            return []
        # Every shipped language's names: a table any import could read is escaped.
        header = split_row(lines[block.start])
        if DEFAULT_VOCABULARY.column_keys(self.table_section, header) is None:
            return []
        if block.end - block.start <= 2:
            return []  # a header with no rows is not read as the section's table
        return [block.start + 1]

    _checks: ClassVar[dict[str, Callable[[BlockEscapes, list[str], Block], list[int]]]] = {
        "heading": _heading,
        "fence": _fence,
        "html_block": _html,
        "ordered_list": _list,
        "bullet_list": _list,
        "table": _table,
    }


def _fence_closed(lines: list[str], block: Block) -> bool:
    if block.end - block.start < 2 or not block.markup:
        return False
    closer = re.compile(rf"^ {{0,3}}{re.escape(block.markup[0])}{{{len(block.markup)},}}[ \t]*$")
    return bool(closer.match(lines[block.end - 1]))
