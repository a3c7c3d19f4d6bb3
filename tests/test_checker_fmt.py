"""``ktw fmt``: files rewritten in the canonical format, ``--check`` for CI."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kt_workbench.checker.examples import PASSING
from kt_workbench.cli import main
from kt_workbench.markdown import parse_document, render_document

MESSY = """---
title: Reset a password
id: reset-password
owner:   Ana Ruiz
---
# Reset a password

## Steps
1. Verify the caller.
   - Role: Agent
2.   Send the reset link.
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["fmt", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_check_exit_codes(tmp_path: Path) -> None:
    clean = tmp_path / "clean.md"
    clean.write_text(render_document(parse_document(PASSING, "x")))
    assert run("--check", str(clean))[0] == 0
    messy = tmp_path / "messy.md"
    messy.write_text(MESSY)
    code, out, _ = run("--check", str(tmp_path))
    assert code == 1
    assert out.splitlines() == [f"would reformat {messy}"]
    assert messy.read_text() == MESSY  # --check changes nothing


def test_fmt_rewrites_into_what_export_writes(tmp_path: Path) -> None:
    messy = tmp_path / "messy.md"
    messy.write_text(MESSY)
    before = parse_document(MESSY, "x")
    code, out, _ = run(str(messy))
    assert code == 0 and out.strip() == f"reformatted {messy}"
    assert messy.read_text() == render_document(before)
    assert parse_document(messy.read_text(), "x") == before
    assert run("--check", str(messy))[0] == 0
    assert run(str(messy))[1].strip() == "All files are in the canonical format."


def test_a_bad_file_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"# T\n\xff\n")
    code, _, err = run(str(bad))
    assert code == 1
    assert err.startswith(f"ktw: {bad}:2: not UTF-8 text")
    missing = run(str(tmp_path / "nope"))
    assert missing[0] == 1 and "no such file or folder" in missing[2]
