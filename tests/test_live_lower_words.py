"""A save that makes the library start or stop writing a word in lower case changes other
processes' acronym findings (a capitalised "ZORK" is emphasis once someone writes "zork"):
the read model follows it without reading the whole library again, and ends where a full
check does."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from kt_workbench.checker import check_library
from kt_workbench.library import Library
from kt_workbench.model import ProcessDocument, Step
from kt_workbench.store import ProcessStore
from tests.tui_support import TODAY

SHOUTER = ProcessDocument(
    id="shouter", title="Close an account", steps=(Step("Check the ZORK balance first"),)
)
OTHER = ProcessDocument(id="other", title="Open an account", steps=(Step("Greet them"),))


def zork_flagged(library: Library) -> bool:
    report = library.snapshot().reports["shouter"]
    return any(f.rule == "KT901" and "ZORK" in f.message for f in report.findings)


def assert_as_a_full_check(library: Library, store: ProcessStore) -> None:
    fresh = check_library(store.documents(), today=TODAY).by_id()
    ours = library.snapshot().reports
    assert {pid: r.findings for pid, r in ours.items()} == {
        pid: r.findings for pid, r in fresh.items()
    }


def test_a_word_joining_or_leaving_lower_case_rechecks_who_shouts_it(tmp_path: Path) -> None:
    with ProcessStore.open(tmp_path / "s.db") as store:
        store.save_many([SHOUTER, OTHER])
        library = Library(store, today=TODAY, cache_folder=tmp_path / "cache")
        library.snapshot()
        library.warm()
        assert zork_flagged(library)

        writes_it = dataclasses.replace(OTHER, purpose="Mind the zork before greeting.")
        library.save(writes_it, None, 1)
        assert not zork_flagged(library)
        assert_as_a_full_check(library, store)

        library.save(OTHER, None, 2)
        assert zork_flagged(library)
        assert_as_a_full_check(library, store)

        library.save(writes_it, None, 3)
        library.delete("other")
        assert zork_flagged(library)
        assert_as_a_full_check(library, store)


def test_the_first_save_without_warming_is_right_too(tmp_path: Path) -> None:
    with ProcessStore.open(tmp_path / "s.db") as store:
        store.save_many([SHOUTER, OTHER])
        library = Library(store, today=TODAY, cache_folder=tmp_path / "cache")
        library.snapshot()
        library.save(dataclasses.replace(OTHER, purpose="A zork."), None, 1)
        assert not zork_flagged(library)
        assert_as_a_full_check(library, store)


def test_how_far_the_first_load_is_can_be_read_while_it_checks(tmp_path: Path) -> None:
    with ProcessStore.open(tmp_path / "s.db") as store:
        store.save_many([SHOUTER, OTHER])
        library = Library(store, today=TODAY, cache_folder=tmp_path / "cache")
        assert library.checking() is None  # nothing read yet
        seen: list[tuple[int, int] | None] = []
        library.load(progress=lambda done, total, reports: seen.append(library.checking()))
        assert seen == [(2, 2)]
        assert library.checking() is None  # loaded
