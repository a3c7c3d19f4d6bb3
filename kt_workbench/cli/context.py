"""What every command shares: the store chosen by ``--db`` / ``KTW_DB``, opened once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import click

from kt_workbench.errors import NotFoundError

if TYPE_CHECKING:
    from kt_workbench.model import ProcessDocument
    from kt_workbench.store import ProcessStore


@dataclass
class CliState:
    db: str | None
    store: ProcessStore | None = None


def open_store(ctx: click.Context) -> ProcessStore:
    """The store for this invocation, opened on first use and closed when the command ends."""
    state = ctx.find_object(CliState)
    if state is None:  # a command invoked outside the group, e.g. in a test
        state = ctx.ensure_object(CliState)
    if state.store is None:
        from kt_workbench.store import ProcessStore

        state.store = ProcessStore.open(state.db)
        root = ctx.find_root()
        store = state.store
        root.call_on_close(store.close)
        root.call_on_close(lambda: _report_unreadable(store))  # runs before the close
    return state.store


def _report_unreadable(store: ProcessStore) -> None:
    """Say which stored processes a command left out because they could not be read."""
    from kt_workbench.display import visible

    for problem in store.unreadable:
        click.echo(
            f"ktw: warning: stored process '{visible(problem.id)}' cannot be read and was "
            f"left out: {visible(problem.problem)}",
            err=True,
        )


def require_document(ctx: click.Context, process_id: str) -> ProcessDocument:
    """The stored process with this id, or the one-line 'no process' error."""
    document = open_store(ctx).get(process_id)
    if document is None:
        raise NotFoundError.for_process(process_id)
    return document
