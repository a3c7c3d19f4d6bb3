"""Markdown to ``ProcessDocument``: the format described in docs/format.md."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import Any

from kt_workbench.errors import InputError
from kt_workbench.markdown import section_rules
from kt_workbench.markdown.blocks import (
    Block,
    Region,
    document_region,
    first_of,
    first_paragraph,
    is_blank,
    remaining,
    tidy_lines,
)
from kt_workbench.markdown.escaping import split_row, unescape_heading_text, unescape_line_start
from kt_workbench.markdown.front_matter import split_front_matter
from kt_workbench.markdown.tree_syntax import parse_tree
from kt_workbench.markdown.vocabulary import (
    EDGE_CASE_LABELS,
    STEP_LABELS,
    column_keys,
    label_key,
    label_matcher,
    section_for_heading,
)
from kt_workbench.model import (
    SECTION_NAMES,
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

Reader = Callable[[Region, dict[str, Any], list[SectionNote]], None]


def parse_document(text: str, source: str = "<string>") -> ProcessDocument:
    """Read one process from markdown. Raises ``InputError`` (with file and line) on bad input."""
    text = _normalise(text, source)
    front, body = split_front_matter(text, source)
    document = document_region(body)
    h2s = [b for b in document.blocks if b.kind == "heading" and b.heading_level == 2]
    sections_start = h2s[0].start if h2s else document.end
    h1 = next(
        (b for b in document.blocks if b.heading_level == 1 and b.start < sections_start), None
    )
    fields: dict[str, Any] = dict(front.fields)
    if front.extra:
        fields["extra_front_matter"] = front.extra
    title_lines: list[tuple[int, int]] = []
    if h1 is not None:
        heading = heading_text(document.lines, h1)
        if not fields.get("title"):
            fields["title"] = heading
        if heading == fields["title"]:
            title_lines.append((h1.start, h1.end))
    if not fields.get("title"):
        raise InputError(
            source, 1, "no title: add 'title:' to the front matter or a '# Title' line"
        )
    if not fields.get("id"):
        fields["id"] = _derive_id(fields["title"])
    notes: list[SectionNote] = []
    preamble = document.part(0, sections_start)
    _add_note(notes, "overview", remaining(preamble, title_lines))
    extras: list[ExtraSection] = []
    seen: set[str] = set()
    for index, heading_block in enumerate(h2s):
        end = h2s[index + 1].start if index + 1 < len(h2s) else document.end
        heading = heading_text(document.lines, heading_block)
        region = document.part(heading_block.end, end)
        name = section_for_heading(heading)
        if name is None or name in seen:
            body_text = section_rules.TOP_LEVEL.unescape(tidy_lines(region.lines))
            extras.append(ExtraSection(heading, body_text))
            continue
        seen.add(name)
        _READERS[name](region, fields, notes)
    # Notes follow the canonical section order, whatever order the file had its sections in.
    notes.sort(key=lambda note: SECTION_NAMES.index(note.section))
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
    """The text of a heading block, ``lines`` being the lines its line numbers point into."""
    return heading_content(lines[block.start : block.end])


def heading_content(lines: list[str]) -> str:
    """The text of a heading from its source lines (ATX, or setext with its underline)."""
    if _ATX.match(lines[0]):
        content = _CLOSING.sub("", _ATX.sub("", lines[0], count=1).strip())
    else:  # setext: the underline is the block's last line
        content = " ".join(line.strip() for line in lines[:-1])
    return unescape_heading_text(content.strip())


def _add_note(notes: list[SectionNote], section: str, text: str) -> None:
    text = section_rules.NOTE_RULES[section].unescape(text)
    if text:
        notes.append(SectionNote(section, text))


# --- section readers ----------------------------------------------------------------------------


def _read_block_field(name: str) -> Reader:
    def read(region: Region, fields: dict[str, Any], notes: list[SectionNote]) -> None:
        fields[name] = section_rules.TOP_LEVEL.unescape(tidy_lines(region.lines))

    return read


def _labelled(
    region: Region, matcher: re.Pattern[str], labels: dict[str, tuple[str, ...]]
) -> tuple[dict[str, str], str]:
    """Pull ``- Label: value`` bullets out of the region's first bullet list.

    The label must open the bullet's first line; whatever else the region holds (and anything
    nested under a label bullet) is kept as details.
    """
    values: dict[str, str] = {}
    taken: list[tuple[int, int]] = []
    nested: list[str] = []
    bullets = first_of(region.blocks, "bullet_list")
    for block in bullets.children if bullets is not None else ():
        item = region.item(block)
        head, after = first_paragraph(item)
        match = matcher.match(head) if head and matcher.match(item.lines[0]) else None
        if match is None:
            continue
        key = label_key(labels, match["label"])
        if key in values:
            continue
        values[key] = match["value"].strip()
        taken.append((block.start, block.end))
        rest = tidy_lines(item.text(after, item.end))
        if rest:
            nested.append(rest)
    details = "\n\n".join(part for part in (remaining(region, taken), *nested) if part)
    return values, details


def _read_procedure(region: Region, fields: dict[str, Any], notes: list[SectionNote]) -> None:
    steps_block = first_of(region.blocks, "ordered_list")
    if steps_block is None:
        _add_note(notes, "procedure", remaining(region, []))
        return
    steps = []
    for block in steps_block.children:
        item = region.item(block)
        head, after = first_paragraph(item)
        values, details = _labelled(item.part(after), _STEP_LABEL, STEP_LABELS)
        details = section_rules.STEP_DETAILS.unescape(details)
        steps.append(Step(unescape_line_start(head), details=details, **values))
    fields["steps"] = tuple(steps)
    _add_note(notes, "procedure", remaining(region, [(steps_block.start, steps_block.end)]))


def _h3_parts(region: Region) -> tuple[list[tuple[str, Region]], int]:
    """Each level-3 heading's text and body, and the line where the first one starts."""
    h3s = [b for b in region.blocks if b.kind == "heading" and b.heading_level == 3]
    parts = []
    for index, heading in enumerate(h3s):
        end = h3s[index + 1].start if index + 1 < len(h3s) else region.end
        title = heading_content(region.text(heading.start, heading.end))
        parts.append((title, region.part(heading.end, end)))
    return parts, (h3s[0].start if h3s else region.end)


def _read_scripts(region: Region, fields: dict[str, Any], notes: list[SectionNote]) -> None:
    parts, first = _h3_parts(region)
    scripts = []
    for title, body_region in parts:
        body = tidy_lines(body_region.lines)
        rows = body.split("\n")
        if body and all(_QUOTE.match(row) or is_blank(row) for row in rows):
            body = tidy_lines([_QUOTE.sub("", row, count=1) for row in rows])
        scripts.append(Script(title, body))
    fields["scripts"] = tuple(scripts)
    _add_note(notes, "scripts", remaining(region, [(first, region.end)]))


def _read_edge_cases(region: Region, fields: dict[str, Any], notes: list[SectionNote]) -> None:
    parts, first = _h3_parts(region)
    cases = []
    for title, body_region in parts:
        values, details = _labelled(body_region, _EDGE_LABEL, EDGE_CASE_LABELS)
        details = section_rules.EDGE_CASE_DETAILS.unescape(details)
        cases.append(EdgeCase(title, details=details, **values))
    fields["edge_cases"] = tuple(cases)
    _add_note(notes, "edge_cases", remaining(region, [(first, region.end)]))


def _read_decision_tree(region: Region, fields: dict[str, Any], notes: list[SectionNote]) -> None:
    tree_block = first_of(region.blocks, "bullet_list")
    taken: list[tuple[int, int]] = []
    if tree_block is None:
        fields["decision_tree"] = DecisionTree()
    else:
        fields["decision_tree"] = parse_tree(region, tree_block)
        taken.append((tree_block.start, tree_block.end))
        # The renderer draws the tree as a Mermaid block right after it: that drawing is
        # generated, so it is dropped; a Mermaid block anywhere else is the owner's own.
        drawing = next(
            (
                b
                for b in region.blocks
                if b.start >= tree_block.end
                and b.kind == "fence"
                and b.info.strip().lower() == "mermaid"
            ),
            None,
        )
        if drawing is not None:
            taken.append((drawing.start, drawing.end))
    _add_note(notes, "decision_tree", remaining(region, taken))


def _read_table(section: str, field_name: str) -> Reader:
    row_type = _TABLE_TYPES[section]

    def read(region: Region, fields: dict[str, Any], notes: list[SectionNote]) -> None:
        for block in region.blocks:
            if block.kind != "table":
                continue
            lines = region.text(block.start, block.end)
            rows = [split_row(line) for position, line in enumerate(lines) if position != 1]
            keys = column_keys(section, rows[0])
            if keys is None:
                continue
            fields[field_name] = tuple(
                row_type(
                    **{key: (cells[i] if i < len(cells) else "") for i, key in enumerate(keys)}
                )
                for cells in rows[1:]
            )
            _add_note(notes, section, remaining(region, [(block.start, block.end)]))
            return
        _add_note(notes, section, remaining(region, []))

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
