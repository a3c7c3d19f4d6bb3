"""Metric values as owners write them: ``84%``, ``7:45``, ``6m 30s``, ``4.2/5``, ``≥ 80%``.

One reader for every place that compares figures (targets against baselines, actuals
against targets), so a value means the same everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = r"\d+(?:[.,]\d+)?"
_COMPARISON = re.compile(
    r"^\s*(?:>=|<=|≥|≤|>|<|~|≈|approx\.?|about|at least|at most|under|over)\s*", re.I
)
_CLOCK = re.compile(r"^(\d{1,3}):([0-5]\d)(?::([0-5]\d))?\b")
_UNITS = {
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
    "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
}  # fmt: skip
_DURATION_PART = re.compile(rf"({_NUMBER})\s*([a-z]+)\b\s*", re.I)
_PERCENT = re.compile(rf"^({_NUMBER})\s*%")
_SCALE = re.compile(rf"^({_NUMBER})\s*/\s*({_NUMBER})\b")
_PLAIN = re.compile(rf"^({_NUMBER})(?![\d:])")


@dataclass(frozen=True)
class MetricValue:
    """A figure and its unit: ``%``, ``s`` (durations, in seconds), ``/N`` (a score out of
    N) or ``""`` (a plain number)."""

    number: float
    unit: str = ""

    def show(self) -> str:
        if self.unit == "%":
            return f"{_trim(self.number)}%"
        if self.unit == "s":
            total = round(self.number)
            hours, rest = divmod(total, 3600)
            minutes, seconds = divmod(rest, 60)
            return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
        return f"{_trim(self.number)}{self.unit}"


def _trim(number: float) -> str:
    return f"{number:.1f}".rstrip("0").rstrip(".")


def _float(text: str) -> float:
    whole, comma, tail = text.partition(",")
    if comma and len(tail) == 3:  # 1,200: a thousands separator, not a decimal comma
        return float(whole + tail)
    return float(text.replace(",", "."))


def parse_value(text: str) -> MetricValue | None:
    """The figure ``text`` states, or None when it states none (``TBD``, ``—``, prose)."""
    rest = _COMPARISON.sub("", text.strip(), count=1).strip()
    clock = _CLOCK.match(rest)
    if clock:
        first, second, third = clock.groups()
        if third is not None:  # h:mm:ss
            return MetricValue(int(first) * 3600 + int(second) * 60 + int(third), "s")
        return MetricValue(int(first) * 60 + int(second), "s")  # m:ss, as handle times are
    percent = _PERCENT.match(rest)
    if percent:
        return MetricValue(_float(percent.group(1)), "%")
    scale = _SCALE.match(rest)
    if scale:
        return MetricValue(_float(scale.group(1)), f"/{_trim(_float(scale.group(2)))}")
    seconds, position, parts = 0.0, 0, 0
    while True:
        part = _DURATION_PART.match(rest, position)
        if part is None or part.group(2).casefold() not in _UNITS:
            break
        seconds += _float(part.group(1)) * _UNITS[part.group(2).casefold()]
        position, parts = part.end(), parts + 1
    if parts:
        return MetricValue(seconds, "s")
    plain = _PLAIN.match(rest)
    if plain:
        return MetricValue(_float(plain.group(1)))
    return None
