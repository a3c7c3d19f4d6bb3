"""The search index as bytes, so a front end can start from a cached copy in milliseconds.

Format (version ``FORMAT_VERSION``): the 8-byte magic ``KTWSRCH\\0``, a 2-byte format
version and a 2-byte ``marshal`` version (both little-endian), then one ``marshal``
payload of plain values: a dict with

- ``processes``: one item per slot, ``None`` for a free slot, else ``[id, title, team
  words, owner words, status, first entry number, entries]`` where each entry is
  ``[section, location, text, weight]``;
- ``postings``: ``arrays`` (word to the native bytes of an unsigned 32-bit array of entry
  numbers), ``slot_of`` and ``tier_of`` (the same, 32 and 16 bits, by entry number) and
  ``tier_keys`` (``[section, weight]`` by tier number);
- ``usage``: how many processes use each word.

``marshal`` reads plain values several times faster than JSON or pickle and cannot run
code, but it is only stable within one Python version and byte order: it is a cache
format, not an interchange one. Anything unexpected (another version, another Python,
truncated or corrupt bytes) raises ``IndexFormatError``, and the caller rebuilds the index
from the store, which stays the one source of truth.
"""

from __future__ import annotations

import gc
import marshal
import struct
import sys
from typing import TYPE_CHECKING, Any

from kt_workbench.errors import KtwError
from kt_workbench.search.entries import Entry

if TYPE_CHECKING:
    from kt_workbench.search.index import SearchIndex

FORMAT_VERSION = 1
MAGIC = b"KTWSRCH\x00"
_HEADER = struct.Struct("<8sHH")


class IndexFormatError(KtwError):
    """Bytes that are not a search index this version can read: rebuild instead."""


def dump_index(index: SearchIndex) -> bytes:
    processes: list[list[Any] | None] = []
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
                [list(entry) for entry in process.entries],
            ]
        )
    state = {
        "processes": processes,
        "postings": index.postings.state(),
        # Sorted, so the vocabulary sorts it again in linear time on load.
        "usage": dict(sorted(index.vocabulary.usage_counts().items())),
        "byteorder": sys.byteorder,
    }
    header = _HEADER.pack(MAGIC, FORMAT_VERSION, marshal.version)
    return header + marshal.dumps(state)


def load_index(data: bytes, index: SearchIndex) -> None:
    """Fill an empty index from ``dump_index`` bytes."""
    from kt_workbench.search.index import IndexedProcess, settle_collector

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
    collecting = gc.isenabled()
    # Hundreds of thousands of small containers and no cycles: the collector would run
    # dozens of times for nothing.
    gc.disable()
    try:
        state = marshal.loads(memoryview(data)[_HEADER.size :])
        if state.get("byteorder") != sys.byteorder:
            raise IndexFormatError("search index cache: written on another byte order")
        processes: list[IndexedProcess | None] = []
        make_entry = Entry._make
        for slot, item in enumerate(state["processes"]):
            if item is None:
                processes.append(None)
                continue
            pid, title, team, owner, status, first, entries = item
            processes.append(
                IndexedProcess(
                    slot=slot,
                    id=pid,
                    title=title,
                    team=tuple(team),
                    owner=tuple(owner),
                    status=status,
                    entries=tuple(map(make_entry, entries)),
                    first=first,
                )
            )
        index.restore(processes, state["postings"], state["usage"])
    except IndexFormatError:
        raise
    except (ValueError, EOFError, TypeError, KeyError, AttributeError, struct.error) as error:
        raise IndexFormatError(f"search index cache: unreadable ({error})") from None
    finally:
        settle_collector(collecting)
