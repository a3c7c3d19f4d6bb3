"""The process store: documents go in and come out; tables and sessions never leave it.

Each call is one short unit of work. Reads load every table in bulk (one query per table,
whatever the number of processes); writes run in one transaction, so ``save_many`` is all
or nothing. Listeners hear about changes only after they are committed.

Team mode rides on the same units: every save records a revision (who, when, the canonical
markdown), an expected version turns a save into a compare-and-swap, and sign-offs and
handover packs refer to revisions (see docs/team.md).
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from types import TracebackType
from typing import Any, TypeVar, cast

from sqlalchemy import delete, select
from sqlalchemy.engine import URL, CursorResult, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from kt_workbench.bulk_work import fewer_collections
from kt_workbench.errors import InputError, StoreError
from kt_workbench.governance.kpi import KpiActual
from kt_workbench.governance.waves import STAGE_KEYS, Acknowledgement, Wave, WaveEvent
from kt_workbench.logs import logger
from kt_workbench.markdown import parse_document
from kt_workbench.model import ProcessDocument
from kt_workbench.store import governance, history
from kt_workbench.store.authors import clean_name, default_author
from kt_workbench.store.changes import (
    ChangedProcess,
    ProcessListing,
    changes_after,
    changes_kept_after,
    current_sequence,
    give_identity,
    listings,
    record_changes,
    store_identity,
)
from kt_workbench.store.dialects import support_for
from kt_workbench.store.engine import ENGINES
from kt_workbench.store.errors import translate_errors
from kt_workbench.store.reads import UnreadableProcess, load_documents, tolerant_text
from kt_workbench.store.records import (
    PackRecord,
    ProcessSummary,
    RenderedDocument,
    RevisionInfo,
    SignOff,
    StoreChange,
)
from kt_workbench.store.schema import upgrade_to_head
from kt_workbench.store.tables import PROCESS_TABLE as PROCESS
from kt_workbench.store.units import read_unit, write_unit, writer
from kt_workbench.store.url import display_url, parse_url, resolve_database_url, scrub
from kt_workbench.store.writes import PreparedDocument, prepare, utc, write_batch
from kt_workbench.team.delta import PackDelta, select_delta

_T = TypeVar("_T")
log = logger(__name__)

Listener = Callable[[StoreChange], None]


class ProcessStore:
    """Use ``ProcessStore.open``; close it (or use it as a context manager) when done."""

    def __init__(self, url: URL, engine: Engine) -> None:
        self._url = url
        self._where = display_url(url)
        self._engine = engine
        self._writer = writer(engine)
        self._listeners: list[Listener] = []
        self._hearing: list[Callable[[], None]] = []  # stops the change listeners started
        self._lock = threading.Lock()
        self._closed = False
        # Processes the last ``documents()`` call could not read (see there).
        self.unreadable: tuple[UnreadableProcess, ...] = ()

    @classmethod
    def open(cls, target: str | os.PathLike[str] | None = None) -> ProcessStore:
        """Open (creating and upgrading as needed) the store at a path or URL.

        ``None`` means ``$KTW_DB`` or else the default database in the user data folder.
        """
        url = parse_url(resolve_database_url(target))
        try:
            engine = cls._open_engine(url)
        except StoreError as error:
            # Drivers may quote the URL they were given; no password reaches a message.
            raise StoreError(scrub(str(error), url)) from None
        return cls(url, engine)

    @staticmethod
    def _open_engine(url: URL) -> Engine:
        where = display_url(url)
        support = support_for(url)
        support.prepare(url)
        try:
            engine = ENGINES.acquire(url, support)
        except (SQLAlchemyError, ImportError, ValueError, TypeError) as exc:
            raise StoreError(f"cannot use the database {where}: {exc}") from None
        try:
            with translate_errors(where, "opening the store"):
                upgrade_to_head(engine, where, support, history.record_missing_revisions)
        except BaseException:
            ENGINES.release(engine)
            raise
        return engine

    @property
    def url(self) -> str:
        """Where the store is, for display (never includes a password)."""
        return self._where

    def ids(self) -> list[str]:
        with self._reading("listing processes") as session:
            return sorted(session.scalars(select(PROCESS.c.id)))

    def summaries(self) -> list[ProcessSummary]:
        columns = ("id", "title", "team", "owner", "status", "version", "updated_at")
        with self._reading("listing processes") as session:
            rows = session.execute(select(*(PROCESS.c[name] for name in columns))).mappings()
            summaries = [
                ProcessSummary(
                    **{name: row[name] for name in columns[:-1]}, updated_at=utc(row["updated_at"])
                )
                for row in rows
            ]
        return sorted(summaries, key=lambda summary: summary.id)

    def get(self, process_id: str) -> ProcessDocument | None:
        found = self.get_with_version(process_id)
        return None if found is None else found[0]

    def get_with_version(self, process_id: str) -> tuple[ProcessDocument, int] | None:
        """The document and its version: the version to pass as ``expected_version`` when
        saving an edit of it."""
        with self._reading(f"reading process {process_id!r}") as session:
            loaded = load_documents(session, process_id)
        return loaded[0] if loaded else None

    def documents(self) -> list[ProcessDocument]:
        """Every readable document (see ``documents_with_versions`` for what is left out)."""
        return [document for document, _ in self._readable_documents(with_sequence=False)[1]]

    # --- following changes: what a read model needs -----------------------------------------

    def documents_with_versions(self) -> tuple[int, list[tuple[ProcessDocument, int]]]:
        """Every readable document with its version, and the change sequence they include.

        A stored process that cannot be read is left out, logged and listed in ``unreadable``
        until the next call, so one damaged row never hides the rest of the library."""
        return self._readable_documents(with_sequence=True)

    def _readable_documents(
        self, with_sequence: bool
    ) -> tuple[int, list[tuple[ProcessDocument, int]]]:
        skipped: list[UnreadableProcess] = []

        def read(session: Session) -> tuple[int, list[tuple[ProcessDocument, int]]]:
            skipped.clear()
            sequence = current_sequence(session) if with_sequence else 0
            return sequence, load_documents(session, None, skipped)

        sequence, loaded = self._read_tolerantly("reading processes", read)
        self.unreadable = tuple(skipped)
        for problem in skipped:
            log.warning("skipped stored process %r: %s", problem.id, problem.problem)
        return sequence, loaded

    def listing(self) -> tuple[int, list[ProcessListing]]:
        """One cheap query for a library view's rows, and the change sequence they include."""
        return self._read_tolerantly(
            "listing processes", lambda session: (current_sequence(session), listings(session))
        )

    def _read_tolerantly(self, action: str, read: Callable[[Session], _T]) -> _T:
        """``read`` in one session; when SQLite holds text that is not UTF-8, read again
        with that text decoded leniently, so the damaged row can be singled out."""
        try:
            with self._reading(action) as session:
                return read(session)
        except StoreError as error:
            if "Could not decode to UTF-8" not in str(error):
                raise
        with self._reading(action) as session, tolerant_text(session):
            return read(session)

    def change_sequence(self) -> int:
        """The number of the newest committed change; grows with every save and deletion."""
        with self._reading("reading the change sequence") as session:
            return current_sequence(session)

    def changes_since(self, sequence: int) -> list[ChangedProcess]:
        """Every committed change numbered after ``sequence`` that is still kept (see
        ``changes.KEEP_CHANGES``), oldest first."""
        with self._reading("reading recent changes") as session:
            return changes_after(session, sequence)

    def follow(self, sequence: int) -> list[ChangedProcess] | None:
        """Every committed change numbered after ``sequence``, oldest first; ``None`` when
        some were pruned since, so a reader that far behind must read everything again."""
        with self._reading("reading recent changes") as session:
            return changes_kept_after(session, sequence)

    def listen(self, on_change: Callable[[], object]) -> Callable[[], None] | None:
        """Call ``on_change()`` (from another thread) soon after any connection commits a
        change, where the database can say so (PostgreSQL); returns a function to stop, or
        ``None`` where only polling ``changes_since`` finds other processes' changes."""
        from kt_workbench.store.change_listener import ChangeListener, can_listen

        self._check_open()
        if not can_listen(self._engine):
            return None
        stop = ChangeListener(self._engine, on_change).start().stop
        with self._lock:
            self._hearing.append(stop)
        return stop

    def store_id(self) -> str:
        """A random id this store was given when made: caches outside it are keyed by it."""
        with self._reading("reading the store's identity") as session:
            found = store_identity(session)
        if found:
            return found
        with self._writing("giving the store an identity") as session:
            return give_identity(session)

    def save(
        self,
        document: ProcessDocument,
        *,
        expected_version: int | None = None,
        author: str | None = None,
    ) -> int:
        """Insert or replace one document; returns its new version.

        With ``expected_version`` (the version the edit started from; 0 for a new process)
        the save is refused with ``ConflictError`` if the stored version is another one.
        """
        expected = None if expected_version is None else {document.id: expected_version}
        return self.save_many([document], expected_versions=expected, author=author)[document.id]

    def save_many(
        self,
        documents: Iterable[ProcessDocument | RenderedDocument],
        *,
        expected_versions: Mapping[str, int] | None = None,
        author: str | None = None,
    ) -> dict[str, int]:
        """Insert or wholly replace each document, all in one transaction; each save records a
        revision by ``author`` (default: ``$KTW_AUTHOR`` or the user's login name). Returns
        each id's new version. A ``RenderedDocument`` (an import's, rendered while reading)
        is saved exactly as its document would be, without rendering it again."""
        with fewer_collections():
            prepared = [prepare(document) for document in documents]
            if not prepared:
                return {}
            who = clean_name(default_author() if author is None else author, "author")
            now = dt.datetime.now(dt.UTC)
            with self._writing(f"saving {_describe(prepared)}") as session:
                versions = write_batch(session, prepared, who, expected_versions or {}, now)
                record_changes(session, versions.items())
        self._notify([StoreChange("saved", item.id, item.document) for item in prepared])
        return versions

    def delete(self, process_id: str) -> bool:
        """Delete a process; its revisions stay, so ``history`` still shows it."""
        with self._writing(f"deleting process {process_id!r}") as session:
            result = session.execute(delete(PROCESS).where(PROCESS.c.id == process_id))
            deleted = bool(cast("CursorResult[Any]", result).rowcount)
            if deleted:
                record_changes(session, [(process_id, 0)])
        if deleted:
            self._notify([StoreChange("deleted", process_id, None)])
        return deleted

    # --- team mode: history, sign-off, handover packs ---------------------------------------

    def revisions(self, process_id: str) -> list[RevisionInfo]:
        """Every saved version of the process, oldest first (kept after a deletion)."""
        with self._reading(f"reading the history of {process_id!r}") as session:
            return history.revisions(session, process_id)

    def revision_markdown(self, process_id: str, version: int) -> str:
        """The canonical markdown saved as ``version``; ``NotFoundError`` if there is none."""
        with self._reading(f"reading version {version} of {process_id!r}") as session:
            return history.revision_markdown(session, process_id, version)

    def revision(self, process_id: str, version: int) -> ProcessDocument:
        """The process as it was saved as ``version``, read back from its markdown."""
        markdown = self.revision_markdown(process_id, version)
        try:
            return parse_document(markdown, source=f"{process_id} version {version}")
        except InputError as exc:
            raise StoreError(
                f"{self._where}: version {version} of {process_id!r} cannot be read back from "
                f"its markdown ({exc.problem}); 'ktw diff' still shows it as text"
            ) from None

    def sign_off(self, process_id: str, version: int, by: str, note: str = "") -> SignOff:
        """Record that ``by`` approved ``version``; an older version than the latest is
        allowed, and the returned record says so (``is_latest``)."""
        who = clean_name(by, "name of the person signing off")
        now = dt.datetime.now(dt.UTC)
        with self._writing(f"signing off {process_id!r}") as session:
            return history.sign_off(session, process_id, version, who, note.strip(), now)

    def sign_offs(self, process_id: str) -> list[SignOff]:
        with self._reading(f"reading the sign-offs of {process_id!r}") as session:
            return history.sign_offs(session, process_id)

    # --- governance after go-live (see kt_workbench.governance) ---

    def set_go_live(
        self, process_id: str, day: dt.date, *, by: str | None = None
    ) -> dt.date | None:
        """Record when a process went live with the provider; returns the date replaced."""
        who = clean_name(default_author() if by is None else by, "name of the person recording")
        now = dt.datetime.now(dt.UTC)
        with self._writing(f"recording the go-live of {process_id!r}") as session:
            return governance.set_go_live(session, process_id, day, who, now)

    def go_live(self, process_id: str) -> dt.date | None:
        with self._reading(f"reading the go-live of {process_id!r}") as session:
            return governance.go_live(session, process_id)

    def go_lives(self) -> dict[str, dt.date]:
        with self._reading("reading the go-live dates") as session:
            return governance.go_lives(session)

    def record_kpi(self, actual: KpiActual) -> KpiActual | None:
        """Store one KPI figure; returns the figure it replaces (same metric and day)."""
        who = clean_name(actual.recorded_by or default_author(), "name of the person recording")
        now = dt.datetime.now(dt.UTC)
        with self._writing(f"recording a figure for {actual.process_id!r}") as session:
            return governance.record_actual(session, replace(actual, recorded_by=who), now)

    def kpi_actuals(self, process_id: str | None = None) -> list[KpiActual]:
        with self._reading("reading the KPI figures") as session:
            return governance.actuals(session, process_id)

    def acknowledge(
        self, recipient: str, process_id: str, version: int, *, by: str, note: str = ""
    ) -> bool:
        """Record that ``recipient`` has read ``version`` of a process (False: it already
        had); the version must have been saved."""
        name = clean_name(recipient, "recipient")
        who = clean_name(by, "name of the person acknowledging")
        now = dt.datetime.now(dt.UTC)
        with self._writing(f"acknowledging {process_id!r} for {name!r}") as session:
            history.revision_markdown(session, process_id, version)  # raises when unknown
            return governance.acknowledge(session, name, process_id, version, who, note, now)

    def acknowledgements(self, recipient: str) -> dict[str, Acknowledgement]:
        """The newest version of each process the recipient acknowledged."""
        with self._reading(f"reading the acknowledgements of {recipient!r}") as session:
            return governance.acknowledged_versions(session, recipient)

    def create_wave(self, name: str, recipient: str, process_ids: Sequence[str] = ()) -> None:
        wave = clean_name(name, "wave name")
        who = clean_name(recipient, "recipient")
        now = dt.datetime.now(dt.UTC)
        with self._writing(f"creating the wave {wave!r}") as session:
            governance.create_wave(session, wave, who, STAGE_KEYS[0], now)
            governance.add_to_wave(session, wave, list(process_ids))

    def add_to_wave(self, name: str, process_ids: Sequence[str]) -> None:
        with self._writing(f"adding processes to the wave {name!r}") as session:
            governance.add_to_wave(session, name, list(process_ids))

    def remove_from_wave(self, name: str, process_ids: Sequence[str]) -> None:
        with self._writing(f"removing processes from the wave {name!r}") as session:
            governance.remove_from_wave(session, name, list(process_ids))

    def waves(self) -> list[Wave]:
        with self._reading("reading the transition waves") as session:
            return governance.waves(session)

    def move_wave(self, name: str, event: WaveEvent) -> None:
        """Move a wave to ``event.to_stage``; refused if it is no longer at ``from_stage``."""
        with self._writing(f"moving the wave {name!r}") as session:
            governance.move_wave(session, name, event)

    def record_pack(
        self, recipient: str, versions: Mapping[str, int], *, author: str | None = None
    ) -> PackRecord:
        """Record that ``recipient`` now holds exactly these process versions (a pack was
        exported to it); the next ``changes_since_last_pack`` compares against this."""
        name = clean_name(recipient, "recipient")
        who = clean_name(default_author() if author is None else author, "author")
        now = dt.datetime.now(dt.UTC)
        with self._writing(f"recording a pack for {name!r}") as session:
            return history.record_pack(session, name, versions, who, now)

    def last_pack(self, recipient: str) -> PackRecord | None:
        name = clean_name(recipient, "recipient")
        with self._reading(f"reading the packs of {name!r}") as session:
            return history.last_pack(session, name)

    def recipients(self) -> list[str]:
        """Everyone a pack has been recorded for, sorted."""
        with self._reading("listing pack recipients") as session:
            return history.recipients(session)

    def changes_since_last_pack(
        self, recipient: str, only: Collection[str] | None = None
    ) -> PackDelta:
        """New, changed and removed processes since ``recipient``'s last recorded pack
        (with ``only``, among those processes)."""
        name = clean_name(recipient, "recipient")
        with self._reading(f"comparing the library with the last pack for {name!r}") as session:
            last = history.last_pack(session, name)
            current = history.current_versions(session)
        if last is None:
            return select_delta(name, {}, current, only=only)
        return select_delta(name, last.versions, current, last.number, last.created_at, only)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` after every committed change; returns a function to stop.

        Listeners run in the thread that made the change, after its commit; a listener that
        raises is logged and does not affect the change or the other listeners.
        """
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._listeners.clear()
            hearing, self._hearing = self._hearing, []
        for stop in hearing:
            stop()
        ENGINES.release(self._engine)

    def __enter__(self) -> ProcessStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ProcessStore({self._where!r})"

    @contextmanager
    def _reading(self, action: str) -> Iterator[Session]:
        self._check_open()
        with translate_errors(self._where, action), read_unit(self._engine) as session:
            yield session

    @contextmanager
    def _writing(self, action: str) -> Iterator[Session]:
        self._check_open()
        with translate_errors(self._where, action), write_unit(self._writer) as session:
            yield session

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"the store {self._where} is closed")

    def _notify(self, changes: Sequence[StoreChange]) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for change in changes:
            for listener in listeners:
                # The change is committed whatever a listener does, so one failing listener
                # must neither undo the caller's success nor starve the others.
                try:
                    listener(change)
                except Exception:
                    log.exception(
                        "store listener %r failed on %s %r", listener, change.kind, change.id
                    )


def _describe(batch: Sequence[PreparedDocument]) -> str:
    if len(batch) == 1:
        return f"process {batch[0].id!r}"
    return f"{len(batch)} processes"
