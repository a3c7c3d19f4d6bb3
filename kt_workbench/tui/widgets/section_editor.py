"""One section tab of the editor: its structured view and its markdown source, one at a time.

Both edit the same field text. The view reports its changes with ``SectionEdited`` (the
screen updates the field and the source); the source reaches the view through ``show``
when the view is shown again. A section whose view is not registered shows its source only.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Static, TextArea

from kt_workbench.structured.hints import EditingHints
from kt_workbench.tui.screens.editor_sections import SectionTab
from kt_workbench.tui.structured.base import StructuredSection
from kt_workbench.tui.widgets.tree_preview import TreePreview

ITEMS, SOURCE = "items", "source"


class SectionEditor(Vertical):
    DEFAULT_CSS = """
    SectionEditor, SectionEditor > ContentSwitcher, SectionEditor .section-source {
        height: 1fr;
    }
    SectionEditor StructuredSection {
        height: 1fr;
    }
    """

    def __init__(
        self,
        tab: SectionTab,
        text: str,
        view_class: type[StructuredSection] | None,
        mode: str | None = None,
    ) -> None:
        super().__init__(id=f"section-{tab.field}")
        self.tab = tab
        self.field = tab.field
        self.initial_text = text
        self.view_class = view_class
        # What the view was last shown (text and hints), so it is shown again only when the
        # source or the hints changed since.
        self.shown: tuple[str, EditingHints] | None = None
        self.initial_mode = SOURCE if view_class is None else (mode or ITEMS)

    @property
    def source_id(self) -> str:
        return f"s-{self.field}"

    @property
    def view_id(self) -> str:
        return f"v-{self.field}"

    def compose(self) -> ComposeResult:
        yield Static("", id=f"p-{self.field}", classes="field-problem", markup=False)
        initial = self.view_id if self.initial_mode == ITEMS else self.source_id
        with ContentSwitcher(initial=initial):
            if self.view_class is not None:
                yield self.view_class(self.field, id=self.view_id)
            with Vertical(id=self.source_id, classes="section-source"):
                yield Static(self.tab.hint, classes="hint", markup=False)
                if self.field == "decision_tree":
                    with Horizontal(id="tree-row"):
                        yield TextArea(self.initial_text, id=f"t-{self.field}")
                        yield TreePreview(id="tree-preview")
                else:
                    yield TextArea(self.initial_text, id=f"t-{self.field}")

    @property
    def view(self) -> StructuredSection | None:
        if self.view_class is None:
            return None
        return self.query_one(f"#{self.view_id}", StructuredSection)

    @property
    def area(self) -> TextArea:
        return self.query_one(f"#t-{self.field}", TextArea)

    @property
    def mode(self) -> str:
        current = self.query_one(ContentSwitcher).current
        return ITEMS if current == self.view_id else SOURCE

    @property
    def structured(self) -> bool:
        return self.mode == ITEMS

    def show_in_view(self, text: str, hints: EditingHints, force: bool = False) -> None:
        """Give the view the section text (when it changed since it last saw it)."""
        view = self.view
        if view is None or (not force and self.shown == (text, hints)):
            return
        self.shown = (text, hints)
        try:
            view.show(text, hints)
        except Exception as error:  # a fault of the view must not lose the text
            self.view_failed(error)

    def view_failed(self, error: Exception) -> None:
        """A view that cannot show the text: the source shows it instead, nothing is lost."""
        self.log.error(f"the {self.field} view failed", error)
        self.app.notify(
            f"This section cannot be shown as items ({error}); its source is shown instead.",
            severity="error",
        )
        self.query_one(ContentSwitcher).current = self.source_id

    def select(self, location: str, message: str) -> bool:
        """Ask the view to select what a finding names; False when it cannot."""
        view = self.view
        if view is None:
            return False
        try:
            return view.select(location, message)
        except Exception as error:
            self.log.error(f"the {self.field} view could not select {location!r}", error)
            return False

    def view_edited(self, text: str) -> None:
        """The view changed the text itself: it already shows it, so no ``show`` is due."""
        if self.shown is not None:
            self.shown = (text, self.shown[1])
        if self.area.text != text:
            self.area.load_text(text)

    def switch(self, mode: str, text: str, hints: EditingHints) -> None:
        if mode == ITEMS and self.view_class is None:
            return
        if mode == ITEMS:
            self.show_in_view(text, hints)
        self.query_one(ContentSwitcher).current = self.view_id if mode == ITEMS else self.source_id

    def first_focus(self) -> Widget:
        """Where the cursor goes when the tab is opened: the view's first focusable widget
        (its list) in items mode, the text in source mode."""
        view = self.view
        if self.structured and view is not None:
            focusable = [widget for widget in view.query("*") if widget.focusable]
            return focusable[0] if focusable else view
        return self.area

    def put_text(self, text: str, hints: EditingHints) -> None:
        """Undo, redo or a reload set the text: both sides show it."""
        if self.area.text != text:
            self.area.load_text(text)
        if self.structured:
            self.show_in_view(text, hints)
