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
    return state.store


def require_document(ctx: click.Context, process_id: str) -> ProcessDocument:
    """The stored process with this id, or the one-line 'no process' error."""
    document = open_store(ctx).get(process_id)
    if document is None:
        raise NotFoundError.for_process(process_id)
    return document
