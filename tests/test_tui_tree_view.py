"""The decision tree view in a harness app: every operation by keyboard, the marks the
checker's findings put on nodes, delete confirmation, findings selecting nodes, rehearsing
from a node, and hostile text shown and written as text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Footer, Input, Tree

from kt_workbench.model import Branch
from kt_workbench.structured.hints import EditingHints
from kt_workbench.structured.sections import read_section
from kt_workbench.tui.screens.confirm import ConfirmScreen
from kt_workbench.tui.screens.rehearsal_screen import RehearsalScreen
from kt_workbench.tui.structured.base import SectionEdited
from kt_workbench.tui.structured.registry import STRUCTURED_VIEWS
from kt_workbench.tui.structured.tree_goto import GotoPicker
from kt_workbench.tui.structured.tree_view import TreeView

SECTION = """Ask these in order.

- [start] Is the duplicate charge older than 120 days?
  - Yes → [bank] Outcome: Advise a chargeback with the bank.
  - No → [pending] Is the second charge still pending?
    - Yes → [wait] Outcome: Pending charges drop off within 5 days.
    - No → [refund] Outcome: Refund the duplicate charge in Stripe.
  - Not sure → goto [pendng]

Escalate anything else to the team lead."""
NOTES = ("Ask these in order.", "Escalate anything else to the team lead.")
HOSTILE = "[bold]x[/] goto [k] → [x] [@click=app.quit]q[/]"
SnapCompare = Callable[..., bool]


class Harness(App[None]):
    """The view alone, as the editor screen will hold it, recording each edit."""

    CSS_PATH = Path(__file__).parents[1] / "kt_workbench" / "tui" / "app.tcss"
    BINDINGS: ClassVar[list[Any]] = []

    def __init__(self, text: str = SECTION) -> None:
        super().__init__()
        self.text = text
        self.edits: list[str] = []

    def compose(self) -> ComposeResult:
        yield TreeView("decision_tree", id="view")
        yield Footer()

    def on_mount(self) -> None:
        self.view.show(self.text, EditingHints())
        self.query_one("#tree-nodes", Tree).focus()

    @property
    def view(self) -> TreeView:
        return self.query_one(TreeView)

    def on_section_edited(self, event: SectionEdited) -> None:
        self.edits.append(event.text)


def labels(app: Harness) -> list[str]:
    nodes = app.query_one("#tree-nodes", Tree)
    return [
        node.label.plain
        for line in range(nodes.last_line + 1)
        if (node := nodes.get_node_at_line(line)) is not None
    ]


def cursor_label(app: Harness) -> str:
    node = app.query_one("#tree-nodes", Tree).cursor_node
    assert node is not None
    return node.label.plain


async def go_to(pilot: Pilot[None], app: Harness, starts: str) -> None:
    """Move the cursor down to the first line whose label (with or without its mark)
    starts so."""
    nodes = app.query_one("#tree-nodes", Tree)
    nodes.move_cursor_to_line(0)
    await pilot.pause()
    for _ in range(nodes.last_line + 1):
        label = cursor_label(app)
        if label.startswith(starts) or label.removeprefix("⚠ ").startswith(starts):
            return
        await pilot.press("down")
    raise AssertionError(f"no line starts with {starts!r}: {labels(app)}")


def last_tree(app: Harness) -> str:
    assert app.edits, "nothing was edited"
    text = app.edits[-1]
    for note in NOTES:
        if note in app.text:
            assert note in text  # free text around the tree survives every operation
    read_section("decision_tree", text)
    return text


async def type_text(pilot: Pilot[None], app: Harness, text: str) -> None:
    """Type into the focused field; characters with no key of their own (→) are inserted
    as a paste would."""
    for char in text:
        if char.isascii():
            await pilot.press(char)
        else:
            field = app.focused
            assert isinstance(field, Input)
            field.insert_text_at_cursor(char)
            await pilot.pause()


def problems_shown(app: Harness) -> str:
    return str(app.query_one("#tree-problems").render())


def test_the_view_is_registered_for_the_tree_tab() -> None:
    assert STRUCTURED_VIEWS["decision_tree"] is TreeView


async def test_lines_and_the_marks_of_the_checkers_findings() -> None:
    app = Harness()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert labels(app) == [
            "⚠ ◆ [start] Is the duplicate charge older than 120 days?",
            "Yes → ● [bank] Advise a chargeback with the bank.",
            "No → ◆ [pending] Is the second charge still pending?",
            "Yes → ● [wait] Pending charges drop off within 5 days.",
            "No → ● [refund] Refund the duplicate charge in Stripe.",
            "⚠ Not sure → goto [pendng]",
        ]
        await go_to(pilot, app, "Not sure")
        shown = problems_shown(app)
        assert "KT402" in shown and "jumps to [pendng]" in shown
        assert "Did you mean goto [pending]?" in shown
        await go_to(pilot, app, "Yes → ● [bank]")
        assert "No problems here" in problems_shown(app)
        assert app.edits == []  # showing is not editing


async def test_add_an_answer_then_an_outcome_for_it() -> None:
    app = Harness()
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to(pilot, app, "No → ◆ [pending]")
        await pilot.press("a")
        assert app.focused is app.query_one("#tree-answer", Input)
        await pilot.press(*"Partly", "enter")
        assert "    - Partly\n" in last_tree(app)
        assert app.focused is app.query_one("#tree-nodes")
        assert cursor_label(app) == "⚠ Partly → (leads nowhere)"
        assert "leads nowhere" in problems_shown(app)
        await pilot.press("o")
        await pilot.press(*"Refund half of it.", "enter")
        text = last_tree(app)
        assert "    - Partly → [refund-half] Outcome: Refund half of it.\n" in text
        assert cursor_label(app) == "Partly → ● [refund-half] Refund half of it."


async def test_a_question_on_a_question_adds_an_answer_leading_to_it() -> None:
    app = Harness()
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to(pilot, app, "⚠ ◆ [start]")
        await pilot.press("q")
        assert app.focused is app.query_one("#tree-answer", Input)
        await pilot.press(*"Don't know", "tab", "tab")
        assert app.focused is app.query_one("#tree-text", Input)
        await pilot.press(*"Did the bank confirm it?", "enter")
        assert "  - Don't know → [bank-confirm] Did the bank confirm it?" in last_tree(app)


async def test_insert_before_and_move_an_answer() -> None:
    app = Harness()
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to(pilot, app, "Yes → ● [bank]")
        await pilot.press("i", *"First", "enter")
        assert last_tree(app).index("- First") < last_tree(app).index("- Yes → [bank]")
        await pilot.press("alt+down")
        text = last_tree(app)
        assert text.index("- Yes → [bank]") < text.index("- First") < text.index("- No →")
        await pilot.press("shift+down")
        text = last_tree(app)
        assert text.index("- No →") < text.index("- First") < text.index("- Not sure")
        assert cursor_label(app).endswith("First → (leads nowhere)")
        await pilot.press("shift+up")
        assert last_tree(app).index("- First") < last_tree(app).index("- No →")


async def test_goto_is_chosen_from_the_keys() -> None:
    app = Harness()
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to(pilot, app, "⚠ Not sure")
        await pilot.press("g")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, GotoPicker)
        assert [key for key, _ in picker.targets] == [
            "start",
            "bank",
            "pending",
            "wait",
            "refund",
        ]
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert "  - Not sure → goto [pending]" in last_tree(app)
        assert cursor_label(app) == "Not sure → goto [pending]"
        assert "⚠" not in labels(app)[0]  # the root's finding went with the broken jump
        await pilot.press("g", "escape")
        await pilot.pause()
        assert len(app.edits) == 1


async def test_rename_a_key_and_every_goto_follows() -> None:
    app = Harness(SECTION.replace("goto [pendng]", "goto [pending]"))
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to(pilot, app, "No → ◆ [pending]")
        await pilot.press("k")
        key = app.query_one("#tree-key", Input)
        assert app.focused is key
        await pilot.press(*("backspace",) * 7, *"in-flight")
        assert app.edits == []  # a key applies on Enter, not at every keystroke
        await pilot.press("enter")
        text = last_tree(app)
        assert "[in-flight] Is the second" in text and "goto [in-flight]" in text
        assert "[pending]" not in text
        await pilot.press("k", *("backspace",) * 9, *"bank", "enter")
        assert "already used" in str(app.query_one("#tree-form-problem").render())
        assert "[in-flight] Is the second" in last_tree(app)


async def test_edit_text_as_typed_and_escape_restores() -> None:
    app = Harness()
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to(pilot, app, "Yes → ● [wait]")
        line = app.query_one("#tree-nodes", Tree).cursor_node
        await pilot.press("enter")
        assert app.focused is app.query_one("#tree-answer", Input)
        await pilot.press("tab", "tab", "end", *" Check", " ")
        assert "5 days. Check\n" in last_tree(app)
        # Typing relabels the line in place rather than laying out the tree again.
        assert app.query_one("#tree-nodes", Tree).cursor_node is line
        assert cursor_label(app).endswith("5 days. Check")
        assert app.query_one("#tree-text", Input).value.endswith("Check ")  # still typing
        await pilot.press("escape")
        assert last_tree(app) == SECTION
        assert app.focused is app.query_one("#tree-nodes")


async def test_delete_a_subtree_asks_first() -> None:
    app = Harness()
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to(pilot, app, "No → ◆ [pending]")
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "and the 2 nodes under it" in app.screen.question
        await pilot.press("escape")
        await pilot.pause()
        assert app.edits == []
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        text = last_tree(app)
        assert "pending" not in text.replace("pendng", "") and "- Not sure" in text
        await go_to(pilot, app, "⚠ Not sure")
        await pilot.press("d")  # an answer with nothing under it goes at once
        await pilot.pause()
        assert "Not sure" not in last_tree(app)


async def test_clear_duplicate_and_a_top_level_question() -> None:
    app = Harness()
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to(pilot, app, "Yes → ● [bank]")
        await pilot.press("c")
        assert "  - Yes → [bank-2] Outcome: Advise" in last_tree(app)
        await pilot.press("x")
        assert cursor_label(app).endswith("Yes → (leads nowhere)")
        await pilot.press("t", *"Did the customer mean it?", "enter")
        text = last_tree(app)
        assert "\n- [customer-mean] Did the customer mean it?\n" in text
        assert "not reached from the root" in problems_shown(app)


async def test_an_empty_tree_starts_with_its_root_question() -> None:
    app = Harness("Notes only.")
    async with app.run_test(size=(100, 30)) as pilot:
        assert labels(app) == []
        assert "tree is empty" in problems_shown(app)
        await pilot.press("q", *"Is it urgent?", "enter")
        assert last_tree(app) == "Notes only.\n\n- [urgent] Is it urgent?"


async def test_a_section_that_does_not_parse_is_left_to_the_source_view() -> None:
    app = Harness("- [a] x\x00")
    async with app.run_test(size=(100, 30)) as pilot:
        assert "source view (F2)" in str(app.query_one("#tree-status").render())
        await pilot.press("q", "a", "t", "delete")
        await pilot.pause()
        assert app.edits == []


async def test_ctrl_r_rehearses_from_the_selected_node() -> None:
    app = Harness()
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to(pilot, app, "No → ◆ [pending]")
        await pilot.press("ctrl+r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RehearsalScreen)
        assert screen.walk.current is not None and screen.walk.current.key == "pending"
        await pilot.press("2")
        await pilot.pause()
        assert screen.walk.current is not None and screen.walk.current.key == "refund"
        await pilot.press("r")
        await pilot.pause()
        assert screen.walk.current.key == "pending"


@pytest.mark.parametrize(
    ("location", "message", "expected", "field"),
    [
        ("tree [pending]", "the question has only one answer", "No → ◆ [pending]", None),
        ("tree [start]", "answer 'Not sure' jumps to [pendng]", "⚠ Not sure →", None),
        ("tree root > No", "the question has only one answer", "No → ◆ [pending]", None),
        ("tree [wait]", "the outcome has no text", "Yes → ● [wait]", "tree-text"),
        ("tree [bank]", "key [bank] is defined twice", "Yes → ● [bank]", "tree-key"),
    ],
)
async def test_a_finding_selects_its_node(
    location: str, message: str, expected: str, field: str | None
) -> None:
    app = Harness()
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.view.select(location, message)
        await pilot.pause()
        assert cursor_label(app).startswith(expected)
        assert app.focused is app.query_one(f"#{field or 'tree-nodes'}")
        assert not app.view.select("tree [nowhere]", "")
        assert not app.view.select("step 3", "")


async def test_hostile_text_is_shown_and_written_as_text() -> None:
    app = Harness("")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("q")
        await type_text(pilot, app, HOSTILE)
        await pilot.press("enter", "a")
        await type_text(pilot, app, "[k] → no")
        await pilot.press("enter")
        assert app.focused is app.query_one("#tree-answer")  # refused: it stays
        assert "An answer cannot contain an arrow" in str(
            app.query_one("#tree-form-problem").render()
        )
        await pilot.press("escape")  # the answer as it was when added
        assert read_section("decision_tree", last_tree(app)).decision_tree.items[0].branches == (
            Branch(""),
        )
        await pilot.press("x", "d", "a", *"goto [k]", "enter", "o", *"Outcome: [x]", "enter")
        text = last_tree(app)
        tree = read_section("decision_tree", text).decision_tree
        root = tree.items[0]
        assert root.text == HOSTILE
        assert [(b.answer, b.node.text if b.node else None) for b in root.branches] == [
            ("goto [k]", "Outcome: [x]")
        ]
        assert HOSTILE in labels(app)[0]
        assert labels(app)[1].startswith("goto [k] → ● [")


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (60, 20)])
def test_snapshot(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, Harness)
        await go_to(pilot, app, "⚠ Not sure")
        for widget in app.query(Input):
            widget.cursor_blink = False

    assert snap_compare(Harness(), terminal_size=size, run_before=run_before)


def test_goto_picker_snapshot(snap_compare: SnapCompare) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, Harness)
        await go_to(pilot, app, "⚠ Not sure")
        await pilot.press("g")
        await pilot.pause()

    assert snap_compare(Harness(), terminal_size=(80, 24), run_before=run_before)


async def test_shown_before_mounting_and_hostile_values_from_a_file() -> None:
    from tests.hostile_text import COMBINING, DANGLING, LONG_WORD, OUTCOME, QUESTION

    text = (
        f"- [q] {QUESTION}\n"
        f"  - {COMBINING} → [o] Outcome: {OUTCOME}\n"
        f"  - 中文 [b] → [long] Outcome: {LONG_WORD}\n"
        f"  - [@click=app.quit]x[/] → goto [{DANGLING}]"
    )
    view = TreeView("decision_tree")
    view.show(text, EditingHints())

    class Early(Harness):
        def compose(self) -> ComposeResult:
            yield view

        def on_mount(self) -> None:
            self.query_one("#tree-nodes", Tree).focus()

    app = Early(text)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = labels(app)
        assert shown[0] == f"⚠ ◆ [q] {QUESTION}"
        assert shown[1] == f"{COMBINING} → ● [o] {OUTCOME}"
        assert shown[2] == f"中文 [b] → ● [long] {LONG_WORD}"
        assert shown[3] == f"⚠ [@click=app.quit]x[/] → goto [{DANGLING}]"
        await go_to(pilot, app, "中文")
        await pilot.press("enter", "end", "!", "tab", "tab", "end", "!", "enter")
        assert f"  - 中文 [b]! → [long] Outcome: {LONG_WORD}!\n" in last_tree(app)
        await pilot.press("down", "enter", "end", "!", "enter")
        assert last_tree(app).endswith(f"  - [@click=app.quit]x[/]! → goto [{DANGLING}]")
        assert app.is_running  # the markup-looking answer clicked nothing


async def test_rules_the_team_switched_off_mark_nothing() -> None:
    from types import SimpleNamespace

    from kt_workbench.checker.config import CheckerConfig, RuleOverride

    app = Harness()
    off = CheckerConfig(rules={"KT402": RuleOverride(enabled=False)})
    app.library = SimpleNamespace(config=off)  # type: ignore[attr-defined]
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to(pilot, app, "Not sure")
        assert cursor_label(app) == "Not sure → goto [pendng]"
        assert "No problems here" in problems_shown(app)


async def test_escape_restores_after_tabbing_into_the_form_too() -> None:
    app = Harness()
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to(pilot, app, "Yes → ● [bank]")
        await pilot.press("tab")
        assert app.focused is app.query_one("#tree-answer", Input)
        await pilot.press("end", *" please")
        assert "- Yes please → [bank]" in last_tree(app)
        await pilot.press("escape")
        assert last_tree(app) == SECTION
        await pilot.press("tab", "end", "!", "enter", "tab", "escape")
        assert "- Yes! → [bank]" in last_tree(app)  # a new visit to the form starts afresh


async def test_v_turns_an_outcome_into_a_question_and_back() -> None:
    app = Harness()
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to(pilot, app, "Yes → ● [bank]")
        await pilot.press("v")
        await pilot.pause()
        text = last_tree(app)
        assert "  - Yes → [bank] Advise a chargeback with the bank.\n" in text
        assert cursor_label(app).removeprefix("⚠ ").startswith("Yes → ◆ [bank]")
        assert "the question has no answers" in problems_shown(app)  # marked at once
        await pilot.press("v")  # no answers yet: back at once, nothing asked
        await pilot.pause()
        assert last_tree(app) == SECTION
        await pilot.press("v", "a")  # a question again, and its first answer to name
        await pilot.pause()
        assert app.focused is app.query_one("#tree-answer", Input)
        await type_text(pilot, app, "Paid")
        assert "  - Yes → [bank] Advise a chargeback with the bank.\n    - Paid" in last_tree(app)


async def test_v_on_a_question_with_answers_asks_before_they_go() -> None:
    app = Harness()
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to(pilot, app, "No → ◆ [pending]")
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Its 2 answers and the 2 nodes under them go." in app.screen.question
        await pilot.press("escape")
        await pilot.pause()
        assert app.edits == []
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        text = last_tree(app)
        assert "  - No → [pending] Outcome: Is the second charge still pending?\n" in text
        assert "[wait]" not in text and "[refund]" not in text
        assert cursor_label(app).startswith("No → ● [pending]")


async def test_v_on_an_answer_that_leads_nowhere_says_what_it_needs() -> None:
    app = Harness()
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to(pilot, app, "Not sure")
        await pilot.press("v")
        await pilot.pause()
        assert app.edits == []
        assert any("v turns one into the other" in n.message for n in app._notifications)
