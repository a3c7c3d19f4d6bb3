"""The library commands end to end through click's runner, on real temporary databases."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kt_workbench.cli import main
from kt_workbench.markdown import parse_document
from kt_workbench.store import ProcessStore
from tests.conftest import SAMPLES

GOOD = """---
title: Reset a customer password
owner: Sam Lee
team: Accounts
status: draft
---
# Reset a customer password

## Procedure

1. Verify the customer
   - Role: Agent
2. Send the reset link
"""


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def stored_ids(db: Path) -> list[str]:
    with ProcessStore.open(db) as store:
        return store.ids()


def test_import_samples_then_list(db_path: Path) -> None:
    code, out, _ = run(db_path, "import", str(SAMPLES))
    assert code == 0, out
    sample_count = len(list(SAMPLES.glob("*.md")))
    assert f"Imported {sample_count} processes ({sample_count} new, 0 replaced)" in out
    code, out, _ = run(db_path, "list", "--format", "json")
    rows = json.loads(out)
    assert len(rows) == sample_count
    assert all(
        list(row) == ["id", "title", "team", "owner", "status", "score", "readiness"]
        for row in rows
    )
    assert {row["readiness"] for row in rows} <= {"ready", "needs-work", "not-ready"}
    code, out, _ = run(db_path, "list")
    assert out.splitlines()[0].split() == [
        "ID",
        "TITLE",
        "TEAM",
        "OWNER",
        "STATUS",
        "SCORE",
        "READINESS",
    ]


def test_reimport_replaces_and_dry_run_changes_nothing(db_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "reset.md"
    source.write_text(GOOD, encoding="utf-8")
    code, out, _ = run(db_path, "import", "--dry-run", str(source))
    assert code == 0 and "would import 1 processes (1 new, 0 replaced)" in out
    assert stored_ids(db_path) == []
    assert run(db_path, "import", str(source))[0] == 0
    source.write_text(GOOD.replace("status: draft", "status: approved"), encoding="utf-8")
    code, out, _ = run(db_path, "import", str(source))
    assert "0 new, 1 replaced" in out
    with ProcessStore.open(db_path) as store:
        document = store.get("reset-a-customer-password")
    assert document is not None and document.status == "approved"


BAD_FILES = {
    "yaml.md": ("---\ntitle: x\nowner: [unclosed\n---\n", "yaml.md:3:"),
    "type.md": ("---\ntitle: x\nvolume_per_month: lots\n---\n", "type.md:3: 'volume_per_month'"),
    "status.md": ("---\ntitle: x\n\nstatus: done\n---\n", "status.md:4: status must be one of"),
    "notitle.md": ("Just some text\n\n1. a step\n", "notitle.md:1: no title"),
    "date.md": ("---\ntitle: x\nlast_reviewed: 14/09/2026\n---\n", "date.md:3: 'last_reviewed'"),
    "channels.md": ("---\ntitle: x\nchannels: 3\n---\n", "channels.md:3: 'channels'"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_input_is_one_line_and_stores_nothing(db_path: Path, tmp_path: Path, name: str) -> None:
    assert run(db_path, "import", str(SAMPLES / "refund-duplicate-charge.md"))[0] == 0
    before = stored_ids(db_path)
    content, expected = BAD_FILES[name]
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    good = tmp_path / "good.md"
    good.write_text(GOOD, encoding="utf-8")
    code, _, err = run(db_path, "import", "--strict", str(good), str(bad))
    assert code == 1
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("ktw: ") and expected in lines[0], err
    assert stored_ids(db_path) == before


def test_binary_and_non_utf8_files_are_rejected(db_path: Path, tmp_path: Path) -> None:
    (tmp_path / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "latin1.md").write_bytes("# Caf\xe9\n\nline two\n".encode("latin-1"))
    code, _, err = run(db_path, "import", str(tmp_path))
    assert code == 1
    assert "image.md: binary file" in err
    assert "latin1.md:1: not UTF-8 text" in err
    assert stored_ids(db_path) == []


def test_missing_path_and_duplicate_ids(db_path: Path, tmp_path: Path) -> None:
    code, _, err = run(db_path, "import", str(tmp_path / "nope.md"))
    assert code == 1 and "nope.md: no such file or folder" in err
    given = GOOD.replace("title:", "id: reset-password\ntitle:")
    (tmp_path / "a.md").write_text(given, encoding="utf-8")
    (tmp_path / "b.md").write_text(given, encoding="utf-8")
    code, _, err = run(db_path, "import", str(tmp_path))
    assert code == 1 and "b.md: id 'reset-password' is also used by" in err
    assert stored_ids(db_path) == []


def test_ids_derived_alike_get_the_file_name_or_the_folder(db_path: Path, tmp_path: Path) -> None:
    for folder in ("billing", "accounts"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "team-norms.md").write_text(
            GOOD.replace("Reset a customer password", "Team Norms"), encoding="utf-8"
        )
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.md").write_text(GOOD, encoding="utf-8")
    code, out, _ = run(db_path, "import", str(tmp_path))
    assert code == 0, out
    assert stored_ids(db_path) == ["a", "accounts-team-norms", "b", "billing-team-norms"]
    assert "id 'team-norms' is used by another file: this one is 'billing-team-norms'" in out


def test_show_prints_canonical_markdown(db_path: Path) -> None:
    run(db_path, "import", str(SAMPLES))
    code, out, _ = run(db_path, "show", "refund-duplicate-charge")
    assert code == 0
    with ProcessStore.open(db_path) as store:
        assert parse_document(out) == store.get("refund-duplicate-charge")
    code, _, err = run(db_path, "show", "no-such-process")
    assert code == 1 and "no process with id 'no-such-process'" in err


def test_delete(db_path: Path, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    run(db_path, "import", str(tmp_path / "a.md"))
    code, _, _ = run(db_path, "delete", "reset-a-customer-password")
    assert code == 1  # no confirmation given on a closed stdin
    assert stored_ids(db_path) == ["reset-a-customer-password"]
    code, _, _ = run(db_path, "delete", "reset-a-customer-password", "--yes")
    assert code == 0 and stored_ids(db_path) == []
    assert run(db_path, "delete", "reset-a-customer-password", "--yes")[0] == 1


def test_unusable_database_exits_2_and_is_untouched(tmp_path: Path) -> None:
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("this is a shopping list, not a database\n" * 50)
    before = not_a_db.read_bytes()
    code, _, err = run(not_a_db, "list")
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not_a_db.read_bytes() == before


def test_db_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "env.db"
    monkeypatch.setenv("KTW_DB", str(target))
    result = CliRunner().invoke(main, ["init"])
    assert result.exit_code == 0 and target.exists()


def test_init_with_samples_uses_default_location(tmp_path: Path) -> None:
    from kt_workbench import locations

    result = CliRunner().invoke(main, ["init", "--samples"])
    assert result.exit_code == 0, result.output
    assert locations.default_database_path().exists()
    assert "Loaded" in result.output


def test_init_samples_twice_keeps_edits(db_path: Path) -> None:
    assert run(db_path, "init", "--samples")[0] == 0
    with ProcessStore.open(db_path) as store:
        original = store.get("refund-duplicate-charge")
        assert original is not None
        store.save(dataclasses.replace(original, owner="Someone Else"))
    code, out, _ = run(db_path, "init", "--samples")
    assert code == 0 and "Loaded 0 sample processes (15 already in the library" in out
    with ProcessStore.open(db_path) as store:
        edited = store.get("refund-duplicate-charge")
        assert edited is not None and edited.owner == "Someone Else"
