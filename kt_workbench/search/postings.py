"""Which processes hold a word, and where: the inverted index at process granularity.

Postings are grouped into tiers by (section, entry weight): a process sits in a word's tier
when its heaviest entry holding the word in that section has that weight. There are only
a few tiers, so a query's per-process work becomes set operations, section filters cost
nothing, and filling the index is one C-level pass per tier of each process.
"""

from __future__ import annotations

from collections import defaultdict, deque
from itertools import repeat

TierKey = tuple[str, float]
# The words of one process placed in one tier, as ``IndexedProcess.word_tiers`` gives them.
WordTiers = list[tuple[TierKey, set[str]]]


class Postings:
    def __init__(self) -> None:
        self._tiers: dict[TierKey, defaultdict[str, set[int]]] = {}

    def add(self, slot: int, tiers: WordTiers) -> None:
        for key, words in tiers:
            table = self._tiers.get(key)
            if table is None:
                table = self._tiers[key] = defaultdict(set)
            # ``set.add`` mapped over the holder sets runs without a Python-level loop, which
            # is most of the build time saved on a large library.
            deque(map(set.add, map(table.__getitem__, words), repeat(slot)), maxlen=0)

    def remove(self, slot: int, tiers: WordTiers) -> None:
        for key, words in tiers:
            table = self._tiers[key]
            for word in words:
                holders = table[word]
                holders.discard(slot)
                if not holders:
                    del table[word]

    def usage(self) -> dict[str, int]:
        """How many processes hold each word, in any tier."""
        by_word: dict[str, list[set[int]]] = {}
        for table in self._tiers.values():
            for word, slots in table.items():
                by_word.setdefault(word, []).append(slots)
        return {
            word: len(sets[0]) if len(sets) == 1 else len(set().union(*sets))
            for word, sets in by_word.items()
        }

    def holders(self, word: str) -> list[tuple[TierKey, set[int]]]:
        """Each tier holding the word, with the slots of its processes."""
        found = []
        for key, table in self._tiers.items():
            slots = table.get(word)
            if slots:
                found.append((key, slots))
        return found
