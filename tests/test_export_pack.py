"""Handover packs: layout, index content, round trip and refusing to clobber."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kt_workbench.cli import main
from kt_workbench.handover.files import safe_file_stem
from kt_workbench.importing import load_files
from kt_workbench.markdown import render_document
from kt_workbench.store import ProcessStore
from tests.conftest import SAMPLES


def invoke(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args])
    return result.exit_code, result.output


@pytest.fixture
def library(tmp_path: Path) -> Path:
    db = tmp_path / "lib.db"
    assert invoke(db, "import", str(SAMPLES))[0] == 0
    return db


# The samples hold two credentials on purpose (lost-stolen-card.md), for the checker to find.
WITH_SECRETS = "lost-stolen-card.md"


def test_pack_layout_and_index(library: Path, tmp_path: Path) -> None:
    out = tmp_path / "pack"
    code, output = invoke(library, "export", "--all", "--allow-secrets", "--out", str(out))
    assert code == 0, output
    readme = (out / "README.md").read_text(encoding="utf-8")
    for heading in (
        "## Contents",
        "## Access provisioning checklist",
        "## Escalation matrix",
        "## Baseline and targets",
        "## Glossary",
        "## Known gaps",
    ):
        assert heading in readme
    assert "- [ ] **" in readme  # provisioning checklist items
    files = sorted(p.name for p in (out / "processes").iterdir())
    assert files == sorted(p.name for p in SAMPLES.glob("*.md"))
    refund = (out / "processes" / "refund-duplicate-charge.md").read_text(encoding="utf-8")
    assert "```mermaid\nflowchart TD" in refund


def test_pack_round_trip_is_exact_and_byte_identical(library: Path, tmp_path: Path) -> None:
    first = tmp_path / "first"
    invoke(library, "export", "--all", "--allow-secrets", "--out", str(first))
    (first / "processes" / WITH_SECRETS).unlink()  # masked, so not the same document
    second_db = tmp_path / "second.db"
    assert invoke(second_db, "import", str(first / "processes"))[0] == 0
    with ProcessStore.open(library) as a, ProcessStore.open(second_db) as b:
        assert [d for d in a.documents() if d.id != "lost-stolen-card"] == b.documents()
    second = tmp_path / "second"
    invoke(second_db, "export", "--all", "--out", str(second))
    for path in (first / "processes").iterdir():
        assert path.read_bytes() == (second / "processes" / path.name).read_bytes()


def test_selected_ids_and_reexport_into_same_pack(library: Path, tmp_path: Path) -> None:
    out = tmp_path / "pack"
    assert invoke(library, "export", "--all", "--allow-secrets", "--out", str(out))[0] == 0
    code, output = invoke(library, "export", "refund-duplicate-charge", "--out", str(out))
    assert code == 0, output
    assert [p.name for p in (out / "processes").iterdir()] == ["refund-duplicate-charge.md"]
    code, output = invoke(library, "export", "no-such-id", "--out", str(tmp_path / "x"))
    assert code == 1 and "no process with id 'no-such-id'" in output


def test_refuses_foreign_folder_and_file(library: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "documents"
    foreign.mkdir()
    (foreign / "thesis.docx").write_text("precious")
    code, output = invoke(library, "export", "--all", "--out", str(foreign))
    assert code == 1 and "not a handover pack" in output
    assert [p.name for p in foreign.iterdir()] == ["thesis.docx"]
    existing = tmp_path / "notes.md"
    existing.write_text("my notes")
    code, output = invoke(library, "export", "--all", "--single-file", str(existing))
    assert code == 1 and existing.read_text() == "my notes"


def test_single_file_pack(library: Path, tmp_path: Path) -> None:
    target = tmp_path / "handover.md"
    args = ("export", "--all", "--allow-secrets", "--single-file", str(target))
    assert invoke(library, *args)[0] == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!-- ktw handover pack -->")
    assert '<a id="refund-duplicate-charge"></a>' in text
    assert "\n---\nid:" not in text  # no per-process front matter inside one document
    assert invoke(library, *args)[0] == 0  # overwrite own


def test_usage_errors(library: Path, tmp_path: Path) -> None:
    assert invoke(library, "export", "--all")[0] == 2
    assert invoke(library, "export", "--out", str(tmp_path / "p"))[0] == 2


@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "a/b", "CON", "nul.txt", "..", ".hidden", "x" * 300, ""]
)
def test_safe_file_stem_cannot_escape(name: str) -> None:
    stem = safe_file_stem(name)
    assert stem and "/" not in stem and "\\" not in stem and ".." not in stem
    assert not stem.startswith(".") and len(stem) <= 120
    assert stem.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL"}


def test_samples_render_stably() -> None:
    for item in load_files([SAMPLES]):
        assert render_document(item.document).endswith("\n")
