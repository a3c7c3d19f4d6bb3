"""Check one process or the whole library."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from operator import itemgetter

from kt_workbench.checker.checks import (
    access_rights,
    contacts,
    decision_tree,
    duplicates,
    edge_cases,
    glossary,
    metrics,
    overview,
    procedure,
    scripts,
    security,
    template_examples,
    unfinished,
)
from kt_workbench.checker.config import CheckerConfig
from kt_workbench.checker.context import LibraryContext
from kt_workbench.checker.duplicates import DuplicateMatch
from kt_workbench.checker.report import (
    Finding,
    LibraryFinding,
    LibraryReport,
    LibrarySummary,
    ProcessReport,
)
from kt_workbench.checker.run import CheckRun
from kt_workbench.checker.scoring import (
    overall_score,
    readiness,
    readiness_reason,
    section_scores,
)
from kt_workbench.model import SECTION_NAMES, ProcessDocument

# Credentials first: the other rules rely on knowing where the secrets are.
_CHECKS: tuple[Callable[[CheckRun], object], ...] = (
    security.check,
    unfinished.check,
    template_examples.check,
    overview.check,
    procedure.check,
    scripts.check,
    decision_tree.check,
    access_rights.check,
    edge_cases.check,
    metrics.check,
    contacts.check,
    glossary.check,
)


def check_process(
    doc: ProcessDocument,
    context: LibraryContext | None = None,
    config: CheckerConfig | None = None,
    today: dt.date | None = None,
) -> ProcessReport:
    """Score one process. Without ``context`` it is judged as if it were the whole library."""
    return _check(doc, context, config, today)[0]


def check_library(
    docs: Iterable[ProcessDocument],
    config: CheckerConfig | None = None,
    today: dt.date | None = None,
) -> LibraryReport:
    """Score every process against the library they form, and find near-duplicates."""
    docs = list(docs)
    config = config or CheckerConfig()
    today = today or dt.date.today()
    reports: list[ProcessReport] = []
    pairs: dict[tuple[str, str], DuplicateMatch] = {}
    with _no_cycle_collection():
        context = LibraryContext.build(docs)
        for doc in docs:
            report, matches = _check(doc, context, config, today)
            reports.append(report)
            for match in matches:
                pairs.setdefault((min(doc.id, match.other_id), max(doc.id, match.other_id)), match)
    rule = config.effective_rules.get("KT020")
    library_findings = tuple(
        LibraryFinding(
            rule="KT020",
            severity=rule.severity,
            process_ids=pair,
            message=f"{pair[0]} and {pair[1]} look like the same process: titles "
            f"{match.title_similarity}% and {match.basis} {match.steps_similarity}% similar",
            hint=rule.fix,
        )
        for pair, match in sorted(pairs.items())
        if rule is not None
    )
    processes = tuple(reports)
    return LibraryReport(processes, library_findings, LibrarySummary.of(processes), context)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector while a library is checked.

    Checking allocates hundreds of thousands of small objects, none in a reference cycle
    (plain reference counting frees them all), and each allocation burst makes the collector
    walk every live object, the whole library included, again: about a tenth of the time
    for 5,000 processes. The previous state is restored, so a caller that has the collector
    off keeps it off.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check(
    doc: ProcessDocument,
    context: LibraryContext | None,
    config: CheckerConfig | None,
    today: dt.date | None,
) -> tuple[ProcessReport, list[DuplicateMatch]]:
    config = config or CheckerConfig()
    run = CheckRun(
        doc,
        context if context is not None else LibraryContext.build([doc]),
        config,
        today or dt.date.today(),
    )
    for check in _CHECKS:
        check(run)
    matches = duplicates.check(run)
    findings = _in_report_order(run.findings)
    sections = section_scores(findings, config)
    score = overall_score(sections, config)
    report = ProcessReport(
        id=doc.id,
        title=doc.title,
        score=score,
        readiness=readiness(score, findings, config),
        sections=sections,
        findings=findings,
        reason=readiness_reason(score, findings, config),
    )
    return report, matches


_BY_PLACE = itemgetter(7, 0)  # Finding.order, Finding.rule


def _in_report_order(findings: list[Finding]) -> tuple[Finding, ...]:
    """``sorted(findings, key=Finding.sort_key)``, but with C-level keys: bucket by section,
    then sort each bucket by place and rule. Stable, like the plain sort."""
    buckets: dict[str, list[Finding]] = {name: [] for name in SECTION_NAMES}
    for finding in findings:
        buckets[finding.section].append(finding)
    ordered: list[Finding] = []
    for bucket in buckets.values():
        bucket.sort(key=_BY_PLACE)
        ordered += bucket
    return tuple(ordered)
