"""What every command shares: the store chosen by ``--db`` / ``KTW_DB`` and the settings
chosen by ``--config`` / ``KTW_CONFIG`` (else ``ktw.toml``), each opened or read once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kt_workbench.errors import NotFoundError

if TYPE_CHECKING:
    from kt_workbench.library import Library
    from kt_workbench.model import ProcessDocument
    from kt_workbench.settings import Settings
    from kt_workbench.store import ProcessStore
    from kt_workbench.store.decoding import UnreadableProcess
    from kt_workbench.store.quick_read import QuickReader


@dataclass
class CliState:
    db: str | None
    store: ProcessStore | None = None
    config_path: Path | None = None
    library: Library | None = None
    # The light reader of an SQLite store (see ``quick_reader``), once looked for.
    quick: QuickReader | None = None
    quick_known: bool = False
    _settings: Settings | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        """Read on first use (commands that need none never parse it), then kept."""
        if self._settings is None:
            from kt_workbench.settings import load_settings

            self._settings = load_settings(self.config_path)
        return self._settings


def cli_state(ctx: click.Context) -> CliState:
    state = ctx.find_object(CliState)
    if state is None:  # a command invoked outside the group, e.g. in a test
        state = ctx.ensure_object(CliState)
    return state


def settings_of(ctx: click.Context) -> Settings:
    return cli_state(ctx).settings


def open_store(ctx: click.Context) -> ProcessStore:
    """The store for this invocation, opened on first use and closed when the command ends."""
    state = cli_state(ctx)
    if state.store is None:
        from kt_workbench.store import ProcessStore

        state.store = ProcessStore.open(state.db)
        root = ctx.find_root()
        store = state.store
        root.call_on_close(store.close)
        root.call_on_close(lambda: _report_unreadable(store))  # runs before the close
    return state.store


def quick_reader(ctx: click.Context) -> QuickReader | None:
    """The light read-only reader of this invocation's store when it is an SQLite file at this
    version's schema, else ``None`` (a URL, a file to create or upgrade, not a store): then
    commands take ``open_store``, which upgrades the store or reports the proper error."""
    state = cli_state(ctx)
    if not state.quick_known:
        from kt_workbench.store.quick_read import QuickReader

        state.quick, state.quick_known = QuickReader.open(state.db), True
    return state.quick


def read_document(ctx: click.Context, process_id: str) -> ProcessDocument:
    """As ``require_document``, through the light reader when it can answer."""
    from kt_workbench.store.quick_read import QuickReadUnavailable

    reader = quick_reader(ctx)
    if reader is not None:
        try:
            found = reader.get_with_version(process_id)
        except QuickReadUnavailable:
            return require_document(ctx, process_id)
        if found is None:
            raise NotFoundError.for_process(process_id)
        return found[0]
    return require_document(ctx, process_id)


def report_unreadable_later(ctx: click.Context, skipped: tuple[UnreadableProcess, ...]) -> None:
    """Warn, when the command ends, about processes a light read left out (as ``open_store``
    does for the store's reads)."""
    if skipped:
        ctx.find_root().call_on_close(lambda: _warn_unreadable(skipped))


def _report_unreadable(store: ProcessStore) -> None:
    """Say which stored processes a command left out because they could not be read."""
    _warn_unreadable(store.unreadable)


def _warn_unreadable(skipped: tuple[UnreadableProcess, ...]) -> None:
    from kt_workbench.display import visible

    for problem in skipped:
        click.echo(
            f"ktw: warning: stored process '{visible(problem.id)}' cannot be read and was "
            f"left out: {visible(problem.problem)}",
            err=True,
        )


def open_library(ctx: click.Context) -> Library:
    """The read model over this invocation's store, judged by the settings; what it computes
    is kept in the cache for the next command."""
    state = cli_state(ctx)
    if state.library is None:
        from kt_workbench.library import Library

        state.library = Library(open_store(ctx), state.settings.checker)
        library = state.library
        ctx.find_root().call_on_close(library.write_cache_if_changed)
    return state.library


def require_document(ctx: click.Context, process_id: str) -> ProcessDocument:
    """The stored process with this id, or the one-line 'no process' error."""
    document = open_store(ctx).get(process_id)
    if document is None:
        raise NotFoundError.for_process(process_id)
    return document
