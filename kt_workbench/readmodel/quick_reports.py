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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kt_workbench.checker import CheckerConfig, LibraryContext, ProcessReport, check_process
from kt_workbench.model import ProcessDocument
from kt_workbench.readmodel.cache import (
    CACHE_FORMAT,
    CachedLibrary,
    checker_fingerprint,
    matching_cache,
    pack_reports,
    write_cache,
)
from kt_workbench.store.decoding import UnreadableProcess
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
    ) -> None:
        self.reader = reader
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
        store_id = self.reader.store_id()
        if not store_id:
            return None  # the store's own path gives it an id
        sequence, listing = self.reader.listing()
        versions = {row.id: row.version for row in listing}
        if any(process_id not in versions for process_id in ids):
            return None
        cached = matching_cache(
            self.cache_folder, store_id, self.config, self.today, sequence, versions
        )
        if cached is not None:
            found = self._from_cache(cached, ids, versions)
            if found is not None:
                return found
        return self._checked(store_id, cached, ids, sequence, versions)

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

    def _checked(
        self,
        store_id: str,
        cached: CachedLibrary | None,
        ids: Sequence[str],
        sequence: int,
        versions: dict[str, int],
    ) -> FoundReports | None:
        """Check ``ids`` against the whole library and cache their reports."""
        read_at, loaded, skipped = self.reader.documents_with_versions()
        by_id = {document.id: document for document, _ in loaded}
        if read_at != sequence or any(process_id not in by_id for process_id in ids):
            return None  # changed since the listing, or unreadable: the usual path says so
        if {document.id: version for document, version in loaded} != {
            pid: version for pid, version in versions.items() if pid in by_id
        }:
            return None
        context = LibraryContext.build([document for document, _ in loaded])
        reports = {pid: check_process(by_id[pid], context, self.config, self.today) for pid in ids}
        known = dict(cached.reports) if cached is not None else {}
        badges = dict(cached.badges) if cached is not None else {}
        known.update(pack_reports(reports))
        badges.update(
            {pid: (report.score, str(report.readiness)) for pid, report in reports.items()}
        )
        write_cache(
            self.cache_folder,
            CachedLibrary(
                format=CACHE_FORMAT,
                store_id=store_id,
                checker=checker_fingerprint(self.config),
                today=self.today,
                sequence=sequence,
                versions=versions,
                badges=badges,
                reports=known,
                library_findings=cached.library_findings if cached is not None else (),
            ),
        )
        documents = tuple(by_id[pid] for pid in ids)
        return FoundReports(tuple(reports[pid] for pid in ids), documents, skipped)
