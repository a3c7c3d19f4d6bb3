"""Hypothesis strategies for process documents and hand-written markdown, shared by the tests.

``documents()`` draws valid ``ProcessDocument`` values: everything the markdown format can
carry, full of the text a process owner may type (pipes, backticks and fence runs, raw HTML,
leading markdown markers, ``javascript:`` links, backslashes, accents, CJK, emoji, Arabic and
Hebrew, very long lines). The few restrictions applied here are exactly the ones listed in
docs/format.md under "What the format cannot carry".

``markdown_texts()`` draws hand-written-ish markdown files assembled from hostile lines, with or
without front matter, for properties that must hold on any input.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import string
from functools import cache
from typing import Any

from column_names import ALL_COLUMN_NAMES, with_table_headers
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from kt_workbench.markdown.front_matter import KNOWN_KEYS, dump_yaml
from kt_workbench.markdown.readers import all_quoted
from kt_workbench.markdown.recognition import writable_as_bullets, writable_as_headings
from kt_workbench.markdown.vocabulary import (
    EDGE_CASE_LABELS,
    SECTION_HEADINGS,
    STEP_LABELS,
    TABLE_COLUMNS,
    section_for_heading,
)
from kt_workbench.model import (
    BODY_SECTIONS,
    EXTRA,
    SECTION_NAMES,
    STATUSES,
    AccessRight,
    Branch,
    Contact,
    DecisionTree,
    EdgeCase,
    ExtraSection,
    GlossaryEntry,
    Layout,
    Metric,
    Node,
    NodeKind,
    ProcessDocument,
    Script,
    SectionNote,
    Step,
)
from kt_workbench.model.layout import canonical_order

WORDS = (
    "refund",
    "Stripe",
    "Zendesk admin",
    "café crème",
    "naïve façade",
    "Ærøskøbing",
    "中文步骤",
    "日本語の手順",
    "한국어",
    "😀",
    "👩‍💻",
    "🇬🇧",
    "مرحبا بك في الدعم",
    "שלום עולם",
    "\u200fRTL",
    "\u202eevil",
    "Ωμέγα",
    "{first_name}",
    "1400",
    "x",
)

HOSTILE = (
    "|",
    "\\|",
    "\\\\|",
    "||",
    "`",
    "``",
    "```",
    "````",
    "~~~",
    "```python",
    "#",
    "##",
    "###",
    "#hash",
    "- ",
    "-",
    "> ",
    ">",
    "1. ",
    "1.",
    "2) ",
    "+ ",
    "* ",
    "=",
    "===",
    "---",
    "***",
    "___",
    "|---|",
    "| a | b |",
    ":-:",
    "<div>",
    "</div>",
    "<script>alert(1)</script>",
    "<script>",
    "<pre>",
    "<!--",
    "-->",
    "<?php",
    "<!DOCTYPE html>",
    "<![CDATA[",
    "<a href='javascript:alert(1)'>x</a>",
    "[click](javascript:alert(1))",
    "javascript:alert(document.cookie)",
    "<https://example.com>",
    "**",
    "__",
    "_",
    "*",
    "\\",
    "\\\\",
    "\\#",
    "\\-",
    "\\```",
    "[",
    "]",
    "[k]",
    "[k]:",
    "[^1]",
    "![img](x.png)",
    "&amp;",
    "&#x2192;",
    "→",
    "->",
    "Outcome:",
    "goto [k]",
    "Role:",
    "- Role:",
    "System:",
    "Done when:",
    "When:",
    "Handle:",
    "Escalate to:",
    "**Role**:",
    "_When_:",
    "mermaid",
    "\t",
    "  ",
    "    ",
)

LINE_STARTS = (
    "",
    "# ",
    "## ",
    "### ",
    "#### ",
    "#",
    "- ",
    "* ",
    "+ ",
    "-",
    "1. ",
    "1) ",
    "12. ",
    "> ",
    "> > ",
    ">",
    "===",
    "---",
    "- - -",
    "***",
    "|",
    "| a | b |",
    "|---|---|",
    "| --- |",
    "```",
    "````",
    "~~~",
    "```mermaid",
    "<div>",
    "</div>",
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<?",
    "?>",
    "<!X",
    "<![CDATA[",
    "]]>",
    "[ref]: https://example.com",
    "[x](javascript:alert(1))",
    "- Role: ",
    "- **System**: ",
    "- _Done when_: ",
    "* When: ",
    "- Handle: ",
    "+ Escalate to: ",
    "- Yes → ",
    "- No -> goto [k]",
    "- [k] Outcome: ",
    "Outcome: ",
    "\\",
    "\\\\",
    "\\#",
    "\\- ",
    "\\```",
    "\\<!--",
    "\\1. ",
    "1\\. ",
)

# Any character a text file can hold, except the line breaks the reader normalises to "\n"
# (and NUL, which marks a binary file).
_TEXT_ALPHABET = st.characters(codec="utf-8", exclude_characters="\n\r\x00")
_ANY_ALPHABET = st.characters(codec="utf-8")
_markdown = MarkdownIt("commonmark").enable("table")
# Deep enough to see text nested past the format's limit (docs/format.md), shallow enough to
# stay clear of Python's recursion limit.
_deep_markdown = MarkdownIt("commonmark", {"maxNesting": 60}).disable("inline")
MAX_NESTING = 40
# Lines opening with fewer container markers than this cannot nest that deep (a line's
# indentation, at most five columns here, reaches into two or three containers above it).
_MARKER_RUN = re.compile(r"^[ \t]*(?:(?:[-+*>]|\d{1,9}[.)])[ \t]*){10}", re.M)


def _pieces(alphabet: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    random_text = st.text(alphabet=alphabet, min_size=1, max_size=6)
    hostile = st.sampled_from(HOSTILE)
    return st.one_of(st.sampled_from(WORDS), hostile, hostile, random_text)


def _joined(pieces: st.SearchStrategy[str], max_size: int) -> st.SearchStrategy[str]:
    return st.tuples(st.lists(pieces, max_size=max_size), st.sampled_from(("", " "))).map(
        lambda parts_and_joiner: parts_and_joiner[1].join(parts_and_joiner[0])
    )


def _long(pieces: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A line of a thousand characters or more: one piece repeated."""
    piece = pieces.filter(lambda text: len(text.strip()) >= 2)
    return st.builds(lambda text: text * (1000 // len(text) + 1), piece)


@cache
def free_text() -> st.SearchStrategy[str]:
    """A run of words, hostile fragments and random characters on one line (not stripped)."""
    pieces = _pieces(_TEXT_ALPHABET)
    long, short = _long(pieces), _joined(pieces, 4)
    # About one text in forty is a very long line: enough to meet some in every document
    # without making every document huge.
    is_long = st.sampled_from((True, *(False,) * 39))
    return is_long.flatmap(lambda wanted: long if wanted else short)


@cache
def single_line(*, allow_empty: bool = True) -> st.SearchStrategy[str]:
    """A single-line field: no newline, no leading or trailing whitespace."""
    text = free_text().map(str.strip)
    return st.one_of(st.just(""), text) if allow_empty else text.filter(bool)


@cache
def block_line() -> st.SearchStrategy[str]:
    """One line of a block field: indentation, backslashes, a structural start and some text."""
    return st.builds(
        lambda indent, start, tail: indent + start + tail,
        st.sampled_from(("", "", "", " ", "  ", "   ", "    ", "     ", "\t", " \t")),
        st.sampled_from(LINE_STARTS),
        free_text(),
    )


def canonical_block(lines: list[str]) -> str:
    """A block field as the reader leaves it (docs/format.md, "Text fields")."""
    tidy = [_expand_leading_tabs(line) if line.strip(" \t") else "" for line in lines]
    while tidy and not tidy[0]:
        tidy.pop(0)
    if tidy:
        tidy[0] = tidy[0].lstrip(" ")
    return "\n".join(tidy).rstrip(" \t\n")


def _expand_leading_tabs(line: str) -> str:
    body = line.lstrip(" \t")
    return line[: len(line) - len(body)].expandtabs(4) + body


def shallow(text: str) -> bool:
    """Whether lists and quotes in the text nest less deep than the format carries.

    Each line is checked on its own too: escaping an open fence above a line can bring it
    out of the code block.
    """
    if not _MARKER_RUN.search(text):
        return True
    return all(
        token.level < MAX_NESTING
        for part in (text, *text.split("\n"))
        for token in _deep_markdown.parse(part)
    )


@cache
def block_text(*, allow_empty: bool = True, max_lines: int = 4) -> st.SearchStrategy[str]:
    """A block field (purpose, details, notes...): paragraphs and structure, tidied."""
    line = st.one_of(st.just(""), block_line(), block_line(), single_line())
    text = st.lists(line, max_size=max_lines).map(canonical_block).filter(shallow)
    return text if allow_empty else text.filter(bool)


@cache
def _slug() -> st.SearchStrategy[str]:
    part = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=8)
    return st.lists(part, min_size=1, max_size=4).map("-".join)


# --- decision trees ---------------------------------------------------------------------------

KEYS = ("start", "pending", "refund", "bank", "wait", "x y", "Ünï", "中", "1", "loop")


@cache
def _key() -> st.SearchStrategy[str]:
    free = single_line(allow_empty=False).filter(lambda k: "[" not in k and "]" not in k)
    return st.one_of(st.just(""), st.just(""), st.sampled_from(KEYS), free)


@cache
def _question_text() -> st.SearchStrategy[str]:
    worded_like_syntax = st.sampled_from(
        ("Outcome: refund?", "outcome : x", "goto [start]", "GOTO [nowhere]", "[k] keyed?")
    )
    return st.one_of(single_line(), worded_like_syntax)


@cache
def _answer() -> st.SearchStrategy[str]:
    return single_line().filter(lambda text: "→" not in text and "->" not in text)


@cache
def _node(depth: int) -> st.SearchStrategy[Node]:
    branches = st.lists(_branch(depth + 1), max_size=3).map(tuple) if depth < 3 else st.just(())
    question = st.builds(Node, st.just(NodeKind.QUESTION), _question_text(), _key(), branches)
    outcome = st.builds(
        Node, st.just(NodeKind.OUTCOME), single_line(), _key(), st.just(()) | branches
    )
    return st.one_of(question, outcome)


@cache
def _branch(depth: int) -> st.SearchStrategy[Branch]:
    dangling = single_line().filter(lambda k: "[" not in k and "]" not in k)
    goto = st.one_of(st.sampled_from(KEYS), dangling)
    return st.one_of(
        st.builds(Branch, _answer()),
        st.builds(lambda answer, key: Branch(answer, goto=key), _answer(), goto),
        st.deferred(lambda: st.builds(Branch, _answer(), _node(depth))),
    )


@cache
def decision_trees() -> st.SearchStrategy[DecisionTree]:
    return st.lists(_node(0), max_size=3).map(lambda items: DecisionTree(tuple(items)))


# --- sections ---------------------------------------------------------------------------------


def _first_block_is_paragraph(text: str) -> bool:
    tokens = _markdown.parse(text)
    return bool(tokens) and tokens[0].type == "paragraph_open" and (tokens[0].map or [1])[0] == 0


def _representable_step(step: Step) -> bool:
    if step.text or step.role or step.system or step.done_when or not step.details:
        return True
    return not _first_block_is_paragraph(step.details)


@cache
def steps() -> st.SearchStrategy[Step]:
    return st.builds(
        Step, single_line(), single_line(), single_line(), single_line(), block_text()
    ).filter(_representable_step)


@cache
def _rows(row_type: type, fields: int) -> st.SearchStrategy[tuple[Any, ...]]:
    row = st.builds(lambda cells: row_type(*cells), st.tuples(*[single_line()] * fields))
    return st.lists(row, max_size=2).map(tuple)


@cache
def _notes() -> st.SearchStrategy[tuple[SectionNote, ...]]:
    note = st.builds(SectionNote, st.sampled_from(SECTION_NAMES), block_text(allow_empty=False))
    notes = st.lists(note, max_size=3, unique_by=lambda n: n.section)
    return notes.map(
        lambda found: tuple(sorted(found, key=lambda n: SECTION_NAMES.index(n.section)))
    )


_SYNONYMS = tuple(name for names in SECTION_HEADINGS.values() for name in names)


@cache
def _extra_sections() -> st.SearchStrategy[tuple[ExtraSection, ...]]:
    heading = st.one_of(single_line(), st.sampled_from(_SYNONYMS), st.just("Purpose!"))
    return st.lists(st.builds(ExtraSection, heading, block_text()), max_size=2).map(tuple)


_YAML_SCALAR = st.one_of(
    single_line(),
    free_text(),
    st.lists(free_text(), max_size=3).map("\n".join),
    st.lists(free_text(), max_size=3).map(lambda lines: "\n".join(lines) + "\n"),
    st.integers(-(10**12), 10**12),
    st.booleans(),
    st.none(),
    st.dates(),
    st.sampled_from(("yes", "no", "null", "~", "1.5", "2026-09-14", "'quoted'", "a: b", "#x")),
)
_YAML_VALUE = st.one_of(
    _YAML_SCALAR,
    st.lists(single_line(allow_empty=False), max_size=3),
    st.dictionaries(st.sampled_from(("a", "b", "c d")), _YAML_SCALAR, max_size=2),
)
_EXTRA_KEYS = ("x-reviewer", "sla_hours", "related", "Ünïcode key", "notes", "Title", "id2", "1")


@cache
def extra_front_matter() -> st.SearchStrategy[str]:
    keys = st.sampled_from(_EXTRA_KEYS).filter(lambda k: k not in KNOWN_KEYS)
    mapping = st.dictionaries(keys, _YAML_VALUE, max_size=3)
    return mapping.map(lambda data: dump_yaml(data) if data else "")


@cache
def documents() -> st.SearchStrategy[ProcessDocument]:
    """Valid process documents, as the reader would produce them from their own export:
    sections in any order, notes between steps and around the tree and tables, and the
    other forms a file may give its structure (tables under headers of their own too)."""
    return canonical_documents().flatmap(_laid_out).flatmap(with_table_headers)


_SPREAD_NOTES = ("procedure", "decision_tree", "access_rights", "metrics", "contacts", "glossary")


def _items(document: ProcessDocument, section: str) -> int:
    if section == "procedure":
        return len(document.steps)
    if section == "decision_tree":
        return 1 if document.decision_tree else 0
    return 1 if getattr(document, section, ()) else 0


@st.composite
def _laid_out(draw: st.DrawFn, document: ProcessDocument) -> ProcessDocument:
    notes = []
    for note in document.notes:
        items = _items(document, note.section) if note.section in _SPREAD_NOTES else 0
        spots = draw(st.lists(st.integers(0, items), min_size=1, max_size=3, unique=True))
        texts = [note.text] + [draw(block_text(allow_empty=False)) for _ in spots[1:]]
        notes.extend(
            SectionNote(note.section, text, after)
            for text, after in zip(texts, sorted(spots), strict=True)
        )
    document = dataclasses.replace(document, notes=tuple(notes))
    filled = document.filled_sections()
    order = draw(st.permutations([*filled, *[EXTRA] * len(document.extra_sections)]))
    # An unknown section named like a known one must come after that section when it has
    # content: written before it, it would be read as that section.
    seen: set[str] = set()
    extras = iter(document.extra_sections)
    for name in order:
        if name == EXTRA:
            known = section_for_heading(next(extras).heading)
            if known in filled and known not in seen:
                order = [*filled, *[EXTRA] * len(document.extra_sections)]
                break
        seen.add(name)
    if order == canonical_order(filled, BODY_SECTIONS, len(document.extra_sections)):
        order = []
    spread = any(n.section == "procedure" and n.after for n in notes)
    headings = bool(document.steps) and not spread and draw(st.booleans())
    glossary_style = draw(st.sampled_from(("table", "bullets", "headings")))
    glossary_bullet = draw(st.sampled_from(("**{term}**: ", "**{term}:** ", "**{term}** - ")))
    text_after = any(n.section == "glossary" and n.after for n in notes)
    if glossary_style == "headings":
        if not writable_as_headings(document.glossary, text_after):
            glossary_style = "table"
    elif not writable_as_bullets(document.glossary, glossary_bullet):
        glossary_style, glossary_bullet = "table", "**{term}**: "
    if glossary_style != "bullets":
        glossary_bullet = "**{term}**: "
    plain = tuple(
        index
        for index, script in enumerate(document.scripts)
        if script.body and not all_quoted(script.body) and draw(st.booleans())
    )
    layout = Layout(
        sections=tuple(order),
        step_style="headings" if headings else "list",
        glossary_style=glossary_style,
        glossary_bullet=glossary_bullet,
        plain_scripts=plain,
    )
    return dataclasses.replace(document, layout=layout)


@cache
def canonical_documents() -> st.SearchStrategy[ProcessDocument]:
    """Valid process documents in the canonical layout, notes before each structure."""
    words = st.lists(single_line(allow_empty=False), max_size=3).map(tuple)
    counts = st.none() | st.integers(0, 10**9)
    return st.builds(
        ProcessDocument,
        id=_slug().filter(lambda slug: len(slug) <= 120),
        title=single_line(allow_empty=False),
        owner=single_line(),
        team=single_line(),
        status=st.sampled_from(STATUSES),
        channels=words,
        volume_per_month=counts,
        last_reviewed=st.none() | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
        review_every_days=counts,
        tags=words,
        extra_front_matter=extra_front_matter(),
        purpose=block_text(),
        scope=block_text(),
        steps=st.lists(steps(), max_size=3).map(tuple),
        scripts=st.lists(st.builds(Script, single_line(), block_text()), max_size=2).map(tuple),
        decision_tree=decision_trees(),
        access_rights=_rows(AccessRight, len(TABLE_COLUMNS["access_rights"])),
        edge_cases=st.lists(
            st.builds(
                EdgeCase, single_line(), single_line(), single_line(), single_line(), block_text()
            ),
            max_size=2,
        ).map(tuple),
        metrics=_rows(Metric, len(TABLE_COLUMNS["metrics"])),
        contacts=_rows(Contact, len(TABLE_COLUMNS["contacts"])),
        glossary=_rows(GlossaryEntry, len(TABLE_COLUMNS["glossary"])),
        notes=_notes(),
        extra_sections=_extra_sections(),
    )


# --- hand-written markdown --------------------------------------------------------------------

_LABELS = tuple(
    name for table in (STEP_LABELS, EDGE_CASE_LABELS) for names in table.values() for name in names
)
_COLUMNS = ALL_COLUMN_NAMES
_FRONT_MATTER_LINES = (
    "id: refund-duplicate-charge",
    "id: Not A Valid Id",
    "id:",
    "title: Refund a duplicate charge",
    "title:",
    'title: "Quoted: title"',
    "title: 2024",
    "owner: Priya Natarajan",
    "team: [a, b]",
    "status: approved",
    "status: in-review",
    "status: done",
    "channels: [phone, email]",
    "channels: phone, chat",
    "channels: 3",
    "volume_per_month: 1400",
    "volume_per_month: lots",
    "volume_per_month: -1",
    "last_reviewed: 2026-09-14",
    "last_reviewed: 14/09/2026",
    "review_every_days: 90",
    "tags: [billing, refunds]",
    "x-custom: keep me",
    "nested:\n  inner: 1\n  list: [a, b]",
    "bad: [unclosed",
    "\tindented: tab",
    "- a list",
    "key: value # comment",
)


def _case(text: str) -> st.SearchStrategy[str]:
    return st.sampled_from((text, text.lower(), text.upper(), text.title(), f"{text}:"))


def _handwritten_line() -> st.SearchStrategy[str]:
    text = _joined(_pieces(_ANY_ALPHABET), 4)
    heading = st.builds(
        lambda marks, name: f"{marks} {name}",
        st.sampled_from(("#", "##", "##", "###", " ##", "##   ")),
        st.one_of(st.sampled_from(_SYNONYMS).flatmap(_case), text),
    )
    label = st.builds(
        lambda indent, marker, name, value: f"{indent}{marker} {name}: {value}",
        st.sampled_from(("", "   ", "  ", "    ")),
        st.sampled_from(("-", "*", "+", "1.")),
        st.sampled_from(_LABELS).flatmap(_case),
        text,
    )
    tree = st.builds(
        lambda indent, answer, arrow, target: f"{indent}- {answer} {arrow} {target}",
        st.sampled_from(("", "  ", "    ", "      ")),
        text,
        st.sampled_from(("→", "->", "")),
        st.one_of(
            st.builds(lambda k, t: f"[{k}] {t}", st.sampled_from(KEYS), text),
            st.builds(lambda k: f"goto [{k}]", st.sampled_from(KEYS)),
            st.builds(lambda t: f"Outcome: {t}", text),
            text,
        ),
    )
    row = st.lists(st.one_of(st.sampled_from(_COLUMNS), text), min_size=1, max_size=5).map(
        lambda cells: "| " + " | ".join(cells) + " |"
    )
    numbered = st.builds(lambda n, t: f"{n}. {t}", st.integers(1, 12), text)
    return st.one_of(
        st.just(""),
        st.just(""),
        heading,
        label,
        tree,
        row,
        st.just("|---|---|---|---|---|"),
        st.just("| :-- | --: | :-: |"),
        numbered,
        block_line(),
        text,
    )


@st.composite
def markdown_texts(draw: st.DrawFn) -> str:
    """A markdown file as someone might write it by hand, hostile lines included."""
    parts: list[str] = []
    if draw(st.booleans()):
        front = draw(st.lists(st.sampled_from(_FRONT_MATTER_LINES), max_size=6))
        parts.extend(["---", *front, draw(st.sampled_from(("---", "...", "---")))])
    if draw(st.booleans()):
        parts.append("# " + draw(single_line(allow_empty=False)))
    parts.extend(draw(st.lists(_handwritten_line(), max_size=30)))
    newline = draw(st.sampled_from(("\n", "\n", "\r\n", "\r")))
    text = newline.join(parts)
    if draw(st.booleans()):
        text += "\n"
    if draw(st.integers(0, 9)) == 0:
        text = "\ufeff" + text
    return text
