"""``ProcessDocument`` to markdown: what export, ``ktw show`` and the editor write.

Sections come in the order the document's layout remembers from its file (the canonical
order for a document built by a tool), and inside a section the notes and the structured
items come back interleaved as they were read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kt_workbench.markdown import section_rules
from kt_workbench.markdown.block_escapes import BlockEscapes
from kt_workbench.markdown.escaping import escape_cell, escape_heading_text, escape_line_start
from kt_workbench.markdown.front_matter import render_front_matter
from kt_workbench.markdown.mermaid import render_mermaid
from kt_workbench.markdown.readers import all_quoted
from kt_workbench.markdown.recognition import (
    glossary_bullet,
    glossary_headings,
    step_heading,
    writable_as_bullets,
    writable_as_headings,
)
from kt_workbench.markdown.tree_syntax import render_tree
from kt_workbench.markdown.vocabulary import (
    EDGE_CASE_LABELS,
    STEP_LABELS,
    TABLE_COLUMNS,
    canonical_heading,
    section_for_heading,
)
from kt_workbench.model import BODY_SECTIONS, EXTRA, ProcessDocument, SectionNote, Step
from kt_workbench.model.layout import (
    CANONICAL_DELIMITER,
    TableHeader,
    delimiter_cell,
    effective_order,
)


def render_document(document: ProcessDocument, *, diagram: bool = True) -> str:
    """The markdown for a process; ``diagram`` adds a Mermaid drawing of the tree."""
    writer = _Writer(document, diagram)
    overview = [note for note in document.notes if note.section == "overview"]
    writer.block(
        "\n\n".join(note.text for note in overview if note.after < 0), section_rules.TOP_LEVEL
    )
    writer.parts.append(f"# {escape_heading_text(document.title)}")
    writer.block(
        "\n\n".join(note.text for note in overview if note.after >= 0), section_rules.TOP_LEVEL
    )
    extras = iter(document.extra_sections)
    order = effective_order(
        document.layout.sections,
        document.filled_sections(),
        BODY_SECTIONS,
        len(document.extra_sections),
    )
    for name in order:
        if name != EXTRA:
            writer.section(name)
            continue
        extra = next(extras)
        known = section_for_heading(extra.heading)
        if known is not None and known not in writer.written:
            # Otherwise this unknown-looking section would be read back as the known one.
            writer.heading(known)
        writer.parts.append(_heading("##", extra.heading))
        writer.block(extra.body, section_rules.TOP_LEVEL)
    return "\n\n".join(writer.parts) + "\n"


class _Writer:
    def __init__(self, document: ProcessDocument, diagram: bool) -> None:
        self.document = document
        self.diagram = diagram
        self.parts = [render_front_matter(document)]
        self.written: set[str] = set()

    def block(self, text: str, rules: BlockEscapes) -> None:
        if text:
            self.parts.append(rules.escape(text))

    def heading(self, name: str) -> None:
        self.parts.append(f"## {canonical_heading(name)}")
        self.written.add(name)

    def notes(self, section: str) -> list[SectionNote]:
        return [note for note in self.document.notes if note.section == section and note.text]

    def section(self, name: str) -> None:
        body = [chunk for chunk in self._body(name) if chunk]
        if body:
            self.heading(name)
            self.parts.extend(body)

    def _body(self, name: str) -> list[str]:
        document = self.document
        if name in ("purpose", "scope"):
            return [section_rules.TOP_LEVEL.escape(getattr(document, name))]
        if name == "procedure":
            return self._procedure()
        if name == "scripts":
            return self._before("scripts") + _scripts(document)
        if name == "edge_cases":
            return self._before("edge_cases") + _edge_cases(document)
        if name == "decision_tree":
            return self._tree()
        return self._table(name)

    def _before(self, section: str) -> list[str]:
        """All of a section's notes, escaped as text that stands before its structure."""
        text = "\n\n".join(note.text for note in self.notes(section))
        return [section_rules.NOTE_RULES[section].escape(text)] if text else []

    def _procedure(self) -> list[str]:
        steps = self.document.steps
        if steps and self.document.layout.step_style == "headings":
            form = self.document.layout.step_heading
            return self._before_step_headings() + _step_headings(steps, form)
        notes = self.notes("procedure")
        chunks: list[str] = []
        done = 0
        for after in sorted({min(note.after, len(steps)) for note in notes} | {len(steps)}):
            if after > done:
                chunks.append(_steps(steps[done:after], done + 1))
                done = after
            text = "\n\n".join(n.text for n in notes if min(n.after, len(steps)) == after)
            if text:
                chunks.append(section_rules.procedure_note(after, len(steps)).escape(text))
        return chunks

    def _before_step_headings(self) -> list[str]:
        text = "\n\n".join(note.text for note in self.notes("procedure"))
        return [section_rules.STEP_HEADING_NOTE.escape(text)] if text else []

    def _tree(self) -> list[str]:
        tree = self.document.decision_tree
        notes = self.notes("decision_tree")
        if not tree:
            return self._before("decision_tree")
        before = "\n\n".join(note.text for note in notes if note.after == 0)
        after = "\n\n".join(note.text for note in notes if note.after != 0)
        chunks = [section_rules.NOTE_RULES["decision_tree"].escape(before)] if before else []
        chunks.append(render_tree(tree))
        if self.diagram:
            chunks.append(render_mermaid(tree))
        if after:
            chunks.append(section_rules.tree_note_after(self.diagram).escape(after))
        return chunks

    def _table(self, section: str) -> list[str]:
        rows: Sequence[object] = getattr(self.document, section)
        notes = self.notes(section)
        bullets = (
            section == "glossary"
            and self.document.layout.glossary_style == "bullets"
            and writable_as_bullets(self.document.glossary, self.document.layout.glossary_bullet)
        )
        headings = (
            section == "glossary"
            and self.document.layout.glossary_style == "headings"
            and writable_as_headings(self.document.glossary, any(n.after for n in notes))
        )
        chunks: list[str] = []
        for after in (0, 1):
            text = "\n\n".join(n.text for n in notes if (n.after != 0) == bool(after))
            if text:
                if headings:
                    rules = section_rules.GLOSSARY_HEADING_NOTE
                elif section == "glossary":
                    rules = section_rules.glossary_note(after, bool(rows), bullets)
                elif after == 0 or not rows:
                    rules = section_rules.NOTE_RULES[section]
                else:
                    rules = section_rules.table_note_after(section)
                chunks.append(rules.escape(text))
            if after == 0 and rows:
                if headings:
                    chunks.append(glossary_headings(self.document.glossary))
                elif bullets:
                    chunks.append(_glossary_bullets(self.document))
                else:
                    header = self.document.layout.header_of(section)
                    chunks.append(render_table(section, rows, header))
        return chunks


def _heading(marks: str, text: str) -> str:
    return f"{marks} {escape_heading_text(text)}".rstrip()


def _labels(pairs: Iterable[tuple[str, str]], indent: str) -> list[str]:
    return [f"{indent}- {label}: {value}" for label, value in pairs if value]


def _indent(text: str, indent: str) -> list[str]:
    return [f"{indent}{line}" if line else "" for line in text.split("\n")]


def _step_labels(step: Step, indent: str) -> list[str]:
    return _labels(
        [
            (STEP_LABELS["role"][0], step.role),
            (STEP_LABELS["system"][0], step.system),
            (STEP_LABELS["done_when"][0], step.done_when),
        ],
        indent,
    )


def _steps(steps: Sequence[Step], first: int = 1) -> str:
    lines: list[str] = []
    for number, step in enumerate(steps, start=first):
        marker = f"{number}. "
        indent = " " * len(marker)
        lines.append(f"{marker}{escape_line_start(step.text)}".rstrip())
        labels = _step_labels(step, indent)
        lines.extend(labels)
        if step.details:
            if step.text or labels:
                lines.append("")
            # With neither text nor labels the details open the item on the line after its
            # marker: a blank line there would end the item (see docs/format.md).
            details = section_rules.STEP_DETAILS.escape(step.details)
            lines.extend(_indent(details, indent))
    return "\n".join(lines)


def _step_headings(steps: Sequence[Step], form: str) -> list[str]:
    chunks = []
    for number, step in enumerate(steps, start=1):
        chunks.append(_heading("###", step_heading(form, number, step.text)))
        labels = _step_labels(step, "")
        if labels:
            chunks.append("\n".join(labels))
        if step.details:
            chunks.append(section_rules.STEP_HEADING_DETAILS.escape(step.details))
    return chunks


def _scripts(document: ProcessDocument) -> list[str]:
    chunks = []
    plain = set(document.layout.plain_scripts)
    for index, script in enumerate(document.scripts):
        chunks.append(_heading("###", script.title))
        if not script.body:
            continue
        if index in plain and not all_quoted(script.body):
            chunks.append(section_rules.UNDER_H3.escape(script.body))
        else:
            quoted = (f"> {line}" if line else ">" for line in script.body.split("\n"))
            chunks.append("\n".join(quoted))
    return chunks


def _edge_cases(document: ProcessDocument) -> list[str]:
    chunks = []
    for case in document.edge_cases:
        chunks.append(_heading("###", case.title))
        labels = _labels(
            [
                (EDGE_CASE_LABELS["when"][0], case.when),
                (EDGE_CASE_LABELS["handle"][0], case.handle),
                (EDGE_CASE_LABELS["escalate_to"][0], case.escalate_to),
            ],
            "",
        )
        if labels:
            chunks.append("\n".join(labels))
        if case.details:
            chunks.append(section_rules.EDGE_CASE_DETAILS.escape(case.details))
    return chunks


def _glossary_bullets(document: ProcessDocument) -> str:
    form = document.layout.glossary_bullet
    return "\n".join(glossary_bullet(entry, form) for entry in document.glossary)


def render_table(section: str, rows: Sequence[object], header: TableHeader | None = None) -> str:
    """The section's table: with the header its file had (a field filled since, and not in
    it, gets a column of its own at the end), else every column under its canonical name."""
    columns = TABLE_COLUMNS[section]
    if header is None:
        written = [(key, names[0], CANONICAL_DELIMITER) for key, names in columns.items()]
    else:
        written = [column for column in header if column[0] in columns]
        present = {key for key, _, _ in written}
        written.extend(
            (key, names[0], CANONICAL_DELIMITER)
            for key, names in columns.items()
            if key not in present and any(getattr(row, key) for row in rows)
        )
    lines = [
        _row([escape_cell(name) for _, name, _ in written]),
        _row([delimiter_cell(line) for _, _, line in written]),
    ]
    for row in rows:
        lines.append(_row([escape_cell(str(getattr(row, key))) for key, _, _ in written]))
    return "\n".join(lines)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
