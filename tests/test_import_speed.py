"""What makes ``ktw import`` fast changes nothing it writes: the front matter libyaml writes is
the Python emitter's, and an import read by worker processes stores what a sequential one
stores, every revision being what rendering the stored document gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kt_workbench import importing
from kt_workbench.cli import main
from kt_workbench.markdown import front_matter, render_document
from kt_workbench.markdown.front_matter import dump_yaml
from kt_workbench.store import ProcessStore
from tests.strategies import documents
from tests.test_store_bulk import table_contents

# Any text Python can hold in a file, from every plane, and the characters YAML cares about.
_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30) | st.text(
    st.sampled_from("ab :#-'\"\n\r\t ?[]{},&*!|>%@`~\x85\u2028\u2029\ufeff\x00\x7f\x1b😀é中"),
    max_size=30,
)
_SCALAR = (
    _TEXT
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.booleans()
    | st.none()
    | st.dates()
    | st.floats()
    | st.datetimes(timezones=st.none() | st.just(dt.UTC))
)
_KEY = st.sampled_from(("id", "title", "owner", "tags", "x_reviewer", "Ünïcode", "a" * 64)) | _TEXT
_FRONT = st.dictionaries(_KEY | st.integers(), _SCALAR | st.lists(_SCALAR, max_size=4), max_size=6)


def _python_emitter(data: dict[Any, Any]) -> str:
    marked = {
        key: front_matter._OneLine(value) if isinstance(value, list) and value else value
        for key, value in data.items()
    }
    return front_matter._dump_with(front_matter._Dumper, marked, flow=False)


@settings(max_examples=1500, deadline=None)
@given(_FRONT)
@example({"": None})  # libyaml writes an empty key as a simple key
@example({"id": [dt.datetime(2000, 1, 1)]})  # and a tag it must spell as "!"
@example({"𐀀": ""})  # and escapes text outside the Basic Multilingual Plane
def test_front_matter_is_written_as_the_python_emitter_writes_it(data: dict[Any, Any]) -> None:
    assert dump_yaml(data) == (_python_emitter(data) if data else "")


@settings(max_examples=200, deadline=None)
@given(documents())
def test_documents_render_as_with_the_python_emitter_alone(document: Any) -> None:
    fast = render_document(document)
    saved = front_matter._FastDumper
    front_matter._FastDumper = front_matter._Dumper
    try:
        assert render_document(document) == fast
    finally:
        front_matter._FastDumper = saved


def test_text_outside_the_basic_plane_is_left_to_the_python_emitter() -> None:
    assert front_matter._libyaml_writes_the_same({"title": "Refunds"})
    assert not front_matter._libyaml_writes_the_same({"title": "Refunds 😀"})
    assert not front_matter._libyaml_writes_the_same({"nested": {"a": 1}})
    assert dump_yaml({"title": "Refunds 😀"}) == "title: Refunds 😀"


def _handbook(folder: Path, count: int) -> Path:
    from benchmarks.generator import generate_library

    folder.mkdir()
    for document in generate_library(count, seed=5):
        (folder / f"{document.id}.md").write_text(render_document(document), encoding="utf-8")
    # Files of another tool, without ids, two of them with the same title.
    for number in range(3):
        (folder / f"page-{number}.md").write_text(
            f"# Password reset\n\n## Steps\n\n1. Open ticket {number}\n2. Close it\n",
            encoding="utf-8",
        )
    return folder


def _import(db: Path, folder: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(db), "import", str(folder)])
    assert result.exit_code == 0, result.output
    assert "Imported 43 processes (43 new, 0 replaced" in result.output


def test_an_import_read_in_parallel_stores_what_a_sequential_one_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _handbook(tmp_path / "handbook", 40)
    monkeypatch.setenv("KTW_AUTHOR", "Importer")
    monkeypatch.setattr(importing, "_PARALLEL_FROM", 10**6)
    _import(tmp_path / "sequential.db", folder)
    monkeypatch.setattr(importing, "_PARALLEL_FROM", 10)
    monkeypatch.setattr(importing, "_CHUNK", 3)
    monkeypatch.setattr(importing, "spare_workers", lambda: 2)
    _import(tmp_path / "parallel.db", folder)
    parallel, sequential = tmp_path / "parallel.db", tmp_path / "sequential.db"
    assert table_contents(str(parallel)) == table_contents(str(sequential))
    with ProcessStore.open(tmp_path / "parallel.db") as store:
        stored = store.documents()
        assert len(stored) == 43
        for document in stored:
            expected = render_document(document, diagram=False)
            assert store.revision_markdown(document.id, 1) == expected


@pytest.mark.parametrize("parallel", [False, True])
def test_the_callers_work_runs_once_while_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: bool
) -> None:
    folder = _handbook(tmp_path / "handbook", 40)
    if parallel:
        monkeypatch.setattr(importing, "_PARALLEL_FROM", 10)
        monkeypatch.setattr(importing, "_CHUNK", 3)
        monkeypatch.setattr(importing, "spare_workers", lambda: 2)
    calls: list[int] = []
    read = importing.load_files([folder], meanwhile=lambda: calls.append(1))
    assert calls == [1]
    assert [item.path for item in read] == [item.path for item in importing.load_files([folder])]
