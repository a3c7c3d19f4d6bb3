"""How a file laid its process out, so that export can follow the owner's order.

A document read from a file remembers the order of its sections and the few choices of form
the format offers (steps as a numbered list or as ``### Step N:`` headings, the glossary as a
table, as bullets or as ``### Term`` headings, scripts quoted or not). A document built by a
tool has the default layout: the canonical one described in docs/format.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

# Stands in ``Layout.sections`` for the next unknown section, in the order they are stored.
EXTRA = "+"

StepStyle = Literal["list", "headings"]
STEP_STYLES: tuple[str, ...] = get_args(StepStyle)
GlossaryStyle = Literal["table", "bullets", "headings"]
DEFAULT_GLOSSARY_BULLET = "**{term}**: "
GLOSSARY_STYLES: tuple[str, ...] = get_args(GlossaryStyle)
# A table's columns as a file wrote them: each column's field, its name in the header and
# its cell of the line under the header (``---``, ``:--``, ``--:``, ``:-:``: the alignment).
TableHeader = tuple[tuple[str, str, str], ...]
CANONICAL_DELIMITER = "---"
_DELIMITER_CELL = re.compile(r"^:?-+:?$")


def delimiter_cell(text: str) -> str:
    """A column's cell of the line under a table header, spaces taken out, or ``---`` when
    it is not one."""
    cell = "".join(text.split())
    return cell if _DELIMITER_CELL.match(cell) else CANONICAL_DELIMITER


@dataclass(frozen=True)
class Layout:
    """The form of a document's file where it differs from the canonical layout.

    ``sections`` lists the known section names and ``EXTRA`` (one per unknown section) in
    file order; empty means the canonical order. ``step_heading`` is the form of step headings
    with ``{n}`` for the number (``Étape {n} - ``), ``glossary_bullet`` that of a bullet
    glossary's items with ``{term}`` for the term (``**{term}:** ``). ``plain_scripts``
    are the indexes of scripts whose bodies were written without ``>`` quoting.
    ``table_headers`` holds, for a table whose header was not the canonical one (other
    names, another language, columns left out or in another order, aligned columns), the
    section, and each column's field, name and delimiter cell as written:
    ``("contacts", (("role", "Rolle", "---"), ...))``.
    """

    sections: tuple[str, ...] = ()
    step_style: StepStyle = "list"
    step_heading: str = "Step {n}: "
    glossary_style: GlossaryStyle = "table"
    glossary_bullet: str = DEFAULT_GLOSSARY_BULLET
    plain_scripts: tuple[int, ...] = ()
    table_headers: tuple[tuple[str, TableHeader], ...] = ()

    def header_of(self, section: str) -> TableHeader | None:
        """The header a section's table was written with, when it was not the canonical one."""
        return next((header for name, header in self.table_headers if name == section), None)

    def __bool__(self) -> bool:
        return self != Layout()


def encode_table_headers(headers: tuple[tuple[str, TableHeader], ...]) -> list[Any]:
    """Table headers as JSON-ready lists: ``[[section, [[field, name, delimiter], ...]]]``."""
    return [[section, [list(column) for column in header]] for section, header in headers]


def decode_table_headers(value: Any) -> tuple[tuple[str, TableHeader], ...]:
    """The inverse of ``encode_table_headers``; ValueError for anything else."""
    try:
        headers = tuple(
            (section, tuple((field, name, line) for field, name, line in header))
            for section, header in value
        )
    except (TypeError, ValueError):
        raise ValueError(f"unreadable table headers {str(value)[:40]!r}") from None
    for section, header in headers:
        strings = [section, *(part for column in header for part in column)]
        if not all(isinstance(part, str) for part in strings):
            raise ValueError(f"unreadable table headers {str(value)[:40]!r}")
    return headers


def canonical_order(filled: Iterable[str], known: Sequence[str], extras: int) -> list[str]:
    """Known sections with content in the order of ``known``, then every unknown section."""
    present = set(filled)
    return [name for name in known if name in present] + [EXTRA] * extras


def effective_order(
    layout: Sequence[str], filled: Iterable[str], known: Sequence[str], extras: int
) -> list[str]:
    """The order export writes sections in: the layout's, completed canonically.

    Sections the layout does not mention (added by an editor, say) go before the first
    mentioned section that comes after them in the canonical order; unknown sections beyond
    the layout's go last.
    """
    present = [name for name in known if name in set(filled)]
    order: list[str] = []
    seen: set[str] = set()
    extras_left = extras
    for name in layout:
        if name == EXTRA:
            if extras_left:
                order.append(EXTRA)
                extras_left -= 1
        elif name in present and name not in seen:
            order.append(name)
            seen.add(name)
    for name in present:
        if name in seen:
            continue
        rank = known.index(name)
        at = next(
            (i for i, other in enumerate(order) if other != EXTRA and known.index(other) > rank),
            None,
        )
        if at is None:
            at = next((i for i, other in enumerate(order) if other == EXTRA), len(order))
        order.insert(at, name)
        seen.add(name)
    order.extend([EXTRA] * extras_left)
    return order
