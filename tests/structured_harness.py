"""A small app that mounts one structured view alone and records what it says it edited."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer

from kt_workbench.structured.hints import EditingHints
from kt_workbench.tui.structured.base import SectionEdited, StructuredSection
from kt_workbench.tui.structured.registry import STRUCTURED_VIEWS


class SectionHarness(App[None]):
    """Mounts the registered view for ``field``, shows ``text`` and keeps every edit."""

    def __init__(self, field: str, text: str, hints: EditingHints | None = None) -> None:
        super().__init__()
        self.field = field
        self.text = text
        self.hints = hints or EditingHints()
        self.edits: list[str] = []

    def compose(self) -> ComposeResult:
        yield STRUCTURED_VIEWS[self.field](self.field, id="view")
        yield Footer()

    def on_mount(self) -> None:
        self.view.show(self.text, self.hints)
        self.view.query_one(".items-list").focus()

    @property
    def view(self) -> StructuredSection:
        return self.query_one("#view", StructuredSection)

    def on_section_edited(self, event: SectionEdited) -> None:
        assert event.field == self.field
        self.edits.append(event.text)
        self.text = event.text
