"""Typing in a table row's form: keystroke to section text and row list updated.

``python -m benchmarks.bench_structured_rows --rows 200 --json`` mounts the table view
(headless, 120x40) on a glossary of ``--rows`` entries, opens the middle row and types a
meaning one key at a time, timing each key from the press until the section text holds it.
Two baselines are measured in the same run: ``plain_input``, the same keys typed into a
plain ``Input`` of the same app (what a keystroke costs the test driver and the screen with
no structured view at all), and ``read_write``, reading the section's text and writing it
back (``read_section`` + ``write_section``), the least a structured edit could cost without
a widget. Target: keystroke p95 at most 50 ms above ``plain_input`` at 200 rows.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.library_files import load_average, percentiles

TYPED = "Average handle time, measured from answer to wrap-up"


def _glossary(rows: int) -> str:
    lines = ["| Term | Meaning |", "| --- | --- |"]
    lines += [f"| T{index:04d} | Meaning of term {index} \\| kept |" for index in range(rows)]
    return "\n".join(lines)


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench_structured_rows", description=__doc__)
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args(list(argv))
    result = asyncio.run(_measure(args.rows))
    print(json.dumps(result, indent=None if args.json else 2))
    return 0


def _baseline(text: str, times: int) -> dict[str, float]:
    from kt_workbench.structured.sections import read_section, write_section

    samples = []
    for _ in range(times):
        start = time.perf_counter()
        write_section("glossary", read_section("glossary", text))
        samples.append(time.perf_counter() - start)
    return percentiles(samples)


async def _measure(rows: int) -> dict[str, Any]:
    from textual.app import App, ComposeResult
    from textual.widgets import Input

    from kt_workbench.structured.hints import EditingHints
    from kt_workbench.tui.structured.base import SectionEdited
    from kt_workbench.tui.structured.table_view import TableView

    text = _glossary(rows)
    edits: list[str] = []

    class Bench(App[None]):
        def compose(self) -> ComposeResult:
            yield Input(id="plain")
            yield TableView("glossary", id="view")

        def on_mount(self) -> None:
            self.query_one(TableView).show(text, EditingHints())

        def on_section_edited(self, event: SectionEdited) -> None:
            edits.append(event.text)

    app = Bench()
    samples = []
    plain = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.query_one("#plain", Input).focus()
        for key in TYPED:
            start = time.perf_counter()
            await pilot.press("space" if key == " " else key)
            plain.append(time.perf_counter() - start)
        view = app.query_one(TableView)
        view.table.focus()
        view.table.move_cursor(row=rows // 2)
        await pilot.press("enter", "tab", "ctrl+u")
        await pilot.pause()
        for number, key in enumerate(TYPED):
            # A trailing space changes nothing the file can hold, so it posts no edit.
            changes = TYPED[: number + 1].rstrip() != TYPED[:number].rstrip()
            before = len(edits)
            start = time.perf_counter()
            await pilot.press("space" if key == " " else key)
            while changes and len(edits) == before:
                await asyncio.sleep(0)
            samples.append(time.perf_counter() - start)
        assert view.items[rows // 2].meaning == TYPED
    return {
        "rows": rows,
        "keystrokes": len(samples),
        **percentiles(samples),
        "plain_input": percentiles(plain),
        "read_write": _baseline(text, len(samples)),
        "load_average": load_average(),
    }


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
