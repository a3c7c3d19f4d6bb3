"""The command line's plain tables (``ktw list``): columns padded in terminal cells, fitted
to a terminal's width, never cut when piped."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kt_workbench.cut_text import cell_len, cut_middle
from kt_workbench.display import visible

# What gives way, in this order, when a terminal is too narrow for the table: the title is
# cut (in the middle) to a width, or a column is left out. The id is never cut: it is what
# other commands take.
NARROWING = (("title", 24), ("owner", 0), ("team", 0), ("status", 0), ("title", 12))


def table_lines(
    rows: Sequence[Mapping[str, object]], columns: Sequence[str], room: int | None
) -> list[str]:
    """The table's lines, headings first: narrower than ``room`` cells where ``NARROWING``
    allows (the title cut, then columns left out); with no ``room`` (piped), nothing is cut
    or left out."""
    cells = [[visible(str(row[c])) for c in columns] for row in rows]
    widths = {c: max(cell_len(c), *(cell_len(r[i]) for r in cells)) for i, c in enumerate(columns)}
    natural = dict(widths)
    if room is not None:
        for name, least in NARROWING:
            over = _span(widths) - room
            if over <= 0:
                break
            if name not in widths:
                continue
            if least:
                widths[name] = max(least, widths[name] - over)
            else:
                del widths[name]
        if "title" in widths:  # what leaving a column out freed goes back to the title
            spare = room - _span(widths)
            widths["title"] = min(natural["title"], widths["title"] + max(0, spare))
    shown = [(index, name) for index, name in enumerate(columns) if name in widths]
    lines = [_line([(name.upper(), widths[name]) for _, name in shown])]
    for row in cells:
        values = [
            (cut_middle(row[index], widths[name]) if name == "title" else row[index], widths[name])
            for index, name in shown
        ]
        lines.append(_line(values))
    return lines


def _span(widths: dict[str, int]) -> int:
    """Cells a line of columns this wide takes, with the two-cell gaps between them."""
    return sum(widths.values()) + 2 * (len(widths) - 1)


def _line(values: list[tuple[str, int]]) -> str:
    """Values padded to their widths in cells."""
    return "  ".join(value + " " * (width - cell_len(value)) for value, width in values).rstrip()
