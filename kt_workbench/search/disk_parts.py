"""The pieces of an index cache file a query reads as it needs them (see ``disk_index``):
processes and their entries by slot, each word's entry numbers, and the vocabulary's
buckets, tails and prefix ranges. Every row is checked against the checksum it was written
with; anything that does not match raises ``IndexFormatError``."""

from __future__ import annotations

import marshal
import sqlite3
import zlib
from array import array
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, overload

from kt_workbench.search.entries import Entry
from kt_workbench.search.query import STOPWORDS
from kt_workbench.search.serialise import IndexFormatError
from kt_workbench.search.vocabulary import MAX_EXPANSIONS, Vocabulary

if TYPE_CHECKING:
    from kt_workbench.search.index import IndexedProcess

_LAST = "\U0010ffff"


def encode_word(word: str) -> bytes:
    return word.encode("utf-8", "surrogatepass")


def decode_word(data: bytes) -> str:
    return bytes(data).decode("utf-8", "surrogatepass")


def checksum(*parts: object) -> int:
    """The checksum a row is written with and checked against when read: SQLite checks its
    pages' structure, not what they hold."""
    value = 0
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
        value = zlib.crc32(data, value)
    return value


def checked(data: bytes, stored: int, what: str) -> bytes:
    if checksum(data) != stored:
        raise IndexFormatError(f"search index cache: {what} is damaged")
    return data


def checked_posting(word: bytes, numbers: bytes, stored: int) -> bytes:
    if checksum(word, numbers) != stored:
        raise IndexFormatError("search index cache: the entries of a word are damaged")
    return numbers


def checked_words(rows: Iterable[tuple[bytes, int, int]]) -> Iterable[tuple[str, int]]:
    """``(word, usage)`` of ``word`` rows read with their checksum."""
    for data, count, stored in rows:
        if checksum(data, count) != stored:
            raise IndexFormatError("search index cache: a word is damaged")
        yield decode_word(data), count


class FileProcesses(Sequence["IndexedProcess | None"]):
    """Processes by slot, each read with its entries when first asked for."""

    def __init__(self, db: sqlite3.Connection, ids: list[str | None]) -> None:
        self._db = db
        self._ids = ids
        self._read: dict[int, IndexedProcess] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def rows(self) -> Iterable[tuple[int, list[Any]]]:
        """``(slot, row)`` of every live process, in slot order."""
        for slot, data, stored in self._db.execute("SELECT slot, row, sum FROM process"):
            yield slot, marshal.loads(checked(data, stored, "a process"))

    def _row(self, slot: int) -> list[Any]:
        found = self._db.execute("SELECT row, sum FROM process WHERE slot = ?", (slot,)).fetchone()
        if found is None:
            raise IndexFormatError(f"search index cache: no process in slot {slot}")
        row = marshal.loads(checked(found[0], found[1], "a process"))
        if not isinstance(row, list) or row[0] != self._ids[slot]:
            raise IndexFormatError(f"search index cache: slot {slot} is not as listed")
        return row

    @overload
    def __getitem__(self, slot: int) -> IndexedProcess | None: ...

    @overload
    def __getitem__(self, slot: slice) -> Sequence[IndexedProcess | None]: ...

    def __getitem__(self, slot: int | slice) -> Any:
        if isinstance(slot, slice):
            return [self[i] for i in range(len(self._ids))[slot]]
        found = self._read.get(slot)
        if found is not None:
            return found
        if self._ids[slot] is None:
            return None
        from kt_workbench.search.index import IndexedProcess

        row = self._row(slot)
        entries = FileEntries(self._db, slot, row[6], row[7])
        process = IndexedProcess(
            slot, row[0], row[1], tuple(row[2]), tuple(row[3]), row[4], entries, row[5]
        )
        self._read[slot] = process
        return process


class FileEntries(Sequence[Entry]):
    """A process's entries: the first (its title) from the row already read, the others
    from the file when first needed."""

    def __init__(
        self, db: sqlite3.Connection, slot: int, count: int, first: list[Any] | None
    ) -> None:
        self._db = db
        self._slot = slot
        self._count = count
        self._first = Entry._make(first) if first is not None else None
        self._all: tuple[Entry, ...] | None = None

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, ordinal: int) -> Entry: ...

    @overload
    def __getitem__(self, ordinal: slice) -> Sequence[Entry]: ...

    def __getitem__(self, ordinal: int | slice) -> Any:
        if ordinal == 0 and self._first is not None and self._all is None:
            return self._first
        return self._read()[ordinal]

    def _read(self) -> tuple[Entry, ...]:
        if self._all is None:
            row = self._db.execute(
                "SELECT data, sum FROM entries WHERE slot = ?", (self._slot,)
            ).fetchone()
            if row is None:
                raise IndexFormatError(f"search index cache: no entries for slot {self._slot}")
            data = checked(row[0], row[1], "a process's entries")
            entries = tuple(map(Entry._make, marshal.loads(data)))
            if len(entries) != self._count or (entries and entries[0] != self._first):
                raise IndexFormatError(
                    f"search index cache: slot {self._slot} holds the wrong entries"
                )
            self._all = entries
        return self._all


class FileArrays(dict[str, "array[int]"]):
    """Each word's entry numbers, read from the file when first asked for (``get``, which is
    all ``Postings`` reads on a query's path)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        super().__init__()
        self._db = db
        self._absent: set[str] = set()

    def get(self, word: str, default: Any = None) -> Any:  # type: ignore[override]
        found = super().get(word)
        if found is not None or word in self._absent:
            return found if found is not None else default
        data = encode_word(word)
        row = self._db.execute(
            "SELECT numbers, sum FROM posting WHERE word = ?", (data,)
        ).fetchone()
        if row is None:
            self._absent.add(word)
            return default
        numbers = array("I")
        numbers.frombytes(checked_posting(data, row[0], row[1]))
        self[word] = numbers
        return numbers


class DiskVocabulary(Vocabulary):
    """The vocabulary answered from the file's ``word`` table: the same buckets, tails and
    sorted ranges the in-memory one keeps, so a typed word expands alike."""

    def __init__(self, db: sqlite3.Connection) -> None:
        super().__init__(ignored=STOPWORDS)
        self._db = db
        self._counts: dict[str, int] = {}

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM word").fetchone()[0])

    def usage(self, word: str) -> int:
        count = self._counts.get(word)
        if count is None:
            data = encode_word(word)
            row = self._db.execute(
                "SELECT word, usage, sum FROM word WHERE word = ?", (data,)
            ).fetchone()
            count = self._counts[word] = (
                next(iter(checked_words([row])))[1] if row is not None else 0
            )
        return count

    def _in_use(self, word: str) -> bool:
        return self.usage(word) > 0

    def _bucket(self, length: int, first: str) -> list[str]:
        rows = self._db.execute(
            "SELECT word, usage, sum FROM word WHERE size = ? AND initial = ? ORDER BY word",
            (length, encode_word(first)),
        )
        found = self._remember(rows)
        if any(len(word) != length or word[0] != first for word in found):
            raise IndexFormatError("search index cache: the words by length are damaged")
        return found

    def _with_tail(self, tail: str) -> list[str]:
        rows = self._db.execute(
            "SELECT word, usage, sum FROM word WHERE tail = ? ORDER BY word", (encode_word(tail),)
        )
        found = self._remember(rows)
        if any(word[1:] != tail for word in found):
            raise IndexFormatError("search index cache: the words by tail are damaged")
        return found

    def _completions(self, word: str, limit: int = MAX_EXPANSIONS) -> list[str]:
        rows = self._db.execute(
            "SELECT word, usage, sum FROM word WHERE word >= ? AND word < ? ORDER BY word",
            (encode_word(word), encode_word(word + _LAST)),
        )
        ignored = self._ignored
        live = [w for w in self._remember(rows) if w != word and w not in ignored]
        if len(live) > limit:
            live.sort(key=lambda w: (-self._counts[w], w))
            del live[limit:]
        return live

    def _remember(self, rows: Iterable[tuple[bytes, int, int]]) -> list[str]:
        found = []
        for word, count in checked_words(rows):
            self._counts[word] = count
            found.append(word)
        return found

    def words(self) -> list[str]:
        rows = self._db.execute("SELECT word, usage, sum FROM word ORDER BY word")
        return self._remember(rows)

    def usage_counts(self) -> dict[str, int]:
        return {word: self._counts[word] for word in self.words()}
