"""kill -9 during import and save: the store stays whole (integrity, foreign keys), an import
is all or nothing, and no acknowledged save is lost."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.generator import generate_library
from kt_workbench.markdown import render_document
from kt_workbench.store import ProcessStore
from tests.fault_support import ktw

SAVER = """
import sys
from kt_workbench.model import ProcessDocument, Step
from kt_workbench.store import ProcessStore
with ProcessStore.open(sys.argv[1]) as store:
    for n in range(100000):
        doc = ProcessDocument(id=f"p{n % 7}", title=f"Save {n}", steps=(Step(f"step {n}"),))
        version = store.save(doc)
        print(doc.id, version, flush=True)
"""


def _integrity(db: Path) -> None:
    raw = sqlite3.connect(db)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        raw.close()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("import")
    for document in generate_library(300, seed=5):
        (where / f"{document.id}.md").write_text(render_document(document), encoding="utf-8")
    return where


def test_kill_9_during_import_is_all_or_nothing(folder: Path, tmp_path: Path) -> None:
    rng = random.Random(4)
    expected = len(list(folder.glob("*.md")))
    outcomes = set()
    # Kill between 40% and 100% of an uninterrupted run: the files are read first, so the
    # later part is where the store is opened and written.
    started = time.perf_counter()
    assert ktw("--db", str(tmp_path / "whole.db"), "import", str(folder)).wait() == 0
    duration = time.perf_counter() - started
    for attempt in range(4):
        db = tmp_path / f"lib{attempt}.db"
        child = ktw("--db", str(db), "import", str(folder))
        time.sleep(rng.uniform(0.4, 1.0) * duration)
        child.send_signal(signal.SIGKILL)
        child.wait()
        if not db.exists():
            outcomes.add(0)
            continue
        with ProcessStore.open(db) as store:
            count = len(store.ids())
        assert count in (0, expected)
        outcomes.add(count)
        _integrity(db)
    assert outcomes  # each attempt ended in one of the two states


def test_kill_9_during_saves_loses_no_acknowledged_save(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    with ProcessStore.open(db):
        pass
    rng = random.Random(9)
    acknowledged: dict[str, int] = {}
    for _ in range(3):
        child = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(db)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        first = child.stdout.readline()  # saving has begun (start-up is slow on a busy machine)
        time.sleep(rng.uniform(0.2, 1.5))
        child.send_signal(signal.SIGKILL)
        output, _ = child.communicate()
        for line in (first + output).splitlines():
            process_id, version = line.split()
            acknowledged[process_id] = max(acknowledged.get(process_id, 0), int(version))
        _integrity(db)
        with ProcessStore.open(db) as store:
            stored = {summary.id: summary.version for summary in store.summaries()}
            for process_id, version in acknowledged.items():
                assert stored[process_id] >= version
                history = [revision.version for revision in store.revisions(process_id)]
                assert sorted(history) == list(range(1, stored[process_id] + 1))
    assert acknowledged
