"""Cached reports outlive the day they were made on, each for as long as it stays what it is.

Only one finding depends on the day: an overdue review (KT105), which appears the day after
the review falls due and stays the same from then on. A cache made on one day is used on a later one
for every report that day cannot have changed, and the rest are checked again; whichever way
the reports come, they are exactly what checking the library from scratch on that day gives.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from benchmarks.generator import generate_library
from kt_workbench.checker import CheckerConfig, check_library, same_report_until
from kt_workbench.library import Library
from kt_workbench.model import ProcessDocument, Step
from kt_workbench.readmodel.cache import checker_fingerprint, read_cache
from kt_workbench.readmodel.quick_reports import QuickReports
from kt_workbench.store import ProcessStore
from kt_workbench.store.quick_read import QuickReader

MADE_ON = dt.date(2026, 6, 1)


def _process(process_id: str, due_in: int | None) -> ProcessDocument:
    """A process whose review falls due ``due_in`` days after MADE_ON (None: no review)."""
    reviewed = None if due_in is None else MADE_ON + dt.timedelta(days=due_in - 90)
    return ProcessDocument(
        id=process_id,
        title=f"Handle case {process_id}",
        steps=(Step("Greet the customer"), Step("Log the call in the CRM")),
        last_reviewed=reviewed,
        review_every_days=None if reviewed is None else 90,
    )


LIBRARY = (
    _process("never", None),
    _process("overdue", -10),
    _process("due-today", 0),
    _process("due-in-3", 3),
    _process("due-in-200", 200),
    *generate_library(40, seed=5, tail_words=2_000),
)


def _cache_on_made_day(
    store: ProcessStore, documents: tuple[ProcessDocument, ...], cache: Path
) -> None:
    store.save_many(documents)
    first = Library(store, today=MADE_ON, cache_folder=cache)
    first.snapshot()
    first.write_cache()


def _fresh(documents: list[ProcessDocument], today: dt.date) -> dict[str, object]:
    reports = check_library(documents, today=today).by_id()
    return {pid: (r.score, r.readiness, r.findings) for pid, r in reports.items()}


def _ours(library: Library) -> dict[str, object]:
    reports = library.snapshot().reports
    return {pid: (r.score, r.readiness, r.findings) for pid, r in reports.items()}


@pytest.mark.parametrize("days_later", [0, 1, 3, 4, 30, 201, 5000])
def test_a_cache_from_an_earlier_day_gives_that_days_reports(
    tmp_path: Path, days_later: int
) -> None:
    cache = tmp_path / "cache"
    today = MADE_ON + dt.timedelta(days=days_later)
    with ProcessStore.open(tmp_path / "s.db") as store:
        store.save_many(LIBRARY)
        first = Library(store, today=MADE_ON, cache_folder=cache)
        first.snapshot()
        first.write_cache()
        documents = store.documents()

        kept = read_cache(cache, store.store_id(), checker_fingerprint(CheckerConfig()), today)
        assert kept is not None and kept.whole
        # What the day made stale, and nothing else, is checked again.
        expected_stale = {doc.id for doc in documents if same_report_until(doc, MADE_ON) < today}
        assert kept.stale == expected_stale
        assert "never" not in kept.stale
        assert ("due-in-200" in kept.stale) == (days_later > 200)
        assert "overdue" not in kept.stale  # overdue already: the same report every day
        assert ("due-today" in kept.stale) == (days_later > 0)
        assert ("due-in-3" in kept.stale) == (days_later > 3)

        later = Library(store, today=today, cache_folder=cache)
        assert _ours(later) == _fresh(documents, today)
        later.write_cache()
        again = read_cache(cache, store.store_id(), checker_fingerprint(CheckerConfig()), today)
        assert again is not None and again.complete and not again.stale


def test_check_id_on_a_later_day_checks_only_a_stale_report(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    db = tmp_path / "s.db"
    with ProcessStore.open(db) as store:
        store.save_many(LIBRARY)
        first = Library(store, today=MADE_ON, cache_folder=cache)
        first.snapshot()
        first.write_cache()
        documents = store.documents()
    today = MADE_ON + dt.timedelta(days=5)
    reader = QuickReader.open(db)
    assert reader is not None
    quick = QuickReports(reader, CheckerConfig(), today=today, cache_folder=cache)
    fresh = check_library(documents, today=today).by_id()
    for process_id in ("overdue", "due-today", "due-in-3", "never"):
        found = quick.reports([process_id])
        assert found is not None
        assert found.reports[0].findings == fresh[process_id].findings
    # The reports checked again are kept for the day; the library is still whole.
    kept = read_cache(cache, reader.store_id(), checker_fingerprint(CheckerConfig()), today)
    assert kept is not None and kept.whole
    assert not {"due-today", "due-in-3"} & kept.stale


def test_a_clock_set_back_never_takes_a_cache_from_the_future(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with ProcessStore.open(tmp_path / "s.db") as store:
        _cache_on_made_day(store, LIBRARY[:5], cache)
        fingerprint = checker_fingerprint(CheckerConfig())
        assert read_cache(cache, store.store_id(), fingerprint, MADE_ON) is not None
        yesterday = MADE_ON - dt.timedelta(days=1)
        assert read_cache(cache, store.store_id(), fingerprint, yesterday) is None
        earlier = Library(store, today=yesterday, cache_folder=cache)
        assert _ours(earlier) == _fresh(store.documents(), yesterday)


def test_an_edit_still_makes_the_cache_stale_whatever_the_day(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with ProcessStore.open(tmp_path / "s.db") as store:
        _cache_on_made_day(store, LIBRARY[:5], cache)
        store.save(dataclasses.replace(LIBRARY[0], title="Handle a case, renamed"))
        later = Library(store, today=MADE_ON + dt.timedelta(days=1), cache_folder=cache)
        assert _ours(later) == _fresh(store.documents(), MADE_ON + dt.timedelta(days=1))


def test_a_review_interval_past_the_end_of_the_calendar_is_never_due() -> None:
    endless = dataclasses.replace(
        _process("endless", None), last_reviewed=MADE_ON, review_every_days=10**7
    )
    report = check_library([endless], today=MADE_ON).by_id()["endless"]
    assert not {"KT105", "KT106"} & {finding.rule for finding in report.findings}
    assert same_report_until(endless, MADE_ON) == dt.date.max


def _twins() -> list[ProcessDocument]:
    documents = list(generate_library(30, seed=9, tail_words=2_000))
    return documents + [dataclasses.replace(doc, id=f"{doc.id}-copy") for doc in documents[:3]]


@pytest.mark.parametrize("how", ["list", "check-each"])
def test_a_cache_the_quick_path_completes_holds_every_near_duplicate(
    tmp_path: Path, how: str
) -> None:
    """However the light path fills the cache (one list, or one ``check ID`` at a time), once
    it holds every report the read model takes it whole, pairs included."""
    cache = tmp_path / "cache"
    db = tmp_path / "s.db"
    with ProcessStore.open(db) as store:
        store.save_many(_twins())
        documents = store.documents()
    reader = QuickReader.open(db)
    assert reader is not None
    quick = QuickReports(reader, CheckerConfig(), today=MADE_ON, cache_folder=cache)
    if how == "list":
        assert quick.badges() is not None
    else:
        for document in documents:
            assert quick.reports([document.id]) is not None
    fresh = check_library(documents, today=MADE_ON)
    assert len(fresh.findings) >= 3
    kept = read_cache(cache, reader.store_id(), checker_fingerprint(CheckerConfig()), MADE_ON)
    assert kept is not None and kept.complete and kept.library_findings == fresh.findings
    with ProcessStore.open(db) as store:
        library = Library(store, today=MADE_ON, cache_folder=cache)
        snapshot = library.snapshot()
        assert snapshot.library_findings == fresh.findings
        assert _ours(library) == _fresh(documents, MADE_ON)
