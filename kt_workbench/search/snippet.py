"""Snippets: the part of an entry around its matches, with spans to highlight.

Offsets are in characters of the returned snippet (Python string indices), so
``snippet[start:end]`` is exactly the matched original text, accents and all.
"""

from __future__ import annotations

import re

SNIPPET_WIDTH = 120
ELLIPSIS = "…"
# How much text to keep before the first match, so it reads in context.
_LEAD = 30
_WHITESPACE = re.compile(r"\s")


def make_snippet(
    text: str, spans: list[tuple[int, int]], width: int = SNIPPET_WIDTH
) -> tuple[str, list[tuple[int, int]]]:
    """A window of about ``width`` characters showing as many spans as fit, and their offsets.

    Line breaks and tabs become spaces one for one, so offsets are preserved.
    """
    flat = _WHITESPACE.sub(" ", text)
    spans = sorted(set(spans))
    if len(flat) <= width:
        return flat, spans
    first = spans[0][0] if spans else 0
    start = _word_start(flat, max(0, first - _LEAD), limit=first)
    end = min(len(flat), start + width)
    if end < len(flat):
        end = _word_end(flat, end, floor=max(first + 1, start + width // 2))
    if end == len(flat):
        start = _word_start(flat, max(0, end - width), limit=first)
    window = flat[start:end].strip(" ")
    offset = start + (len(flat[start:end]) - len(flat[start:end].lstrip(" ")))
    prefix = ELLIPSIS if offset > 0 else ""
    suffix = ELLIPSIS if offset + len(window) < len(flat) else ""
    shift = len(prefix) - offset
    shown = [(s + shift, e + shift) for s, e in spans if s >= offset and e <= offset + len(window)]
    return prefix + window + suffix, shown


def _word_start(text: str, position: int, limit: int) -> int:
    """Move forward to the start of a word, but never past ``limit``."""
    if position == 0 or text[position - 1] == " ":
        return position
    space = text.find(" ", position, limit)
    return space + 1 if space != -1 else position


def _word_end(text: str, position: int, floor: int) -> int:
    """Move back to the end of a word, but never before ``floor``."""
    if text[position] == " ":
        return position
    space = text.rfind(" ", floor, position)
    return space if space != -1 else position
