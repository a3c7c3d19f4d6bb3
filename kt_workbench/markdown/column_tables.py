"""Tables recognised by their columns where no heading says what they are.

A handbook page or a converted Word document often holds its contacts or access rights in
a section named otherwise ("Who to ask", "Team directory") or before any section. A table
there whose header names enough columns of one of the format's tables (every column known,
and at least ``MIN_COLUMNS`` of them) is read as that section, when the file has no such
section of its own. Tables with fewer recognised columns stay text: a two-column "Name |
Role" table is common and means many things.
"""

from __future__ import annotations

from collections.abc import Iterable

from kt_workbench.markdown.blocks import Block, Region
from kt_workbench.markdown.escaping import split_row
from kt_workbench.markdown.vocabulary import DEFAULT_VOCABULARY, Vocabulary

# Enough columns that a table is not one by chance: three of the access rights' five, the
# metric and two of its baseline and targets, three of the contacts' four, and a glossary's
# term and meaning together.
MIN_COLUMNS = {"access_rights": 3, "metrics": 3, "contacts": 3, "glossary": 2}


def table_by_columns(
    region: Region, taken: Iterable[str], vocabulary: Vocabulary = DEFAULT_VOCABULARY
) -> tuple[Block, str] | None:
    """The first top-level table of the region that is a section not in ``taken``, and
    that section, with the column names of ``vocabulary``."""
    skip = set(taken)
    for block in region.blocks:
        if block.kind != "table" or block.end - block.start < 3:
            continue  # a header without rows would be no rows: it stays text
        header = split_row(region.text(block.start, block.start + 1)[0])
        for section, least in MIN_COLUMNS.items():
            if section in skip:
                continue
            keys = vocabulary.column_keys(section, header)
            if keys is not None and len(keys) >= least:
                return block, section
    return None
