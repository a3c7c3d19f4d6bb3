"""The words the format recognises: section headings, field labels and table columns.

Matching is case-insensitive and ignores punctuation, accents on Latin letters, full-width
forms and extra spaces, so ``## KPIs``, ``## Access:``, ``| Systeme |`` and ``| ＫＰＩ |`` work.
The first name in each list is the canonical one the renderer writes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from kt_workbench.markdown.column_languages import LANGUAGE_COLUMNS
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
# The combining accents of Latin letters (``é`` is ``e`` and U+0301 once decomposed); Japanese
# voicing marks (U+3099, U+309A) are outside this range and stay.
_LATIN_ACCENTS = re.compile(r"[\u0300-\u036f]+")
_SPACES = re.compile(r"[\s_]+")
# A heading id as Hugo, kramdown and pandoc write it: ``## Overview {#overview}``.
_HEADING_ID = re.compile(r"[ \t]*\{#[^{}]*\}[ \t]*$")
# "Steps for support engineers", "Workflow for admins": the part before "for" names the section.
_FOR_ROLE = re.compile(r"^(?P<name>.+?)\s+(?:for|per)\s+\S.*$", re.I)


@lru_cache(maxsize=4096)
def normalise(name: str) -> str:
    """Fold a heading, label or column name for matching."""
    folded = unicodedata.normalize("NFKC", name)
    folded = unicodedata.normalize(
        "NFC", _LATIN_ACCENTS.sub("", unicodedata.normalize("NFD", folded))
    )
    return _SPACES.sub(" ", _PUNCTUATION.sub(" ", folded.replace("-", " "))).strip().casefold()


ColumnNames = dict[str, dict[str, tuple[str, ...]]]
"""Column names by section and field, as ``TABLE_COLUMNS`` holds them."""


class Vocabulary:
    """The section headings and table columns an import recognises: the English tables, the
    shipped languages chosen, and any names the ``[headings]`` and ``[columns]`` tables of
    ktw.toml add."""

    def __init__(
        self,
        languages: tuple[str, ...] | None = None,
        added: dict[str, tuple[str, ...]] | None = None,
        added_columns: ColumnNames | None = None,
    ) -> None:
        self.languages = tuple(LANGUAGE_HEADINGS) if languages is None else languages
        self.added = dict(added or {})
        self.added_columns = {
            section: dict(fields) for section, fields in (added_columns or {}).items()
        }
        index = _index(SECTION_HEADINGS)
        for language in self.languages:
            for key, names in _index(LANGUAGE_HEADINGS[language]).items():
                index.setdefault(key, names)
        for key, names in _index(self.added).items():
            index[key] = names
        self._sections = index
        self._columns = {
            section: _column_indexes(section, self.languages, self.added_columns.get(section, {}))
            for section in TABLE_COLUMNS
        }

    def section_for_heading(self, heading: str) -> str | None:
        """The known section a level-2 heading opens, or None for an unknown section."""
        text = _HEADING_ID.sub("", heading)
        found = self._sections.get(normalise(text))
        if found is None:
            role = _FOR_ROLE.match(text)
            if role is not None:
                found = self._sections.get(normalise(role["name"]))
        return found

    def column_keys(self, section: str, header: Sequence[str]) -> list[str] | None:
        """Map a table header to the section's field names, or None when a column is not
        recognised, a field is named twice, or the section's first field is missing.

        The header is read in each chosen language in turn (English beneath it, the names
        ktw.toml adds above it): the first reading where every column fits is the answer.
        """
        first_field = next(iter(TABLE_COLUMNS[section]))
        for index in self._columns[section]:
            keys = [index.get(normalise(cell)) for cell in header]
            if any(key is None for key in keys) or len(set(keys)) != len(keys):
                continue
            if first_field in keys:
                return [key for key in keys if key is not None]
        return None


def _column_indexes(
    section: str, languages: tuple[str, ...], added: dict[str, tuple[str, ...]]
) -> list[dict[str, str]]:
    """One index per language chosen: the English names, that language's over them, and
    the names ktw.toml adds over both. Without a language, English and the additions."""
    english = _index(TABLE_COLUMNS[section])
    indexes = []
    for language in languages or (None,):
        index = dict(english)
        if language is not None:
            index.update(_index(LANGUAGE_COLUMNS[language].get(section, {})))
        index.update(_index(added))
        if index not in indexes:
            indexes.append(index)
    return indexes


def _index(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {normalise(alias): key for key, aliases in table.items() for alias in aliases}


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


def column_keys(section: str, header: Sequence[str]) -> list[str] | None:
    """Map a table header to field names with the default vocabulary (every shipped
    language), or None when a column is not recognised."""
    return DEFAULT_VOCABULARY.column_keys(section, header)


def all_labels(labels: dict[str, tuple[str, ...]]) -> list[str]:
    return [alias for aliases in labels.values() for alias in aliases]


DEFAULT_VOCABULARY = Vocabulary()
