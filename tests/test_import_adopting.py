"""Importing files written for other tools: each convention adopted, broken files refused."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from kt_workbench.cli import main
from kt_workbench.errors import InputError
from kt_workbench.import_settings import import_options
from kt_workbench.importing import ImportErrors, ImportOptions, load_files, read_text
from kt_workbench.store import ProcessStore


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_status_meaning_something_else_is_kept_and_the_process_starts_as_a_draft(
    tmp_path: Path,
) -> None:
    write(tmp_path, "design.md", "---\ntitle: Retry queue\nstatus: proposed\n---\n\nText.\n")
    (item,) = load_files([tmp_path])
    assert item.document.status == "draft"
    assert "adopted" in item.document.tags
    assert item.document.extra_front_matter == "x-original-status: proposed"
    assert item.report is not None and item.report.mode == "adopted"
    assert any("'status' means something else here" in note for note in item.report.review)


def test_a_file_in_our_format_with_a_wrong_value_is_still_an_error(tmp_path: Path) -> None:
    write(tmp_path, "ours.md", "---\ntitle: Refund\nowner: Sam\nstatus: done\n---\n")
    with pytest.raises(ImportErrors, match=r"ours.md:4: status must be one of"):
        load_files([tmp_path])


def test_strict_mode_refuses_what_auto_mode_adopts(tmp_path: Path) -> None:
    write(tmp_path, "design.md", "---\ntitle: Retry queue\nstatus: ongoing\n---\n")
    with pytest.raises(ImportErrors, match=r"design.md:3: status must be one of"):
        load_files([tmp_path], ImportOptions(mode="strict"))


def test_no_title_anywhere_takes_the_file_name_or_the_mkdocs_navigation(tmp_path: Path) -> None:
    write(tmp_path, "mkdocs.yml", "site_name: X\nnav:\n  - Being On-Call: oncall/being_oncall.md\n")
    write(tmp_path, "docs/oncall/being_oncall.md", "Some text.\n\n## Steps\n\n1. Page.\n")
    write(tmp_path, "docs/cmoc_workflows.md", "Just text.\n")
    loaded = {item.path.name: item for item in load_files([tmp_path / "docs"])}
    assert loaded["being_oncall.md"].document.title == "Being On-Call"
    assert loaded["being_oncall.md"].report.title_from == "site navigation"  # type: ignore[union-attr]
    assert loaded["cmoc_workflows.md"].document.title == "Cmoc workflows"
    assert loaded["cmoc_workflows.md"].document.id == "cmoc-workflows"


def test_non_latin_titles_take_their_id_from_the_file_name(tmp_path: Path) -> None:
    write(tmp_path, "cmoc_workflows.md", "# CMOC業務の遂行方法\n")
    write(tmp_path, "cmoc_practice_events.md", "# CMOC練習イベント\n")
    write(tmp_path, "概要.md", "# 概要\n")
    ids = sorted(item.document.id for item in load_files([tmp_path]))
    assert ids[:2] == ["cmoc-practice-events", "cmoc-workflows"]
    assert ids[2].startswith("process-")


def test_broken_files_are_refused_with_their_line_and_nothing_is_stored(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    source = tmp_path / "in"
    write(source, "good.md", "# Good\n")
    write(source, "yaml.md", "---\ntitle: x\nowner: [unclosed\n---\n")
    (source / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (source / "latin1.md").write_bytes("# Caf\xe9\n".encode("latin-1"))
    code, _, err = run(db, "import", str(source))
    assert code == 1
    assert "yaml.md:3: invalid YAML" in err
    assert "image.md: binary file" in err
    assert "latin1.md:1: not UTF-8 text" in err
    with ProcessStore.open(db) as store:
        assert store.ids() == []


def test_a_large_file_is_refused_from_its_size_without_being_read_whole(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_bytes(b"# Big\n" + b"x" * (3 * 1024 * 1024))
    with pytest.raises(InputError, match=r"big.md: file of 3.0 MB is larger than the 2 MB"):
        read_text(big, limit=2 * 1024 * 1024)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_subfolder_is_an_error_not_a_partial_import(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "# A\n")
    locked = tmp_path / "locked"
    write(locked, "b.md", "# B\n")
    locked.chmod(0)
    try:
        with pytest.raises(ImportErrors, match=r"locked: cannot read folder"):
            load_files([tmp_path])
    finally:
        locked.chmod(0o755)


def test_the_report_in_json_says_what_each_file_became(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    source = tmp_path / "in"
    write(
        source,
        "reset.md",
        "# Reset\n\n## Steps for support engineers {#steps}\n\n1. Find the user.\n\n"
        "```sh\nfind\n```\n\n2. Reset.\n\n## FAQ\n\nAsk.\n\n## Glossary\n\n"
        "- **2FA**: two-factor authentication\n- **SSO**: single sign-on\n",
    )
    code, out, _ = run(db, "import", "--dry-run", "--format", "json", str(source))
    assert code == 0
    data = json.loads(out)
    (report,) = data["files"]
    assert report["id"] == "reset" and report["steps"] == 2 and report["rows"] == 2
    assert report["sections"] == ["procedure", "glossary"]
    assert "section 'FAQ'" in report["free_text"]
    assert data["summary"]["dry_run"] is True
    with ProcessStore.open(db) as store:
        assert store.ids() == []


def test_headings_can_be_added_per_language_in_the_config(tmp_path: Path) -> None:
    options = import_options(
        '[import]\nmode = "adopt"\n\n[headings]\nlanguages = ["en"]\n\n'
        '[headings.nl]\nprocedure = ["Werkwijze"]\n',
        "ktw.toml",
    )
    write(tmp_path, "p.md", "# P\n\n## Werkwijze\n\n1. Bel de klant.\n\n## 手順\n\n1. x\n")
    (item,) = load_files([tmp_path], options)
    assert [step.text for step in item.document.steps] == ["Bel de klant."]
    assert [extra.heading for extra in item.document.extra_sections] == ["手順"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[import]\nmode = "loose"\n', "ktw.toml:2: import.mode must be one of"),
        ("[import]\nmax_file_mb = 0\n", "ktw.toml:2: import.max_file_mb"),
        ('[headings]\nlanguages = ["xx"]\n', "ktw.toml:2: headings.languages"),
        ('[headings.en]\nsteps = ["A"]\n', "ktw.toml:2: unknown section 'headings.en.steps'"),
    ],
)
def test_bad_import_settings_name_their_line(text: str, expected: str) -> None:
    with pytest.raises(InputError) as raised:
        import_options(text, "ktw.toml")
    assert str(raised.value).startswith(expected)


def test_a_large_import_read_in_worker_processes_gives_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kt_workbench import importing

    for number in range(70):
        write(
            tmp_path,
            f"folder{number % 3}/page-{number}.md",
            f"# Page\n\n## Steps\n\n1. S{number}\n",
        )
    write(tmp_path, "folder0/bad.md", "---\ntitle: x\nowner: [unclosed\n---\n")
    sequential = pytest.raises(ImportErrors)
    with sequential as one:
        load_files([tmp_path])
    monkeypatch.setattr(importing, "_PARALLEL_FROM", 10)
    monkeypatch.setattr(importing, "_CHUNK", 8)
    monkeypatch.setattr(importing, "spare_workers", lambda: 2)
    with pytest.raises(ImportErrors) as parallel:
        load_files([tmp_path])
    assert str(parallel.value) == str(one.value) and "bad.md:3: invalid YAML" in str(one.value)
    (tmp_path / "folder0" / "bad.md").unlink()
    monkeypatch.setattr(importing, "_PARALLEL_FROM", 10**6)
    expected = [(item.path, item.document) for item in load_files([tmp_path])]
    monkeypatch.setattr(importing, "_PARALLEL_FROM", 10)
    assert [(item.path, item.document) for item in load_files([tmp_path])] == expected
    assert len({document.id for _, document in expected}) == 70
