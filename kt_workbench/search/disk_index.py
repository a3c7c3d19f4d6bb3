"""The search index as an SQLite file that a query reads only in part.

A cold ``ktw search`` cannot afford to restore the whole index (tens of megabytes at 5,000
processes) to answer one query. In this file a query reads what it uses: the vocabulary
buckets of its own words (by length and first letter, as ``Vocabulary`` buckets them, plus
the first-letter-typo and prefix lookups), the entry arrays of the words they expand into,
and the entries of the few processes it scores. ``DiskIndex`` offers the same ``IndexView``
as the in-memory ``SearchIndex``, so the one ranking answers from either, alike.

Tables (format ``FORMAT_VERSION``; words are stored as UTF-8 bytes, which sort as Python
sorts strings, lone surrogates included):

- ``meta(key, value)``: the format, ``marshal`` version and byte order; ``processes``, a
  ``marshal`` list by slot of ``[id, title, team words, owner words, status, first entry
  number, entry count, first entry]`` (``None`` for a free slot; the first entry is the
  title, which ranking reads of many more processes than it scores); ``slot_of``,
  ``tier_of`` and ``key_of`` (native arrays by entry number, see ``Postings``);
  ``tier_keys``; ``live`` (the number of processes); and the cache's keys
  (``readmodel.cache``).
- ``entries(slot, data)``: a process's entries, ``marshal``-led ``[section, location, text,
  weight]`` lists.
- ``word(word, usage, size, initial, tail)``: every word in use, indexed by ``(size,
  initial)`` and by ``tail`` (everything after the first letter).
- ``posting(word, numbers)``: the native bytes of each word's sorted entry numbers.

Anything unexpected while reading raises ``IndexFormatError``; the caller rebuilds.
"""

from __future__ import annotations

import marshal
import sqlite3
import sys
import zlib
from array import array
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

from kt_workbench.search.entries import Entry
from kt_workbench.search.postings import Postings
from kt_workbench.search.query import STOPWORDS
from kt_workbench.search.serialise import FORMAT_VERSION, IndexFormatError
from kt_workbench.search.vocabulary import MAX_EXPANSIONS, Vocabulary

if TYPE_CHECKING:
    from kt_workbench.search.index import IndexedProcess, SearchHit, SearchIndex

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB, sum INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE entries (slot INTEGER PRIMARY KEY, data BLOB NOT NULL, sum INTEGER NOT NULL);
CREATE TABLE word (
    word BLOB PRIMARY KEY, usage INTEGER NOT NULL, size INTEGER NOT NULL,
    initial BLOB NOT NULL, tail BLOB NOT NULL, sum INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX word_bucket ON word (size, initial, word);
CREATE INDEX word_tail ON word (tail, word);
CREATE TABLE posting (
    word BLOB PRIMARY KEY, numbers BLOB NOT NULL, sum INTEGER NOT NULL
) WITHOUT ROWID;
"""
_LAST = "\U0010ffff"
# Errors reading a damaged or foreign file can raise besides ``sqlite3.Error``.
READ_ERRORS = (
    sqlite3.Error,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    EOFError,
    AttributeError,
    OverflowError,
)


def _encode(word: str) -> bytes:
    return word.encode("utf-8", "surrogatepass")


def _decode(data: bytes) -> str:
    return bytes(data).decode("utf-8", "surrogatepass")


def _sum(*parts: object) -> int:
    """The checksum a row is written with and checked against when read: SQLite checks its
    pages' structure, not what they hold."""
    value = 0
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
        value = zlib.crc32(data, value)
    return value


def _checked(data: bytes, stored: int, what: str) -> bytes:
    if _sum(data) != stored:
        raise IndexFormatError(f"search index cache: {what} is damaged")
    return data


def meta_row(key: str, value: object) -> tuple[str, object, int]:
    """A row of the ``meta`` table (the cache adds its keys with these)."""
    return key, value, _sum(value)


def _word_row(word: str, count: int) -> tuple[bytes, int, int, bytes, bytes, int]:
    data = _encode(word)
    return data, count, len(word), _encode(word[0]), _encode(word[1:]), _sum(data, count)


def write_tables(db: sqlite3.Connection, index: SearchIndex) -> None:
    """Write ``index`` into the empty database ``db`` (in one transaction)."""
    postings = index.postings.state()
    processes: list[list[Any] | None] = []
    rows: list[tuple[int, bytes]] = []
    for process in index.processes:
        if process is None:
            processes.append(None)
            continue
        processes.append(
            [
                process.id,
                process.title,
                list(process.team),
                list(process.owner),
                process.status,
                process.first,
                len(process.entries),
                list(process.entries[0]) if process.entries else None,
            ]
        )
        rows.append((process.slot, marshal.dumps([list(entry) for entry in process.entries])))
    slot_of, tier_of = array("I"), array("H")
    slot_of.frombytes(postings["slot_of"])  # type: ignore[arg-type]
    tier_of.frombytes(postings["tier_of"])  # type: ignore[arg-type]
    meta: dict[str, object] = {
        "format": FORMAT_VERSION,
        "marshal": marshal.version,
        "byteorder": sys.byteorder,
        "processes": marshal.dumps(processes),
        "slot_of": postings["slot_of"],
        "tier_of": postings["tier_of"],
        "key_of": Postings.keys_of(slot_of, tier_of).tobytes(),
        "tier_keys": marshal.dumps(postings["tier_keys"]),  # type: ignore[arg-type]
        "live": len(index),
    }
    arrays = postings["arrays"]
    assert isinstance(arrays, dict)
    with db:
        db.executescript(_SCHEMA)
        db.executemany("INSERT INTO meta VALUES (?, ?, ?)", (meta_row(*i) for i in meta.items()))
        db.executemany(
            "INSERT INTO entries VALUES (?, ?, ?)", ((s, data, _sum(data)) for s, data in rows)
        )
        db.executemany(
            "INSERT INTO word VALUES (?, ?, ?, ?, ?, ?)",
            (_word_row(w, count) for w, count in index.vocabulary.usage_counts().items()),
        )
        db.executemany(
            "INSERT INTO posting VALUES (?, ?, ?)",
            ((data, numbers, _sum(data, numbers)) for data, numbers in _postings(arrays)),
        )


def _postings(arrays: dict[str, bytes]) -> Iterable[tuple[bytes, bytes]]:
    return ((_encode(word), numbers) for word, numbers in arrays.items())


def _posting(word: bytes, numbers: bytes, stored: int) -> bytes:
    if _sum(word, numbers) != stored:
        raise IndexFormatError("search index cache: the entries of a word are damaged")
    return numbers


def _words(rows: Iterable[tuple[bytes, int, int]]) -> Iterable[tuple[str, int]]:
    """``(word, usage)`` of ``word`` rows read with their checksum."""
    for data, count, stored in rows:
        if _sum(data, count) != stored:
            raise IndexFormatError("search index cache: a word is damaged")
        yield _decode(data), count


def read_meta(db: sqlite3.Connection, key: str) -> Any:
    row = db.execute("SELECT value, sum FROM meta WHERE key = ?", (key,)).fetchone()
    if row is None:
        raise IndexFormatError(f"search index cache: no {key!r}")
    if _sum(row[0]) != row[1]:
        raise IndexFormatError(f"search index cache: {key!r} is damaged")
    return row[0]


class DiskIndex:
    """An index read from its file as queries need it. Not thread-safe: one per command."""

    def __init__(self, db: sqlite3.Connection) -> None:
        """``IndexFormatError`` unless ``db`` holds an index in this version's format."""
        self._db = db
        try:
            found = (read_meta(db, "format"), read_meta(db, "marshal"), read_meta(db, "byteorder"))
            if found != (FORMAT_VERSION, marshal.version, sys.byteorder):
                raise IndexFormatError(
                    f"search index cache: format {found}, this version reads "
                    f"{(FORMAT_VERSION, marshal.version, sys.byteorder)}"
                )
            rows = marshal.loads(read_meta(db, "processes"))
            self._rows: list[list[Any] | None] = rows
            self._live = int(read_meta(db, "live"))
            key_of = array("Q")
            key_of.frombytes(read_meta(db, "key_of"))
            tier_keys = [(str(s), float(w)) for s, w in marshal.loads(read_meta(db, "tier_keys"))]
        except IndexFormatError:
            raise
        except READ_ERRORS as error:
            raise IndexFormatError(f"search index cache: unreadable ({error})") from None
        self._postings = Postings.reading(_FileArrays(db), key_of, tier_keys)
        self._vocabulary = DiskVocabulary(db)
        self._processes = _FileProcesses(db, rows)

    @property
    def processes(self) -> Sequence[IndexedProcess | None]:
        return self._processes

    @property
    def postings(self) -> Postings:
        return self._postings

    @property
    def vocabulary(self) -> Vocabulary:
        return self._vocabulary

    def __len__(self) -> int:
        return self._live

    def process_id(self, slot: int) -> str:
        row = self._rows[slot]
        return str(row[0]) if row is not None else ""

    def summaries(self) -> Iterable[IndexedProcess]:
        from kt_workbench.search.index import IndexedProcess

        return [
            IndexedProcess(slot, row[0], row[1], tuple(row[2]), tuple(row[3]), row[4], (), row[5])
            for slot, row in enumerate(self._rows)
            if row is not None
        ]

    def search(
        self,
        query: str,
        limit: int = 20,
        readiness: Mapping[str, str] | None = None,
        per_process: int = 3,
    ) -> list[SearchHit]:
        """As ``SearchIndex.search``, with the same answers."""
        from kt_workbench.search.ranking import rank

        try:
            return rank(self, query, limit, readiness or {}, per_process)
        except IndexFormatError:
            raise
        except READ_ERRORS as error:
            raise IndexFormatError(f"search index cache: unreadable ({error})") from None

    def _all_processes(self) -> list[IndexedProcess | None]:
        """Every slot's process with all its entries, in one pass over the file."""
        from kt_workbench.search.index import IndexedProcess

        entries = {
            slot: tuple(map(Entry._make, marshal.loads(_checked(data, stored, "entries"))))
            for slot, data, stored in self._db.execute("SELECT slot, data, sum FROM entries")
        }
        processes: list[IndexedProcess | None] = []
        for slot, row in enumerate(self._rows):
            if row is None:
                processes.append(None)
                continue
            held = entries[slot]
            if len(held) != row[6] or (held and list(held[0]) != row[7]):
                raise IndexFormatError(f"search index cache: slot {slot} holds the wrong entries")
            processes.append(
                IndexedProcess(
                    slot, row[0], row[1], tuple(row[2]), tuple(row[3]), row[4], held, row[5]
                )
            )
        return processes

    def to_memory(self, index: SearchIndex | None = None) -> SearchIndex:
        """The whole index in memory (in ``index``, else a new one), to be updated."""
        import gc

        from kt_workbench.search.index import SearchIndex, settle_collector

        db = self._db
        index = SearchIndex() if index is None else index
        collecting = gc.isenabled()
        gc.disable()  # hundreds of thousands of small containers and no cycles
        try:
            processes = self._all_processes()
            state = {
                "arrays": {
                    _decode(word): _posting(word, numbers, stored)
                    for word, numbers, stored in db.execute(
                        "SELECT word, numbers, sum FROM posting"
                    )
                },
                "slot_of": read_meta(db, "slot_of"),
                "tier_of": read_meta(db, "tier_of"),
                "tier_keys": marshal.loads(read_meta(db, "tier_keys")),
            }
            usage = dict(_words(db.execute("SELECT word, usage, sum FROM word ORDER BY word")))
            index.restore(processes, state, usage)
        except IndexFormatError:
            raise
        except READ_ERRORS as error:
            raise IndexFormatError(f"search index cache: unreadable ({error})") from None
        finally:
            settle_collector(collecting)
        return index


class _FileProcesses(Sequence["IndexedProcess | None"]):
    """Processes by slot, each read with its entries when first asked for."""

    def __init__(self, db: sqlite3.Connection, rows: list[list[Any] | None]) -> None:
        self._db = db
        self._rows = rows
        self._read: dict[int, IndexedProcess] = {}

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, slot: int) -> IndexedProcess | None: ...

    @overload
    def __getitem__(self, slot: slice) -> Sequence[IndexedProcess | None]: ...

    def __getitem__(self, slot: int | slice) -> Any:
        if isinstance(slot, slice):
            return [self[i] for i in range(len(self._rows))[slot]]
        found = self._read.get(slot)
        if found is not None:
            return found
        row = self._rows[slot]
        if row is None:
            return None
        from kt_workbench.search.index import IndexedProcess

        entries = _FileEntries(self._db, slot, row[6], row[7])
        process = IndexedProcess(
            slot, row[0], row[1], tuple(row[2]), tuple(row[3]), row[4], entries, row[5]
        )
        self._read[slot] = process
        return process


class _FileEntries(Sequence[Entry]):
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
            data = _checked(row[0], row[1], "a process's entries")
            entries = tuple(map(Entry._make, marshal.loads(data)))
            if len(entries) != self._count or (entries and entries[0] != self._first):
                raise IndexFormatError(
                    f"search index cache: slot {self._slot} holds the wrong entries"
                )
            self._all = entries
        return self._all


class _FileArrays(dict[str, "array[int]"]):
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
        data = _encode(word)
        row = self._db.execute(
            "SELECT numbers, sum FROM posting WHERE word = ?", (data,)
        ).fetchone()
        if row is None:
            self._absent.add(word)
            return default
        numbers = array("I")
        numbers.frombytes(_posting(data, row[0], row[1]))
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
            data = _encode(word)
            row = self._db.execute(
                "SELECT word, usage, sum FROM word WHERE word = ?", (data,)
            ).fetchone()
            count = self._counts[word] = next(iter(_words([row])))[1] if row is not None else 0
        return count

    def _in_use(self, word: str) -> bool:
        return self.usage(word) > 0

    def _bucket(self, length: int, first: str) -> list[str]:
        rows = self._db.execute(
            "SELECT word, usage, sum FROM word WHERE size = ? AND initial = ? ORDER BY word",
            (length, _encode(first)),
        )
        found = self._remember(rows)
        if any(len(word) != length or word[0] != first for word in found):
            raise IndexFormatError("search index cache: the words by length are damaged")
        return found

    def _with_tail(self, tail: str) -> list[str]:
        rows = self._db.execute(
            "SELECT word, usage, sum FROM word WHERE tail = ? ORDER BY word", (_encode(tail),)
        )
        found = self._remember(rows)
        if any(word[1:] != tail for word in found):
            raise IndexFormatError("search index cache: the words by tail are damaged")
        return found

    def _completions(self, word: str, limit: int = MAX_EXPANSIONS) -> list[str]:
        rows = self._db.execute(
            "SELECT word, usage, sum FROM word WHERE word >= ? AND word < ? ORDER BY word",
            (_encode(word), _encode(word + _LAST)),
        )
        ignored = self._ignored
        live = [w for w in self._remember(rows) if w != word and w not in ignored]
        if len(live) > limit:
            live.sort(key=lambda w: (-self._counts[w], w))
            del live[limit:]
        return live

    def _remember(self, rows: Iterable[tuple[bytes, int, int]]) -> list[str]:
        found = []
        for word, count in _words(rows):
            self._counts[word] = count
            found.append(word)
        return found

    def words(self) -> list[str]:
        rows = self._db.execute("SELECT word, usage, sum FROM word ORDER BY word")
        return self._remember(rows)

    def usage_counts(self) -> dict[str, int]:
        return {word: self._counts[word] for word in self.words()}
