"""The query language: free words, "exact phrases" and ``key:value`` filters.

``refnud dupl team:"Billing support" section:procedure`` is two fuzzy words (the last one
also a prefix, as it may still be being typed), a team filter and a section filter.
Unknown filter values make the query match nothing, and say why in ``problems``, so a
search box can show the reason while a script gets an empty result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kt_workbench.model import SECTION_NAMES, STATUSES
from kt_workbench.search.text import fold, words
from kt_workbench.search.vocabulary import MIN_PREFIX

FILTER_KEYS = ("team", "owner", "status", "section", "readiness")
_PART = re.compile(
    r'(?P<key>[A-Za-z]+):"(?P<quoted>[^"]*)"?'
    r"|(?P<bare_key>[A-Za-z]+):(?P<value>[^\s\"]+)"
    r'|"(?P<phrase>[^"]*)"?'
    r'|(?P<word>[^\s"]+)'
)
# Other names people use for the sections, matched after folding.
_SECTION_SYNONYMS = {
    "steps": "procedure",
    "step": "procedure",
    "tree": "decision_tree",
    "decision": "decision_tree",
    "access": "access_rights",
    "edge": "edge_cases",
    "exceptions": "edge_cases",
    "kpis": "metrics",
    "kpi": "metrics",
    "escalation": "contacts",
    "terms": "glossary",
    "script": "scripts",
}
# Too common to tell processes apart; dropped unless the query has nothing else.
STOPWORDS = frozenset(
    words(
        "a an and are as at be by do does for from how i in is it of on or the to what when "
        "where which who with"
    )
)


@dataclass(frozen=True)
class Query:
    terms: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    prefix_last: bool = False
    problems: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.terms or self.phrases or self.filters)


def parse_query(text: str) -> Query:
    """Split a query into folded words, phrases and filters; never raises."""
    terms: list[str] = []
    phrases: list[tuple[str, ...]] = []
    filters: dict[str, list[str]] = {}
    problems: list[str] = []
    last_is_word = False
    for match in _PART.finditer(text):
        key = (match.group("key") or match.group("bare_key") or "").lower()
        value = match.group("quoted") if match.group("key") else match.group("value")
        last_is_word = False
        if key in FILTER_KEYS and value is not None:
            normalized, problem = _filter_value(key, value)
            if problem:
                problems.append(problem)
            filters.setdefault(key, []).append(normalized)
        elif match.group("phrase") is not None:
            phrase = tuple(words(match.group("phrase")))
            if phrase:
                phrases.append(phrase)
        else:
            found = words(match.group())
            terms.extend(found)
            last_is_word = bool(found)
    typing = last_is_word and not text[-1:].isspace()
    meaningful = [term for term in terms if term not in STOPWORDS]
    if typing and not meaningful and terms and len(terms[-1]) >= MIN_PREFIX:
        # "the" may be the start of "theft": a lone stopword still being typed stays, as
        # a prefix; finished stopwords match everything and so mean nothing.
        meaningful = [terms[-1]]
    prefix_last = typing and bool(meaningful) and meaningful[-1] is terms[-1]
    terms = meaningful
    return Query(
        terms=tuple(terms),
        phrases=tuple(phrases),
        filters={key: tuple(values) for key, values in filters.items()},
        prefix_last=prefix_last,
        problems=tuple(problems),
    )


def _filter_value(key: str, value: str) -> tuple[str, str | None]:
    """The value in the form filters compare, and a problem when it can match nothing."""
    folded = " ".join(words(value))
    if key == "section":
        section = _resolve(folded.replace(" ", "_"), SECTION_NAMES, _SECTION_SYNONYMS)
        if section is None:
            return folded, f"unknown section {value!r}: use one of {', '.join(SECTION_NAMES)}"
        return section, None
    if key == "status":
        status = _resolve(folded.replace(" ", "-"), STATUSES, {"review": "in-review"})
        if status is None:
            return folded, f"unknown status {value!r}: use one of {', '.join(STATUSES)}"
        return status, None
    if not folded:
        return folded, f"empty {key} filter"
    return folded, None


def _resolve(value: str, names: tuple[str, ...], synonyms: dict[str, str]) -> str | None:
    """An exact name, a synonym, or the one name the value is a prefix of."""
    if value in names:
        return value
    if value in synonyms:
        return synonyms[value]
    candidates = [name for name in names if name.startswith(value)] if value else []
    return candidates[0] if len(candidates) == 1 else None


def matches_text_filter(wanted: tuple[str, ...], have: tuple[str, ...]) -> bool:
    """Team and owner filters: any wanted value's words begin the field's (folded) words."""
    return any(_words_prefix(value.split(" "), have) for value in wanted)


def _words_prefix(wanted: list[str], have: tuple[str, ...]) -> bool:
    # Each wanted word must begin some word of the field, in order, so "billing sup"
    # finds "Billing support" and "priya" finds "Priya Natarajan".
    position = 0
    for word in wanted:
        while position < len(have) and not have[position].startswith(word):
            position += 1
        if position == len(have):
            return False
        position += 1
    return True


__all__ = ["FILTER_KEYS", "STOPWORDS", "Query", "fold", "matches_text_filter", "parse_query"]
