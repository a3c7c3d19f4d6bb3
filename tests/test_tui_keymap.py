"""Keys: every binding named and reachable, F1 shows them, keymap and theme from ktw.toml."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import HelpPanel, Input

from kt_workbench import locations
from kt_workbench.checker.config import parse_config
from kt_workbench.errors import InputError
from kt_workbench.tui.app import create_app
from kt_workbench.tui.bindings_catalogue import (
    all_bindings,
    binding_owners,
    own_bindings,
    with_key_reference,
)
from kt_workbench.tui.commands import screen_key_commands
from kt_workbench.tui.screens.editor_screen import EditorScreen
from kt_workbench.tui.workbench_settings import (
    WorkbenchSettings,
    WorkbenchState,
    load_workbench_settings,
    parse_workbench_settings,
)
from tests.tui_support import SIZE, TODAY, running, sample_db, settle, stored


def test_every_binding_has_an_id_and_a_description() -> None:
    bindings = all_bindings()
    assert len(bindings) > 30
    for binding in bindings:
        assert binding.id, f"{binding.key} → {binding.action} has no id"
        assert binding.description, f"{binding.id} has no description"
    ids = [binding.id for binding in bindings]
    assert len(ids) == len(set(ids)), "binding ids are unique"


async def test_every_screen_key_is_in_the_palette(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        session.app.open_editor("warranty-claim")
        await settle(session.pilot)
        screen = session.app.screen
        assert isinstance(screen, EditorScreen)
        screen.query_one("#findings-list").focus()  # the title field would take the digits
        await settle(session.pilot)
        titles = {command.title for command in screen_key_commands(session.app, screen)}
        for binding in own_bindings(EditorScreen):
            assert binding.description in titles


async def test_f1_shows_and_hides_the_keys_of_the_screen(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        session.app.open_editor("warranty-claim")
        await settle(session.pilot)
        await session.pilot.press("f1")
        assert session.app.screen.query(HelpPanel)
        await session.pilot.press("f1")
        assert not session.app.screen.query(HelpPanel)


def test_binding_owners_cover_every_screen_module() -> None:
    screens = Path(__file__).parent.parent / "kt_workbench" / "tui" / "screens"
    modules = {path.stem for path in screens.glob("*_screen.py")}
    owners = {owner.__module__.rsplit(".", 1)[-1] for owner in binding_owners()}
    assert modules <= owners


def write_config(text: str) -> Path:
    path = locations.default_config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('[keys]\n"editor.nope" = "f5"\n', 2, "unknown binding id 'editor.nope'"),
        ('[keys]\n"editor.save" = "Ctrl S"\n', 2, "key names"),
        ('[keys]\n"editor.save" = 5\n', 2, "key names"),
        ('# themes\n[workbench]\ntheme = "neon"\n', 3, "'workbench.theme' must be one of"),
        ("[workbench]\ncolour = 1\n", 2, "unknown key 'workbench.colour'"),
    ],
)
def test_bad_workbench_settings_name_their_line(text: str, line: int, words: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_workbench_settings(text, "ktw.toml")
    assert caught.value.line == line
    assert words in str(caught.value)
    assert str(caught.value).startswith(f"ktw.toml:{line}: ")


def test_the_checker_accepts_the_workbench_tables() -> None:
    parse_config('[workbench]\ntheme = "nord"\n[keys]\n"editor.save" = "f10"\n')


async def test_a_rebound_key_works(tmp_path: Path) -> None:
    write_config('[keys]\n"editor.save" = "f10"\n')
    app = create_app(sample_db(tmp_path), today=TODAY, drafts_folder=tmp_path / "drafts")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            app.open_editor("warranty-claim")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, EditorScreen)
            screen.query_one("#f-owner", Input).focus()
            await pilot.press("end", *" Jr")
            await settle(pilot, 0.4)
            await pilot.press("f10")
            await settle(pilot)
            assert stored(tmp_path, "warranty-claim").owner == "Sofia Marchetti Jr"
    finally:
        app.library.store.close()


async def test_the_theme_comes_from_ktw_toml_and_a_pick_is_remembered(tmp_path: Path) -> None:
    write_config('[workbench]\ntheme = "nord"\n')
    assert load_workbench_settings().theme == "nord"

    def start():  # type: ignore[no-untyped-def]
        return create_app(sample_db(tmp_path), today=TODAY, drafts_folder=tmp_path / "drafts")

    app = start()
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert app.theme == "nord"
            app.theme = "gruvbox"  # as the palette's "Change theme" does
            await settle(pilot)
    finally:
        app.library.store.close()
    assert WorkbenchState().read()["theme"] == "gruvbox"
    assert 'theme = "nord"' in locations.default_config_path().read_text(encoding="utf-8")

    app = start()
    try:
        async with app.run_test(size=SIZE) as pilot:
            assert app.theme == "gruvbox"  # the pick survives a restart
    finally:
        app.library.store.close()

    write_config('[workbench]\ntheme = "dracula"\n')  # editing ktw.toml takes effect again
    app = start()
    try:
        async with app.run_test(size=SIZE) as pilot:
            assert app.theme == "dracula"
    finally:
        app.library.store.close()


def test_a_damaged_state_file_is_ignored(tmp_path: Path) -> None:
    state = WorkbenchState(tmp_path / "state.json")
    state.path.write_text("[not a dict", encoding="utf-8")
    assert state.theme(None) is None
    assert state.theme("nord") == "nord"
    assert WorkbenchSettings().keys == {}


def test_the_key_reference_lists_every_binding() -> None:
    reference = (Path(__file__).parent.parent / "docs" / "workbench.md").read_text("utf-8")
    for binding in all_bindings():
        assert f"`{binding.id}`" in reference, f"docs/workbench.md lacks {binding.id}"
    # Generated from the bindings: python -m kt_workbench.tui.bindings_catalogue docs/workbench.md
    assert with_key_reference(reference) == reference
