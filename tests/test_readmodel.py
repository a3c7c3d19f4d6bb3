"""The read model: kept current incrementally from the store's changes (any process's), equal
at every step to checking the whole library from scratch; its cache never changes a result."""

from __future__ import annotations

import dataclasses
import pickle
import tempfile
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kt_workbench.checker import LibraryContext, check_library
from kt_workbench.importing import load_files
from kt_workbench.library import Library
from kt_workbench.model import GlossaryEntry, ProcessDocument, Step
from kt_workbench.readmodel.cache import CACHE_FORMAT, cache_file
from kt_workbench.readmodel.rows import parse_filter
from kt_workbench.store import ProcessStore
from tests.conftest import SAMPLES
from tests.postgres_server import postgres_server, postgres_url, store_target  # noqa: F401
from tests.tui_support import TODAY


def samples() -> list[ProcessDocument]:
    return [item.document for item in load_files([SAMPLES])]


def assert_current(library: Library, store: ProcessStore) -> None:
    """What the model holds is what a full check of the stored library says."""
    snapshot = library.snapshot()
    documents = store.documents()
    full = check_library(documents, library.config, TODAY)
    assert [doc.id for doc in snapshot.documents] == [doc.id for doc in documents]
    assert snapshot.documents == tuple(documents)
    assert snapshot.reports == full.by_id()
    assert snapshot.library_findings == full.findings
    # The context kept current change by change is the one built from scratch.
    live, built = library._live.context, LibraryContext.build(documents)
    assert (live.glossary, live.systems, live.titles) == (
        built.glossary,
        built.systems,
        built.titles,
    )
    assert {key: sorted(ids) for key, ids in live.duplicates.buckets.items()} == {
        key: sorted(ids) for key, ids in built.duplicates.buckets.items()
    }
    assert live.duplicates.entries.keys() == built.duplicates.entries.keys()


def test_every_kind_of_change_from_another_process_is_followed(
    store_target: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    with ProcessStore.open(store_target) as store, ProcessStore.open(store_target) as other:
        store.save_many(samples())
        library = Library(store, today=TODAY, cache_folder=tmp_path / "cache")
        library.snapshot()
        assert library.refresh() == set()
        base = other.get("refund-duplicate-charge")
        assert base is not None
        # A near-duplicate appears (same title words, same steps), then goes.
        other.save(dataclasses.replace(base, id="refund-duplicate-charge-copy"))
        assert "refund-duplicate-charge" in library.refresh()
        assert_current(library, store)
        # A glossary term that other processes use gets defined, then undefined.
        acronym_user = next(
            r
            for r in library.snapshot().reports.values()
            if any(f.rule == "KT901" for f in r.findings)
        )
        term = next(f.message.split()[0] for f in acronym_user.findings if f.rule == "KT901")
        definer = other.get("warranty-claim")
        assert definer is not None
        defined = dataclasses.replace(
            definer, glossary=(*definer.glossary, GlossaryEntry(term, "explained here"))
        )
        other.save(defined)
        assert acronym_user.id in library.refresh()
        assert_current(library, store)
        other.save(definer)
        library.refresh()
        assert_current(library, store)
        # A new system name becomes known to the library.
        other.save(
            dataclasses.replace(
                definer, steps=(*definer.steps, Step("Log it", system="Zendesk Sell Pro"))
            )
        )
        library.refresh()
        assert_current(library, store)
        other.delete("refund-duplicate-charge-copy")
        other.delete("lost-stolen-card")
        changed = library.refresh()
        assert {"refund-duplicate-charge-copy", "lost-stolen-card"} <= changed
        assert_current(library, store)


def test_own_saves_apply_at_once_and_are_reported_by_the_next_refresh(tmp_path: Path) -> None:
    with ProcessStore.open(tmp_path / "s.db") as store:
        store.save_many(samples())
        library = Library(store, today=TODAY, cache_folder=tmp_path / "cache")
        library.snapshot()
        document = store.get("warranty-claim")
        assert document is not None
        version = library.save(dataclasses.replace(document, title="Warranty claims"), None, 1)
        assert version == 2
        assert library.snapshot().document("warranty-claim").title == "Warranty claims"  # type: ignore[union-attr]
        assert "warranty-claim" in library.refresh()
        assert library.refresh() == set()
        assert_current(library, store)
        library.save(dataclasses.replace(document, id="warranty"), "warranty-claim", 2)
        assert library.snapshot().document("warranty-claim") is None
        assert_current(library, store)


def test_the_cache_never_changes_a_result(store_target: str, tmp_path: Path) -> None:  # noqa: F811
    folder = tmp_path / "cache"
    with ProcessStore.open(store_target) as store:
        store.save_many(samples())
        first = Library(store, today=TODAY, cache_folder=folder)
        expected = first.snapshot()
        path = cache_file(folder, store.store_id())
        assert path.exists()
        sequence, rows = first.listing()
        versions = {row.id: row.version for row in rows}

        def fresh() -> Library:
            library = Library(store, today=TODAY, cache_folder=folder)
            assert library.snapshot() == expected
            return library

        badges = {pid: (r.score, r.readiness) for pid, r in expected.reports.items()}
        assert fresh().cached_badges(sequence, versions) == badges
        some = next(iter(expected.reports))
        assert fresh().cached_report(some, sequence, versions) == expected.reports[some]
        path.unlink()  # deleted
        assert (
            Library(store, today=TODAY, cache_folder=folder).cached_badges(sequence, versions) == {}
        )
        fresh()
        assert path.exists()
        path.write_bytes(b"not a pickle at all")  # corrupted
        fresh()
        assert pickle.loads(path.read_bytes()).format == CACHE_FORMAT  # rewritten
        old = dataclasses.replace(pickle.loads(path.read_bytes()), format=CACHE_FORMAT - 1)
        path.write_bytes(pickle.dumps(old))  # from an older version
        fresh()
        # Left behind by a store state that has since changed: not used.
        stale = pickle.loads(path.read_bytes())
        store.save(dataclasses.replace(store.get("warranty-claim"), title="Changed"))  # type: ignore[type-var]
        sequence, rows = store.listing()
        versions = {row.id: row.version for row in rows}
        assert (
            Library(store, today=TODAY, cache_folder=folder).cached_badges(sequence, versions) == {}
        )
        path.write_bytes(pickle.dumps(stale))
        library = Library(store, today=TODAY, cache_folder=folder)
        assert_current(library, store)
        # Another day or another checker configuration: not used either.
        other_day = Library(store, today=TODAY.replace(year=2030), cache_folder=folder)
        assert (
            other_day.snapshot().reports
            == check_library(store.documents(), today=TODAY.replace(year=2030)).by_id()
        )


def test_the_row_filter_takes_readiness_words_exactly() -> None:
    wanted = parse_filter("billing Ready not-ready overdue")
    assert wanted.text == "billing"
    assert wanted.readiness == {"ready", "not-ready"}
    assert wanted.overdue
    assert parse_filter("").empty


# Changes that reach other processes' reports: titles and steps copied from another process
# (near-duplicates), glossary terms and system names joining or leaving the library.
# Also words the library starts or stops writing in lower case (a capitalised one elsewhere is
# then emphasis, not an acronym), and prose that only reworded what the process already says.
EDITS = (
    "copy-title",
    "copy-steps",
    "add-term",
    "drop-terms",
    "add-system",
    "write-lower",
    "reword",
    "delete",
    "restore",
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(EDITS), st.integers(0, 14), st.integers(0, 14)),
        min_size=1,
        max_size=6,
    )
)
def test_any_sequence_of_changes_ends_where_a_full_check_does(
    edits: list[tuple[str, int, int]],
) -> None:
    originals = sorted(samples(), key=lambda doc: doc.id)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.db"
        with ProcessStore.open(path) as store, ProcessStore.open(path) as other:
            store.save_many(originals)
            library = Library(store, today=TODAY, cache_folder=Path(folder) / "cache")
            library.snapshot()
            for edit, target, source in edits:
                _apply_edit(other, edit, originals[target], originals[source])
                library.refresh()
            assert_current(library, store)


@cache
def _undefined_acronyms() -> tuple[str, ...]:
    """Acronyms the samples use without defining them: defining one changes other reports."""
    reports = check_library(samples(), today=TODAY).processes
    found = {f.message.split()[0] for r in reports for f in r.findings if f.rule == "KT901"}
    return tuple(sorted(found))


def _undefined_acronym(source: ProcessDocument) -> str:
    acronyms = _undefined_acronyms()
    return acronyms[sum(map(ord, source.id)) % len(acronyms)]


def _apply_edit(
    store: ProcessStore, edit: str, target: ProcessDocument, source: ProcessDocument
) -> None:
    current = store.get(target.id)
    if edit == "restore":
        store.save(target)
        return
    if current is None:
        return
    if edit == "delete":
        store.delete(target.id)
        return
    changed = {
        "copy-title": lambda: dataclasses.replace(current, title=source.title),
        "copy-steps": lambda: dataclasses.replace(current, steps=source.steps),
        "add-term": lambda: dataclasses.replace(
            current,
            glossary=(*current.glossary, GlossaryEntry(_undefined_acronym(source), "defined")),
        ),
        "drop-terms": lambda: dataclasses.replace(current, glossary=()),
        "add-system": lambda: dataclasses.replace(
            current, steps=(*current.steps, Step("Note it", system=f"Ledger-{source.id[:4]}"))
        ),
        "write-lower": lambda: dataclasses.replace(
            current, purpose=f"{current.purpose} Mind the {_undefined_acronym(source).lower()}."
        ),
        "reword": lambda: dataclasses.replace(current, title=f"{current.title} again"),
    }[edit]()
    store.save(changed)
