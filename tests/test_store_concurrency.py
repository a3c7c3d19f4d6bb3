"""Concurrent writers on SQLite and PostgreSQL: separate processes creating and writing one new
database, threads sharing a store, and expected versions that let exactly one of several
concurrent edits through and never lose one."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from kt_workbench.model import ProcessDocument, Step
from kt_workbench.store import ConflictError, ProcessStore
from tests.postgres_server import (  # noqa: F401
    empty_postgres_url,
    postgres_server,
    postgres_url,
    store_target,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent

WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from kt_workbench.model import ProcessDocument, Step
    from kt_workbench.store import ProcessStore

    target, prefix, count, ready = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    (ready / prefix).touch()
    give_up = time.monotonic() + 60
    while len(list(ready.iterdir())) < 2 and time.monotonic() < give_up:
        time.sleep(0.002)
    with ProcessStore.open(target) as store:
        for n in range(count):
            steps = tuple(Step(f"step {s}") for s in range(n % 5))
            store.save(ProcessDocument(id=f"{prefix}-{n}", title=f"{prefix} {n}", steps=steps))
            store.save_many(
                [ProcessDocument(id=f"{prefix}-{n}", title=f"{prefix} {n}!", steps=steps)]
            )
            assert len(store.documents()) >= n + 1
    """
)


@pytest.fixture(params=["sqlite", "postgresql"])
def new_database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "shared.db")
    return str(request.getfixturevalue("empty_postgres_url"))


def test_two_processes_create_and_write_one_new_database(new_database: str, tmp_path) -> None:
    ready = tmp_path / "ready"
    ready.mkdir()
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    count = 8
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, new_database, prefix, str(count), str(ready)],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for prefix in ("left", "right")
    ]
    errors = [writer.communicate(timeout=120)[1] for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0], errors
    with ProcessStore.open(new_database) as store:
        summaries = store.summaries()
        assert len(summaries) == 2 * count
        assert {summary.version for summary in summaries} == {2}
        assert all(summary.title.endswith("!") for summary in summaries)
        assert [r.version for r in store.revisions("left-7")] == [1, 2]


def _run_threads(count: int, work) -> list[BaseException]:
    failures: list[BaseException] = []
    start = threading.Barrier(count)

    def run(index: int) -> None:
        try:
            start.wait()
            work(index)
        except BaseException as exc:  # surfaced to the test thread
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


def test_threads_share_a_store(store_target: str) -> None:  # noqa: F811
    with ProcessStore.open(store_target) as store:

        def work(index: int) -> None:
            for n in range(15):
                document = ProcessDocument(
                    id=f"{index}-{n}", title="t", steps=(Step("a"), Step("b"))
                )
                store.save(document)
                assert store.get(document.id) == document

        assert _run_threads(3, work) == []
        assert len(store.ids()) == 45


def test_of_concurrent_edits_of_one_version_exactly_one_lands(store_target: str) -> None:  # noqa: F811
    with ProcessStore.open(store_target) as store:
        store.save(ProcessDocument(id="shared", title="Start"))
        landed: list[int] = []
        refused: list[ConflictError] = []

        def edit(index: int) -> None:
            try:
                store.save(
                    ProcessDocument(id="shared", title=f"Edit {index}"),
                    expected_version=1,
                    author=f"editor {index}",
                )
                landed.append(index)
            except ConflictError as conflict:
                refused.append(conflict)

        assert _run_threads(4, edit) == []
        [winner] = landed
        assert len(refused) == 3
        assert all(c.current_version == 2 for c in refused)
        assert all(f"saved by editor {winner} at" in str(c) for c in refused)
        assert store.get("shared") == ProcessDocument(id="shared", title=f"Edit {winner}")
        assert [r.version for r in store.revisions("shared")] == [1, 2]


def test_edits_that_retry_on_conflict_lose_nothing(store_target: str) -> None:  # noqa: F811
    with ProcessStore.open(store_target) as store:
        store.save(ProcessDocument(id="log", title="Log"))

        def append_steps(index: int) -> None:
            for n in range(5):
                while True:
                    found = store.get_with_version("log")
                    assert found is not None
                    document, version = found
                    steps = (*document.steps, Step(f"{index}-{n}"))
                    edited = ProcessDocument(id="log", title="Log", steps=steps)
                    try:
                        store.save(edited, expected_version=version)
                        break
                    except ConflictError:
                        continue

        assert _run_threads(3, append_steps) == []
        final = store.get("log")
        assert final is not None
        assert sorted(step.text for step in final.steps) == sorted(
            f"{i}-{n}" for i in range(3) for n in range(5)
        )
        assert store.summaries()[0].version == 1 + 15
        assert len(store.revisions("log")) == 16
