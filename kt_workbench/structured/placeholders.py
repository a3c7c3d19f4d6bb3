"""Placeholders in a script (``{customer_name}``, ``{{order_id}}``): where they stand and
whether the process's glossary explains them.

The pattern and the way terms are compared are the checker's (``PLACEHOLDER``,
``glossary_key``), so the editor lists exactly the placeholders ``ktw check`` judges.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kt_workbench.checker.vocabulary import PLACEHOLDER, glossary_key


@dataclass(frozen=True)
class Placeholder:
    """One placeholder written in a text: its name, its key for the glossary, and where it
    stands (0-based line, and columns in characters on that line; one that goes on to the
    next line is marked up to the end of its first)."""

    text: str
    name: str
    key: str
    line: int
    start: int
    end: int


def find_placeholders(text: str) -> list[Placeholder]:
    """Every placeholder in ``text``, in order, with the line and columns it covers."""
    found: list[Placeholder] = []
    if "{" not in text:
        return found
    for match in PLACEHOLDER.finditer(text):
        key = glossary_key(match.group(1))
        if not key:
            continue
        start, end = match.span()
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        if line_end != -1:
            end = min(end, line_end)
        line = text.count("\n", 0, start)
        found.append(
            Placeholder(
                match.group(), match.group(1), key, line, start - line_start, end - line_start
            )
        )
    return found


@dataclass(frozen=True)
class PlaceholderUse:
    """A placeholder as the form lists it: once per name, with whether it is explained."""

    name: str
    explained: bool
    count: int


def placeholder_uses(text: str, glossary_terms: Iterable[str]) -> list[PlaceholderUse]:
    """The placeholders of ``text`` once each, in order of first use, and whether a glossary
    term explains each (compared as the checker compares them)."""
    terms = {glossary_key(term) for term in glossary_terms}
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for placeholder in find_placeholders(text):
        counts[placeholder.key] = counts.get(placeholder.key, 0) + 1
        names.setdefault(placeholder.key, placeholder.name)
    return [PlaceholderUse(names[key], key in terms, count) for key, count in counts.items()]
