"""Go-live dates and KPI figures in the store (SQLite and PostgreSQL) and through `ktw kpi`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kt_workbench.cli import main
from kt_workbench.governance.kpi import KpiActual
from kt_workbench.store import ProcessStore
from tests.conftest import SAMPLES
from tests.postgres_server import postgres_server, postgres_url, store_target  # noqa: F401

GO_LIVE = dt.date(2026, 9, 1)


@pytest.fixture
def store(store_target: str):  # noqa: F811
    with ProcessStore.open(store_target) as opened:
        yield opened


def test_figures_and_go_live_dates_are_kept_and_corrected(store: ProcessStore) -> None:
    assert store.set_go_live("p", GO_LIVE, by="Ann Lee") is None
    assert store.set_go_live("p", GO_LIVE + dt.timedelta(days=1), by="Ann Lee") == GO_LIVE
    assert store.go_live("p") == GO_LIVE + dt.timedelta(days=1)
    assert store.go_lives() == {"p": GO_LIVE + dt.timedelta(days=1)}
    first = KpiActual("p", "CSAT", GO_LIVE, "80%", "Ann Lee", note="QA export")
    assert store.record_kpi(first) is None
    corrected = store.record_kpi(KpiActual("p", "csat", GO_LIVE, "81%", "Bo Chen"))
    assert corrected is not None and corrected.value == "80%" and corrected.note == "QA export"
    store.record_kpi(KpiActual("p", "CSAT", GO_LIVE + dt.timedelta(days=7), "82%", "Bo Chen"))
    store.record_kpi(KpiActual("q", "AHT", GO_LIVE, "7:45", "Bo Chen"))
    kept = store.kpi_actuals("p")
    assert [(a.metric, a.measured_on, a.value, a.recorded_by) for a in kept] == [
        ("csat", GO_LIVE, "81%", "Bo Chen"),
        ("CSAT", GO_LIVE + dt.timedelta(days=7), "82%", "Bo Chen"),
    ]
    assert all(a.recorded_at is not None and a.recorded_at.tzinfo for a in kept)
    assert len(store.kpi_actuals()) == 3


@pytest.fixture
def library(tmp_path: Path) -> str:
    db = str(tmp_path / "lib.db")
    result = CliRunner().invoke(main, ["--db", db, "import", str(SAMPLES / "account-recovery.md")])
    assert result.exit_code == 0, result.output
    return db


def ktw(db: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", db, "kpi", *args])
    return result.exit_code, result.output


def test_recording_figures_and_reading_them_back(library: str) -> None:
    assert ktw(library, "go-live", "account-recovery", "2026-09-01") == (
        0,
        "account-recovery went live on 2026-09-01\n",
    )
    for day, value in (("2026-09-10", "80%"), ("2026-09-20", "78%"), ("2026-11-15", "76%")):
        code, output = ktw(library, "record", "account-recovery", "csat", value, "--on", day)
        assert code == 0 and f"CSAT {value} on {day}" in output
    code, output = ktw(library, "record", "account-recovery", "CSAT", "77%", "--on", "2026-11-15")
    assert code == 0 and "(replacing 76%)" in output
    code, output = ktw(library, "show", "account-recovery")
    assert code == 0
    assert "CSAT, higher is better: baseline 84%" in output
    assert "latest 77% on day 75, expected 83%: behind, worsening" in output
    code, output = ktw(library, "show", "account-recovery", "--format", "json")
    shown = json.loads(output)
    csat = next(m for m in shown["metrics"] if m["metric"] == "CSAT")
    assert shown["go_live"] == "2026-09-01" and csat["status"] == "behind"
    assert [f["value"] for f in csat["figures"]] == ["80%", "78%", "77%"]
    code, output = ktw(library, "report")
    assert code == 0 and output.splitlines()[1].split()[:2] == ["account-recovery", "CSAT"]
    assert "1 metric behind target." in output
    assert ktw(library, "report", "--fail-on-behind")[0] == 1
    report = json.loads(ktw(library, "report", "--format", "json")[1])
    assert report["behind"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("QA", "90%"), "has no metric called 'QA'; its metrics: CSAT, FCR, AHT, Answer rate"),
        (("CSAT", "great"), "'great' is not a figure"),
        (("AHT", "4.2"), "AHT is stated as a time (baseline 7:45"),
        (("CSAT", "80%", "--on", "2999-01-01"), "is in the future"),
    ],
)
def test_a_wrong_figure_is_one_line_and_stores_nothing(
    library: str, args: tuple[str, ...], message: str
) -> None:
    result = CliRunner().invoke(main, ["--db", library, "kpi", "record", "account-recovery", *args])
    assert result.exit_code != 0
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    with ProcessStore.open(library) as store:
        assert store.kpi_actuals() == []


def test_unknown_processes_and_bad_dates_are_refused(library: str) -> None:
    code, output = ktw(library, "go-live", "nope", "2026-09-01")
    assert code != 0 and "no process with id 'nope'" in output
    code, output = ktw(library, "go-live", "account-recovery", "1 Sept")
    assert code == 2 and "is not a date written YYYY-MM-DD" in output


def test_the_report_says_when_nothing_is_live(library: str) -> None:
    assert "No process has gone live yet" in ktw(library, "report")[1]
