"""New processes: the template's example items, the rule that flags them, and duplicating a
process from the library."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.widgets import Input, TextArea

from kt_workbench.checker import check_process
from kt_workbench.checker.context import LibraryContext
from kt_workbench.editing import document_from_fields, empty_fields, fields_from_document
from kt_workbench.structured.sections import read_section, write_section
from kt_workbench.structured.templates import (
    EXAMPLE_STEP,
    TEMPLATE,
    duplicate_document,
    template_leftovers,
    template_sections,
)
from kt_workbench.tui.screens.duplicate_screen import DuplicateScreen, copy_problem
from kt_workbench.tui.screens.editor_screen import EditorScreen
from kt_workbench.tui.screens.library_screen import LibraryScreen
from tests.tui_support import TODAY, running, settle, stored, type_text


def test_every_template_section_reads_and_writes_back_as_itself() -> None:
    sections = template_sections()
    assert set(sections) == {
        "procedure",
        "scripts",
        "decision_tree",
        "access_rights",
        "edge_cases",
        "metrics",
        "contacts",
        "glossary",
    }
    for field, text in sections.items():
        assert text.strip(), field
        assert write_section(field, read_section(field, text)) == text


def test_a_process_from_the_template_is_flagged_for_every_example_item() -> None:
    fields = empty_fields() | template_sections() | {"title": "Close an account"}
    document = document_from_fields(fields)
    report = check_process(document, LibraryContext(), today=TODAY)
    flagged = {(f.section, f.location) for f in report.findings if f.rule == "KT011"}
    assert flagged == {
        ("procedure", "step 1"),
        ("scripts", "script: Example script"),
        ("decision_tree", "tree [example-verified]"),
        ("decision_tree", "tree [example-go]"),
        ("decision_tree", "tree [example-no]"),
        ("access_rights", "access row 1"),
        ("edge_cases", "edge case: Example edge case"),
        ("metrics", "metric: Example metric"),
        ("contacts", "contact row 1"),
        ("glossary", "glossary: {first_name}"),
    }
    assert report.readiness == "not-ready"


def test_an_item_is_flagged_until_every_example_value_is_overwritten() -> None:
    half_done = replace(EXAMPLE_STEP, text="Open the ticket.", role="Provider agent")
    document = replace(TEMPLATE, steps=(half_done,))
    assert ("procedure", "step 1", 1) in list(template_leftovers(document))
    done = replace(half_done, system="Zendesk", done_when="The ticket is open.")
    assert not [
        hit for hit in template_leftovers(replace(TEMPLATE, steps=(done,))) if hit[1] == "step 1"
    ]


def test_a_duplicate_is_a_draft_with_its_new_title_and_id() -> None:
    original = replace(TEMPLATE, status="approved", owner="Sam")
    copy = duplicate_document(original, "Close a business account", "close-business")
    assert (copy.id, copy.title, copy.status, copy.owner) == (
        "close-business",
        "Close a business account",
        "draft",
        "Sam",
    )
    assert copy.steps == original.steps


def test_the_copy_dialog_says_what_is_wrong() -> None:
    taken = {"warranty-claim"}
    assert copy_problem("", "", taken) == "Give the copy a title."
    assert "already uses the id 'warranty-claim'" in (
        copy_problem("Warranty claim", "", taken) or ""
    )
    assert "not an id" in (copy_problem("X", "Bad Id", taken) or "")
    assert "gives no id" in (copy_problem("保証請求", "", taken) or "")
    assert copy_problem("Warranty claim (EU)", "", taken) is None


async def test_a_new_process_starts_from_the_template(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        session.app.open_editor(None)
        await settle(session.pilot)
        screen = session.app.screen
        assert isinstance(screen, EditorScreen)
        assert screen.fields["procedure"] == template_sections()["procedure"]
        assert not screen.dirty and screen.sub_title == "new, not saved yet"
        assert session.app.drafts.load(screen.draft_key) is None  # nothing typed: no draft
        await type_text(session.pilot, "Close an account")
        await settle(session.pilot, 0.4)
        assert screen.report is not None
        assert sum(f.rule == "KT011" for f in screen.report.findings) == 10
        assert screen.report.readiness == "not-ready"


async def test_a_process_is_duplicated_from_the_library(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        pilot = session.pilot
        library = session.app.screen
        assert isinstance(library, LibraryScreen)
        await pilot.press(*"warranty")
        await settle(pilot, 0.3)
        await pilot.press("f7")
        await settle(pilot)
        dialog = session.app.screen
        assert isinstance(dialog, DuplicateScreen)
        assert dialog.query_one("#copy-title", Input).value == "Register a warranty claim (copy)"
        dialog.query_one("#copy-title", Input).value = "Register a warranty claim (EU)"
        await pilot.press("enter")
        await settle(pilot)

        editor = session.app.screen
        assert isinstance(editor, EditorScreen) and editor.original is None
        assert editor.fields["title"] == "Register a warranty claim (EU)"
        assert editor.fields["id"] == "" and editor.fields["status"] == "draft"
        assert editor.dirty and editor.sub_title.startswith("unsaved changes")
        original = stored(tmp_path, "warranty-claim")
        assert (
            editor.query_one("#t-procedure", TextArea).text
            == fields_from_document(original)["procedure"]
        )

        await pilot.press("ctrl+s")
        await settle(pilot)
        copy = stored(tmp_path, "register-a-warranty-claim-eu")
        assert copy is not None and copy.steps == original.steps and copy.status == "draft"
        assert stored(tmp_path, "warranty-claim") == original


async def test_a_copy_may_not_take_an_existing_id(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        pilot = session.pilot
        await pilot.press(*"warranty")
        await settle(pilot, 0.3)
        await pilot.press("f7")
        await settle(pilot)
        dialog = session.app.screen
        assert isinstance(dialog, DuplicateScreen)
        dialog.query_one("#copy-id", Input).value = "damaged-delivery"
        await pilot.press("enter")
        await settle(pilot)
        assert session.app.screen is dialog
        assert "already uses the id 'damaged-delivery'" in str(
            dialog.query_one("#copy-problem").render()
        )
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(session.app.screen, LibraryScreen)
