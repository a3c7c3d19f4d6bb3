"""How big a process document may be: stated limits, checked before the parser starts.

Real process documents are a few kilobytes to a few hundred; the limits sit far above that
and far below where parsing gets slow or memory-hungry (docs/reliability.md has the
figures). The check is one pass over the text with no allocation per line beyond a match.
"""

from __future__ import annotations

import re

from kt_workbench.errors import InputError

MAX_DOCUMENT_CHARS = 2 * 1024 * 1024
MAX_LIST_ITEMS = 5_000  # numbered and bulleted items together: steps, tree branches, rows...
MAX_INDENT = 200  # columns of indentation before a list item: about 50-100 levels of nesting
_LIST_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)", re.MULTILINE)
# A tab counts 4 columns, so only a line with more than MAX_INDENT // 4 leading blanks can be
# indented more than MAX_INDENT columns.
_BLANKS = " " * (MAX_INDENT // 4 + 1)  # a substring test first: far faster than the pattern
_MAYBE_DEEP = re.compile(rf"^[ \t]{{{MAX_INDENT // 4 + 1},}}", re.MULTILINE)


def check_document_limits(text: str, source: str) -> None:
    """Refuse, with ``FILE:LINE``, text beyond the stated limits."""
    if len(text) > MAX_DOCUMENT_CHARS:
        raise InputError(
            source,
            None,
            f"the document is longer than {MAX_DOCUMENT_CHARS // (1024 * 1024)} MiB of text; "
            "split it into several processes",
        )
    maybe_deep = (_BLANKS in text or "\t" in text) and _MAYBE_DEEP.search(text)
    if text.count("\n") < MAX_LIST_ITEMS and not maybe_deep:
        return  # too few lines for too many items, and nothing indented deeply enough
    for items, match in enumerate(_LIST_ITEM.finditer(text), start=1):
        indent = match.group(1).expandtabs(4)
        if len(indent) > MAX_INDENT:
            line = text.count("\n", 0, match.start()) + 1
            raise InputError(
                source,
                line,
                f"a list item is indented more than {MAX_INDENT} columns; nest decision trees "
                "and sub-steps less deeply (use 'goto [key]' to reuse a branch)",
            )
        if items > MAX_LIST_ITEMS:
            line = text.count("\n", 0, match.start()) + 1
            raise InputError(
                source,
                line,
                f"the document has more than {MAX_LIST_ITEMS:,} list items (steps, branches, "
                "bullets); split it into several processes",
            )
