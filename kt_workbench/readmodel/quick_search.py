"""The search index for a quick command (``ktw search``), through the light reader and the
index cache, without loading the store's SQLAlchemy layer or the read model.

A cache of exactly the stored library (change sequence and every version) is queried in
place (``search.disk_index``): the query reads only its own words' vocabulary buckets and
entry arrays and the entries of the processes it scores. A cache a few changes behind is read
whole, brought up to date from the changed processes only, and written again; anything else
(missing, stale, corrupt, another format) is rebuilt from the store and written. Writing
happens after the answer is shown (``write_pending``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kt_workbench.readmodel.cache import (
    CACHE_FORMAT,
    CachedIndex,
    OpenedIndex,
    open_index_cache,
    write_index_cache,
)
from kt_workbench.readmodel.catch_up import apply_changes, touched_processes
from kt_workbench.search.serialise import IndexFormatError
from kt_workbench.store.quick_read import QuickReader

if TYPE_CHECKING:
    import logging
    from collections.abc import Callable

    from kt_workbench.search import SearchIndex
    from kt_workbench.search.index import IndexView
    from kt_workbench.store.decoding import UnreadableProcess


def _log() -> logging.Logger:
    """The module's logger (``logs.logger``: ``logging`` imported only when something is
    logged)."""
    from kt_workbench.logs import logger

    return logger(__name__)


# Above this many changed processes since the cache was written, rebuilding beats reading the
# whole cache and applying them (as the read model's own catch-up, ``Library.search_index``).
CATCH_UP_LIMIT = 200


class QuickSearch:
    def __init__(
        self,
        reader: QuickReader,
        cache_folder: Path | None = None,
        building: Callable[[int], None] | None = None,
    ) -> None:
        """``building`` is told the number of processes when the whole index has to be built
        (no usable cache): seconds on a large library, worth a word to whoever waits."""
        self.reader = reader
        self.building = building
        if cache_folder is None:
            from kt_workbench.locations import cache_dir

            cache_folder = cache_dir()
        self.cache_folder = cache_folder
        self.skipped: tuple[UnreadableProcess, ...] = ()
        self._opened: OpenedIndex | None = None
        self._unsaved: tuple[SearchIndex, int, dict[str, int]] | None = None
        self._store_id = ""

    def index(self, rebuild: bool = False) -> tuple[IndexView, int, dict[str, int]] | None:
        """The index of the stored library with the change sequence and versions it is of;
        ``None`` when the store has no id yet (its own path gives it one). ``rebuild`` skips
        the cache (one found damaged while queried). Raises ``QuickReadUnavailable`` as the
        reader does."""
        self._store_id = self.reader.store_id()
        if not self._store_id:
            return None
        if self._opened is not None:
            self._opened.close()
            self._opened = None
        sequence, versions = self.reader.versions()
        opened = None if rebuild else open_index_cache(self.cache_folder, self._store_id)
        if opened is not None:
            if opened.sequence == sequence and opened.versions == versions:
                self._opened = opened
                return opened.index, sequence, versions
            caught_up = self._caught_up(opened, sequence, versions)
            opened.close()
            if caught_up is not None:
                self._unsaved = (caught_up, sequence, versions)
                return caught_up, sequence, versions
        from kt_workbench.search import SearchIndex

        if self.building is not None:
            self.building(len(versions))
        built_at, loaded, self.skipped = self.reader.documents_with_versions()
        built = SearchIndex.from_documents(document for document, _ in loaded)
        built_versions = {document.id: version for document, version in loaded}
        self._unsaved = (built, built_at, built_versions)
        return built, built_at, built_versions

    def _caught_up(
        self, opened: OpenedIndex, sequence: int, versions: dict[str, int]
    ) -> SearchIndex | None:
        """The cached index with the changes since it was written applied, when they are few
        and the result is exactly ``versions``."""
        if opened.sequence > sequence:
            return None
        changes = self.reader.changes_since(opened.sequence)
        changed = (process_id for _, process_id, _ in changes)
        touched = touched_processes(changed, opened.versions, versions)
        if len(touched) > CATCH_UP_LIMIT:
            return None
        try:
            index = opened.index.to_memory()
        except IndexFormatError as error:
            _log().info("rebuilding the search index: %s", error)
            return None
        read = self.reader.get_with_version
        return index if apply_changes(index, touched, opened.versions, versions, read) else None

    def write_pending(self) -> None:
        """Cache what was built or brought up to date, then close the file read."""
        if self._opened is not None:
            self._opened.close()
            self._opened = None
        if self._unsaved is not None:
            from kt_workbench.search import SearchIndex

            index, sequence, versions = self._unsaved
            self._unsaved = None
            write_index_cache(
                self.cache_folder,
                CachedIndex(
                    CACHE_FORMAT,
                    self._store_id,
                    SearchIndex.FORMAT_VERSION,
                    sequence,
                    versions,
                    index.dumps(),
                ),
            )
