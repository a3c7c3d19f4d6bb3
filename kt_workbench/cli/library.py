"""Library commands: init, import, export, list, show, delete."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kt_workbench.cli.context import (
    cli_state,
    open_library,
    open_store,
    quick_reader,
    read_document,
    require_document,
    settings_of,
)
from kt_workbench.cli.progress import Badges, checking_bar, every_badge, say_writing
from kt_workbench.cli.table import table_lines
from kt_workbench.errors import KtwError, NotFoundError
from kt_workbench.import_modes import MODES, Mode

if TYPE_CHECKING:
    from kt_workbench.importing import ImportOptions, LoadedFile
    from kt_workbench.library import LibrarySnapshot
    from kt_workbench.model import ProcessDocument
    from kt_workbench.store.listing import ProcessListing

# Each command imports what it uses when it runs: 'ktw show' never loads the checker, the
# importer or the handover pack.


@click.command("init")
@click.option("--samples", is_flag=True, help="Also load the sample processes shipped with ktw.")
@click.pass_context
def init_command(ctx: click.Context, samples: bool) -> None:
    """Create the database (if needed) and optionally load the sample processes.

    Samples already in the library are left alone, so running this twice keeps your edits."""
    from kt_workbench.importing import load_files
    from kt_workbench.samples import sample_folder

    store = open_store(ctx)
    click.echo(f"Database ready: {store.url}")
    if samples:
        existing = set(store.ids())
        loaded = [item.document for item in load_files([sample_folder()])]
        fresh = [doc for doc in loaded if doc.id not in existing]
        store.save_many(fresh)
        kept = len(loaded) - len(fresh)
        note = f" ({kept} already in the library, left as they are)" if kept else ""
        click.echo(f"Loaded {len(fresh)} sample processes{note}.")


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the files and report; store nothing.")
@click.option(
    "--mode",
    type=click.Choice(MODES),
    default=None,
    help="strict: only the ktw format; adopt: files written for other tools; "
    "auto (default): decide per file.",
)
@click.option("--strict", "strict", is_flag=True, help="Same as --mode strict.")
@click.option(
    "--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_context
def import_command(
    ctx: click.Context,
    paths: tuple[Path, ...],
    dry_run: bool,
    mode: str | None,
    strict: bool,
    output: str,
) -> None:
    """Import process files: markdown, Word and HTML (folders are searched). All of them, or
    none if any is bad. A report says, per file, the id given and what was recognised."""
    import dataclasses
    from typing import cast

    from kt_workbench.import_report import render_json, render_text
    from kt_workbench.import_settings import import_options_of
    from kt_workbench.importing import summary, to_store

    # Rendering what the store records happens while reading, in parallel for a large import.
    options = dataclasses.replace(import_options_of(settings_of(ctx)), render=not dry_run)
    if strict:
        options = dataclasses.replace(options, mode="strict")
    elif mode is not None:
        options = dataclasses.replace(options, mode=cast(Mode, mode))
    # The store's modules are imported while worker processes read a large import.
    loaded = _load_with_progress(paths, options, output, lambda: _import_store(ctx))
    store = open_store(ctx)
    existing = set(store.ids())
    reports = [item.report for item in loaded if item.report is not None]
    for report in reports:
        report.action = "replace" if report.id in existing else "add"
    totals = summary(loaded)
    if output == "json":
        click.echo(render_json(reports, {**totals, "dry_run": dry_run}))
    else:
        click.echo(render_text(reports))
    counts = f"{totals['new']} new, {totals['replaced']} replaced"
    review = f"; {totals['need_review']} to review" if totals["need_review"] else ""
    if dry_run:
        if output == "text":
            click.echo(
                f"Dry run: would import {len(loaded)} processes ({counts}{review}); "
                "nothing was changed."
            )
        return
    store.save_many(to_store(loaded))
    if output == "text":
        click.echo(f"Imported {len(loaded)} processes ({counts}{review}).")


# Below this many files an import is quick enough that a bar would only flicker.
_PROGRESS_FROM = 200


def _import_store(ctx: click.Context) -> None:
    # The module itself: the package imports its names only on first use.
    import kt_workbench.store.process_store  # noqa: F401
    from kt_workbench.store.schema import import_ahead

    import_ahead(cli_state(ctx).db)


def _load_with_progress(
    paths: Sequence[Path],
    options: ImportOptions,
    output: str,
    meanwhile: Callable[[], object] | None = None,
) -> list[LoadedFile]:
    import sys

    from kt_workbench.importing import collect_sources, load_files

    stream = sys.stderr
    # A bar only for a person watching: not when stderr is a file or a pipe, and not when
    # the output is JSON for a program to read.
    if output == "json" or not stream.isatty():
        return load_files(paths, options, meanwhile=meanwhile)
    sources = collect_sources(paths, options.suffixes)
    if len(sources) < _PROGRESS_FROM:
        return load_files(paths, options, meanwhile=meanwhile)
    with click.progressbar(length=len(sources), label="Reading", file=stream, show_pos=True) as bar:
        done = 0

        def advance(count: int) -> None:
            nonlocal done
            bar.update(count - done)
            done = count

        return load_files(paths, options, advance, meanwhile)


def _select(
    snapshot: LibrarySnapshot, ids: Sequence[str], everything: bool
) -> list[ProcessDocument]:
    if everything:
        if not snapshot.documents:
            raise KtwError("the library is empty: import some processes first")
        return list(snapshot.documents)
    by_id = {doc.id: doc for doc in snapshot.documents}
    missing = [process_id for process_id in ids if process_id not in by_id]
    if missing:
        raise NotFoundError.for_process(missing[0])
    return [by_id[process_id] for process_id in dict.fromkeys(ids)]


@click.command("export")
@click.argument("ids", nargs=-1)
@click.option("--all", "everything", is_flag=True, help="Export every process in the library.")
@click.option("--out", type=click.Path(path_type=Path), help="Folder to write the pack into.")
@click.option(
    "--single-file", type=click.Path(path_type=Path), help="Write the pack as one markdown file."
)
@click.option(
    "--html",
    "html_file",
    type=click.Path(path_type=Path),
    help="Write the pack as one self-contained, print-ready HTML page.",
)
@click.option(
    "--allow-secrets",
    is_flag=True,
    help="Export even if a process holds a credential, written as [hidden] everywhere.",
)
@click.pass_context
def export_command(
    ctx: click.Context,
    ids: tuple[str, ...],
    everything: bool,
    out: Path | None,
    single_file: Path | None,
    html_file: Path | None,
    allow_secrets: bool,
) -> None:
    """Write a handover pack: an index (contents, access checklist, glossary, targets, gaps)
    and every process in the canonical format with its decision tree drawn."""
    from kt_workbench.handover import export_pack, export_single_file
    from kt_workbench.handover.readiness import readiness_of

    if [out, single_file, html_file].count(None) != 2:
        raise click.UsageError("give exactly one of --out DIR, --single-file FILE or --html FILE")
    if bool(ids) == everything:
        raise click.UsageError("give process ids or --all (not both)")
    # Each process judged in the whole library, as `ktw check` and the workbench judge it:
    # from the reports cache when it matches the library, else checked (and cached).
    library = open_library(ctx)
    with checking_bar() as bar:
        library.load(bar, index=False)
    snapshot = library.snapshot()
    documents = _select(snapshot, ids, everything)
    readiness = readiness_of(snapshot.reports, documents)
    say_writing(len(documents))
    if out is not None:
        result = export_pack(documents, out, readiness, allow_secrets=allow_secrets)
    elif single_file is not None:
        result = export_single_file(documents, single_file, readiness, allow_secrets=allow_secrets)
    else:
        from kt_workbench.handover.html_pack import export_html

        assert html_file is not None
        result = export_html(documents, html_file, readiness, allow_secrets=allow_secrets)
    processes = "process" if len(documents) == 1 else "processes"
    click.echo(f"Wrote a handover pack of {len(documents)} {processes} to {result.target}")


@click.command("list")
@click.option(
    "--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_context
def list_command(ctx: click.Context, output: str) -> None:
    """List the processes in the library with their readiness."""
    # One cheap query for the rows; the reports come from the cache when it matches the
    # library exactly, and are computed (and cached) otherwise.
    quick = _quick_listing(ctx)
    if quick is not None:
        listing, badges = quick
    else:
        listing, badges = _listing_with_badges(ctx)
    rows = [
        {
            "id": row.id,
            "title": row.title,
            "team": row.team,
            "owner": row.owner,
            "status": row.status,
            "score": badges[row.id][0],
            "readiness": badges[row.id][1],
        }
        for row in listing
    ]
    if output == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo("The library is empty. Import processes with 'ktw import PATH'.")
        return
    columns = ["id", "title", "team", "owner", "status", "score", "readiness"]
    room = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    for line in table_lines(rows, columns, room):
        click.echo(line)


def _quick_listing(ctx: click.Context) -> tuple[list[ProcessListing], Badges] | None:
    """The rows through the light reader and every badge from the cache, checking (through
    the same reader) only what the cache has no current report of; ``None`` where the
    light path steps aside (then the read model reads, checks and caches)."""
    from kt_workbench.readmodel.quick_reports import QuickReports
    from kt_workbench.store.quick_read import QuickReadUnavailable

    reader = quick_reader(ctx)
    if reader is None:
        return None
    try:
        with checking_bar() as bar:
            return QuickReports(reader, settings_of(ctx).checker, checking=bar).badges()
    except QuickReadUnavailable:
        return None


def _listing_with_badges(ctx: click.Context) -> tuple[list[ProcessListing], Badges]:
    library = open_library(ctx)
    sequence, listing = library.listing()
    badges = every_badge(library, sequence, {row.id: row.version for row in listing})
    return [row for row in listing if row.id in badges], badges


@click.command("show")
@click.argument("process_id", metavar="ID")
@click.pass_context
def show_command(ctx: click.Context, process_id: str) -> None:
    """Print one process in the canonical markdown format."""
    from kt_workbench.markdown.renderer import render_document

    click.echo(render_document(read_document(ctx, process_id)), nl=False)


@click.command("delete")
@click.argument("process_id", metavar="ID")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def delete_command(ctx: click.Context, process_id: str, yes: bool) -> None:
    """Delete one process from the library."""
    store = open_store(ctx)
    require_document(ctx, process_id)
    if not yes:
        click.confirm(f"Delete process '{process_id}'? This cannot be undone", abort=True)
    store.delete(process_id)
    click.echo(f"Deleted {process_id}.")


library_commands = [
    init_command,
    import_command,
    export_command,
    list_command,
    show_command,
    delete_command,
]
