"""A metric's figures drawn in text: what was expected day by day, and what was reached.

The chart is a grid of characters, so it reads the same in a terminal, a CI log and a mail:
the expected line (baseline to the 30/60/90-day targets) as ``·``, each recorded figure as
``●`` (``○`` where it is worse than expected), days after go-live along the bottom.
"""

from __future__ import annotations

from kt_workbench.governance.kpi import MetricStatus, expected_on, judge, milestones
from kt_workbench.governance.values import MetricValue, parse_value

EXPECTED = "·"
REACHED = "●"
BEHIND = "○"


def _points(status: MetricStatus, go_live_day: int | None) -> list[tuple[int, float]]:
    points = []
    unit = status.actual.unit if status.actual else None
    for actual in status.actuals:
        value = parse_value(actual.value)
        if value is None or (unit is not None and value.unit != unit):
            continue
        day = 0 if go_live_day is None else (actual.measured_on.toordinal() - go_live_day)
        points.append((day, value.number))
    return points


def text_chart(
    status: MetricStatus, go_live_ordinal: int | None, width: int = 48, height: int = 7
) -> list[str]:
    """The chart's lines; an empty list when there is nothing to draw."""
    points = _points(status, go_live_ordinal)
    last_day = max([90, *(day for day, _ in points)])
    first_day = min([0, *(day for day, _ in points)])
    expected = {
        column: expected_on(status.metric, _day_of(column, first_day, last_day, width))
        for column in range(width)
    }
    unit = (
        status.actual.unit
        if status.actual
        else next((value.unit for value in expected.values() if value is not None), None)
    )
    stated = [value for _, value in milestones(status.metric) if value is not None]
    numbers = [number for _, number in points] + [
        value.number for value in (*expected.values(), *stated) if value and value.unit == unit
    ]
    if not numbers or unit is None:
        return []
    low, high = min(numbers), max(numbers)
    if high == low:
        low, high = low - 1, high + 1
    grid = [[" "] * width for _ in range(height)]

    def row_of(number: float) -> int:
        return round((high - number) / (high - low) * (height - 1))

    for column, value in expected.items():
        if value is not None and value.unit == unit:
            grid[row_of(value.number)][column] = EXPECTED
    for day, number in points:
        column = round((day - first_day) / max(last_day - first_day, 1) * (width - 1))
        wanted = expected_on(status.metric, max(day, 0))
        worse = (
            wanted is not None
            and status.better is not None
            and judge(MetricValue(number, wanted.unit), wanted, status.better) == "behind"
        )
        grid[row_of(number)][column] = BEHIND if worse else REACHED
    top, bottom = MetricValue(high, unit).show(), MetricValue(low, unit).show()
    margin = max(len(top), len(bottom))
    lines = []
    for index, row in enumerate(grid):
        label = top if index == 0 else bottom if index == height - 1 else ""
        lines.append(f"{label:>{margin}} │{''.join(row)}")
    lines.append(f"{'':>{margin}} └{'─' * width}")
    axis = f"day {first_day}"
    end = f"day {last_day}"
    lines.append(f"{'':>{margin}}  {axis}{end:>{width - len(axis)}}")
    return lines


def _day_of(column: int, first: int, last: int, width: int) -> int:
    return max(0, round(first + (last - first) * column / max(width - 1, 1)))
