"""``ktw check``: the completeness checker as a linter, for people and for CI."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import click

from kt_workbench.checker import (
    LibraryContext,
    LibraryFinding,
    LibrarySummary,
    ProcessReport,
    Severity,
    check_library,
    check_process,
    load_config,
)
from kt_workbench.cli.context import open_store
from kt_workbench.errors import NotFoundError

_COLUMNS = ("ID", "SECTION", "LOCATION", "CODE", "MESSAGE")


@click.command("check")
@click.argument("ids", nargs=-1)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Findings as aligned text lines, or a JSON array of process reports.",
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
    help="Exit with status 1 when a checked process has a finding this severe or worse.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Checker settings (TOML); default: ktw.toml in the user config folder, if present.",
)
@click.pass_context
def check_command(
    ctx: click.Context,
    ids: tuple[str, ...],
    output_format: str,
    min_score: int | None,
    fail_on: str,
    config_path: Path | None,
) -> None:
    """Score processes for handover readiness and list every gap, like a linter.

    Checks the whole library, or only the processes IDS name (still judged against the whole
    library: glossaries are shared and near-duplicates are found across it).
    """
    config = load_config(config_path)
    documents = open_store(ctx).documents()
    library_findings: tuple[LibraryFinding, ...] = ()
    if ids:
        by_id = {doc.id: doc for doc in documents}
        missing = [process_id for process_id in dict.fromkeys(ids) if process_id not in by_id]
        if missing:
            raise NotFoundError.for_process(missing[0])
        context = LibraryContext.build(documents)
        reports = tuple(
            check_process(by_id[process_id], context, config) for process_id in dict.fromkeys(ids)
        )
    else:
        library = check_library(documents, config)
        reports, library_findings = library.processes, library.findings
    if output_format == "json":
        click.echo(json.dumps([report.to_json_dict() for report in reports], indent=2))
    else:
        _print_text(reports, library_findings)
    level = Severity(fail_on)
    failed = any(
        report.has_finding_at_least(level) or (min_score is not None and report.score < min_score)
        for report in reports
    )
    if failed:
        ctx.exit(1)


def _print_text(
    reports: Sequence[ProcessReport], library_findings: Sequence[LibraryFinding]
) -> None:
    if not reports:
        click.echo("No processes to check: the library is empty.")
        return
    rows = [
        (report.id, finding.section, finding.location, finding.rule, finding.message)
        for report in reports
        for finding in report.findings
    ]
    if rows:
        widths = [max(len(row[column]) for row in (_COLUMNS, *rows)) for column in range(4)]
        for row in (_COLUMNS, *rows):
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            click.echo("  ".join((*cells, row[4])).rstrip())
        click.echo()
    for pair in library_findings:
        click.echo(f"library  {pair.rule}  {pair.message}")
    if library_findings:
        click.echo()
    id_width = max(len(report.id) for report in reports)
    for report in reports:
        counts = {severity: 0 for severity in Severity}
        for severity in (finding.severity for finding in report.findings):
            counts[severity] += 1
        tally = ", ".join(_count(counts[severity], severity.value) for severity in Severity)
        click.echo(
            f"{report.id.ljust(id_width)}  {report.score:3d}  {report.readiness:10}  {tally}"
        )
    summary = LibrarySummary.of(tuple(reports))
    counts_text = ", ".join(f"{count} {level}" for level, count in summary.counts.items())
    noun = "process" if summary.processes == 1 else "processes"
    click.echo(
        f"\n{summary.processes} {noun}: {counts_text}; average score {summary.average_score}"
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 or noun == "info" else f"{number} {noun}s"
