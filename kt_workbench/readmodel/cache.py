"""Derived data kept between runs: check reports and the search index of one store.

A cache is never the truth. It is two files per store, a pickle of check reports and an SQLite
file of the search index (``search.disk_index``, which a query reads in place, in part), so a
command that needs one never reads the other (named by the store's random
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

import dataclasses
import datetime as dt
import marshal
import os
import sqlite3
from collections.abc import Mapping
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kt_workbench import __version__

if TYPE_CHECKING:
    import logging

    from kt_workbench.checker import CheckerConfig, LibraryFinding, ProcessReport
    from kt_workbench.search.disk_index import DiskIndex


def _log() -> logging.Logger:
    """The module's logger (``logs.logger``: ``logging`` imported only when something is
    logged)."""
    from kt_workbench.logs import logger

    return logger(__name__)


# Bump when the layout of ``CachedLibrary`` or anything pickled in it changes.
CACHE_FORMAT = 4


def checker_fingerprint(config: CheckerConfig) -> str:
    """What every report depends on besides the documents: the checker's configuration, its
    rule catalogue and the code that applies them (the package version)."""
    import hashlib

    from kt_workbench.checker import RULES

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
    # The last day on which each report stays what it is (``same_report_until``).
    valid_until: dict[str, dt.date]
    # Processes whose report was dropped because the day moved past its validity: the cache
    # held every process's report when it was written, and these are to be checked again.
    stale: frozenset[str] = frozenset()

    def on_day(self, today: dt.date) -> CachedLibrary | None:
        """This cache as it stands on ``today``: the reports that are still what they were,
        the others moved to ``stale``; ``None`` for a day before the one it was made on (a
        clock set back)."""
        if today == self.today:
            return self
        if today < self.today:
            return None
        gone = {pid for pid in self.reports if self.valid_until.get(pid, self.today) < today}
        return dataclasses.replace(
            self,
            today=today,
            badges={pid: badge for pid, badge in self.badges.items() if pid not in gone},
            reports={pid: data for pid, data in self.reports.items() if pid not in gone},
            stale=self.stale | gone,
        )

    @property
    def whole(self) -> bool:
        """Whether it held every process's report before the day made some stale (so its
        near-duplicate findings are the library's): what is stale needs checking, nothing
        else."""
        return self.reports.keys() | self.stale == self.versions.keys()

    def report(self, process_id: str) -> ProcessReport | None:
        data = self.reports.get(process_id)
        if data is None:
            return None
        import pickle

        from kt_workbench.checker import ProcessReport

        try:
            report = pickle.loads(data)
        except Exception:  # damaged: the caller checks the process instead
            return None
        return report if isinstance(report, ProcessReport) else None

    @property
    def complete(self) -> bool:
        """Whether it holds a report of every process (``ktw check ID`` caches only the
        processes it checked)."""
        return self.reports.keys() == self.versions.keys()

    def readable_reports(self) -> dict[str, ProcessReport]:
        """Every report it holds that can be read (a damaged one is left out)."""
        reports = {pid: self.report(pid) for pid in self.reports}
        return {pid: report for pid, report in reports.items() if report is not None}


def pack_reports(reports: dict[str, ProcessReport]) -> dict[str, bytes]:
    import pickle

    return {pid: pickle.dumps(report, pickle.HIGHEST_PROTOCOL) for pid, report in reports.items()}


def _load(path: Path, what: str) -> object | None:
    """The object pickled in ``path``; ``None`` when it is missing, damaged or foreign (such
    a file is rebuilt, never trusted)."""
    import pickle

    try:
        with path.open("rb") as handle:
            return pickle.load(handle)  # type: ignore[no-any-return]
    except FileNotFoundError:
        return None
    except Exception as error:
        _log().info("ignoring the %s %s: %s", what, path, error)
        return None


def cache_file(folder: Path, store_id: str) -> Path:
    return folder / f"library-{store_id}.pickle"


def read_cache(folder: Path, store_id: str, checker: str, today: dt.date) -> CachedLibrary | None:
    """The cache for this store if it is usable for this checker, as it stands on ``today``
    (the reports the day has made stale left out), else ``None``."""
    if not store_id:
        return None
    cached = _load(cache_file(folder, store_id), "library cache")
    if (
        not isinstance(cached, CachedLibrary)
        or cached.format != CACHE_FORMAT
        or cached.store_id != store_id
        or cached.checker != checker
    ):
        return None
    return cached.on_day(today)


def matching_cache(
    folder: Path,
    store_id: str,
    config: CheckerConfig,
    today: dt.date,
    sequence: int,
    versions: Mapping[str, int],
) -> CachedLibrary | None:
    """The cache when it was computed for exactly this library state (change sequence and
    every process's version) and checker, as it stands on ``today``, else ``None``."""
    cached = read_cache(folder, store_id, checker_fingerprint(config), today)
    if cached is None or cached.sequence != sequence or cached.versions != dict(versions):
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


@dataclass
class OpenedIndex:
    """An index cache opened in place: a query reads only what it needs from the file."""

    sequence: int
    versions: dict[str, int]
    index: DiskIndex
    connection: sqlite3.Connection

    def close(self) -> None:
        self.connection.close()


def index_file(folder: Path, store_id: str) -> Path:
    """An SQLite file (``search.disk_index``) with the cache's keys in its ``meta`` table."""
    return folder / f"index-{store_id}.sqlite"


def open_index_cache(folder: Path, store_id: str) -> OpenedIndex | None:
    """The cached index of this store, opened in place, if it is in this version's formats,
    else ``None``; the caller compares its sequence and versions with the library's.

    The file is never changed once written (a new one replaces it), so it is read as
    immutable: no locking, no journal."""
    from kt_workbench.search.disk_index import READ_ERRORS, DiskIndex
    from kt_workbench.search.serialise import IndexFormatError

    path = index_file(folder, store_id)
    if not store_id or not path.is_file():
        return None
    try:
        connection = sqlite3.connect(
            f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
    except sqlite3.Error as error:
        _log().info("ignoring the search index cache %s: %s", path, error)
        return None
    try:
        keys = _keys(connection, store_id)
        opened = None if keys is None else OpenedIndex(*keys, DiskIndex(connection), connection)
    except (*READ_ERRORS, IndexFormatError) as error:
        _log().info("ignoring the search index cache %s: %s", path, error)
        opened = None
    if opened is None:
        connection.close()
    return opened


def _keys(connection: sqlite3.Connection, store_id: str) -> tuple[int, dict[str, int]] | None:
    """The change sequence and versions the cached index was built from, if it is this
    store's and in this cache format."""
    from kt_workbench.search.disk_index import read_meta

    if read_meta(connection, "cache_format") != CACHE_FORMAT:
        return None
    if read_meta(connection, "store_id") != store_id:
        return None
    versions = marshal.loads(read_meta(connection, "versions"))
    if not isinstance(versions, dict):
        return None
    return int(read_meta(connection, "sequence")), versions


def read_index_cache(folder: Path, store_id: str) -> CachedIndex | None:
    """The cached index of this store as ``SearchIndex.dumps`` bytes, for a whole load, if it
    is in this version's formats, else ``None``."""
    from kt_workbench.search import SearchIndex
    from kt_workbench.search.disk_index import DiskIndex
    from kt_workbench.search.serialise import header

    path = index_file(folder, store_id)
    if not store_id:
        return None
    try:
        image = path.read_bytes()
    except OSError:
        return None
    try:
        with closing(sqlite3.connect(":memory:")) as connection:
            connection.deserialize(image)
            keys = _keys(connection, store_id)
            DiskIndex(connection)  # refuses another format
    except Exception as error:  # damaged or foreign: rebuilt, never trusted
        _log().info("ignoring the search index cache %s: %s", path, error)
        return None
    if keys is None:
        return None
    sequence, versions = keys
    data = header() + image
    return CachedIndex(CACHE_FORMAT, store_id, SearchIndex.FORMAT_VERSION, sequence, versions, data)


def write_index_cache(folder: Path, cached: CachedIndex) -> None:
    """Write the index with its keys; a failure costs speed, never correctness (logged)."""
    from kt_workbench.search.disk_index import meta_row
    from kt_workbench.search.serialise import image_of

    path = index_file(folder, cached.store_id)
    try:
        image = image_of(cached.data)
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = _temporary(path)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(image)
            keys = {
                "cache_format": CACHE_FORMAT,
                "store_id": cached.store_id,
                "sequence": cached.sequence,
                "versions": marshal.dumps(dict(cached.versions)),
            }
            with closing(sqlite3.connect(temporary)) as connection, connection:
                connection.executemany(
                    "INSERT OR REPLACE INTO meta VALUES (?, ?, ?)",
                    (meta_row(key, value) for key, value in keys.items()),
                )
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        # The index cache of earlier versions, a pickle: never read again.
        (folder / f"index-{cached.store_id}.pickle").unlink(missing_ok=True)
    except Exception as error:  # a read-only or full disk costs speed, never correctness
        _log().warning("could not write the cache %s: %s", path, error)


def _write_atomically(path: Path, value: object) -> None:
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = _temporary(path)
        try:
            with os.fdopen(handle, "wb") as out:
                _pickle_into(out, value)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except Exception as error:  # a read-only or full disk costs speed, never correctness
        _log().warning("could not write the cache %s: %s", path, error)


def _temporary(path: Path) -> tuple[int, str]:
    """A new file beside ``path``, to be renamed over it once written."""
    import tempfile

    return tempfile.mkstemp(prefix=f".{path.stem}-", dir=path.parent)


def _pickle_into(out: Any, value: object) -> None:
    import pickle

    pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
