"""The editor hosting structured views: items or source (F2), edits from either side, undo and
redo over item operations, findings that select their item, hints, and where the cursor lands.

A small glossary view of the tests' own (``tests/structured_test_view.py``) is registered for
the glossary tab, so these tests hold whatever views the workbench ships.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, TabbedContent, TextArea

from kt_workbench.checker.results import Finding
from kt_workbench.checker.rules import Severity
from kt_workbench.tui.screens.editor_screen import CHECK_DELAY, EditorScreen
from kt_workbench.tui.structured import registry
from kt_workbench.tui.widgets.findings_panel import FindingsPanel
from kt_workbench.tui.widgets.section_editor import SectionEditor
from tests.structured_test_view import GlossaryTestView
from tests.tui_support import Session, running, settle, type_text

TYPING_PAUSE = CHECK_DELAY + 0.1


@pytest.fixture(autouse=True)
def glossary_view(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(registry, "STRUCTURED_VIEWS", {"glossary": GlossaryTestView})
    yield


async def open_glossary(session: Session, process_id: str = "warranty-claim") -> EditorScreen:
    session.app.open_editor(process_id)
    await settle(session.pilot)
    screen = session.app.screen
    assert isinstance(screen, EditorScreen)
    screen.activate_tab("tab-glossary")
    await settle(session.pilot)
    return screen


def view_of(screen: EditorScreen) -> GlossaryTestView:
    return screen.query_one("#v-glossary", GlossaryTestView)


def section_of(screen: EditorScreen, field: str) -> SectionEditor:
    return screen.query_one(f"#section-{field}", SectionEditor)


def footer_toggle(screen: EditorScreen) -> str:
    active = screen.active_bindings
    return next(
        b.binding.description for b in active.values() if b.binding.action == "toggle_source"
    )


async def test_a_section_with_a_view_opens_as_items_and_f2_switches(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await open_glossary(session)
        section, view = section_of(screen, "glossary"), view_of(screen)
        assert section.structured
        assert view.shows and view.shows[-1][0] == screen.fields["glossary"]
        assert view.items.option_count == 19
        assert session.app.focused is view.items  # the cursor lands in the list
        assert footer_toggle(screen) == "Source"

        await session.pilot.press("f2")
        await settle(session.pilot)
        assert not section.structured
        assert session.app.focused is screen.query_one("#t-glossary", TextArea)
        assert footer_toggle(screen) == "Items"

        await session.pilot.press("f2")
        await settle(session.pilot)
        assert section.structured and session.app.focused is view.items

        # A tab without a view shows its source only, as before.
        assert not section_of(screen, "procedure").structured
        assert not screen.query("#v-procedure")


async def test_the_choice_of_source_is_remembered_for_the_session(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await open_glossary(session)
        await session.pilot.press("f2")
        session.app.pop_screen()
        await settle(session.pilot)
        again = await open_glossary(session, "damaged-delivery")
        assert again is not screen
        assert not section_of(again, "glossary").structured


async def test_an_item_operation_updates_field_source_and_check(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await open_glossary(session)
        view = view_of(screen)
        view.items.highlighted = 0
        await session.pilot.press("d")  # delete CSAT
        await settle(session.pilot, TYPING_PAUSE)
        assert "CSAT" not in screen.fields["glossary"]
        assert screen.query_one("#t-glossary", TextArea).text == screen.fields["glossary"]
        assert screen.dirty and screen.sub_title.startswith("unsaved changes")
        assert screen.document is not None
        assert "CSAT" not in {entry.term for entry in screen.document.glossary}
        shows = len(view.shows)

        await session.pilot.press("enter", "end")  # edit FCR's meaning in the view's form
        await type_text(session.pilot, " Also first-time fix.")
        await settle(session.pilot, TYPING_PAUSE)
        assert "within 7 days. Also first-time fix. |" in screen.fields["glossary"]
        assert screen.query_one("#t-glossary", TextArea).text == screen.fields["glossary"]
        assert len(view.shows) == shows  # the view's own edits are not shown back to it


async def test_a_source_edit_reaches_the_view_when_switching_back(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await open_glossary(session)
        await session.pilot.press("f2")
        area = screen.query_one("#t-glossary", TextArea)
        area.move_cursor(area.document.end)
        await session.pilot.press("enter")
        await type_text(session.pilot, "| SLA | Service level agreement. |")
        await settle(session.pilot, TYPING_PAUSE)
        assert "| SLA | Service level agreement. |" in screen.fields["glossary"]
        await session.pilot.press("f2")
        await settle(session.pilot)
        view = view_of(screen)
        assert view.shows[-1][0] == screen.fields["glossary"]
        assert view.items.option_count == 20


async def test_undo_and_redo_step_over_item_operations(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await open_glossary(session)
        view, before = view_of(screen), screen.fields["glossary"]
        view.items.highlighted = 0
        await session.pilot.press("d", "a")  # delete CSAT, then add a new term: two steps
        await settle(session.pilot)
        added = screen.fields["glossary"]
        assert "New term" in added and "CSAT" not in added

        await session.pilot.press("ctrl+z")
        await settle(session.pilot)
        assert "New term" not in screen.fields["glossary"]
        assert "CSAT" not in screen.fields["glossary"]
        assert view.shows[-1][0] == screen.fields["glossary"]  # shown again after undo
        assert screen.query_one("#t-glossary", TextArea).text == screen.fields["glossary"]

        await session.pilot.press("ctrl+z")
        await settle(session.pilot)
        assert screen.fields["glossary"] == before and not screen.dirty
        assert view.items.option_count == 19

        await session.pilot.press("ctrl+y", "ctrl+y")
        await settle(session.pilot)
        assert screen.fields["glossary"] == added
        await session.pilot.press("ctrl+y")
        assert "Nothing to redo." in session.messages()


async def test_typing_in_a_form_field_is_one_undo_step(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await open_glossary(session)
        owner = screen.query_one("#f-owner", Input)
        screen.activate_tab("tab-overview")
        await settle(session.pilot)
        owner.focus()
        await session.pilot.press("end")
        await type_text(session.pilot, " Jr")
        await settle(session.pilot)
        assert screen.fields["owner"] == "Sofia Marchetti Jr"
        await session.pilot.press("ctrl+z")
        await settle(session.pilot)
        assert owner.value == screen.fields["owner"] == "Sofia Marchetti"
        assert not screen.dirty


async def test_in_the_source_ctrl_z_is_the_text_areas_own_undo(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await open_glossary(session)
        view = view_of(screen)
        view.items.highlighted = 0
        await session.pilot.press("d")  # a screen step the text area's undo must not touch
        await settle(session.pilot)
        deleted = screen.fields["glossary"]
        await session.pilot.press("f2")
        area = screen.query_one("#t-glossary", TextArea)
        area.move_cursor(area.document.end)
        await type_text(session.pilot, "xyz")
        await settle(session.pilot)
        await session.pilot.press("ctrl+z")
        await settle(session.pilot)
        assert area.text == screen.fields["glossary"] == deleted
        assert session.app.focused is area


async def test_a_finding_selects_its_item_in_the_view(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await open_glossary(session)
        view = view_of(screen)
        view.items.highlighted = 4  # FixFirst
        await session.pilot.press("enter", "ctrl+u")  # its meaning, emptied in the form
        await settle(session.pilot, TYPING_PAUSE)
        panel = screen.query_one(FindingsPanel)
        index = next(n for n, f in enumerate(panel.findings) if f.rule == "KT902")
        assert panel.findings[index].location == "glossary: FixFirst"

        screen.activate_tab("tab-overview")
        await settle(session.pilot)
        findings = screen.query_one("#findings-list", OptionList)
        findings.focus()
        findings.highlighted = index
        await session.pilot.press("enter")
        await settle(session.pilot)
        assert screen.query_one(TabbedContent).active == "tab-glossary"
        assert view.selections[-1] == ("glossary: FixFirst", "FixFirst has no meaning")
        assert view.items.highlighted == 4 and session.app.focused is view.items


async def test_a_finding_the_view_cannot_place_opens_the_source_line(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await open_glossary(session)
        finding = Finding(
            "KT901", Severity.WARNING, "glossary", "glossary notes", '"FixFirst Portal"', "x"
        )
        screen.post_message(FindingsPanel.FindingChosen(finding))
        await settle(session.pilot)
        assert view_of(screen).selections[-1][0] == "glossary notes"
        area = screen.query_one("#t-glossary", TextArea)
        assert not section_of(screen, "glossary").structured
        assert session.app.focused is area
        assert "FixFirst Portal" in area.document.get_line(area.cursor_location[0])


async def test_views_get_hints_from_the_library_and_the_process(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await open_glossary(session)
        hints = view_of(screen).hints
        assert "Provider agent" in hints.roles  # used in steps across the library
        assert "Stripe" in hints.systems  # another process's system
        assert "OrderHub" in hints.access_systems
        assert "Batch number" in hints.glossary_terms
        assert hints.contact_roles  # this process's escalation contacts

        view = view_of(screen)
        view.items.highlighted = 0
        await session.pilot.press("a", "enter")
        await type_text(session.pilot, "x")
        await settle(session.pilot, TYPING_PAUSE)
        assert "New term" in view_of(screen).hints.glossary_terms  # refreshed on the change


async def test_opening_a_process_puts_the_cursor_in_the_first_field(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        session.app.open_editor("warranty-claim")
        await settle(session.pilot)
        screen = session.app.screen
        assert isinstance(screen, EditorScreen)
        assert session.app.focused is screen.query_one("#f-title", Input)

        screen.query_one("#findings-list").focus()
        await session.pilot.press("9")  # the glossary: its list takes the cursor …
        await settle(session.pilot)
        assert session.app.focused is view_of(screen).items
        await session.pilot.press("1")  # … where digits still switch sections
        await settle(session.pilot)
        assert screen.query_one(TabbedContent).active == "tab-overview"
        assert session.app.focused is screen.query_one("#f-title", Input)


class BrokenView(GlossaryTestView):
    def show(self, text: str, hints: object) -> None:  # type: ignore[override]
        raise ValueError("cannot draw this")


async def test_a_view_that_fails_leaves_the_source_and_the_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(registry, "STRUCTURED_VIEWS", {"glossary": BrokenView})
    async with running(tmp_path) as session:
        screen = await open_glossary(session)
        assert not section_of(screen, "glossary").structured
        assert screen.query_one("#t-glossary", TextArea).text == screen.fields["glossary"]
        assert any("cannot be shown as items" in error for error in session.errors())
        assert not screen.dirty
