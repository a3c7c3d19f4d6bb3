"""Scoring one entry against a query.

An entry's score adds, for each query word, its rarity times how well the entry matches it
(exact beats prefix beats a typo) times the entry's weight (titles weigh most). Query words
found elsewhere in the same process add a little, so a step in the right process outranks
the same step in a process that only shares one word. Matching words close together add a
proximity bonus. Every part is bounded by what the postings promise for the process, which
is what lets the ranking stop early.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kt_workbench.search.entries import Entry
from kt_workbench.search.text import words

if TYPE_CHECKING:
    from kt_workbench.search.index import IndexedProcess
    from kt_workbench.search.postings import Postings
    from kt_workbench.search.ranking import Term

# Share of a word's best value in the process credited to entries that lack the word.
CONTEXT = 0.25
# The bonus for all query words side by side, as a share of their combined rarity.
PROXIMITY = 0.5
# Scores are rounded so that equal scores compare equal and ties fall to the process id.
SCORE_DIGITS = 6


@dataclass(frozen=True, slots=True)
class ScoredEntry:
    ordinal: int
    score: float


class EntryScorer:
    def __init__(self, terms: Sequence[Term], phrases: Sequence[tuple[str, ...]]) -> None:
        self._lookup: dict[str, list[tuple[int, float]]] = {}
        for number, term in enumerate(terms):
            if not term.in_phrase:
                for word, strength in term.candidates.items():
                    self._lookup.setdefault(word, []).append((number, strength))
        self._phrase_term = {
            word: number
            for number, term in enumerate(terms)
            if term.in_phrase
            for word in term.candidates
        }
        self._words = frozenset(self._lookup) | frozenset(self._phrase_term)
        self._free = [number for number, term in enumerate(terms) if not term.in_phrase]
        self._phrases = phrases
        self._phrase_strength = {
            number: term.strongest for number, term in enumerate(terms) if term.in_phrase
        }

    @staticmethod
    def proximity_room(strengths: Sequence[float]) -> float:
        """The largest proximity bonus any entry can get for words of these strengths."""
        return PROXIMITY * sum(strengths) if len(strengths) >= 2 else 0.0

    def score_process(
        self,
        process: IndexedProcess,
        postings: Postings,
        sections: frozenset[str],
        context: Sequence[float],
    ) -> list[ScoredEntry]:
        """Every entry of a process that matches, with its score.

        Only the entries holding a query word are looked at, found through the entry
        postings; their text is read only when word positions matter (phrases, or two
        query words whose closeness earns a bonus).
        """
        first = process.first
        end = first + len(process.entries)
        held: dict[int, dict[int, float]] = {}
        for word, matched in self._lookup.items():
            for number in postings.within(word, first, end):
                strength = held.setdefault(number - first, {})
                for term, value in matched:
                    if value > strength.get(term, 0.0):
                        strength[term] = value
        for word in self._phrase_term:
            for number in postings.within(word, first, end):
                held.setdefault(number - first, {})
        found: list[ScoredEntry] = []
        entries = process.entries
        for ordinal in sorted(held):
            entry = entries[ordinal]
            if sections and entry.section not in sections:
                continue
            strength = held[ordinal]
            if self._phrases or len(strength) >= 2:
                score = self._score(words(entry.text), entry.weight, context)
            else:
                score = self._single(strength, entry.weight, context)
            if score is not None:
                found.append(ScoredEntry(ordinal, round(score, SCORE_DIGITS)))
        return found

    def score_entry(
        self, entry: Entry, sections: frozenset[str], context: Sequence[float]
    ) -> float:
        """One entry's score, or 0 when it does not match."""
        if sections and entry.section not in sections:
            return 0.0
        found = words(entry.text)
        if self._words.isdisjoint(found):
            return 0.0
        score = self._score(found, entry.weight, context)
        return 0.0 if score is None else round(score, SCORE_DIGITS)

    def _single(self, strength: dict[int, float], weight: float, context: Sequence[float]) -> float:
        """``_score`` for an entry holding one query word and no phrase: no positions needed."""
        score = 0.0
        for term in self._free:
            if term in strength:
                score += strength[term] * weight
            else:
                score += CONTEXT * context[term]
        return score

    def matches(self, words: list[str]) -> list[tuple[int, int]]:
        """Token ranges (first, last), inclusive, to highlight: query words and phrases."""
        ranges = {(p, p) for p, word in enumerate(words) if word in self._lookup}
        for phrase in self._phrases:
            ranges.update((s, s + len(phrase) - 1) for s in _phrase_starts(words, phrase))
        return sorted(ranges)

    def _score(self, words: list[str], weight: float, context: Sequence[float]) -> float | None:
        score = 0.0
        if self._phrases:
            phrase_terms: set[int] = set()
            for phrase in self._phrases:
                if not _phrase_starts(words, phrase):
                    return None
                phrase_terms.update(self._phrase_term[word] for word in phrase)
            score += sum(self._phrase_strength[term] for term in phrase_terms) * weight
        lookup = self._lookup
        strength: dict[int, float] = {}
        for word in words:
            matched = lookup.get(word)
            if matched:
                for term, value in matched:
                    if value > strength.get(term, 0.0):
                        strength[term] = value
        if not strength and not self._phrases:
            return None
        for term in self._free:
            if term in strength:
                score += strength[term] * weight
            else:
                score += CONTEXT * context[term]
        if len(strength) >= 2:
            score += self._proximity(words, strength)
        return score

    def _proximity(self, words: list[str], strength: dict[int, float]) -> float:
        positions: dict[int, list[int]] = {}
        for position, word in enumerate(words):
            for term, _ in self._lookup.get(word, ()):
                positions.setdefault(term, []).append(position)
        window = _smallest_window(positions)
        matched = len(strength)
        share = (matched - 1) / (len(self._free) - 1)
        rarity = sum(strength.values())
        # One word can stand for two query words, so the window may be shorter than ``matched``.
        return PROXIMITY * rarity * share / max(1, 1 + window - matched)


def _phrase_starts(found: list[str], phrase: tuple[str, ...]) -> list[int]:
    size = len(phrase)
    first = phrase[0]
    return [
        start
        for start, word in enumerate(found)
        if word == first and tuple(found[start : start + size]) == phrase
    ]


def _smallest_window(positions: dict[int, list[int]]) -> int:
    """Fewest consecutive words holding at least one position of every term."""
    events = sorted((position, term) for term, spots in positions.items() for position in spots)
    needed = len(positions)
    held: dict[int, int] = {}
    best = len(events) + max(position for position, _ in events) + 1
    left = 0
    for position, term in events:
        held[term] = held.get(term, 0) + 1
        while len(held) == needed:
            start, first_term = events[left]
            best = min(best, position - start + 1)
            held[first_term] -= 1
            if not held[first_term]:
                del held[first_term]
            left += 1
    return best
