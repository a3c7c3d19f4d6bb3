"""Recorded figures and stated targets as numbers governance can compare, read by the one
metric-value reader (``kt_workbench.model.metric_values``).

A figure is compared in its own unit: a percentage, a time (in seconds), a score out of N,
or a plain number. A figure written with words after it (``80% in 20 s``) is read by its
leading value; a range stands for its middle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kt_workbench.model.metric_values import Measure, describe, parse_measure

_UNITS = {"percent": "%", "duration": "s", "number": ""}
_LEADING = re.compile(r"^\s*([<>≤≥=~≈]?=?\s*[\d.,:]+\s*(?:%|[a-zA-Z]+\b)?)")


@dataclass(frozen=True)
class MetricValue:
    """A figure and its unit: ``%``, ``s`` (a time, in seconds), ``/N`` (a score out of N)
    or ``""`` (a plain number)."""

    number: float
    unit: str = ""

    def show(self) -> str:
        if self.unit.startswith("/"):
            return f"{_trim(self.number)}{self.unit}"
        kind = next(kind for kind, unit in _UNITS.items() if unit == self.unit)
        # Computed figures (the expected value between two targets) shown as people write them.
        number = round(self.number) if kind == "duration" else round(self.number, 1)
        return describe(Measure(kind, number, number))  # type: ignore[arg-type]


def _trim(number: float) -> str:
    return f"{number:.2f}".rstrip("0").rstrip(".")


def _value(measure: Measure) -> MetricValue:
    middle = round((measure.low + measure.high) / 2, 9)
    if measure.scale:
        return MetricValue(round(middle * measure.scale / 100, 9), f"/{_trim(measure.scale)}")
    return MetricValue(middle, _UNITS[measure.kind])


def parse_value(text: str) -> MetricValue | None:
    """The figure ``text`` states, or None when it states none (``TBD``, ``—``, prose)."""
    measure = parse_measure(text)
    if measure is None:
        leading = _LEADING.match(text)
        measure = parse_measure(leading.group(1)) if leading else None
    return None if measure is None else _value(measure)
