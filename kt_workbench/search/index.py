"""The search index: every entry of every process, kept current as processes change.

It lives in memory and is built from the store at startup (a second for thousands of
processes), so it can never disagree with the store for long and needs no migration:
the store is the only source of truth.

Postings (``postings.py``) say which processes hold a word and in which section; that is
enough to find and bound the candidate processes cheaply. Entry postings then lead straight
to the entries of the few processes that can still make the top results, so a query never
reads more than the entries holding its words, however long the pages are.
"""

from __future__ import annotations

import gc
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from kt_workbench.model import ProcessDocument
from kt_workbench.search.entries import Entry, document_entries
from kt_workbench.search.postings import Postings, append_numbers
from kt_workbench.search.query import STOPWORDS
from kt_workbench.search.serialise import FORMAT_VERSION, dump_index, load_index
from kt_workbench.search.text import joined_words, words
from kt_workbench.search.vocabulary import Vocabulary


@dataclass(frozen=True)
class SearchHit:
    """One place in one process that matches, ready to show."""

    id: str
    title: str
    section: str
    location: str
    snippet: str
    spans: tuple[tuple[int, int], ...]
    score: float
    # The process lacks some of the query's words: shown after every full match.
    partial: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "section": self.section,
            "location": self.location,
            "snippet": self.snippet,
            "spans": [list(span) for span in self.spans],
            "score": self.score,
            "partial": self.partial,
        }


@dataclass(frozen=True, slots=True)
class IndexedProcess:
    slot: int
    id: str
    title: str
    # Folded words of the team and owner, for filters.
    team: tuple[str, ...]
    owner: tuple[str, ...]
    status: str
    # A tuple; read from an index cache, a sequence that reads them when first needed.
    entries: Sequence[Entry]
    # The number of the first entry in the postings; the others follow in order.
    first: int

    def entry_words(self) -> list[str]:
        """The folded words of each entry, separated by whitespace.

        Recomputed when needed (a build, an update) rather than kept: it would double the
        memory of the index.
        """
        return joined_words([entry.text for entry in self.entries])


class IndexView(Protocol):
    """What ranking reads: the in-memory ``SearchIndex``, or an index cache read from its file
    in pieces (``disk_index.DiskIndex``). One ranking over both, so both answer alike."""

    @property
    def processes(self) -> Sequence[IndexedProcess | None]:
        """Each slot's process (``None`` for a free slot), with its entries."""
        ...

    @property
    def postings(self) -> Postings: ...

    @property
    def vocabulary(self) -> Vocabulary: ...

    def __len__(self) -> int: ...

    def process_id(self, slot: int) -> str: ...

    def summaries(self) -> Iterable[IndexedProcess]:
        """Every live process, its entries possibly left out: for filters."""
        ...

    def search(
        self,
        query: str,
        limit: int = 20,
        readiness: Mapping[str, str] | None = None,
        per_process: int = 3,
    ) -> list[SearchHit]: ...


class _Subscribable(Protocol):
    def subscribe(self, listener: Callable[[Any], None]) -> Callable[[], None]: ...


class SearchIndex:
    """Thread-safe: searches may run in workers while saves update the index.

    ``dumps()`` and ``SearchIndex.loads(data)`` save and restore it whole, for a cache
    that spares a rebuild at startup (format in ``serialise.py``, versioned by
    ``FORMAT_VERSION``; ``loads`` raises ``IndexFormatError`` for anything it cannot read).
    """

    FORMAT_VERSION = FORMAT_VERSION

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._slots: list[IndexedProcess | None] = []
        self._free: list[int] = []
        self._by_id: dict[str, int] = {}
        self._postings = Postings()
        self._vocabulary = Vocabulary(ignored=STOPWORDS)

    @classmethod
    def from_documents(cls, documents: Iterable[ProcessDocument]) -> SearchIndex:
        index = cls()
        index.build(documents)
        return index

    def __len__(self) -> int:
        return len(self._by_id)

    def dumps(self) -> bytes:
        """The whole index as bytes, for ``SearchIndex.loads``."""
        with self._lock:
            return dump_index(self)

    @classmethod
    def loads(cls, data: bytes) -> SearchIndex:
        """An index from ``dumps()`` bytes; ``IndexFormatError`` when they cannot be read."""
        index = cls()
        load_index(data, index)
        return index

    def restore(
        self,
        processes: list[IndexedProcess | None],
        postings_state: dict[str, Any],
        usage: dict[str, int],
    ) -> None:
        """Replace the contents with deserialised parts (see ``serialise.py``)."""
        postings = Postings()
        postings.restore(postings_state)
        with self._lock:
            self._slots = processes
            self._free = [slot for slot, process in enumerate(processes) if process is None]
            self._by_id = {p.id: p.slot for p in processes if p is not None}
            self._postings = postings
            self._vocabulary.load(usage)

    def __contains__(self, process_id: object) -> bool:
        return process_id in self._by_id

    def build(self, documents: Iterable[ProcessDocument]) -> None:
        """Replace the whole index with these documents."""
        collecting = gc.isenabled()
        # Millions of small containers and no cycles: the collector would only slow this down.
        gc.disable()
        try:
            prepared: list[IndexedProcess] = []
            postings = Postings()
            numbers: defaultdict[str, list[int]] = defaultdict(list)
            slots: list[int] = []
            tiers: list[int] = []
            for slot, document in enumerate(_latest(documents)):
                process = _prepare(slot, document, len(slots))
                prepared.append(process)
                for number, joined in enumerate(process.entry_words(), start=len(slots)):
                    append_numbers(numbers, set(joined.split()), number)
                slots.extend([slot] * len(process.entries))
                tiers.extend(postings.tier((e.section, e.weight)) for e in process.entries)
            postings.fill(numbers, slots, tiers)
            del numbers
            usage = postings.usage()
        finally:
            settle_collector(collecting)
        with self._lock:
            self._slots = list(prepared)
            self._free = []
            self._by_id = {process.id: process.slot for process in prepared}
            self._postings = postings
            self._vocabulary.load(usage)

    def update(self, document: ProcessDocument) -> None:
        """Add a process or replace the indexed version of it."""
        with self._lock:
            self._remove(document.id)
            slot = self._free.pop() if self._free else len(self._slots)
            process = _prepare(slot, document, self._postings.next_number)
            if slot == len(self._slots):
                self._slots.append(process)
            else:
                self._slots[slot] = process
            self._by_id[process.id] = slot
            entry_words = process.entry_words()
            tiers = [self._postings.tier((e.section, e.weight)) for e in process.entries]
            self._postings.add(slot, tiers, entry_words)
            for word in set(" ".join(entry_words).split()):
                self._vocabulary.add(word)

    def remove(self, process_id: str) -> bool:
        """Forget a process; ``False`` when it was not indexed."""
        with self._lock:
            return self._remove(process_id)

    def attach(self, store: _Subscribable) -> Callable[[], None]:
        """Follow a store's committed saves and deletions; returns a function to stop."""

        def follow(change: Any) -> None:
            if change.kind == "saved" and change.document is not None:
                self.update(change.document)
            elif change.kind == "deleted":
                self.remove(change.id)

        return store.subscribe(follow)

    def search(
        self,
        query: str,
        limit: int = 20,
        readiness: Mapping[str, str] | None = None,
        per_process: int = 3,
    ) -> list[SearchHit]:
        """The best ``limit`` places matching ``query``, best first; [] when nothing matches.

        ``readiness`` maps process ids to the checker's readiness, for ``readiness:``
        filters. At most ``per_process`` hits come from one process, so one long process
        cannot crowd out the others.
        """
        from kt_workbench.search.ranking import rank

        with self._lock:
            return rank(self, query, limit, readiness or {}, per_process)

    # Read by the ranking module, under the lock (see ``IndexView``).
    @property
    def processes(self) -> list[IndexedProcess | None]:
        return self._slots

    def process_id(self, slot: int) -> str:
        process = self._slots[slot]
        return process.id if process is not None else ""

    def summaries(self) -> Iterable[IndexedProcess]:
        return [process for process in self._slots if process is not None]

    @property
    def postings(self) -> Postings:
        return self._postings

    @property
    def vocabulary(self) -> Vocabulary:
        return self._vocabulary

    def _remove(self, process_id: str) -> bool:
        slot = self._by_id.pop(process_id, None)
        if slot is None:
            return False
        process = self._slots[slot]
        assert process is not None
        held = set(" ".join(process.entry_words()).split())
        self._postings.remove(process.first, len(process.entries), held)
        for word in held:
            self._vocabulary.discard(word)
        self._slots[slot] = None
        self._free.append(slot)
        return True


def settle_collector(collecting: bool) -> None:
    """Re-enable the garbage collector after a build or load, with what exists now frozen.

    A build leaves hundreds of thousands of new long-lived objects (without cycles, freed
    by reference counting like any others when dropped): the collector's next full pass
    would walk them all, a pause of up to a second that would land in the first searches.
    ``gc.freeze`` moves everything existing into the permanent generation instead.
    """
    if collecting:
        gc.freeze()
        gc.enable()


def _latest(documents: Iterable[ProcessDocument]) -> list[ProcessDocument]:
    """One document per id, the last given winning, as repeated saves would leave it."""
    by_id: dict[str, ProcessDocument] = {}
    for document in documents:
        by_id.pop(document.id, None)
        by_id[document.id] = document
    return list(by_id.values())


def _prepare(slot: int, document: ProcessDocument, first: int) -> IndexedProcess:
    return IndexedProcess(
        slot=slot,
        id=document.id,
        title=document.title,
        team=tuple(words(document.team)),
        owner=tuple(words(document.owner)),
        status=document.status,
        entries=tuple(document_entries(document)),
        first=first,
    )
