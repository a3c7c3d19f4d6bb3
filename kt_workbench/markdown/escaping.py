"""Reversible escapes for one-line values: line starts, heading text and table cells.

Every escape inserts exactly one backslash where a pattern matches, and the pattern also
matches text that already carries backslashes there, so ``unescape(escape(x)) == x`` holds for
any ``x``: the reader removes one backslash wherever the same pattern matches with at least one.
Bare text is escaped only where it would otherwise be read as structure, and a backslash before
ASCII punctuation is invisible in rendered markdown, so the escapes do not show on GitHub.
"""

from __future__ import annotations

import re

from kt_workbench.markdown.blocks import markdown

# The characters that can open a block, and the digits of an ordered-list marker.
_LINE_START = re.compile(r"^(?P<lead>)(?P<bs>\\*)(?=[#>+*=`~<|_\[-])")
_LINE_START_ORDERED = re.compile(r"^(?P<lead>\d{1,9})(?P<bs>\\*)(?=[.)](?:[ \t]|$))")
_LINE_STARTS = (_LINE_START, _LINE_START_ORDERED)
_KEY_LOOK = re.compile(r"^\[[^\[\]\n]*\]")

# A heading's closing sequence: ``### Title ##`` loses its trailing hashes when read.
_CLOSING_HASHES = re.compile(r"(?P<lead>(?:^|\s))(?P<bs>\\*)(?=#+$)")


def insert_at(match: re.Match[str]) -> str:
    text = match.string
    return text[: match.end("lead")] + "\\" + text[match.end("lead") :]


def remove_at(match: re.Match[str]) -> str:
    text = match.string
    return text[: match.end("lead")] + text[match.end("lead") + 1 :]


def starts_structure(content: str) -> bool:
    """Whether a line's content, written where a paragraph may start, reads as anything else.

    A heading, list, quote, fence, HTML block, rule or link definition all qualify.
    """
    if not content:
        return False
    tokens = markdown().parse(content)
    return not tokens or tokens[0].type != "paragraph_open"


def escape_line_start(value: str, *, line: str | None = None, keyed: bool = False) -> str:
    """Escape a one-line value written at the start of a list item or line.

    ``line`` is the whole content of the line the value opens (the value itself when None);
    ``keyed`` also protects a leading ``[key]`` that a decision tree would read as a key.
    """
    for pattern in _LINE_STARTS:
        match = pattern.match(value)
        if match is None:
            continue
        if match["bs"] or (keyed and _KEY_LOOK.match(value)):
            return insert_at(match)
        if starts_structure(value if line is None else line):
            return insert_at(match)
        return value
    return value


def unescape_line_start(value: str) -> str:
    for pattern in _LINE_STARTS:
        match = pattern.match(value)
        if match is not None:
            return remove_at(match) if match["bs"] else value
    return value


def escape_heading_text(text: str) -> str:
    """Escape a heading's text so that a trailing run of ``#`` is not read as a closing one."""
    match = _CLOSING_HASHES.search(text)
    return insert_at(match) if match else text


def unescape_heading_text(text: str) -> str:
    match = _CLOSING_HASHES.search(text)
    return remove_at(match) if match and match["bs"] else text


def escape_cell(text: str) -> str:
    """Escape a table cell: every pipe gets one more backslash in front of it."""
    return re.sub(r"(\\*)\|", lambda m: m[1] + "\\|", text)


def unescape_cell(text: str) -> str:
    return re.sub(r"\\(\\*)\|", lambda m: m[1] + "|", text)


_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def split_row(line: str) -> list[str]:
    """Split a table row on pipes that no backslash escapes; cells come back stripped.

    A pipe right after a backslash never splits, the way markdown-it and GitHub read tables.
    """
    body = line.strip()
    cells = _UNESCAPED_PIPE.split(body)
    if body.startswith("|"):
        cells = cells[1:]
    if body.endswith("|") and not body.endswith("\\|") and cells:
        cells = cells[:-1]
    return [unescape_cell(cell.strip()) for cell in cells]
