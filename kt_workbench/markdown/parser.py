"""Markdown to ``ProcessDocument``: the format described in docs/format.md."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from kt_workbench.errors import InputError
from kt_workbench.markdown import section_rules
from kt_workbench.markdown.blocks import (
    Block,
    first_paragraph,
    list_items,
    table_rows,
    tidy_block,
    top_level_blocks,
)
from kt_workbench.markdown.escaping import (
    LinePattern,
    split_row,
    unescape_block,
    unescape_heading_text,
    unescape_line_start,
)
from kt_workbench.markdown.front_matter import split_front_matter
from kt_workbench.markdown.tree_syntax import first_bullet_list, parse_tree
from kt_workbench.markdown.vocabulary import (
    EDGE_CASE_LABELS,
    STEP_LABELS,
    column_keys,
    label_key,
    label_matcher,
    section_for_heading,
)
from kt_workbench.model import (
    AccessRight,
    Contact,
    DecisionTree,
    EdgeCase,
    ExtraSection,
    GlossaryEntry,
    Metric,
    ProcessDocument,
    Script,
    SectionNote,
    Step,
    slugify,
)

_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)")
_CLOSING = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}> ?")
_STEP_LABEL = label_matcher(STEP_LABELS)
_EDGE_LABEL = label_matcher(EDGE_CASE_LABELS)
_TABLE_TYPES: dict[str, type] = {
    "access_rights": AccessRight,
    "metrics": Metric,
    "contacts": Contact,
    "glossary": GlossaryEntry,
}
Row = TypeVar("Row")


@dataclass(frozen=True)
class _Section:
    name: str | None
    heading: str
    lines: list[str]


def parse_document(text: str, source: str = "<string>") -> ProcessDocument:
    """Read one process from markdown. Raises ``InputError`` (with file and line) on bad input."""
    text = _normalise(text, source)
    front, body = split_front_matter(text, source)
    lines = body.split("\n")
    blocks = top_level_blocks(body)
    sections_start = next(
        (b.start for b in blocks if b.kind == "heading" and b.heading_level == 2), len(lines)
    )
    h1 = next(
        (b for b in blocks if b.kind == "heading" and b.heading_level == 1 and b.start < sections_start),
        None,
    )
    fields: dict[str, Any] = dict(front.fields)
    if front.extra:
        fields["extra_front_matter"] = front.extra
    preamble_lines = lines[:sections_start]
    if h1 is not None:
        heading = heading_text(lines, h1)
        if not fields.get("title"):
            fields["title"] = heading
        if heading == fields["title"]:
            del preamble_lines[h1.start : h1.end]
    if not fields.get("title"):
        raise InputError(
            source, 1, "no title: add 'title:' to the front matter or a '# Title' line"
        )
    fields.setdefault("id", _derive_id(fields["title"]))
    notes: list[SectionNote] = []
    _add_note(notes, "overview", preamble_lines, section_rules.TOP_LEVEL)
    extras: list[ExtraSection] = []
    seen: set[str] = set()
    for section in _sections(lines, blocks):
        if section.name is None or section.name in seen:
            body_text = unescape_block(tidy_block("\n".join(section.lines)), section_rules.TOP_LEVEL)
            extras.append(ExtraSection(section.heading, body_text))
            continue
        seen.add(section.name)
        _READERS[section.name](section.lines, fields, notes)
    return ProcessDocument(**fields, notes=tuple(notes), extra_sections=tuple(extras))


def _normalise(text: str, source: str) -> str:
    if "\x00" in text:
        raise InputError(source, None, "binary file, not a markdown document")
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _derive_id(title: str) -> str:
    slug = slugify(title)
    if slug:
        return slug
    return "process-" + hashlib.sha256(title.encode()).hexdigest()[:10]


def heading_text(lines: list[str], block: Block) -> str:
    first = lines[block.start]
    if _ATX.match(first):
        content = _ATX.sub("", first, count=1).strip()
        content = _CLOSING.sub("", content)
    else:  # setext: the underline is the block's last line
        content = " ".join(line.strip() for line in lines[block.start : block.end - 1])
    return unescape_heading_text(content.strip())


def _sections(lines: list[str], blocks: list[Block]) -> list[_Section]:
    h2s = [b for b in blocks if b.kind == "heading" and b.heading_level == 2]
    sections: list[_Section] = []
    for index, heading in enumerate(h2s):
        end = h2s[index + 1].start if index + 1 < len(h2s) else len(lines)
        title = heading_text(lines, heading)
        sections.append(_Section(section_for_heading(title), title, lines[heading.end : end]))
    return sections


def _remaining(lines: list[str], taken: Sequence[tuple[int, int]]) -> str:
    """The section's text outside the structured blocks, blank-line runs collapsed where cut."""
    kept: list[str] = []
    for index, line in enumerate(lines):
        if any(start <= index < end for start, end in taken):
            if kept and kept[-1] != "":
                kept.append("")
            continue
        if line.strip() == "" and kept and kept[-1] == "":
            continue
        kept.append(line)
    return tidy_block("\n".join(kept))


def _add_note(
    notes: list[SectionNote], section: str, lines: list[str], rules: tuple[LinePattern, ...]
) -> None:
    text = unescape_block(tidy_block("\n".join(lines)), rules)
    if text:
        notes.append(SectionNote(section, text))


def _note_outside(
    notes: list[SectionNote], section: str, lines: list[str], taken: Sequence[tuple[int, int]]
) -> None:
    text = unescape_block(_remaining(lines, taken), section_rules.NOTE_RULES[section])
    if text:
        notes.append(SectionNote(section, text))


# --- section readers ----------------------------------------------------------------------------

Reader = Callable[[list[str], dict[str, Any], list[SectionNote]], None]


def _read_block_field(name: str) -> Reader:
    def read(lines: list[str], fields: dict[str, Any], notes: list[SectionNote]) -> None:
        fields[name] = unescape_block(tidy_block("\n".join(lines)), section_rules.TOP_LEVEL)

    return read


def _labelled(
    content: str, matcher: re.Pattern[str], labels: dict[str, tuple[str, ...]]
) -> tuple[dict[str, str], str]:
    """Pull ``- Label: value`` bullets out of an item's content; the rest stays as details."""
    values: dict[str, str] = {}
    lines = content.split("\n")
    blocks = top_level_blocks(content)
    bullets = first_bullet_list(blocks)
    taken: list[tuple[int, int]] = []
    if bullets is not None:
        for item in list_items(lines, bullets):
            head, rest = first_paragraph(item.content)
            match = matcher.match(head)
            if match is None:
                continue
            key = label_key(labels, match["label"])
            if key in values:
                continue
            values[key] = match["value"].strip()
            taken.append((item.start, item.end))
            if rest:  # content nested under a label bullet is kept as details
                lines.extend(["", rest])
    return values, _remaining(lines, taken)


def _read_procedure(lines: list[str], fields: dict[str, Any], notes: list[SectionNote]) -> None:
    text = "\n".join(lines)
    steps_block = next((b for b in top_level_blocks(text) if b.kind == "ordered_list"), None)
    if steps_block is None:
        _note_outside(notes, "procedure", lines, ())
        return
    steps = []
    for item in list_items(lines, steps_block):
        head, rest = first_paragraph(item.content)
        values, details = _labelled(rest, _STEP_LABEL, STEP_LABELS)
        details = unescape_block(details, section_rules.STEP_DETAILS)
        steps.append(Step(unescape_line_start(head), details=details, **values))
    fields["steps"] = tuple(steps)
    _note_outside(notes, "procedure", lines, [(steps_block.start, steps_block.end)])


def _h3_parts(lines: list[str]) -> tuple[list[tuple[str, list[str]]], tuple[int, int] | None]:
    blocks = top_level_blocks("\n".join(lines))
    h3s = [b for b in blocks if b.kind == "heading" and b.heading_level == 3]
    if not h3s:
        return [], None
    parts = []
    for index, heading in enumerate(h3s):
        end = h3s[index + 1].start if index + 1 < len(h3s) else len(lines)
        parts.append((heading_text(lines, heading), lines[heading.end : end]))
    return parts, (h3s[0].start, len(lines))


def _read_scripts(lines: list[str], fields: dict[str, Any], notes: list[SectionNote]) -> None:
    parts, span = _h3_parts(lines)
    scripts = []
    for title, body_lines in parts:
        body = tidy_block("\n".join(body_lines))
        body_rows = body.split("\n")
        if body and all(_QUOTE.match(row) or not row.strip() for row in body_rows):
            body = tidy_block("\n".join(_QUOTE.sub("", row, count=1) for row in body_rows))
        scripts.append(Script(title, body))
    fields["scripts"] = tuple(scripts)
    _note_outside(notes, "scripts", lines, [span] if span else [])


def _read_edge_cases(lines: list[str], fields: dict[str, Any], notes: list[SectionNote]) -> None:
    parts, span = _h3_parts(lines)
    cases = []
    for title, body_lines in parts:
        values, details = _labelled(tidy_block("\n".join(body_lines)), _EDGE_LABEL, EDGE_CASE_LABELS)
        details = unescape_block(details, section_rules.EDGE_CASE_DETAILS)
        cases.append(EdgeCase(title, details=details, **values))
    fields["edge_cases"] = tuple(cases)
    _note_outside(notes, "edge_cases", lines, [span] if span else [])


def _read_decision_tree(lines: list[str], fields: dict[str, Any], notes: list[SectionNote]) -> None:
    blocks = top_level_blocks("\n".join(lines))
    taken = [
        (b.start, b.end)
        for b in blocks
        if b.kind == "fence" and lines[b.start].strip().lstrip("`~").strip().lower() == "mermaid"
    ]
    tree_block = first_bullet_list(blocks)
    if tree_block is not None:
        fields["decision_tree"] = parse_tree(lines, tree_block)
        taken.append((tree_block.start, tree_block.end))
    else:
        fields["decision_tree"] = DecisionTree()
    _note_outside(notes, "decision_tree", lines, taken)


def _read_table(section: str, field_name: str) -> Reader:
    row_type = _TABLE_TYPES[section]

    def read(lines: list[str], fields: dict[str, Any], notes: list[SectionNote]) -> None:
        for block in top_level_blocks("\n".join(lines)):
            if block.kind != "table":
                continue
            rows = [split_row(line) for _, line in table_rows(lines, block)]
            keys = column_keys(section, rows[0])
            if keys is None:
                continue
            fields[field_name] = tuple(
                row_type(**{key: (cells[i] if i < len(cells) else "") for i, key in enumerate(keys)})
                for cells in rows[1:]
            )
            _note_outside(notes, section, lines, [(block.start, block.end)])
            return
        _note_outside(notes, section, lines, ())

    return read


_READERS: dict[str, Reader] = {
    "purpose": _read_block_field("purpose"),
    "scope": _read_block_field("scope"),
    "procedure": _read_procedure,
    "scripts": _read_scripts,
    "decision_tree": _read_decision_tree,
    "access_rights": _read_table("access_rights", "access_rights"),
    "edge_cases": _read_edge_cases,
    "metrics": _read_table("metrics", "metrics"),
    "contacts": _read_table("contacts", "contacts"),
    "glossary": _read_table("glossary", "glossary"),
}
