"""Actual KPI figures after go-live held against what the process promised.

A process states a baseline (day 0, before the handover) and targets for days 30, 60 and 90
after go-live. On any day in between the figure expected is read off the straight line
between the two points around it (ramp-up dips and recovers in steps, not overnight); from
day 90 on, the 90-day target holds. An actual is *on target* when it is as good as expected
or within a small tolerance of it, *behind* when worse, *ahead* when clearly better.
*Drift* is the direction of the last figures: a metric that was on target and keeps getting
worse is the early warning governance exists for.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from kt_workbench.governance.direction import Better, better_direction
from kt_workbench.governance.values import MetricValue, parse_value
from kt_workbench.model import Metric, ProcessDocument

Status = Literal["on target", "behind", "ahead", "no target", "no figures", "unreadable"]
Drift = Literal["worsening", "improving", "steady"]
# Within this share of the expected figure (or of 100 for percentages), an actual counts as
# on target: figures are sampled, and a tenth of a point is noise, not news.
TOLERANCE = 0.02
MILESTONES = (0, 30, 60, 90)


@dataclass(frozen=True)
class KpiActual:
    """One figure the provider reached, as someone recorded it."""

    process_id: str
    metric: str
    measured_on: dt.date
    value: str
    recorded_by: str = ""
    recorded_at: dt.datetime | None = None
    note: str = ""


@dataclass(frozen=True)
class MetricStatus:
    """One metric of one process: its figures, what was expected, and how it stands."""

    metric: Metric
    better: Better | None
    actuals: tuple[KpiActual, ...]
    status: Status
    day: int | None = None  # days after go-live of the latest figure
    actual: MetricValue | None = None
    expected: MetricValue | None = None
    drift: Drift | None = None

    @property
    def gap(self) -> float | None:
        """How much better (positive) or worse (negative) than expected the latest is."""
        if self.actual is None or self.expected is None or self.better is None:
            return None
        difference = self.actual.number - self.expected.number
        return difference if self.better == "higher" else -difference


def milestones(metric: Metric) -> list[tuple[int, MetricValue | None]]:
    """The metric's promised figures by day after go-live: baseline, 30, 60, 90."""
    texts = (metric.baseline, metric.target_30, metric.target_60, metric.target_90)
    return [(day, parse_value(text)) for day, text in zip(MILESTONES, texts, strict=True)]


def expected_on(metric: Metric, day: int) -> MetricValue | None:
    """The figure expected ``day`` days after go-live: read off the line between the stated
    figures around that day, the last stated target holding after it. None before the first
    stated figure, or when the figures are in units that cannot be compared."""
    known = [(d, value) for d, value in milestones(metric) if value is not None]
    if not known or len({value.unit for _, value in known}) != 1 or day < known[0][0]:
        return None
    for (d0, v0), (d1, v1) in itertools.pairwise(known):
        if d0 <= day <= d1:
            share = (day - d0) / (d1 - d0)
            return MetricValue(v0.number + (v1.number - v0.number) * share, v0.unit)
    return known[-1][1]


def _tolerance(expected: MetricValue) -> float:
    scale = 100.0 if expected.unit == "%" else abs(expected.number)
    return max(scale * TOLERANCE, 1e-9)


def _drift(values: Sequence[float], better: Better | None) -> Drift | None:
    """The direction of the last three figures, once there are three."""
    if better is None or len(values) < 3:
        return None
    steps = [b - a for a, b in zip(values[-3:], values[-2:], strict=False)]
    sign = 1 if better == "higher" else -1
    if all(step * sign < 0 for step in steps):
        return "worsening"
    if all(step * sign > 0 for step in steps):
        return "improving"
    return "steady"


def metric_status(
    metric: Metric, actuals: Sequence[KpiActual], go_live: dt.date | None
) -> MetricStatus:
    """How one metric stands, judged on its latest figure."""
    better = better_direction(metric)
    ordered = tuple(sorted(actuals, key=lambda actual: actual.measured_on))
    if not ordered:
        return MetricStatus(metric, better, ordered, "no figures")
    latest = ordered[-1]
    value = parse_value(latest.value)
    day = None if go_live is None else (latest.measured_on - go_live).days
    if value is None:
        return MetricStatus(metric, better, ordered, "unreadable", day)
    readable = [parse_value(actual.value) for actual in ordered]
    series = [v.number for v in readable if v is not None and v.unit == value.unit]
    drift = _drift(series, better)
    expected = None if day is None else expected_on(metric, max(day, 0))
    if expected is None or expected.unit != value.unit or better is None:
        return MetricStatus(metric, better, ordered, "no target", day, value, None, drift)
    status = judge(value, expected, better)
    return MetricStatus(metric, better, ordered, status, day, value, expected, drift)


def judge(value: MetricValue, expected: MetricValue, better: Better) -> Status:
    """A figure against the one expected: on target within the tolerance."""
    difference = value.number - expected.number
    signed = difference if better == "higher" else -difference
    if signed < -_tolerance(expected):
        return "behind"
    if signed > _tolerance(expected):
        return "ahead"
    return "on target"


def process_status(
    document: ProcessDocument, actuals: Sequence[KpiActual], go_live: dt.date | None
) -> list[MetricStatus]:
    """Every metric the process lists, with its figures (matched by name, ignoring case)."""
    by_metric: dict[str, list[KpiActual]] = {}
    for actual in actuals:
        by_metric.setdefault(actual.metric.casefold(), []).append(actual)
    return [
        metric_status(metric, by_metric.get(metric.name.casefold(), []), go_live)
        for metric in document.metrics
    ]


def find_metric(document: ProcessDocument, name: str) -> Metric | None:
    """The process's metric called ``name`` (ignoring case and spacing)."""
    wanted = " ".join(name.split()).casefold()
    return next(
        (
            metric
            for metric in document.metrics
            if " ".join(metric.name.split()).casefold() == wanted
        ),
        None,
    )
