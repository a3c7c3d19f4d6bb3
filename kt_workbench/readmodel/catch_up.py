"""Bringing a cached search index up to the store's versions, one changed process at a time.

Shared by the workbench's read model and the command line's light path, which read the store
differently (the ORM or plain ``sqlite3``) and pass their own ``read``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kt_workbench.model import ProcessDocument
    from kt_workbench.search import SearchIndex

Read = Callable[[str], "tuple[ProcessDocument, int] | None"]


def touched_processes(
    changed: Iterable[str], cached: Mapping[str, int], versions: Mapping[str, int]
) -> set[str]:
    """Every process that differs between the cached index and ``versions``: changed since
    it was written, at another version, or gone."""
    touched = set(changed)
    touched |= {pid for pid, version in versions.items() if cached.get(pid) != version}
    touched |= set(cached) - set(versions)
    return touched


def apply_changes(
    index: SearchIndex,
    touched: Iterable[str],
    cached: Mapping[str, int],
    versions: Mapping[str, int],
    read: Read,
) -> bool:
    """Update or remove each touched process in ``index``; whether the index then holds
    exactly ``versions`` (False: a change raced the listing)."""
    now = dict(cached)
    for process_id in sorted(touched):
        found = read(process_id)
        if found is None:
            index.remove(process_id)
            now.pop(process_id, None)
        else:
            index.update(found[0])
            now[process_id] = found[1]
    return now == dict(versions)
