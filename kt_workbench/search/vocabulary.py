"""The distinct words of the library and how a typed word expands into them.

A library of thousands of processes has tens of thousands of distinct words (a real
company handbook: 62,000). A typed word is compared (rapidfuzz, optimal string alignment)
only with the words of about its length that start with the same letter: a few hundred
comparisons instead of tens of thousands. A typo in the first letter is still forgiven
when it is the word's only typo, through exact lookups (the word without its first letter,
the first two letters swapped, and words with the same tail). Expansions are remembered
until the vocabulary changes, so typing a query re-expands only its last word.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping

from rapidfuzz import process
from rapidfuzz.distance import OSA

from kt_workbench.search.text import is_unspaced

EXACT = 1.0
PREFIX = 0.8
ONE_EDIT = 0.7
TWO_EDITS = 0.5
# Like Elasticsearch's max_expansions: a two-letter prefix must not drag in the whole
# vocabulary; the most widely used completions are the likeliest meant.
MAX_EXPANSIONS = 50
# One typed letter says too little to complete; it must match a whole word.
MIN_PREFIX = 2
_CACHE_LIMIT = 2048


def _completion_limit(prefix: str) -> int:
    """Completions kept for a prefix: two letters say little, and their completions are
    the most common words of the library, each held by thousands of processes."""
    return {2: 10, 3: 25}.get(len(prefix), MAX_EXPANSIONS)


def allowed_edits(word: str) -> int:
    """Typos forgiven in a word: none below four letters, one from four, two from eight."""
    if len(word) >= 8:
        return 2
    return 1 if len(word) >= 4 else 0


class Vocabulary:
    """Words with how many processes use them; removal is lazy, compaction occasional."""

    def __init__(self, ignored: frozenset[str] = frozenset()) -> None:
        # Words never offered as completions (stopwords: "th" is not looking for "the").
        self._ignored = ignored
        self._usage: dict[str, int] = {}
        # Words by (length, first letter), and by everything after the first letter.
        self._by_length: dict[tuple[int, str], list[str]] = {}
        self._tails: dict[str, list[str]] = {}
        self._expanded: dict[tuple[str, bool], dict[str, float]] = {}
        self._sorted: list[str] = []
        # Words in the length buckets and the sorted list, including removed ones not yet
        # compacted away; lookups check ``_usage`` so stale words are never returned.
        self._listed: set[str] = set()

    def __len__(self) -> int:
        return len(self._usage)

    def usage(self, word: str) -> int:
        """How many processes use the word."""
        return self._usage.get(word, 0)

    def add(self, word: str) -> None:
        count = self._usage.get(word)
        if count is None:
            self._usage[word] = 1
            self._expanded.clear()
            if word not in self._listed:
                self._listed.add(word)
                self._by_length.setdefault((len(word), word[0]), []).append(word)
                self._tails.setdefault(word[1:], []).append(word)
                bisect.insort(self._sorted, word)
        else:
            self._usage[word] = count + 1

    def discard(self, word: str) -> None:
        count = self._usage.get(word, 0)
        if count > 1:
            self._usage[word] = count - 1
        elif count == 1:
            del self._usage[word]
            self._expanded.clear()
            stale = len(self._listed) - len(self._usage)
            if stale > 1000 and stale > len(self._usage) // 4:
                self._compact()

    def load(self, usage: Mapping[str, int]) -> None:
        """Replace the contents in one go (a full build), cheaper than word by word."""
        self._usage = dict(usage)
        self._compact()

    def usage_counts(self) -> dict[str, int]:
        """How many processes use each word, for serialisation."""
        return dict(self._usage)

    def words(self) -> list[str]:
        """Every word in use, sorted."""
        return [word for word in self._sorted if word in self._usage]

    def expand(self, word: str, prefix: bool) -> dict[str, float]:
        """Library words the typed word may mean, each with how sure that is (0..1]."""
        key = (word, prefix)
        cached = self._expanded.get(key)
        if cached is None:
            if len(self._expanded) >= _CACHE_LIMIT:
                self._expanded.clear()
            cached = self._expanded[key] = self._expand(word, prefix)
        return dict(cached)

    def _expand(self, word: str, prefix: bool) -> dict[str, float]:
        found: dict[str, float] = {}
        in_use = self._in_use
        if in_use(word):
            found[word] = EXACT
        edits = allowed_edits(word)
        if edits:
            for length in range(len(word) - edits, len(word) + edits + 1):
                bucket = self._bucket(length, word[0])
                if not bucket:
                    continue
                for candidate, distance, _ in process.extract(
                    word, bucket, scorer=OSA.distance, score_cutoff=edits, limit=None
                ):
                    if distance and in_use(candidate):
                        found.setdefault(candidate, ONE_EDIT if distance == 1 else TWO_EDITS)
            # A typo in the first letter: dropped, swapped with the second, replaced, or
            # a letter added in front.
            first_letter = [word[1:], word[1] + word[0] + word[2:]]
            first_letter += self._with_tail(word[1:]) + self._with_tail(word)
            for candidate in first_letter:
                if candidate != word and candidate[0] != word[0] and in_use(candidate):
                    found.setdefault(candidate, ONE_EDIT)
        if len(word) == 1 and is_unspaced(word):
            # One character of an unspaced script is indexed inside its pairs: "鍵" is in
            # "秘密鍵" only as "密鍵".
            for candidate in self._completions(word) + self._with_tail(word):
                if in_use(candidate) and found.get(candidate, 0.0) < PREFIX:
                    found[candidate] = PREFIX
        if prefix and len(word) >= MIN_PREFIX:
            completions = self._completions(word, _completion_limit(word))
            for candidate in completions:
                if found.get(candidate, 0.0) < PREFIX:
                    found[candidate] = PREFIX
        if len(found) > MAX_EXPANSIONS:
            usage = self.usage
            kept = sorted(found, key=lambda w: (-found[w], -usage(w), w))
            found = {w: found[w] for w in kept[:MAX_EXPANSIONS]}
        return found

    # Where ``_expand`` reads the words: an on-disk vocabulary answers these from its file.

    def _in_use(self, word: str) -> bool:
        return word in self._usage

    def _bucket(self, length: int, first: str) -> list[str]:
        """The words of this length and first letter, sorted (once compacted)."""
        return self._by_length.get((length, first), [])

    def _with_tail(self, tail: str) -> list[str]:
        """The words that are ``tail`` after their first letter."""
        return self._tails.get(tail, [])

    def _completions(self, word: str, limit: int = MAX_EXPANSIONS) -> list[str]:
        """The words in use that start with ``word`` (not itself, not ignored): sorted, or
        the ``limit`` most used of them when there are more."""
        start = bisect.bisect_left(self._sorted, word)
        end = bisect.bisect_left(self._sorted, word + "\U0010ffff", start)
        live = [
            w
            for w in self._sorted[start:end]
            if w != word and w in self._usage and w not in self._ignored
        ]
        if len(live) > limit:
            live.sort(key=lambda w: (-self._usage[w], w))
            del live[limit:]
        return live

    def _compact(self) -> None:
        self._sorted = sorted(self._usage)
        self._listed = set(self._sorted)
        self._by_length = {}
        self._tails = {}
        self._expanded = {}
        for word in self._sorted:
            self._by_length.setdefault((len(word), word[0]), []).append(word)
            self._tails.setdefault(word[1:], []).append(word)
