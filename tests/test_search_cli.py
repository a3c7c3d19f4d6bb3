"""``ktw search`` end to end through click's runner on a real temporary database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kt_workbench.checker import check_library
from kt_workbench.cli import main
from kt_workbench.cli.search import search_command
from kt_workbench.model import EdgeCase, ProcessDocument, Step
from kt_workbench.store import ProcessStore

if "search" not in main.commands:  # until the command group registers it
    main.add_command(search_command)

LIBRARY = (
    ProcessDocument(
        id="refund-duplicate-charge",
        title="Refund a duplicate card charge",
        owner="Priya Natarajan",
        team="Billing support",
        status="approved",
        steps=(Step("Find both charges in Stripe", role="Agent", system="Stripe"),),
        edge_cases=(EdgeCase("The customer already opened a chargeback", handle="Stop"),),
    ),
    ProcessDocument(
        id="recover-account",
        title="Recover a locked account",
        owner="Søren Sørensen",
        team="Account security",
        steps=(Step("Send the reset link from Okta"),),
    ),
)


@pytest.fixture
def db(db_path: Path) -> Path:
    with ProcessStore.open(db_path) as store:
        store.save_many(LIBRARY)
    return db_path


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", str(db), "search", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_json_lists_hits_with_stable_keys(db: Path) -> None:
    code, out, _ = run(db, "refnud", "dupl", "--format", "json")
    assert code == 0
    hits = json.loads(out)
    assert list(hits[0]) == [
        "id",
        "title",
        "section",
        "location",
        "snippet",
        "spans",
        "score",
        "partial",
    ]
    first = hits[0]
    assert (first["id"], first["section"], first["location"]) == (
        "refund-duplicate-charge",
        "overview",
        "title",
    )
    assert [first["snippet"][s:e] for s, e in first["spans"]] == ["Refund", "duplicate"]


def test_text_shows_process_place_and_snippet(db: Path) -> None:
    code, out, _ = run(db, "sorensen")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[0] == "recover-account"
    assert "overview · owner" in lines[1]
    assert "Søren Sørensen" in lines[2]


def test_a_hit_in_the_title_is_printed_once(db: Path) -> None:
    code, out, _ = run(db, "refund duplicate", "--limit", "1")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "refund-duplicate-charge  Refund a duplicate card charge"
    assert lines[1].startswith("  overview · title  score ")
    assert lines[2:] == [""]


def test_limit_and_filters(db: Path) -> None:
    code, out, _ = run(db, "chargeback section:edge_cases", "--format", "json", "--limit", "1")
    hits = json.loads(out)
    assert code == 0 and len(hits) == 1
    assert hits[0]["location"] == "edge case: The customer already opened a chargeback"
    _, out, _ = run(db, 'team:"account security"', "--format", "json")
    assert [hit["id"] for hit in json.loads(out)] == ["recover-account"]


def test_readiness_filter_asks_the_checker(db: Path) -> None:
    verdicts = {report.id: report.readiness for report in check_library(LIBRARY).processes}
    for level in set(verdicts.values()):
        _, out, _ = run(db, f"readiness:{level}", "--format", "json")
        expected = {pid for pid, verdict in verdicts.items() if verdict == level}
        assert {hit["id"] for hit in json.loads(out)} == expected


def test_no_match_says_so(db: Path) -> None:
    code, out, _ = run(db, "xyzzy")
    assert code == 0 and "No process matches 'xyzzy'" in out
    code, out, _ = run(db, "xyzzy", "--format", "json")
    assert code == 0 and json.loads(out) == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("section:nowhere refund", "unknown section 'nowhere'"),
        ("status:done", "unknown status 'done'"),
        ("readiness:perfect", "unknown readiness 'perfect'"),
        ("the", "no words or filters"),
    ],
)
def test_bad_queries_get_one_line_and_exit_1(db: Path, query: str, message: str) -> None:
    code, out, err = run(db, query + " ")
    assert code == 1 and out == ""
    assert err.startswith("ktw: search: ") and message in err and err.count("\n") == 1


def test_partial_matches_are_marked_in_text_and_flagged_in_json(db: Path) -> None:
    code, out, _ = run(db, "chargeback", "zzqxwvy")
    assert code == 0 and "partial match" in out and "refund-duplicate-charge" in out
    code, out, _ = run(db, "chargeback", "zzqxwvy", "--format", "json")
    hits = json.loads(out)
    assert hits and all(hit["partial"] is True for hit in hits)
    code, out, _ = run(db, "chargeback", "--format", "json")
    assert [hit["partial"] for hit in json.loads(out)] == [False]
    code, out, _ = run(db, "chargeback")
    assert "partial match" not in out
