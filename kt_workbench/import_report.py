"""The import report: per file, what was recognised, what was kept as text, what to review."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from kt_workbench.model import ProcessDocument

_SECTION_LABELS = {
    "purpose": "purpose",
    "scope": "scope",
    "procedure": "procedure",
    "scripts": "scripts",
    "decision_tree": "decision tree",
    "access_rights": "access rights",
    "edge_cases": "edge cases",
    "metrics": "metrics",
    "contacts": "contacts",
    "glossary": "glossary",
}


@dataclass
class FileReport:
    """What one file became."""

    path: str
    id: str
    id_from: str
    title: str
    title_from: str
    mode: str
    action: str = "add"
    sections: list[str] = field(default_factory=list)
    steps: int = 0
    rows: int = 0
    tree_nodes: int = 0
    scripts: int = 0
    edge_cases: int = 0
    free_text: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        return bool(self.review)


def describe(document: ProcessDocument, report: FileReport) -> FileReport:
    """Fill a report's counts and free-text list from the document read."""
    report.sections = [_SECTION_LABELS[name] for name in document.filled_sections()]
    report.steps = len(document.steps)
    report.rows = sum(
        len(rows)
        for rows in (
            document.access_rights,
            document.metrics,
            document.contacts,
            document.glossary,
        )
    )
    report.tree_nodes = sum(1 for _ in document.decision_tree.walk())
    report.scripts = len(document.scripts)
    report.edge_cases = len(document.edge_cases)
    kept = [f"section '{extra.heading}'" for extra in document.extra_sections]
    by_section: dict[str, int] = {}
    for note in document.notes:
        by_section[note.section] = by_section.get(note.section, 0) + 1
    kept.extend(
        f"{count} block{'s' if count > 1 else ''} of text in {name.replace('_', ' ')}"
        for name, count in by_section.items()
    )
    report.free_text = kept
    return report


def render_text(reports: Sequence[FileReport], *, verbose: bool = True) -> str:
    """One block per file: the id and what was found, then what needs a look."""
    lines: list[str] = []
    for report in reports:
        found = [
            f"{count} {what}"
            for count, what in (
                (report.steps, "steps"),
                (report.rows, "table rows"),
                (report.tree_nodes, "tree nodes"),
                (report.scripts, "scripts"),
                (report.edge_cases, "edge cases"),
            )
            if count
        ]
        lines.append(f"{report.action:8} {report.id:40} {report.path}")
        if not verbose:
            continue
        lines.append(
            f"         {report.mode}; id from {report.id_from}; title from {report.title_from}"
        )
        if report.sections:
            lines.append(f"         sections: {', '.join(report.sections)}")
        if found:
            lines.append(f"         found: {', '.join(found)}")
        if report.free_text:
            lines.append(f"         kept as text: {', '.join(report.free_text)}")
        lines.extend(f"         review: {item}" for item in report.review)
    return "\n".join(lines)


def render_json(reports: Sequence[FileReport], summary: dict[str, object]) -> str:
    data = {"summary": summary, "files": [asdict(report) for report in reports]}
    return json.dumps(data, ensure_ascii=False, indent=2)
