"""The whole import path on hostile bytes: a document or ``FILE:LINE`` errors, nothing else."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kt_workbench.errors import InputError
from kt_workbench.importing import ImportErrors, load_files
from kt_workbench.limits import MAX_DOCUMENT_CHARS, MAX_INDENT, MAX_LIST_ITEMS
from kt_workbench.markdown import parse_document

_PIECES = st.sampled_from(
    [
        b"---\n",
        b"title: T\n",
        b"id: x\n",
        b"last_reviewed: 2026-02-30\n",
        b"x: [[[[[\n",
        b"? [a]\n: 1\n",
        b"# Title\n",
        b"## Procedure\n",
        b"## Decision tree\n",
        b"1. Step\n",
        b"   - sub\n",
        b"- Q? yes -> A\n",
        b"  - no -> B\n",
        b"| a | b |\n",
        b"```\n",
        b"\x00",
        b"\xff\xfe",
        b"\x1b[31m",
        b"\r\n",
        b"\t",
        b"\xe2\x80\xa8",
    ]
)
_BYTES = st.one_of(st.binary(max_size=400), st.lists(_PIECES, max_size=40).map(b"".join))


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_BYTES)
def test_any_bytes_import_as_a_document_or_as_file_line_errors(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.md"
    path.write_bytes(data)
    tracemalloc.start()
    try:
        loaded = load_files([path])
    except ImportErrors as errors:
        assert errors.errors
        for error in errors.errors:
            assert isinstance(error, InputError)
            assert error.source == str(path)
            assert "\n" not in str(error)
    else:
        assert [item.path for item in loaded] == [path]
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    # Stated bound (docs/reliability.md): well under 1 MiB for inputs of a few hundred bytes.
    assert peak < 4 * 1024 * 1024


def test_a_document_beyond_the_size_limit_is_refused_before_parsing() -> None:
    text = "---\ntitle: T\n---\n# T\n\n" + "word " * (MAX_DOCUMENT_CHARS // 5 + 10)
    with pytest.raises(InputError, match=r"^big.md: the document is longer than 2 MiB"):
        parse_document(text, "big.md")


def test_too_many_list_items_are_refused_at_the_first_one_beyond() -> None:
    steps = "\n".join(f"{n}. Step {n}" for n in range(1, MAX_LIST_ITEMS + 5))
    with pytest.raises(InputError) as caught:
        parse_document(f"# T\n\n## Procedure\n\n{steps}\n", "many.md")
    assert caught.value.line == 4 + MAX_LIST_ITEMS + 1
    assert "more than 5,000 list items" in caught.value.problem
    # At the limit it still reads.
    steps = "\n".join(f"{n}. Step {n}" for n in range(1, MAX_LIST_ITEMS + 1))
    assert len(parse_document(f"# T\n\n## Procedure\n\n{steps}\n", "ok.md").steps) == 5000


def test_a_tree_nested_beyond_the_limit_is_refused_with_its_line() -> None:
    lines = [f"{'  ' * depth}- Yes → Is it case {depth}?" for depth in range(200)]
    text = "# T\n\n## Decision tree\n\n- Is it case?\n" + "\n".join(lines) + "\n"
    with pytest.raises(InputError) as caught:
        parse_document(text, "deep.md")
    assert caught.value.line == 6 + MAX_INDENT // 2 + 1  # depth 101 is on line 107
    assert "indented more than 200 columns" in caught.value.problem
