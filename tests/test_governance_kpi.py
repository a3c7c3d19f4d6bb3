"""Governance after go-live: figures read as owners write them, what is expected on a day,
how a metric stands and drifts, and the text chart."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kt_workbench.governance.chart import BEHIND, EXPECTED, REACHED, text_chart
from kt_workbench.governance.direction import better_direction
from kt_workbench.governance.kpi import (
    KpiActual,
    expected_on,
    find_metric,
    metric_status,
    process_status,
)
from kt_workbench.governance.values import MetricValue, parse_value
from kt_workbench.model import Metric, ProcessDocument

GO_LIVE = dt.date(2026, 9, 1)
CSAT = Metric("CSAT", "84%", "79%", "82%", "84%")
AHT = Metric("AHT", "7:45", "9:30", "8:30", "7:50")


def figures(metric: Metric, *pairs: tuple[int, str]) -> list[KpiActual]:
    return [
        KpiActual("p", metric.name, GO_LIVE + dt.timedelta(days=day), value) for day, value in pairs
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("84%", MetricValue(84, "%")),
        ("84.5 %", MetricValue(84.5, "%")),
        ("≥ 80%", MetricValue(80, "%")),
        ("at least 80%", MetricValue(80, "%")),
        ("80% in 20 s", MetricValue(80, "%")),
        ("7:45", MetricValue(465, "s")),
        ("1:02:03", MetricValue(3723, "s")),
        ("6m 30s", MetricValue(390, "s")),
        ("45 sec", MetricValue(45, "s")),
        ("1,5 h", MetricValue(5400, "s")),
        ("4.2/5", MetricValue(4.2, "/5")),
        ("1,200", MetricValue(1200)),
        ("3.5", MetricValue(3.5)),
    ],
)
def test_figures_are_read_as_owners_write_them(text: str, value: MetricValue) -> None:
    assert parse_value(text) == value


@pytest.mark.parametrize("text", ["", "TBD", "—", "n/a", "to be agreed", "about right"])
def test_words_are_not_figures(text: str) -> None:
    assert parse_value(text) is None


@given(
    st.one_of(
        st.builds(MetricValue, st.integers(0, 100).map(float), st.just("%")),
        st.builds(MetricValue, st.integers(0, 36_000).map(float), st.just("s")),
        st.builds(MetricValue, st.integers(0, 99_999).map(float), st.just("")),
    )
)
def test_a_figure_shown_reads_back_as_itself(value: MetricValue) -> None:
    assert parse_value(value.show()) == value


def test_the_expected_figure_follows_the_ramp_up_and_then_holds() -> None:
    assert expected_on(CSAT, 0) == MetricValue(84, "%")
    assert expected_on(CSAT, 15) == MetricValue(81.5, "%")
    assert expected_on(CSAT, 30) == MetricValue(79, "%")
    assert expected_on(CSAT, 45) == MetricValue(80.5, "%")
    assert expected_on(CSAT, 90) == expected_on(CSAT, 400) == MetricValue(84, "%")
    # Without a baseline nothing is expected before the first target; a missing target
    # is bridged between the two around it.
    assert expected_on(Metric("CSAT", "", "79%", "", "85%"), 10) is None
    assert expected_on(Metric("CSAT", "", "79%", "", "85%"), 60) == MetricValue(82, "%")
    # Figures in units that cannot be compared state nothing.
    assert expected_on(Metric("CSAT", "84%", "4.1/5"), 10) is None


@given(st.integers(0, 400))
def test_the_expected_figure_stays_between_the_stated_ones(day: int) -> None:
    expected = expected_on(AHT, day)
    assert expected is not None and 465 <= expected.number <= 570


def test_which_way_is_better() -> None:
    assert better_direction(CSAT) == "higher"
    assert better_direction(AHT) == "lower"  # though its 90-day target is above its baseline
    assert better_direction(Metric("First response time", "2h", "3h")) == "lower"
    assert better_direction(Metric("Orders shipped", "100", "90", "95", "120")) == "higher"
    assert better_direction(Metric("Orders shipped", "100")) is None


def test_a_metric_behind_and_worsening_is_said_so() -> None:
    status = metric_status(CSAT, figures(CSAT, (10, "80%"), (20, "78%"), (75, "76%")), GO_LIVE)
    assert status.status == "behind" and status.drift == "worsening"
    assert status.day == 75 and status.expected == MetricValue(83, "%")
    assert status.gap == pytest.approx(-7)


def test_a_lower_is_better_metric_ahead_of_its_ramp_up() -> None:
    status = metric_status(AHT, figures(AHT, (30, "8:10")), GO_LIVE)
    assert status.status == "ahead" and status.gap == pytest.approx(80)


def test_within_the_tolerance_is_on_target() -> None:
    status = metric_status(CSAT, figures(CSAT, (60, "81.5%")), GO_LIVE)
    assert status.status == "on target"


def test_without_a_go_live_date_or_a_readable_figure_there_is_no_verdict() -> None:
    assert metric_status(CSAT, figures(CSAT, (10, "80%")), None).status == "no target"
    assert metric_status(CSAT, figures(CSAT, (10, "good")), GO_LIVE).status == "unreadable"
    assert metric_status(CSAT, [], GO_LIVE).status == "no figures"


def test_figures_are_matched_to_the_metrics_of_the_process_by_name() -> None:
    document = ProcessDocument("p", "P", metrics=(CSAT, AHT))
    actuals = [KpiActual("p", "csat", GO_LIVE, "84%"), KpiActual("p", "Other", GO_LIVE, "1")]
    statuses = process_status(document, actuals, GO_LIVE)
    assert [s.status for s in statuses] == ["on target", "no figures"]
    assert find_metric(document, "  aht ") == AHT and find_metric(document, "QA") is None


def test_the_chart_draws_the_expected_line_and_marks_figures_behind() -> None:
    status = metric_status(CSAT, figures(CSAT, (10, "80%"), (60, "82%"), (75, "76%")), GO_LIVE)
    lines = text_chart(status, GO_LIVE.toordinal())
    drawing = "\n".join(lines)
    assert lines[0].startswith("84%") and lines[6].startswith("76%")
    assert drawing.count(BEHIND) == 2 and drawing.count(REACHED) == 1
    assert EXPECTED in drawing and "day 0" in lines[-1] and "day 90" in lines[-1]
    assert len({len(line) for line in lines[:-1]}) == 1  # a straight-edged grid


def test_a_chart_needs_a_figure_it_can_place() -> None:
    status = metric_status(Metric("Notes"), figures(Metric("Notes"), (3, "fine")), GO_LIVE)
    assert text_chart(status, GO_LIVE.toordinal()) == []
