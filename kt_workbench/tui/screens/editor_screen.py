"""The process editor: a tab per section, live findings beside it, drafts autosaved."""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import (
    Footer,
    Header,
    Input,
    Label,
    Select,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
    Tree,
)

from kt_workbench.editing import (
    EditorFields,
    document_from_fields,
    empty_fields,
    fields_from_document,
)
from kt_workbench.errors import KtwError
from kt_workbench.model import STATUSES, DecisionTree, NodeKind, ProcessDocument
from kt_workbench.tui.messages import DraftChecked
from kt_workbench.tui.screens.confirm import ConfirmScreen, UnsavedChangesScreen
from kt_workbench.tui.screens.editor_sections import SECTION_TABS, TAB_FOR_SECTION
from kt_workbench.tui.widgets.findings_panel import FindingsPanel

if TYPE_CHECKING:
    from kt_workbench.tui.app import KtwApp

CHECK_DELAY = 0.25
NO_TITLE_YET = "Give the process a title on the Overview tab; the check starts then."
FORM_INPUTS = (
    ("title", "Title"),
    ("id", "Id (blank: from the title)"),
    ("owner", "Owner"),
    ("team", "Team"),
    ("channels", "Channels (comma separated)"),
    ("volume_per_month", "Volume per month"),
    ("last_reviewed", "Last reviewed (YYYY-MM-DD)"),
    ("review_every_days", "Review every (days)"),
    ("tags", "Tags (comma separated)"),
)
OVERVIEW_AREAS = (
    ("introduction", "Introduction"),
    ("purpose", "Purpose"),
    ("scope", "Scope"),
    ("extra_front_matter", "Extra fields (YAML)"),
)


class EditorScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="editor.save"),
        Binding("escape", "close", "Close", id="editor.close"),
        Binding("ctrl+r", "rehearse", "Rehearse tree", id="editor.rehearse"),
        Binding("ctrl+f", "focus_findings", "Findings", show=False, id="editor.findings"),
    ]

    def __init__(self, original: ProcessDocument | None, base_version: int | None = None) -> None:
        super().__init__()
        self.original = original
        self.saved_fields: EditorFields = (
            fields_from_document(original) if original else empty_fields()
        )
        self.fields: EditorFields = dict(self.saved_fields)
        self.draft_key = original.id if original else f"new-{uuid.uuid4().hex[:12]}"
        self.document: ProcessDocument | None = original
        self.error: str | None = None
        self.generation = 0
        self._timer: Timer | None = None
        # The stored version ``original`` was read with (read together with it): a save
        # over any other version is refused as a conflict.
        self.base_version = base_version

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
                    yield Label("Status", classes="field-label")
                    yield Select(
                        [(status, status) for status in STATUSES],
                        value=self.fields["status"] or "draft",
                        allow_blank=False,
                        id="f-status",
                    )
                    for key, label in OVERVIEW_AREAS:
                        yield Label(label, classes="field-label")
                        yield TextArea(self.fields[key], id=f"t-{key}", classes="short-area")
                for tab in SECTION_TABS:
                    with TabPane(tab.title, id=f"tab-{tab.field}"):
                        yield Static(tab.hint, classes="hint")
                        if tab.field == "decision_tree":
                            with Horizontal():
                                yield TextArea(self.fields[tab.field], id=f"t-{tab.field}")
                                yield Tree("Decision tree", id="tree-preview")
                        else:
                            yield TextArea(self.fields[tab.field], id=f"t-{tab.field}")
            yield FindingsPanel(id="findings")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_title()
        self.schedule_check(0)
        draft = self.workbench.drafts.load(self.draft_key)
        if draft is not None and self.original is not None:
            try:
                restored = json.loads(draft.text)
            except ValueError:
                return
            if restored != self.saved_fields:
                when = draft.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
                self.app.push_screen(
                    ConfirmScreen(
                        f"Unsaved changes to this process from {when} were found. Restore them?",
                        "Restore",
                    ),
                    lambda yes: (
                        self.restore(restored)
                        if yes
                        else self.workbench.drafts.discard(self.draft_key)
                    ),
                )

    def restore(self, fields: EditorFields) -> None:
        self.fields.update({key: str(value) for key, value in fields.items() if key in self.fields})
        for key, value in self.fields.items():
            if key == "status":
                self.query_one("#f-status", Select).value = value or "draft"
            elif self.query(f"#f-{key}"):
                self.query_one(f"#f-{key}", Input).value = value
            elif self.query(f"#t-{key}"):
                self.query_one(f"#t-{key}", TextArea).load_text(value)
        self.schedule_check(0)

    def refresh_title(self) -> None:
        name = self.fields.get("title") or "New process"
        self.title = f"{name}{' •' if self.dirty else ''}"
        self.sub_title = "unsaved changes" if self.dirty else "saved"

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
        self.schedule_check(CHECK_DELAY)

    def schedule_check(self, delay: float) -> None:
        """Coalesce keystrokes: check once typing pauses."""
        if self._timer is not None:
            self._timer.stop()
        self.generation += 1
        generation, fields, dirty = self.generation, dict(self.fields), self.dirty
        if delay <= 0:
            self.check_draft(fields, generation, dirty)
            return
        self._timer = self.set_timer(delay, lambda: self.check_draft(fields, generation, dirty))

    @work(thread=True, exclusive=True, exit_on_error=False, group="editor-check")
    def check_draft(self, fields: EditorFields, generation: int, dirty: bool) -> None:
        if dirty:
            self.workbench.drafts.save(self.draft_key, json.dumps(fields, ensure_ascii=False))
        if not fields.get("title", "").strip():
            self.post_message(DraftChecked(None, None, NO_TITLE_YET, generation))
            return
        try:
            document = document_from_fields(fields)
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
        panel.show_report(message.report)
        if message.document is not None:
            self.show_tree(message.document.decision_tree)

    def show_tree(self, tree: DecisionTree) -> None:
        widget = self.query_one("#tree-preview", Tree)
        widget.clear()
        widget.root.expand()

        def add(parent, node, answer):  # type: ignore[no-untyped-def]
            marker = "◆" if node.kind is NodeKind.QUESTION else "●"
            key = f"[{node.key}] " if node.key else ""
            label = f"{answer} → " if answer is not None else ""
            branch = parent.add(f"{label}{marker} {key}{node.text}", expand=True)
            for option in node.branches:
                if option.node is not None:
                    add(branch, option.node, option.answer)
                elif option.goto is not None:
                    branch.add_leaf(f"{option.answer} → goto [{option.goto}]")
                else:
                    branch.add_leaf(f"{option.answer} → (nothing)")

        for item in tree.items:
            add(widget.root, item, None)

    # --- actions ------------------------------------------------------------------------------

    def on_findings_panel_finding_chosen(self, message: FindingsPanel.FindingChosen) -> None:
        self.show_section(message.finding.section)
        self.notify(message.finding.hint, title=message.finding.rule, timeout=6)

    def show_section(self, section: str) -> None:
        self.query_one(TabbedContent).active = TAB_FOR_SECTION.get(section, "tab-overview")

    def action_focus_findings(self) -> None:
        self.query_one("#findings-list").focus()

    def action_save(self) -> None:
        self.save_document(close_after=False)

    def save_document(self, close_after: bool) -> None:
        if self.error is not None:
            self.notify(self.error, title="Not saved", severity="error")
            return
        try:
            document = document_from_fields(self.fields)
        except KtwError as error:
            self.notify(str(error), title="Not saved", severity="error")
            return
        self.store_document(document, dict(self.fields), close_after)

    @work(thread=True, exclusive=True, exit_on_error=False, group="editor-save")
    def store_document(
        self, document: ProcessDocument, fields: EditorFields, close_after: bool
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
        self.app.call_from_thread(self.saved, document, fields, close_after, version)

    def saved(
        self, document: ProcessDocument, fields: EditorFields, close_after: bool, version: int
    ) -> None:
        self.original = document
        self.base_version = version
        self.draft_key = document.id
        self.saved_fields = fields
        self.refresh_title()
        self.notify(f"Saved '{document.title}'.")
        if close_after:
            self.dismiss()

    def action_close(self) -> None:
        if not self.dirty:
            self.workbench.drafts.discard(self.draft_key)
            self.dismiss()
            return

        def decide(choice: str | None) -> None:
            if choice == "save":
                self.save_document(close_after=True)
            elif choice == "discard":
                self.workbench.drafts.discard(self.draft_key)
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
