"""A light, read-only reader of an SQLite store for the quick commands (``show``, ``list``,
``check ID``, ``search``): the standard library's ``sqlite3``, no SQLAlchemy, SQLModel or
Alembic, which cost more to import than these commands take to answer.

It reads exactly what the store's own reads read (``ProcessStore.listing``,
``get_with_version``, ``documents_with_versions``, the change sequence and the store's
identity): the same statements built from the same names (``names``), rows turned into
documents by the same code (``decoding``), damaged rows skipped and reported the same way.

It never creates, changes or upgrades anything: the file is opened as an existing file only
and read with SQLite's ``query_only`` (a WAL store is read as any other reader reads it,
under SQLite's locking; its schema revision is checked as the store checks a file it may
refuse, leaving a refused file as it was), and ``QuickReader.open`` gives
``None`` for anything it is not sure of, a URL (PostgreSQL), a missing file, a file that is not
a store, a schema older or newer than this version's, so that the caller takes the usual path,
which reports the proper error or upgrades the store. A read that meets anything unexpected
raises ``QuickReadUnavailable`` for the same reason.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from kt_workbench import locations
from kt_workbench.model import ProcessDocument
from kt_workbench.store import names
from kt_workbench.store.decoding import StoredDataError, UnreadableProcess, documents_from_rows
from kt_workbench.store.listing import LISTING_COLUMNS, ProcessListing, listing_from_row
from kt_workbench.store.revisions import head_revision

if TYPE_CHECKING:
    import logging

_T = TypeVar("_T")


def _log() -> logging.Logger:
    """The module's logger (``logs.logger``: ``logging`` imported only when something is
    logged)."""
    from kt_workbench.logs import logger

    return logger(__name__)


SQLITE_HEADER = b"SQLite format 3\x00"
# As long as the store's own connections wait for a writer's lock.
BUSY_TIMEOUT_S = 10.0
# How SQLAlchemy reads an SQLite DATE column; anything else fails its read, so it fails this
# one too (and the usual path reports it).
_DATE = re.compile(r"(\d+)-(\d+)-(\d+)")
_DECODE_FAILURE = "Could not decode to UTF-8"
_DATE_COLUMNS = frozenset({"last_reviewed"})


class QuickReadUnavailable(Exception):
    """This read cannot be answered here: take the usual path."""


class QuickReader:
    """Use ``QuickReader.open``; every method is one read-only snapshot of the file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def open(cls, target: str | os.PathLike[str] | None = None) -> QuickReader | None:
        """A reader of the SQLite store at ``target`` (as ``ProcessStore.open`` takes it:
        ``None`` means ``$KTW_DB`` or the default file) when it is a plain path to a store at
        this version's schema, else ``None``."""
        path = _plain_path(target)
        if path is None:
            return None
        try:
            with path.open("rb") as handle:
                if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                    return None
        except OSError:
            return None
        revisions = _revisions(path)
        return cls(path) if revisions == [head_revision()] else None

    # --- what the store's reads answer --------------------------------------------------------

    def store_id(self) -> str:
        """The store's random id; '' when it has none (the store gives it one on first use)."""
        return self._read(_store_id)

    def change_sequence(self) -> int:
        return self._read(_sequence)

    def changes_since(self, sequence: int) -> list[tuple[int, str, int]]:
        """As ``ProcessStore.changes_since``: ``(sequence, process id, version)`` of every
        change after ``sequence``, oldest first; version 0 is a deletion."""
        number, process_id, version = names.CHANGE_COLUMNS[:3]
        statement = (
            f"SELECT {number}, {process_id}, {version} FROM {names.CHANGE} "
            f"WHERE {number} > ? ORDER BY {number}"
        )
        return self._read(
            lambda db: [(int(n), str(p), int(v)) for n, p, v in db.execute(statement, (sequence,))]
        )

    def listing(self) -> tuple[int, list[ProcessListing]]:
        """As ``ProcessStore.listing``: the rows and the change sequence they include."""
        return self._read(lambda db: (_sequence(db), _listings(db)), tolerant=True)

    def versions(self) -> tuple[int, dict[str, int]]:
        """Every process's version and the change sequence they include: what a cache is
        keyed by, without reading the listing's other columns."""
        process_id, version = _quoted(names.PROCESS_ID), _quoted(names.PROCESS_VERSION)
        statement = f"SELECT {process_id}, {version} FROM {names.PROCESS}"
        return self._read(
            lambda db: (_sequence(db), {pid: int(v) for pid, v in db.execute(statement)}),
            tolerant=True,
        )

    def get_with_version(self, process_id: str) -> tuple[ProcessDocument, int] | None:
        """As ``ProcessStore.get_with_version``; a damaged row is left to the usual path."""

        def read(db: sqlite3.Connection) -> list[tuple[ProcessDocument, int]]:
            try:
                return _documents(db, process_id, None)
            except StoredDataError as error:  # the store reports it, in its own words
                raise QuickReadUnavailable(str(error)) from None

        loaded = self._read(read, tolerant=False)
        return loaded[0] if loaded else None

    def documents_with_versions(
        self,
    ) -> tuple[int, list[tuple[ProcessDocument, int]], tuple[UnreadableProcess, ...]]:
        """As ``ProcessStore.documents_with_versions``, with the processes it left out."""
        skipped: list[UnreadableProcess] = []

        def read(db: sqlite3.Connection) -> tuple[int, list[tuple[ProcessDocument, int]]]:
            skipped.clear()
            return _sequence(db), _documents(db, None, skipped)

        sequence, loaded = self._read(read, tolerant=True)
        for problem in skipped:  # as the store logs them
            _log().warning("skipped stored process %r: %s", problem.id, problem.problem)
        return sequence, loaded, tuple(skipped)

    # --- one read-only snapshot ---------------------------------------------------------------

    def _read(self, read: Callable[[sqlite3.Connection], _T], tolerant: bool = False) -> _T:
        """``read`` in one read transaction; with ``tolerant``, text that is not UTF-8 is read
        again leniently, as the store does, so that its row can be singled out."""
        try:
            return self._snapshot(read, lenient=False)
        except sqlite3.OperationalError as error:
            if not tolerant or _DECODE_FAILURE not in str(error):
                raise QuickReadUnavailable(str(error)) from None
        except sqlite3.Error as error:
            raise QuickReadUnavailable(str(error)) from None
        try:
            return self._snapshot(read, lenient=True)
        except sqlite3.Error as error:
            raise QuickReadUnavailable(str(error)) from None

    def _snapshot(self, read: Callable[[sqlite3.Connection], _T], lenient: bool) -> _T:
        with self._connection() as db:
            if lenient:
                db.text_factory = lambda data: data.decode("utf-8", "surrogateescape")
            db.execute("BEGIN")
            try:
                return read(db)
            finally:
                db.rollback()

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        # Opened as the store's own readers open it (never created: ``mode=rw`` refuses a
        # missing file), and made read-only with ``query_only``: a ``mode=ro`` connection
        # cannot remove the ``-wal`` and ``-shm`` files of a WAL store when it is the last
        # to close, and would leave them behind after every command.
        uri = f"{self.path.absolute().as_uri()}?mode=rw"
        connection = sqlite3.connect(
            uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
        with closing(connection):
            connection.execute("PRAGMA query_only = ON")
            yield connection


def _revisions(path: Path) -> list[str] | None:
    """The schema revisions the file is stamped with, read as the store checks a file it may
    refuse (``sqlite_dialect``): as immutable when it has no WAL (so nothing is created),
    else read-only; ``None`` when it cannot be read. Sibling files this read created are
    removed when the file is not at this version's schema, so a refused file is left as it
    was."""
    siblings = [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "-journal")]
    existed = {sibling for sibling in siblings if sibling.exists()}
    mode = "mode=ro" if siblings[0] in existed else "mode=ro&immutable=1"
    revisions: list[str] | None = None
    try:
        with closing(sqlite3.connect(f"{path.absolute().as_uri()}?{mode}", uri=True)) as db:
            revisions = [str(row[0]) for row in db.execute(_REVISION_SQL)]
    except sqlite3.Error:
        revisions = None
    finally:
        if revisions != [head_revision()]:
            for sibling in siblings:
                if sibling not in existed:
                    sibling.unlink(missing_ok=True)
    return revisions


def _plain_path(target: str | os.PathLike[str] | None) -> Path | None:
    """The file ``target`` names, as ``store.url.resolve_database_url`` resolves it; ``None``
    for a URL or anything ``ProcessStore.open`` would refuse."""
    if target is None:
        target = os.environ.get(locations.DB_ENV_VAR) or locations.default_database_path()
    text = os.fspath(target)
    if not text.strip() or text.strip() == ":memory:" or "://" in text:
        return None
    path = Path(text).expanduser().absolute()
    return path if path.is_file() else None


_REVISION_SQL = f"SELECT version_num FROM {names.ALEMBIC_VERSION}"


def _sequence(db: sqlite3.Connection) -> int:
    sequence_column = names.CHANGE_COLUMNS[0]
    row = db.execute(f"SELECT coalesce(max({sequence_column}), 0) FROM {names.CHANGE}").fetchone()
    return int(row[0])


def _store_id(db: sqlite3.Connection) -> str:
    slot, store_id = names.IDENTITY_COLUMNS
    row = db.execute(
        f"SELECT {store_id} FROM {names.IDENTITY} WHERE {slot} = ?", (names.IDENTITY_SLOT,)
    ).fetchone()
    return str(row[0] or "") if row is not None else ""


def _listings(db: sqlite3.Connection) -> list[ProcessListing]:
    columns = ", ".join(map(_quoted, LISTING_COLUMNS))
    rows = db.execute(f"SELECT {columns} FROM {names.PROCESS} ORDER BY {names.PROCESS_ID}")
    dates = [i for i, column in enumerate(LISTING_COLUMNS) if column in _DATE_COLUMNS]
    return [listing_from_row(_with_dates(row, dates)) for row in rows]


def _documents(
    db: sqlite3.Connection, process_id: str | None, skipped: list[UnreadableProcess] | None
) -> list[tuple[ProcessDocument, int]]:
    """As ``reads.load_documents``: one statement per table, whatever the number."""
    where = f" WHERE {names.PROCESS_ID} = ?" if process_id is not None else ""
    params: tuple[str, ...] = (process_id,) if process_id is not None else ()
    columns = names.PROCESS_COLUMNS
    dates = [i for i, column in enumerate(columns) if column in _DATE_COLUMNS]
    statement = f"SELECT {', '.join(map(_quoted, columns))} FROM {names.PROCESS}{where}"
    processes = [
        dict(zip(columns, _with_dates(row, dates), strict=True))
        for row in db.execute(statement, params)
    ]
    if not processes:
        return []
    children: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    child_where = " WHERE process_id = ?" if process_id is not None else ""
    for field, table, item in names.CHILD_TABLES:
        item_columns = ", ".join(map(_quoted, names.item_columns(item)))
        rows = db.execute(
            f"SELECT process_id, {item_columns} FROM {table}{child_where} "
            "ORDER BY process_id, position",
            params,
        )
        for row in rows:
            children[row[0]][field].append(row[1:])
    return documents_from_rows(processes, children, skipped)


def _quoted(name: str) -> str:
    """A column name as an SQL identifier: some (``when``, ``after``) are keywords."""
    return '"' + name.replace('"', '""') + '"'


def _with_dates(row: tuple[Any, ...], dates: list[int]) -> tuple[Any, ...]:
    if not dates:
        return row
    values = list(row)
    for index in dates:
        values[index] = _date(values[index])
    return tuple(values)


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise QuickReadUnavailable(f"a date column holds {type(value).__name__}")
    found = _DATE.match(value)
    if found is None:
        raise QuickReadUnavailable(f"a date column holds {value[:20]!r}")
    try:
        return dt.date(*map(int, found.groups()))
    except ValueError as error:
        raise QuickReadUnavailable(str(error)) from None
