"""Moving around the editor: tabs, items or source (F2), findings and search hits to the
exact item or line.

A finding about a section shown as items asks the view to select the item and field it is
about (``select``); when the view cannot, the section's source opens at the line instead.
"""

from __future__ import annotations

from dataclasses import replace
from weakref import WeakKeyDictionary

from textual import on
from textual.app import App
from textual.widget import Widget
from textual.widgets import Select, TabbedContent, TabPane, TextArea

from kt_workbench.editing import locate
from kt_workbench.structured.hints import EditingHints
from kt_workbench.tui.screens.editor_saving import EditorSaving
from kt_workbench.tui.screens.editor_sections import TAB_ORDER, tab_of_field
from kt_workbench.tui.widgets.findings_panel import FindingsPanel
from kt_workbench.tui.widgets.section_editor import ITEMS, SOURCE, SectionEditor

TOGGLE_ID = "editor.toggle_source"
# Items or source, per section, as chosen with F2: kept while the workbench runs.
_CHOSEN_MODES: WeakKeyDictionary[App[object], dict[str, str]] = WeakKeyDictionary()


class EditorNavigation(EditorSaving):
    hints: EditingHints
    findings_wanted: bool | None
    focus_wanted: Widget | None = None

    @property
    def chosen_modes(self) -> dict[str, str]:
        return _CHOSEN_MODES.setdefault(self.app, {})

    def section_of(self, field: str) -> SectionEditor | None:
        return next((s for s in self.query(SectionEditor) if s.field == field), None)

    def on_findings_panel_finding_chosen(self, message: FindingsPanel.FindingChosen) -> None:
        finding = message.finding
        self.notify(finding.hint, title=finding.rule, timeout=6)
        if self.select_item(finding.section, finding.location, finding.message):
            return
        field, line = locate(self.fields, finding.section, finding.location, finding.message)
        self.show_field(field, line)

    def select_item(self, field: str, location: str, message: str) -> bool:
        """Let the section's view select what ``location`` names, when it shows items."""
        section = self.section_of(field)
        view = section.view if section is not None else None
        if section is None or view is None or not section.structured:
            return False
        self.query_one(TabbedContent).active = tab_of_field(field)
        section.show_in_view(self.fields[field], self.hints)
        self.focus_wanted = None  # the view puts the cursor on the item itself
        return section.select(location, message)

    def show_section(self, section: str, needle: str = "", location: str = "") -> None:
        """Open the tab of ``section``; with a location or a matched word, the exact line."""
        if not needle and not location:
            self.activate_tab(tab_of_field(section))
            return
        message = f'"{needle}"' if needle else ""
        if location and self.select_item(section, location, message):
            return
        field, line = locate(self.fields, section, location, message)
        self.show_field(field, line)

    def show_field(self, field: str, line: int | None) -> None:
        """Put the cursor in ``field`` (at ``line``): a section shown as items opens its source
        for this, as the line is in the text."""
        self.query_one(TabbedContent).active = tab_of_field(field)
        if field == "status":
            self.query_one("#f-status", Select).focus()
            return
        inputs = self.query(f"#f-{field}")
        if inputs:
            inputs.first().focus()
            return
        section = self.section_of(field)
        if section is not None and section.structured:
            self.switch_mode(section, SOURCE)
        areas = self.query(f"#t-{field}").results(TextArea)
        area = next(iter(areas), None)
        if area is None:
            return
        self.focus_later(area)
        if line is not None:
            area.move_cursor((line, 0), center=True)

    def show_changed_field(self, field: str, section: SectionEditor | None) -> None:
        """After undo or redo: the tab of what changed, with the cursor in it."""
        tab = tab_of_field(field)
        if self.query_one(TabbedContent).active != tab:
            self.query_one(TabbedContent).active = tab
        if section is not None:
            inside = self.focused is not None and self.focused in section.walk_children()
            if not (section.structured and inside):  # else the cursor stays in the view
                self.focus_later(section.first_focus())
            return
        target = next(iter(self.query(f"#f-{field}, #t-{field}")), None)
        if target is not None:
            self.focus_later(target)

    def action_step_section(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        order = [tab_id for tab_id, _ in TAB_ORDER]
        index = order.index(tabs.active) if tabs.active in order else 0
        self.activate_tab(order[(index + step) % len(order)])

    def action_go_to_section(self, index: int) -> None:
        if 0 <= index < len(TAB_ORDER):
            self.activate_tab(TAB_ORDER[index][0])

    def activate_tab(self, tab_id: str) -> None:
        """Show a tab and put the cursor in its first field: the view's list when the section
        shows items (digits there switch tabs again), its text when it shows the source."""
        self.query_one(TabbedContent).active = tab_id
        section = self.section_of(tab_id.removeprefix("tab-"))
        target = section.first_focus() if section is not None else self.query_one("#f-title")
        self.focus_later(target)

    def focus_later(self, target: Widget) -> None:
        self.focus_wanted = target
        target.focus()

        def again() -> None:
            if self.focus_wanted is target and self.focus_lost():
                target.focus()

        # A tab or view switch settles on the next refresh and may take the cursor away; it
        # is put back then, unless it went somewhere visible meanwhile (a key typed early).
        self.call_after_refresh(again)

    def focus_lost(self) -> bool:
        """Whether the cursor is nowhere, or in a tab that is not shown."""
        focused = self.focused
        if focused is None:
            return True
        active = self.query_one(TabbedContent).active
        panes = [node for node in focused.ancestors if isinstance(node, TabPane)]
        return bool(panes) and panes[0].id != active

    def action_toggle_findings(self) -> None:
        panel = self.query_one(FindingsPanel)
        self.findings_wanted = not panel.display
        panel.display = self.findings_wanted

    # --- items or source ----------------------------------------------------------------------

    def active_section(self) -> SectionEditor | None:
        field = self.query_one(TabbedContent).active.removeprefix("tab-")
        return next((s for s in self.query(SectionEditor) if s.field == field), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_source":
            # Where there is no structured view the action is off (shown dimmed) and the key
            # is left to the app (F2: search).
            section = self.active_section()
            return True if section is not None and section.view_class is not None else None
        return True

    def action_toggle_source(self) -> None:
        section = self.active_section()
        if section is None or section.view_class is None:
            return
        mode = SOURCE if section.structured else ITEMS
        self.chosen_modes[section.field] = mode
        self.switch_mode(section, mode)
        self.focus_later(section.first_focus())

    def switch_mode(self, section: SectionEditor, mode: str) -> None:
        section.switch(mode, self.fields[section.field], self.hints)
        self.describe_toggle()

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        section = self.active_section()
        if section is not None and section.structured:
            section.show_in_view(self.fields[section.field], self.hints)
        self.describe_toggle()
        # The cursor left in a tab that is now hidden would pull that tab back (Textual moves
        # it to a visible sibling there): it follows to the tab shown.
        focused = self.focused
        panes = [
            node for node in (focused.ancestors if focused else []) if isinstance(node, TabPane)
        ]
        if panes and panes[0].id != event.pane.id:
            target = section.first_focus() if section is not None else self.query_one("#f-title")
            self.focus_later(target)

    def describe_toggle(self) -> None:
        """The Footer names what F2 switches to: the source, or the items."""
        section = self.active_section()
        description = "Items" if section is not None and not section.structured else "Source"
        bindings = self._bindings.key_to_bindings
        for key, keyed in bindings.items():
            bindings[key] = [
                replace(binding, description=description) if binding.id == TOGGLE_ID else binding
                for binding in keyed
            ]
        self.refresh_bindings()
