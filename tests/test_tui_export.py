"""The export dialog: packs written where asked, refusals shown without closing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.widgets import Checkbox, Input

from kt_workbench.tui.screens.export_screen import ExportScreen
from tests.tui_support import Session, running, settle


async def open_export(session: Session, target: Path) -> ExportScreen:
    await session.pilot.press("f4")
    await settle(session.pilot)
    screen = session.app.screen
    assert isinstance(screen, ExportScreen)
    screen.query_one("#export-path", Input).value = str(target)
    return screen


async def test_a_pack_holding_credentials_is_refused_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    # The samples hold two credentials on purpose (lost-stolen-card); the pack must not.
    target = tmp_path / "pack"
    async with running(tmp_path) as session:
        screen = await open_export(session, target)
        await session.pilot.click("#export")
        await settle(session.pilot)
        assert session.app.screen is screen
        assert any("the pack would contain 2 credentials" in e for e in session.errors())
    assert not target.exists()


async def test_masking_writes_the_pack_with_every_credential_hidden(tmp_path: Path) -> None:
    target = tmp_path / "pack"
    async with running(tmp_path) as session:
        screen = await open_export(session, target)
        label = str(screen.query_one("#export-mask", Checkbox).label)
        assert "[hidden]" in label  # shown literally, not read as markup
        await session.pilot.click("#export-mask")
        assert screen.mask_secrets
        await session.pilot.click("#export")
        await settle(session.pilot)
        assert f"Wrote a handover pack of 15 processes to {target}" in session.messages()
    card = (target / "processes" / "lost-stolen-card.md").read_text(encoding="utf-8")
    assert "[hidden]" in card


async def test_exports_only_the_ready_ones_to_a_single_file(tmp_path: Path) -> None:
    target = tmp_path / "pack.md"
    async with running(tmp_path) as session:
        screen = await open_export(session, target)
        await session.pilot.click("#format-single")
        await session.pilot.click("#scope-ready")
        assert screen.kind == "markdown" and screen.only_ready
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
        await session.pilot.press("f4")
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
