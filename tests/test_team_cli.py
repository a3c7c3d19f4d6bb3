"""The team commands end to end through click's runner: history, diff, sign-off, pack-delta."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kt_workbench.cli import KtwGroup
from kt_workbench.cli.context import CliState
from kt_workbench.cli.team import team_commands
from kt_workbench.markdown import parse_document
from kt_workbench.model import ProcessDocument, Script, Step
from kt_workbench.store import ProcessStore
from tests.postgres_server import postgres_server, postgres_url  # noqa: F401


@click.group(cls=KtwGroup)
@click.option("--db")
@click.pass_context
def ktw(ctx: click.Context, db: str | None) -> None:
    """The real group's error handling and --db option, holding just the team commands."""
    ctx.obj = CliState(db=db)


for _command in team_commands:
    ktw.add_command(_command)

REFUND = ProcessDocument(
    id="refund",
    title="Refund a duplicate charge",
    status="draft",
    steps=(Step("Find both charges"), Step("Refund the second")),
    scripts=(Script("Opening", "Thanks for calling."),),
)
EDITED = dataclasses.replace(
    REFUND, status="approved", steps=(*REFUND.steps, Step("Send the confirmation"))
)
ADDRESS = ProcessDocument(id="address", title="Change a delivery address")
PAUSE = ProcessDocument(id="pause", title="Pause a subscription")


def run(db: str | Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(ktw, ["--db", str(db), *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "team.db"
    with ProcessStore.open(path) as store:
        store.save(REFUND, author="Priya")
        store.save(EDITED, author="Sam")
    return path


def test_history_lists_versions_authors_and_sign_offs(db: Path) -> None:
    with ProcessStore.open(db) as store:
        store.sign_off("refund", 1, "Dana", note="fine for the pilot")
    code, out, _ = run(db, "history", "refund")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "History of refund:"
    assert lines[1].startswith("  version 1 ") and lines[1].endswith("Priya  [signed off by Dana]")
    assert lines[2] == "      Dana: fine for the pilot"
    assert lines[3].startswith("  version 2 ") and lines[3].endswith(" UTC  Sam")
    code, out, _ = run(db, "history", "refund", "--format", "json")
    rows = json.loads(out)
    assert [(row["version"], row["author"]) for row in rows] == [(1, "Priya"), (2, "Sam")]
    assert rows[0]["sign_offs"][0]["by"] == "Dana"
    assert set(rows[0]) == {"version", "saved_at", "author", "sign_offs"}


def test_history_of_a_deleted_process_is_kept(db: Path) -> None:
    with ProcessStore.open(db) as store:
        store.delete("refund")
    code, out, _ = run(db, "history", "refund")
    assert (code, out.splitlines()[0]) == (0, "History of refund (deleted; its history is kept):")


def test_diff_defaults_to_the_previous_and_latest_versions(db: Path) -> None:
    code, out, _ = run(db, "diff", "refund")
    assert code == 0
    assert out.startswith("refund: version 1 (Priya, ")
    assert "→ version 2 (Sam, " in out.splitlines()[0]
    assert "  - Details: status draft → approved\n" in out
    assert "  - Procedure: 1 added (2 → 3 steps)\n" in out
    assert "--- refund version 1\n+++ refund version 2\n" in out
    assert "\n+3. Send the confirmation\n" in out
    code, summary_only, _ = run(db, "diff", "refund", "--summary")
    assert "---" not in summary_only
    assert summary_only.endswith("  - Procedure: 1 added (2 → 3 steps)\n")


def test_diff_between_chosen_versions_and_from_nothing(db: Path) -> None:
    code, out, _ = run(db, "diff", "refund", "2", "1")
    assert code == 0
    assert "  - Procedure: 1 removed (3 → 2 steps)\n" in out
    code, out, _ = run(db, "diff", "refund", "0", "1")
    assert out.startswith("refund: nothing (before it existed) → version 1")
    assert "  - Process: added (whole process)\n" in out
    assert "+title: Refund a duplicate charge\n" in out
    code, out, _ = run(db, "diff", "refund", "2", "2")
    assert out.endswith("No changes.\n")


def test_diff_errors_are_one_line(db: Path) -> None:
    code, _, err = run(db, "diff", "refund", "1", "9")
    assert code == 1
    assert err == "ktw: process 'refund' has no version 9 (its versions: 1, 2)\n"
    code, _, err = run(db, "diff", "missing")
    assert (code, err) == (1, "ktw: no process with id 'missing' (see 'ktw list')\n")


def test_sign_off_defaults_to_the_latest_version(db: Path) -> None:
    code, out, _ = run(db, "sign-off", "refund", "--by", "Dana Kim", "--note", "go")
    assert (code, out) == (0, "Signed off refund version 2 by Dana Kim.\n")
    with ProcessStore.open(db) as store:
        [record] = store.sign_offs("refund")
    assert (record.version, record.signed_by, record.note) == (2, "Dana Kim", "go")


def test_sign_off_of_an_older_version_is_allowed_and_reported(db: Path) -> None:
    code, out, _ = run(db, "sign-off", "refund", "--version", "1", "--by", "Dana")
    assert code == 0
    assert out.splitlines() == [
        "Signed off refund version 1 by Dana.",
        "Note: version 1 is not the latest; the latest is 2 (see 'ktw diff refund 1 2').",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["refund", "--version", "5", "--by", "Dana"], "process 'refund' has no version 5"),
        (["missing", "--by", "Dana"], "no process with id 'missing'"),
        (["refund", "--by", " "], "the name of the person signing off is empty"),
    ],
)
def test_sign_off_errors_are_one_line(db: Path, args: list[str], message: str) -> None:
    code, _, err = run(db, "sign-off", *args)
    assert code == 1
    assert err.startswith(f"ktw: {message}")
    assert err.count("\n") == 1


def test_signing_off_twice_is_refused(db: Path) -> None:
    assert run(db, "sign-off", "refund", "--by", "Dana")[0] == 0
    code, _, err = run(db, "sign-off", "refund", "--by", "Dana")
    assert code == 1
    assert err.startswith("ktw: Dana already signed off version 2 of 'refund' on ")


def test_delta_packs_carry_only_what_changed_since_the_last(db: Path, tmp_path: Path) -> None:
    with ProcessStore.open(db) as store:
        store.save_many([ADDRESS, PAUSE])
    code, out, _ = run(db, "pack-delta", "castlegate", "--out", str(tmp_path / "pack1"))
    assert code == 0
    assert out.splitlines()[-1] == (
        f"Wrote pack 1 for castlegate to {tmp_path / 'pack1'} (first pack): "
        "3 new, 0 changed, 0 removed (see CHANGES.md)."
    )
    first = tmp_path / "pack1"
    assert sorted(p.name for p in (first / "processes").iterdir()) == [
        "address.md",
        "pause.md",
        "refund.md",
    ]
    changes = (first / "CHANGES.md").read_text()
    assert "This is the first pack for castlegate" in changes
    assert "- [Refund a duplicate charge](processes/refund.md) (id refund, version 2)" in changes
    assert parse_document((first / "processes" / "refund.md").read_text()) == EDITED

    with ProcessStore.open(db) as store:
        store.save(dataclasses.replace(ADDRESS, owner="Tomasz"))
        store.delete("pause")
        store.save(ProcessDocument(id="warranty", title="Make a warranty claim"))
    second = tmp_path / "pack2"
    code, out, _ = run(db, "pack-delta", "castlegate", "--out", str(second))
    assert code == 0
    assert out.splitlines()[:3] == [
        "new      warranty  (version 1)",
        "changed  address  (version 1 → 2)",
        "removed  pause  (last sent as version 1)",
    ]
    assert sorted(p.name for p in (second / "processes").iterdir()) == ["address.md", "warranty.md"]
    changes = (second / "CHANGES.md").read_text()
    assert "with what changed since pack 1 of " in changes
    assert "## New processes\n\n- [Make a warranty claim](processes/warranty.md)" in changes
    assert "### [Change a delivery address](processes/address.md)\n" in changes
    assert "Id address: version 1 → 2.\n\n- Details: owner (none) → Tomasz\n" in changes
    assert "- Pause a subscription (id pause, last sent as version 1): no longer part" in changes
    assert "refund" not in changes

    code, out, _ = run(db, "pack-delta", "castlegate", "--out", str(tmp_path / "pack3"))
    assert code == 0
    assert out.startswith("Nothing changed for castlegate since pack 2 (")
    assert not (tmp_path / "pack3").exists()
    with ProcessStore.open(db) as store:
        last = store.last_pack("castlegate")
    assert last is not None
    assert (last.number, last.versions) == (2, {"address": 2, "refund": 2, "warranty": 1})


def test_a_dry_run_writes_and_records_nothing(db: Path, tmp_path: Path) -> None:
    code, out, _ = run(db, "pack-delta", "castlegate", "--out", str(tmp_path / "p"), "--dry-run")
    assert code == 0
    assert out == (
        "new      refund  (version 2)\nDry run: nothing was written or recorded for castlegate.\n"
    )
    assert not (tmp_path / "p").exists()
    with ProcessStore.open(db) as store:
        assert store.last_pack("castlegate") is None


def test_a_pack_of_removals_only_still_tells_the_provider(db: Path, tmp_path: Path) -> None:
    assert run(db, "pack-delta", "castlegate", "--out", str(tmp_path / "one"))[0] == 0
    with ProcessStore.open(db) as store:
        store.delete("refund")
    code, _, _ = run(db, "pack-delta", "castlegate", "--out", str(tmp_path / "two"))
    assert code == 0
    changes = (tmp_path / "two" / "CHANGES.md").read_text()
    assert "0 new processes, 0 changed, 1 removed" in changes
    assert "- Refund a duplicate charge (id refund, last sent as version 2)" in changes


def test_pack_delta_errors_are_one_line(tmp_path: Path, db: Path) -> None:
    code, _, err = run(tmp_path / "empty.db", "pack-delta", "castlegate", "--out", "x")
    assert (code, err) == (1, "ktw: the library is empty: import some processes first\n")
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "notes.txt").write_text("mine")
    code, _, err = run(db, "pack-delta", "castlegate", "--out", str(taken))
    assert code == 1
    assert "is not empty and is not a handover pack" in err
    with ProcessStore.open(db) as store:
        assert store.last_pack("castlegate") is None  # a pack that was not written is not recorded


def test_the_team_commands_work_on_postgresql(postgres_url: str, tmp_path: Path) -> None:  # noqa: F811
    with ProcessStore.open(postgres_url) as store:
        store.save(REFUND, author="Priya")
        store.save(EDITED, author="Sam")
    assert run(postgres_url, "sign-off", "refund", "--by", "Dana")[0] == 0
    code, out, _ = run(postgres_url, "history", "refund")
    assert (code, out.splitlines()[2].endswith("Sam  [signed off by Dana]")) == (0, True)
    code, out, _ = run(postgres_url, "diff", "refund", "--summary")
    assert "  - Procedure: 1 added (2 → 3 steps)\n" in out
    code, out, _ = run(postgres_url, "pack-delta", "castlegate", "--out", str(tmp_path / "p"))
    assert code == 0
    assert (tmp_path / "p" / "processes" / "refund.md").is_file()
