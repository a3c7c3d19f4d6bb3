"""A process document as searchable entries: one per piece of text, each with its place.

Every entry carries the checker's section name and a human location ("step 3",
"edge case: The customer will not send photos") so a hit says where to look. Table rows
(access rights, metrics, contacts, glossary) become one entry each because a row reads as
one fact; block fields and list items become one entry per field so snippets stay focused.
"""

from __future__ import annotations

from typing import NamedTuple

from kt_workbench.model import ProcessDocument

# Titles weigh most; names of things (tags, step actions, script titles) more than prose.
TITLE_WEIGHT = 3.0
TAG_WEIGHT = 2.0
NAME_WEIGHT = 1.5
LABEL_WEIGHT = 1.2
TEXT_WEIGHT = 1.0
ROW_SEPARATOR = " · "


class Entry(NamedTuple):
    section: str
    location: str
    text: str
    weight: float


def document_entries(document: ProcessDocument) -> list[Entry]:
    """Every non-empty text of a process as entries, in document order."""
    entries: list[Entry] = []

    def add(section: str, location: str, text: str, weight: float = TEXT_WEIGHT) -> None:
        if text.strip():
            entries.append(Entry(section, location, text, weight))

    add("overview", "title", document.title, TITLE_WEIGHT)
    add("overview", "tags", ", ".join(document.tags), TAG_WEIGHT)
    add("overview", "owner", document.owner, NAME_WEIGHT)
    add("overview", "team", document.team, LABEL_WEIGHT)
    add("overview", "purpose", document.purpose)
    add("overview", "scope", document.scope)
    for number, step in enumerate(document.steps, start=1):
        where = f"step {number}"
        add("procedure", where, step.text, NAME_WEIGHT)
        for part in (step.role, step.system, step.done_when, step.details):
            add("procedure", where, part)
    for script in document.scripts:
        where = f"script: {script.title}"
        add("scripts", where, script.title, NAME_WEIGHT)
        add("scripts", where, script.body)
    for visited in document.decision_tree.walk():
        where = f"tree {visited.label}"
        add("decision_tree", where, visited.node.text, LABEL_WEIGHT)
        answers = [branch.answer for branch in visited.node.branches if branch.answer.strip()]
        add("decision_tree", where, " / ".join(answers))
    for right in document.access_rights:
        cells = (right.system, right.role, right.access, right.how_to_request, right.approver)
        add("access_rights", f"access: {right.system}", _row(cells))
    for case in document.edge_cases:
        where = f"edge case: {case.title}"
        add("edge_cases", where, case.title, LABEL_WEIGHT)
        for part in (case.when, case.handle, case.escalate_to, case.details):
            add("edge_cases", where, part)
    for metric in document.metrics:
        cells = (
            metric.name,
            _labelled("baseline", metric.baseline),
            _labelled("30 days", metric.target_30),
            _labelled("60 days", metric.target_60),
            _labelled("90 days", metric.target_90),
        )
        add("metrics", f"metric: {metric.name}", _row(cells))
    for contact in document.contacts:
        add(
            "contacts",
            f"contact: {contact.role}",
            _row((contact.role, contact.name, contact.channel, contact.hours)),
        )
    for term in document.glossary:
        add("glossary", f"glossary: {term.term}", _row((term.term, term.meaning)), LABEL_WEIGHT)
    for note in document.notes:
        where = "notes" if note.section == "overview" else f"{_label(note.section)} notes"
        add(note.section, where, note.text)
    for extra in document.extra_sections:
        where = f"section: {extra.heading}"
        add("overview", where, extra.heading, LABEL_WEIGHT)
        add("overview", where, extra.body)
    return entries


def _row(cells: tuple[str, ...]) -> str:
    return ROW_SEPARATOR.join(cell for cell in cells if cell.strip())


def _labelled(label: str, value: str) -> str:
    return f"{label} {value}" if value.strip() else ""


def _label(section: str) -> str:
    return section.replace("_", " ")
