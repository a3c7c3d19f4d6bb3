"""Deleting an item asks nothing (undo is one key away), so the notice after a delete says
what went and which key brings it back, in every structured view of the real editor."""

from __future__ import annotations

from pathlib import Path

import pytest

from kt_workbench.tui.screens.confirm import ConfirmScreen
from kt_workbench.tui.screens.editor_screen import CHECK_DELAY, EditorScreen
from tests.tui_support import Session, running, settle


async def open_tab(session: Session, field: str) -> EditorScreen:
    session.app.open_editor("warranty-claim")
    await settle(session.pilot)
    screen = session.app.screen
    assert isinstance(screen, EditorScreen)
    screen.activate_tab(f"tab-{field}")
    await settle(session.pilot)
    return screen


@pytest.mark.parametrize(
    ("field", "what"),
    [
        ("procedure", "step 1"),
        ("scripts", "script: Evidence request"),
        ("access_rights", "access row 1"),
        ("edge_cases", "edge case: Same fault on several items from one batch"),
        ("metrics", "metric: CSAT"),
        ("contacts", "contact row 1"),
        ("glossary", "glossary: CSAT"),
    ],
)
async def test_a_delete_says_what_went_and_that_ctrl_z_brings_it_back(
    tmp_path: Path, field: str, what: str
) -> None:
    async with running(tmp_path) as session:
        screen = await open_tab(session, field)
        before = screen.fields[field]
        await session.pilot.press("delete")
        await settle(session.pilot)
        assert screen.fields[field] != before
        assert f"Deleted {what} — Ctrl+Z to undo." in session.messages()
        await session.pilot.press("ctrl+z")
        await settle(session.pilot)
        assert screen.fields[field] == before


async def test_a_tree_delete_says_what_went_after_it_was_confirmed(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await open_tab(session, "decision_tree")
        before = screen.fields["decision_tree"]
        await session.pilot.press("down", "delete")  # the root's first answer and its subtree
        await settle(session.pilot)
        assert isinstance(session.app.screen, ConfirmScreen)
        await session.pilot.press("y")
        await settle(session.pilot)
        notices = [m for m in session.messages() if m.startswith("Deleted the answer")]
        assert len(notices) == 1 and notices[0].endswith(" — Ctrl+Z to undo.")
        await session.pilot.press("ctrl+z")
        await settle(session.pilot)
        assert screen.fields["decision_tree"] == before


async def test_turning_an_outcome_into_a_question_is_undone_with_ctrl_z(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await open_tab(session, "decision_tree")
        before = screen.fields["decision_tree"]
        for _ in range(8):  # down to the first outcome
            view = screen.query_one("#v-decision_tree")
            line = view.current_line()  # type: ignore[attr-defined]
            if line is not None and line.node is not None and not line.node.is_question:
                break
            await session.pilot.press("down")
        await session.pilot.press("v")
        await settle(session.pilot, CHECK_DELAY * 2)  # the edit's check, after its delay
        assert screen.fields["decision_tree"] != before
        assert screen.document is not None
        assert any("the question has no answers" in f.message for f in screen.report.findings)
        await session.pilot.press("ctrl+z")
        await settle(session.pilot)
        assert screen.fields["decision_tree"] == before
