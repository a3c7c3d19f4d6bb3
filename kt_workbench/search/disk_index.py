"""The search index as an SQLite file that a query reads only in part.

A cold ``ktw search`` cannot afford to restore the whole index (tens of megabytes at 5,000
processes) to answer one query. In this file a query reads what it uses: the vocabulary
buckets of its own words (by length and first letter, as ``Vocabulary`` buckets them, plus
the first-letter-typo and prefix lookups), the entry arrays of the words they expand into,
and the entries of the few processes it scores. ``DiskIndex`` offers the same ``IndexView``
as the in-memory ``SearchIndex``, so the one ranking answers from either, alike.

Tables (format ``FORMAT_VERSION``; words are stored as UTF-8 bytes, which sort as Python
sorts strings, lone surrogates included):

- ``meta(key, value, sum)``: the format, ``marshal`` version and byte order; ``ids``, a
  ``marshal`` list of the process id by slot (``None`` for a free slot); ``slot_of``,
  ``tier_of`` and ``key_of`` (native arrays by entry number, see ``Postings``);
  ``tier_keys``; ``live`` (the number of processes); and the cache's keys
  (``readmodel.cache``).
- ``process(slot, row, sum)``: ``marshal``-led ``[id, title, team words, owner words,
  status, first entry number, entry count, first entry]``; the first entry is the title,
  which ranking reads of many more processes than it scores.
- ``entries(slot, data, sum)``: a process's entries, ``marshal``-led ``[section, location,
  text, weight]`` lists.
- ``word(word, usage, size, initial, tail, sum)``: every word in use, indexed by ``(size,
  initial)`` and by ``tail`` (everything after the first letter).
- ``posting(word, numbers, sum)``: the native bytes of each word's sorted entry numbers.

Every row carries a CRC-32 of what it holds (``sum``), checked when it is read: SQLite
checks the structure of its pages, not their contents. Anything unexpected while reading
raises ``IndexFormatError``; the caller rebuilds.
"""

from __future__ import annotations

import marshal
import sqlite3
import sys
from array import array
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from kt_workbench.search.disk_parts import (
    DiskVocabulary,
    FileArrays,
    FileProcesses,
    checked,
    checked_posting,
    checked_words,
    checksum,
    decode_word,
    encode_word,
)
from kt_workbench.search.entries import Entry
from kt_workbench.search.postings import Postings
from kt_workbench.search.serialise import FORMAT_VERSION, IndexFormatError
from kt_workbench.search.vocabulary import Vocabulary

if TYPE_CHECKING:
    from kt_workbench.search.index import IndexedProcess, SearchHit, SearchIndex

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB, sum INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE process (slot INTEGER PRIMARY KEY, row BLOB NOT NULL, sum INTEGER NOT NULL);
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


def meta_row(key: str, value: object) -> tuple[str, object, int]:
    """A row of the ``meta`` table (the cache adds its keys with these)."""
    return key, value, checksum(value)


def _word_row(word: str, count: int) -> tuple[bytes, int, int, bytes, bytes, int]:
    data = encode_word(word)
    return (
        data,
        count,
        len(word),
        encode_word(word[0]),
        encode_word(word[1:]),
        checksum(data, count),
    )


def write_tables(db: sqlite3.Connection, index: SearchIndex) -> None:
    """Write ``index`` into the empty database ``db`` (in one transaction)."""
    postings = index.postings.state()
    ids: list[str | None] = []
    processes: list[tuple[int, bytes]] = []
    rows: list[tuple[int, bytes]] = []
    for process in index.processes:
        if process is None:
            ids.append(None)
            continue
        ids.append(process.id)
        light = marshal.dumps(
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
        processes.append((process.slot, light))
        rows.append((process.slot, marshal.dumps([list(entry) for entry in process.entries])))
    slot_of, tier_of = array("I"), array("H")
    slot_of.frombytes(postings["slot_of"])  # type: ignore[arg-type]
    tier_of.frombytes(postings["tier_of"])  # type: ignore[arg-type]
    meta: dict[str, object] = {
        "format": FORMAT_VERSION,
        "marshal": marshal.version,
        "byteorder": sys.byteorder,
        "ids": marshal.dumps(ids),
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
            "INSERT INTO process VALUES (?, ?, ?)",
            ((s, row, checksum(row)) for s, row in processes),
        )
        db.executemany(
            "INSERT INTO entries VALUES (?, ?, ?)", ((s, data, checksum(data)) for s, data in rows)
        )
        db.executemany(
            "INSERT INTO word VALUES (?, ?, ?, ?, ?, ?)",
            (_word_row(w, count) for w, count in index.vocabulary.usage_counts().items()),
        )
        db.executemany(
            "INSERT INTO posting VALUES (?, ?, ?)",
            ((data, numbers, checksum(data, numbers)) for data, numbers in _postings(arrays)),
        )


def _postings(arrays: dict[str, bytes]) -> Iterable[tuple[bytes, bytes]]:
    return ((encode_word(word), numbers) for word, numbers in arrays.items())


def read_meta(db: sqlite3.Connection, key: str) -> Any:
    row = db.execute("SELECT value, sum FROM meta WHERE key = ?", (key,)).fetchone()
    if row is None:
        raise IndexFormatError(f"search index cache: no {key!r}")
    if checksum(row[0]) != row[1]:
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
            ids = marshal.loads(read_meta(db, "ids"))
            if not isinstance(ids, list):
                raise IndexFormatError("search index cache: no process ids")
            self._ids: list[str | None] = ids
            self._live = int(read_meta(db, "live"))
            key_of = array("Q")
            key_of.frombytes(read_meta(db, "key_of"))
            tier_keys = [(str(s), float(w)) for s, w in marshal.loads(read_meta(db, "tier_keys"))]
        except IndexFormatError:
            raise
        except READ_ERRORS as error:
            raise IndexFormatError(f"search index cache: unreadable ({error})") from None
        self._postings = Postings.reading(FileArrays(db), key_of, tier_keys)
        self._vocabulary = DiskVocabulary(db)
        self._processes = FileProcesses(db, ids)

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
        found = self._ids[slot]
        return found if found is not None else ""

    def summaries(self) -> Iterable[IndexedProcess]:
        from kt_workbench.search.index import IndexedProcess

        return [
            IndexedProcess(slot, row[0], row[1], tuple(row[2]), tuple(row[3]), row[4], (), row[5])
            for slot, row in self._processes.rows()
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
            slot: tuple(map(Entry._make, marshal.loads(checked(data, stored, "entries"))))
            for slot, data, stored in self._db.execute("SELECT slot, data, sum FROM entries")
        }
        rows = dict(self._processes.rows())
        processes: list[IndexedProcess | None] = []
        for slot, found in enumerate(self._ids):
            row = rows.get(slot)
            if found is None or row is None or row[0] != found:
                if found is None and row is None:
                    processes.append(None)
                    continue
                raise IndexFormatError(f"search index cache: slot {slot} is not as listed")
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
                    decode_word(word): checked_posting(word, numbers, stored)
                    for word, numbers, stored in db.execute(
                        "SELECT word, numbers, sum FROM posting"
                    )
                },
                "slot_of": read_meta(db, "slot_of"),
                "tier_of": read_meta(db, "tier_of"),
                "tier_keys": marshal.loads(read_meta(db, "tier_keys")),
            }
            usage = dict(
                checked_words(db.execute("SELECT word, usage, sum FROM word ORDER BY word"))
            )
            index.restore(processes, state, usage)
        except IndexFormatError:
            raise
        except READ_ERRORS as error:
            raise IndexFormatError(f"search index cache: unreadable ({error})") from None
        finally:
            settle_collector(collecting)
        return index
