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
        self._slots_holding: dict[str, set[int]] = {}
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
        places: int = 1_000_000,
    ) -> list[ScoredEntry]:
        """The entries of a process that match and can be among its best ``places``
        locations, with their scores.

        Only the entries holding a query word are looked at, found through the entry
        postings; their text is read only when word positions matter (phrases, or two
        query words whose closeness earns a bonus).
        """
        first = process.first
        end = first + len(process.entries)
        slot = process.slot
        held: dict[int, dict[int, float]] = {}
        for word, matched in self._lookup.items():
            if slot not in self._holding(postings, word):
                continue
            for number in postings.within(word, first, end):
                strength = held.setdefault(number - first, {})
                for term, value in matched:
                    if value > strength.get(term, 0.0):
                        strength[term] = value
        for word in self._phrase_term:
            for number in postings.within(word, first, end):
                held.setdefault(number - first, {})
        entries = process.entries
        if self._phrases:
            found: list[ScoredEntry] = []
            for ordinal in sorted(held):
                entry = entries[ordinal]
                if sections and entry.section not in sections:
                    continue
                score = self._score(words(entry.text), entry.weight, context)
                if score is not None:
                    found.append(ScoredEntry(ordinal, round(score, SCORE_DIGITS)))
            return found
        return self._best_entries(entries, held, sections, context, places)

    def _best_entries(
        self,
        entries: Sequence[Entry],
        held: dict[int, dict[int, float]],
        sections: frozenset[str],
        context: Sequence[float],
        places: int,
    ) -> list[ScoredEntry]:
        """The entries that can be among the best ``places`` locations, exactly scored.

        Without positions an entry's score is known up to its proximity bonus, so entries
        are scored exactly in order of their upper bound (the score without positions plus
        the largest bonus for the words it holds), and the text of an entry is read only
        while it can still beat the ``places``-th best location found so far.
        """
        bounded: list[tuple[float, int, float]] = []
        for ordinal, strength in held.items():
            entry = entries[ordinal]
            if sections and entry.section not in sections:
                continue
            base = self._single(strength, entry.weight, context)
            room = PROXIMITY * sum(strength.values()) if len(strength) >= 2 else 0.0
            bounded.append((round(base + room, SCORE_DIGITS), ordinal, base))
        bounded.sort(key=lambda item: (-item[0], item[1]))
        found: list[ScoredEntry] = []
        best_at: dict[str, float] = {}
        for bound, ordinal, base in bounded:
            if len(best_at) >= places and sorted(best_at.values())[-places] > bound:
                break
            entry = entries[ordinal]
            if best_at.get(entry.location, -1.0) > bound:
                continue  # cannot improve its own location, which is all it could count for
            strength = held[ordinal]
            score = base
            if len(strength) >= 2:
                score += self._proximity(words(entry.text), strength)
            score = round(score, SCORE_DIGITS)
            found.append(ScoredEntry(ordinal, score))
            if score > best_at.get(entry.location, -1.0):
                best_at[entry.location] = score
        found.sort(key=lambda scored: scored.ordinal)
        return found

    def _holding(self, postings: Postings, word: str) -> set[int]:
        """The slots of the processes holding a word, remembered for this query."""
        slots = self._slots_holding.get(word)
        if slots is None:
            holders = postings.holders(word)
            slots = holders[0][1] if len(holders) == 1 else set().union(*(s for _, s in holders))
            self._slots_holding[word] = slots
        return slots

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
