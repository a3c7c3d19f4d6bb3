"""markdown-it-py 4's one-line leaf block rules, cheaper (see ``block_pass``).

ATX headings, thematic breaks and indented code are tried on many lines they do not start
(a heading wherever a line starts with ``#``, a break on every ``-`` list item, code at the
start of every block). These rules accept exactly the lines markdown-it's do, without its
debug logging on every call, and push the same tokens, except that a heading's inline token
leaves out its text (the parser reads headings from their source lines).
"""

from __future__ import annotations

from markdown_it.rules_block.state_block import StateBlock

from kt_workbench.markdown.block_lists import Rule

_BREAK_MARKERS = frozenset("*-_")


def heading_line(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's ``heading``: one to six ``#`` and then a space, a tab or the line's end."""
    position = state.bMarks[start] + state.tShift[start]
    maximum = state.eMarks[start]
    if position >= maximum or state.src[position] != "#" or state.is_code_block(start):
        return False
    text = state.src[position:maximum]
    level = len(text) - len(text.lstrip("#"))
    if level > 6 or (level < len(text) and text[level] not in " \t"):
        return False
    if silent:
        return True
    state.line = start + 1
    tag = f"h{level}"
    opened = state.push("heading_open", tag, 1)
    opened.markup = text[:level]
    opened.map = [start, state.line]
    inline = state.push("inline", "", 0)
    inline.map = [start, state.line]
    inline.children = []
    state.push("heading_close", tag, -1).markup = text[:level]
    return True


def break_line(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's ``hr``: three or more of one of ``*-_``, with spaces and tabs between."""
    position = state.bMarks[start] + state.tShift[start]
    maximum = state.eMarks[start]
    if position >= maximum:
        return False
    marker = state.src[position]
    if marker not in _BREAK_MARKERS or state.is_code_block(start):
        return False
    markers = state.src[position:maximum].replace(" ", "").replace("\t", "")
    if len(markers) < 3 or markers.strip(marker):
        return False
    if silent:
        return True
    state.line = start + 1
    token = state.push("hr", "hr", 0)
    token.map = [start, state.line]
    token.markup = marker * (len(markers) + 1)  # markdown-it's count, one more than written
    return True


def code_rule(stock: Rule) -> Rule:
    """markdown-it's ``code`` rule, called only where a line is indented like code."""

    def code_lines(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if state.sCount[start] - state.blkIndent < 4:
            return False
        return stock(state, start, end, silent)

    return code_lines
