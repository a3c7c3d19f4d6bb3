"""What the TUI tests share: the app built by the CLI's factory on a copy of the samples."""

from __future__ import annotations

import atexit
import datetime as dt
import shutil
import sqlite3
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, closing
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from textual.message import Message
from textual.notifications import Notification, Notify
from textual.pilot import Pilot
from textual.screen import Screen

from kt_workbench.importing import load_files
from kt_workbench.store import ProcessStore
from kt_workbench.tui.app import KtwApp, create_app
from tests.conftest import SAMPLES

# Scores depend on review dates, so every test judges the samples on the same day.
TODAY = dt.date(2026, 11, 23)
SIZE = (140, 40)


@cache
def _sample_template() -> Path:
    """The samples loaded once per test run; each test gets its own copy of the file."""
    folder = Path(tempfile.mkdtemp(prefix="ktw-tui-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "samples.db"
    with ProcessStore.open(path) as store:
        store.save_many([item.document for item in load_files([SAMPLES])])
    return path


def sample_db(folder: Path) -> Path:
    target = folder / "library.db"
    with (
        closing(sqlite3.connect(_sample_template())) as source,
        closing(sqlite3.connect(target)) as copy,
    ):
        source.backup(copy)
    return target


def make_app(folder: Path) -> KtwApp:
    return create_app(sample_db(folder), today=TODAY, drafts_folder=folder / "drafts")


def stored(folder: Path, process_id: str):  # type: ignore[no-untyped-def]
    """The process as a fresh store on the same file sees it."""
    with ProcessStore.open(folder / "library.db") as store:
        return store.get(process_id)


def stored_ids(folder: Path) -> set[str]:
    with ProcessStore.open(folder / "library.db") as store:
        return set(store.ids())


@dataclass
class Session:
    app: KtwApp
    pilot: Pilot[None]
    notifications: list[Notification] = field(default_factory=list)

    def errors(self) -> list[str]:
        return [n.message for n in self.notifications if n.severity == "error"]

    def messages(self) -> list[str]:
        return [n.message for n in self.notifications]


async def settle(pilot: Pilot[None], delay: float = 0.0) -> None:
    """Let debounce timers fire, then wait until workers and the messages they post are done."""
    if delay:
        await pilot.pause(delay)
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


@asynccontextmanager
async def running(folder: Path) -> AsyncIterator[Session]:
    app = make_app(folder)
    notifications: list[Notification] = []

    def record(message: Message) -> None:
        if isinstance(message, Notify):
            notifications.append(message.notification)

    try:
        async with app.run_test(size=SIZE, message_hook=record) as pilot:
            await settle(pilot)
            yield Session(app, pilot, notifications)
    finally:
        app.library.store.close()


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*text)


async def screen_after(session: Session, *keys: str) -> Screen[object]:
    """The screen on top once ``keys`` are pressed and what they started is done."""
    await session.pilot.press(*keys)
    await settle(session.pilot)
    return session.app.screen
