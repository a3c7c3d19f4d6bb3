"""Checking markdown files directly, without importing them: what a pre-commit hook or a CI
job runs. The files given are one library (shared glossary, near-duplicates across them),
optionally together with the processes of a database."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from kt_workbench.checker.config import CheckerConfig
from kt_workbench.checker.context import LibraryContext
from kt_workbench.checker.engine import check_process
from kt_workbench.checker.positions import SourceMap
from kt_workbench.checker.report import Finding, ProcessReport
from kt_workbench.checker.results import CheckResult, Located
from kt_workbench.checker.scoring import (
    overall_score,
    readiness,
    readiness_reason,
    section_scores,
)
from kt_workbench.checker.suppress import Suppressions, disabled_for_path, new_findings
from kt_workbench.checker.text import collect_fields
from kt_workbench.errors import InputError, KtwError
from kt_workbench.model import ProcessDocument


@dataclass(frozen=True)
class SourceFile:
    path: Path
    source: str
    document: ProcessDocument


def read_sources(paths: Iterable[Path]) -> tuple[list[SourceFile], list[KtwError]]:
    """Every markdown file under ``paths``, parsed, and the problems of the files that could
    not be (one ``FILE:LINE: problem`` each), so a run can check the others and still fail.
    Two files that would share an id (two pages titled "Overview") keep apart with a
    numbered id. A path that does not exist raises ``ImportErrors``."""
    files: list[SourceFile] = []
    problems: list[KtwError] = []
    seen: Counter[str] = Counter()
    # Imported here: checking the library (``locate_library``) needs no markdown reader.
    from kt_workbench.importing import collect_markdown_files, read_document

    for path in collect_markdown_files(paths):
        try:
            doc = read_document(path)
            source = path.read_text(encoding="utf-8")
        except InputError as error:
            problems.append(error)
            continue
        seen[doc.id] += 1
        if seen[doc.id] > 1:
            doc = replace(doc, id=f"{doc.id}-{seen[doc.id]}")
        files.append(SourceFile(path, source, doc))
    return files, problems


def check_files(
    files: Sequence[SourceFile],
    config: CheckerConfig,
    library: Sequence[ProcessDocument] = (),
    baseline: Counter[str] | None = None,
    today: dt.date | None = None,
) -> CheckResult:
    """Check each file against the others (and ``library``), place every finding, and drop
    the ones switched off inline, by path, or already in ``baseline``."""
    own = {file.document.id for file in files}
    docs = [file.document for file in files] + [doc for doc in library if doc.id not in own]
    context = LibraryContext.build(docs)
    reports: list[ProcessReport] = []
    located: list[Located] = []
    suppressed = 0
    paths: dict[str, str] = {}
    for file in files:
        name = str(file.path)
        paths[file.document.id] = name
        report = check_process(file.document, context, config, today)
        positions = SourceMap(file.source, file.document).locate_all(report.findings)
        inline = Suppressions(file.source, name)
        by_path = disabled_for_path(name, config.paths)
        kept: list[Finding] = []
        for finding, (line, column) in zip(report.findings, positions, strict=True):
            if finding.rule in by_path or inline.off(finding.rule, line):
                suppressed += 1
                continue
            kept.append(finding)
            located.append(Located(name, line, column, file.document.id, finding))
        changed = len(kept) != len(report.findings)
        reports.append(_rescored(report, kept, config) if changed else report)
    located.sort(key=lambda item: (item.path, item.line, item.column))
    baselined = 0
    if baseline is not None:
        fresh = new_findings(located, baseline)
        baselined = len(located) - len(fresh)
        located = fresh
    return CheckResult(tuple(reports), tuple(located), (), paths, suppressed, baselined)


def _rescored(report: ProcessReport, kept: list[Finding], config: CheckerConfig) -> ProcessReport:
    """The report as if the switched-off findings had not been found."""
    sections = section_scores(kept, config)
    score = overall_score(sections, config)
    return replace(
        report,
        score=score,
        readiness=readiness(score, kept, config),
        sections=sections,
        findings=tuple(kept),
        reason=readiness_reason(score, kept, config),
    )


def locate_library(
    reports: Sequence[ProcessReport],
    documents: Sequence[ProcessDocument],
    config: CheckerConfig,
) -> tuple[tuple[ProcessReport, ...], tuple[Located, ...], int]:
    """Findings of processes checked from a database: no file, so the process id, and no
    line (0); the finding's location says where in the process it is. Inline
    ``ktw-disable`` comments, which import and export keep, apply as in the file: they are
    placed in the document as export would write it."""
    by_id = {doc.id: doc for doc in documents}
    kept_reports: list[ProcessReport] = []
    located: list[Located] = []
    suppressed = 0
    for report in reports:
        doc = by_id.get(report.id)
        kept = list(report.findings)
        if doc is not None and report.findings and _has_switches(doc):
            from kt_workbench.markdown import render_document

            source = render_document(doc)
            lines = SourceMap(source, doc).locate_all(report.findings)
            inline = Suppressions(source, report.id)
            kept = [f for f, (line, _col) in zip(report.findings, lines, strict=True)
                    if not inline.off(f.rule, line)]  # fmt: skip
            suppressed += len(report.findings) - len(kept)
            if len(kept) != len(report.findings):
                report = _rescored(report, kept, config)
        kept_reports.append(report)
        located += [Located(report.id, 0, 0, report.id, finding) for finding in kept]
    return tuple(kept_reports), tuple(located), suppressed


def _has_switches(doc: ProcessDocument) -> bool:
    return any("ktw-" in field.text for field in collect_fields(doc))
