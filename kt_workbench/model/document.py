"""The process document: one customer-service process with everything a provider needs.

Text fields hold markdown source exactly as the owner wrote it. Single-line fields (a step,
a table cell, an answer) never contain a newline; block fields (purpose, scope, details,
notes, script bodies) may span paragraphs. The aggregate is immutable: edit with
``dataclasses.replace``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal, get_args

from kt_workbench.model.decision_tree import DecisionTree
from kt_workbench.model.layout import Layout

Status = Literal["draft", "in-review", "approved"]
STATUSES: tuple[str, ...] = get_args(Status)

SectionName = Literal[
    "overview",
    "procedure",
    "scripts",
    "decision_tree",
    "access_rights",
    "edge_cases",
    "metrics",
    "contacts",
    "glossary",
]
SECTION_NAMES: tuple[str, ...] = get_args(SectionName)
# The sections a file writes under a level-2 heading, in canonical order. ``overview`` is the
# text between the title and the first section; purpose and scope are plain text fields.
BODY_SECTIONS: tuple[str, ...] = (
    "purpose",
    "scope",
    *(name for name in SECTION_NAMES if name != "overview"),
)


@dataclass(frozen=True)
class Step:
    """One action in the handling procedure."""

    text: str
    role: str = ""
    system: str = ""
    done_when: str = ""
    details: str = ""


@dataclass(frozen=True)
class Script:
    """What the agent says or writes at a key moment."""

    title: str
    body: str = ""


@dataclass(frozen=True)
class AccessRight:
    """A system the external team must be granted, and how."""

    system: str
    role: str = ""
    access: str = ""
    how_to_request: str = ""
    approver: str = ""


@dataclass(frozen=True)
class EdgeCase:
    """A situation off the happy path: when it happens, how to handle it, whom to escalate to."""

    title: str
    when: str = ""
    handle: str = ""
    escalate_to: str = ""
    details: str = ""


@dataclass(frozen=True)
class Metric:
    """A number the provider is measured on: today's baseline and ramp-up targets."""

    name: str
    baseline: str = ""
    target_30: str = ""
    target_60: str = ""
    target_90: str = ""


@dataclass(frozen=True)
class Contact:
    """Someone to escalate to, with how and when they can be reached."""

    role: str
    name: str = ""
    channel: str = ""
    hours: str = ""


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    meaning: str = ""


@dataclass(frozen=True)
class ExtraSection:
    """An H2 section the format does not know, kept verbatim."""

    heading: str
    body: str = ""


@dataclass(frozen=True)
class SectionNote:
    """Text inside a known section that is not part of its structure, kept verbatim.

    ``section`` is one of ``SECTION_NAMES``; for ``overview`` it is the text between the
    title and the first section, or with ``after`` -1 the text written above the title.
    ``after`` is how many of the section's structured items (steps, the tree, the table)
    come before the text: notes and items are written back interleaved in that order.
    """

    section: str
    text: str
    after: int = 0


@dataclass(frozen=True)
class ProcessDocument:
    """The aggregate for one process, used by the parser, renderer, store, checker and search."""

    id: str
    title: str
    owner: str = ""
    team: str = ""
    status: Status = "draft"
    channels: tuple[str, ...] = ()
    volume_per_month: int | None = None
    last_reviewed: dt.date | None = None
    review_every_days: int | None = None
    tags: tuple[str, ...] = ()
    extra_front_matter: str = ""
    purpose: str = ""
    scope: str = ""
    steps: tuple[Step, ...] = ()
    scripts: tuple[Script, ...] = ()
    decision_tree: DecisionTree = field(default_factory=DecisionTree)
    access_rights: tuple[AccessRight, ...] = ()
    edge_cases: tuple[EdgeCase, ...] = ()
    metrics: tuple[Metric, ...] = ()
    contacts: tuple[Contact, ...] = ()
    glossary: tuple[GlossaryEntry, ...] = ()
    notes: tuple[SectionNote, ...] = ()
    extra_sections: tuple[ExtraSection, ...] = ()
    layout: Layout = field(default_factory=Layout)

    def note(self, section: str) -> str:
        """The preserved free text of a known section, or an empty string."""
        return "\n\n".join(n.text for n in self.notes if n.section == section)

    def filled_sections(self) -> list[str]:
        """The known sections that have something in them, in canonical order."""
        notes = {note.section for note in self.notes if note.text}
        structured = {
            "purpose": bool(self.purpose),
            "scope": bool(self.scope),
            "procedure": bool(self.steps),
            "scripts": bool(self.scripts),
            "decision_tree": bool(self.decision_tree),
            "access_rights": bool(self.access_rights),
            "edge_cases": bool(self.edge_cases),
            "metrics": bool(self.metrics),
            "contacts": bool(self.contacts),
            "glossary": bool(self.glossary),
        }
        return [name for name in BODY_SECTIONS if structured[name] or name in notes]

    def review_due(self) -> dt.date | None:
        """The date the next review is due, when both the last review and interval are known."""
        if self.last_reviewed is None or self.review_every_days is None:
            return None
        try:
            return self.last_reviewed + dt.timedelta(days=self.review_every_days)
        except OverflowError:  # an interval past the end of the calendar: never due
            return None
