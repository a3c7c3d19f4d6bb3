"""Reversible escapes that keep free text from being read back as document structure.

Every escape inserts exactly one backslash where a pattern matches, and the pattern also
matches text that already carries backslashes there, so ``unescape(escape(x)) == x`` holds for
any ``x``: the reader removes one backslash wherever the same pattern matches with at least one.
A backslash before ASCII punctuation is invisible in rendered markdown, so the escapes do not
show on GitHub.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

# A single-line value written at the start of a line (list item text, table-free paragraphs).
_LINE_START = re.compile(r"^(?P<lead>)(?P<bs>\\*)(?=[#>+*=`~<|_\[-])")
_LINE_START_ORDERED = re.compile(r"^(?P<lead>\d{1,9})(?P<bs>\\*)(?=[.)](?:\s|$))")
_LINE_START_READ = re.compile(r"^(?P<lead>)\\(?P<bs>\\*)(?=[#>+*=`~<|_\[-])")
_LINE_START_ORDERED_READ = re.compile(r"^(?P<lead>\d{1,9})\\(?P<bs>\\*)(?=[.)](?:\s|$))")

# A heading's closing sequence: ``### Title ##`` loses its trailing hashes when read.
_CLOSING_HASHES = re.compile(r"(?P<lead>(?:^|\s))(?P<bs>\\*)(?=#+$)")
_CLOSING_HASHES_READ = re.compile(r"(?P<lead>(?:^|\s))\\(?P<bs>\\*)(?=#+$)")

_FENCE = re.compile(r"^ {0,3}(?P<run>`{3,}|~{3,})(?P<info>.*)$")


def _insert(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: m["lead"] + "\\" + m["bs"], text, count=1)


def _remove(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: m["lead"] + m["bs"], text, count=1)


def escape_line_start(text: str) -> str:
    """Escape a one-line value so that, written at the start of a line, it stays plain text."""
    return _insert(_LINE_START_ORDERED, _insert(_LINE_START, text))


def unescape_line_start(text: str) -> str:
    return _remove(_LINE_START_ORDERED_READ, _remove(_LINE_START_READ, text))


def escape_heading_text(text: str) -> str:
    """Escape a heading's text: its start and any trailing run of ``#``."""
    return _insert(_CLOSING_HASHES, escape_line_start(text))


def unescape_heading_text(text: str) -> str:
    return unescape_line_start(_remove(_CLOSING_HASHES_READ, text))


def escape_cell(text: str) -> str:
    """Escape a table cell: every pipe gets one more backslash in front of it."""
    return re.sub(r"(\\*)\|", lambda m: m[1] + "\\|", text)


def unescape_cell(text: str) -> str:
    return re.sub(r"\\(\\*)\|", lambda m: m[1] + "|", text)


def split_row(line: str) -> list[str]:
    """Split a table row on pipes that no backslash escapes; cells come back stripped."""
    body = line.strip()
    cells: list[str] = []
    current: list[str] = []
    previous = ""
    for char in body:
        if char == "|" and previous != "\\":
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
        previous = char
    cells.append("".join(current))
    if body.startswith("|"):
        cells = cells[1:]
    if body.endswith("|") and not body.endswith("\\|") and cells:
        cells = cells[:-1]
    return [unescape_cell(cell.strip()) for cell in cells]


# --- block text -------------------------------------------------------------------------------

LinePattern = tuple[re.Pattern[str], re.Pattern[str]]


def _line_rule(body: str) -> LinePattern:
    """A rule for a whole line: ``body`` is what follows up to three spaces and the backslashes."""
    write = re.compile(rf"^(?P<lead> {{0,3}})(?P<bs>\\*)(?={body})")
    read = re.compile(rf"^(?P<lead> {{0,3}})\\(?P<bs>\\*)(?={body})")
    return write, read


def heading_rule(max_level: int) -> LinePattern:
    """ATX headings up to ``max_level`` would split the document: escape them."""
    return _line_rule(rf"#{{1,{max_level}}}(?:[ \t]|$)")


SETEXT_RULE = _line_rule(r"(?:=+|-+)[ \t]*$")
ORDERED_ITEM_RULE = _line_rule(r"\d{1,9}[.)](?:[ \t]|$)")
BULLET_ITEM_RULE = _line_rule(r"[-+*](?:[ \t]|$)")
TABLE_DELIMITER_RULE = _line_rule(r"(?=[|:\- \t]*\|)(?=[|:\- \t]*-)[|:\- \t]+$")
HEADING_3 = heading_rule(3)


def label_item_rule(labels: Iterable[str]) -> LinePattern:
    """Bullets that start with a field label (``- Role:``) would be read back as that field."""
    names = "|".join(re.escape(label) for label in labels)
    return _line_rule(rf"[-+*][ \t]+(?i:\*\*)?(?i:{names})(?:\*\*)?[ \t]*:")


_HTML_BLOCK_OPENERS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"^ {0,3}<(?:script|pre|style|textarea)(?:\s|>|$)", re.I),
     re.compile(r"</(?:script|pre|style|textarea)>", re.I)),
    (re.compile(r"^ {0,3}<!--"), re.compile(r"-->")),
    (re.compile(r"^ {0,3}<\?"), re.compile(r"\?>")),
    (re.compile(r"^ {0,3}<![A-Za-z]"), re.compile(r">")),
    (re.compile(r"^ {0,3}<!\[CDATA\["), re.compile(r"\]\]>")),
)


def _escaped_line_rule(body: str) -> LinePattern:
    """Like ``_line_rule`` but only for lines that already carry a backslash: the bare form of
    these lines is escaped only when it is unclosed, which ``_code_lines`` decides."""
    write = re.compile(rf"^(?P<lead> {{0,3}})(?P<bs>\\+)(?={body})")
    read = re.compile(rf"^(?P<lead> {{0,3}})\\(?P<bs>\\*)(?={body})")
    return write, read


_HTML_ESCAPED = _escaped_line_rule(r"<(?:[!?]|(?i:script|pre|style|textarea)(?:\s|>|$))")
_FENCE_ESCAPED = _escaped_line_rule(r"(?:`{3}|~{3})")


def _fence_closes(lines: list[str], start: int, run: str) -> int | None:
    closer = re.compile(rf"^ {{0,3}}{re.escape(run[0])}{{{len(run)},}}[ \t]*$")
    for index in range(start + 1, len(lines)):
        if closer.match(lines[index]):
            return index
    return None


def _html_closes(lines: list[str], start: int, end_marker: re.Pattern[str]) -> bool:
    first = lines[start]
    return any(end_marker.search(line) for line in [first, *lines[start + 1 :]])


def _code_lines(lines: list[str], escape_unclosed: bool) -> tuple[set[int], set[int]]:
    """Lines of closed fences (fence lines included), and fence or HTML openers never closed."""
    inside: set[int] = set()
    unclosed: set[int] = set()
    index = 0
    while index < len(lines):
        line = lines[index]
        fence = _FENCE.match(line)
        if fence and not (fence["run"][0] == "`" and "`" in fence["info"]):
            close = _fence_closes(lines, index, fence["run"])
            if close is not None:
                inside.update(range(index, close + 1))
                index = close + 1
                continue
            unclosed.add(index)
        elif escape_unclosed:
            for opener, end_marker in _HTML_BLOCK_OPENERS:
                if opener.match(line) and not _html_closes(lines, index, end_marker):
                    unclosed.add(index)
                    break
        index += 1
    return inside, unclosed


def escape_block(text: str, rules: Iterable[LinePattern]) -> str:
    """Escape lines of a markdown block that would otherwise break the document around it.

    Lines inside closed code fences are left alone; unclosed fences and raw HTML blocks that
    never end are escaped because they would swallow everything after the block.
    """
    rules = tuple(rules)
    lines = text.split("\n")
    inside, unclosed = _code_lines(lines, escape_unclosed=True)
    out: list[str] = []
    for index, line in enumerate(lines):
        if index in inside:
            out.append(line)
            continue
        if index in unclosed:
            line = "\\".join(_split_indent(line))
        else:
            line = _apply(line, [write for write, _ in (*rules, _HTML_ESCAPED, _FENCE_ESCAPED)])
        out.append(line)
    return "\n".join(out)


def unescape_block(text: str, rules: Iterable[LinePattern]) -> str:
    rules = tuple(rules)
    lines = text.split("\n")
    inside, _ = _code_lines(lines, escape_unclosed=False)
    reads = [read for _, read in (*rules, _HTML_ESCAPED, _FENCE_ESCAPED)]
    return "\n".join(
        line if index in inside else _apply_remove(line, reads) for index, line in enumerate(lines)
    )


def _split_indent(line: str) -> tuple[str, str]:
    stripped = line.lstrip(" ")
    return line[: len(line) - len(stripped)], stripped


def _apply(line: str, patterns: list[re.Pattern[str]]) -> str:
    return _first_match(line, patterns, _insert)


def _apply_remove(line: str, patterns: list[re.Pattern[str]]) -> str:
    return _first_match(line, patterns, _remove)


def _first_match(
    line: str, patterns: list[re.Pattern[str]], action: Callable[[re.Pattern[str], str], str]
) -> str:
    for pattern in patterns:
        if pattern.match(line):
            return action(pattern, line)
    return line
