"""markdown-it's block pass made cheaper for reading line ranges, with the same blocks.

The parser needs each block's kind and line range, not markdown-it's tokens for rendering.
These costs of markdown-it-py 4's block pass are removed, without changing what it finds:

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
  further (tables, indented code, setext headings, paragraphs) are always tried.
- **Paragraphs.** markdown-it joins every paragraph's lines into an inline token the parser
  never reads, and tries every rule that can end a paragraph on each of its lines.
  ``paragraph_lines`` finds the same end trying only the rules that can start at the
  line's first character, and leaves the inline token empty.
- **Setext headings.** markdown-it's ``lheading`` reads every paragraph's lines looking
  for an underline, then gives up for the paragraph rule to read them again;
  ``setext_or_paragraph`` reads them once and makes whichever block it finds.
- **Lists** (a third of the pass on process files, where every step and every label is a
  list item): ``block_lists.list_rule`` is markdown-it's list rule without its debug
  logging, ending a list with only the rules that can start at the next line's first
  character (the same first-character chains as paragraphs).
- **One-line rules** (``block_leaves``): ATX headings, thematic breaks and indented code,
  tried far more often than they match, without markdown-it's per-call logging.
- **Line markers and tokens** (``block_state``): the markers of every line found a list at a
  time, and tokens built in one step.

Everything the parser reads is markdown-it's own: token types, nesting, line ranges,
markers, info and attributes (an ordered list's start), even the hidden paragraphs of a
tight list; only inline tokens are left empty. All are installed only for the markdown-it-py
major version they were written against (``install``); with any other, markdown-it's own
pass runs. Tests compare the tokens found both ways on generated documents, lists above all
(nesting, both kinds, tight and loose, lazy lines, interruptions, empty items, start
numbers, code and quotes in items, tabs).

On the import benchmark's 2,000 generated files this pass takes 0.94 CPU seconds against
1.25 for the version with only the table, tokenizer and paragraph changes, and 2.11 for
markdown-it's own (see docs/performance.md, "Import").
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable

import markdown_it
from markdown_it import MarkdownIt
from markdown_it.common.utils import mdTrim
from markdown_it.parser_block import ParserBlock
from markdown_it.ruler import Ruler
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.rules_block.table import MAX_AUTOCOMPLETED_CELLS, escapedSplit
from markdown_it.token import Token
from markdown_it.utils import EnvType

from kt_workbench.markdown.block_leaves import break_line, code_rule, heading_line
from kt_workbench.markdown.block_lists import Rule, ends, list_rule
from kt_workbench.markdown.block_state import BlockState

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
WRITTEN_FOR = "4."


def install(md: MarkdownIt) -> bool:
    """Install the cheaper rules and the tokenizer on ``md`` when markdown-it-py is the major
    version they follow; returns whether they were installed."""
    if not markdown_it.__version__.startswith(WRITTEN_FOR):
        return False
    ruler = md.block.ruler
    _replace(ruler, "table", table_lines)
    _replace(ruler, "code", code_rule(_rule(ruler, "code")))
    _replace(ruler, "hr", break_line)
    _replace(ruler, "heading", heading_line)
    # Rules that end lists and paragraphs are chosen once those they can be are in place.
    _replace(ruler, "list", list_rule(*_by_first_character(_ending(ruler, "list"))))
    paragraph_enders = _by_first_character(_ending(ruler, "paragraph"))
    paragraph = _paragraph_rule(*paragraph_enders)
    _replace(ruler, "paragraph", paragraph)
    _replace(ruler, "lheading", _setext_or_paragraph_rule(*paragraph_enders, paragraph))
    # Rules as markdown-it orders them, with the replacements above.
    rules = [(rule.name, rule.fn) for rule in ruler.__rules__ if rule.enabled]
    md.block.tokenize = types.MethodType(_tokenizer(*_by_first_character(rules)), md.block)  # type: ignore[method-assign]
    md.block.parse = types.MethodType(_parse, md.block)  # type: ignore[method-assign]
    return True


def _parse(
    self: ParserBlock, src: str, md: MarkdownIt, env: EnvType, tokens: list[Token]
) -> list[Token] | None:
    """markdown-it-py 4's ``ParserBlock.parse`` on a ``BlockState``."""
    if not src:
        return None
    state = BlockState(src, md, env, tokens)
    self.tokenize(state, state.line, state.lineMax)
    return state.tokens


def _rule(ruler: Ruler[Rule], name: str) -> Rule:
    return next(rule.fn for rule in ruler.__rules__ if rule.name == name)


def _replace(ruler: Ruler[Rule], name: str, fn: Rule) -> None:
    """Replace a rule, keeping the chains it can end."""
    alt = next(rule.alt for rule in ruler.__rules__ if rule.name == name)
    ruler.at(name, fn, {"alt": list(alt)})


def _ending(ruler: Ruler[Rule], chain: str) -> list[tuple[str, Rule]]:
    """The enabled rules that can end a ``chain`` block (a paragraph, a list), in order."""
    return [(rule.name, rule.fn) for rule in ruler.__rules__ if rule.enabled and chain in rule.alt]


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
    """markdown-it-py 4's paragraph rule without the inline token's text, trying only the
    terminating rules that can start at a line's first character."""

    def paragraph_lines(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        parent = state.parentType
        state.parentType = "paragraph"
        line = _paragraph_end(state, start, state.lineMax, chains, anywhere)[0]
        _push_paragraph(state, start, line)
        state.parentType = parent
        return True

    return paragraph_lines


def _setext_or_paragraph_rule(
    chains: dict[str, list[Rule]], anywhere: list[Rule], paragraph: Rule
) -> Rule:
    """markdown-it-py 4's setext heading rule (``lheading``) and the paragraph rule that
    follows it, in one pass over the lines.

    ``lheading`` reads a paragraph's lines looking for an underline and, finding none, gives
    up for the paragraph rule to read them again; it always runs just before the paragraph
    rule, and its lines end where the paragraph's do when it may read as far (the end of the
    text). So one pass finds the heading or the paragraph. Like ``lheading``, a paragraph
    leaves the parent type ``paragraph`` behind (lists read it to tell whether they interrupt
    a paragraph).
    """

    def setext_or_paragraph(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if state.is_code_block(start):
            # lheading declines without touching the parent type; the paragraph rule reads it.
            return paragraph(state, start, end, silent)
        parent = state.parentType
        state.parentType = "paragraph"
        line, marker = _paragraph_end(state, start, end, chains, anywhere, setext=True)
        if marker:
            state.line = line + 1
            tag = "h1" if marker == "=" else "h2"
            opened = state.push("heading_open", tag, 1)
            opened.markup = marker
            opened.map = [start, state.line]
            inline = state.push("inline", "", 0)
            inline.map = [start, line]
            inline.children = []
            state.push("heading_close", tag, -1).markup = marker
            state.parentType = parent
            return True
        if end < state.lineMax:
            # The paragraph may read past the end lheading stopped at (a blockquote's).
            line = _paragraph_end(state, start, state.lineMax, chains, anywhere)[0]
        _push_paragraph(state, start, line)
        return True

    return setext_or_paragraph


def _paragraph_end(
    state: StateBlock,
    start: int,
    end: int,
    chains: dict[str, list[Rule]],
    anywhere: list[Rule],
    setext: bool = False,
) -> tuple[int, str]:
    """The line after a paragraph starting at ``start``, as markdown-it's paragraph rule
    finds it (with the parent type already ``paragraph``); with ``setext``, where
    ``lheading`` stops instead, with the underline's character if it stopped at one."""
    line = start + 1
    src = state.src
    b_marks, e_marks, t_shift, s_count = state.bMarks, state.eMarks, state.tShift, state.sCount
    indent = state.blkIndent
    while line < end:
        position = b_marks[line] + t_shift[line]
        maximum = e_marks[line]
        if position >= maximum:
            break  # an empty line
        count = s_count[line]
        if count - indent > 3:
            line += 1  # indented like code: a continuation after a paragraph's first line
            continue
        char = src[position]
        # An underline: "=" or "-" repeated, then nothing but spaces and tabs.
        underline = setext and (char == "=" or char == "-") and count >= indent
        if underline and not src[position:maximum].lstrip(char).strip(" \t"):
            return line, char
        if count < 0:
            line += 1  # a blockquote's lazy line, checked by the blockquote rule
            continue
        if ends(chains.get(char, anywhere), state, line, end):
            break
        line += 1
    return line, ""


def _push_paragraph(state: StateBlock, start: int, end: int) -> None:
    state.line = end
    state.push("paragraph_open", "p", 1).map = [start, end]
    # An empty inline token keeps the token layout lists rely on (a tight list hides the
    # paragraph's open and close tokens, two apart).
    state.push("inline", "", 0).map = [start, end]
    state.push("paragraph_close", "p", -1)


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


def table_lines(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if start + 2 > end:
        return False
    delimiter = start + 1
    first = state.bMarks[delimiter] + state.tShift[delimiter]
    # Most lines are not followed by a delimiter row: its first two characters tell (a list
    # item's "- " is not one).
    if first + 1 >= state.eMarks[delimiter]:
        return False
    lead, second = state.src[first], state.src[first + 1]
    if lead not in _DELIMITER_CHARS or second not in _DELIMITER_ROW_CHARS:
        return False
    if lead == "-" and second in " \t":
        return False
    if state.sCount[delimiter] < state.blkIndent or state.is_code_block(delimiter):
        return False
    row = _line(state, delimiter)
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
        if ends(terminators, state, line, end):
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
