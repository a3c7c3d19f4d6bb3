"""PostgreSQL tells an open workbench about another process's change at once (LISTEN /
NOTIFY); polling stays the fallback and the only way on SQLite."""

from __future__ import annotations

import asyncio
import dataclasses
import subprocess
import sys
import threading
from pathlib import Path

from kt_workbench.model import ProcessDocument, Step
from kt_workbench.store import ProcessStore
from kt_workbench.tui.app import create_app
from kt_workbench.tui.screens.library_screen import LibraryScreen
from kt_workbench.tui.widgets.row_list import RowList
from tests.postgres_server import postgres_server, postgres_url  # noqa: F401
from tests.tui_support import TODAY, settle

FIRST = ProcessDocument(id="first", title="First process", steps=(Step("Do it"),))
SECOND = ProcessDocument(id="second", title="Second process", steps=(Step("Do it"),))
OTHER_PROCESS = """
import sys
from kt_workbench.store import ProcessStore
from kt_workbench.model import ProcessDocument
with ProcessStore.open(sys.argv[1]) as store:
    document = store.get("first")
    store.save(ProcessDocument(**{**document.__dict__, "title": sys.argv[2]}))
"""


def test_a_listener_hears_another_connections_commit(postgres_url: str) -> None:  # noqa: F811
    with ProcessStore.open(postgres_url) as listening, ProcessStore.open(postgres_url) as other:
        heard = threading.Event()
        stop = listening.listen(heard.set)
        assert stop is not None
        try:
            other.save(FIRST)
            assert heard.wait(10)
            heard.clear()
            other.delete("first")
            assert heard.wait(10)
        finally:
            stop()


def test_sqlite_has_no_listener_and_polling_stays(tmp_path: Path) -> None:
    with ProcessStore.open(tmp_path / "s.db") as store:
        assert store.listen(lambda: None) is None


async def test_an_open_workbench_shows_a_cli_change_without_waiting_for_its_poll(
    postgres_url: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    with ProcessStore.open(postgres_url) as store:
        store.save_many([FIRST, SECOND])
    apps = [create_app(postgres_url, today=TODAY, drafts_folder=tmp_path / name) for name in "ab"]
    for app in apps:
        app.poll_seconds = 600  # only a notification can bring the change in time
    try:
        async with apps[0].run_test() as pa, apps[1].run_test() as pb:
            for pilot in (pa, pb):
                await settle(pilot)
            # Another process (the CLI's way of writing) saves a new title.
            await asyncio.to_thread(
                subprocess.run,
                [sys.executable, "-c", OTHER_PROCESS, postgres_url, "First, renamed elsewhere"],
                check=True,
                capture_output=True,
            )
            # And workbench A saves through its own library: B hears that too.
            apps[0].library.save(dataclasses.replace(SECOND, title="Second, renamed by A"), None, 1)
            for app, pilot in ((apps[0], pa), (apps[1], pb)):
                screen = app.screen
                assert isinstance(screen, LibraryScreen)
                rows = screen.query_one("#processes", RowList)
                for _ in range(100):
                    if (
                        str(rows.get_cell("first", "process")) == "First, renamed elsewhere"
                        and str(rows.get_cell("second", "process")) == "Second, renamed by A"
                    ):
                        break
                    await pilot.pause(0.1)
                assert str(rows.get_cell("first", "process")) == "First, renamed elsewhere"
                assert str(rows.get_cell("second", "process")) == "Second, renamed by A"
    finally:
        for app in apps:
            app.library.store.close()
