"""Front matter under hostile input: every problem is ``FILE:LINE``, and what is accepted is
written back exactly as written (keys the model does not know) and reads back the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from kt_workbench.cli import main
from kt_workbench.errors import InputError
from kt_workbench.importing import ImportErrors, load_files
from kt_workbench.markdown import parse_document, render_document
from kt_workbench.markdown.front_matter import MAX_FRONT_MATTER_CHARS


def _file(front: str) -> str:
    return f"---\ntitle: T\n{front}\n---\n# T\n"


@pytest.mark.parametrize(
    ("front", "line", "message"),
    [
        ("last_reviewed: 2026-02-30", 3, "'last_reviewed' in front matter is not a real date"),
        ("x-review: 2023-13-01", 3, "'x-review' in front matter is not a real date"),
        ("a: 1\nx-at: 2026-01-01T25:00:00", 4, "not a real date or time: 2026-01-01T25:00:00"),
        ("x: [1, [2, 2026-02-30]]", 3, "not a real date or time: 2026-02-30"),
        ("x: " + "[" * 600 + "]" * 600, 3, "nested more than 64 levels"),
        ("x:\n" + "".join("  " * i + "-\n" for i in range(1, 90)), 68, "nested more than 64"),
        ("? [a, b]\n: 1", 3, "keys must be plain words"),
        ("x: {? [a, b] : 1}", 3, "found unhashable key"),
        ("x: &a {k: 1}\n<<: *a", 4, "merge keys"),
        ('owner: "a\\0b"', 3, "'owner' contains a NUL character"),
        ('tags: [a, "b\\0"]', 3, "'tags' contains a NUL character"),
        ("volume_per_month: 9223372036854775808", 3, "is too large"),
        ("review_every_days: 99999999999999999999999999", 3, "is too large"),
        ("x: !!float 'zz'", 3, "not a usable number"),
        ("x: !!int 'zz'", 3, "not a usable whole number"),
    ],
)
def test_unbuildable_front_matter_is_one_line_with_file_and_line(
    front: str, line: int, message: str
) -> None:
    with pytest.raises(InputError) as caught:
        parse_document(_file(front), "p.md")
    assert caught.value.source == "p.md"
    assert caught.value.line == line
    assert message in caught.value.problem
    assert "\n" not in str(caught.value)


def test_front_matter_beyond_the_size_limit_is_refused() -> None:
    huge = "x: " + "a" * (MAX_FRONT_MATTER_CHARS + 10)
    with pytest.raises(InputError, match=r"p.md:1: front matter is longer than 256 KiB"):
        parse_document(_file(huge), "p.md")


@pytest.mark.parametrize(
    "front",
    [
        "x-a: &x {k: v}\nx-b: [*x, *x]\nx-c: [*x, *x]",
        "x: !!set {b, a, c}",
        "x: !!omap [b: 1, a: 2]",
        "date: 2026-06-25T15:51:50+08:00\ncategory:\n# a comment\nq: 'x'",
        'weird: "\\0 and \\x01"',
        "big: 123456789012345678901234567890",
        "x: .nan\ny: -.inf",
        "block: |+\n  kept\n\n\nnext: 1",
        "x: 1\nx: 2",
    ],
)
def test_keys_the_model_does_not_know_are_written_back_exactly(front: str) -> None:
    document = parse_document(_file(front), "p.md")
    assert document.extra_front_matter == front.strip("\n").rstrip()
    exported = render_document(document)
    assert f"\n{document.extra_front_matter}\n---\n" in exported
    again = parse_document(exported, "export.md")
    assert again == document
    assert render_document(again) == exported


def test_flow_style_front_matter_is_re_spelled_and_stays_stable() -> None:
    document = parse_document("---\n{title: T, x: &a [1], y: *a, s: !!set {b, a}}\n---\n", "f.md")
    assert document.extra_front_matter == "x: [1]\ny: [1]\ns: !!set\n  a: null\n  b: null"
    again = parse_document(render_document(document), "again.md")
    assert again == document


def test_an_alias_of_a_known_key_is_written_out_in_full() -> None:
    document = parse_document("---\ntitle: &t T\nx: *t\n---\n", "f.md")
    assert document.extra_front_matter == "x: T"


def test_one_bad_date_does_not_hide_the_other_files_problems(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(_file("last_reviewed: 2026-02-30"))
    (tmp_path / "b.md").write_text(_file("x-at: 2026-01-01T25:00:00"))
    (tmp_path / "c.md").write_text("---\nid: c\n---\n# Fine\n")
    with pytest.raises(ImportErrors) as caught:
        load_files([tmp_path])
    lines = str(caught.value).split("\n")
    assert [line.split(":")[0:2] for line in lines] == [
        [str(tmp_path / "a.md"), "3"],
        [str(tmp_path / "b.md"), "3"],
    ]


_SCALARS = st.one_of(
    st.sampled_from(
        [
            "2026-02-30",
            "2023-13-01",
            "2026-01-01T25:00:00",
            "2026-06-25T15:51:50+08:00",
            "9223372036854775808",
            "-1",
            "0x1F",
            "0o17",
            ".nan",
            "~",
            "",
            '"\\0"',
            '"\\e[31m"',
            "!!binary aGk=",
            "!!binary '%'",
            "!!int x",
            "!!float y",
            "!!set {a, b}",
            "!!omap [a: 1]",
            "*a",
            "&a v",
            "'quoted'",
            "yes",
        ]
    ),
    st.text(alphabet="ab:-#&*!|>'\"[]{}, ", max_size=6),
)


def _value(depth: int) -> st.SearchStrategy[str]:
    if depth == 0:
        return _SCALARS
    inner = _value(depth - 1)
    return st.one_of(
        _SCALARS,
        st.lists(inner, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
        st.lists(st.tuples(st.sampled_from(["k", "? [a]", "2026-02-30"]), inner), max_size=3).map(
            lambda pairs: "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"
        ),
    )


_KEYS = st.sampled_from(
    ["title", "id", "owner", "tags", "status", "volume_per_month", "last_reviewed", "x", "? [a]"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_KEYS, _value(3)), max_size=5))
def test_any_structured_front_matter_reads_or_is_refused_with_file_and_line(
    pairs: list[tuple[str, str]],
) -> None:
    text = "---\n" + "\n".join(f"{key}: {value}" for key, value in pairs) + "\n---\n# T\n"
    try:
        document = parse_document(text, "fm.md")
    except InputError as error:
        assert error.source == "fm.md"
        assert error.line is not None
        assert "\n" not in str(error)
    else:
        exported = render_document(document)
        assert parse_document(exported, "export.md") == document


def test_yaml_features_survive_save_export_and_pack_delta(tmp_path: Path) -> None:
    front = "x-a: &x {k: v}\nx-b: [*x, *x]\nx-c: [*x, *x]\ns: !!set {b, a}\no: !!omap [b: 1, a: 2]"
    source = tmp_path / "in" / "p.md"
    source.parent.mkdir()
    source.write_text(f"---\nid: p\n{front}\n---\n# P\n", encoding="utf-8")
    db = str(tmp_path / "lib.db")
    runner = CliRunner()
    for args in (
        ["import", str(source.parent)],
        ["pack-delta", "provider", "--out", str(tmp_path / "delta")],
        ["export", "--all", "--out", str(tmp_path / "pack")],
    ):
        result = runner.invoke(main, ["--db", db, *args])
        assert result.exit_code == 0, result.output
    exported = (tmp_path / "pack" / "processes" / "p.md").read_text(encoding="utf-8")
    assert f"\n{front}\n---\n" in exported
    again = runner.invoke(
        main, ["--db", str(tmp_path / "again.db"), "import", str(tmp_path / "pack" / "processes")]
    )
    assert again.exit_code == 0, again.output


def test_aliases_that_multiply_past_the_limit_are_refused_at_once() -> None:
    # "Billion laughs": ten levels of ten aliases each would be 10**10 values written out.
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 10)]
    with pytest.raises(InputError, match=r"expands to more than 100,000 values"):
        parse_document(_file("\n".join(lines)), "laughs.md")


def test_recursive_aliases_are_refused() -> None:
    with pytest.raises(InputError, match=r"p.md:3: 'x' in front matter is .*recursive"):
        parse_document(_file("x: &a [*a]"), "p.md")
