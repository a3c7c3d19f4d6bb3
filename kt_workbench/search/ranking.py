"""Ranking: from a query to the best places in the library.

1. Each query word expands into library words it may mean (exact, typo, prefix), each with
   a quality. Phrase words must be present exactly.
2. Per process, from the postings: which query words it holds and how well (strength, see
   ``Term``, times the weight of the heaviest entry holding it). Processes missing too many
   words drop out.
3. That per-process sum plus the largest possible proximity bonus bounds the score of any
   entry of the process, so processes are scored entry by entry in order of that bound
   and the search stops as soon as no remaining process can enter the results.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kt_workbench.search.entries import TITLE_WEIGHT, Entry
from kt_workbench.search.query import Query, matches_text_filter, parse_query
from kt_workbench.search.scoring import CONTEXT, SCORE_DIGITS, EntryScorer, ScoredEntry
from kt_workbench.search.snippet import make_snippet
from kt_workbench.search.text import is_unspaced, tokens, words
from kt_workbench.search.vocabulary import ONE_EDIT, PREFIX

if TYPE_CHECKING:
    from kt_workbench.search.index import IndexedProcess, IndexView, SearchHit
    from kt_workbench.search.postings import Postings, TierKey

# Bounds the work of queries of very common words, far apart everywhere: the results are
# exact whenever fewer processes than this need scoring, which is the rule for the words
# people search with; past it, the places left unscored score like those already found.
MAX_SCORED_PROCESSES = 100
TITLE_TIER = ("overview", TITLE_WEIGHT)
CONFIDENT_TYPO_LENGTH = 5


@dataclass(frozen=True)
class Term:
    """A query word (or phrase word) and the library words it may stand for.

    Each candidate carries its strength: how sure the match is (exact, prefix, typo) times
    how rare the word is in the library (inverse document frequency), so a typo that lands
    on a distinctive name outweighs one that lands on a common word.
    """

    candidates: dict[str, float]
    in_phrase: bool
    # Matched well enough to stand on its own in a partial match: exactly, as a prefix, or
    # with one typo in a word of five letters or more. A short word one typo away from
    # something is too likely an accident.
    confident: bool = True

    @property
    def strongest(self) -> float:
        return max(self.candidates.values(), default=0.0)


def rank(
    index: IndexView,
    text: str,
    limit: int,
    readiness: Mapping[str, str],
    per_process: int,
) -> list[SearchHit]:
    query = parse_query(text)
    if query.is_empty or query.problems or limit <= 0:
        return []
    processes = index.processes
    allowed = _filtered(index, query, readiness)
    sections = frozenset(query.filters.get("section", ()))
    if not query.terms and not query.phrases:
        return _listing(index, allowed, sections, limit)
    terms = _terms(index, query)
    if terms is None:
        return []
    term_tiers = [_tiers(index.postings, term, sections) for term in terms]
    bests = [_process_best(tiers, allowed) for tiers in term_tiers]
    complete, partial = _candidates(bests, terms)
    if not complete and not partial:
        return []
    room = EntryScorer.proximity_room([t.strongest for t in terms if not t.in_phrase])
    scorer = EntryScorer(terms, query.phrases)
    untitled = [
        [(value, slots) for value, key, slots in tiers if key != TITLE_TIER] for tiers in term_tiers
    ]

    def tighter_bound(process: IndexedProcess, context: list[float]) -> float:
        """The exact score of the title, or the bound of every other entry if higher.

        The coarse bound assumes all words could sit in the title; checking the title is
        one entry's work and usually settles it, which lets the search stop early even
        when hundreds of processes share the same coarse bound.
        """
        slot = process.slot
        rest = room + sum(
            max(next((value for value, slots in tiers if slot in slots), 0.0), CONTEXT * best)
            for tiers, best in zip(untitled, context, strict=True)
        )
        title = 0.0
        if process.entries and process.entries[0].location == "title":
            title = scorer.score_entry(process.entries[0], sections, context)
        return round(max(title, rest), SCORE_DIGITS)

    def best_of(candidates: set[int], limit: int) -> list[tuple[ScoredEntry, IndexedProcess]]:
        """The best ``limit`` places among these processes, stopping as early as it can."""
        bounds = dict.fromkeys(candidates, room)
        for best in bests:
            for slot, value in best.items():
                if slot in bounds:
                    bounds[slot] += value
        return _best_first(bounds, limit, per_process, index, step)

    def step(slot: int, tightened: bool, bound: float) -> tuple[float, list[ScoredEntry]] | None:
        """Score a process, or give its tighter bound when that is lower than ``bound``."""
        process = processes[slot]
        assert process is not None
        context = [best.get(slot, 0.0) for best in bests]
        if not tightened:
            tighter = tighter_bound(process, context)
            if tighter < bound:
                return tighter, []
        found = scorer.score_process(process, index.postings, sections, context, per_process)
        return None if not found else (bound, found)

    top = best_of(complete, limit)
    hits = [_hit(process, scored, scorer, False) for scored, process in top]
    if len(hits) < limit and partial:
        # Processes lacking some query word come after every process holding them all.
        rest = best_of(partial, limit - len(hits))
        hits += [_hit(process, scored, scorer, True) for scored, process in rest]
    return hits


def _best_first(
    bounds: dict[int, float],
    limit: int,
    per_process: int,
    index: IndexView,
    step: Callable[[int, bool, float], tuple[float, list[ScoredEntry]] | None],
) -> list[tuple[ScoredEntry, IndexedProcess]]:
    """Processes in order of their bound until none left can enter the top ``limit``.

    ``step`` scores a process, or returns a tighter bound (and no entries) to requeue it.
    """
    process_id = index.process_id
    processes = index.processes
    queue = [
        (-round(bound, SCORE_DIGITS), process_id(slot), slot, False)
        for slot, bound in bounds.items()
    ]
    heapq.heapify(queue)
    top: list[tuple[ScoredEntry, IndexedProcess]] = []
    scored_processes = 0
    while queue:
        negative_bound, pid, slot, tightened = heapq.heappop(queue)
        if scored_processes >= MAX_SCORED_PROCESSES:
            break
        if len(top) >= limit:
            worst, holder = top[limit - 1]
            if (-worst.score, holder.id, worst.ordinal) < (negative_bound, pid, -1):
                break
        result = step(slot, tightened, -negative_bound)
        if result is not None and not result[1]:
            heapq.heappush(queue, (-round(result[0], SCORE_DIGITS), pid, slot, True))
            continue
        scored_processes += 1
        if result is None:
            continue
        process = processes[slot]
        assert process is not None
        places = _best_places(result[1], process.entries, per_process)
        top.extend((entry, process) for entry in places)
        top.sort(key=lambda item: (-item[0].score, item[1].id, item[0].ordinal))
        del top[limit:]
    return top


def _filtered(index: IndexView, query: Query, readiness: Mapping[str, str]) -> set[int] | None:
    """Slots of the processes the filters let through; ``None`` when nothing is filtered."""
    filters = {key: values for key, values in query.filters.items() if key != "section"}
    if not filters:
        return None
    allowed: set[int] = set()
    for process in index.summaries():
        if "status" in filters and process.status not in filters["status"]:
            continue
        if "team" in filters and not matches_text_filter(filters["team"], process.team):
            continue
        if "owner" in filters and not matches_text_filter(filters["owner"], process.owner):
            continue
        if "readiness" in filters:
            level = " ".join(words(readiness.get(process.id, "")))
            if not level or not any(level.startswith(v) for v in filters["readiness"]):
                continue
        allowed.add(process.slot)
    return allowed


def _terms(index: IndexView, query: Query) -> list[Term] | None:
    """Expanded query words; ``None`` when a phrase word is nowhere or no word matches."""
    vocabulary = index.vocabulary
    total = max(1, len(index))

    def strengths(found: dict[str, float]) -> dict[str, float]:
        return {
            word: quality * (1.0 + math.log(total / max(1, vocabulary.usage(word))))
            for word, quality in found.items()
        }

    last = len(query.terms) - 1
    terms = []
    pairs_of: str | None = None
    for i, word in enumerate(query.terms):
        if pairs_of is not None and len(word) == 2 and word in pairs_of:
            continue  # a pair of an unspaced query word that was found whole
        pairs_of = None
        found = vocabulary.expand(word, prefix=query.prefix_last and i == last)
        if len(word) >= 3 and is_unspaced(word):
            if not found:
                continue  # not found whole: its pairs, which follow, stand for it
            pairs_of = word
        best = max(found.values(), default=0.0)
        confident = best >= PREFIX or (best >= ONE_EDIT and len(word) >= CONFIDENT_TYPO_LENGTH)
        terms.append(Term(strengths(found), False, confident))
    for word in sorted({word for phrase in query.phrases for word in phrase}):
        if not vocabulary.usage(word):
            return None
        terms.append(Term(strengths({word: 1.0}), in_phrase=True))
    if not any(term.candidates for term in terms):
        return None
    return terms


def _tiers(
    postings: Postings, term: Term, sections: frozenset[str]
) -> list[tuple[float, TierKey, set[int]]]:
    """Where the term's words are held (in the sections wanted, if any), strongest first:
    (strength times entry weight, tier, slots)."""
    tiers = [
        (strength * key[1], key, slots)
        for word, strength in term.candidates.items()
        for key, slots in postings.holders(word)
        if not sections or key[0] in sections
    ]
    tiers.sort(key=lambda tier: -tier[0])
    return tiers


def _process_best(
    tiers: list[tuple[float, TierKey, set[int]]], allowed: set[int] | None
) -> dict[int, float]:
    """For each allowed process holding the term: its best value over the tiers."""
    best: dict[int, float] = {}
    for value, _, slots in tiers:
        fresh = slots - best.keys()
        if allowed is not None:
            fresh &= allowed
        best.update(dict.fromkeys(fresh, value))
    return best


def _candidates(bests: list[dict[int, float]], terms: list[Term]) -> tuple[set[int], set[int]]:
    """Processes holding every query word, and those holding only enough of them.

    Every phrase word must be held. Of the free words, a process holding all of one or two,
    or two thirds of more, is a match; one lacking some is a partial match. When no process
    is, the processes holding the most of the words that matched confidently (see
    ``Term.confident``) come back as partial matches, so a query with one word the library
    lacks still finds the page with the others, while a query of nonsense finds nothing.
    """
    counts: Counter[int] = Counter()
    confident: Counter[int] = Counter()
    pool: set[int] | None = None
    free = 0
    for best, term in zip(bests, terms, strict=True):
        if term.in_phrase:
            pool = set(best) if pool is None else pool & best.keys()
        else:
            free += 1
            counts.update(best.keys())
            if term.confident:
                confident.update(best.keys())
    if pool is not None:
        counts = Counter({slot: count for slot, count in counts.items() if slot in pool})
        confident = Counter({slot: count for slot, count in confident.items() if slot in pool})
        if not free:
            return pool, set()
    needed = _needed(free)
    complete = {slot for slot, count in counts.items() if count == free}
    partial = {slot for slot, count in counts.items() if needed <= count < free}
    if complete or partial or free < 2 or not confident:
        return complete, partial
    most = max(confident.values())
    return set(), {slot for slot, count in confident.items() if count == most}


def _needed(free_words: int) -> int:
    """How many free words a process must hold: all of one or two, two thirds of more."""
    if free_words <= 2:
        return free_words
    return math.ceil(free_words * 2 / 3)


def _best_places(
    found: list[ScoredEntry], entries: Sequence[Entry], per_process: int
) -> list[ScoredEntry]:
    """The best entry per location, then the best ``per_process`` locations."""
    by_location: dict[str, ScoredEntry] = {}
    for scored in found:
        location = entries[scored.ordinal].location
        current = by_location.get(location)
        if current is None or scored.score > current.score:
            by_location[location] = scored
    ranked = sorted(by_location.values(), key=lambda s: (-s.score, s.ordinal))
    return ranked[:per_process]


def _listing(
    index: IndexView,
    allowed: set[int] | None,
    sections: frozenset[str],
    limit: int,
) -> list[SearchHit]:
    """Filters alone: the matching processes by title, each at its first fitting entry."""
    chosen: list[tuple[ScoredEntry, IndexedProcess]] = []
    summaries = sorted(
        (s for s in index.summaries() if allowed is None or s.slot in allowed),
        key=lambda summary: (summary.title.casefold(), summary.id),
    )
    for summary in summaries:
        if len(chosen) >= limit:
            break
        process = index.processes[summary.slot]
        assert process is not None
        fitting = (
            i for i, e in enumerate(process.entries) if not sections or e.section in sections
        )
        ordinal = next(fitting, None)
        if ordinal is not None:
            chosen.append((ScoredEntry(ordinal, 0.0), process))
    return [_hit(process, scored, None) for scored, process in chosen]


def _hit(
    process: IndexedProcess, scored: ScoredEntry, scorer: EntryScorer | None, partial: bool = False
) -> SearchHit:
    from kt_workbench.search.index import SearchHit

    entry = process.entries[scored.ordinal]
    found = tokens(entry.text)
    ranges = scorer.matches([token.word for token in found]) if scorer else []
    spans = [(found[first].start, found[last].end) for first, last in ranges]
    snippet, shown = make_snippet(entry.text, spans)
    return SearchHit(
        id=process.id,
        title=process.title,
        section=entry.section,
        location=entry.location,
        snippet=snippet,
        spans=tuple(shown),
        score=scored.score,
        partial=partial,
    )
