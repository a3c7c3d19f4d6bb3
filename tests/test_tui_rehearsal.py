"""Rehearsing a decision tree: answers, jumps, going back, and broken trees as problems."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Static

from kt_workbench.importing import load_files
from kt_workbench.model import Branch, DecisionTree, Node, NodeKind
from kt_workbench.tui.screens.editor_screen import EditorScreen
from kt_workbench.tui.screens.rehearsal_screen import RehearsalScreen, TreeWalk
from tests.conftest import SAMPLES
from tests.tui_support import Session, running, settle


async def rehearse(session: Session, process_id: str) -> RehearsalScreen:
    session.app.open_editor(process_id)
    await settle(session.pilot)
    assert isinstance(session.app.screen, EditorScreen)
    await session.pilot.press("ctrl+r")
    await settle(session.pilot)
    screen = session.app.screen
    assert isinstance(screen, RehearsalScreen)
    return screen


def shown(screen: RehearsalScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def answers(screen: RehearsalScreen) -> list[str]:
    return [str(button.label) for button in screen.query("#answers Button").results(Button)]


async def test_walk_to_an_outcome_back_and_through_a_goto(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        pilot = session.pilot
        screen = await rehearse(session, "refund-duplicate-charge")
        assert "Can you see both charges in Stripe?" in shown(screen, "#rehearsal-node")
        assert answers(screen) == ["1  Yes", "2  No"]

        await pilot.click("#answer-0")  # Yes: is the charge older than 120 days?
        await pilot.press("2")  # No: goto [same-order]
        assert "Do both charges belong to the same order number?" in shown(
            screen, "#rehearsal-node"
        )
        assert "(goto [same-order])" in shown(screen, "#breadcrumb")
        await pilot.press("1", "2", "1")  # same order, not pending, £500 or less
        assert shown(screen, "#rehearsal-node").startswith("Outcome")
        assert "Refund the duplicate charge (step 5)" in shown(screen, "#rehearsal-node")
        assert answers(screen) == ["Start again", "Back"]

        await pilot.press("backspace")
        assert "Is the duplicate charge £500 or less?" in shown(screen, "#rehearsal-node")
        assert len(screen.walk.trail) == 4

        await pilot.click("#answer-1")  # more than £500
        assert "Billing specialist group" in shown(screen, "#rehearsal-node")
        await pilot.click("#restart")
        assert screen.walk.trail == []
        assert "Can you see both charges in Stripe?" in shown(screen, "#rehearsal-node")

        await pilot.press("escape")
        assert isinstance(session.app.screen, EditorScreen)


async def test_a_dangling_goto_is_shown_as_a_problem(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await rehearse(session, "pause-subscription")
        await session.pilot.press("2", "2")  # charge soon, box not charged: goto [skip-box]
        problem = shown(screen, "#rehearsal-problem")
        assert "jumps to [skip-box], but no question or outcome has that key" in problem
        assert not screen.query_one("#rehearsal-node").display
        assert answers(screen) == ["Start again", "Back"]
        await session.pilot.click("#back")
        assert "Has the next box already been charged?" in shown(screen, "#rehearsal-node")
        assert not screen.query_one("#rehearsal-problem").display


def sample_tree(process_id: str) -> DecisionTree:
    (loaded,) = load_files([SAMPLES / f"{process_id}.md"])
    return loaded.document.decision_tree


def test_a_loop_is_a_problem() -> None:
    walk = TreeWalk(sample_tree("pause-subscription"))
    walk.choose(2)  # Not sure: have you checked the charge date?
    walk.choose(0)  # No: goto [start]
    assert walk.current is None
    assert walk.problem is not None and walk.problem.startswith("Loop:")
    assert "[start]" in walk.problem


def question(text: str, *branches: Branch, key: str = "") -> Node:
    return Node(NodeKind.QUESTION, text, key, branches)


def test_an_answer_leading_nowhere_and_an_empty_question_are_problems() -> None:
    outcome = Node(NodeKind.OUTCOME, "Refund it.", "refund")
    tree = DecisionTree(
        (
            question(
                "Is it paid?",
                Branch("Yes", outcome),
                Branch("No"),
                Branch("Maybe", question("Did you check?")),
            ),
        )
    )
    walk = TreeWalk(tree)
    walk.choose(1)
    assert walk.problem is not None and "leads nowhere" in walk.problem
    assert walk.back()
    walk.choose(2)
    assert walk.current is not None and walk.current.text == "Did you check?"
    assert walk.problem is not None and "no answers" in walk.problem
    walk.back()
    walk.choose(0)
    assert walk.current is outcome and walk.problem is None and walk.finished


def test_an_empty_tree_is_a_problem() -> None:
    walk = TreeWalk(DecisionTree())
    assert walk.current is None
    assert walk.problem is not None and "empty" in walk.problem
    assert not walk.back()
