"""The procedure's structured view, mounted alone in a small app: each item operation by its
key, editing in the form, Esc, the field flags, findings that select a field, hostile text."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Footer, Input, OptionList, Static, TextArea

from kt_workbench.checker import check_process
from kt_workbench.editing import fields_from_document
from kt_workbench.markdown import parse_document
from kt_workbench.structured.hints import EditingHints
from kt_workbench.structured.sections import read_section, write_section
from kt_workbench.structured.steps import field_for_finding, step_number
from kt_workbench.tui.structured.base import SectionEdited
from kt_workbench.tui.structured.registry import STRUCTURED_VIEWS
from kt_workbench.tui.structured.steps_view import StepsView
from tests.hostile_text import LONG_WORD, STEP, widget_text

PROCEDURE = """\
Before you start, open the queue.

1. Find the order
   - Role: Agent
   - System: Zendesk
   - Done when: the order is open

```
curl https://api.example/orders/42
```

2. Refund the charge
   - Role: Agent
   - System: Stripe

   Check the amount twice.

3. Tell the customer"""

HINTS = EditingHints(
    roles=("Agent", "Team lead"),
    systems=("Zendesk", "Stripe", "Salesforce"),
    contact_roles=("Billing specialist",),
    access_systems=("zendesk ",),
)


class Harness(App[None]):
    """The view alone. Typing is written at each key (``quick_write``), however loaded the
    machine is, unless a test is about writing it later."""

    def __init__(
        self, text: str = PROCEDURE, hints: EditingHints = HINTS, quick_write: float = 1e9
    ) -> None:
        super().__init__()
        self.text = text
        self.hints = hints
        self.quick_write = quick_write
        self.edits: list[str] = []

    def compose(self) -> ComposeResult:
        yield StepsView(id="steps")
        yield Footer()

    def on_mount(self) -> None:
        self.view.quick_write = self.quick_write
        self.view.show(self.text, self.hints)
        self.query_one("#steps-list", OptionList).focus()

    @property
    def view(self) -> StepsView:
        return self.query_one(StepsView)

    def on_section_edited(self, message: SectionEdited) -> None:
        assert message.field == "procedure"
        self.edits.append(message.text)

    @property
    def steps(self) -> list[str]:
        return [step.text for step in read_section("procedure", self.edits[-1]).steps]


def rows(app: Harness) -> list[str]:
    return widget_text(app.query_one("#steps-list", OptionList))


def value(app: Harness, name: str) -> str:
    return app.query_one(f"#steps-{name}", Input).value


def problem(app: Harness, name: str) -> str:
    line = app.query_one(f"#steps-problem-{name}", Static)
    return str(line.render()) if line.display else ""


async def run(app: Harness, test: Callable[[Pilot[None]], Awaitable[None]]) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await test(pilot)


def test_the_procedure_tab_uses_the_steps_view() -> None:
    assert STRUCTURED_VIEWS["procedure"] is StepsView


async def test_steps_and_the_text_between_them_are_listed_in_place() -> None:
    app = Harness()

    async def check(pilot: Pilot[None]) -> None:
        shown = rows(app)
        assert len(shown) == 5
        assert shown[0].strip() == "¶ Before you start, open the queue."
        assert shown[1].startswith(" 1. Find the order") and "Agent · Zendesk" in shown[1]
        assert shown[2].strip() == "¶ ``` ⏎ curl https://api.example/orders/42 ⏎ ```"
        assert shown[3].startswith(" 2. Refund the charge")
        assert shown[4] == " 3. Tell the customer"
        option_list = app.query_one("#steps-list", OptionList)
        assert option_list.get_option_at_index(0).disabled  # text is shown, not edited
        assert value(app, "text") == "Find the order"
        assert value(app, "done_when") == "the order is open"
        await pilot.press("down")
        assert value(app, "text") == "Refund the charge"
        assert app.query_one("#steps-details", TextArea).text == "Check the amount twice."
        assert app.edits == []  # showing is not editing

    await run(app, check)


async def test_add_puts_an_empty_step_after_the_selected_one_and_opens_it() -> None:
    app = Harness()

    async def check(pilot: Pilot[None]) -> None:
        await pilot.press("a")
        assert app.steps == ["Find the order", "", "Refund the charge", "Tell the customer"]
        # The new step comes right after step 1, before the code block that followed it.
        assert app.edits[-1].index("2.") < app.edits[-1].index("curl")
        assert isinstance(app.focused, Input) and app.focused.id == "steps-text"
        await pilot.press(*"Check the account")
        assert app.steps[1] == "Check the account"
        assert rows(app)[2].startswith(" 2. Check the account")
        assert app.query_one("#steps-form").border_title == "Step 2"

    await run(app, check)


async def test_insert_puts_the_step_before_the_selected_one() -> None:
    app = Harness()

    async def check(pilot: Pilot[None]) -> None:
        await pilot.press("down", "insert")
        assert app.steps == ["Find the order", "Refund the charge", "", "Tell the customer"]
        await pilot.press("escape", "up", "i")
        assert app.steps == ["Find the order", "", "Refund the charge", "", "Tell the customer"]
        # Inserted before step 3: after the code block that stood before it.
        assert app.edits[-1].index("curl") < app.edits[-1].index("3.")

    await run(app, check)


async def test_delete_duplicate_and_move_keep_the_text_between_steps() -> None:
    app = Harness()

    async def check(pilot: Pilot[None]) -> None:
        await pilot.press("c")
        assert app.steps == [
            "Find the order",
            "Find the order",
            "Refund the charge",
            "Tell the customer",
        ]
        assert value(app, "text") == "Find the order"  # the copy is selected
        await pilot.press("delete")
        assert app.steps == ["Find the order", "Refund the charge", "Tell the customer"]
        assert value(app, "text") == "Refund the charge"
        await pilot.press("up", "alt+down")
        assert app.steps == ["Refund the charge", "Find the order", "Tell the customer"]
        assert value(app, "text") == "Find the order"  # the moved step stays selected
        await pilot.press("shift+down")
        assert app.steps == ["Refund the charge", "Tell the customer", "Find the order"]
        await pilot.press("shift+up", "shift+up")
        assert app.steps == ["Find the order", "Refund the charge", "Tell the customer"]
        await pilot.press("d")
        assert app.steps == ["Refund the charge", "Tell the customer"]
        for kept in ("Before you start", "curl https://api.example/orders/42"):
            assert kept in app.edits[-1]
        assert app.edits[-1].startswith("Before you start, open the queue.\n\n```")

    await run(app, check)


async def test_deleting_every_step_keeps_the_text_and_says_how_to_add() -> None:
    app = Harness()

    async def check(pilot: Pilot[None]) -> None:
        await pilot.press("d", "d", "d", "d")
        assert app.steps == []
        assert "curl https://api.example/orders/42" in app.edits[-1]
        status = app.query_one("#steps-status", Static)
        assert status.display and "press a to add one" in str(status.render())
        assert not app.query_one("#steps-form").display
        await pilot.press("a", *"Only step")
        assert app.steps == ["Only step"]

    await run(app, check)


async def test_edits_apply_as_typed_and_escape_restores_the_step() -> None:
    app = Harness()

    async def check(pilot: Pilot[None]) -> None:
        await pilot.press("enter")
        assert app.focused is app.query_one("#steps-text")
        await pilot.press("end", *" quickly")
        assert app.steps[0] == "Find the order quickly"
        await pilot.press("tab", "ctrl+u", *"Team lead")
        assert read_section("procedure", app.edits[-1]).steps[0].role == "Team lead"
        await pilot.press("escape")
        step = read_section("procedure", app.edits[-1]).steps[0]
        assert (step.text, step.role) == ("Find the order", "Agent")
        assert app.focused is app.query_one("#steps-list")
        assert value(app, "text") == "Find the order"

    await run(app, check)


async def test_typing_in_a_long_procedure_is_written_when_the_keys_pause() -> None:
    app = Harness(quick_write=0)  # as if writing the section took longer than a frame
    # Longer than the product's pause, so that no key of the test waits that long on a loaded
    # machine: a key that did would rightly have what was typed before it written.
    delay = 1.0

    async def check(pilot: Pilot[None]) -> None:
        app.view.write_delay = delay
        await pilot.press("enter", "end", *" now")
        assert app.edits == []
        assert rows(app)[1].startswith(" 1. Find the order now")  # the list follows at once
        await pilot.pause(delay + 0.2)
        assert len(app.edits) == 1 and app.steps[0] == "Find the order now"
        await pilot.press(*"!", "tab")  # leaving the field writes what was typed
        assert len(app.edits) == 2 and app.steps[0] == "Find the order now!"
        await pilot.press(*"X")
        app.view.show(app.edits[-1], HINTS)  # shown again as written: the typing stays
        await pilot.pause()
        assert app.steps[0] == "Find the order now!" and len(app.edits) == 3
        assert read_section("procedure", app.edits[-1]).steps[0].role == "AgentX"
        await pilot.press(*"Y")
        app.view.show("1. Undone", HINTS)  # other text (an undo): it wins
        await pilot.pause(delay + 0.2)
        assert len(app.edits) == 3 and rows(app) == [" 1. Undone"]

    await run(app, check)


async def test_details_are_edited_as_a_block() -> None:
    app = Harness()

    async def check(pilot: Pilot[None]) -> None:
        app.query_one("#steps-details", TextArea).focus()
        await pilot.press(*"See the", "enter", *"1. refund policy")
        step = read_section("procedure", app.edits[-1]).steps[0]
        assert step.details == "See the\n1. refund policy"
        assert step.text == "Find the order"

    await run(app, check)


async def test_enter_in_a_field_returns_to_the_list() -> None:
    app = Harness()

    async def check(pilot: Pilot[None]) -> None:
        await pilot.press("enter", "tab", "tab", "enter")
        assert app.focused is app.query_one("#steps-list")
        await pilot.press("a")  # keys are the list's again
        assert len(app.steps) == 4

    await run(app, check)


async def test_keys_type_into_the_form_rather_than_acting_on_the_list() -> None:
    app = Harness()

    async def check(pilot: Pilot[None]) -> None:
        await pilot.press("enter", "end", *" adc", "alt+down")
        assert app.steps == ["Find the order adc", "Refund the charge", "Tell the customer"]

    await run(app, check)


async def test_role_and_system_suggest_values_used_elsewhere() -> None:
    app = Harness()

    async def check(pilot: Pilot[None]) -> None:
        app.query_one("#steps-role", Input).focus()
        await pilot.press("ctrl+u", *"bill")
        await pilot.pause()
        await pilot.press("right")  # accept the suggestion
        assert value(app, "role") == "Billing specialist"
        app.query_one("#steps-system", Input).focus()
        await pilot.press("ctrl+u", *"sal")
        await pilot.pause()
        await pilot.press("right")
        assert value(app, "system") == "Salesforce"

    await run(app, check)


async def test_a_system_without_an_access_right_is_flagged() -> None:
    app = Harness()

    async def check(pilot: Pilot[None]) -> None:
        assert problem(app, "system") == ""  # Zendesk has one, spelled otherwise
        await pilot.press("down")
        assert problem(app, "system") == (
            "no access right for this system: add it on the Access tab"
        )
        app.query_one("#steps-system", Input).focus()
        await pilot.press("ctrl+u", *"ZENDESK")
        assert problem(app, "system") == ""
        await pilot.press(*", Stripe")
        assert problem(app, "system") == "no access right for Stripe: add it on the Access tab"

    await run(app, check)


async def test_missing_role_done_when_and_action_are_flagged() -> None:
    app = Harness()

    async def check(pilot: Pilot[None]) -> None:
        await pilot.press("down", "down")
        assert problem(app, "role") == "no role yet: who does this step?"
        assert "Done when" in problem(app, "done_when")
        assert problem(app, "text") == ""
        await pilot.press("enter", "ctrl+u")
        assert problem(app, "text") == "no action yet: what does the agent do in this step?"

    await run(app, check)


@pytest.mark.parametrize(
    ("location", "message", "field", "text"),
    [
        ("step 2", "step 2 has no Done when", "steps-done_when", "Refund the charge"),
        ("step 3", "step 3 has no role", "steps-role", "Tell the customer"),
        ("step 2", "Stripe is used in step 2 but has no access right", "steps-system", None),
        ("step 1", "step 1 names Jira, but its System: line does not", "steps-system", None),
        ("step 2", 'vague wording "twice"', "steps-details", "Refund the charge"),
        ("step 1", "a password is written in step 1", "steps-text", "Find the order"),
    ],
)
async def test_a_finding_selects_its_step_and_field(
    location: str, message: str, field: str, text: str | None
) -> None:
    app = Harness()

    async def check(pilot: Pilot[None]) -> None:
        assert app.view.select(location, message)
        await pilot.pause()
        assert app.focused is not None and app.focused.id == field
        if text is not None:
            assert value(app, "text") == text

    await run(app, check)


async def test_findings_outside_a_step_are_answered_sensibly() -> None:
    app = Harness()

    async def check(pilot: Pilot[None]) -> None:
        assert not app.view.select("step 9", "step 9 has no role")
        assert not app.view.select("access row 1", "approver")
        assert app.view.select("procedure", "the procedure has 3 steps; at least 4 expected")
        assert app.focused is app.query_one("#steps-list")

    await run(app, check)


async def test_heading_steps_keep_their_form() -> None:
    text = "Read this first.\n\n### Step 1: Find\n\n- Role: Agent\n\n### Step 2: Refund"
    app = Harness(text)

    async def check(pilot: Pilot[None]) -> None:
        assert rows(app)[0].strip() == "¶ Read this first."
        await pilot.press("a", *"Check")
        await pilot.press("enter", "alt+up")
        assert app.edits[-1] == (
            "Read this first.\n\n### Step 1: Check\n\n### Step 2: Find\n\n- Role: Agent"
            "\n\n### Step 3: Refund"
        )

    await run(app, check)


async def test_an_emptied_procedure_of_headings_gets_headings_again() -> None:
    app = Harness("### Schritt 1: Finden\n\n### Schritt 2: Erstatten")

    async def check(pilot: Pilot[None]) -> None:
        await pilot.press("d", "d")
        assert app.edits[-1] == ""
        await pilot.press("a", *"Neu")
        assert app.edits[-1] == "### Schritt 1: Neu"

    await run(app, check)


async def test_text_that_does_not_read_is_left_to_the_source_view() -> None:
    app = Harness("1. Find\n\n## Not here\n\n2. Refund")

    async def check(pilot: Pilot[None]) -> None:
        status = str(app.query_one("#steps-status", Static).render())
        assert "source view (F2)" in status and "Line 3" in status
        await pilot.press("d", "a", "c")
        assert app.edits == []  # nothing written over text the view cannot hold
        assert rows(app) == [" 1. Find"]  # what was read is shown, but cannot be edited
        assert app.query_one("#steps-form").disabled

    await run(app, check)


async def test_text_that_cannot_be_read_at_all_says_why() -> None:
    app = Harness("1. a\x00b")

    async def check(pilot: Pilot[None]) -> None:
        status = str(app.query_one("#steps-status", Static).render())
        assert "cannot be read" in status and "binary file" in status and "(F2)" in status
        assert rows(app) == []
        await pilot.press("a", "enter", "d")
        assert app.edits == []
        assert not app.view.select("step 1", "step 1 has no role")

    await run(app, check)


async def test_escape_in_the_details_restores_them_too() -> None:
    app = Harness()

    async def check(pilot: Pilot[None]) -> None:
        await pilot.press("down")
        app.query_one("#steps-details", TextArea).focus()
        await pilot.press("end", *" Or three times.")
        assert read_section("procedure", app.edits[-1]).steps[1].details.endswith("times.")
        await pilot.press("escape")
        assert read_section("procedure", app.edits[-1]).steps[1].details == (
            "Check the amount twice."
        )
        assert app.focused is app.query_one("#steps-list")

    await run(app, check)


async def test_escape_in_the_list_is_left_to_the_screen() -> None:
    app = Harness()

    async def check(pilot: Pilot[None]) -> None:
        assert app.view.check_action("restore", ()) is False
        await pilot.press("escape")
        assert app.edits == []

    await run(app, check)


async def test_show_replaces_what_is_listed_without_editing() -> None:
    app = Harness()

    async def check(pilot: Pilot[None]) -> None:
        await pilot.press("down")
        app.view.show("1. Only one", HINTS)
        await pilot.pause()
        assert rows(app) == [" 1. Only one"]
        assert value(app, "text") == "Only one"
        assert app.edits == []

    await run(app, check)


HOSTILE_ACTIONS = [
    STEP,
    "# not a heading",
    "1. not a number",
    "- not a bullet",
    "[x] not a task",
    "[bold]x[/] [link=https://evil.example]y[/link]",
    "訂單 שלום مرحبا 🧾",
    LONG_WORD,
]


@pytest.mark.parametrize("action", HOSTILE_ACTIONS)
async def test_hostile_actions_are_shown_as_typed_and_round_trip(action: str) -> None:
    app = Harness()

    async def check(pilot: Pilot[None]) -> None:
        app.query_one("#steps-text", Input).value = action
        app.query_one("#steps-role", Input).value = action
        app.query_one("#steps-details", TextArea).text = action
        await pilot.pause()
        assert app.steps[0] == action
        step = read_section("procedure", app.edits[-1]).steps[0]
        assert (step.role, step.details) == (action, action)
        assert action[:300] in rows(app)[1]
        app.view.show(app.edits[-1], HINTS)
        await pilot.pause()
        assert value(app, "text") == action

    await run(app, check)


# --- snapshots ----------------------------------------------------------------------------------

SnapCompare = Callable[..., bool]


def _still(pilot: Pilot[Any]) -> Awaitable[None]:
    for widget in pilot.app.query("Input, TextArea"):
        widget.cursor_blink = False  # type: ignore[attr-defined]
    return pilot.pause()


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_snapshot_list_and_form(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    async def before(pilot: Pilot[Any]) -> None:
        await pilot.press("down")
        await _still(pilot)

    assert snap_compare(Harness(), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_snapshot_hostile_text(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    text = f"1. {STEP}\n   - Role: [bold]x[/] 訂單\n   - System: שלום\n\n2. {LONG_WORD}"

    async def before(pilot: Pilot[Any]) -> None:
        await _still(pilot)

    assert snap_compare(Harness(text), terminal_size=size, run_before=before)


SAMPLES = sorted((Path(__file__).parent.parent / "sample_processes").glob("*.md"))


@pytest.mark.parametrize("path", SAMPLES, ids=[path.stem for path in SAMPLES])
async def test_every_step_finding_of_a_sample_selects_a_field(path: Path) -> None:
    document = parse_document(path.read_text(encoding="utf-8"), str(path))
    findings = [
        finding
        for finding in check_process(document).findings
        if finding.section == "procedure" or step_number(finding.location) is not None
    ]
    app = Harness(fields_from_document(document)["procedure"])

    async def check(pilot: Pilot[None]) -> None:
        assert len(rows(app)) >= len(document.steps)
        for finding in findings:
            number = step_number(finding.location)
            if number is None:
                continue
            assert app.view.select(finding.location, finding.message), finding
            await pilot.pause()
            step = document.steps[number - 1]
            field = field_for_finding(step, finding.message)
            assert app.focused is not None and app.focused.id == f"steps-{field}"
            assert value(app, "text") == step.text
        assert app.edits == []

    await run(app, check)


# --- any keys ------------------------------------------------------------------------------------

KEYS = st.lists(
    st.sampled_from(
        (
            "a",
            "i",
            "d",
            "delete",
            "c",
            "alt+up",
            "alt+down",
            "shift+up",
            "shift+down",
            "up",
            "down",
            "enter",
            "escape",
            "tab",
            "x",
            "#",
            "1",
            ".",
            "space",
            "ctrl+u",
        )
    ),
    max_size=25,
)


def joined_notes(text: str) -> str:
    return "".join(note.text for note in read_section("procedure", text).notes).replace("\n", "")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(KEYS)
def test_any_keys_leave_a_section_that_reads_back_with_all_its_text(keys: list[str]) -> None:
    app = Harness()

    async def press() -> None:
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            for key in keys:
                await pilot.press(key)
            await pilot.pause()

    asyncio.run(press())
    for text in app.edits:  # every text the view wrote is a fixed point, with all the notes
        assert write_section("procedure", read_section("procedure", text)) == text
        assert joined_notes(text) == joined_notes(PROCEDURE)
