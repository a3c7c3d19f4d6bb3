"""Derived data kept between runs: check reports and the search index of one store.

A cache is never the truth. It is two pickles per store, one of check reports and one of the
search index, so a command that needs one never reads the other (named by the store's random
id, so two databases at the same path over time never share one). The reports are used only
when their format, the checker fingerprint and the day they were computed for all match, only
for the exact process versions they were computed from, and only when the library's change
sequence is the one they were computed at (a process's report depends on the rest of the
library); the index only for the exact sequence and versions it was built from
(``Library.search_index`` may bring one a few changes behind up to date). Anything missing,
stale, unreadable or from another version of KT Workbench is ignored and rebuilt; writing is
atomic (a temporary file renamed over the old one), and a failure to write is logged, never
raised.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kt_workbench import __version__
from kt_workbench.checker import RULES, CheckerConfig, LibraryFinding, ProcessReport

log = logging.getLogger(__name__)

# Bump when the layout of ``CachedLibrary`` or anything pickled in it changes.
CACHE_FORMAT = 3


def checker_fingerprint(config: CheckerConfig) -> str:
    """What every report depends on besides the documents: the checker's configuration, its
    rule catalogue and the code that applies them (the package version)."""
    material = repr((__version__, config, RULES))
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class CachedLibrary:
    format: int
    store_id: str
    checker: str
    today: dt.date
    sequence: int
    versions: dict[str, int]
    # What a list shows, (score, readiness) by id: read without decoding a single report.
    badges: dict[str, tuple[int, str]]
    # Each report pickled on its own, so one can be read without the other thousands.
    reports: dict[str, bytes]
    library_findings: tuple[LibraryFinding, ...]

    def report(self, process_id: str) -> ProcessReport | None:
        data = self.reports.get(process_id)
        if data is None:
            return None
        try:
            report = pickle.loads(data)
        except Exception:  # damaged: the caller checks the process instead
            return None
        return report if isinstance(report, ProcessReport) else None

    def all_reports(self) -> dict[str, ProcessReport] | None:
        reports = {pid: self.report(pid) for pid in self.reports}
        if any(report is None for report in reports.values()):
            return None
        return {pid: report for pid, report in reports.items() if report is not None}


def pack_reports(reports: dict[str, ProcessReport]) -> dict[str, bytes]:
    return {pid: pickle.dumps(report, pickle.HIGHEST_PROTOCOL) for pid, report in reports.items()}


def _load(path: Path, what: str) -> object | None:
    """The object pickled in ``path``; ``None`` when it is missing, damaged or foreign (such
    a file is rebuilt, never trusted)."""
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)  # type: ignore[no-any-return]
    except FileNotFoundError:
        return None
    except Exception as error:
        log.info("ignoring the %s %s: %s", what, path, error)
        return None


def cache_file(folder: Path, store_id: str) -> Path:
    return folder / f"library-{store_id}.pickle"


def read_cache(folder: Path, store_id: str, checker: str, today: dt.date) -> CachedLibrary | None:
    """The cache for this store if it is usable for this checker and day, else ``None``."""
    if not store_id:
        return None
    cached = _load(cache_file(folder, store_id), "library cache")
    if (
        not isinstance(cached, CachedLibrary)
        or cached.format != CACHE_FORMAT
        or cached.store_id != store_id
        or cached.checker != checker
        or cached.today != today
    ):
        return None
    return cached


def write_cache(folder: Path, cached: CachedLibrary) -> None:
    _write_atomically(cache_file(folder, cached.store_id), cached)


@dataclass(frozen=True)
class CachedIndex:
    """The search index as of one library state: the exact change sequence and process
    versions it was built from, in the search package's own format (``SearchIndex.dumps``)."""

    format: int
    store_id: str
    index_format: int
    sequence: int
    versions: dict[str, int]
    data: bytes


def index_file(folder: Path, store_id: str) -> Path:
    return folder / f"index-{store_id}.pickle"


def read_index_cache(folder: Path, store_id: str) -> CachedIndex | None:
    """The cached index of this store if it is in this version's formats, else ``None``; the
    caller compares its sequence and versions with the library's."""
    from kt_workbench.search import SearchIndex

    if not store_id:
        return None
    cached = _load(index_file(folder, store_id), "search index cache")
    if (
        not isinstance(cached, CachedIndex)
        or cached.format != CACHE_FORMAT
        or cached.store_id != store_id
        or cached.index_format != SearchIndex.FORMAT_VERSION
        or not isinstance(cached.data, bytes)
    ):
        return None
    return cached


def write_index_cache(folder: Path, cached: CachedIndex) -> None:
    _write_atomically(index_file(folder, cached.store_id), cached)


def _write_atomically(path: Path, value: object) -> None:
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except Exception as error:  # a read-only or full disk costs speed, never correctness
        log.warning("could not write the cache %s: %s", path, error)
