"""``ktw search`` keeps its index in the read model's cache: the cache never changes a hit,
whether it is current, missing, corrupt, from another format or behind the store."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import sqlite3
import subprocess
import sys
from contextlib import closing
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.generator import generate_library
from kt_workbench.cli import main
from kt_workbench.model import ProcessDocument, Step
from kt_workbench.readmodel.cache import CachedIndex, index_file
from kt_workbench.search import SearchIndex
from kt_workbench.search.disk_index import meta_row
from kt_workbench.store import ProcessStore
from tests.postgres_server import postgres_server, postgres_url  # noqa: F401

QUERIES = (
    ("refnud", "dupliate"),
    ("acount", "locked"),
    ("refund", "readiness:ready"),
    ("charge", "readiness:needs-work"),
    ("escalate", "readiness:not-ready", "--limit", "50"),
    ('"customer"', "status:approved"),
)


@cache
def _library() -> tuple[ProcessDocument, ...]:
    return tuple(generate_library(200, seed=11, tail_words=2_000))


@pytest.fixture
def db(db_path: Path) -> Path:
    with ProcessStore.open(db_path) as store:
        store.save_many(_library())
    return db_path


def cache_folder() -> Path:
    return Path(os.environ["KTW_CACHE_DIR"])


def search(db: Path | str, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", str(db), "search", "--format", "json", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.output
    return result.stdout


def every_answer(db: Path | str) -> list[str]:
    return [search(db, *query) for query in QUERIES]


def index_path(db: Path | str) -> Path:
    with ProcessStore.open(db) as store:
        return index_file(cache_folder(), store.store_id())


def meta(path: Path, key: str) -> object:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()[0]


def set_meta(path: Path, key: str, value: object) -> None:
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("INSERT OR REPLACE INTO meta VALUES (?, ?, ?)", meta_row(key, value))


def test_deleted_corrupt_or_foreign_index_caches_give_the_same_hits(db: Path) -> None:
    fresh = every_answer(db)  # no cache yet: built, then written
    assert any(json.loads(answer) for answer in fresh)
    path = index_path(db)
    assert path.exists()
    assert every_answer(db) == fresh  # from the cache

    path.unlink()
    assert every_answer(db) == fresh
    assert path.exists()  # rewritten

    path.write_bytes(b"not an index at all")
    assert every_answer(db) == fresh

    image = path.read_bytes()
    path.write_bytes(image[: len(image) // 2])  # truncated
    assert every_answer(db) == fresh

    # A damaged page in the middle: whatever it hits, the answers stay the same.
    path.write_bytes(image[:40_000] + bytes(4096) + image[44_096:])
    assert every_answer(db) == fresh

    set_meta(path, "format", SearchIndex.FORMAT_VERSION + 1)  # another index format
    assert every_answer(db) == fresh
    assert meta(path, "format") == SearchIndex.FORMAT_VERSION

    set_meta(path, "cache_format", -1)  # another cache format
    assert every_answer(db) == fresh
    assert meta(path, "cache_format") != -1

    # The cache of earlier versions (a pickle) is ignored and removed.
    old = path.with_suffix(".pickle")
    old.write_bytes(pickle.dumps(CachedIndex(1, "x", 1, 0, {}, b"")))
    path.unlink()
    assert every_answer(db) == fresh
    assert path.exists() and not old.exists()

    # Reports cached by another command serve the readiness filters alike.
    assert CliRunner().invoke(main, ["--db", str(db), "list"]).exit_code == 0
    assert every_answer(db) == fresh


def test_on_postgresql_the_cached_index_is_queried_in_place_with_the_same_hits(
    postgres_url: str,  # noqa: F811
) -> None:
    with ProcessStore.open(postgres_url) as store:
        store.save_many(_library())
    fresh = every_answer(postgres_url)  # no cache yet: built, then written
    assert any(json.loads(answer) for answer in fresh)
    path = index_path(postgres_url)
    assert path.exists()
    assert every_answer(postgres_url) == fresh  # queried where it lies
    image = path.read_bytes()
    path.write_bytes(image[:40_000] + bytes(4096) + image[44_096:])
    assert every_answer(postgres_url) == fresh
    path.write_bytes(b"not an index at all")
    assert every_answer(postgres_url) == fresh
    with ProcessStore.open(postgres_url) as store:  # a change: the cache is a state behind
        document = _library()[0]
        store.save(dataclasses.replace(document, title=document.title + " refund"))
    changed = every_answer(postgres_url)
    path.unlink()
    assert every_answer(postgres_url) == changed


def _save_elsewhere(db: Path, code: str) -> None:
    """Change the library from another process, as a colleague's workbench would."""
    script = (
        "import sys\n"
        "from kt_workbench.store import ProcessStore\n"
        "from kt_workbench.model import ProcessDocument, Step\n"
        f"with ProcessStore.open(sys.argv[1]) as store:\n    {code}\n"
    )
    subprocess.run([sys.executable, "-c", script, str(db)], check=True, timeout=120)


def test_changes_from_another_process_are_in_the_next_search(db: Path) -> None:
    assert search(db, "zanzibar", "wombat") == "[]\n"  # caches the index
    path = index_path(db)
    before = meta(path, "sequence")
    victim = _library()[3]
    _save_elsewhere(
        db,
        "store.save(ProcessDocument(id='zanzibar-wombat', title='Feed the zanzibar wombat', "
        "owner='Ines', team='Zoo', steps=(Step('Give the wombat its oats'),)))",
    )
    _save_elsewhere(db, f"store.delete({victim.id!r})")
    hits = json.loads(search(db, "zanzibr", "wombta"))
    assert [hit["id"] for hit in hits][:1] == ["zanzibar-wombat"]
    assert meta(path, "sequence") > before  # caught up and cached again
    caught_up = every_answer(db)
    assert all(victim.id not in answer for answer in caught_up)

    path.unlink()  # the same answers from an index built from scratch
    assert every_answer(db) == caught_up


def test_an_index_many_changes_behind_is_rebuilt_with_the_same_hits(db: Path) -> None:
    every_answer(db)
    with ProcessStore.open(db) as store:
        store.save_many(
            dataclasses.replace(doc, steps=(*doc.steps, Step("Note the refund in the ledger")))
            for doc in _library()
        )
    changed = every_answer(db)
    index_path(db).unlink()
    assert every_answer(db) == changed


def test_only_a_search_without_a_usable_cache_says_it_is_indexing(db: Path) -> None:
    from kt_workbench.readmodel.quick_search import QuickSearch
    from kt_workbench.store.quick_read import QuickReader

    told: list[int] = []
    for _ in range(2):
        reader = QuickReader.open(str(db))
        assert reader is not None
        search = QuickSearch(reader, cache_folder(), building=told.append)
        assert search.index() is not None
        search.write_pending()

    assert told == [len(_library())]  # the first built the index, the second read it
