"""Properties of the checker on any document the format can carry."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import documents

from kt_workbench.checker import (
    RULES_BY_CODE,
    CheckerConfig,
    Finding,
    LibraryContext,
    check_library,
    check_process,
)
from kt_workbench.checker.scoring import readiness
from kt_workbench.model import SECTION_NAMES, ProcessDocument
from tests.test_checker_support import TODAY

# The shared strategy draws very large, hostile documents (hundreds of kilobytes of text), so
# a few examples already cover a lot; more would make this file slow.
FEW = settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEWER = settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FEW
@given(documents())
def test_any_document_gets_a_consistent_report(doc: ProcessDocument) -> None:
    report = check_process(doc, today=TODAY)
    assert 0 <= report.score <= 100
    assert list(report.to_json_dict()["sections"]) == list(SECTION_NAMES)
    assert all(0 <= value <= 100 for value in report.sections.values())
    assert report.readiness == readiness(report.score, report.findings, CheckerConfig())
    assert list(report.findings) == sorted(report.findings, key=Finding.sort_key)
    for finding in report.findings:
        rule = RULES_BY_CODE[finding.rule]
        assert finding.severity is rule.severity
        assert finding.section in SECTION_NAMES
        assert finding.location and finding.message and finding.hint
    assert check_process(doc, today=TODAY) == report


@FEWER
@given(st.lists(documents(), min_size=2, max_size=3, unique_by=lambda doc: doc.id))
def test_library_check_agrees_with_single_checks_in_its_context(
    docs: list[ProcessDocument],
) -> None:
    library = check_library(docs, today=TODAY)
    context = LibraryContext.build(docs)
    assert [report.id for report in library.processes] == [doc.id for doc in docs]
    for doc, report in zip(docs, library.processes, strict=True):
        assert check_process(doc, context, today=TODAY) == report
    assert sum(library.summary.counts.values()) == len(docs)
