"""Text cut to a number of terminal cells, with the cut visible.

Titles in a library often share a long beginning ("Answer an order status enquiry for
business customers in Latvia", "... in Lithuania"): cut at the end, a narrow terminal shows
the same words on every row. ``cut_middle`` keeps the beginning and the end and puts the
ellipsis between them: the end's whole last words, the beginning up to a word boundary
where that loses little. Widths are in cells, so
wide characters (CJK) count twice.
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size

ELLIPSIS = "…"
# Of the room left for words, the share kept from the end.
END_SHARE = 0.4
# A word boundary is preferred when it gives up at most this share of the room.
WORD_SLACK = 0.3


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


def _first_cells(text: str, room: int) -> str:
    """The longest beginning of ``text`` within ``room`` cells, ending at a word when one
    ends close enough."""
    used = 0
    taken = 0
    for char in text:
        size = get_character_cell_size(char)
        if used + size > room:
            break
        used += size
        taken += 1
    head = text[:taken]
    if taken < len(text) and not text[taken].isspace():
        space = head.rfind(" ")
        if space > 0 and cell_len(head[space:]) <= room * WORD_SLACK:
            head = head[:space]
    return head.rstrip()


def _last_cells(text: str, room: int) -> str:
    """The longest end of ``text`` within ``room`` cells that starts at a word, else (one
    word longer than that) the last ``room`` cells."""
    used = 0
    taken = 0
    for char in reversed(text):
        size = get_character_cell_size(char)
        if used + size > room:
            break
        used += size
        taken += 1
    tail = text[len(text) - taken :] if taken else ""
    if taken < len(text) and not text[len(text) - taken - 1].isspace():
        space = tail.find(" ")
        if space >= 0:
            tail = tail[space + 1 :]
    return tail.lstrip()
