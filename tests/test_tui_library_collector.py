"""What the workbench builds once its library is loaded stays out of the garbage collector's way.

A full pass of Python's cyclic collector walks every reference of every container it tracks
and has not frozen. The read model holds millions of references on a large library (a word
set per process, the search index, every document); left in the collected generations, each
full pass walked them all, 40 ms in the middle of a keystroke at 5,000 processes. Once the
load and the warming after it are over, what a full pass walks must not grow with the
library: here, with a library of generated processes, it stays far below one reference per
word the library's documents hold.
"""

from __future__ import annotations

import gc
from pathlib import Path

from benchmarks.generator import generate_library
from kt_workbench.markdown import render_document
from kt_workbench.store import ProcessStore
from kt_workbench.tui.app import create_app
from kt_workbench.tui.screens.library_screen import LibraryScreen
from tests.tui_support import TODAY, settle

COUNT = 120


def walked_by_a_full_pass() -> int:
    """References a full collection follows now (frozen objects are not listed)."""
    return sum(len(gc.get_referents(obj)) for obj in gc.get_objects())


async def test_a_loaded_library_is_not_walked_by_each_full_collection(tmp_path: Path) -> None:
    documents = generate_library(COUNT, seed=3)
    db = tmp_path / "library.db"
    with ProcessStore.open(db) as store:
        store.save_many(documents)
    app = create_app(db, today=TODAY, drafts_folder=tmp_path / "drafts")
    try:
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, LibraryScreen)
            while not app.library.loaded or any(w.is_running for w in app.workers):
                await pilot.pause(0.05)
            await settle(pilot)
            assert len(screen.badges) == COUNT
            library_words = sum(len(set(render_document(doc).lower().split())) for doc in documents)
            walked = walked_by_a_full_pass()
            assert walked < library_words // 4, (walked, library_words)
    finally:
        gc.unfreeze()
        app.library.close()
