"""Which entries hold a word, and through them which processes: the inverted index.

For each word, the sorted numbers of the entries holding it. Every process owns a
contiguous block of entry numbers, handed out in increasing order and never reused, so
appending keeps each array sorted and the entries of one process holding a word are one
``bisect`` away. Two parallel arrays give each entry number its process slot and its tier
(section and weight), so the processes holding a word, by tier, come from C-level passes
over the word's array; they are computed when a query first needs them and remembered
until a process holding the word changes.

A replaced or removed process leaves its old entry numbers behind, marked dead: they cost
four bytes each until the next full build and are never read as live.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import deque
from collections.abc import Iterable, Sequence
from itertools import repeat

TierKey = tuple[str, float]
Holders = list[tuple[TierKey, set[int]]]
DEAD = 0xFFFFFFFF
# Process slot and tier of an entry in one integer, so one C-level pass over a word's
# entries gives the distinct (slot, tier) pairs without building a tuple per entry.
_TIER_BITS = 16
_TIER_MASK = (1 << _TIER_BITS) - 1
_DEAD_KEY = (1 << 64) - 1
# Words held by at least this many entries get their holders at build or load time: a
# first query of a common word (or a two-letter prefix completing to several) would
# otherwise wait for them.
EAGER_HOLDERS = 4096


class Postings:
    def __init__(self) -> None:
        self._arrays: dict[str, array[int]] = {}
        self._slot_of = array("I")
        self._tier_of = array("H")
        self._key_of = array("Q")
        self._tier_keys: list[TierKey] = []
        self._tier_index: dict[TierKey, int] = {}
        self._holders: dict[str, Holders] = {}

    @property
    def next_number(self) -> int:
        return len(self._slot_of)

    def tier(self, key: TierKey) -> int:
        """The number of a tier, registering it on first use."""
        number = self._tier_index.get(key)
        if number is None:
            number = self._tier_index[key] = len(self._tier_keys)
            self._tier_keys.append(key)
        return number

    def add(self, slot: int, tiers: Sequence[int], entry_words: Sequence[str]) -> int:
        """Record one process's entries (their tiers and joined words); the first number."""
        first = len(self._slot_of)
        self._slot_of.extend(repeat(slot, len(entry_words)))
        self._tier_of.extend(tiers)
        self._key_of.extend(slot << _TIER_BITS | tier for tier in tiers)
        arrays = self._arrays
        for number, joined in enumerate(entry_words, start=first):
            for word in set(joined.split()):
                held = arrays.get(word)
                if held is None:
                    arrays[word] = array("I", (number,))
                else:
                    held.append(number)
                self._holders.pop(word, None)
        return first

    def fill(self, lists: dict[str, list[int]], slots: Iterable[int], tiers: Iterable[int]) -> None:
        """Replace the contents (a full build): entry numbers by word, slot and tier by entry."""
        self._arrays = {word: array("I", numbers) for word, numbers in lists.items()}
        self._slot_of = array("I", slots)
        self._tier_of = array("H", tiers)
        self._after_fill()

    @classmethod
    def reading(
        cls, arrays: dict[str, array[int]], key_of: array[int], tier_keys: list[TierKey]
    ) -> Postings:
        """Postings for queries only (an index cache read from its file): ``arrays`` may read
        each word's numbers when first asked for (``get``); holders are grouped from
        ``key_of`` as queries need them. Not to be changed."""
        postings = cls()
        postings._arrays = arrays
        postings._key_of = key_of
        postings._tier_keys = list(tier_keys)
        postings._tier_index = {key: number for number, key in enumerate(tier_keys)}
        return postings

    @staticmethod
    def keys_of(slot_of: array[int], tier_of: array[int]) -> array[int]:
        """Each entry's slot and tier packed in one integer (dead entries marked)."""
        return array(
            "Q",
            (
                _DEAD_KEY if slot == DEAD else slot << _TIER_BITS | tier
                for slot, tier in zip(slot_of, tier_of, strict=True)
            ),
        )

    def _after_fill(self) -> None:
        self._key_of = self.keys_of(self._slot_of, self._tier_of)
        self._holders = {}
        for word, held in self._arrays.items():
            if len(held) >= EAGER_HOLDERS:
                self._holders[word] = self._group(word)

    def remove(self, first: int, count: int, words: Iterable[str]) -> None:
        """Mark a process's entries dead; ``words`` are the words they held."""
        self._slot_of[first : first + count] = array("I", [DEAD]) * count
        self._key_of[first : first + count] = array("Q", [_DEAD_KEY]) * count
        for word in words:
            self._holders.pop(word, None)

    def within(self, word: str, first: int, end: int) -> Sequence[int]:
        """The entry numbers in ``[first, end)`` holding the word."""
        held = self._arrays.get(word)
        if held is None:
            return ()
        start = bisect_left(held, first)
        if start == len(held) or held[start] >= end:
            return ()
        return held[start : bisect_left(held, end, start)]

    def holders(self, word: str) -> Holders:
        """Each tier holding the word, with the slots of its live processes."""
        found = self._holders.get(word)
        if found is None:
            found = self._holders[word] = self._group(word)
        return found

    def usage(self) -> dict[str, int]:
        """How many live processes hold each word."""
        slot_of = self._slot_of.__getitem__
        counts: dict[str, int] = {}
        for word, held in self._arrays.items():
            holders = self._holders.get(word)
            if holders is not None:  # known already: cheaper than another pass
                count = len(
                    holders[0][1] if len(holders) == 1 else set().union(*dict(holders).values())
                )
            else:
                slots = set(map(slot_of, held))
                slots.discard(DEAD)
                count = len(slots)
            if count:
                counts[word] = count
        return counts

    def _group(self, word: str) -> Holders:
        held = self._arrays.get(word)
        if held is None:
            return []
        keys = set(map(self._key_of.__getitem__, held))
        keys.discard(_DEAD_KEY)
        by_tier: dict[int, set[int]] = {}
        for key in keys:
            tier = key & _TIER_MASK
            slots = by_tier.get(tier)
            if slots is None:
                by_tier[tier] = {key >> _TIER_BITS}
            else:
                slots.add(key >> _TIER_BITS)
        return [(self._tier_keys[tier], slots) for tier, slots in by_tier.items()]

    def state(self) -> dict[str, object]:
        """Plain values for serialisation (see ``SearchIndex.dumps``)."""
        return {
            "arrays": {word: held.tobytes() for word, held in self._arrays.items()},
            "slot_of": self._slot_of.tobytes(),
            "tier_of": self._tier_of.tobytes(),
            "tier_keys": [list(key) for key in self._tier_keys],
        }

    def restore(self, state: dict[str, object]) -> None:
        arrays: dict[str, array[int]] = {}
        raw_arrays = state["arrays"]
        assert isinstance(raw_arrays, dict)
        for word, raw in raw_arrays.items():
            held = array("I")
            held.frombytes(raw)
            arrays[word] = held
        self._arrays = arrays
        self._slot_of = array("I")
        self._slot_of.frombytes(state["slot_of"])  # type: ignore[arg-type]
        self._tier_of = array("H")
        self._tier_of.frombytes(state["tier_of"])  # type: ignore[arg-type]
        keys = state["tier_keys"]
        assert isinstance(keys, list)
        self._tier_keys = [(str(section), float(weight)) for section, weight in keys]
        self._tier_index = {key: number for number, key in enumerate(self._tier_keys)}
        self._after_fill()


def append_numbers(lists: dict[str, list[int]], words: Iterable[str], number: int) -> None:
    """Append ``number`` to the list of each word (``lists`` a defaultdict), in C."""
    deque(map(list.append, map(lists.__getitem__, words), repeat(number)), maxlen=0)
