"""The cursor belongs to the user: keys apply in the order typed, and nothing that arrives in
the background (a check result, new suggestions, a save, another process's change) moves it.

A terminal delivers keys in bursts when the workbench is busy for a moment; Tab is a binding,
which Textual resolves only after the key has bubbled up from the focused field, so without
care the letters typed after a Tab reach the field before the Tab moves the cursor.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from textual import events
from textual.widgets import Input

from kt_workbench.structured.hints import EditingHints
from kt_workbench.tui.messages import DraftChecked
from kt_workbench.tui.screens import editor_saving, editor_screen
from kt_workbench.tui.screens.editor_screen import NO_TITLE_YET, EditorScreen
from tests.tui_support import Session, running, screen_after, settle


def burst(session: Session, keys: list[str]) -> None:
    """Keys as a terminal delivers them while the workbench is busy: all queued at once."""
    for key in keys:
        character = "\t" if key == "tab" else key if len(key) == 1 else None
        session.app.post_message(events.Key(key, character))


async def new_process(session: Session) -> EditorScreen:
    await session.pilot.press("ctrl+n")
    await settle(session.pilot)
    screen = session.app.screen
    assert isinstance(screen, EditorScreen)
    return screen


def value(screen: EditorScreen, key: str) -> str:
    return screen.query_one(f"#f-{key}", Input).value


async def test_letters_typed_after_tab_go_to_the_next_field_even_in_a_burst(
    tmp_path: Path,
) -> None:
    async with running(tmp_path) as session:
        screen = await new_process(session)
        burst(session, [*"My", "tab", "tab", *"Ok"])
        await settle(session.pilot)
        assert (value(screen, "title"), value(screen, "id"), value(screen, "owner")) == (
            "My",
            "",
            "Ok",
        )
        burst(session, ["shift+tab", *"x"])
        await settle(session.pilot)
        assert value(screen, "id") == "x"
        assert value(screen, "owner") == "Ok"
        # Bindings of the field itself: the cursor to the end, clear before it, then type.
        burst(session, ["tab", "end", "ctrl+u", *"Dana"])
        await settle(session.pilot)
        assert value(screen, "owner") == "Dana"


async def test_a_paste_after_tab_goes_to_the_next_field_even_in_a_burst(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await new_process(session)
        burst(session, [*"My", "tab", "tab"])
        session.app.post_message(events.Paste("Dana [ops]"))
        burst(session, [*"!"])
        await settle(session.pilot)
        assert (value(screen, "title"), value(screen, "owner")) == ("My", "Dana [ops]!")


async def test_a_key_typed_on_opening_a_process_does_not_replace_its_title(
    tmp_path: Path,
) -> None:
    async with running(tmp_path) as session:
        screen = await screen_after(session, "enter")
        assert isinstance(screen, EditorScreen) and screen.original is not None
        title = screen.original.title
        assert session.app.focused is screen.query_one("#f-title", Input)
        await session.pilot.press("x")
        await settle(session.pilot)
        assert value(screen, "title") == f"{title}x"


async def test_the_header_keeps_the_score_in_view_on_a_narrow_terminal(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await screen_after(session, "enter")
        assert isinstance(screen, EditorScreen) and screen.report is not None
        screen.query_one("#f-title", Input).value = "A title " + "long " * 30 + "end"
        await settle(session.pilot)
        await session.pilot.resize_terminal(60, 20)
        await settle(session.pilot)
        header = f"{screen.title} — {screen.sub_title}"
        assert len(header) <= 60 - 20
        assert screen.title.startswith("A title") and screen.title.endswith("end •")
        assert screen.sub_title.endswith(f"{screen.report.score} {screen.report.readiness}")


async def test_a_form_opened_by_a_key_takes_the_letters_typed_after_it(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await new_process(session)
        await session.pilot.press("alt+right")  # the procedure: the cursor on its first step
        await settle(session.pilot)
        list_widget = screen.focused
        burst(session, ["enter", "end", "ctrl+u", *"Open the ticket", "tab", "end", "ctrl+u"])
        # Enter ends the edit (the form's Submitted moves the cursor back to the list): the
        # a after it adds a step there, it is not typed into the field.
        burst(session, [*"Agent", "enter", "a", *"Reply"])
        await settle(session.pilot, 0.4)
        procedure = screen.fields["procedure"]
        assert procedure.startswith("1. Open the ticket\n   - Role: Agent\n")
        assert "\n2. Reply" in procedure
        burst(session, ["enter"])
        await settle(session.pilot, 0.4)
        assert screen.focused is list_widget


# Everything that reaches the editor from a worker, by the name it arrives under: the methods
# workers hand to ``call_from_thread`` and the messages they post. Each is delivered below.
BACKGROUND = {"use_hints", "notify", "saved", "DraftChecked"}


def background_deliveries() -> set[str]:
    """The names the editor's modules hand to call_from_thread or post as messages."""
    found: set[str] = set()
    for module in (editor_screen, editor_saving):
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr == "call_from_thread" and node.args:
                target = node.args[0]
                if isinstance(target, ast.Attribute):
                    found.add(target.attr)
            elif node.func.attr == "post_message" and node.args:
                posted = node.args[0]
                if isinstance(posted, ast.Call) and isinstance(posted.func, ast.Name):
                    found.add(posted.func.id)
    return found


def test_every_background_delivery_is_covered_by_the_focus_rule() -> None:
    assert background_deliveries() == BACKGROUND


async def deliver_everything(session: Session, screen: EditorScreen) -> None:
    """Each background delivery the editor knows, as workers make them."""
    generation = screen.generation
    document, report = screen.document, screen.report
    assert document is not None and report is not None
    for message in (
        DraftChecked(None, None, NO_TITLE_YET, generation),
        DraftChecked(None, None, "The text does not parse.", generation),
        DraftChecked(document, report, None, generation),
        DraftChecked(document, report, None, generation - 1),
    ):
        screen.post_message(message)
        await settle(session.pilot)
    screen.use_hints(EditingHints(roles=("Focus keeper",), systems=("Elsewhere",)))
    screen.notify("A background notice.")
    screen.saved(document, dict(screen.fields), False, 1)
    session.app.library_changed({document.id})  # another process saved something
    screen.schedule_check(0)  # a real check, end to end
    await settle(session.pilot)


async def test_nothing_from_the_background_moves_the_cursor(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        screen = await new_process(session)
        await session.pilot.press(*"Kettle")
        await settle(session.pilot, 0.4)
        assert set(BACKGROUND) == background_deliveries()

        # A field on the overview, moved to by the user.
        await session.pilot.press("tab", "tab")
        owner = screen.query_one("#f-owner", Input)
        assert screen.focused is owner
        await deliver_everything(session, screen)
        assert screen.focused is owner

        # An item list in a structured tab, and a form field within it.
        await session.pilot.press("alt+right")
        await settle(session.pilot)
        in_list = screen.focused
        assert in_list is not None and in_list is not owner
        await deliver_everything(session, screen)
        assert screen.focused is in_list
        await session.pilot.press("enter")  # the step's form
        await settle(session.pilot)
        in_form = screen.focused
        assert in_form is not None and in_form is not in_list
        await deliver_everything(session, screen)
        assert screen.focused is in_form


async def test_text_typed_fast_into_the_tree_form_is_all_kept(tmp_path: Path) -> None:
    """The tree shows each value back as it applies it; by then more letters are in the
    field, and none of them may be taken back out."""
    async with running(tmp_path) as session:
        screen = await new_process(session)
        screen.activate_tab("tab-decision_tree")
        await settle(session.pilot)
        burst(session, ["enter", "tab", "end", "ctrl+u", *"Was the kettle bought here?"])
        burst(session, ["enter"])
        await settle(session.pilot, 0.4)
        assert (
            "- [example-verified] Was the kettle bought here?\n" in screen.fields["decision_tree"]
        )
