"""Text measured and cut in terminal cells, with the cut visible.

Titles in a library often share a long beginning ("Answer an order status enquiry for
business customers in Latvia", "... in Lithuania"): cut at the end, a narrow terminal shows
the same words on every row. ``cut_middle`` keeps the beginning and the end and puts the
ellipsis between them: the end's whole last words, the beginning up to a word boundary
where that loses little. Widths are in cells: wide characters (CJK) count two, combining
marks none. The workbench and the command line cut with the same function (no Rich here:
the command line starts without it).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

ELLIPSIS = "…"
# Of the room left for words, the share kept from the end.
END_SHARE = 0.4
# A word boundary is preferred when it gives up at most this share of the room.
WORD_SLACK = 0.3


@lru_cache(maxsize=4096)
def char_cells(char: str) -> int:
    """Cells a character takes in a terminal: 2 wide (CJK), 0 combining or format, else 1."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_len(text: str) -> int:
    """Cells ``text`` takes in a terminal."""
    if text.isascii():
        return len(text)
    return sum(char_cells(char) for char in text)


def cut_end(text: str, width: int) -> str:
    """``text`` if it fits in ``width`` cells, else its beginning and ``…``."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    return _first_cells(text, width - 1, words=False) + ELLIPSIS


def cut_middle(text: str, width: int) -> str:
    """``text`` if it fits in ``width`` cells, else its beginning, ``…`` and its end."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    room = width - 1
    end = _last_cells(text, int(room * END_SHARE))
    # Room the end's word boundary left goes to the beginning.
    return _first_cells(text, room - cell_len(end)) + ELLIPSIS + end


def _first_cells(text: str, room: int, words: bool = True) -> str:
    """The longest beginning of ``text`` within ``room`` cells, ending at a word when one
    ends close enough (``words``)."""
    taken = _fitting(text, room)
    head = text[:taken]
    if not words:
        return head
    if taken < len(text) and not text[taken].isspace():
        space = head.rfind(" ")
        if space > 0 and cell_len(head[space:]) <= room * WORD_SLACK:
            head = head[:space]
    return head.rstrip()


def _last_cells(text: str, room: int) -> str:
    """The longest end of ``text`` within ``room`` cells that starts at a word, else (one
    word longer than that) the last ``room`` cells."""
    taken = _fitting(reversed(text), room)
    tail = text[len(text) - taken :] if taken else ""
    if taken < len(text) and not text[len(text) - taken - 1].isspace():
        space = tail.find(" ")
        if space >= 0:
            tail = tail[space + 1 :]
    return tail.lstrip()


def _fitting(chars: Iterable[str], room: int) -> int:
    """How many of ``chars``, from the first, fit in ``room`` cells."""
    used = taken = 0
    for char in chars:
        used += char_cells(char)
        if used > room:
            break
        taken += 1
    return taken
