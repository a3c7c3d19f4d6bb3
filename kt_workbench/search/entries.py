"""A process document as searchable entries: one per piece of text, each with its place.

Every entry carries the checker's section name and a human location ("step 3",
"edge case: The customer will not send photos") so a hit says where to look. Table rows
(access rights, metrics, contacts, glossary) become one entry each because a row reads as
one fact; block fields and list items become one entry per field so snippets stay focused.
Long texts (an imported page's sections run to thousands of words) become paragraph-sized
entries under the same location, so scoring and highlighting one place costs the same
whatever the length of the page.

Text the structure does not name (preserved notes, front-matter fields of other tools such
as ``description:``) is indexed too, weighted below the structured fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from kt_workbench.model import ProcessDocument
from kt_workbench.search.text import mostly_unspaced

# Titles weigh most; names of things (tags, step actions, script titles) more than prose.
TITLE_WEIGHT = 3.0
TAG_WEIGHT = 2.0
NAME_WEIGHT = 1.5
LABEL_WEIGHT = 1.2
TEXT_WEIGHT = 1.0
# Preserved notes and other tools' front-matter values: found, but below structured text.
LOOSE_WEIGHT = 0.8
ROW_SEPARATOR = " · "
# Paragraph-sized entries: texts longer than this are split at blank lines, and paragraphs
# longer than it at the last sentence end (or space) before it.
CHUNK_CHARS = 600
# In Japanese or Chinese every character or two is a word: pieces a quarter as long hold
# about as many words as an English one.
UNSPACED_CHUNK_SHARE = 4
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"[.!?。！？]\s")
# ``key: value`` and ``- value`` lines of YAML; the value is what a person wrote.
_YAML_VALUE = re.compile(r"^\s*(?:-\s+|[^:#\s][^:]*:(?:\s+|$))?(.*)$")


class Entry(NamedTuple):
    section: str
    location: str
    text: str
    weight: float


def document_entries(document: ProcessDocument) -> list[Entry]:
    """Every non-empty text of a process as entries, in document order."""
    entries: list[Entry] = []

    def add(section: str, location: str, text: str, weight: float = TEXT_WEIGHT) -> None:
        if len(text) > CHUNK_CHARS // UNSPACED_CHUNK_SHARE and (
            len(text) > CHUNK_CHARS or mostly_unspaced(text)
        ):
            size = CHUNK_CHARS // UNSPACED_CHUNK_SHARE if mostly_unspaced(text) else CHUNK_CHARS
            entries.extend(Entry(section, location, part, weight) for part in chunks(text, size))
        elif text.strip():
            entries.append(Entry(section, location, text, weight))

    if document.title.strip():  # a name, matched whole: never cut into pieces
        entries.append(Entry("overview", "title", document.title, TITLE_WEIGHT))
    add("overview", "tags", ", ".join(document.tags), TAG_WEIGHT)
    add("overview", "owner", document.owner, NAME_WEIGHT)
    add("overview", "team", document.team, LABEL_WEIGHT)
    add("overview", "purpose", document.purpose)
    add("overview", "scope", document.scope)
    for key, value in front_matter_values(document.extra_front_matter):
        add("overview", f"front matter: {key}", value, LOOSE_WEIGHT)
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
        add(note.section, where, note.text, LOOSE_WEIGHT)
    for extra in document.extra_sections:
        where = f"section: {extra.heading}"
        add("overview", where, extra.heading, LABEL_WEIGHT)
        add("overview", where, extra.body)
    return entries


def chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[str]:
    """Paragraph-sized pieces of a long text, each at most about ``size`` characters.

    Short neighbouring paragraphs are kept together; a piece never starts or ends inside a
    word unless one word is longer than ``size``.
    """
    pending = ""
    for paragraph in _PARAGRAPH_BREAK.split(text):
        if not paragraph.strip():
            continue
        if pending and len(pending) + len(paragraph) + 2 <= size:
            pending = f"{pending}\n\n{paragraph}"
            continue
        if pending:
            yield pending
        pending = ""
        while len(paragraph) > size:
            cut = _cut(paragraph, size)
            head, paragraph = paragraph[:cut].rstrip(), paragraph[cut:].lstrip()
            if head:
                yield head
        pending = paragraph
    if pending.strip():
        yield pending


def _cut(paragraph: str, size: int) -> int:
    """Where to cut a long paragraph: after the last sentence end, else the last space."""
    window = paragraph[:size]
    ends = [match.end() for match in _SENTENCE_END.finditer(window)]
    if ends and ends[-1] > size // 3:
        return ends[-1]
    space = max(window.rfind(" "), window.rfind("\n"), window.rfind("\t"))
    return space + 1 if space > 0 else size


def front_matter_values(extra: str) -> list[tuple[str, str]]:
    """(key, text) for each top-level key of extra YAML front matter, values only.

    A line-by-line reading rather than a YAML parse: it costs nothing per process, and
    keys, list dashes and quotes are not words anyone searches for.
    """
    found: list[tuple[str, str]] = []
    for line in extra.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace() and ":" in line and not line.startswith("-"):
            key, _, rest = line.partition(":")
            found.append((key.strip().strip("'\""), rest.strip()))
            continue
        match = _YAML_VALUE.match(line)
        value = match.group(1).strip() if match else line.strip()
        if found:
            key, text = found[-1]
            found[-1] = (key, f"{text}\n{value}" if text else value)
        else:
            found.append(("", value))
    return [(key, _unquoted(text)) for key, text in found if text.strip(" \n'\"|>-")]


def _unquoted(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text.lstrip("|>-").strip()


def _row(cells: tuple[str, ...]) -> str:
    return ROW_SEPARATOR.join(cell for cell in cells if cell.strip())


def _labelled(label: str, value: str) -> str:
    return f"{label} {value}" if value.strip() else ""


def _label(section: str) -> str:
    return section.replace("_", " ")
