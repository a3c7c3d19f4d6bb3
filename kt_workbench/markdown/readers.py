"""Section readers: a known section's region to model fields and notes, in the file's order.

Each reader takes the structure its section holds (steps, scripts, the tree, a table, edge
cases) and keeps every other block as notes that remember how many structured items stood
before them (see ``interleave``), so that export writes the section in the order it was read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kt_workbench.markdown import section_rules
from kt_workbench.markdown.blocks import (
    Region,
    first_of,
    first_paragraph,
    is_blank,
    remaining,
    tidy_lines,
)
from kt_workbench.markdown.escaping import split_row, unescape_line_start
from kt_workbench.markdown.headings import heading_content
from kt_workbench.markdown.interleave import Taken, continues_steps, gaps
from kt_workbench.markdown.mermaid import is_drawing
from kt_workbench.markdown.recognition import (
    DEFAULT_STEP_HEADING,
    bullet_glossary_style,
    heading_glossary,
    step_heading_parts,
    writable_as_headings,
)
from kt_workbench.markdown.tree_syntax import parse_tree
from kt_workbench.markdown.vocabulary import (
    DEFAULT_VOCABULARY,
    EDGE_CASE_LABELS,
    STEP_LABELS,
    TABLE_COLUMNS,
    Vocabulary,
    label_key,
    label_matcher,
)
from kt_workbench.model import (
    AccessRight,
    Contact,
    DecisionTree,
    EdgeCase,
    GlossaryEntry,
    Metric,
    Script,
    SectionNote,
    Step,
)
from kt_workbench.model.layout import (
    CANONICAL_DELIMITER,
    DEFAULT_GLOSSARY_BULLET,
    TableHeader,
    delimiter_cell,
)

_QUOTE = re.compile(r"^ {0,3}> ?")
_STEP_LABEL = label_matcher(STEP_LABELS)
_EDGE_LABEL = label_matcher(EDGE_CASE_LABELS)
_TABLE_TYPES: dict[str, type] = {
    "access_rights": AccessRight,
    "metrics": Metric,
    "contacts": Contact,
    "glossary": GlossaryEntry,
}


@dataclass
class Reading:
    """What the readers have found so far in one file, and the names they recognise."""

    fields: dict[str, Any] = field(default_factory=dict)
    notes: list[SectionNote] = field(default_factory=list)
    layout: dict[str, Any] = field(default_factory=dict)
    vocabulary: Vocabulary = DEFAULT_VOCABULARY

    def note(self, section: str, text: str, after: int = 0) -> None:
        rules = section_rules.note_rules(
            section,
            self.layout.get("step_style", "list"),
            self.layout.get("glossary_style", "table"),
        )
        text = rules.unescape(text)
        if text:
            self.notes.append(SectionNote(section, text, after))

    def gap_notes(self, section: str, region: Region, taken: list[Taken]) -> None:
        for after, text in gaps(region, taken):
            self.note(section, text, after)


Reader = Callable[[Region, Reading], None]


def all_quoted(text: str) -> bool:
    """Whether every line of a script body is quoted (or blank): one level is then removed."""
    return all(_QUOTE.match(row) or is_blank(row) for row in text.split("\n"))


def _read_block_field(name: str) -> Reader:
    def read(region: Region, reading: Reading) -> None:
        reading.fields[name] = section_rules.TOP_LEVEL.unescape(tidy_lines(region.lines))

    return read


def labelled(
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


def _step(head: str, body: Region) -> Step:
    values, details = labelled(body, _STEP_LABEL, STEP_LABELS)
    details = section_rules.STEP_DETAILS.unescape(details)
    return Step(unescape_line_start(head), details=details, **values)


def _read_procedure(region: Region, reading: Reading) -> None:
    if _read_step_headings(region, reading):
        return
    steps: list[Step] = []
    taken: list[Taken] = []
    since = 0
    for index, block in enumerate(region.blocks):
        if block.kind != "ordered_list":
            continue
        if not continues_steps(region.lines, region.blocks, index, len(steps), since, region.first):
            continue
        for item_block in block.children:
            item = region.item(item_block)
            head, after = first_paragraph(item)
            steps.append(_step(head, item.part(after)))
        taken.append(Taken(block.start, block.end, len(steps)))
        since = index + 1
    if steps:
        reading.fields["steps"] = tuple(steps)
    reading.gap_notes("procedure", region, taken)


def _read_step_headings(region: Region, reading: Reading) -> bool:
    """Steps written as ``### Step 1: text`` headings, each with its body as details."""
    h3s = [b for b in region.blocks if b.kind == "heading" and b.heading_level == 3]
    texts: list[str] = []
    forms: list[str] = []
    for number, block in enumerate(h3s, start=1):
        parts = step_heading_parts(heading_content(region.text(block.start, block.end)))
        if parts is None or parts[1] != number:
            return False
        forms.append(parts[0])
        texts.append(parts[2])
    form = _one_form(forms, texts)
    if form is None:
        return False
    if not texts:
        return False
    steps: list[Step] = []
    for index, (block, text) in enumerate(zip(h3s, texts, strict=True)):
        end = h3s[index + 1].start if index + 1 < len(h3s) else region.end
        body = region.part(block.end, end)
        values, details = labelled(body, _STEP_LABEL, STEP_LABELS)
        details = section_rules.STEP_HEADING_DETAILS.unescape(details)
        steps.append(Step(text, details=details, **values))
    reading.fields["steps"] = tuple(steps)
    reading.layout["step_style"] = "headings"
    if form != DEFAULT_STEP_HEADING:
        reading.layout["step_heading"] = form
    reading.gap_notes("procedure", region, [Taken(h3s[0].start, region.end, len(steps))])
    return True


def _one_form(forms: list[str], texts: list[str]) -> str | None:
    """The form every step heading shares (``Step {n}: ``), or None when they differ. A
    heading with no text has lost the spaces after its separator."""
    with_text = {form for form, text in zip(forms, texts, strict=True) if text}
    if len(with_text) > 1:
        return None
    bare = {form.rstrip() for form in forms}
    if len(bare) != 1:
        return None
    if with_text:
        return with_text.pop()
    only = bare.pop()
    return DEFAULT_STEP_HEADING if only == DEFAULT_STEP_HEADING.rstrip() else only


def _h3_parts(region: Region) -> tuple[list[tuple[str, Region]], int]:
    """Each level-3 heading's text and body, and the line where the first one starts."""
    h3s = [b for b in region.blocks if b.kind == "heading" and b.heading_level == 3]
    parts = []
    for index, heading in enumerate(h3s):
        end = h3s[index + 1].start if index + 1 < len(h3s) else region.end
        title = heading_content(region.text(heading.start, heading.end))
        parts.append((title, region.part(heading.end, end)))
    return parts, (h3s[0].start if h3s else region.end)


def _read_scripts(region: Region, reading: Reading) -> None:
    parts, first = _h3_parts(region)
    scripts = []
    plain = []
    for index, (title, body_region) in enumerate(parts):
        body = tidy_lines(body_region.lines)
        if body and all_quoted(body):
            body = tidy_lines([_QUOTE.sub("", row, count=1) for row in body.split("\n")])
        elif body:
            body = section_rules.UNDER_H3.unescape(body)
            plain.append(index)
        scripts.append(Script(title, body))
    if scripts:
        reading.fields["scripts"] = tuple(scripts)
    if plain:
        reading.layout["plain_scripts"] = tuple(plain)
    reading.gap_notes("scripts", region, [Taken(first, region.end, len(scripts))])


def _read_edge_cases(region: Region, reading: Reading) -> None:
    parts, first = _h3_parts(region)
    cases = []
    for title, body_region in parts:
        values, details = labelled(body_region, _EDGE_LABEL, EDGE_CASE_LABELS)
        details = section_rules.EDGE_CASE_DETAILS.unescape(details)
        cases.append(EdgeCase(title, details=details, **values))
    if cases:
        reading.fields["edge_cases"] = tuple(cases)
    reading.gap_notes("edge_cases", region, [Taken(first, region.end, len(cases))])


def _read_decision_tree(region: Region, reading: Reading) -> None:
    tree_block = first_of(region.blocks, "bullet_list")
    taken: list[Taken] = []
    if tree_block is None:
        reading.fields["decision_tree"] = DecisionTree()
    else:
        reading.fields["decision_tree"] = parse_tree(region, tree_block)
        end = tree_block.end
        # Export draws the tree as a Mermaid block right after it: that drawing is generated,
        # so it is dropped; a Mermaid block anywhere else is the owner's own.
        after = [b for b in region.blocks if b.start >= tree_block.end]
        if after and after[0].kind == "fence" and is_drawing(region.text(*after[0][1:3])):
            end = after[0].end
        taken.append(Taken(tree_block.start, end, 1))
    reading.gap_notes("decision_tree", region, taken)


def _read_table(section: str) -> Reader:
    row_type = _TABLE_TYPES[section]

    def read(region: Region, reading: Reading) -> None:
        for block in region.blocks:
            if block.kind != "table":
                continue
            lines = region.text(block.start, block.end)
            rows = [split_row(line) for position, line in enumerate(lines) if position != 1]
            keys = reading.vocabulary.column_keys(section, rows[0])
            delimiters = split_row(lines[1]) if len(lines) > 1 else []
            if keys is None or len(rows) < 2:
                continue  # not this section's columns, or a header with no rows: kept as text
            reading.fields[section] = tuple(
                row_type(
                    **{key: (cells[i] if i < len(cells) else "") for i, key in enumerate(keys)}
                )
                for cells in rows[1:]
            )
            header = tuple(zip(keys, rows[0], _cells(delimiters, len(keys)), strict=True))
            _keep_header(reading, section, header)
            reading.gap_notes(section, region, [Taken(block.start, block.end, 1)])
            return
        if section == "glossary" and (
            _read_bullet_glossary(region, reading) or _read_heading_glossary(region, reading)
        ):
            return
        reading.gap_notes(section, region, [])

    return read


def _cells(delimiters: list[str], count: int) -> list[str]:
    """The delimiter row's cells, one per column (``:---`` for a column aligned left)."""
    cells = [delimiter_cell(cell) for cell in delimiters[:count]]
    return cells + [CANONICAL_DELIMITER] * (count - len(cells))


def _keep_header(reading: Reading, section: str, header: TableHeader) -> None:
    """Remember a header export would not write by itself, so that it writes this one."""
    canonical = tuple(
        (key, names[0], CANONICAL_DELIMITER) for key, names in TABLE_COLUMNS[section].items()
    )
    if header != canonical:
        kept = (*reading.layout.get("table_headers", ()), (section, header))
        # In the sections' own order, whatever order the file has them in.
        order = list(TABLE_COLUMNS)
        reading.layout["table_headers"] = tuple(sorted(kept, key=lambda h: order.index(h[0])))


def _read_bullet_glossary(region: Region, reading: Reading) -> bool:
    """A glossary written as ``- **Term**: meaning`` bullets."""
    for block in region.blocks:
        if block.kind != "bullet_list":
            continue
        found = bullet_glossary_style(region, block)
        if found is None:
            continue
        reading.fields["glossary"] = tuple(found[0])
        reading.layout["glossary_style"] = "bullets"
        if found[1] != DEFAULT_GLOSSARY_BULLET:
            reading.layout["glossary_bullet"] = found[1]
        reading.gap_notes("glossary", region, [Taken(block.start, block.end, 1)])
        return True
    return False


def _read_heading_glossary(region: Region, reading: Reading) -> bool:
    """A glossary written as ``### Term`` headings with the meaning below each."""
    found = heading_glossary(region)
    if found is None:
        return False
    entries, end = found
    text_after = any(not is_blank(line) for line in region.text(end, region.end))
    if not writable_as_headings(tuple(entries), text_after):
        return False  # it could not be written back in this form: it stays text
    first = next(b for b in region.blocks if b.kind == "heading" and b.heading_level == 3)
    reading.fields["glossary"] = tuple(entries)
    reading.layout["glossary_style"] = "headings"
    reading.gap_notes("glossary", region, [Taken(first.start, end, 1)])
    return True


READERS: dict[str, Reader] = {
    "purpose": _read_block_field("purpose"),
    "scope": _read_block_field("scope"),
    "procedure": _read_procedure,
    "scripts": _read_scripts,
    "decision_tree": _read_decision_tree,
    "access_rights": _read_table("access_rights"),
    "edge_cases": _read_edge_cases,
    "metrics": _read_table("metrics"),
    "contacts": _read_table("contacts"),
    "glossary": _read_table("glossary"),
}
