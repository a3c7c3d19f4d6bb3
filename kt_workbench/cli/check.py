"""``ktw check``: the completeness checker as a linter, for people and for CI.

``ktw check`` checks the library, ``ktw check ID...`` some of its processes, and
``ktw check PATH...`` markdown files and folders directly, without importing them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import click

from kt_workbench.checker import (
    CheckerConfig,
    LibraryContext,
    LibraryFinding,
    ProcessReport,
    Severity,
    check_library,
    check_process,
    load_config,
)
from kt_workbench.checker.files import SourceFile, check_files, locate_library, read_sources
from kt_workbench.checker.formats import FORMATS, formatter
from kt_workbench.checker.results import CheckResult
from kt_workbench.checker.suppress import new_findings, read_baseline, write_baseline
from kt_workbench.cli.context import (
    CliState,
    open_library,
    open_store,
    quick_reader,
    report_unreadable_later,
    settings_of,
)
from kt_workbench.cli.progress import checking_bar
from kt_workbench.errors import KtwError, NotFoundError
from kt_workbench.model import ProcessDocument


@click.command("check")
@click.argument("targets", nargs=-1, metavar="[ID|PATH]...")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text (file:line:col: CODE message), json (versioned), github (workflow "
    "annotations), sarif (2.1.0), junit (XML) or gitlab (code quality).",
)
@click.option(
    "--min-score",
    type=click.IntRange(0, 100),
    default=None,
    help="Exit with status 1 when a checked process scores below this.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default="error",
    show_default=True,
    help="Exit with status 1 when a finding this severe or worse is reported.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Checker settings (TOML); default: ktw.toml in the user config folder, if present.",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Findings already known (a file written by --write-baseline): only new ones are "
    "reported and fail the run.",
)
@click.option(
    "--write-baseline",
    "write_baseline_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Record every finding of this run in FILE, for --baseline, and exit 0.",
)
@click.pass_context
def check_command(
    ctx: click.Context,
    targets: tuple[str, ...],
    output_format: str,
    min_score: int | None,
    fail_on: str,
    config_path: Path | None,
    baseline_path: Path | None,
    write_baseline_path: Path | None,
) -> None:
    """Score processes for handover readiness and list every gap, like a linter.

    Without arguments it checks the whole library; with ids, those processes (still judged
    against the whole library: glossaries are shared and near-duplicates are found across
    it). With files or folders, it checks the markdown files themselves, judged against each
    other, and also against the library when --db is given; every finding then has
    FILE:LINE:COLUMN.
    """
    # --config here overrides the file the whole invocation reads (ktw --config / ktw.toml).
    config = load_config(config_path) if config_path is not None else settings_of(ctx).checker
    baseline = read_baseline(baseline_path) if baseline_path is not None else None
    problems: list[KtwError] = []
    if targets and _are_paths(targets):
        files, problems = read_sources(Path(target) for target in targets)
        result = _check_paths(ctx, files, config, baseline)
    else:
        result = _check_library(ctx, targets, config, baseline)
    for problem in problems:  # files that could not be read: the others are still checked
        click.echo(f"ktw: {problem}", err=True)
    if problems and not result.reports:
        ctx.exit(1)
    if write_baseline_path is not None:
        count = write_baseline(write_baseline_path, result.located)
        click.echo(f"Wrote {count} findings to {write_baseline_path}.", err=True)
        if problems:
            ctx.exit(1)
        return
    click.echo(formatter(output_format)(result))
    level = Severity(fail_on)
    failed = any(item.finding.severity.rank >= level.rank for item in result.located) or (
        min_score is not None and any(report.score < min_score for report in result.reports)
    )
    if failed or problems:
        ctx.exit(1)


def _are_paths(targets: tuple[str, ...]) -> bool:
    """Files and folders, or process ids: a mix is a mistake reported in one line."""
    kinds = {Path(target).exists() or target.endswith(".md") for target in targets}
    if kinds == {True, False}:
        raise KtwError("give either process ids or files and folders, not both")
    return kinds == {True}


def _check_paths(
    ctx: click.Context,
    files: list[SourceFile],
    config: CheckerConfig,
    baseline: Counter[str] | None,
) -> CheckResult:
    state = ctx.find_object(CliState)
    library = open_store(ctx).documents() if state is not None and state.db else []
    return check_files(files, config, library, baseline)


def _check_library(
    ctx: click.Context,
    ids: tuple[str, ...],
    config: CheckerConfig,
    baseline: Counter[str] | None,
) -> CheckResult:
    library_findings: tuple[LibraryFinding, ...] = ()
    found = _from_quick_read(ctx, ids, config) if ids else None
    if found is None:
        found = _from_read_model(ctx, ids, config)
    if found is not None:
        reports, documents, library_findings = found
    elif ids:
        documents = open_store(ctx).documents()
        by_id = {doc.id: doc for doc in documents}
        missing = [process_id for process_id in dict.fromkeys(ids) if process_id not in by_id]
        if missing:
            raise NotFoundError.for_process(missing[0])
        context = LibraryContext.build(documents)
        reports = tuple(
            check_process(by_id[process_id], context, config) for process_id in dict.fromkeys(ids)
        )
    else:
        documents = open_store(ctx).documents()
        library = check_library(documents, config)
        reports, library_findings = library.processes, library.findings
    reports, located, suppressed = locate_library(reports, documents, config)
    baselined = 0
    if baseline is not None:
        fresh = tuple(new_findings(located, baseline))
        baselined, located = len(located) - len(fresh), fresh
    return CheckResult(reports, located, library_findings, {}, suppressed, baselined)


Found = tuple[tuple[ProcessReport, ...], Sequence[ProcessDocument], tuple[LibraryFinding, ...]]


def _from_read_model(
    ctx: click.Context, ids: tuple[str, ...], config: CheckerConfig
) -> Found | None:
    """The reports from the read model and its cache, when they are the ones the checker
    would give now: same checker settings (no --config of another file), and for ids a cache
    computed for exactly the library as stored. ``None`` means check as usual."""
    if config != settings_of(ctx).checker:
        return None  # the cache holds reports judged by the invocation's settings only
    library = open_library(ctx)
    if not ids:
        with checking_bar() as bar:
            library.load(bar, index=False)  # reports only: no search index to build
        snapshot = library.snapshot()  # from the cache when it matches, else checked and cached
        reports = tuple(snapshot.reports[doc.id] for doc in snapshot.documents)
        return reports, snapshot.documents, snapshot.library_findings
    wanted = list(dict.fromkeys(ids))
    sequence, listing = library.listing()
    versions = {row.id: row.version for row in listing}
    if any(process_id not in versions for process_id in wanted):
        return None  # reported as missing by the usual path
    cached = library.cached_reports(wanted, sequence, versions)
    if cached is None:
        return None
    documents: list[ProcessDocument] = []
    for process_id in wanted:
        found = library.document_with_version(process_id)
        if found is None or found[1] != versions[process_id]:
            return None  # changed meanwhile: check what is stored now
        documents.append(found[0])
    return tuple(cached[process_id] for process_id in wanted), documents, ()


def _from_quick_read(
    ctx: click.Context, ids: tuple[str, ...], config: CheckerConfig
) -> Found | None:
    """Some processes' reports through the light reader (no SQLAlchemy): from the reports
    cache when it was computed for exactly the stored library, else checked against the whole
    library as ``ktw check ID`` always does and added to the cache, so the next call is cheap.
    ``None`` means take the usual path (PostgreSQL, a store to upgrade, a missing id, another
    --config, anything unexpected)."""
    from kt_workbench.readmodel.quick_reports import QuickReports
    from kt_workbench.store.quick_read import QuickReadUnavailable

    reader = quick_reader(ctx)
    if reader is None or config != settings_of(ctx).checker:
        return None
    try:
        found = QuickReports(reader, config).reports(list(dict.fromkeys(ids)))
    except QuickReadUnavailable:
        return None
    if found is None:
        return None
    report_unreadable_later(ctx, found.skipped)
    return found.reports, found.documents, ()
