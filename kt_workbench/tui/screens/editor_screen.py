"""The process editor: a tab per section, live findings beside it, drafts autosaved."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import (
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    Select,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)

from kt_workbench.checker import ProcessReport
from kt_workbench.editing import (
    EditorFields,
    checkable_fields,
    document_from_fields,
    empty_fields,
    field_problems,
    fields_from_document,
    locate,
)
from kt_workbench.errors import KtwError
from kt_workbench.model import STATUSES, ProcessDocument
from kt_workbench.tui.messages import DraftChecked
from kt_workbench.tui.screens.confirm import UnsavedChangesScreen
from kt_workbench.tui.screens.editor_sections import (
    FIELD_LABELS,
    FORM_INPUTS,
    OVERVIEW_AREAS,
    SECTION_TABS,
    TAB_ORDER,
    tab_of_field,
)
from kt_workbench.tui.widgets.findings_panel import FindingsPanel
from kt_workbench.tui.widgets.tree_preview import TreePreview

if TYPE_CHECKING:
    from kt_workbench.tui.app import KtwApp

CHECK_DELAY = 0.25
# Below this width the findings panel no longer fits beside the text: it is hidden until asked.
NARROW_WIDTH = 100
NO_TITLE_YET = "Give the process a title on the Overview tab; the check starts then."


class EditorScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="editor.save"),
        Binding("escape", "close", "Close", id="editor.close"),
        Binding("ctrl+r", "rehearse", "Rehearse", id="editor.rehearse"),
        Binding("f8,ctrl+t", "toggle_findings", "Findings", id="editor.toggle_findings"),
        Binding("ctrl+f", "focus_findings", "Go to the findings", show=False, id="editor.findings"),
        Binding(
            "alt+right,ctrl+pagedown",
            "step_section(1)",
            "Next section",
            id="editor.next_section",
        ),
        Binding(
            "alt+left,ctrl+pageup",
            "step_section(-1)",
            "Previous section",
            show=False,
            id="editor.previous_section",
        ),
        # Digits where they type nothing (the tab strip, the findings list): terminals deliver
        # Alt+digit as a character (Alt+4 arrives as '¢'), so it cannot be a key here.
        *(
            Binding(
                f"{number % 10}",
                f"go_to_section({number - 1})",
                f"Go to {title}",
                show=False,
                id=f"editor.section_{number}",
            )
            for number, (_, title) in enumerate(TAB_ORDER, start=1)
        ),
    ]

    def __init__(
        self,
        original: ProcessDocument | None,
        restored: EditorFields | None = None,
        draft_key: str | None = None,
        base_version: int | None = None,
    ) -> None:
        super().__init__()
        self.original = original
        self.saved_fields: EditorFields = (
            fields_from_document(original) if original else empty_fields()
        )
        self.fields: EditorFields = dict(self.saved_fields)
        if restored is not None:
            self.fields.update(
                {key: str(value) for key, value in restored.items() if key in self.fields}
            )
        self.draft_key = draft_key or (original.id if original else f"new-{uuid.uuid4().hex[:12]}")
        self.document: ProcessDocument | None = original
        self.report: ProcessReport | None = None
        self.error: str | None = None
        self.problems: dict[str, str] = {}
        self.generation = 0
        self._timer: Timer | None = None
        # The stored version ``original`` was read with (read together with it): a save
        # over any other version is refused as a conflict.
        self.base_version = base_version
        self.findings_wanted: bool | None = None  # None: as the width suits

    @property
    def workbench(self) -> KtwApp:
        return cast("KtwApp", self.app)

    @property
    def dirty(self) -> bool:
        return self.fields != self.saved_fields

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="editor-body"):
            with TabbedContent(id="editor-tabs"):
                with TabPane("Overview", id="tab-overview"), VerticalScroll():
                    for key, label in FORM_INPUTS:
                        yield Label(label, classes="field-label")
                        yield Input(self.fields[key], id=f"f-{key}", classes="field")
                        yield Static("", id=f"p-{key}", classes="field-problem", markup=False)
                    yield Label("Status", classes="field-label")
                    yield Select(
                        [(status, status) for status in STATUSES],
                        value=self.fields["status"] or "draft",
                        allow_blank=False,
                        id="f-status",
                    )
                    for key, label in OVERVIEW_AREAS:
                        yield Label(label, classes="field-label")
                        yield Static("", id=f"p-{key}", classes="field-problem", markup=False)
                        yield TextArea(self.fields[key], id=f"t-{key}", classes="short-area")
                for tab in SECTION_TABS:
                    with TabPane(tab.title, id=f"tab-{tab.field}"):
                        yield Static(tab.hint, classes="hint", markup=False)
                        yield Static("", id=f"p-{tab.field}", classes="field-problem", markup=False)
                        if tab.field == "decision_tree":
                            with Horizontal(id="tree-row"):
                                yield TextArea(self.fields[tab.field], id=f"t-{tab.field}")
                                yield TreePreview(id="tree-preview")
                        else:
                            yield TextArea(self.fields[tab.field], id=f"t-{tab.field}")
            yield FindingsPanel(id="findings")
        yield Footer()

    def on_mount(self) -> None:
        if self.original is None:
            self.query_one("#f-title", Input).focus()
        self.fit_layout(self.app.size.width)
        self.refresh_title()
        self.show_problems()
        self.schedule_check(0)

    def on_resize(self, event: Resize) -> None:
        self.fit_layout(event.size.width)

    def fit_layout(self, width: int) -> None:
        narrow = width < NARROW_WIDTH
        self.set_class(narrow, "-narrow")
        shown = self.findings_wanted if self.findings_wanted is not None else not narrow
        self.query_one(FindingsPanel).display = shown

    def refresh_title(self) -> None:
        name = self.fields.get("title") or "New process"
        self.title = f"{name}{' •' if self.dirty else ''}"
        if self.original is None and not self.dirty:
            state = "new, not saved yet"
        elif self.original is None or self.dirty:
            state = "unsaved changes"
        else:
            state = "saved"
        if self.report is not None:
            state += f" · {self.report.score} {self.report.readiness}"
        self.sub_title = state

    # --- changes ------------------------------------------------------------------------------

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        if event.input.id and event.input.id.startswith("f-"):
            self.field_changed(event.input.id[2:], event.value)

    @on(TextArea.Changed)
    def _area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id and event.text_area.id.startswith("t-"):
            self.field_changed(event.text_area.id[2:], event.text_area.text)

    @on(Select.Changed, "#f-status")
    def _status_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.field_changed("status", event.value)

    def field_changed(self, key: str, value: str) -> None:
        if self.fields.get(key) == value:
            return
        self.fields[key] = value
        self.refresh_title()
        self.show_problems()
        self.schedule_check(CHECK_DELAY)

    def show_problems(self) -> None:
        """Mark each field whose value cannot be used, with what is wrong beside it."""
        self.problems = field_problems(self.fields, self.workbench.library.today)
        for problem in self.query(".field-problem").results(Static):
            key = (problem.id or "p-").removeprefix("p-")
            message = self.problems.get(key)
            problem.display = message is not None
            problem.update(Text(f"{FIELD_LABELS.get(key, key)} {message}" if message else ""))
            for widget in self.query(f"#f-{key}, #t-{key}"):
                widget.set_class(message is not None, "-invalid")

    def schedule_check(self, delay: float) -> None:
        """Coalesce keystrokes: check once typing pauses."""
        if self._timer is not None:
            self._timer.stop()
        self.generation += 1
        generation, fields, dirty = self.generation, dict(self.fields), self.dirty
        problems = dict(self.problems)
        if delay <= 0:
            self.check_draft(fields, problems, generation, dirty)
            return
        self._timer = self.set_timer(
            delay, lambda: self.check_draft(fields, problems, generation, dirty)
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="editor-check")
    def check_draft(
        self, fields: EditorFields, problems: dict[str, str], generation: int, dirty: bool
    ) -> None:
        if dirty:
            self.workbench.drafts.save(self.draft_key, json.dumps(fields, ensure_ascii=False))
        if not fields.get("title", "").strip():
            self.post_message(DraftChecked(None, None, NO_TITLE_YET, generation))
            return
        try:
            document = document_from_fields(checkable_fields(fields, problems))
        except KtwError as error:
            self.post_message(DraftChecked(None, None, str(error), generation))
            return
        report = self.workbench.library.check_draft(document)
        self.post_message(DraftChecked(document, report, None, generation))

    def on_draft_checked(self, message: DraftChecked) -> None:
        if message.generation != self.generation:
            return  # a newer edit is being checked
        panel = self.query_one(FindingsPanel)
        self.error = message.error
        if message.error == NO_TITLE_YET:
            panel.show_error(message.error, heading="New process")
            return
        if message.error is not None or message.report is None:
            panel.show_error(message.error or "")
            return
        self.document = message.document
        self.report = message.report
        panel.show_report(message.report)
        self.refresh_title()
        if message.document is not None:
            self.query_one(TreePreview).show(message.document.decision_tree)

    # --- moving around ------------------------------------------------------------------------

    def on_findings_panel_finding_chosen(self, message: FindingsPanel.FindingChosen) -> None:
        finding = message.finding
        field, line = locate(self.fields, finding.section, finding.location, finding.message)
        self.show_field(field, line)
        self.notify(finding.hint, title=finding.rule, timeout=6)

    def show_section(self, section: str, needle: str = "", location: str = "") -> None:
        """Open the tab of ``section``; with a location or a matched word, the exact line."""
        if not needle and not location:
            self.activate_tab(tab_of_field(section))
            return
        field, line = locate(self.fields, section, location, f'"{needle}"' if needle else "")
        self.show_field(field, line)

    def show_field(self, field: str, line: int | None) -> None:
        self.query_one(TabbedContent).active = tab_of_field(field)
        if field == "status":
            self.query_one("#f-status", Select).focus()
            return
        inputs = self.query(f"#f-{field}")
        if inputs:
            inputs.first().focus()
            return
        areas = self.query(f"#t-{field}").results(TextArea)
        area = next(iter(areas), None)
        if area is None:
            return
        area.focus()
        if line is not None:
            area.move_cursor((line, 0), center=True)

    def action_step_section(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        order = [tab_id for tab_id, _ in TAB_ORDER]
        index = order.index(tabs.active) if tabs.active in order else 0
        self.activate_tab(order[(index + step) % len(order)])

    def action_go_to_section(self, index: int) -> None:
        if 0 <= index < len(TAB_ORDER):
            self.activate_tab(TAB_ORDER[index][0])

    def activate_tab(self, tab_id: str) -> None:
        """Show a tab and put the cursor in its first field (focus elsewhere pulls it back)."""
        self.query_one(TabbedContent).active = tab_id
        field = tab_id.removeprefix("tab-")
        target = (self.query(f"#t-{field}") or self.query("#f-title")).first()
        target.focus()
        # The tab switch settles on the next refresh; focus again so typing lands in the text.
        self.call_after_refresh(target.focus)

    def action_toggle_findings(self) -> None:
        panel = self.query_one(FindingsPanel)
        self.findings_wanted = not panel.display
        panel.display = self.findings_wanted

    def action_focus_findings(self) -> None:
        self.findings_wanted = True
        self.query_one(FindingsPanel).display = True
        findings = self.query_one("#findings-list", OptionList)
        if findings.highlighted is None and findings.option_count:
            findings.highlighted = 0  # so Enter opens the first finding straight away
        findings.focus()

    # --- saving and closing -------------------------------------------------------------------

    def action_save(self) -> None:
        if not self.dirty and self.original is not None:
            self.notify("No changes to save.", timeout=3)
            return
        self.save_document(close_after=False)

    def save_problem(self) -> str | None:
        """Why the fields cannot be saved as they are, or None."""
        if self.problems:
            key, message = next(iter(self.problems.items()))
            return f"{FIELD_LABELS.get(key, key)} {message}."
        if self.error is not None:
            return self.error
        try:
            document_from_fields(self.fields)
        except KtwError as error:
            return str(error)
        return None

    def save_document(self, close_after: bool, then: Callable[[], None] | None = None) -> None:
        """Save in a worker; ``then`` runs after a successful save."""
        problem = self.save_problem()
        if problem is not None:
            self.notify(problem, title="Not saved", severity="error")
            return
        self.store_document(document_from_fields(self.fields), dict(self.fields), close_after, then)

    @work(thread=True, exclusive=True, exit_on_error=False, group="editor-save")
    def store_document(
        self,
        document: ProcessDocument,
        fields: EditorFields,
        close_after: bool,
        then: Callable[[], None] | None = None,
    ) -> None:
        library = self.workbench.library
        previous = self.original.id if self.original else None
        if document.id != previous and library.store.get(document.id) is not None:
            self.app.call_from_thread(
                self.notify,
                f"Another process already uses the id '{document.id}'; change the title or id.",
                title="Not saved",
                severity="error",
            )
            return
        try:
            version = library.save(document, replacing=previous, expected_version=self.base_version)
        except KtwError as error:
            self.app.call_from_thread(self.notify, str(error), title="Not saved", severity="error")
            return
        self.workbench.drafts.discard(self.draft_key)
        self.app.call_from_thread(self.saved, document, fields, close_after, version, then)

    def saved(
        self,
        document: ProcessDocument,
        fields: EditorFields,
        close_after: bool,
        version: int,
        then: Callable[[], None] | None = None,
    ) -> None:
        self.original = document
        self.base_version = version
        self.draft_key = document.id
        self.saved_fields = fields
        self.refresh_title()
        self.notify(f"Saved '{document.title}'.")
        if close_after:
            self.dismiss()
        if then is not None:
            then()

    def discard_draft(self) -> None:
        self.workbench.drafts.discard(self.draft_key)

    def action_close(self) -> None:
        if not self.dirty:
            self.discard_draft()
            self.dismiss()
            return

        def decide(choice: str | None) -> None:
            if choice == "save":
                self.save_document(close_after=True)
            elif choice == "discard":
                self.discard_draft()
                self.dismiss()

        self.app.push_screen(
            UnsavedChangesScreen(self.fields.get("title") or "New process"), decide
        )

    def action_rehearse(self) -> None:
        if self.document is None or not self.document.decision_tree:
            self.notify("There is no decision tree to rehearse yet.", severity="warning")
            return
        from kt_workbench.tui.screens.rehearsal_screen import RehearsalScreen

        self.app.push_screen(RehearsalScreen(self.document.decision_tree, self.document.title))
