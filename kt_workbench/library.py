"""The library as every front end sees it: one read model between the store and the CLI and
the workbench. Safe to call from worker threads.

It holds the documents, their check reports, the near-duplicate pairs and a search index,
and keeps them current *incrementally* from the store's change sequence, which also carries
other processes' changes (another workbench, the CLI, a colleague on PostgreSQL): ``refresh``
asks for the changes after the last one it applied, reloads only those processes and checks
again only them and the processes their change can affect (see ``readmodel.impact``).

Reports and the search index are also kept in a cache between runs (``readmodel.cache``); a
cache that does not match the store exactly is ignored and rebuilt.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kt_workbench.checker import (
    CheckerConfig,
    LibraryFinding,
    ProcessReport,
    check_process,
    same_report_until,
)
from kt_workbench.model import ProcessDocument
from kt_workbench.readmodel.cache import (
    CACHE_FORMAT,
    CachedIndex,
    CachedLibrary,
    checker_fingerprint,
    pack_reports,
    read_cache,
    read_index_cache,
    write_cache,
    write_index_cache,
)
from kt_workbench.readmodel.catch_up import apply_changes, touched_processes
from kt_workbench.readmodel.context import LiveContext
from kt_workbench.readmodel.impact import affected_by, fold_texts, mentioning
from kt_workbench.readmodel.pairs import findings_of, pairs_of, refresh_pairs
from kt_workbench.store import ProcessStore
from kt_workbench.store.changes import ProcessListing

if TYPE_CHECKING:  # imported when first searched: listing and checking never need it
    from kt_workbench.search import SearchHit, SearchIndex

# Above this many changed processes one bulk read beats reading them one by one.
BULK_RELOAD = 200
# How many processes are checked between two progress reports on a first load.
PROGRESS_EVERY = 250

Progress = Callable[[int, int, dict[str, ProcessReport]], object]
Pair = tuple[str, str]


@dataclass(frozen=True)
class LibrarySnapshot:
    """Everything a library view shows, computed together so it is consistent."""

    documents: tuple[ProcessDocument, ...]
    reports: dict[str, ProcessReport]
    library_findings: tuple[LibraryFinding, ...]

    def document(self, process_id: str) -> ProcessDocument | None:
        return next((doc for doc in self.documents if doc.id == process_id), None)


class Library:
    """Wraps a store with the checker and search. Every public method takes the lock."""

    def __init__(
        self,
        store: ProcessStore,
        config: CheckerConfig | None = None,
        today: dt.date | None = None,
        cache_folder: Path | None = None,
    ) -> None:
        self.store = store
        self.config = config or CheckerConfig()
        self._today = today
        self._cache_folder = cache_folder
        self._lock = threading.RLock()
        self._loaded = False
        self._sequence = 0
        self._documents: dict[str, ProcessDocument] = {}
        self._versions: dict[str, int] = {}
        self._reports: dict[str, ProcessReport] = {}
        self._pairs: dict[Pair, LibraryFinding] = {}
        self._live = LiveContext()
        self._texts: dict[str, tuple[ProcessDocument, str]] = {}
        # Called between two processes of a long check or index build: a front end whose
        # UI shares this interpreter can give it the time while someone is typing.
        self.courtesy: Callable[[], object] = _no_courtesy
        # Built on load, or on first use after a load that did not need it (``index=False``).
        self._index: SearchIndex | None = None
        self._snapshot: LibrarySnapshot | None = None
        self._cache_dirty = False
        # An index brought up to date without a full load, to be cached when the command ends.
        self._index_unsaved: tuple[SearchIndex, int, dict[str, int]] | None = None
        # Ids changed by this model's own saves and deletions, until ``refresh`` hands them on.
        self._pending: set[str] = set()

    @property
    def today(self) -> dt.date:
        return self._today or dt.date.today()

    @property
    def cache_folder(self) -> Path:
        if self._cache_folder is None:
            from kt_workbench.locations import cache_dir

            self._cache_folder = cache_dir()
        return self._cache_folder

    @property
    def loaded(self) -> bool:
        """Whether every document is in and checked (until then ``refresh`` does nothing: the
        load itself reads the latest state)."""
        return self._loaded

    def checking(self) -> tuple[int, int] | None:
        """``(checked, total)`` while the first load is checking the library, else ``None``.
        Read without the lock, which the load holds: for a view to say how far it is."""
        if self._loaded:
            return None
        total = len(self._documents)
        return (min(len(self._reports), total), total) if total else None

    @property
    def sequence(self) -> int:
        """The newest store change this model has applied."""
        return self._sequence

    # --- reading ------------------------------------------------------------------------------

    def listing(self) -> tuple[int, list[ProcessListing]]:
        """The library's rows from one cheap query, with the change sequence they include."""
        return self.store.listing()

    def cached_badges(
        self, sequence: int, versions: Mapping[str, int]
    ) -> dict[str, tuple[int, str]]:
        """``(score, readiness)`` by id from the cache when it was computed for exactly this
        library state, else nothing: lets a view show readiness before anything is checked."""
        with self._lock:
            if self._loaded and self._sequence == sequence:
                return {pid: _badge(report) for pid, report in self._reports.items()}
        cached = self._matching_cache(sequence, versions)
        return {} if cached is None else dict(cached.badges)

    def cached_report(
        self, process_id: str, sequence: int, versions: Mapping[str, int]
    ) -> ProcessReport | None:
        """One process's report from a cache that matches this library state exactly."""
        cached = self._matching_cache(sequence, versions)
        return None if cached is None else cached.report(process_id)

    def cached_reports(
        self, process_ids: Iterable[str], sequence: int, versions: Mapping[str, int]
    ) -> dict[str, ProcessReport] | None:
        """These processes' reports from a cache that matches this library state exactly,
        read once; ``None`` unless every one of them is there."""
        cached = self._matching_cache(sequence, versions)
        if cached is None:
            return None
        reports = {process_id: cached.report(process_id) for process_id in process_ids}
        if any(report is None for report in reports.values()):
            return None
        return {pid: report for pid, report in reports.items() if report is not None}

    def _matching_cache(self, sequence: int, versions: Mapping[str, int]) -> CachedLibrary | None:
        cached = self._read_cache()
        if cached is None or cached.sequence != sequence or cached.versions != dict(versions):
            return None
        return cached

    def snapshot(self) -> LibrarySnapshot:
        """The library as of the last change applied (loaded on first use)."""
        with self._lock:
            if not self._loaded:
                self.load()
            if self._snapshot is None:
                documents = tuple(self._documents[pid] for pid in sorted(self._documents))
                findings = findings_of(self._pairs)
                self._snapshot = LibrarySnapshot(documents, dict(self._reports), findings)
            return self._snapshot

    def load(self, progress: Progress | None = None, index: bool = True) -> None:
        """Read every document and check them (or take the reports from a matching cache).
        ``progress(done, total, reports so far)`` is called as checking goes. With
        ``index=False`` the search index is left to be built when first searched (a command
        that only lists or checks never pays for it)."""
        with self._lock:
            if self._loaded:  # already current: refresh() keeps it so
                if index:
                    self._current_index()
                if progress is not None:
                    progress(len(self._reports), len(self._reports), dict(self._reports))
                return
            sequence, loaded = self.store.documents_with_versions()
            documents = {doc.id: doc for doc, _ in loaded}
            versions = {doc.id: version for doc, version in loaded}
            self._documents, self._versions, self._sequence = documents, versions, sequence
            self._live = LiveContext(documents.values())
            cached = self._matching_cache(sequence, versions)
            known = None if cached is None or not cached.whole else cached.readable_reports()
            if cached is not None and known is not None:
                # Every report the cache still holds for today; the rest (a review that fell
                # due since, an unreadable entry) is checked now.
                self._reports = known
                self._pairs = pairs_of(cached.library_findings)
                self._check_all(progress, [pid for pid in sorted(documents) if pid not in known])
                if known.keys() != documents.keys():
                    cached = None  # written again below
            else:
                cached = None
                self._reports, self._pairs = {}, {}
                self._check_all(progress, sorted(documents))
            self._index = None
            self._loaded = True
            self._snapshot = None
            self._cache_dirty = cached is None
            if index:
                self._current_index()
            if self._cache_dirty:
                self.write_cache()

    def warm(self) -> None:
        """Prepare, in the background, what the first save would otherwise pay for: the
        library's lower-case words, and every document's text folded for searching (to find who
        mentions a changed glossary term, system name or lower-case word)."""
        with self._lock:
            documents = dict(self._documents)
            self._live.lower_words()
        folded: dict[str, tuple[ProcessDocument, str]] = {}
        fold_texts(documents, folded)
        with self._lock:
            for process_id, entry in folded.items():
                if self._documents.get(process_id) is entry[0]:
                    self._texts.setdefault(process_id, entry)

    def titles(self) -> list[tuple[str, str, str]]:
        """``(id, title, team)`` of every process, sorted by id: from memory once loaded, else
        from the cheap listing query (never waits for the full load)."""
        if self._loaded:
            with self._lock:
                documents = sorted(self._documents.values(), key=lambda doc: doc.id)
                return [(doc.id, doc.title, doc.team) for doc in documents]
        return [(row.id, row.title, row.team) for row in self.store.listing()[1]]

    def versions(self) -> dict[str, int]:
        """The stored version of every process as of the last change applied."""
        with self._lock:
            return dict(self._versions)

    def document_with_version(self, process_id: str) -> tuple[ProcessDocument, int] | None:
        """The stored document and its version, read together: what an edit starts from."""
        return self.store.get_with_version(process_id)

    def version_of(self, process_id: str) -> int | None:
        """The stored version of a process."""
        found = self.store.get_with_version(process_id)
        return None if found is None else found[1]

    def check_draft(self, document: ProcessDocument) -> ProcessReport:
        """Check a document being edited against the rest of the library (fast: no reload)."""
        with self._lock:
            if not self._loaded:
                self.load()
            return check_process(document, self._live.context, self.config, self.today)

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        with self._lock:
            if not self._loaded:
                self.load()
            readiness = {pid: str(report.readiness) for pid, report in self._reports.items()}
            return self._current_index().search(query, limit=limit, readiness=readiness)

    def search_index(self, sequence: int, versions: Mapping[str, int]) -> SearchIndex:
        """The search index of the library at ``sequence`` with these process ``versions``
        (from ``listing``), without loading or checking every document when it can be helped:
        a cached index of exactly this state is used as is, one a few changes behind is
        brought up to date from the changed processes only, anything else (missing, stale,
        corrupt, another format) is rebuilt from the store. What was built is cached when
        the command ends (``write_cache_if_changed``)."""
        from kt_workbench.search import SearchIndex

        with self._lock:
            if self._loaded:
                return self._current_index()
            cached = read_index_cache(self.cache_folder, self._store_id())
            if cached is not None and cached.sequence <= sequence:
                index = self._loaded_index(cached)
                if index is not None and cached.sequence == sequence:
                    if cached.versions == dict(versions):
                        return index
                elif index is not None and self._catch_up(index, cached, versions):
                    self._index_unsaved = (index, sequence, dict(versions))
                    return index
            built_at, loaded = self.store.documents_with_versions()
            index = SearchIndex.from_documents(document for document, _ in loaded)
            built = {document.id: version for document, version in loaded}
            self._index_unsaved = (index, built_at, built)
            return index

    def _catch_up(
        self, index: SearchIndex, cached: CachedIndex, versions: Mapping[str, int]
    ) -> bool:
        """Apply to ``index`` the changes made since it was cached; ``False`` when there are
        too many, or the result does not match ``versions`` (a change raced the listing)."""
        changes = self.store.follow(cached.sequence)
        if changes is None:
            return False
        changed = (change.process_id for change in changes)
        touched = touched_processes(changed, cached.versions, versions)
        if len(touched) > BULK_RELOAD:
            return False
        return apply_changes(index, touched, cached.versions, versions, self.store.get_with_version)

    # --- following the store ------------------------------------------------------------------

    def refresh(self) -> set[str]:
        """Apply every change committed since the last one applied, from any process; returns
        the ids whose row or report changed (empty, after one tiny query, when none did)."""
        with self._lock:
            if not self._loaded:
                return set()
            own, self._pending = self._pending, set()
            changes = self.store.follow(self._sequence)
            if changes is not None and not changes:
                return own
            latest = {change.process_id: change.version for change in changes or ()}
            stale = [
                pid for pid, version in latest.items() if self._versions.get(pid, 0) != version
            ]
            newest = changes[-1].sequence if changes else self._sequence
            # Too many changes, or too far behind to know them all (old changes pruned).
            if changes is None or len(stale) > BULK_RELOAD:
                newest, everything = self.store.documents_with_versions()
                found = {doc.id: (doc, version) for doc, version in everything}
                gone = set(self._documents) - set(found)
                changed: dict[str, tuple[ProcessDocument, int] | None] = {
                    pid: pair for pid, pair in found.items() if self._versions.get(pid) != pair[1]
                }
                changed.update(dict.fromkeys(gone))
            else:
                changed = {pid: self.store.get_with_version(pid) for pid in stale}
            touched = self._apply(changed)
            self._sequence = max(self._sequence, newest)
            return touched | own

    # --- writing ------------------------------------------------------------------------------

    def save(
        self,
        document: ProcessDocument,
        replacing: str | None = None,
        expected_version: int | None = None,
    ) -> int:
        """Store a document and return its new version. ``replacing`` is its previous id when
        the id changed; ``expected_version`` is the version the edit started from, so a save
        over someone else's newer version is refused with ``ConflictError``."""
        with self._lock:
            renamed = bool(replacing) and replacing != document.id
            version = self.store.save(document, expected_version=0 if renamed else expected_version)
            if renamed and replacing:
                self.store.delete(replacing)
            if self._loaded:
                changed: dict[str, tuple[ProcessDocument, int] | None] = {
                    document.id: (document, version)
                }
                if renamed and replacing:
                    changed[replacing] = None
                self._pending |= self._apply(changed)
            return version

    def delete(self, process_id: str) -> bool:
        with self._lock:
            deleted = self.store.delete(process_id)
            if deleted and self._loaded:
                self._pending |= self._apply({process_id: None})
            return deleted

    def import_documents(self, documents: Sequence[ProcessDocument]) -> None:
        with self._lock:
            self.store.save_many(documents)
            self.refresh()

    def close(self) -> None:
        """Keep what was computed for the next run, then close the store."""
        self.write_cache_if_changed()
        self.store.close()

    # --- the cache ----------------------------------------------------------------------------

    def write_cache_if_changed(self) -> None:
        with self._lock:
            if self._loaded and self._cache_dirty:
                self.write_cache()
            elif not self._loaded and self._index_unsaved is not None:
                index, sequence, versions = self._index_unsaved
                self._write_index(index, sequence, versions)
            self._index_unsaved = None

    def write_cache(self) -> None:
        with self._lock:
            write_cache(
                self.cache_folder,
                CachedLibrary(
                    format=CACHE_FORMAT,
                    store_id=self._store_id(),
                    checker=checker_fingerprint(self.config),
                    today=self.today,
                    sequence=self._sequence,
                    versions=dict(self._versions),
                    badges={pid: _badge(report) for pid, report in self._reports.items()},
                    reports=pack_reports(self._reports),
                    library_findings=findings_of(self._pairs),
                    valid_until={
                        pid: same_report_until(self._documents[pid], self.today)
                        for pid in self._reports
                        if pid in self._documents
                    },
                ),
            )
            if self._index is not None:
                self._write_index(self._index, self._sequence, dict(self._versions))
            self._cache_dirty = False
            self._index_unsaved = None

    def _write_index(self, index: SearchIndex, sequence: int, versions: dict[str, int]) -> None:
        from kt_workbench.search import SearchIndex

        write_index_cache(
            self.cache_folder,
            CachedIndex(
                CACHE_FORMAT,
                self._store_id(),
                SearchIndex.FORMAT_VERSION,
                sequence,
                versions,
                index.dumps(),
            ),
        )

    def _read_cache(self) -> CachedLibrary | None:
        return read_cache(
            self.cache_folder, self._store_id(), checker_fingerprint(self.config), self.today
        )

    @property
    def store_id(self) -> str:
        """The store's id, which names its caches."""
        return self._store_id()

    def _store_id(self) -> str:
        store_id = getattr(self, "_known_store_id", None)
        if store_id is None:
            store_id = self.store.store_id()
            self._known_store_id = store_id
        return store_id

    def _current_index(self) -> SearchIndex:
        """The index of the loaded library, read from the cache or built (and cached) on
        first use."""
        from kt_workbench.search import SearchIndex

        if self._index is None:
            self._index = self._cached_index(self._sequence, self._versions)
            if self._index is None:
                self._index = SearchIndex.from_documents(self._courteously(self._documents))
                if not self._cache_dirty:  # else written with the reports
                    self._write_index(self._index, self._sequence, dict(self._versions))
        return self._index

    def _cached_index(self, sequence: int, versions: Mapping[str, int]) -> SearchIndex | None:
        cached = read_index_cache(self.cache_folder, self._store_id())
        if cached is None or cached.sequence != sequence or cached.versions != dict(versions):
            return None
        return self._loaded_index(cached)

    @staticmethod
    def _loaded_index(cached: CachedIndex) -> SearchIndex | None:
        from kt_workbench.search import SearchIndex

        try:
            return SearchIndex.loads(cached.data)
        except Exception:  # a damaged index is rebuilt from the documents
            return None

    # --- keeping derived data current ---------------------------------------------------------

    def _check_all(self, progress: Progress | None, ids: list[str]) -> None:
        """Check ``ids`` (the others' reports are already in), reporting progress over the
        whole library: the reports already in come with the first batch."""
        total = len(self._documents)
        done = total - len(ids)
        checking = set(ids)
        batch = {pid: report for pid, report in self._reports.items() if pid not in checking}
        for pid in ids:
            batch[pid] = self._check(pid)
            self.courtesy()
            done += 1
            if progress is not None and (len(batch) >= PROGRESS_EVERY or done == total):
                progress(done, total, batch)
                batch = {}
        if progress is not None and (batch or not total):
            progress(done, total, batch)

    def _check(self, process_id: str) -> ProcessReport:
        """Check one process against the current context and refresh its duplicate pairs."""
        document = self._documents[process_id]
        context = self._live.context
        report = check_process(document, context, self.config, self.today)
        self._reports[process_id] = report
        refresh_pairs(self._pairs, document, context, self.config)
        return report

    def _courteously(self, documents: Mapping[str, ProcessDocument]) -> Iterator[ProcessDocument]:
        for document in documents.values():
            yield document
            self.courtesy()

    def _partners(self, ids: Iterable[str]) -> set[str]:
        wanted = set(ids)
        return {pid for pair in self._pairs if wanted & set(pair) for pid in pair} - wanted

    def _drop_pairs(self, ids: set[str]) -> None:
        for pair in [pair for pair in self._pairs if ids & set(pair)]:
            del self._pairs[pair]

    def _apply(self, changed: Mapping[str, tuple[ProcessDocument, int] | None]) -> set[str]:
        """Bring documents, context, reports, pairs and index up to ``changed``."""
        recheck: set[str] = set(changed) | self._partners(changed)
        mentioned: set[str] = set()
        for pid, found in changed.items():
            after = found[0] if found is not None else None
            definers, keys = affected_by(pid, after, self._live)
            recheck |= definers
            mentioned |= keys
            if found is None:
                self._documents.pop(pid, None)
                self._versions.pop(pid, None)
                self._reports.pop(pid, None)
                if self._index is not None:
                    self._index.remove(pid)
            else:
                self._documents[pid], self._versions[pid] = found
                if self._index is not None:
                    self._index.update(found[0])
        self._drop_pairs(set(changed))
        recheck |= mentioning(self._documents, mentioned, self._texts)
        for pid in sorted(recheck):
            if pid in self._documents:
                self._check(pid)
        # A changed process may now be a near-duplicate of one it was not before.
        for pid in self._partners(changed) - recheck:
            if pid in self._documents:
                self._check(pid)
        self._snapshot = None
        self._cache_dirty = True
        return recheck | self._partners(changed)


def _badge(report: ProcessReport) -> tuple[int, str]:
    return report.score, str(report.readiness)


def _no_courtesy() -> None:
    return None
