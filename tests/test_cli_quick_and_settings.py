"""The quick CLI (commands load only what they use) and the one configuration: check, list,
export and the workbench judge the library by the same ktw.toml."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kt_workbench import locations
from kt_workbench.cli import COMMANDS, SUMMARY_LIMIT, main
from kt_workbench.importing import load_files
from kt_workbench.settings import load_settings
from kt_workbench.store import ProcessStore
from kt_workbench.tui.app import create_app
from tests.conftest import SAMPLES

HEAVY = ("sqlalchemy", "alembic", "rapidfuzz", "markdown_it", "textual")
# Section weights far from the defaults: 9 of the 15 samples change score.
CONFIG = """
[weights]
procedure = 60
glossary = 0
contacts = 0

[readiness]
ready_min_score = 80
"""


def loaded_modules(*args: str) -> set[str]:
    code = (
        "import sys\n"
        "from kt_workbench.cli import main\n"
        f"try:\n    main({list(args)!r})\n"
        "except SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("show", "--help")])
def test_help_and_version_load_nothing_heavy(args: tuple[str, ...]) -> None:
    loaded = loaded_modules(*args)
    assert not [name for name in HEAVY if name in loaded]


def test_show_loads_neither_the_checker_nor_the_search_nor_textual(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with ProcessStore.open(db) as store:
        store.save_many([item.document for item in load_files([SAMPLES])])
    loaded = loaded_modules("--db", str(db), "show", "warranty-claim")
    for name in ("rapidfuzz", "textual", "kt_workbench.checker", "kt_workbench.search"):
        assert name not in loaded


def test_the_command_register_says_what_each_command_says() -> None:
    for name, (module, attribute, summary) in COMMANDS.items():
        command = getattr(importlib.import_module(module), attribute)
        assert command.name == name
        assert command.get_short_help_str(SUMMARY_LIMIT) == summary


def test_check_list_export_and_the_workbench_agree_under_one_config(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    documents = [item.document for item in load_files([SAMPLES])]
    with ProcessStore.open(db) as store:
        store.save_many(documents)
    config_file = locations.default_config_path()
    config_file.parent.mkdir(parents=True, exist_ok=True)
    config_file.write_text(CONFIG, encoding="utf-8")
    runner = CliRunner()

    def json_of(*args: str) -> Any:
        result = runner.invoke(main, ["--db", str(db), *args])
        assert result.exit_code in (0, 1), result.output
        return json.loads(result.stdout)  # type: ignore[no-any-return]

    report = json_of("check", "--format", "json")
    assert isinstance(report, dict)
    checked = {r["id"]: (r["score"], r["readiness"]) for r in report["processes"]}
    listed = {r["id"]: (r["score"], r["readiness"]) for r in json_of("list", "--format", "json")}
    assert checked == listed
    # The listing again, now from the cache the first one left: still the same.
    assert {
        r["id"]: (r["score"], r["readiness"]) for r in json_of("list", "--format", "json")
    } == listed

    out = tmp_path / "pack"
    result = runner.invoke(
        main, ["--db", str(db), "export", "--all", "--allow-secrets", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    readme = (out / "README.md").read_text(encoding="utf-8")
    for doc in documents:
        score, readiness = listed[doc.id]
        assert f"{score} | {readiness}" in readme

    app = create_app(db, settings=load_settings())
    try:
        reports = app.library.snapshot().reports
    finally:
        app.library.store.close()
    assert {pid: (r.score, r.readiness) for pid, r in reports.items()} == listed

    # And the configuration matters: without it, several scores differ.
    config_file.unlink()
    plain = {r["id"]: r["score"] for r in json_of("list", "--format", "json")}
    assert sum(plain[pid] != listed[pid][0] for pid in plain) >= 5


def test_a_bad_config_is_one_line_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "ktw.toml"
    bad.write_text("[weights]\nprocedure = 'lots'\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["--db", str(tmp_path / "s.db"), "--config", str(bad), "list"]
    )
    assert result.exit_code != 0
    assert result.output.count("\n") == 1
    assert f"{bad}:2:" in result.output
