"""The library as an interactive front end sees it: documents, their reports and a search
index, kept consistent with the store. Safe to call from worker threads."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from kt_workbench.checker import (
    CheckerConfig,
    LibraryContext,
    LibraryFinding,
    ProcessReport,
    check_library,
    check_process,
)
from kt_workbench.model import ProcessDocument
from kt_workbench.search import SearchHit, SearchIndex
from kt_workbench.store import ProcessStore


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
        self, store: ProcessStore, config: CheckerConfig | None = None, today: dt.date | None = None
    ) -> None:
        self.store = store
        self.config = config or CheckerConfig()
        self._today = today
        self._lock = threading.RLock()
        self._index = SearchIndex()
        self._index_built = False
        self._snapshot: LibrarySnapshot | None = None
        self._context: LibraryContext | None = None

    @property
    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def snapshot(self) -> LibrarySnapshot:
        """The current library, reloaded from the store when anything changed."""
        with self._lock:
            if self._snapshot is None:
                documents = tuple(self.store.documents())
                report = check_library(documents, self.config, self.today)
                self._snapshot = LibrarySnapshot(documents, report.by_id(), report.findings)
                self._context = report.context or LibraryContext.build(documents)
                if not self._index_built:
                    # Built once; afterwards the store's change events keep it current.
                    self._index.build(documents)
                    self._index.attach(self.store)
                    self._index_built = True
            return self._snapshot

    def check_draft(self, document: ProcessDocument) -> ProcessReport:
        """Check a document being edited against the rest of the library (fast: no reload)."""
        with self._lock:
            self.snapshot()
            return check_process(document, self._context, self.config, self.today)

    def version_of(self, process_id: str) -> int | None:
        """The stored version of a process: what an edit of it starts from."""
        found = self.store.get_with_version(process_id)
        return None if found is None else found[1]

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
            self._snapshot = None
            return version

    def delete(self, process_id: str) -> bool:
        with self._lock:
            deleted = self.store.delete(process_id)
            self._snapshot = None
            return deleted

    def import_documents(self, documents: Sequence[ProcessDocument]) -> None:
        with self._lock:
            self.store.save_many(documents)
            self._snapshot = None

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        with self._lock:
            snapshot = self.snapshot()
            readiness = {pid: str(report.readiness) for pid, report in snapshot.reports.items()}
            return self._index.search(query, limit=limit, readiness=readiness)
