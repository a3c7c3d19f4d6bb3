"""The table view in Pilot: every item key, the form, validation as typed, and findings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual import events
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from kt_workbench.structured.hints import EditingHints
from kt_workbench.structured.sections import read_section
from kt_workbench.tui.structured.table_view import TableView
from tests.hostile_text import LINK, OWNER
from tests.structured_harness import SectionHarness

ACCESS = """Ask IT on the first day.

| System | Role | Access | How to request | Approver |
| --- | --- | --- | --- | --- |
| Zendesk | Agent | Agent | IT form | Team lead |
| Stripe | Agent | Full access | IT form |  |"""


def _view(app: SectionHarness) -> TableView:
    view = app.view
    assert isinstance(view, TableView)
    return view


def _rows(app: SectionHarness) -> list[str]:
    return [right.system for right in read_section("access_rights", app.text).access_rights]


def _input(app: SectionHarness, key: str) -> Input:
    return app.query_one(f"#rows-field-{key}", Input)


async def test_rows_are_listed_and_marked() -> None:
    app = SectionHarness("access_rights", ACCESS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.query_one(DataTable)
        assert table.row_count == 2
        assert [str(c) for c in table.get_row_at(0)] == [
            "1", "Zendesk", "Agent", "Agent", "IT form", "Team lead"
        ]  # fmt: skip
        assert str(table.get_row_at(1)[0]) == "2 !"
        status = app.query_one("#rows-status", Static)
        assert "kept as written" in str(status.render())
        await pilot.press("down")
        problems = str(app.query_one("#rows-problems", Static).render())
        assert "Approver: who approves the request?" in problems
        assert "'Full access' is broader than an agent needs" in problems
        assert app.edits == []


async def test_add_insert_delete_duplicate_move() -> None:
    app = SectionHarness("access_rights", ACCESS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")  # after row 1, form open on the new row
        await pilot.press(*"Okta")
        assert _rows(app) == ["Zendesk", "Okta", "Stripe"]
        await pilot.press("enter")  # back to the list, edits kept
        assert app.focused is app.query_one(DataTable)
        await pilot.press("i", *"Jira", "enter")
        assert _rows(app) == ["Zendesk", "Jira", "Okta", "Stripe"]
        await pilot.press("shift+down")
        assert _rows(app) == ["Zendesk", "Okta", "Jira", "Stripe"]
        await pilot.press("alt+up", "alt+up")
        assert _rows(app) == ["Jira", "Zendesk", "Okta", "Stripe"]
        await pilot.press("c")
        assert _rows(app) == ["Jira", "Jira", "Zendesk", "Okta", "Stripe"]
        await pilot.press("d", "delete")  # the copy, then the row that moved up under the cursor
        assert _rows(app) == ["Jira", "Okta", "Stripe"]
        assert app.text.startswith("Ask IT on the first day.\n\n| System |")
        assert app.query_one(DataTable).row_count == 3


async def test_enter_edits_as_typed_and_escape_restores() -> None:
    app = SectionHarness("access_rights", ACCESS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
        assert app.focused is _input(app, "system")
        await pilot.press("tab", "tab", "tab", "tab")
        assert app.focused is _input(app, "approver")
        problem = app.query_one("#rows-problem-approver", Static)
        assert "who approves" in str(problem.render())
        await pilot.press(*"Head of billing")
        right = read_section("access_rights", app.text).access_rights[1]
        assert right.approver == "Head of billing"
        assert problem.has_class("-empty")
        assert str(app.query_one(DataTable).get_row_at(1)[0]) == "2 !"  # access still broad
        await pilot.press("shift+tab", "shift+tab")
        access = _input(app, "access")
        access.value = ""
        await pilot.press(*"Refunds only")
        assert str(app.query_one(DataTable).get_row_at(1)[0]) == "2"
        await pilot.press("escape")
        assert read_section("access_rights", app.text).access_rights[1].approver == ""
        assert app.text == app.edits[-1]
        assert app.focused is app.query_one(DataTable)
        assert not _view(app).has_class("-editing")


async def test_metric_values_are_validated_as_typed() -> None:
    text = "| Metric | Baseline | 30 days | 60 days | 90 days |\n| --- | --- | --- | --- | --- |"
    app = SectionHarness("metrics", text + "\n| AHT | 6:00 | 8:00 | 7:00 | 6:30 |")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "tab", "tab", "tab", "tab")
        target = app.query_one("#rows-field-target_90", Input)
        assert app.focused is target
        target.value = ""
        await pilot.press(*"7:30")
        problem = str(app.query_one("#rows-problem-target_90", Static).render())
        assert problem == "⚠ 90-day target should not rise above the 60-day target (7m)"
        target.value = ""
        await pilot.press(*"soon")
        problem = str(app.query_one("#rows-problem-target_90", Static).render())
        assert "not a number, percentage, duration" in problem
        target.value = ""
        await pilot.press(*"5m")
        assert app.query_one("#rows-problem-target_90", Static).has_class("-empty")
        assert app.text.endswith("| AHT | 6:00 | 8:00 | 7:00 | 5m |")


async def test_hostile_cells_are_data_and_escaped() -> None:
    app = SectionHarness("contacts", "")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        _input(app, "role").value = "[bold]Lead[/] | \\| x"
        await pilot.pause()
        _input(app, "channel").value = "[link=https://x]chat[/link]\nsecond line"
        await pilot.pause()
        contact = read_section("contacts", app.text).contacts[0]
        assert contact.role == "[bold]Lead[/] | \\| x"
        assert contact.channel == "[link=https://x]chat[/link] second line"
        await pilot.press("enter")
        cells = [str(cell) for cell in app.query_one(DataTable).get_row_at(0)]
        assert cells[1] == "[bold]Lead[/] | \\| x"


async def test_glossary_bullets_stay_bullets() -> None:
    app = SectionHarness("glossary", "- **AHT**: Average handle time")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a", *"FCR", "tab", *"First contact resolution", "enter")
        assert app.text == "- **AHT**: Average handle time\n- **FCR**: First contact resolution"


async def test_select_finding_locations() -> None:
    hints = EditingHints(systems=("Zendesk", "Stripe"))
    app = SectionHarness("access_rights", ACCESS, hints)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = _view(app)
        assert view.select("access row 2", "Stripe: no approver")
        await pilot.pause()
        assert app.focused is _input(app, "approver")
        assert app.query_one(DataTable).cursor_row == 1
        await pilot.press("escape")
        assert view.select("access row 2", "Stripe: 'Full access' access is broader")
        await pilot.pause()
        assert app.focused is _input(app, "access")
        await pilot.press("escape")
        assert not view.select("access row 3", "no approver")
        assert not view.select("contact row 1", "no channel")
        assert view.select("access rights", "no access rights are listed")


async def test_unreadable_text_points_at_the_source_view() -> None:
    for text in ("| System |\n| --- |\n| Zendesk |\n\n## Glossary\n\nkept", "bad \x00 byte"):
        app = SectionHarness("access_rights", text)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert _view(app).state is None
            status = app.query_one("#rows-status", Static)
            assert status.has_class("-error")
            assert "source view (F2)" in str(status.render())
            await pilot.press("a", "d", "c", "enter")
            assert app.edits == []
            assert not _view(app).select("access row 1", "no approver")
            _view(app).show(ACCESS, EditingHints())  # fixed in the source view
            await pilot.pause()
            assert app.query_one(DataTable).row_count == 2
            assert not status.has_class("-error")


# --- snapshots (review the SVGs after ``--snapshot-update``) ----------------------------------

SnapCompare = Callable[..., bool]
SIZES = [(120, 40), (80, 24)]
TABLES = {
    "access_rights": ACCESS,
    "metrics": (
        "| Metric | Baseline | 30 days | 60 days | 90 days |\n| --- | --- | --- | --- | --- |\n"
        "| CSAT | 84% | 79% | 82% | 84% |\n| AHT | 7:45 | 9:30 | 8:30 | 9:50 |\n"
        "| FCR | TBD | 70% | soon | |"
    ),
    "contacts": (
        "| Role | Name | Channel | Hours |\n| --- | --- | --- | --- |\n"
        f"| Team lead | {OWNER} | #billing-leads | 08:00-18:00 CET |\n"
        "| Billing specialist | Sam |  |  |"
    ),
    "glossary": f"- **AHT**: Average handle time\n- **[b]FCR[/b]**: {LINK}\n- **PSP**: ",
}


def snapshot_of(
    snap_compare: SnapCompare, app: SectionHarness, size: tuple[int, int], keys: tuple[str, ...]
) -> bool:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press(*keys)
        for widget in app.screen.query("Input, TextArea"):
            widget.cursor_blink = False  # type: ignore[attr-defined]
        await pilot.pause()

    return bool(snap_compare(app, terminal_size=size, run_before=run_before))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("field", list(TABLES))
def test_table_with_form(snap_compare: SnapCompare, field: str, size: tuple[int, int]) -> None:
    app = SectionHarness(field, TABLES[field], EditingHints(systems=("Zendesk",)))
    assert snapshot_of(snap_compare, app, size, ("down", "enter"))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_table_list(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    app = SectionHarness("access_rights", ACCESS)
    assert snapshot_of(snap_compare, app, size, ("down",))


def test_registered_for_the_four_tables_with_bindings_that_have_ids() -> None:
    from kt_workbench.tui.structured.registry import STRUCTURED_VIEWS

    for field in ("access_rights", "metrics", "contacts", "glossary"):
        assert STRUCTURED_VIEWS[field] is TableView
    for binding in TableView.BINDINGS:
        assert isinstance(binding, Binding)
        assert binding.id and binding.description


async def test_own_edit_echoed_back_keeps_the_form_and_undo_reloads_it() -> None:
    app = SectionHarness("access_rights", ACCESS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = _view(app)
        await pilot.press("enter", *" Support")
        assert _input(app, "system").value == "Zendesk Support"
        view.show(app.text, EditingHints(systems=("Zendesk Support",)))  # the screen echoes
        await pilot.pause()
        assert view.editing == 0
        assert app.focused is _input(app, "system")
        assert len(app.edits) == len("Support")  # the space alone changed nothing
        view.show(ACCESS, EditingHints())  # undo all the way back
        await pilot.pause()
        assert _input(app, "system").value == "Zendesk"
        assert view.editing == 0
        assert len(app.edits) == len("Support")  # show() never reports an edit


async def test_pasted_line_breaks_become_spaces() -> None:
    app = SectionHarness("contacts", "")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        field = _input(app, "role")
        field.post_message(events.Paste("Team\nlead\r\n (billing)"))
        await pilot.pause()
        assert field.value == "Team lead (billing)"
        assert read_section("contacts", app.text).contacts[0].role == "Team lead (billing)"
