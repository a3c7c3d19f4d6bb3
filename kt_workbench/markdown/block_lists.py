"""markdown-it-py 4's list rule, trying only the rules that can end a list at a line's first
character (see ``block_pass``).

The tokens are markdown-it's own, field for field: list and item tokens with their line
ranges, markers, an ordered item's number in ``info`` and a list's start in ``attrs``, and
the paragraphs of a tight list hidden. Only the work is less: no debug logging on every
call, and the rules that can end a list (fences, blockquotes, rules) tried only where the
line's first character lets them start.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown_it.rules_block.list import (
    list_block,
    skipBulletListMarker,
    skipOrderedListMarker,
)
from markdown_it.rules_block.state_block import StateBlock

Rule = Callable[[StateBlock, int, int, bool], bool]


def list_rule(chains: dict[str, list[Rule]], anywhere: list[Rule]) -> Rule:
    """The list rule, ending a list with ``chains[first character]`` (``anywhere`` for a
    character no rule starts with) instead of every rule that can end one."""

    def list_items(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if state.is_code_block(start_line):
            return False
        count = state.sCount[start_line]
        # A marker indented four or more past its parent's: a paragraph's continuation.
        if state.listIndent >= 0 and count - state.listIndent >= 4 and count < state.blkIndent:
            return False
        # A list interrupting a paragraph must start at 1 and have text on its first line.
        interrupting = silent and state.parentType == "paragraph" and count >= state.blkIndent
        after_marker = skipOrderedListMarker(state, start_line)
        src = state.src
        if after_marker >= 0:
            ordered = True
            marker_start = state.bMarks[start_line] + state.tShift[start_line]
            number = int(src[marker_start : after_marker - 1])
            if interrupting and number != 1:
                return False
        else:
            after_marker = skipBulletListMarker(state, start_line)
            if after_marker < 0:
                return False
            ordered = False
        if interrupting and state.skipSpaces(after_marker) >= state.eMarks[start_line]:
            return False
        if silent:
            return True
        if state.md.options.get("tasklists", False):
            # Task items carry more than the parser reads: markdown-it's own rule makes them.
            return list_block(state, start_line, end_line, silent)
        return _items(state, start_line, end_line, ordered, after_marker, chains, anywhere)

    return list_items


def _items(
    state: StateBlock,
    start_line: int,
    end_line: int,
    ordered: bool,
    after_marker: int,
    chains: dict[str, list[Rule]],
    anywhere: list[Rule],
) -> bool:
    """markdown-it-py 4's ``list_block`` from its first token on (no task items)."""
    src = state.src
    b_marks, e_marks, t_shift, s_count = state.bMarks, state.eMarks, state.tShift, state.sCount
    marker_start = b_marks[start_line] + t_shift[start_line]
    marker = src[after_marker - 1]
    list_index = len(state.tokens)
    if ordered:
        token = state.push("ordered_list_open", "ol", 1)
        number = int(src[marker_start : after_marker - 1])
        if number != 1:
            token.attrs = {"start": number}
    else:
        token = state.push("bullet_list_open", "ul", 1)
    token.map = list_lines = [start_line, 0]
    token.markup = marker

    next_line = start_line
    previous_ended_empty = False
    tight = True
    old_parent = state.parentType
    state.parentType = "list"
    tokenize = state.md.block.tokenize
    while next_line < end_line:
        marker_start = b_marks[start_line] + t_shift[start_line]
        position = after_marker
        maximum = e_marks[next_line]
        initial = offset = s_count[next_line] + after_marker - marker_start
        while position < maximum:
            char = src[position]
            if char == "\t":
                offset += 4 - (offset + state.bsCount[next_line]) % 4
            elif char == " ":
                offset += 1
            else:
                break
            position += 1
        content_start = position
        # An empty first line, or more than four spaces (indented code): the content starts
        # one column after the marker.
        indent_after_marker = 1 if content_start >= maximum else offset - initial
        if indent_after_marker > 4:
            indent_after_marker = 1
        indent = initial + indent_after_marker

        token = state.push("list_item_open", "li", 1)
        token.markup = marker
        token.map = item_lines = [start_line, 0]
        if ordered:
            token.info = src[marker_start : after_marker - 1]

        old_tight = state.tight
        old_t_shift = t_shift[start_line]
        old_s_count = s_count[start_line]
        old_list_indent = state.listIndent
        state.listIndent = state.blkIndent
        state.blkIndent = indent
        state.tight = True
        t_shift[start_line] = content_start - b_marks[start_line]
        s_count[start_line] = offset
        if content_start >= maximum and state.isEmpty(start_line + 1):
            # An empty item followed by an empty line ends there (markdown-it's workaround).
            state.line = min(state.line + 2, end_line)
        else:
            tokenize(state, start_line, end_line)
        if not state.tight or previous_ended_empty:
            tight = False
        # An item ending with an empty line makes the list loose, unless it is the last.
        previous_ended_empty = (state.line - start_line) > 1 and state.isEmpty(state.line - 1)
        state.blkIndent = state.listIndent
        state.listIndent = old_list_indent
        t_shift[start_line] = old_t_shift
        s_count[start_line] = old_s_count
        state.tight = old_tight
        state.push("list_item_close", "li", -1).markup = marker

        next_line = start_line = state.line
        item_lines[1] = next_line
        if next_line >= end_line:
            break
        if s_count[next_line] < state.blkIndent or state.is_code_block(next_line):
            break
        first = b_marks[next_line] + t_shift[next_line]
        terminators = chains.get(src[first], anywhere) if first < len(src) else anywhere
        if ends(terminators, state, next_line, end_line):
            break
        # Another kind of marker ends the list.
        if ordered:
            after_marker = skipOrderedListMarker(state, next_line)
            if after_marker < 0:
                break
        else:
            after_marker = skipBulletListMarker(state, next_line)
            if after_marker < 0:
                break
        if marker != src[after_marker - 1]:
            break

    if ordered:
        token = state.push("ordered_list_close", "ol", -1)
    else:
        token = state.push("bullet_list_close", "ul", -1)
    token.markup = marker
    list_lines[1] = next_line
    state.line = next_line
    state.parentType = old_parent
    if tight:
        _hide_paragraphs(state, list_index)
    return True


def ends(terminators: list[Rule], state: StateBlock, line: int, end: int) -> bool:
    """Whether one of the rules can start a block at ``line`` (ending the one before)."""
    # A loop, not any(...): this runs on most lines, and a generator costs more here.
    for rule in terminators:  # noqa: SIM110
        if rule(state, line, end, True):
            return True
    return False


def _hide_paragraphs(state: StateBlock, list_index: int) -> None:
    """markdown-it's ``markTightParagraphs``: a tight list's own paragraphs are hidden (their
    open and close tokens, two apart around the inline token)."""
    level = state.level + 2
    tokens = state.tokens
    index = list_index + 2
    last = len(tokens) - 2
    while index < last:
        token = tokens[index]
        if token.level == level and token.type == "paragraph_open":
            token.hidden = True
            tokens[index + 2].hidden = True
            index += 2
        index += 1
