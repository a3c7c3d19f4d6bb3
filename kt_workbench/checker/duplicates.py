"""Near-duplicate processes: similar titles and similar steps.

Comparing every pair of 5,000 processes with an edit-distance scorer is 12.5 million
comparisons, far too slow. Candidates are blocked cheaply first: each title becomes its set of
content words, and a process is filed under that set and under the set minus each one word.
Two titles that differ by one word (added, dropped or replaced) therefore share a bucket, and
only those pairs are confirmed with rapidfuzz on the full titles and the steps. Titles that
differ in two or more words are too different to count as near-duplicates at the default
threshold anyway.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from kt_workbench.model import ProcessDocument

_WORD = re.compile(r"[^\W_]+")
_NUMBER = re.compile(r"\d+")
_STOP_WORDS = frozenset(
    "a an the and or of for in on to with by from at as is are be it its this that our your "  # noqa: SIM905
    "their how what when".split()
)
# A bucket this large comes from a very short, generic title ("Refund"); comparing all of its
# members is quadratic, and such titles say too little to call processes duplicates.
MAX_BUCKET = 64
# Two documents without steps are compared on their text, when both have this much of it;
# two near-empty stubs say nothing about what they do, so they are never duplicates.
MIN_BODY_WORDS = 40
MAX_BODY_WORDS = 600


def title_words(title: str) -> tuple[str, ...]:
    """Content words of a title, sorted, with a plural "s" dropped ("charges" is "charge")."""
    words = {
        word[:-1] if len(word) > 3 and word[-1] == "s" and word[-2] != "s" else word
        for word in _WORD.findall(title.casefold())
        if word not in _STOP_WORDS
    }
    return tuple(sorted(words))


def _bucket_keys(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    keys = [words]
    if len(words) > 2:
        keys += [words[:index] + words[index + 1 :] for index in range(len(words))]
    return keys


class _Entry:
    """A process as the duplicate check compares it. The normalised steps are only needed
    for the few processes that share a bucket, so they are computed on first use."""

    __slots__ = ("_body", "_steps", "doc", "numbers", "title", "words")

    def __init__(self, doc: ProcessDocument) -> None:
        self.doc = doc
        self.words = title_words(doc.title)
        self.title = " ".join(self.words)
        self.numbers = tuple(_NUMBER.findall(doc.title))
        self._steps: str | None = None
        self._body: str | None = None

    @property
    def steps(self) -> str:
        if self._steps is None:
            text = " ".join(step.text for step in self.doc.steps).casefold()
            self._steps = " ".join(_WORD.findall(text))
        return self._steps

    @property
    def body(self) -> str:
        """The document's prose when it has no steps (purpose, scope, notes, other sections),
        normalised and capped: what two step-less documents are compared on."""
        if self._body is None:
            doc = self.doc
            parts = [doc.purpose, doc.scope, *(note.text for note in doc.notes)]
            parts += [f"{extra.heading} {extra.body}" for extra in doc.extra_sections]
            words = _WORD.findall(" ".join(parts).casefold())
            self._body = " ".join(words[:MAX_BODY_WORDS]) if len(words) >= MIN_BODY_WORDS else ""
        return self._body


@dataclass(frozen=True)
class DuplicateMatch:
    other_id: str
    title_similarity: int
    steps_similarity: int
    basis: str = "steps"  # what was compared besides the titles: "steps" or "text"


@dataclass(frozen=True)
class DuplicateIndex:
    entries: dict[str, _Entry] = field(default_factory=dict)
    buckets: dict[tuple[str, ...], list[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, docs: Iterable[ProcessDocument]) -> DuplicateIndex:
        entries: dict[str, _Entry] = {}
        buckets: dict[tuple[str, ...], list[str]] = {}
        for doc in docs:
            entry = _Entry(doc)
            entries[doc.id] = entry
            if not entry.words:
                continue
            for key in _bucket_keys(entry.words):
                buckets.setdefault(key, []).append(doc.id)
        return cls(entries, buckets)

    def matches(self, doc: ProcessDocument, threshold: int) -> list[DuplicateMatch]:
        """Other processes whose title and steps are both at least ``threshold`` % similar."""
        # A document checked against the library it is part of reuses its entry.
        stored = self.entries.get(doc.id)
        entry = stored if stored is not None and stored.doc is doc else _Entry(doc)
        if not entry.words:
            return []
        candidates: set[str] = set()
        for key in _bucket_keys(entry.words):
            members = self.buckets.get(key, ())
            if len(members) <= MAX_BUCKET:
                candidates.update(members)
        candidates.discard(doc.id)
        found = []
        for other_id in sorted(candidates):
            other = self.entries[other_id]
            if entry.numbers != other.numbers and entry.numbers and other.numbers:
                # "Release notes 5.0.4" and "Release notes 5.0.3": items of a series.
                continue
            title_score = fuzz.token_sort_ratio(entry.title, other.title, score_cutoff=threshold)
            if title_score < threshold:
                continue
            # Similarity needs content: steps against steps, or (both without steps) text
            # against text. A stub next to a written procedure, or two stubs, cannot be
            # compared on what they do, so they are left alone.
            basis = "steps"
            if entry.steps and other.steps:
                score = fuzz.ratio(entry.steps, other.steps, score_cutoff=threshold)
            elif not entry.steps and not other.steps and entry.body and other.body:
                basis = "text"
                score = fuzz.ratio(entry.body, other.body, score_cutoff=threshold)
            else:
                score = 0.0
            if score >= threshold:
                found.append(DuplicateMatch(other_id, round(title_score), round(score), basis))
        return found
