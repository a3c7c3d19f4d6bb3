"""Free text between a section's structured items, kept with where it stood.

A section reader marks the line ranges its structure takes (the steps' lists, the tree, the
data table) in document order, each with the number of structured items read once that range
is done; the text in the gaps becomes notes that remember how many items came before them, so
that export writes text and items back in the file's order.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from kt_workbench.markdown.blocks import Block, Region, tidy_lines

# Blocks that cannot stand between two numbered items of one list in markdown, but that
# owners put there: a fence at the left margin ends the list, and the next item starts anew.
GLUE_BLOCKS = frozenset({"fence", "code_block", "html_block"})
_ORDERED_MARKER = re.compile(r"^[ \t]*(?P<number>\d{1,9})(?P<delimiter>[.)])")


class Taken(NamedTuple):
    """Lines ``[start, end)`` of structure, and how many items have been read after them."""

    start: int
    end: int
    items: int


def gaps(region: Region, taken: list[Taken]) -> list[tuple[int, str]]:
    """The tidy text of each gap around the taken ranges, with the item count before it."""
    found: list[tuple[int, str]] = []
    cursor, count = region.first, 0
    for part in sorted(taken):
        text = tidy_lines(region.text(cursor, part.start))
        if text:
            found.append((count, text))
        cursor, count = max(cursor, part.end), part.items
    text = tidy_lines(region.text(cursor, region.end))
    if text:
        found.append((count, text))
    return found


def list_start(lines: list[str], block: Block, first: int = 0) -> tuple[int, str]:
    """An ordered list's first number and delimiter, read from its first line."""
    match = _ORDERED_MARKER.match(lines[block.start - first])
    if match is None:  # markdown-it saw an ordered list: its line opens with the marker
        return 1, "."
    return int(match["number"]), match["delimiter"]


def continues_steps(
    lines: list[str], blocks: tuple[Block, ...], index: int, steps: int, since: int, first: int = 0
) -> bool:
    """Whether the ordered list ``blocks[index]`` carries on the steps read so far.

    It does when it goes on with the numbering (``steps + 1``), or when only code blocks and
    HTML blocks stand between it and the steps' last list (``blocks[since - 1]``; ``since`` is
    0 when no step list has been read yet, and then any ordered list opens the steps).
    """
    if steps == 0:
        return True
    number, _ = list_start(lines, blocks[index], first)
    if number == steps + 1:
        return True
    return all(block.kind in GLUE_BLOCKS for block in blocks[since:index])
