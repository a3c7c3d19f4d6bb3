"""Typing in the procedure view's form: what a key costs, and writing the section text.

``python benchmarks/run.py steps --json`` builds procedures of 10, 50 and 200 steps (with
fields, details and text between steps) and, for each, times what the view does on every
key typed into a step's action: the form's values to a step (tidied as the file reads it)
and the step replaced in the document (``keystroke``); and writing the section text
(``write``), which the view does at each key while it takes less than a frame and otherwise
once the keys pause. The baseline, measured in the same run, is reading and writing the
section once, which any edit of its text in the source view costs too. Target: keystroke
p95 at most 16 ms (one frame at 60 Hz) at every size.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence

from benchmarks.library_files import load_average, percentiles
from kt_workbench.structured.items import replace_item
from kt_workbench.structured.sections import read_section, write_section
from kt_workbench.structured.steps import form_values, step_from_form

WORDS = [
    "Open",
    "the",
    "order",
    "in",
    "Zendesk",
    "and",
    "check",
    "the",
    "refund",
    "amount",
    "against",
    "the",
    "Stripe",
    "charge",
]


def procedure_text(steps: int) -> str:
    chunks = ["Before you start, open the queue."]
    for number in range(1, steps + 1):
        action = " ".join(WORDS[(number + i) % len(WORDS)] for i in range(10))
        chunks.append(
            f"{number}. {action}\n   - Role: Agent\n   - System: Zendesk\n"
            f"   - Done when: step {number} is done\n\n   Details of step {number}, "
            "with `code` and a [link](https://help.example)."
        )
        if number % 10 == 0:
            chunks.append(f"```\ncurl https://api.example/orders/{number}\n```")
    return "\n\n".join(chunks)


def measure(steps: int, keys: int) -> dict[str, object]:
    text = procedure_text(steps)
    document = read_section("procedure", text)
    index = steps // 2
    values = form_values(document.steps[index])
    baseline: list[float] = []
    typing: list[float] = []
    writing: list[float] = []
    for key in range(keys):
        started = time.perf_counter()
        write_section("procedure", read_section("procedure", text))
        baseline.append(time.perf_counter() - started)
        values["text"] += "abcdefgh "[key % 9]
        started = time.perf_counter()
        document = replace_item(document, "procedure", index, step_from_form(values))
        typing.append(time.perf_counter() - started)
        started = time.perf_counter()
        text = write_section("procedure", document)
        writing.append(time.perf_counter() - started)
    return {
        "steps": steps,
        "keys": keys,
        "keystroke": percentiles(typing),
        "write": percentiles(writing),
        "baseline_read_write": percentiles(baseline),
    }


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="run.py steps", description=__doc__)
    parser.add_argument("--keys", type=int, default=60)
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args(list(argv))
    result = {
        "benchmark": "steps",
        "load_average": load_average(),
        "sizes": [measure(steps, args.keys) for steps in (10, 50, 200)],
        "target": "keystroke p95 <= 16 ms",
    }
    print(json.dumps(result, indent=None if args.json else 2))
    return 0
