"""markdown-it's block pass made cheaper for reading line ranges, with the same blocks.

The parser needs each block's kind and line range, not markdown-it's tokens for rendering.
Two costs of markdown-it-py 4's block pass are removed, without changing what it finds:

- **Tables.** markdown-it's table rule pushes a row, a cell and an inline token for every
  cell: on files with a few tables that is two in five of all the tokens of the pass. The
  parser reads rows from the table's source lines (``escaping.split_row``), so
  ``table_lines`` accepts exactly what markdown-it's rule does (the same header checks, the
  same end of the table, the same cap on cells filled in for short rows) and pushes
  ``table_open`` and ``table_close`` only.
- **Trying every rule on every block.** markdown-it tries its eleven block rules in turn at
  the start of each block, and most give up on the first character (a fence needs a
  backtick or tilde, a heading ``#``...). ``tokenize`` looks at that character once and
  tries only the rules that can start there, in markdown-it's order; the rules that look
  further (tables, indented code, setext headings, paragraphs) are always tried. Rules used
  to end a paragraph or a list are untouched.
- **Paragraphs.** markdown-it joins every paragraph's lines into an inline token the parser
  never reads, and tries every rule that can end a paragraph on each of its lines.
  ``paragraph_lines`` finds the same end trying only the rules that can start at the
  line's first character, and leaves the inline token empty.

Both are installed only for the markdown-it-py major version they were written against
(``install``); with any other, markdown-it's own pass runs. Tests compare the blocks found
both ways on generated documents.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable

import markdown_it
from markdown_it import MarkdownIt
from markdown_it.common.utils import mdTrim
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.rules_block.table import MAX_AUTOCOMPLETED_CELLS, escapedSplit

_ALIGN_CELL = re.compile(r"^:?-+:?$")
_DELIMITER_CHARS = frozenset("|-:")
_DELIMITER_ROW_CHARS = frozenset("|-: \t")


# The first characters a rule can start a block with; rules not listed can start anywhere.
_STARTS: dict[str, frozenset[str]] = {
    "fence": frozenset("`~"),
    "blockquote": frozenset(">"),
    "hr": frozenset("*-_"),
    "list": frozenset("*-+0123456789"),
    "reference": frozenset("["),
    "html_block": frozenset("<"),
    "heading": frozenset("#"),
}
# The chains markdown-it's table rule can end (it interrupts paragraphs and references).
_TABLE_ALT = ["paragraph", "reference"]
WRITTEN_FOR = "4."

Rule = Callable[[StateBlock, int, int, bool], bool]


def install(md: MarkdownIt) -> bool:
    """Install the table rule and the tokenizer on ``md`` when markdown-it-py is the major
    version they follow; returns whether they were installed."""
    if not markdown_it.__version__.startswith(WRITTEN_FOR):
        return False
    ruler = md.block.ruler
    ruler.at("table", table_lines, {"alt": list(_TABLE_ALT)})
    enders = [(r.name, r.fn) for r in ruler.__rules__ if r.enabled and "paragraph" in r.alt]
    ruler.at("paragraph", _paragraph_rule(*_by_first_character(enders)))
    # Rules as markdown-it orders them, with the replacements above.
    rules = [(rule.name, rule.fn) for rule in ruler.__rules__ if rule.enabled]
    md.block.tokenize = types.MethodType(_tokenizer(*_by_first_character(rules)), md.block)  # type: ignore[method-assign]
    return True


def _by_first_character(
    rules: list[tuple[str, Rule]],
) -> tuple[dict[str, list[Rule]], list[Rule]]:
    """The rules, in order, that can start at each character with a rule of its own, and
    those for any other character."""
    chains: dict[str, list[Rule]] = {}
    for char in set().union(*_STARTS.values()):
        chains[char] = [fn for name, fn in rules if char in _STARTS.get(name, char)]
    return chains, [fn for name, fn in rules if name not in _STARTS]


def _paragraph_rule(chains: dict[str, list[Rule]], anywhere: list[Rule]) -> Rule:
    """markdown-it-py 4's paragraph rule without the inline token, trying only the
    terminating rules that can start at a line's first character."""

    def paragraph_lines(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        line = start + 1
        end = state.lineMax
        src = state.src
        parent = state.parentType
        state.parentType = "paragraph"
        while line < end:
            position = state.bMarks[line] + state.tShift[line]
            if position >= state.eMarks[line]:
                break  # an empty line
            # Indented like code, or a blockquote's lazy line: a continuation either way.
            if state.sCount[line] - state.blkIndent > 3 or state.sCount[line] < 0:
                line += 1
                continue
            if _ends(chains.get(src[position], anywhere), state, line, end):
                break
            line += 1
        state.line = line
        opened = state.push("paragraph_open", "p", 1)
        opened.map = [start, line]
        # An empty inline token keeps the token layout lists rely on (a tight list hides
        # the paragraph's open and close tokens, two apart).
        state.push("inline", "", 0).map = [start, line]
        state.push("paragraph_close", "p", -1)
        state.parentType = parent
        return True

    return paragraph_lines


def _tokenizer(chains: dict[str, list[Rule]], anywhere: list[Rule]) -> Callable[..., None]:
    """markdown-it-py 4's ``ParserBlock.tokenize``, trying only the rules that can start a
    block at the line's first character."""

    def tokenize(self: object, state: StateBlock, start: int, end: int) -> None:
        line = start
        max_nesting = state.md.options.maxNesting
        has_empty_lines = False
        src = state.src
        while line < end:
            state.line = line = state.skipEmptyLines(line)
            if line >= end:
                break
            if state.sCount[line] < state.blkIndent:
                break  # the end of a nested call (blockquotes, lists)
            if state.level >= max_nesting:
                state.line = end  # nested too deep: markdown-it skips the rest
                break
            position = state.bMarks[line] + state.tShift[line]
            rules = chains.get(src[position], anywhere) if position < len(src) else anywhere
            for rule in rules:
                if rule(state, line, end, False):
                    if state.line <= line:
                        raise RuntimeError("block rule didn't increment state.line")
                    break
            else:
                raise RuntimeError("none of the block rules matched")
            state.tight = not has_empty_lines
            line = state.line
            if (line - 1) < end and state.isEmpty(line - 1):
                has_empty_lines = True
            if line < end and state.isEmpty(line):
                has_empty_lines = True
                line += 1
                state.line = line

    return tokenize


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _cell_count(text: str) -> int:
    """How many cells a trimmed row has: ``escapedSplit`` without its leading and trailing
    empty parts, counted without splitting when there is no backslash to honour."""
    if "\\" in text:
        cells = escapedSplit(text)
        if cells and cells[0] == "":
            cells.pop(0)
        if cells and cells[-1] == "":
            cells.pop()
        return len(cells)
    count = text.count("|") + 1
    if text.startswith("|"):
        count -= 1
    if count and text.endswith("|"):
        count -= 1
    return count


def _aligned_columns(text: str) -> int | None:
    """The number of columns of a delimiter row (``| --- | :-: |``), or None if it is not one."""
    parts = text.split("|")
    columns = 0
    for index, part in enumerate(parts):
        cell = mdTrim(part)
        if not cell:
            if index == 0 or index == len(parts) - 1:
                continue
            return None
        if not _ALIGN_CELL.search(cell):
            return None
        columns += 1
    return columns


def _ends(terminators: list[Rule], state: StateBlock, line: int, end: int) -> bool:
    # A loop, not any(...): this runs on most lines, and a generator costs more here.
    for rule in terminators:  # noqa: SIM110
        if rule(state, line, end, True):
            return True
    return False


def table_lines(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if start + 2 > end:
        return False
    delimiter = start + 1
    if state.sCount[delimiter] < state.blkIndent or state.is_code_block(delimiter):
        return False
    row = _line(state, delimiter)
    if len(row) < 2 or row[0] not in _DELIMITER_CHARS:
        return False
    if row[1] not in _DELIMITER_ROW_CHARS or (row[0] == "-" and row[1] in " \t"):
        return False
    if not _DELIMITER_ROW_CHARS.issuperset(row):
        return False
    columns = _aligned_columns(row)
    header = mdTrim(_line(state, start))
    if columns is None or "|" not in header or state.is_code_block(start):
        return False
    if columns == 0 or _cell_count(header) != columns:
        return False
    if silent:
        return True

    parent = state.parentType
    state.parentType = "table"
    # markdown-it ends a table where a blockquote would end.
    terminators = state.md.block.ruler.getRules("blockquote")
    opened = state.push("table_open", "table", 1)
    filled = 0
    line = start + 2
    while line < end:
        if state.sCount[line] < state.blkIndent:
            break
        if _ends(terminators, state, line, end):
            break
        text = mdTrim(_line(state, line))
        if not text or state.is_code_block(line):
            break
        filled += columns - _cell_count(text)
        if filled > MAX_AUTOCOMPLETED_CELLS:
            break
        line += 1
    opened.map = [start, line]
    state.push("table_close", "table", -1)
    state.parentType = parent
    state.line = line
    return True
