"""Two workbenches and a CLI process on one database: every change is seen within the
polling interval, a stale edit is refused with the edits kept, nothing is overwritten."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from kt_workbench.importing import load_files
from kt_workbench.markdown import render_document
from kt_workbench.store import ProcessStore
from kt_workbench.tui.app import KtwApp, create_app
from kt_workbench.tui.screens.confirm import UnsavedChangesScreen
from kt_workbench.tui.screens.editor_screen import CHECK_DELAY, EditorScreen
from kt_workbench.tui.screens.library_screen import LibraryScreen
from kt_workbench.tui.widgets.row_list import RowList
from tests.conftest import SAMPLES
from tests.postgres_server import postgres_server, postgres_url, store_target  # noqa: F401
from tests.tui_support import TODAY, settle

POLL = 0.2
PROCESS = "pause-subscription"


def workbench(target: str, folder: Path) -> KtwApp:
    app = create_app(target, today=TODAY, drafts_folder=folder)
    app.poll_seconds = POLL
    return app


async def edit_title(app: KtwApp, pilot: Pilot[None], suffix: str) -> EditorScreen:
    screen = app.screen
    assert isinstance(screen, EditorScreen)
    field = screen.query_one("#f-title", Input)
    field.focus()
    await pilot.press("end", *suffix)
    await settle(pilot, CHECK_DELAY + 0.1)
    return screen


async def open_process(app: KtwApp, pilot: Pilot[None]) -> EditorScreen:
    app.open_editor(PROCESS)
    await settle(pilot)
    assert isinstance(app.screen, EditorScreen)
    return app.screen


def library_title(app: KtwApp, process_id: str) -> str:
    screen = next(s for s in app.screen_stack if isinstance(s, LibraryScreen))
    return str(screen.query_one("#processes", RowList).get_cell(process_id, "process"))


async def test_two_workbenches_and_the_cli_share_one_database(
    store_target: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    with ProcessStore.open(store_target) as store:
        store.save_many([item.document for item in load_files([SAMPLES])])
        original_title = store.get(PROCESS).title  # type: ignore[union-attr]
    a, b = workbench(store_target, tmp_path / "a"), workbench(store_target, tmp_path / "b")
    try:
        async with a.run_test(size=(140, 40)) as pa, b.run_test(size=(140, 40)) as pb:
            await settle(pa)
            await settle(pb)
            editor_a = await open_process(a, pa)
            editor_b = await open_process(b, pb)
            assert editor_a.base_version == editor_b.base_version == 1

            # A saves first.
            await edit_title(a, pa, " (A)")
            await pa.press("ctrl+s")
            await settle(pa)
            assert editor_a.base_version == 2

            # B's edit of version 1 is refused, and B keeps what it typed.
            await edit_title(b, pb, " (B)")
            await pb.press("ctrl+s")
            await settle(pb)
            assert editor_b.base_version == 1 and editor_b.dirty
            assert editor_b.fields["title"] == f"{original_title} (B)"

            # B's library shows A's title within the polling interval, without a restart.
            await pb.pause(POLL * 3)
            await settle(pb)
            assert library_title(b, PROCESS) == f"{original_title} (A)"

            # B discards and opens the process again: A's text, at A's version.
            await pb.press("escape")
            await settle(pb)
            assert isinstance(b.screen, UnsavedChangesScreen)
            await pb.click("#discard")
            await settle(pb)
            editor_b = await open_process(b, pb)
            assert editor_b.base_version == 2
            assert editor_b.fields["title"] == f"{original_title} (A)"
            await edit_title(b, pb, " and B")
            await pb.press("ctrl+s")
            await settle(pb)
            assert editor_b.base_version == 3

            # A CLI process imports a change; both workbenches see it.
            with ProcessStore.open(store_target) as store:
                changed = store.get("warranty-claim")
            assert changed is not None
            source = tmp_path / "warranty-claim.md"
            markdown = render_document(changed).replace(changed.title, "Warranty, from the CLI")
            source.write_text(markdown, encoding="utf-8")
            subprocess.run(
                [sys.executable, "-m", "kt_workbench", "--db", store_target, "import", source],
                check=True,
                capture_output=True,
            )
            await pa.press("escape")
            await settle(pa)
            for app, pilot in ((a, pa), (b, pb)):
                await pilot.pause(POLL * 3)
                await settle(pilot)
                assert library_title(app, "warranty-claim") == "Warranty, from the CLI"
            assert library_title(a, PROCESS) == f"{original_title} (A) and B"
    finally:
        a.library.store.close()
        b.library.store.close()

    # Nothing was silently overwritten: every save is a version on top of the one before.
    with ProcessStore.open(store_target) as store:
        assert [r.version for r in store.revisions(PROCESS)] == [1, 2, 3]
        assert store.get(PROCESS).title == f"{original_title} (A) and B"  # type: ignore[union-attr]
