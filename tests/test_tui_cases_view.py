"""The scripts and edge-case views in Pilot: item keys, the form, placeholders, findings."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList, Static, TextArea

from kt_workbench.structured.hints import EditingHints
from kt_workbench.structured.sections import read_section
from kt_workbench.tui.structured.cases_view import EdgeCasesView, ScriptsView
from kt_workbench.tui.structured.placeholder_area import PLACEHOLDER_HIGHLIGHT
from tests.hostile_text import COMBINING, OUTCOME, OWNER, QUESTION, STEP, TITLE
from tests.structured_harness import SectionHarness
from tests.test_tui_table_view import SnapCompare, snapshot_of

SCRIPTS = """Use the customer's first name.

### Greeting

> Hello {customer_name}, thanks for calling about order {order_id}.

### Closing

Plain body, not quoted."""

CASES = """### Customer is abusive

- When: the customer swears at the agent
- Handle: warn once, then end the call
- Escalate to: Team lead

Log the call in Zendesk.

### Bank already refunded

- When: the bank reversed the charge
- Handle: check Stripe"""

HINTS = EditingHints(
    contact_roles=("Team lead", "Billing specialist"), glossary_terms=("Order ID",)
)


def _titles(app: SectionHarness, field: str) -> list[str]:
    document = read_section(field, app.text)
    items = document.scripts if field == "scripts" else document.edge_cases
    return [item.title for item in items]


async def test_scripts_list_and_item_keys() -> None:
    app = SectionHarness("scripts", SCRIPTS, HINTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        options = app.query_one(OptionList)
        assert options.option_count == 2
        assert str(options.get_option_at_index(0).prompt) == "1. Greeting"
        await pilot.press("a", *"Hold", "enter")
        assert _titles(app, "scripts") == ["Greeting", "Hold", "Closing"]
        await pilot.press("shift+up")
        assert _titles(app, "scripts") == ["Hold", "Greeting", "Closing"]
        await pilot.press("down", "alt+down", "c")
        assert _titles(app, "scripts") == ["Hold", "Closing", "Greeting", "Greeting"]
        await pilot.press("up", "up", "d")
        assert _titles(app, "scripts") == ["Hold", "Greeting", "Greeting"]
        # The plain body of Closing is gone with it; Greeting keeps its quotes, notes stay.
        assert app.text.startswith("Use the customer's first name.\n\n### Hold\n\n### Greeting")
        assert "> Hello {customer_name}" in app.text


async def test_script_body_placeholders_are_marked_and_listed() -> None:
    app = SectionHarness("scripts", SCRIPTS, HINTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "tab")
        body = app.query_one("#cases-field-body", TextArea)
        assert app.focused is body
        listed = str(app.query_one("#cases-placeholders", Static).render())
        assert listed == (
            "Placeholders: {customer_name} not in the glossary · {order_id} in the glossary"
        )
        marks = [h for h in body._highlights[0] if h[2] == PLACEHOLDER_HIGHLIGHT]
        assert [(start, end) for start, end, _ in marks] == [(6, 21), (54, 64)]
        await pilot.press("end", "enter", *"See you {date}.")
        script = read_section("scripts", app.text).scripts[0]
        assert script.body.endswith("{order_id}.\nSee you {date}.")
        assert "{date} not in the glossary" in str(
            app.query_one("#cases-placeholders", Static).render()
        )
        await pilot.press("escape")
        assert read_section("scripts", app.text).scripts[0].body.endswith("{order_id}.")
        assert app.focused is app.query_one(OptionList)


async def test_plain_script_keeps_its_form_through_edits() -> None:
    app = SectionHarness("scripts", SCRIPTS, HINTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter", "tab", "end", *" Fine")
        assert app.text.endswith("### Closing\n\nPlain body, not quoted. Fine")
        await pilot.press("tab")  # out of the form: back to the list, the edit kept
        assert not app.view.has_class("-editing")
        assert app.text.endswith("### Closing\n\nPlain body, not quoted. Fine")


async def test_edge_case_form_fields_and_suggestions() -> None:
    app = SectionHarness("edge_cases", CASES, HINTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        options = app.query_one(OptionList)
        assert "! 1 to fill in" in str(options.get_option_at_index(1).prompt)
        await pilot.press("down", "enter")
        escalate = app.query_one("#cases-field-escalate_to", Input)
        problem = app.query_one("#cases-problem-escalate_to", Static)
        assert "whom to escalate to" in str(problem.render())
        escalate.focus()
        await pilot.press(*"bil")
        await pilot.pause()
        assert escalate._suggestion == "Billing specialist"
        await pilot.press("right")  # accept the suggestion
        assert escalate.value == "Billing specialist"
        assert problem.has_class("-empty")
        case = read_section("edge_cases", app.text).edge_cases[1]
        assert case.escalate_to == "Billing specialist"
        escalate.value = "Legal"
        await pilot.pause()
        assert str(problem.render()) == "⚠ 'Legal' is not in Escalation contacts"
        details = app.query_one("#cases-field-details", TextArea)
        details.load_text("### Not a new case\n\n- When: not a field")
        await pilot.pause()
        again = read_section("edge_cases", app.text).edge_cases
        assert len(again) == 2
        assert again[1].details == "### Not a new case\n\n- When: not a field"
        assert again[1].when == "the bank reversed the charge"


async def test_select_edge_case_and_script_findings() -> None:
    app = SectionHarness("edge_cases", CASES, HINTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.view
        assert isinstance(view, EdgeCasesView)
        assert view.select("edge case: Bank already refunded", "no Escalate to")
        await pilot.pause()
        assert app.focused is app.query_one("#cases-field-escalate_to", Input)
        assert app.query_one(OptionList).highlighted == 1
        await pilot.press("escape")
        assert view.select("edge case: Customer is abusive", 'vague handling "then end"')
        await pilot.pause()
        assert app.focused is app.query_one("#cases-field-handle", Input)
        assert not view.select("edge case: Missing", "no When")
        assert not view.select("script: Greeting", "no text")
    app = SectionHarness("scripts", SCRIPTS, HINTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.view
        assert isinstance(view, ScriptsView)
        assert view.select("script: Closing", "placeholder {x} is not explained")
        await pilot.pause()
        assert app.focused is app.query_one("#cases-field-body", TextArea)
        assert app.query_one(OptionList).highlighted == 1


async def test_hostile_titles_are_shown_as_data() -> None:
    hostile = "[bold red]Refund[/] [link=https://x]here[/link] 返金 مرحبا " + "W" * 300
    app = SectionHarness("edge_cases", "", HINTS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "press a to add" in str(app.query_one("#cases-problems", Static).render())
        await pilot.press("a")
        app.query_one("#cases-field-title", Input).value = hostile
        await pilot.pause()
        await pilot.press("enter")
        prompt = app.query_one(OptionList).get_option_at_index(0).prompt
        assert str(prompt).startswith("1. " + hostile)
        assert read_section("edge_cases", app.text).edge_cases[0].title == hostile


# --- snapshots (review the SVGs after ``--snapshot-update``) ----------------------------------

SIZES = [(120, 40), (80, 24)]
HOSTILE_CASES = f"""### {QUESTION}

- When: {STEP}
- Handle: {OUTCOME}
- Escalate to: {OWNER}

{COMBINING}

### {TITLE}"""


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize(
    ("field", "text", "keys"),
    [
        ("scripts", SCRIPTS, ("enter",)),
        ("scripts", SCRIPTS, ()),
        ("edge_cases", CASES, ("down", "enter")),
        ("edge_cases", HOSTILE_CASES, ("enter",)),
    ],
    ids=["scripts-form", "scripts-list", "edge-cases-form", "edge-cases-hostile"],
)
def test_cases_snapshot(
    snap_compare: SnapCompare,
    field: str,
    text: str,
    keys: tuple[str, ...],
    size: tuple[int, int],
) -> None:
    app = SectionHarness(field, text, HINTS)
    assert snapshot_of(snap_compare, app, size, keys)


async def test_text_shown_before_the_view_is_mounted() -> None:
    view = ScriptsView("scripts", id="late")
    view.show(SCRIPTS, HINTS)
    app = SectionHarness("edge_cases", CASES, HINTS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.mount(view)
        await pilot.pause()
        assert view.query_one(OptionList).option_count == 2
        assert [script.title for script in view.items] == ["Greeting", "Closing"]
