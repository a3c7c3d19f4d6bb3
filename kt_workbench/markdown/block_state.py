"""markdown-it-py 4's block state with cheaper line markers and tokens (see ``block_pass``).

A block pass over a process file pushes a couple of hundred tokens and first marks where
each line begins, ends and how far it is indented. ``BlockState`` marks the lines from
``str.split`` (one pass in C) instead of a loop per line, and pushes ``BlockToken``: a
``Token`` with the same fields and values, built in one step instead of through the
dataclass's defaults and ``__post_init__``.
"""

from __future__ import annotations

from itertools import accumulate, repeat
from operator import add, sub
from typing import Any, Literal

from markdown_it.main import MarkdownIt
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.token import Token


class BlockToken(Token):
    """A block ``Token`` as ``StateBlock.push`` makes it (``block`` set, the state's level)."""

    __slots__ = ()

    def __init__(self, type: str, tag: str, nesting: Literal[-1, 0, 1], level: int) -> None:
        self.type = type
        self.tag = tag
        self.nesting = nesting
        self.attrs = {}
        self.map = None
        self.level = level
        self.children = None
        self.content = ""
        self.markup = ""
        self.info = ""
        self.meta = {}
        self.block = True
        self.hidden = False


class BlockState(StateBlock):
    """``StateBlock`` with the same line markers, found from the split lines."""

    def __init__(self, src: str, md: MarkdownIt, env: Any, tokens: list[Token]) -> None:
        # Everything but the markers as markdown-it sets it (an empty text has no lines).
        super().__init__("", md, env, tokens)
        self.src = src
        self.bMarks, self.eMarks, self.tShift, self.sCount = line_marks(src)
        self.bsCount = [0] * len(self.bMarks)
        self.lineMax = len(self.bMarks) - 1  # the last entry is the end, not a line

    def push(self, ttype: str, tag: str, nesting: Literal[-1, 0, 1]) -> Token:
        if nesting < 0:
            self.level -= 1
        token = BlockToken(ttype, tag, nesting, self.level)
        if nesting > 0:
            self.level += 1
        self.tokens.append(token)
        return token


def line_marks(src: str) -> tuple[list[int], list[int], list[int], list[int]]:
    """markdown-it's line markers: where each line begins and ends, the length of its leading
    spaces and tabs, and their width with tabs to the next multiple of four; then one entry
    for the end of the text. Computed a list at a time (``map`` and ``accumulate`` run in C)."""
    lines = src.split("\n")
    if not lines[-1].strip(" \t"):
        # After a final line break there is no line, and markdown-it marks no final blank
        # line without one.
        lines.pop()
    lengths = list(map(len, lines))
    shifts = list(map(sub, lengths, map(len, map(str.lstrip, lines, repeat(" \t")))))
    begins = list(accumulate(map((1).__add__, lengths), initial=0))
    begins[-1] = len(src)
    ends = list(map(add, begins, lengths))
    ends.append(len(src))
    widths = shifts.copy()
    if "\t" in src:
        for number, shift in enumerate(shifts):
            if shift and "\t" in lines[number][:shift]:
                width = 0
                for char in lines[number][:shift]:
                    width += 4 - width % 4 if char == "\t" else 1
                widths[number] = width
    shifts.append(0)
    widths.append(0)
    return begins, ends, shifts, widths
