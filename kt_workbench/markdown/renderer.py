"""``ProcessDocument`` to canonical markdown: what export, ``ktw show`` and the editor write."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kt_workbench.markdown import section_rules
from kt_workbench.markdown.block_escapes import BlockEscapes
from kt_workbench.markdown.escaping import escape_cell, escape_heading_text, escape_line_start
from kt_workbench.markdown.front_matter import render_front_matter
from kt_workbench.markdown.mermaid import render_mermaid
from kt_workbench.markdown.tree_syntax import render_tree
from kt_workbench.markdown.vocabulary import (
    EDGE_CASE_LABELS,
    STEP_LABELS,
    TABLE_COLUMNS,
    canonical_heading,
    section_for_heading,
)
from kt_workbench.model import ProcessDocument, Step


def render_document(document: ProcessDocument, *, diagram: bool = True) -> str:
    """The canonical markdown for a process; ``diagram`` adds a Mermaid drawing of the tree."""
    writer = _Writer(document)
    writer.parts.append(f"# {escape_heading_text(document.title)}")
    writer.block(document.note("overview"), section_rules.TOP_LEVEL)
    writer.section("purpose", [section_rules.TOP_LEVEL.escape(document.purpose)])
    writer.section("scope", [section_rules.TOP_LEVEL.escape(document.scope)])
    writer.section("procedure", writer.note("procedure") + _steps(document.steps))
    writer.section("scripts", writer.note("scripts") + _scripts(document))
    tree = []
    if document.decision_tree:
        tree.append(render_tree(document.decision_tree))
        if diagram:
            tree.append(render_mermaid(document.decision_tree))
    writer.section("decision_tree", writer.note("decision_tree") + tree)
    writer.table_section("access_rights", document.access_rights)
    writer.section("edge_cases", writer.note("edge_cases") + _edge_cases(document))
    writer.table_section("metrics", document.metrics)
    writer.table_section("contacts", document.contacts)
    writer.table_section("glossary", document.glossary)
    for extra in document.extra_sections:
        known = section_for_heading(extra.heading)
        if known is not None and known not in writer.written:
            # Otherwise this unknown-looking section would be read back as the known one.
            writer.heading(known)
        writer.parts.append(_heading("##", extra.heading))
        writer.block(extra.body, section_rules.TOP_LEVEL)
    return "\n\n".join(writer.parts) + "\n"


class _Writer:
    def __init__(self, document: ProcessDocument) -> None:
        self.document = document
        self.parts = [render_front_matter(document)]
        self.written: set[str] = set()

    def block(self, text: str, rules: BlockEscapes) -> None:
        if text:
            self.parts.append(rules.escape(text))

    def note(self, section: str) -> list[str]:
        text = self.document.note(section)
        return [section_rules.NOTE_RULES[section].escape(text)] if text else []

    def heading(self, name: str) -> None:
        self.parts.append(f"## {canonical_heading(name)}")
        self.written.add(name)

    def section(self, name: str, body: Sequence[str]) -> None:
        body = [chunk for chunk in body if chunk]
        if body:
            self.heading(name)
            self.parts.extend(body)

    def table_section(self, section: str, rows: Sequence[object]) -> None:
        table = [render_table(section, rows)] if rows else []
        self.section(section, self.note(section) + table)


def _heading(marks: str, text: str) -> str:
    return f"{marks} {escape_heading_text(text)}".rstrip()


def _labels(pairs: Iterable[tuple[str, str]], indent: str) -> list[str]:
    return [f"{indent}- {label}: {value}" for label, value in pairs if value]


def _indent(text: str, indent: str) -> list[str]:
    return [f"{indent}{line}" if line else "" for line in text.split("\n")]


def _steps(steps: tuple[Step, ...]) -> list[str]:
    if not steps:
        return []
    lines: list[str] = []
    for number, step in enumerate(steps, start=1):
        marker = f"{number}. "
        indent = " " * len(marker)
        lines.append(f"{marker}{escape_line_start(step.text)}".rstrip())
        labels = _labels(
            [
                (STEP_LABELS["role"][0], step.role),
                (STEP_LABELS["system"][0], step.system),
                (STEP_LABELS["done_when"][0], step.done_when),
            ],
            indent,
        )
        lines.extend(labels)
        if step.details:
            if step.text or labels:
                lines.append("")
            # With neither text nor labels the details open the item on the line after its
            # marker: a blank line there would end the item (see docs/format.md).
            details = section_rules.STEP_DETAILS.escape(step.details)
            lines.extend(_indent(details, indent))
    return ["\n".join(lines)]


def _scripts(document: ProcessDocument) -> list[str]:
    chunks = []
    for script in document.scripts:
        chunks.append(_heading("###", script.title))
        if script.body:
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


def render_table(section: str, rows: Sequence[object]) -> str:
    columns = TABLE_COLUMNS[section]
    header = [aliases[0] for aliases in columns.values()]
    lines = [_row(header), _row(["---"] * len(header))]
    for row in rows:
        lines.append(_row([escape_cell(str(getattr(row, key))) for key in columns]))
    return "\n".join(lines)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
