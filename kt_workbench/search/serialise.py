"""The search index as bytes, so a front end can start from a cached copy instead of a build.

Format (version ``FORMAT_VERSION``): the 8-byte magic ``KTWSRCH\\0``, a 2-byte format
version and a 2-byte ``marshal`` version (both little-endian), then the image of an SQLite
database holding the index as ``disk_index`` lays it out. The same database, written to a
file, is the index cache a cold ``ktw search`` queries in place, reading only what the query
needs (``disk_index.DiskIndex``); ``SearchIndex.loads`` reads all of it back into memory.

Entries are ``marshal``-led: it reads plain values several times faster than JSON or pickle
and cannot run code, but it is only stable within one Python version and byte order, so this
is a cache format, not an interchange one. Anything unexpected (another version, another
Python, truncated or corrupt bytes) raises ``IndexFormatError``, and the caller rebuilds the
index from the store, which stays the one source of truth.
"""

from __future__ import annotations

import marshal
import sqlite3
import struct
from contextlib import closing
from typing import TYPE_CHECKING

from kt_workbench.errors import KtwError

if TYPE_CHECKING:
    from kt_workbench.search.index import SearchIndex

# 1: one marshal payload; 2: an SQLite database read in part by a query.
FORMAT_VERSION = 2
MAGIC = b"KTWSRCH\x00"
_HEADER = struct.Struct("<8sHH")


class IndexFormatError(KtwError):
    """Bytes that are not a search index this version can read: rebuild instead."""


def dump_index(index: SearchIndex) -> bytes:
    """The header and the image of an SQLite database holding ``index``."""
    from kt_workbench.search.disk_index import write_tables

    with closing(sqlite3.connect(":memory:")) as db:
        write_tables(db, index)
        image = db.serialize()
    return header() + image


def header() -> bytes:
    return _HEADER.pack(MAGIC, FORMAT_VERSION, marshal.version)


def image_of(data: bytes | memoryview) -> bytes:
    """The SQLite image in ``dump_index`` bytes; ``IndexFormatError`` for anything else."""
    if len(data) < _HEADER.size:
        raise IndexFormatError("search index cache: too short")
    magic, version, marshal_version = _HEADER.unpack_from(data)
    if magic != MAGIC:
        raise IndexFormatError("search index cache: not a search index")
    if version != FORMAT_VERSION or marshal_version != marshal.version:
        raise IndexFormatError(
            f"search index cache: format {version}/{marshal_version}, "
            f"this version reads {FORMAT_VERSION}/{marshal.version}"
        )
    return bytes(memoryview(data)[_HEADER.size :])


def load_index(data: bytes | memoryview, index: SearchIndex) -> None:
    """Fill an empty index from ``dump_index`` bytes."""
    from kt_workbench.search.disk_index import READ_ERRORS, DiskIndex

    image = image_of(data)
    with closing(sqlite3.connect(":memory:")) as db:
        try:
            db.deserialize(image)
        except READ_ERRORS as error:
            raise IndexFormatError(f"search index cache: unreadable ({error})") from None
        DiskIndex(db).to_memory(index)
