"""``ktw check`` end to end through click's runner, on real temporary databases."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from kt_workbench.cli import main
from kt_workbench.model import ProcessDocument
from kt_workbench.store import ProcessStore
from tests.test_checker_support import complete_document, with_step

# Reviewed yesterday, so the findings do not depend on the day the tests run.
FRESH = dt.date.today() - dt.timedelta(days=1)


def clean() -> ProcessDocument:
    return complete_document(last_reviewed=FRESH)


def gappy() -> ProcessDocument:
    """Two warnings, no error (still ready): no role in step 2, a vague phrase in step 3."""
    doc = replace(with_step(2, role=""), last_reviewed=FRESH)
    steps = list(doc.steps)
    steps[2] = replace(steps[2], text="Refund the duplicate charge as appropriate.")
    return replace(doc, id="gappy", title="Refund a gift card balance", steps=tuple(steps))


def broken() -> ProcessDocument:
    return replace(clean(), id="broken", title="Unblock a card", owner="", contacts=())


@pytest.fixture
def db(db_path: Path) -> Path:
    with ProcessStore.open(db_path) as store:
        store.save_many([clean(), gappy(), broken()])
    return db_path


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", str(db), "check", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_text_output_reads_like_a_linter(db: Path) -> None:
    code, out, _ = run(db)
    lines = out.splitlines()
    finding_lines = lines[: lines.index("")]
    assert "gappy: step 2: KT202 step 2 has no role" in finding_lines
    assert any(line.startswith("broken: ") and " KT801 " in line for line in finding_lines)
    assert "refund-duplicate-charge  100, ready  (0 errors, 0 warnings, 0 info)" in lines
    assert "gappy                    88, ready  (0 errors, 2 warnings, 0 info)" in lines
    assert any(
        line.startswith("broken ") and ", not ready: 2 blocking errors  (2 errors," in line
        for line in lines
    )
    assert lines[-1] == "3 processes: 2 ready, 0 needs-work, 1 not-ready; average score 87.7"
    assert code == 1  # "broken" has errors


def test_json_output_is_versioned_and_documented(db: Path) -> None:
    code, out, _ = run(db, "--format", "json", "gappy")
    document = json.loads(out)
    assert (document["format"], document["version"]) == ("ktw-check", 1)
    [report] = document["processes"]
    assert list(report) == [
        "id",
        "title",
        "score",
        "readiness",
        "verdict",
        "sections",
        "findings",
        "path",
    ]
    assert report["id"] == "gappy"
    assert report["verdict"] == "88, ready"
    assert [finding["rule"] for finding in report["findings"]] == ["KT202", "KT205"]
    assert set(report["findings"][0]) == {
        "rule",
        "severity",
        "section",
        "location",
        "message",
        "hint",
        "path",
        "line",
        "column",
        "fingerprint",
    }
    assert document["summary"]["processes"] == 1
    assert code == 0


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("refund-duplicate-charge",), 0),
        (("gappy",), 0),
        (("gappy", "--fail-on", "warning"), 1),
        (("refund-duplicate-charge", "--fail-on", "warning"), 0),
        (("gappy", "--min-score", "90"), 1),
        (("gappy", "--min-score", "80"), 0),
        (("broken",), 1),
        (("refund-duplicate-charge", "broken"), 1),
        ((), 1),
    ],
)
def test_exit_codes_gate_ci(db: Path, args: tuple[str, ...], expected: int) -> None:
    assert run(db, *args)[0] == expected


def test_unknown_id_is_a_one_line_error(db: Path) -> None:
    code, _, err = run(db, "gappy", "nope")
    assert code == 1
    assert err.strip() == "ktw: no process with id 'nope' (see 'ktw list')"


def test_bad_config_is_a_one_line_error_with_the_line(db: Path, tmp_path: Path) -> None:
    config = tmp_path / "ktw.toml"
    config.write_text("[weights]\nprocedur = 5\n")
    code, _, err = run(db, "--config", str(config))
    assert code == 1
    assert err.startswith(f"ktw: {config}:2: unknown key 'weights.procedur'")


def test_config_file_changes_the_verdict(db: Path, tmp_path: Path) -> None:
    config = tmp_path / "strict.toml"
    config.write_text('[rules.KT205]\nseverity = "error"\n')
    assert run(db, "gappy", "--config", str(config))[0] == 1


def test_near_duplicates_are_listed_for_the_library(db_path: Path) -> None:
    twin = replace(
        clean(), id="refund-duplicate-charges-uk", title="Refund duplicate card charges UK"
    )
    with ProcessStore.open(db_path) as store:
        store.save_many([clean(), twin])
    _, out, _ = run(db_path)
    assert any(
        line.startswith("library: KT020 refund-duplicate-charge and refund-duplicate-charges-uk")
        for line in out.splitlines()
    )


def test_empty_library(db_path: Path) -> None:
    code, out, _ = run(db_path)
    assert (code, out.strip()) == (0, "No processes to check: the library is empty.")
