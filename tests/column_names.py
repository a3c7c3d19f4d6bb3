"""Table headers as files in any shipped language write them, for the hypothesis strategies.

A drawn header uses one language's column names (English beneath them, as the reader reads
a header), leaves out columns or reorders them, aligns some, and spells names as people
type them: upper case, a trailing colon, full-width letters.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from hypothesis import strategies as st

from kt_workbench.markdown.column_languages import LANGUAGE_COLUMNS
from kt_workbench.markdown.vocabulary import TABLE_COLUMNS, column_keys
from kt_workbench.model import ProcessDocument
from kt_workbench.model.layout import TableHeader

ALL_COLUMN_NAMES: tuple[str, ...] = tuple(
    dict.fromkeys(
        name
        for table in (TABLE_COLUMNS, *LANGUAGE_COLUMNS.values())
        for fields in table.values()
        for names in fields.values()
        for name in names
    )
)
_FULL_WIDTH = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}
_DELIMITERS = st.sampled_from(("---", "---", ":--", "--:", ":-:", "-", ":-------"))


def _spelled(name: str, how: int) -> str:
    if how == 1:
        return name.upper()
    if how == 2:
        return f"{name}:"
    if how == 3:
        return name.translate(_FULL_WIDTH)
    return name


@st.composite
def table_header(draw: st.DrawFn, section: str) -> TableHeader | None:
    """A header for ``section`` that the default vocabulary reads back field for field, or
    None when the drawn one would not be (export then writes the canonical header)."""
    language = draw(st.sampled_from(sorted(LANGUAGE_COLUMNS)))
    fields = list(TABLE_COLUMNS[section])
    rest = draw(st.lists(st.sampled_from(fields[1:]), unique=True, max_size=len(fields) - 1))
    chosen = draw(st.permutations([fields[0], *rest]))
    header = []
    for key in chosen:
        names = TABLE_COLUMNS[section][key] + LANGUAGE_COLUMNS[language][section][key]
        name = _spelled(draw(st.sampled_from(names)), draw(st.integers(0, 3)))
        header.append((key, name, draw(_DELIMITERS)))
    if column_keys(section, [name for _, name, _ in header]) != list(chosen):
        return None
    canonical = tuple((key, names[0], "---") for key, names in TABLE_COLUMNS[section].items())
    return None if tuple(header) == canonical else tuple(header)


@st.composite
def with_table_headers(draw: st.DrawFn, document: ProcessDocument) -> ProcessDocument:
    """The document with some of its tables written under headers of their own; the fields a
    header leaves out are emptied, as a file without those columns reads."""
    headers: list[tuple[str, TableHeader]] = []
    changes: dict[str, Any] = {}
    for section in TABLE_COLUMNS:
        rows = getattr(document, section)
        if not rows or (section == "glossary" and document.layout.glossary_style != "table"):
            continue
        if not draw(st.booleans()):
            continue
        header = draw(table_header(section))
        if header is None:
            continue
        kept = {key for key, _, _ in header}
        blank = {key: "" for key in TABLE_COLUMNS[section] if key not in kept}
        changes[section] = tuple(dataclasses.replace(row, **blank) for row in rows)
        headers.append((section, header))
    if not headers:
        return document
    layout = dataclasses.replace(document.layout, table_headers=tuple(headers))
    return dataclasses.replace(document, layout=layout, **changes)
