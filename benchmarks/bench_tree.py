"""Typing into a decision tree node in the tree view: keystroke to the section text written,
the checker's marks recomputed and the line relabelled.

``python benchmarks/run.py tree --nodes 50 200 --json`` builds trees of that many nodes (three
answers per question, questions and outcomes alternating), mounts the tree view alone
(headless, 120x40) and types a sentence into the root question's text, one key at a time,
timing each key from the moment it is posted until the view has announced the new section
text and the root line shows it. Baselines from the same run: the same keys typed into a
plain Input in the same app (what any text field costs), and the headless part of a keystroke
alone (edit, write the section, run the checker's tree rules, lay out the lines).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from benchmarks.library_files import load_average, percentiles
from kt_workbench.model import DecisionTree, NodeKind
from kt_workbench.structured import tree_edit as ops
from kt_workbench.structured import tree_places as places
from kt_workbench.structured.sections import read_section, write_section
from kt_workbench.structured.tree_problems import tree_problems

TYPED = "Is the refund over fifty euros"


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="run.py tree", description=__doc__)
    parser.add_argument("--nodes", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args(list(argv))
    result = {
        "typed": TYPED,
        "trees": [asyncio.run(_measure(count)) for count in args.nodes],
        "load_average": load_average(),
    }
    print(json.dumps(result, indent=None if args.json else 2))
    return 0


def tree_of(count: int) -> DecisionTree:
    """A breadth-first tree of ``count`` nodes: three answers per question."""
    tree, root = ops.add_top_node(DecisionTree(), "Root question?")
    questions, made = [root], 1
    while made < count and questions:
        question = questions.pop(0)
        for answer in ("Yes", "No", "Not sure"):
            if made >= count:
                break
            tree, index = ops.add_branch(tree, question, answer)
            kind = NodeKind.QUESTION if made % 2 else NodeKind.OUTCOME
            tree = ops.set_branch_node(tree, question, index, kind, f"Node {made}: what next?")
            if kind is NodeKind.QUESTION:
                questions.append((*question, index))
            made += 1
    return tree


def _core(tree: DecisionTree) -> list[float]:
    document = replace(read_section("decision_tree", ""), decision_tree=tree)
    samples = []
    for length in range(1, len(TYPED) + 1):
        started = time.perf_counter()
        changed = ops.set_text(tree, (0,), TYPED[:length])
        write_section("decision_tree", replace(document, decision_tree=changed))
        places.tree_lines(changed, tree_problems(changed))
        samples.append(time.perf_counter() - started)
    return samples


async def _measure(count: int) -> dict[str, Any]:
    from textual import events
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Input, Tree

    from kt_workbench.structured.hints import EditingHints
    from kt_workbench.tui.structured.base import SectionEdited
    from kt_workbench.tui.structured.tree_view import TreeView

    tree = tree_of(count)
    text = write_section(
        "decision_tree", replace(read_section("decision_tree", ""), decision_tree=tree)
    )

    class Bench(App[None]):
        def __init__(self) -> None:
            super().__init__()
            self.edits: list[str] = []

        def compose(self) -> ComposeResult:
            yield TreeView("decision_tree")
            yield Input(id="plain")
            yield Footer()

        def on_section_edited(self, event: SectionEdited) -> None:
            self.edits.append(event.text)

    app = Bench()
    view_keys: list[float] = []
    plain_keys: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(TreeView)
        view.show(text, EditingHints())
        await pilot.pause()
        nodes = app.query_one(Tree)
        text_field = app.query_one("#tree-text", Input)
        text_field.focus()
        text_field.value = ""
        await pilot.pause()

        async def timed(character: str, done: Any) -> float:
            # Posted as the terminal would send it: Pilot.press adds its own waits.
            started = time.perf_counter()
            app.post_message(events.Key("space" if character == " " else character, character))
            while not done():
                await asyncio.sleep(0.0005)
            await asyncio.sleep(0)  # the repaint the change asked for
            return time.perf_counter() - started

        for length in range(1, len(TYPED) + 1):
            expected = TYPED[:length].rstrip()  # a space typed at the end is not stored yet

            def shown(expected: str = expected) -> bool:
                line = nodes.get_node_at_line(0)
                label = line.label.plain if line is not None else ""
                return bool(app.edits) and f"] {expected}\n" in app.edits[-1] and expected in label

            view_keys.append(await timed(TYPED[length - 1], shown))
        plain = app.query_one("#plain", Input)
        plain.focus()
        await pilot.pause()
        for length in range(1, len(TYPED) + 1):
            expected = TYPED[:length]
            plain_keys.append(
                await timed(TYPED[length - 1], lambda e=expected: plain.value == e)  # type: ignore[misc]
            )
    return {
        "nodes": count,
        "section_chars": len(text),
        "keystrokes": len(view_keys),
        "view": percentiles(view_keys),
        "plain_input": percentiles(plain_keys),
        "headless": percentiles(_core(tree)),
    }
