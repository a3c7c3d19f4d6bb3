"""The process editor: a tab per section, live findings beside it, drafts autosaved.

Each section tab shows its structured view (steps, rows, cases, tree: when one is registered
for it) or its markdown source, switched with F2; both edit the same field text. Undo and redo
work over the fields (item operations, form values and text alike).
"""

from __future__ import annotations

import json
import uuid
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.events import Resize
from textual.timer import Timer
from textual.widgets import (
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

from kt_workbench.edit_history import FieldHistory
from kt_workbench.editing import (
    EditorFields,
    checkable_fields,
    document_from_fields,
    empty_fields,
    field_problems,
    fields_from_document,
)
from kt_workbench.errors import KtwError
from kt_workbench.model import STATUSES, ProcessDocument
from kt_workbench.structured.hints import EditingHints, VocabularyCache, editing_hints
from kt_workbench.structured.templates import template_sections
from kt_workbench.tui.messages import DraftChecked
from kt_workbench.tui.screens.editor_navigation import TOGGLE_ID, EditorNavigation
from kt_workbench.tui.screens.editor_sections import (
    FIELD_LABELS,
    FORM_INPUTS,
    OVERVIEW_AREAS,
    SECTION_TABS,
    TAB_ORDER,
)
from kt_workbench.tui.structured import registry
from kt_workbench.tui.structured.base import UNDO_ID, SectionEdited
from kt_workbench.tui.widgets.findings_panel import FindingsPanel
from kt_workbench.tui.widgets.footer import KeyBar
from kt_workbench.tui.widgets.section_editor import SectionEditor
from kt_workbench.tui.widgets.tree_preview import TreePreview

CHECK_DELAY = 0.25
# Below this width the findings panel no longer fits beside the text: it is hidden until asked.
NARROW_WIDTH = 100
NO_TITLE_YET = "Give the process a title on the Overview tab; the check starts then."
_VOCABULARY = VocabularyCache()


def new_process_fields() -> EditorFields:
    """A new process: blank overview, one example item in every section to overwrite."""
    return empty_fields() | template_sections()


class EditorScreen(EditorNavigation):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="editor.save"),
        Binding("escape", "close", "Close", id="editor.close"),
        Binding("f2", "toggle_source", "Source", id=TOGGLE_ID),
        Binding("ctrl+z", "undo", "Undo", show=False, id=UNDO_ID),
        Binding("ctrl+y,ctrl+shift+z", "redo", "Redo", show=False, id="editor.redo"),
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
        # Digits where they type nothing (the tab strip, the findings list, an item list):
        # terminals deliver Alt+digit as a character (Alt+4 arrives as '¢'), so it cannot be
        # a key here.
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
        self.saved_fields = fields_from_document(original) if original else new_process_fields()
        self.fields = dict(self.saved_fields)
        if restored is not None:
            self.fields.update(
                {key: str(value) for key, value in restored.items() if key in self.fields}
            )
        self.draft_key = draft_key or (original.id if original else f"new-{uuid.uuid4().hex[:12]}")
        self.document = original
        self.report = None
        self.error = None
        self.problems = {}
        self.generation = 0
        self._timer: Timer | None = None
        # The stored version ``original`` was read with (read together with it): a save
        # over any other version is refused as a conflict.
        self.base_version = base_version
        self.findings_wanted: bool | None = None  # None: as the width suits
        self.history = FieldHistory(self.fields)
        self.hints = EditingHints()
        self._problem_widgets: dict[str, Static] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="editor-body"):
            with TabbedContent(id="editor-tabs"):
                with TabPane("Overview", id="tab-overview"), VerticalScroll():
                    for key, label in FORM_INPUTS:
                        yield Label(label, classes="field-label")
                        # Not selected on focus: opening a process puts the cursor in the
                        # title, and a first keystroke must not replace the whole title.
                        yield Input(
                            self.fields[key],
                            id=f"f-{key}",
                            classes="field",
                            select_on_focus=False,
                        )
                        yield Static("", id=f"p-{key}", classes="field-problem", markup=False)
                    yield Label("Status", classes="field-label")
                    status = self.fields["status"]
                    yield Select(
                        [(name, name) for name in STATUSES],
                        value=status if status in STATUSES else "draft",
                        allow_blank=False,
                        id="f-status",
                    )
                    yield Static("", id="p-status", classes="field-problem", markup=False)
                    for key, label in OVERVIEW_AREAS:
                        yield Label(label, classes="field-label")
                        yield Static("", id=f"p-{key}", classes="field-problem", markup=False)
                        yield TextArea(self.fields[key], id=f"t-{key}", classes="short-area")
                for tab in SECTION_TABS:
                    with TabPane(tab.title, id=f"tab-{tab.field}"):
                        yield SectionEditor(
                            tab,
                            self.fields[tab.field],
                            registry.STRUCTURED_VIEWS.get(tab.field),
                            self.chosen_modes.get(tab.field),
                        )
            yield FindingsPanel(id="findings")
        yield KeyBar()

    def on_mount(self) -> None:
        self.fit_layout(self.app.size.width)
        self.refresh_title()
        self.show_problems()
        for section in self.query(SectionEditor):
            if section.structured:
                section.show_in_view(self.fields[section.field], self.hints)
        self.describe_toggle()
        self.schedule_check(0)
        # The cursor starts in the first field, so typing goes somewhere.
        self.focus_later(self.query_one("#f-title", Input))

    def on_resize(self, event: Resize) -> None:
        self.fit_layout(event.size.width)
        self.refresh_title()

    def fit_layout(self, width: int) -> None:
        narrow = width < NARROW_WIDTH
        self.set_class(narrow, "-narrow")
        shown = self.findings_wanted if self.findings_wanted is not None else not narrow
        self.query_one(FindingsPanel).display = shown

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

    @on(SectionEdited)
    def _section_edited(self, event: SectionEdited) -> None:
        """A structured view changed its section: the source follows, and the check."""
        event.stop()
        sections = [s for s in self.query(SectionEditor) if s.field == event.field]
        if not sections:
            return
        sections[0].view_edited(event.text)
        self.field_changed(event.field, event.text)

    def field_changed(self, key: str, value: str) -> None:
        if self.fields.get(key) == value:
            return
        self.fields[key] = value
        self.history.record(key, self.fields)
        self.refresh_title()
        self.show_problems()
        self.schedule_check(CHECK_DELAY)

    def show_problems(self) -> None:
        """Mark each field whose value cannot be used, with what is wrong beside it.

        Runs on every keystroke, so it touches only the fields whose problem changed, through
        widgets looked up once: querying the whole editor per field took a second per key on
        a new process, and keys typed meanwhile arrived in a burst.
        """
        problems = field_problems(self.fields, self.workbench.library.today)
        if self._problem_widgets is None:
            self._problem_widgets = {
                (problem.id or "p-").removeprefix("p-"): problem
                for problem in self.query_one("#tab-overview")
                .query(".field-problem")
                .results(Static)
            }
            shown: dict[str, str] | None = None
        else:
            shown = self.problems
        self.problems = problems
        for key, problem in self._problem_widgets.items():
            message = problems.get(key)
            if shown is not None and shown.get(key) == message:
                continue
            problem.display = message is not None
            problem.update(Text(f"{FIELD_LABELS.get(key, key)} {message}" if message else ""))
            for widget in self.query_one("#tab-overview").query(f"#f-{key}, #t-{key}"):
                widget.set_class(message is not None, "-invalid")

    # --- undo and redo ------------------------------------------------------------------------

    def action_undo(self) -> None:
        fields = self.history.undo()
        if fields is None:
            self.notify("Nothing to undo.", timeout=2)
            return
        self.put_fields(fields)

    def action_redo(self) -> None:
        fields = self.history.redo()
        if fields is None:
            self.notify("Nothing to redo.", timeout=2)
            return
        self.put_fields(fields)

    def put_fields(self, fields: EditorFields) -> None:
        """Show ``fields`` everywhere (after undo or redo), and the tab of what changed."""
        changed = [key for key, value in fields.items() if self.fields.get(key) != value]
        self.fields = dict(fields)
        sections = {section.field: section for section in self.query(SectionEditor)}
        for key in changed:
            if key in sections:
                sections[key].put_text(fields[key], self.hints)
            elif key == "status":
                if fields[key] in STATUSES:
                    self.query_one("#f-status", Select).value = fields[key]
            else:
                for widget in self.query(f"#f-{key}").results(Input):
                    widget.value = fields[key]
                for area in self.query(f"#t-{key}").results(TextArea):
                    area.load_text(fields[key])
        self.refresh_title()
        self.show_problems()
        self.schedule_check(CHECK_DELAY)
        if changed:
            self.show_changed_field(changed[0], sections.get(changed[0]))

    # --- checking -----------------------------------------------------------------------------

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
        library = self.workbench.library
        snapshot = library.snapshot()
        vocabulary = _VOCABULARY.of(snapshot, snapshot.documents)
        if not fields.get("title", "").strip():
            self.app.call_from_thread(self.use_hints, editing_hints(vocabulary, None))
            self.post_message(DraftChecked(None, None, NO_TITLE_YET, generation))
            return
        try:
            document = document_from_fields(checkable_fields(fields, problems))
        except KtwError as error:
            self.post_message(DraftChecked(None, None, str(error), generation))
            return
        report = library.check_draft(document)
        self.app.call_from_thread(self.use_hints, editing_hints(vocabulary, document))
        self.post_message(DraftChecked(document, report, None, generation))

    def use_hints(self, hints: EditingHints) -> None:
        """New suggestions (the library or the process changed): each view takes them."""
        if hints == self.hints:
            return
        self.hints = hints
        for section in self.query(SectionEditor):
            view = section.view
            if view is not None:
                view.use_hints(hints)

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

    def action_focus_findings(self) -> None:
        self.findings_wanted = True
        self.query_one(FindingsPanel).display = True
        findings = self.query_one("#findings-list", OptionList)
        if findings.highlighted is None and findings.option_count:
            findings.highlighted = 0  # so Enter opens the first finding straight away
        findings.focus()
