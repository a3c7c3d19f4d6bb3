"""Old change rows are pruned; a reader within the kept window follows changes as before, one
further behind reads the whole library again and ends exactly where the store is."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kt_workbench.library import Library
from kt_workbench.model import ProcessDocument, Step
from kt_workbench.store import ProcessStore, changes
from tests.postgres_server import postgres_server, postgres_url, raw_query, store_target  # noqa: F401
from tests.tui_support import TODAY


def document(name: str, title: str = "") -> ProcessDocument:
    return ProcessDocument(id=name, title=title or name.title(), steps=(Step("Do it"),))


@pytest.fixture
def small_window(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(changes, "KEEP_CHANGES", 5)
    monkeypatch.setattr(changes, "PRUNE_EVERY", 4)
    monkeypatch.setattr(changes, "KEEP_DAYS", 0)


def test_a_reader_too_far_behind_reloads_everything(
    store_target: str,  # noqa: F811
    tmp_path: Path,
    small_window: None,
) -> None:
    with ProcessStore.open(store_target) as store, ProcessStore.open(store_target) as other:
        store.save_many([document(name) for name in ("alpha", "beta", "gamma")])
        behind = Library(store, today=TODAY, cache_folder=tmp_path / "behind")
        behind.snapshot()
        other.save(document("gamma", "Gamma, changed once, long ago"))
        for round_ in range(6):
            for name in ("alpha", "beta"):
                other.save(document(name, f"{name} round {round_}"))
        other.delete("beta")
        other.save(document("delta"))

        kept = raw_query(store_target)("SELECT min(sequence), count(*) FROM store_change")[0]
        assert kept[0] > behind.sequence + 1  # what the reader needs is gone
        assert kept[1] < 3 + 15

        # Within the window, readers follow changes one by one as before.
        recent = other.change_sequence() - 3
        assert [c.process_id for c in other.follow(recent) or []] == ["beta", "beta", "delta"]
        assert other.follow(behind.sequence) is None

        changed = behind.refresh()
        assert changed >= {"alpha", "beta", "gamma", "delta"}
        assert behind.snapshot().document("gamma").title == "Gamma, changed once, long ago"  # type: ignore[union-attr]
        fresh = Library(other, today=TODAY, cache_folder=tmp_path / "fresh")
        fresh.snapshot()
        assert behind.versions() == fresh.versions()
        assert [d.title for d in behind.snapshot().documents] == [
            d.title for d in fresh.snapshot().documents
        ]
        assert behind.sequence == other.change_sequence()


def test_pruning_keeps_the_newest_rows_and_the_sequence_grows(
    tmp_path: Path,
    small_window: None,
) -> None:
    with ProcessStore.open(tmp_path / "s.db") as store:
        sequences = []
        for number in range(30):
            store.save(dataclasses.replace(document("alpha"), purpose=f"v{number}"))
            sequences.append(store.change_sequence())
        assert sequences == sorted(set(sequences))
        rows = raw_query(str(tmp_path / "s.db"))("SELECT sequence FROM store_change")
        kept = sorted(row[0] for row in rows)
        assert kept[-1] == sequences[-1]
        assert len(kept) <= 5 + 4  # the window, plus what came since the last pruning
