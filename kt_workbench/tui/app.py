"""The KT Workbench application: screens, app-wide actions and the command palette."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterable
from contextlib import suppress
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme
from textual.worker import Worker, WorkerState

from kt_workbench.checker import CheckerConfig
from kt_workbench.drafts import Draft, DraftStore
from kt_workbench.library import Library
from kt_workbench.model import ProcessDocument
from kt_workbench.settings import Settings
from kt_workbench.store import ProcessStore
from kt_workbench.tui.commands import ProcessCommands, screen_key_commands
from kt_workbench.tui.key_order import KeysInOrder
from kt_workbench.tui.quit_guard import settle_unsaved_editors
from kt_workbench.tui.screens.confirm import ConfirmScreen, RestoreDraftScreen
from kt_workbench.tui.screens.editor_screen import EditorScreen
from kt_workbench.tui.screens.library_screen import LibraryScreen
from kt_workbench.tui.workbench_settings import (
    WorkbenchSettings,
    WorkbenchState,
    workbench_settings,
)

# How often an open workbench asks the store for other processes' changes.
POLL_SECONDS = 1.0
# Long background work (the first check of a large library, building the search index) sleeps
# this long between two of its steps while the last key or mouse press is this recent.
GIVE_WAY_AFTER_INPUT = 0.3
GIVE_WAY_SLEEP = 0.004


class KtwApp(KeysInOrder):
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute, so subclasses find it too
    TITLE = "KT Workbench"
    COMMANDS = App.COMMANDS | {ProcessCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit"),
        Binding("f1,question_mark", "toggle_keys", "Keys", id="app.keys"),
        Binding("f2", "search", "Search", show=False, id="app.search"),
        Binding("f3", "dashboard", "Dashboard", show=False, id="app.dashboard"),
        Binding("f9", "governance", "Governance", show=False, id="app.governance"),
    ]

    def __init__(
        self,
        library: Library,
        drafts: DraftStore | None = None,
        settings: WorkbenchSettings | None = None,
        state: WorkbenchState | None = None,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        super().__init__()
        self.library = library
        self.drafts = drafts or DraftStore(database=library.store.url)
        self.settings = settings or WorkbenchSettings()
        self.state = state or WorkbenchState()
        self.poll_seconds = poll_seconds
        self._stop_hearing: Callable[[], None] | None = None
        # When a key or the mouse last reached the app: the library's long first load gives
        # the interpreter to the UI for a moment while someone is typing.
        self._last_input = 0.0
        library.courtesy = self.give_way
        if self.settings.keys:
            self.set_keymap(self.settings.keys)
        theme = self.state.theme(self.settings.theme)
        if theme is not None:
            self.theme = theme

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown | events.MouseScrollDown):
            self._last_input = time.monotonic()
        await super().on_event(event)

    def give_way(self) -> None:
        """From a worker thread between two steps of long work: while the user is typing or
        scrolling, sleep a little so the UI thread, which shares the interpreter, answers
        first."""
        if time.monotonic() - self._last_input < GIVE_WAY_AFTER_INPUT:
            time.sleep(GIVE_WAY_SLEEP)

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self.remember_theme)
        self.call_after_refresh(self.offer_new_process_drafts)
        # Other processes (another workbench, the CLI, a colleague) change the store too: on
        # PostgreSQL the database says so at once, everywhere polling finds them.
        self.set_interval(self.poll_seconds, self.poll_tick, name="poll-store")
        self._stop_hearing = self.library.store.listen(self.heard_change)

    def heard_change(self) -> None:
        """The store announced a committed change (called from the listening thread)."""
        if self.is_running:
            with suppress(RuntimeError):  # the app stopped meanwhile
                self.call_from_thread(self.poll_tick)

    def on_unmount(self) -> None:
        if self._stop_hearing is not None:
            self._stop_hearing()

    def poll_tick(self) -> None:
        # One poll at a time: a slow database must not pile polls up behind each other.
        busy = (WorkerState.PENDING, WorkerState.RUNNING)
        if not any(w.group == "library-poll" and w.state in busy for w in self.workers):
            self.poll_store()

    @work(thread=True, exit_on_error=False, group="library-poll")
    def poll_store(self) -> None:
        """Apply changes committed since the last poll; one tiny query when there are none."""
        changed = self.library.refresh()
        if changed:
            self.call_from_thread(self.library_changed, changed)

    def library_changed(self, changed: set[str]) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                screen.rows_changed(changed)

    def remember_theme(self, theme: Theme) -> None:
        self.state.remember_theme(theme.name, self.settings.theme)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Messages quote titles, paths and findings, which are user text: never markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def get_default_screen(self) -> Screen[None]:
        return LibraryScreen()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from screen_key_commands(self, screen)
        yield SystemCommand(
            "New process", "Start documenting a new process", partial(self.open_editor, None)
        )
        yield SystemCommand("Search", "Search every process (F2)", self.action_search)
        yield SystemCommand("Dashboard", "Readiness across the library (F3)", self.action_dashboard)
        yield SystemCommand(
            "Governance",
            "Transition waves, go/no-go and KPIs after go-live (F9)",
            self.action_governance,
        )
        yield SystemCommand(
            "Export handover pack", "Write a pack for the provider", self.action_export
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Workers do not crash the app; a failure is shown and the app carries on."""
        if event.state is WorkerState.ERROR:
            self.notify(str(event.worker.error), title="Something went wrong", severity="error")

    def open_editor(
        self,
        process_id: str | None,
        section: str | None = None,
        needle: str = "",
        location: str = "",
    ) -> None:
        """Open a process as the store holds it now (None: a new one), at ``section`` and the
        line a hit points at."""
        if process_id is None:
            self._push_editor(EditorScreen(None), section, needle, location)
        else:
            self.load_for_editing(process_id, section, needle, location)

    @work(thread=True, exclusive=True, exit_on_error=False, group="open-editor")
    def load_for_editing(
        self, process_id: str, section: str | None, needle: str, location: str
    ) -> None:
        # The document and its version come from one read: the version is what the save
        # compares against, so it must be the version of exactly this text.
        found = self.library.document_with_version(process_id)
        if found is None:
            self.call_from_thread(
                self.notify, f"No process with id '{process_id}'.", severity="error"
            )
            return
        self.call_from_thread(self.show_stored, found[0], found[1], section, needle, location)

    def show_stored(
        self,
        document: ProcessDocument,
        version: int,
        section: str | None,
        needle: str,
        location: str,
    ) -> None:
        """Open a stored process; an autosaved draft of it is offered first. 'Not now' keeps
        the draft and leaves the process closed, so new edits do not overwrite it."""
        draft = self.drafts.load(document.id)
        restored = _draft_fields(draft)
        editor = EditorScreen(document, base_version=version)
        if draft is None or restored is None:
            self._push_editor(editor, section, needle, location)
            return
        if all(editor.fields.get(key) == value for key, value in restored.items()):
            self.drafts.discard(draft.key)  # the draft says what is stored already
            self._push_editor(editor, section, needle, location)
            return

        def decided(choice: str | None) -> None:
            if choice == "restore":
                restoring = EditorScreen(document, restored, base_version=version)
                self._push_editor(restoring, section, needle, location)
            elif choice == "delete":
                self.drafts.discard(draft.key)
                self._push_editor(editor, section, needle, location)
            else:
                self.notify("The draft is kept; it is offered again when you open the process.")

        self.push_screen(RestoreDraftScreen(f"'{document.title}'", _when(draft)), decided)

    def _push_editor(
        self, screen: EditorScreen, section: str | None, needle: str, location: str
    ) -> None:
        self.push_screen(screen)
        if section is not None:
            screen.call_after_refresh(screen.show_section, section, needle, location)

    def offer_new_process_drafts(self, pending: list[Draft] | None = None) -> None:
        """Offer back processes that were being written when the workbench last stopped.

        One dialog at a time; Restore opens that draft and leaves the rest for next time.
        """
        pending = self.drafts.new_process_drafts() if pending is None else pending
        for index, draft in enumerate(pending):
            fields = _draft_fields(draft)
            if fields is None:
                self.drafts.discard(draft.key)
                continue
            what = f"the new process '{fields.get('title') or 'without a title'}'"
            decided = partial(self._new_draft_decided, draft, fields, pending[index + 1 :])
            self.push_screen(RestoreDraftScreen(what, _when(draft)), decided)
            return

    def _new_draft_decided(
        self, draft: Draft, fields: dict[str, str], rest: list[Draft], choice: str | None
    ) -> None:
        if choice == "restore":
            self.push_screen(EditorScreen(None, fields, draft_key=draft.key))
            return
        if choice == "delete":
            self.drafts.discard(draft.key)
        self.offer_new_process_drafts(rest)

    async def action_quit(self) -> None:
        """Ask Save / Discard / Cancel for each editor with unsaved changes; Cancel stays."""
        settle_unsaved_editors(self, self.exit)

    def action_toggle_keys(self) -> None:
        """Show or hide the keys of the focused screen and widget."""
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def action_search(self) -> None:
        from kt_workbench.tui.screens.search_screen import SearchScreen

        self.push_screen(SearchScreen())

    def action_dashboard(self) -> None:
        from kt_workbench.tui.screens.dashboard_screen import DashboardScreen

        self.push_screen(DashboardScreen())

    def action_governance(self) -> None:
        from kt_workbench.tui.screens.governance_screen import GovernanceScreen

        self.push_screen(GovernanceScreen())

    def action_export(self) -> None:
        from kt_workbench.tui.screens.export_screen import ExportScreen

        self.push_screen(ExportScreen())

    def confirm_delete(self, process_id: str) -> None:
        title = next((t for pid, t, _ in self.library.titles() if pid == process_id), None)
        if title is None:
            return

        def decided(yes: bool | None) -> None:
            if yes:
                self.delete_process(process_id)

        self.push_screen(ConfirmScreen(f"Delete '{title}'? This cannot be undone."), decided)

    @work(thread=True, exclusive=True, exit_on_error=False, group="delete")
    def delete_process(self, process_id: str) -> None:
        self.library.delete(process_id)
        self.drafts.discard(process_id)
        self.call_from_thread(self.notify, f"Deleted {process_id}.")
        self.call_from_thread(self.library_changed, {process_id})


def create_app(
    db: str | Path | None = None,
    today: dt.date | None = None,
    config: CheckerConfig | None = None,
    drafts_folder: Path | None = None,
    cache_folder: Path | None = None,
    settings: Settings | None = None,
) -> KtwApp:
    """The application as the CLI starts it; tests build it the same way. ``settings`` are
    the ones the CLI read at its start; ``config`` overrides their checker part."""
    if settings is None:
        from kt_workbench.settings import load_settings

        settings = load_settings()
    store = ProcessStore.open(db)
    try:
        library = Library(store, config or settings.checker, today, cache_folder)
        workbench = workbench_settings(settings)
    except BaseException:
        store.close()
        raise
    drafts = DraftStore(drafts_folder, database=store.url)
    return KtwApp(library, drafts, workbench)


def _draft_fields(draft: Draft | None) -> dict[str, str] | None:
    if draft is None:
        return None
    try:
        fields = json.loads(draft.text)
    except ValueError:
        return None
    if not isinstance(fields, dict):
        return None
    return {str(key): str(value) for key, value in fields.items()}


def _when(draft: Draft) -> str:
    return draft.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
