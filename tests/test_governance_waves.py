"""Transition waves end to end: stages left through their exit gates, go/no-go reports, the
provider's acknowledgements renewed after a delta pack, and wave-limited packs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kt_workbench.cli import main
from kt_workbench.governance.kpi import KpiActual, process_status
from kt_workbench.governance.waves import STAGE_KEYS, ProcessFacts, Wave, go_no_go
from kt_workbench.markdown import parse_document
from kt_workbench.model import Metric, ProcessDocument
from kt_workbench.store import ProcessStore
from tests.conftest import SAMPLES
from tests.postgres_server import postgres_server, postgres_url, store_target  # noqa: F401

WAVE_PROCESSES = ("change-delivery-address", "order-status-enquiry")
TODAY = dt.date(2026, 12, 2)


def ktw(db: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", db, *args])
    return result.exit_code, result.output


@pytest.fixture
def library(tmp_path: Path) -> str:
    db = str(tmp_path / "lib.db")
    files = [str(SAMPLES / f"{pid}.md") for pid in (*WAVE_PROCESSES, "pause-subscription")]
    assert ktw(db, "import", *files)[0] == 0
    return db


def test_a_wave_goes_through_every_gate_and_a_changed_process_must_be_acknowledged_again(
    library: str, tmp_path: Path
) -> None:
    assert ktw(library, "wave", "create", "Wave 1", "--recipient", "Acme", *WAVE_PROCESSES)[0] == 0
    code, output = ktw(library, "wave", "advance", "Wave 1", "--by", "Ann")
    assert code == 1 and "cannot leave preparation: 2 checks not met" in output
    assert "NO  signed off: nobody signed off version 1" in output
    for pid in WAVE_PROCESSES:
        assert ktw(library, "sign-off", pid, "--by", "Tomasz")[0] == 0
    assert ktw(library, "wave", "advance", "Wave 1", "--by", "Ann")[1] == (
        "Wave 1: preparation → knowledge-transfer (go)\n"
    )
    # The pack for the wave holds its processes only, and what Acme holds is recorded.
    code, output = ktw(
        library, "pack-delta", "Acme", "--out", str(tmp_path / "p1"), "--wave", "Wave 1"
    )
    assert code == 0 and "2 new" in output and "pause-subscription" not in output
    code, output = ktw(library, "wave", "report", "Wave 1")
    assert "NO  acknowledged: Acme has not acknowledged it" in output
    for pid in WAVE_PROCESSES:
        assert ktw(library, "ack", pid, "--recipient", "Acme", "--by", "Jo")[0] == 0
    assert "GO" in ktw(library, "wave", "report", "Wave 1")[1].splitlines()[0]
    assert ktw(library, "wave", "advance", "Wave 1", "--by", "Ann")[0] == 0

    # A change after the handover: the provider must be sent it and acknowledge it again.
    with ProcessStore.open(library) as store:
        document = store.get("order-status-enquiry")
        assert document is not None
        store.save(dataclasses.replace(document, purpose=document.purpose + " Updated."))
    code, output = ktw(library, "wave", "report", "Wave 1")
    assert "the provider holds version 1, the latest is 2: send a delta pack" in output
    assert (
        ktw(library, "pack-delta", "Acme", "--out", str(tmp_path / "p2"), "--wave", "Wave 1")[0]
        == 0
    )
    code, output = ktw(library, "acks", "Acme")
    assert "order-status-enquiry: holds v2, acknowledged v1 by Jo: renew" in output
    assert (
        "the provider acknowledged version 1; the latest is 2"
        in ktw(library, "wave", "report", "Wave 1")[1]
    )
    assert ktw(library, "ack", "order-status-enquiry", "--recipient", "Acme", "--by", "Jo")[0] == 0
    assert "1 to acknowledge" not in ktw(library, "acks", "Acme")[1]

    # Shadowing ends with go-live; a no-go can be overruled, and the reason is kept.
    code, output = ktw(library, "wave", "advance", "Wave 1", "--override", "")
    assert code == 1 and "no go-live date" in output
    code, output = ktw(
        library, "wave", "advance", "Wave 1", "--by", "Ann", "--override", "board approved"
    )
    assert output == "Wave 1: shadowing → hypercare (override)\n"
    report = json.loads(ktw(library, "wave", "report", "Wave 1", "--format", "json")[1])
    assert report["stage"] == "hypercare" and report["verdict"] == "no-go"
    assert [(e["verdict"], e["note"]) for e in report["history"]] == [
        ("go", ""),
        ("go", ""),
        ("override", "board approved"),
    ]
    markdown = ktw(library, "wave", "report", "Wave 1", "--format", "markdown")[1]
    assert markdown.startswith("# Go/no-go: wave Wave 1") and "**Verdict: NO-GO**" in markdown


def test_wave_mistakes_are_one_line(library: str) -> None:
    assert ktw(library, "wave", "create", "W", "--recipient", "Acme", WAVE_PROCESSES[0])[0] == 0
    code, output = ktw(library, "wave", "create", "W", "--recipient", "Acme")
    assert code == 1 and "there is already a wave called 'W'" in output
    code, output = ktw(
        library, "wave", "create", "Other wave", "--recipient", "Acme", WAVE_PROCESSES[0]
    )
    assert (
        code == 1 and "remove it there first (ktw wave remove W change-delivery-address)" in output
    )
    assert [w["name"] for w in json.loads(ktw(library, "wave", "list", "--format", "json")[1])] == [
        "W"
    ]
    assert "no wave called 'nope'" in ktw(library, "wave", "report", "nope")[1]
    assert "no process with id 'nope'" in ktw(library, "wave", "add", "W", "nope")[1]
    code, output = ktw(library, "pack-delta", "Other", "--out", "x", "--wave", "W")
    assert code == 1 and "is handed to Acme, not Other" in output
    code, output = ktw(library, "ack", WAVE_PROCESSES[0], "--recipient", "Acme", "--by", "Jo")
    assert code == 1 and "Acme was never sent change-delivery-address" in output
    code, output = ktw(
        library, "ack", WAVE_PROCESSES[0], "--recipient", "Acme", "--by", "Jo", "--version", "7"
    )
    assert code != 0 and "version 7" in output


def test_moving_a_wave_someone_else_moved_is_refused(store_target: str) -> None:  # noqa: F811
    with ProcessStore.open(store_target) as store:
        store.save(ProcessDocument("a", "A"))
        store.create_wave("W", "Acme", ["a"])
        from kt_workbench.governance.waves import WaveEvent

        now = dt.datetime.now(dt.UTC)
        store.move_wave("W", WaveEvent(STAGE_KEYS[0], STAGE_KEYS[1], "go", "Ann", now))
        with pytest.raises(Exception, match="someone moved it meanwhile"):
            store.move_wave("W", WaveEvent(STAGE_KEYS[0], STAGE_KEYS[1], "go", "Bo", now))
        (wave,) = store.waves()
        assert wave.stage == STAGE_KEYS[1] and len(wave.events) == 1
        assert store.acknowledge("Acme", "a", 1, by="Jo") is True
        assert store.acknowledge("Acme", "a", 1, by="Jo") is False
        assert store.acknowledgements("Acme")["a"].version == 1


def _facts(doc: ProcessDocument, **changes: object) -> ProcessFacts:
    base = ProcessFacts(doc, 3, "ready", 100, True, 3, 3, dt.date(2026, 8, 1))
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_hypercare_ends_after_ninety_days_with_every_metric_on_target() -> None:
    csat = Metric("CSAT", "84%", "79%", "82%", "84%")
    doc = ProcessDocument("p", "P", status="approved", metrics=(csat,))
    wave = Wave("W", "Acme", "hypercare", dt.datetime.now(dt.UTC), ("p",))
    live = dt.date(2026, 8, 1)
    on_target = process_status(doc, [KpiActual("p", "CSAT", dt.date(2026, 11, 20), "85%")], live)
    behind = process_status(doc, [KpiActual("p", "CSAT", dt.date(2026, 11, 20), "70%")], live)
    assert go_no_go(wave, [_facts(doc, kpis=tuple(on_target))], TODAY).go
    report = go_no_go(wave, [_facts(doc, kpis=tuple(behind))], TODAY)
    assert not report.go and [c.criterion for c in report.failed] == ["CSAT on target"]
    early = go_no_go(wave, [_facts(doc, kpis=tuple(on_target))], dt.date(2026, 9, 1))
    assert [c.detail for c in early.failed] == ["day 31 of 90"]


def test_an_empty_wave_a_vanished_process_and_the_last_stage_are_never_go() -> None:
    doc = parse_document((SAMPLES / "order-status-enquiry.md").read_text(), "x")
    now = dt.datetime.now(dt.UTC)
    assert not go_no_go(Wave("W", "Acme", "preparation", now), [], TODAY).go
    gone = go_no_go(Wave("W", "Acme", "preparation", now, (doc.id, "gone")), [_facts(doc)], TODAY)
    assert gone.missing == ("gone",) and not gone.go
    last = go_no_go(Wave("W", "Acme", STAGE_KEYS[-1], now, (doc.id,)), [_facts(doc)], TODAY)
    assert last.next is None and not last.go and last.checks == ()


def test_a_pack_limited_to_some_processes_keeps_what_the_recipient_holds_of_the_rest() -> None:
    from kt_workbench.team.delta import select_delta

    held = {"a": 1, "b": 2, "gone": 1}
    current = {"a": 2, "b": 2, "c": 1}
    delta = select_delta("Acme", held, current, 1, None, only=("a", "c", "gone"))
    assert delta.to_send() == {"a": 2, "c": 1}
    assert delta.removed == (("gone", 1),)
    assert delta.versions_after() == {"a": 2, "b": 2, "c": 1}
    assert select_delta("Acme", held, current).versions_after() == current
