"""Hearing about other processes' changes at once, where the database can say so.

On PostgreSQL every transaction that records a change also sends a notification on
``CHANNEL`` (``NOTIFY`` is delivered when, and only if, the transaction commits). A
``ChangeListener`` keeps one connection of its own listening on that channel in a daemon
thread and calls ``on_change`` for each batch of notifications, so an open workbench can ask
the change sequence for what changed without waiting for its next poll. The notification
carries nothing: the change sequence stays the one truth of what changed, and polling stays
the fallback (SQLite has no notifications; a dropped connection is reopened after a pause).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from kt_workbench.logs import logger

log = logger(__name__)

CHANNEL = "ktw_store_change"
# How often the listening thread looks up from waiting to see whether it should stop.
WAKE_SECONDS = 0.5
# How long it waits before reopening a connection that failed.
RETRY_SECONDS = 5.0


def announce_change(session: Session) -> None:
    """Notify listeners when this session's transaction commits (PostgreSQL only)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"NOTIFY {CHANNEL}"))


def can_listen(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


class ChangeListener:
    """Calls ``on_change()`` (from its own thread) soon after another connection commits a
    change to the store; ``stop()`` ends it."""

    def __init__(self, engine: Engine, on_change: Callable[[], object]) -> None:
        self._engine = engine
        self._on_change = on_change
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="ktw-change-listener", daemon=True)
        self.listening = threading.Event()  # set while a connection is listening

    def start(self) -> ChangeListener:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=WAKE_SECONDS * 4)

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self._listen()
            except Exception as error:  # polling still finds every change meanwhile
                log.warning("listening for store changes failed, retrying: %s", error)
            self.listening.clear()
            self._stopping.wait(RETRY_SECONDS)

    def _listen(self) -> None:
        pooled = self._engine.raw_connection()
        connection: Any = pooled.driver_connection
        pooled.detach()  # this connection listens for good: it never goes back to the pool
        try:
            connection.rollback()
            connection.autocommit = True
            connection.execute(f"LISTEN {CHANNEL}")
            self.listening.set()
            while not self._stopping.is_set():
                heard = False
                for _ in connection.notifies(timeout=WAKE_SECONDS):
                    heard = True
                    break  # one call covers every change committed so far
                if heard and not self._stopping.is_set():
                    self._on_change()
        finally:
            connection.close()
