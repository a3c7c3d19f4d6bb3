"""Library rows: what a row shows, when a review is overdue, and the row filter.

The filter is typed by people who mean "show me the billing ones that are ready": words that
name a readiness level (``ready``, ``needs-work``, ``not-ready``) or ``overdue`` are exact
filters, so ``ready`` never matches ``not-ready``; every other word goes to the search engine
over title, team, owner and tags, which forgives typos and prefixes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import threading
from collections.abc import Iterable

from kt_workbench.checker import READINESS_LEVELS
from kt_workbench.model import ProcessDocument
from kt_workbench.search import SearchIndex
from kt_workbench.store.changes import ProcessListing

OVERDUE_WORDS = frozenset({"overdue", "stale"})
# Enough for every match a person reads; the engine stops ranking well before this anyway.
MATCH_LIMIT = 1000
FUZZY_FROM = 3
_WORD = re.compile(r"[^\W_]+")


def listing_of(document: ProcessDocument, version: int) -> ProcessListing:
    return ProcessListing(
        id=document.id,
        title=document.title,
        team=document.team,
        owner=document.owner,
        status=document.status,
        tags=document.tags,
        volume_per_month=document.volume_per_month,
        last_reviewed=document.last_reviewed,
        review_every_days=document.review_every_days,
        version=version,
    )


def review_overdue(row: ProcessListing, today: dt.date) -> bool:
    """As the checker judges it (KT105): the next review date has passed."""
    if row.last_reviewed is None or row.review_every_days is None:
        return False
    try:
        return row.last_reviewed + dt.timedelta(days=row.review_every_days) < today
    except OverflowError:
        return False


@dataclasses.dataclass(frozen=True)
class RowFilter:
    text: str = ""
    readiness: frozenset[str] = frozenset()
    overdue: bool = False

    @property
    def empty(self) -> bool:
        return not self.text and not self.readiness and not self.overdue


def parse_filter(value: str) -> RowFilter:
    text, levels, overdue = [], set(), False
    for word in value.split():
        folded = word.casefold()
        if folded in READINESS_LEVELS:
            levels.add(folded)
        elif folded in OVERDUE_WORDS:
            overdue = True
        else:
            text.append(word)
    return RowFilter(" ".join(text), frozenset(levels), overdue)


class RowIndex:
    """The search engine over what a library row shows (title, team, owner, tags).

    A word shorter than ``FUZZY_FROM`` letters is too short to guess typos from, and as a
    prefix it matches a large part of any library's vocabulary, which the engine then ranks
    at length; such queries are matched as word prefixes instead, in one pass over the rows.
    """

    def __init__(self) -> None:
        self._index = SearchIndex()
        # Each row's words, each after a NUL: "\0word" in it finds a word starting so.
        self._words: dict[str, str] = {}
        self._lock = threading.RLock()
        self.built = False

    def build(self, rows: Iterable[ProcessListing]) -> None:
        # Built under the lock: a filter typed meanwhile waits for it instead of finding
        # nothing.
        with self._lock:
            rows = list(rows)
            self._index = SearchIndex.from_documents(_row_document(row) for row in rows)
            self._words = {row.id: _row_words(row) for row in rows}
            self.built = True

    def update(self, row: ProcessListing) -> None:
        with self._lock:
            self._index.update(_row_document(row))
            self._words[row.id] = _row_words(row)

    def remove(self, process_id: str) -> None:
        with self._lock:
            self._index.remove(process_id)
            self._words.pop(process_id, None)

    def matching(self, text: str) -> list[str]:
        """Ids of the rows matching ``text``, best first."""
        wanted = text.casefold().split()
        if any(len(word) < FUZZY_FROM for word in wanted):
            starts = ["\0" + part for part in wanted]
            with self._lock:
                rows = list(self._words.items())
            return [pid for pid, words in rows if all(start in words for start in starts)]
        with self._lock:
            hits = self._index.search(text, limit=MATCH_LIMIT, per_process=1)
        return list(dict.fromkeys(hit.id for hit in hits))

    def matching_now(self, text: str) -> list[str] | None:
        """``matching(text)`` if the index is built and free now, else ``None`` (it is being
        built or changed): lets a caller that must not wait filter elsewhere instead."""
        if not self.built or not self._lock.acquire(blocking=False):
            return None
        try:
            return self.matching(text)
        finally:
            self._lock.release()


def _row_words(row: ProcessListing) -> str:
    text = " ".join((row.title, row.team, row.owner, *row.tags)).casefold()
    return "".join("\0" + word for word in _WORD.findall(text))


def _row_document(row: ProcessListing) -> ProcessDocument:
    # Tags are searched as written; as a sentence of the purpose, they are found by word.
    return ProcessDocument(
        id=row.id,
        title=row.title,
        team=row.team,
        owner=row.owner,
        status=row.status,
        tags=row.tags,
        purpose=" ".join(row.tags),
    )
