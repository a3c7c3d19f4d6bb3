"""Where a credential format's pattern can match, so that a long text (a whole handover pack)
is scanned only there.

Most rule-set patterns start with a lazy run such as ``[\\w.-]{0,50}?`` before their keyword,
which Python's engine tries at every position of the text: seconds per format on a pack of a
few megabytes. Read from the compiled pattern itself, two facts make that unnecessary:

- ``anchors``: literal words of which every match contains one (``cohere`` or
  ``co_api_key``), found with ``str.find``;
- ``width``: the longest a match can be.

A match then lies within ``width`` characters of an anchor, so ``find_in_reach`` runs the
pattern over those windows only and finds what a scan of the whole text finds (property-tested
against it in tests/test_secret_reach.py). A pattern with no usable anchor, or one whose
matches can be any length, is run over the whole text as before.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from functools import cache
from itertools import product
from typing import Any

# Anchors shorter than this are too common to narrow anything down.
_SHORTEST_ANCHOR = 3
# Beyond this many alternatives a set of literal strings is not worth expanding.
_MOST_ANCHORS = 64
# Lookaheads and boundaries may read past the end of a match; windows read this much further.
_LOOKAHEAD = 64
# A pattern whose matches can be longer than this is treated as unbounded.
_WIDEST = 10_000


@cache
def reach(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], int] | None:
    """The pattern's anchors (lower case) and the longest match, or None where it must be run
    over the whole text."""
    try:
        parser = importlib.import_module("re._parser")
        constants = importlib.import_module("re._constants")
        parsed = parser.parse(pattern.pattern, pattern.flags)
    except Exception:
        return None
    width = parsed.getwidth()[1]
    if width > _WIDEST:
        return None
    anchors = _Anchors(constants).required(list(parsed))
    if not anchors or min(map(len, anchors)) < _SHORTEST_ANCHOR:
        return None
    if not all(anchor.isascii() for anchor in anchors):
        return None
    return tuple(sorted({anchor.lower() for anchor in anchors})), width


def lower_in_place(text: str, lowered: str | None = None) -> str:
    """``text`` in lower case, each character at its offset, with the letters that match an
    ASCII letter when case is ignored written as that letter ("ſ" as "s"): where the anchors
    of ``find_in_reach`` and the rules' key words are looked for. ``lowered``: ``text.lower()``
    when the caller has it already."""
    if lowered is None or len(lowered) != len(text):
        lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(char.lower()[0] for char in text)
    return lowered.replace("ı", "i").replace("ſ", "s")


def find_in_reach(pattern: re.Pattern[str], text: str, lowered: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, run only where a match can be. ``lowered`` is
    ``lower_in_place(text)``."""
    known = reach(pattern)
    if known is None:
        yield from pattern.finditer(text)
        return
    anchors, width = known
    windows: list[tuple[int, int]] = []
    for anchor in anchors:
        position = lowered.find(anchor)
        while position != -1:
            windows.append((max(0, position - width), position + width))
            position = lowered.find(anchor, position + 1)
    for start, end in merged_windows(windows):
        # A match starting in the window ends within ``width`` of it; one starting further on
        # holds a later anchor and belongs to the next window.
        for match in pattern.finditer(text, start, end + width + _LOOKAHEAD):
            if match.start() >= end:
                break
            yield match


def merged_windows(windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``(start, end)`` windows in order, those that overlap or touch made one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(windows):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class _Anchors:
    """Reads a parsed pattern (``re._parser``'s tree) for the literal strings every match
    contains."""

    def __init__(self, constants: Any) -> None:
        self.c = constants

    def required(self, items: list[Any]) -> set[str] | None:
        """Strings one of which every match of the sequence ``items`` contains; the most
        selective (longest shortest string) of the candidates."""
        candidates: list[set[str]] = []
        run = {""}  # the fixed strings just read, joined
        for op, argument in items:
            exact = self.exact(op, argument)
            if exact is not None and len(run) * len(exact) <= _MOST_ANCHORS:
                run = {left + right for left, right in product(run, exact)}
                continue
            if run != {""}:
                candidates.append(run)
            run = exact if exact is not None and len(exact) <= _MOST_ANCHORS else {""}
            inner = self.within(op, argument)
            if inner:
                candidates.append(inner)
        if run != {""}:
            candidates.append(run)
        candidates = [found for found in candidates if found and "" not in found]
        if not candidates:
            return None
        return max(candidates, key=lambda found: min(map(len, found)))

    def within(self, op: Any, argument: Any) -> set[str] | None:
        """What every match of one item that is not a fixed string contains."""
        c = self.c
        if op is c.SUBPATTERN:
            return self.required(list(argument[-1]))
        if op is c.ATOMIC_GROUP:
            return self.required(list(argument))
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and argument[0] >= 1:
            return self.required(list(argument[2]))
        if op is c.BRANCH:
            found: set[str] = set()
            for branch in argument[1]:
                inner = self.required(list(branch))
                if not inner:
                    return None
                found |= inner
            return found if len(found) <= _MOST_ANCHORS else None
        return None

    def exact(self, op: Any, argument: Any) -> set[str] | None:
        """Every string one item can match, where that is a short list (a literal, a choice of
        literals, a group of them)."""
        c = self.c
        if op is c.LITERAL:
            return {chr(argument)}
        if op is c.IN and len(argument) <= 8 and all(kind is c.LITERAL for kind, _ in argument):
            return {chr(code) for _, code in argument}  # [Jj]: a negated set starts NEGATE
        if op is c.SUBPATTERN:
            return self.sequence(list(argument[-1]))
        if op is c.BRANCH:
            found: set[str] = set()
            for branch in argument[1]:
                strings = self.sequence(list(branch))
                if strings is None:
                    return None
                found |= strings
            return found if len(found) <= _MOST_ANCHORS else None
        return None

    def sequence(self, items: list[Any]) -> set[str] | None:
        strings = {""}
        for op, argument in items:
            exact = self.exact(op, argument)
            if exact is None or len(strings) * len(exact) > _MOST_ANCHORS:
                return None
            strings = {left + right for left, right in product(strings, exact)}
        return strings
