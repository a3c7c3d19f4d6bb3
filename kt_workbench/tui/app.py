"""The KT Workbench application: screens, app-wide actions and the command palette."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from kt_workbench.checker import CheckerConfig
from kt_workbench.drafts import DraftStore
from kt_workbench.library import Library
from kt_workbench.model import ProcessDocument
from kt_workbench.settings import Settings
from kt_workbench.store import ProcessStore
from kt_workbench.tui.screens.confirm import ConfirmScreen
from kt_workbench.tui.screens.editor_screen import EditorScreen
from kt_workbench.tui.screens.library_screen import LibraryScreen

# How often an open workbench asks the store for other processes' changes.
POLL_SECONDS = 1.0


class ProcessCommands(Provider):
    """Open any process by name from the command palette."""

    async def discover(self) -> Hits:
        app = self.app
        assert isinstance(app, KtwApp)
        for process_id, title, team in app.library.titles()[:20]:
            yield DiscoveryHit(f"Open {title}", partial(app.open_editor, process_id), help=team)

    async def search(self, query: str) -> Hits:
        app = self.app
        assert isinstance(app, KtwApp)
        matcher = self.matcher(query)
        for process_id, title, team in app.library.titles():
            score = matcher.match(f"Open {title}")
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(f"Open {title}"),
                    partial(app.open_editor, process_id),
                    help=team,
                )


class KtwApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "KT Workbench"
    COMMANDS = App.COMMANDS | {ProcessCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit"),
        Binding("f2", "search", "Search", show=False, id="app.search"),
        Binding("f3", "dashboard", "Dashboard", show=False, id="app.dashboard"),
    ]

    def __init__(
        self,
        library: Library,
        drafts: DraftStore | None = None,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        super().__init__()
        self.library = library
        self.drafts = drafts or DraftStore()
        self.poll_seconds = poll_seconds
        self.settings = Settings()

    def on_mount(self) -> None:
        # Other processes (another workbench, the CLI, a colleague) change the store too.
        self.set_interval(self.poll_seconds, self.poll_tick, name="poll-store")

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

    def get_default_screen(self) -> Screen[None]:
        return LibraryScreen()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "New process", "Start documenting a new process", partial(self.open_editor, None)
        )
        yield SystemCommand("Search", "Search every process (F2)", self.action_search)
        yield SystemCommand("Dashboard", "Readiness across the library (F3)", self.action_dashboard)
        yield SystemCommand(
            "Export handover pack", "Write a pack for the provider", self.action_export
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Workers do not crash the app; a failure is shown and the app carries on."""
        if event.state is WorkerState.ERROR:
            self.notify(str(event.worker.error), title="Something went wrong", severity="error")

    def open_editor(self, process_id: str | None, section: str | None = None) -> None:
        """Open a process as the store holds it now, or a new one when ``process_id`` is None."""
        if process_id is None:
            self.show_editor(None, None, section)
        else:
            self.load_for_editing(process_id, section)

    @work(thread=True, exclusive=True, exit_on_error=False, group="open-editor")
    def load_for_editing(self, process_id: str, section: str | None) -> None:
        # The document and its version come from one read: the version is what the save
        # compares against, so it must be the version of exactly this text.
        found = self.library.document_with_version(process_id)
        if found is None:
            self.call_from_thread(
                self.notify, f"No process with id '{process_id}'.", severity="error"
            )
            return
        self.call_from_thread(self.show_editor, found[0], found[1], section)

    def show_editor(
        self, document: ProcessDocument | None, version: int | None, section: str | None
    ) -> None:
        screen = EditorScreen(document, version)
        self.push_screen(screen)
        if section is not None:
            screen.call_after_refresh(screen.show_section, section)

    def action_search(self) -> None:
        from kt_workbench.tui.screens.search_screen import SearchScreen

        self.push_screen(SearchScreen())

    def action_dashboard(self) -> None:
        from kt_workbench.tui.screens.dashboard_screen import DashboardScreen

        self.push_screen(DashboardScreen())

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
    settings = settings or Settings()
    store = ProcessStore.open(db)
    library = Library(store, config or settings.checker, today, cache_folder)
    app = KtwApp(library, DraftStore(drafts_folder))
    app.settings = settings
    return app
