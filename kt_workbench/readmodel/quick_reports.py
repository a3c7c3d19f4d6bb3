"""Check reports of a few processes for a quick command (``ktw check ID``), through the light
reader and the reports cache, without loading the store's SQLAlchemy layer or the read model.

The cache is the read model's own (``cache.CachedLibrary``, keyed by the store's id, the
checker fingerprint, the day, the change sequence and every process's version, since a
process's report depends on the rest of the library: shared glossary, system names,
near-duplicates). A cache of exactly the stored library answers without checking anything;
otherwise the processes are checked against the whole library, as ``ktw check ID`` always
does, and their reports are added to the cache for that library state (a partial cache:
``CachedLibrary.complete`` tells the read model it cannot stand for the whole library).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kt_workbench.checker import (
    CheckerConfig,
    LibraryContext,
    ProcessReport,
    check_process,
    same_report_until,
)
from kt_workbench.model import ProcessDocument
from kt_workbench.readmodel.cache import (
    CACHE_FORMAT,
    CachedLibrary,
    checker_fingerprint,
    matching_cache,
    pack_reports,
    write_cache,
)
from kt_workbench.readmodel.pairs import findings_of, pairs_of, refresh_pairs
from kt_workbench.store.decoding import UnreadableProcess
from kt_workbench.store.listing import ProcessListing
from kt_workbench.store.quick_read import QuickReader


@dataclass(frozen=True)
class FoundReports:
    reports: tuple[ProcessReport, ...]
    documents: tuple[ProcessDocument, ...]
    # Processes a whole-library read left out because they could not be read.
    skipped: tuple[UnreadableProcess, ...] = ()


class QuickReports:
    def __init__(
        self,
        reader: QuickReader,
        config: CheckerConfig,
        today: dt.date | None = None,
        cache_folder: Path | None = None,
        checking: Callable[[int, int], object] | None = None,
    ) -> None:
        """``checking(done, total)`` is told how far the checking of processes the cache has
        no report of has gone (for a progress bar)."""
        self.reader = reader
        self.checking = checking
        self.config = config
        self.today = today or dt.date.today()
        if cache_folder is None:
            from kt_workbench.locations import cache_dir

            cache_folder = cache_dir()
        self.cache_folder = cache_folder

    def reports(self, ids: Sequence[str]) -> FoundReports | None:
        """The reports of ``ids`` (distinct) in that order, with their documents; ``None``
        when one of them is not in the library (the usual path reports it) or the library
        changed while it was read. Raises ``QuickReadUnavailable`` as the reader does."""
        state = self._state()
        if state is None:
            return None
        store_id, sequence, _, versions, cached = state
        if any(process_id not in versions for process_id in ids):
            return None
        if cached is not None:
            found = self._from_cache(cached, ids, versions)
            if found is not None:
                return found
        checked = self._check_and_cache(store_id, cached, ids, sequence, versions)
        return None if checked is None else checked[0]

    def _from_cache(
        self, cached: CachedLibrary, ids: Sequence[str], versions: dict[str, int]
    ) -> FoundReports | None:
        reports = [cached.report(process_id) for process_id in ids]
        if any(report is None for report in reports):
            return None
        documents = []
        for process_id in ids:
            found = self.reader.get_with_version(process_id)
            if found is None or found[1] != versions[process_id]:
                return None  # changed since the listing: check what is stored now
            documents.append(found[0])
        return FoundReports(tuple(r for r in reports if r is not None), tuple(documents))

    def badges(self) -> tuple[list[ProcessListing], dict[str, tuple[int, str]]] | None:
        """Every row of the library with its ``(score, readiness)``: from the cache, checking
        only the processes it has no current report of (none on the day it was made; on a
        later day, those whose review has fallen due since), and caching those. ``None``
        when the library changed while it was read or a process cannot be read (the usual
        path reports it). Raises ``QuickReadUnavailable`` as the reader does."""
        state = self._state()
        if state is None:
            return None
        store_id, sequence, listing, versions, cached = state
        missing = [row.id for row in listing if cached is None or row.id not in cached.badges]
        if not missing and cached is not None:
            return listing, cached.badges
        checked = self._check_and_cache(store_id, cached, missing, sequence, versions)
        return None if checked is None else (listing, checked[1].badges)

    def _state(
        self,
    ) -> tuple[str, int, list[ProcessListing], dict[str, int], CachedLibrary | None] | None:
        """The store's id, change sequence, rows and versions, with the cache of exactly that
        library state (or None); ``None`` for a store with no id yet (its own path gives it
        one)."""
        store_id = self.reader.store_id()
        if not store_id:
            return None
        sequence, listing = self.reader.listing()
        versions = {row.id: row.version for row in listing}
        cached = matching_cache(
            self.cache_folder, store_id, self.config, self.today, sequence, versions
        )
        return store_id, sequence, listing, versions, cached

    def _check_and_cache(
        self,
        store_id: str,
        cached: CachedLibrary | None,
        ids: Sequence[str],
        sequence: int,
        versions: dict[str, int],
    ) -> tuple[FoundReports, CachedLibrary] | None:
        """Check ``ids`` against the whole library, add their reports and near-duplicate
        pairs to the cache of this library state, and write it."""
        if self.checking is not None:
            self.checking(0, len(ids))  # reading the library comes first: seconds at 5,000
        read_at, loaded, skipped = self.reader.documents_with_versions()
        by_id = {document.id: document for document, _ in loaded}
        if read_at != sequence or any(process_id not in by_id for process_id in ids):
            return None  # changed since the listing, or unreadable: the usual path says so
        if {document.id: version for document, version in loaded} != {
            pid: version for pid, version in versions.items() if pid in by_id
        }:
            return None
        context = LibraryContext.build([document for document, _ in loaded])
        reports: dict[str, ProcessReport] = {}
        for pid in ids:
            reports[pid] = check_process(by_id[pid], context, self.config, self.today)
            if self.checking is not None:
                self.checking(len(reports), len(ids))
        # The pairs found by every earlier check of this same library state, with those of
        # the processes checked now: once each process has been checked, they are all there.
        pairs = pairs_of(cached.library_findings) if cached is not None else {}
        for pid in ids:
            refresh_pairs(pairs, by_id[pid], context, self.config)
        known = dict(cached.reports) if cached is not None else {}
        badges = dict(cached.badges) if cached is not None else {}
        known.update(pack_reports(reports))
        badges.update(
            {pid: (report.score, str(report.readiness)) for pid, report in reports.items()}
        )
        valid_until = dict(cached.valid_until) if cached is not None else {}
        valid_until.update({pid: same_report_until(by_id[pid], self.today) for pid in reports})
        written = CachedLibrary(
            format=CACHE_FORMAT,
            store_id=store_id,
            checker=checker_fingerprint(self.config),
            today=self.today,
            sequence=sequence,
            versions=versions,
            badges=badges,
            reports=known,
            library_findings=findings_of(pairs),
            valid_until=valid_until,
            stale=cached.stale - reports.keys() if cached is not None else frozenset(),
        )
        write_cache(self.cache_folder, written)
        documents = tuple(by_id[pid] for pid in ids)
        return FoundReports(tuple(reports[pid] for pid in ids), documents, skipped), written
