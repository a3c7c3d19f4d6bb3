"""The words the format recognises: section headings, field labels and table columns.

Matching is case-insensitive and ignores punctuation, so ``## KPIs`` and ``## Access:`` work.
The first name in each list is the canonical one the renderer writes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kt_workbench.markdown.heading_languages import LANGUAGE_HEADINGS

SECTION_HEADINGS: dict[str, tuple[str, ...]] = {
    "purpose": ("Purpose", "Objective", "Goal", "Overview", "Summary", "Description"),
    "scope": ("Scope", "Applies to", "In scope"),
    "procedure": (
        "Procedure",
        "Steps",
        "Handling procedure",
        "Process steps",
        "Instructions",
        "Workflow",
        "How to handle",
        "Process",
    ),
    "scripts": (
        "Scripts",
        "Customer scripts",
        "Templates",
        "Canned responses",
        "Macros",
        "Wording",
    ),
    "decision_tree": ("Decision tree", "Decision trees", "Decisions", "Triage", "Decision flow"),
    "access_rights": (
        "Access rights",
        "Access",
        "Permissions",
        "System access",
        "Systems access",
        "Systems and access",
        "Access requirements",
    ),
    "edge_cases": ("Edge cases", "Exceptions", "Special cases", "Exceptions and escalations"),
    "metrics": ("Metrics", "KPIs", "KPI", "Targets", "Baseline and targets", "Measures"),
    "contacts": ("Escalation contacts", "Contacts", "Escalation matrix", "Escalations"),
    "glossary": ("Glossary", "Terms", "Definitions", "Terminology"),
}

STEP_LABELS: dict[str, tuple[str, ...]] = {
    "role": ("Role", "Who", "Done by"),
    "system": ("System", "Systems", "Tool", "Where"),
    "done_when": ("Done when", "Done-when", "Complete when", "Finished when"),
}

EDGE_CASE_LABELS: dict[str, tuple[str, ...]] = {
    "when": ("When", "Trigger", "Situation"),
    "handle": ("Handle", "Action", "How to handle", "Resolution"),
    "escalate_to": ("Escalate to", "Escalation", "Escalate"),
}

TABLE_COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "access_rights": {
        "system": ("System", "Application", "Tool"),
        "role": ("Role", "Team role"),
        "access": ("Access", "Access level", "Level", "Permission", "Permissions"),
        "how_to_request": ("How to request", "Request", "Request via", "How to get it"),
        "approver": ("Approver", "Approved by", "Approval"),
    },
    "metrics": {
        "name": ("Metric", "KPI", "Measure"),
        "baseline": ("Baseline", "Current", "Today"),
        "target_30": ("30 days", "30 day", "30 day target", "Day 30", "30d"),
        "target_60": ("60 days", "60 day", "60 day target", "Day 60", "60d"),
        "target_90": ("90 days", "90 day", "90 day target", "Day 90", "90d"),
    },
    "contacts": {
        "role": ("Role", "Escalation level", "Level"),
        "name": ("Name", "Person", "Contact"),
        "channel": ("Channel", "How to reach", "Reach via", "Contact via"),
        "hours": ("Hours", "Availability", "When"),
    },
    "glossary": {
        "term": ("Term", "Acronym", "Word"),
        "meaning": ("Meaning", "Definition", "Description"),
    },
}

_PUNCTUATION = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"[\s_]+")
# A heading id as Hugo, kramdown and pandoc write it: ``## Overview {#overview}``.
_HEADING_ID = re.compile(r"[ \t]*\{#[^{}]*\}[ \t]*$")
# "Steps for support engineers", "Workflow for admins": the part before "for" names the section.
_FOR_ROLE = re.compile(r"^(?P<name>.+?)\s+(?:for|per)\s+\S.*$", re.I)


@lru_cache(maxsize=4096)
def normalise(name: str) -> str:
    """Fold a heading, label or column name for matching."""
    return _SPACES.sub(" ", _PUNCTUATION.sub(" ", name.replace("-", " "))).strip().casefold()


class Vocabulary:
    """The section headings an import recognises: the English table, the shipped languages
    chosen, and any headings a ``[headings]`` table of ktw.toml adds."""

    def __init__(
        self,
        languages: tuple[str, ...] | None = None,
        added: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.languages = tuple(LANGUAGE_HEADINGS) if languages is None else languages
        self.added = dict(added or {})
        index = _index(SECTION_HEADINGS)
        for language in self.languages:
            for key, names in _index(LANGUAGE_HEADINGS[language]).items():
                index.setdefault(key, names)
        for key, names in _index(self.added).items():
            index[key] = names
        self._sections = index

    def section_for_heading(self, heading: str) -> str | None:
        """The known section a level-2 heading opens, or None for an unknown section."""
        text = _HEADING_ID.sub("", heading)
        found = self._sections.get(normalise(text))
        if found is None:
            role = _FOR_ROLE.match(text)
            if role is not None:
                found = self._sections.get(normalise(role["name"]))
        return found


def _index(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {normalise(alias): key for key, aliases in table.items() for alias in aliases}


_COLUMNS = {section: _index(columns) for section, columns in TABLE_COLUMNS.items()}
_LABELS = {id(table): _index(table) for table in (STEP_LABELS, EDGE_CASE_LABELS)}


def section_for_heading(heading: str) -> str | None:
    """The known section a heading opens with the default vocabulary (every shipped language)."""
    return DEFAULT_VOCABULARY.section_for_heading(heading)


def canonical_heading(section: str) -> str:
    return SECTION_HEADINGS[section][0]


def label_matcher(labels: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    """A pattern for ``Label: value`` (labels may be bold), capturing the label and the value."""
    names = sorted(all_labels(labels), key=len, reverse=True)
    alternatives = "|".join(re.escape(name) for name in names)
    # Only spaces and tabs may stand between a label and its colon, as in the escape that
    # block_escapes writes for a bullet that merely looks like a label.
    return re.compile(rf"^[*_]*(?P<label>{alternatives})[*_]*[ \t]*:[*_]*\s*(?P<value>.*)$", re.I)


def label_key(labels: dict[str, tuple[str, ...]], label: str) -> str:
    index = _LABELS.get(id(labels)) or _index(labels)
    return index[normalise(label)]


def column_keys(section: str, header: list[str]) -> list[str] | None:
    """Map a table header to field names, or None when a column is not recognised."""
    index = _COLUMNS[section]
    keys = [index.get(normalise(cell)) for cell in header]
    if any(key is None for key in keys) or len(set(keys)) != len(keys):
        return None
    first_field = next(iter(TABLE_COLUMNS[section]))
    if first_field not in keys:
        return None
    return [key for key in keys if key is not None]


def all_labels(labels: dict[str, tuple[str, ...]]) -> list[str]:
    return [alias for aliases in labels.values() for alias in aliases]


DEFAULT_VOCABULARY = Vocabulary()
