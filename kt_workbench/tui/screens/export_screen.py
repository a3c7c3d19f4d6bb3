"""Export a handover pack: where to, as a folder, one markdown file or one HTML page, every
process or the ready ones."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from kt_workbench.errors import KtwError
from kt_workbench.handover import PackResult, export_pack, export_single_file
from kt_workbench.handover.html_pack import export_html
from kt_workbench.handover.readiness import readiness_of
from kt_workbench.library import LibrarySnapshot
from kt_workbench.model import ProcessDocument

if TYPE_CHECKING:
    from kt_workbench.tui.app import KtwApp

PACK_NAME = "handover-pack"
SHORT_HEIGHT = 30
FOLDER_NOTE = (
    "README.md with the contents, access checklist, escalation matrix, glossary, targets "
    "and known gaps, and one file per process in processes/. Exporting again updates it."
)
FILE_NOTE = (
    "One markdown document: the same index, then every process under its own heading. "
    "Exporting again replaces it."
)
HTML_NOTE = (
    "One self-contained web page to open anywhere or print: the same index, every process "
    "from a new page, decision trees drawn. It loads nothing from the network."
)


def handover_ready(snapshot: LibrarySnapshot, doc: ProcessDocument) -> bool:
    """Ready to hand over: judged ready, and not marked a draft by its owner."""
    report = snapshot.reports.get(doc.id)
    return report is not None and report.readiness == "ready" and doc.status != "draft"


class ExportScreen(ModalScreen[None]):
    """Writes the pack in a worker; stays open with the reason when the export is refused."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
        Binding("ctrl+s", "export", "Export", id="export.run"),
    ]

    def __init__(self, folder: Path | None = None) -> None:
        super().__init__()
        self.busy = False
        # Shown in full, so it is plain where the pack goes whatever folder ktw started in.
        base = (folder or Path.cwd()).absolute()
        self.default_folder = str(base / PACK_NAME)
        self.default_file = str(base / f"{PACK_NAME}.md")
        self.default_page = str(base / f"{PACK_NAME}.html")

    @property
    def workbench(self) -> KtwApp:
        return cast("KtwApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            yield Static("Export a handover pack", id="export-heading")
            yield Label("Write to", classes="field-label")
            yield Input(self.default_folder, id="export-path")
            with Horizontal(id="export-choices"):
                with Vertical():
                    yield Label("Format", classes="field-label")
                    with RadioSet(id="export-format"):
                        yield RadioButton("Folder of files", True, id="format-folder")
                        yield RadioButton("One markdown file", id="format-single")
                        yield RadioButton("Web page (HTML)", id="format-html")
                with Vertical():
                    yield Label("Processes", classes="field-label")
                    with RadioSet(id="export-scope"):
                        yield RadioButton("All processes", True, id="scope-all")
                        yield RadioButton("Only the ready ones (no drafts)", id="scope-ready")
            # A pack holding a credential is refused; this writes each one as [hidden] instead.
            yield Checkbox(Text("Write any credential found as [hidden]"), id="export-mask")
            yield Static(FOLDER_NOTE, id="export-note")
            yield Static("", id="export-status")
            with Horizontal(classes="buttons"):
                yield Button("Export", variant="primary", id="export")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()
        self.fit_layout(self.app.size.height)

    def on_resize(self, event: Resize) -> None:
        self.fit_layout(event.size.height)

    def fit_layout(self, height: int) -> None:
        """On a short terminal the explanatory note gives way so the buttons stay visible."""
        self.set_class(height < SHORT_HEIGHT, "-short")
        self.count_processes()

    @work(thread=True, exclusive=True, exit_on_error=False, group="export-count")
    def count_processes(self) -> None:
        snapshot = self.workbench.library.snapshot()
        ready = sum(1 for doc in snapshot.documents if handover_ready(snapshot, doc))
        self.app.call_from_thread(self.show_counts, len(snapshot.documents), ready)

    def show_counts(self, total: int, ready: int) -> None:
        self.query_one("#scope-all", RadioButton).label = f"All {total} processes"
        self.query_one(
            "#scope-ready", RadioButton
        ).label = f"Only the {ready} ready ones (no drafts)"

    @on(RadioSet.Changed, "#export-format")
    def format_changed(self) -> None:
        """Follow the format with the default name, unless the user typed their own."""
        path = self.query_one("#export-path", Input)
        kind = self.kind
        notes = {"folder": FOLDER_NOTE, "markdown": FILE_NOTE, "html": HTML_NOTE}
        self.query_one("#export-note", Static).update(notes[kind])
        defaults = {
            "folder": self.default_folder,
            "markdown": self.default_file,
            "html": self.default_page,
        }
        if path.value in defaults.values():
            path.value = defaults[kind]

    @property
    def kind(self) -> str:
        """What to write: a "folder" of files, one "markdown" file or one "html" page."""
        if self.query_one("#format-single", RadioButton).value:
            return "markdown"
        if self.query_one("#format-html", RadioButton).value:
            return "html"
        return "folder"

    @property
    def mask_secrets(self) -> bool:
        return self.query_one("#export-mask", Checkbox).value

    @property
    def only_ready(self) -> bool:
        return self.query_one("#scope-ready", RadioButton).value

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export":
            self.action_export()
        else:
            self.action_cancel()

    @on(Input.Submitted, "#export-path")
    def action_export(self) -> None:
        if self.busy:
            return
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self.notify("Give a folder (or a file name) to export to.", severity="error")
            return
        target = Path(raw).expanduser().absolute()
        self.set_busy(True, f"Exporting to {target}…")
        self.export(target, self.kind, self.only_ready, self.mask_secrets)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def export(self, target: Path, kind: str, only_ready: bool, mask: bool) -> None:
        library = self.workbench.library
        snapshot = library.snapshot()
        documents = [
            doc for doc in snapshot.documents if not only_ready or handover_ready(snapshot, doc)
        ]
        if not documents:
            problem = (
                "No process is ready to hand over yet; export all of them, or fix their findings."
                if only_ready
                else "The library is empty: add or import processes first."
            )
            self.app.call_from_thread(self.failed, problem)
            return
        try:
            readiness = readiness_of(snapshot.reports, documents)
            writers: dict[str, Callable[..., PackResult]] = {
                "folder": export_pack,
                "markdown": export_single_file,
                "html": export_html,
            }
            write = writers[kind]
            result = write(documents, target, readiness, library.today, allow_secrets=mask)
        except (KtwError, OSError) as error:
            self.app.call_from_thread(self.failed, str(error))
            return
        self.app.call_from_thread(self.exported, result, len(documents))

    # The dialog may have been closed while the pack was being written: say what happened anyway.

    def failed(self, problem: str) -> None:
        self.app.notify(problem, title="Not exported", severity="error", timeout=8)
        if self.is_attached:
            self.set_busy(False, "")

    def exported(self, result: PackResult, count: int) -> None:
        processes = "process" if count == 1 else "processes"
        message = f"Wrote a handover pack of {count} {processes} to {result.target}"
        self.app.notify(message, timeout=8)
        if self.is_current:
            self.dismiss()

    def set_busy(self, busy: bool, status: str) -> None:
        self.busy = busy
        self.query_one("#export", Button).disabled = busy
        self.query_one("#export-status", Static).update(Text(status))

    def action_cancel(self) -> None:
        self.dismiss()
