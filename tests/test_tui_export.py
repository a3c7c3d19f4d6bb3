"""The export dialog: packs written where asked, refusals shown without closing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.widgets import Input

from kt_workbench.tui.screens.export_screen import ExportScreen
from kt_workbench.tui.screens.library_screen import LibraryScreen
from tests.tui_support import Session, running, settle


async def open_export(session: Session, target: Path) -> ExportScreen:
    await session.pilot.press("e")
    await settle(session.pilot)
    screen = session.app.screen
    assert isinstance(screen, ExportScreen)
    screen.query_one("#export-path", Input).value = str(target)
    return screen


async def test_exports_a_pack_folder(tmp_path: Path) -> None:
    target = tmp_path / "pack"
    async with running(tmp_path) as session:
        await open_export(session, target)
        await session.pilot.click("#export")
        await settle(session.pilot)
        assert isinstance(session.app.screen, LibraryScreen)
        assert f"Wrote a handover pack of 15 processes to {target}" in session.messages()
    readme = (target / "README.md").read_text(encoding="utf-8")
    assert "Generated 2026-11-23" in readme
    assert len(list((target / "processes").glob("*.md"))) == 15


async def test_exports_only_the_ready_ones_to_a_single_file(tmp_path: Path) -> None:
    target = tmp_path / "pack.md"
    async with running(tmp_path) as session:
        screen = await open_export(session, target)
        await session.pilot.click("#format-single")
        await session.pilot.click("#scope-ready")
        assert screen.single_file and screen.only_ready
        await session.pilot.click("#export")
        await settle(session.pilot)
        assert f"Wrote a handover pack of 6 processes to {target}" in session.messages()
    text = target.read_text(encoding="utf-8")
    assert "Refund a duplicate card charge" in text
    assert "Pause a subscription" not in text


async def test_refuses_a_folder_that_is_not_a_pack(tmp_path: Path) -> None:
    target = tmp_path / "documents"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    async with running(tmp_path) as session:
        screen = await open_export(session, target)
        await session.pilot.press("enter")  # from the path field
        await settle(session.pilot)
        assert session.app.screen is screen
        assert any("is not empty and is not a handover pack" in e for e in session.errors())
        assert not screen.busy
    assert sorted(path.name for path in target.iterdir()) == ["notes.txt"]


async def test_the_default_folder_is_absolute_and_drafts_are_not_ready(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        library = session.app.library
        ready = library.store.get("refund-duplicate-charge")
        assert ready is not None
        library.save(replace(ready, status="draft"))
        await session.pilot.press("e")
        await settle(session.pilot)
        screen = session.app.screen
        assert isinstance(screen, ExportScreen)
        path = screen.query_one("#export-path", Input).value
        assert Path(path).is_absolute() and path.endswith("handover-pack")
        screen.query_one("#export-path", Input).value = str(tmp_path / "pack.md")
        await session.pilot.click("#format-single")
        await session.pilot.click("#scope-ready")
        await session.pilot.click("#export")
        await settle(session.pilot)
        assert f"Wrote a handover pack of 5 processes to {tmp_path / 'pack.md'}" in (
            session.messages()
        )
    assert "Refund a duplicate card charge" not in (tmp_path / "pack.md").read_text("utf-8")
