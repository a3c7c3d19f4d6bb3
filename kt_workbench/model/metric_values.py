"""What a metric's baseline, target or recorded figure says: a number, a percentage, a
duration or a range.

The one reader of metric values: the editor says when a value is none of the forms a
provider can be measured against and compares targets, and governance holds the figures
reached after go-live against them. It reads ``84%``, ``4.5/5``, ``1,200``, ``1,5``, ``6m``,
``4:30``, ``1h 30m``, ``2 business days``, ``80-85%``, ``≥ 90%``, ``under 5 min``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["number", "percent", "duration"]
KIND_NAMES: dict[str, str] = {
    "number": "a number",
    "percent": "a percentage",
    "duration": "a duration",
}


@dataclass(frozen=True)
class Measure:
    """A value read from a cell; a single value has ``low == high``. Durations in seconds."""

    kind: Kind
    low: float
    high: float
    scale: float | None = None  # a score out of ``scale`` (4.5/5), held as a percentage


_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+[.,]\d+|\d+|\.\d+"
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_SECONDS = {
    "s": 1,
    "sec": 1,
    "secs": 1,
    "second": 1,
    "seconds": 1,
    "m": 60,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "hours": 3600,
    "d": 86400,
    "day": 86400,
    "days": 86400,
    "business day": 86400,
    "business days": 86400,
    "working day": 86400,
    "working days": 86400,
    "w": 604800,
    "wk": 604800,
    "week": 604800,
    "weeks": 604800,
}
_UNIT = "|".join(sorted((re.escape(u) for u in _SECONDS), key=len, reverse=True))
_CLOCK = re.compile(r"^(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$")
_DURATION_PART = re.compile(rf"({_NUMBER})\s*({_UNIT})\b\.?", re.IGNORECASE)
_PERCENT = re.compile(rf"^({_NUMBER})\s*%$")
_SCORE = re.compile(rf"^({_NUMBER})\s*/\s*({_NUMBER})$")
_PLAIN = re.compile(rf"^({_NUMBER})$")
_COMPARATOR = re.compile(
    r"^(?:[<>≤≥=~≈]=?|at (?:least|most)|min(?:imum)?|max(?:imum)?|under|below|above|over|"
    r"less than|more than|up to|within|about|around|approx(?:\.|imately)?)\s*",
    re.IGNORECASE,
)
_TRAILER = re.compile(r"\s*(?:\+|or (?:more|less|better|above|below|higher|lower|under))$", re.I)
_RANGE = re.compile(r"^(.+?)\s*(?:-|–|—|to)\s*(.+)$", re.IGNORECASE)


def parse_measure(text: str) -> Measure | None:
    """The measure a cell states, or None when it is not a number, percentage, duration or
    range of one of these."""
    value = _TRAILER.sub("", _COMPARATOR.sub("", text.strip())).strip()
    single = _single(value)
    if single is not None:
        return single
    split = _RANGE.match(value)
    if split is None:
        return None
    first_text, second_text = split.groups()
    second = _single(second_text)
    first = _single(first_text)
    if second is not None and (first is None or first.kind != second.kind):
        # "80-85%", "4-6 min": the unit is written once, after the range.
        first = _single(first_text + _unit_of(second_text))
    if first is None or second is None or first.kind != second.kind:
        return None
    return Measure(first.kind, min(first.low, second.low), max(first.high, second.high))


def _unit_of(text: str) -> str:
    return re.sub(rf"^\s*(?:{_NUMBER})", "", text)


def _number(text: str) -> float:
    """``1,200`` groups thousands; ``1,5`` is a decimal comma."""
    if _THOUSANDS.fullmatch(text):
        return float(text.replace(",", ""))
    return float(text.replace(",", "."))


def _single(value: str) -> Measure | None:
    value = value.strip()
    for pattern, kind in ((_PLAIN, "number"), (_PERCENT, "percent")):
        match = pattern.match(value)
        if match:
            number = _number(match.group(1))
            return Measure(kind, number, number)  # type: ignore[arg-type]
    score = _SCORE.match(value)
    if score:
        # "4.5/5" scores out of a scale: compared as a share of it.
        scale = _number(score.group(2))
        if scale:
            share = _number(score.group(1)) / scale * 100
            return Measure("percent", share, share, scale)
        return None
    clock = _CLOCK.match(value)
    if clock:
        parts = [int(part) for part in clock.groups() if part is not None]
        seconds = parts[0] * 60 + parts[1] if len(parts) == 2 else _hms(parts)
        return Measure("duration", seconds, seconds)
    return _duration(value)


def _hms(parts: list[int]) -> int:
    return parts[0] * 3600 + parts[1] * 60 + parts[2]


def _duration(value: str) -> Measure | None:
    """``6m``, ``6 min``, ``1h 30m``, ``2 business days``: parts that together cover the text."""
    total = 0.0
    position = 0
    for match in _DURATION_PART.finditer(value):
        if value[position : match.start()].strip(" ,"):
            return None
        total += _number(match.group(1)) * _SECONDS[" ".join(match.group(2).lower().split())]
        position = match.end()
    if position == 0 or value[position:].strip():
        return None
    return Measure("duration", total, total)


def describe(measure: Measure) -> str:
    """A short reading of the measure for the form: ``84%``, ``7m 45s``, ``80–85%``."""
    if measure.low == measure.high:
        return _one(measure.kind, measure.low)
    return f"{_one(measure.kind, measure.low)}–{_one(measure.kind, measure.high)}"


def _one(kind: str, value: float) -> str:
    if kind == "percent":
        return f"{value:g}%"
    if kind == "number":
        return f"{value:g}"
    minutes, seconds = divmod(round(value), 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{hours}h" if hours else "", f"{minutes}m" if minutes else "", f"{seconds}s"]
    return " ".join(part for part in parts if part and part != "0s") or "0s"
