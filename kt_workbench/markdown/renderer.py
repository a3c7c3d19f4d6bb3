"""``ProcessDocument`` to canonical markdown: what export, ``ktw show`` and the editor write."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kt_workbench.markdown import section_rules
from kt_workbench.markdown.escaping import (
    LinePattern,
    escape_block,
    escape_cell,
    escape_heading_text,
    escape_line_start,
)
from kt_workbench.markdown.front_matter import render_front_matter
from kt_workbench.markdown.mermaid import render_mermaid
from kt_workbench.markdown.tree_syntax import render_tree
from kt_workbench.markdown.vocabulary import (
    EDGE_CASE_LABELS,
    STEP_LABELS,
    TABLE_COLUMNS,
    canonical_heading,
)
from kt_workbench.model import ProcessDocument, Step


def render_document(document: ProcessDocument, *, diagram: bool = True) -> str:
    """The canonical markdown for a process; ``diagram`` adds a Mermaid drawing of the tree."""
    parts = [render_front_matter(document), f"# {escape_heading_text(document.title)}"]
    _block(parts, document.note("overview"), section_rules.TOP_LEVEL)
    _section(parts, "purpose", [escape_block(document.purpose, section_rules.TOP_LEVEL)])
    _section(parts, "scope", [escape_block(document.scope, section_rules.TOP_LEVEL)])
    _section(parts, "procedure", _note(document, "procedure") + _steps(document.steps))
    _section(parts, "scripts", _note(document, "scripts") + _scripts(document))
    tree = []
    if document.decision_tree:
        tree.append(render_tree(document.decision_tree))
        if diagram:
            tree.append(render_mermaid(document.decision_tree))
    _section(parts, "decision_tree", _note(document, "decision_tree") + tree)
    _table_section(parts, document, "access_rights", document.access_rights)
    _section(parts, "edge_cases", _note(document, "edge_cases") + _edge_cases(document))
    _table_section(parts, document, "metrics", document.metrics)
    _table_section(parts, document, "contacts", document.contacts)
    _table_section(parts, document, "glossary", document.glossary)
    for extra in document.extra_sections:
        parts.append(f"## {escape_heading_text(extra.heading)}")
        _block(parts, extra.body, section_rules.TOP_LEVEL)
    return "\n\n".join(parts) + "\n"


def _block(parts: list[str], text: str, rules: tuple[LinePattern, ...]) -> None:
    if text:
        parts.append(escape_block(text, rules))


def _note(document: ProcessDocument, section: str) -> list[str]:
    text = document.note(section)
    return [escape_block(text, section_rules.NOTE_RULES[section])] if text else []


def _section(parts: list[str], name: str, body: Sequence[str]) -> None:
    body = [chunk for chunk in body if chunk]
    if body:
        parts.append(f"## {canonical_heading(name)}")
        parts.extend(body)


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
            lines.append("")
            lines.extend(_indent(escape_block(step.details, section_rules.STEP_DETAILS), indent))
    return ["\n".join(lines)]


def _scripts(document: ProcessDocument) -> list[str]:
    chunks = []
    for script in document.scripts:
        chunks.append(f"### {escape_heading_text(script.title)}")
        if script.body:
            chunks.append("\n".join(f"> {line}" if line else ">" for line in script.body.split("\n")))
    return chunks


def _edge_cases(document: ProcessDocument) -> list[str]:
    chunks = []
    for case in document.edge_cases:
        chunks.append(f"### {escape_heading_text(case.title)}")
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
            chunks.append(escape_block(case.details, section_rules.EDGE_CASE_DETAILS))
    return chunks


def _table_section(
    parts: list[str], document: ProcessDocument, section: str, rows: Sequence[object]
) -> None:
    table = [render_table(section, rows)] if rows else []
    _section(parts, section, _note(document, section) + table)


def render_table(section: str, rows: Sequence[object]) -> str:
    columns = TABLE_COLUMNS[section]
    header = [aliases[0] for aliases in columns.values()]
    lines = [_row(header), _row(["---"] * len(header))]
    for row in rows:
        lines.append(_row([escape_cell(str(getattr(row, key))) for key in columns]))
    return "\n".join(lines)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
