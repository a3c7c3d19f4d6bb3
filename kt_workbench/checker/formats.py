"""``ktw check`` output for people and for the linters' usual consumers: ``text``, ``json``
(versioned, see docs/checks.md) and ``github`` (workflow annotations). SARIF, JUnit and
GitLab code quality are in ``formats_ci``."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kt_workbench import __version__
from kt_workbench.checker.report import LibrarySummary, ProcessReport
from kt_workbench.checker.results import CheckResult, Located
from kt_workbench.checker.rules import Severity

JSON_FORMAT = "ktw-check"
JSON_VERSION = 1
# GitHub shows at most ten annotations of each level per step; the rest go to the log.
GITHUB_ANNOTATIONS_PER_LEVEL = 10


def text(result: CheckResult) -> str:
    """``file:line:col: CODE message`` per finding, then one verdict line per process."""
    if not result.reports:
        return "No processes to check: the library is empty."
    lines = [_plain(item) for item in result.located]
    if lines:
        lines.append("")
    for pair in result.library_findings:
        lines.append(f"library: {pair.rule} {pair.message}")
    if result.library_findings:
        lines.append("")
    width = max(len(_name(result, report)) for report in result.reports)
    for report in result.reports:
        lines.append(f"{_name(result, report).ljust(width)}  {report.verdict}  ({_tally(report)})")
    lines.append("")
    lines.append(_summary_line(result))
    return "\n".join(lines)


def _plain(item: Located) -> str:
    finding = item.finding
    if not item.line:  # a process from the library, not a file
        return f"{item.path}: {finding.location}: {finding.rule} {finding.message}"
    return f"{item.path}:{item.line}:{item.column}: {finding.rule} {finding.message}"


def _name(result: CheckResult, report: ProcessReport) -> str:
    return result.paths.get(report.id, report.id)


def _tally(report: ProcessReport) -> str:
    counts = dict.fromkeys(Severity, 0)
    for finding in report.findings:
        counts[finding.severity] += 1
    parts = []
    for severity in Severity:
        noun = severity.value if counts[severity] == 1 or severity is Severity.INFO else ""
        parts.append(f"{counts[severity]} {noun or severity.value + 's'}")
    return ", ".join(parts)


def _summary_line(result: CheckResult) -> str:
    summary = LibrarySummary.of(result.reports)
    counts = ", ".join(f"{count} {level}" for level, count in summary.counts.items())
    noun = "process" if summary.processes == 1 else "processes"
    extra = ""
    if result.suppressed:
        extra += f"; {result.suppressed} suppressed"
    if result.baselined:
        extra += f"; {result.baselined} in the baseline"
    return f"{summary.processes} {noun}: {counts}; average score {summary.average_score}{extra}"


def json_report(result: CheckResult) -> str:
    """The versioned JSON document described in docs/checks.md."""
    by_process: dict[str, list[Located]] = {}
    for item in result.located:
        by_process.setdefault(item.process_id, []).append(item)
    processes = []
    for report in result.reports:
        data = report.to_json_dict()
        data["path"] = result.paths.get(report.id)
        data["findings"] = [_json_finding(item) for item in by_process.get(report.id, [])]
        processes.append(data)
    document: dict[str, Any] = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "tool": {"name": "ktw", "version": __version__},
        "processes": processes,
        "library_findings": [pair.to_json_dict() for pair in result.library_findings],
        "summary": {
            **LibrarySummary.of(result.reports).to_json_dict(),
            "suppressed": result.suppressed,
            "baselined": result.baselined,
        },
    }
    return json.dumps(document, indent=2)


def _json_finding(item: Located) -> dict[str, Any]:
    data: dict[str, Any] = item.finding.to_json_dict()
    data.update(path=item.path, line=item.line, column=item.column, fingerprint=item.fingerprint)
    return data


def github(result: CheckResult) -> str:
    """Workflow commands: the first ten errors, ten warnings and ten notices as annotations
    (GitHub's limit per step), every other finding as a log line, then a summary; the
    summary also goes to the job summary page when ``GITHUB_STEP_SUMMARY`` is set."""
    lines = []
    shown = dict.fromkeys(Severity, 0)
    for item in result.located:
        severity = item.finding.severity
        if shown[severity] < GITHUB_ANNOTATIONS_PER_LEVEL:
            shown[severity] += 1
            lines.append(_annotation(item))
        else:
            lines.append(_plain(item))
    hidden = len(result.located) - sum(shown.values())
    summary = _summary_line(result)
    if hidden:
        summary += f"; {hidden} findings beyond GitHub's annotation limit are listed in the log"
    lines.append(f"::notice title=ktw check::{_escape(summary)}")
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if step_summary:
        with Path(step_summary).open("a", encoding="utf-8") as handle:
            handle.write(_markdown_summary(result, summary))
    return "\n".join(lines)


_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _annotation(item: Located) -> str:
    finding = item.finding
    parts = [f"file={_escape_property(item.path)}"]
    if item.line:
        parts += [f"line={item.line}", f"col={item.column}"]
    parts.append(f"title={_escape_property(f'{finding.rule} {finding.location}')}")
    properties = ",".join(parts)
    message = f"{finding.message}\n{finding.hint}"
    return f"::{_LEVEL[finding.severity]} {properties}::{_escape(message)}"


def _escape(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape(value).replace(":", "%3A").replace(",", "%2C")


def _markdown_summary(result: CheckResult, summary: str) -> str:
    rows = ["## ktw check", "", summary, "", "| Process | Verdict |", "| --- | --- |"]
    for report in result.reports:
        name = _name(result, report).replace("|", "\\|")
        rows.append(f"| {name} | {report.verdict} |")
    return "\n".join(rows) + "\n"


def formatter(name: str) -> Callable[[CheckResult], str]:
    from kt_workbench.checker import formats_ci

    return {
        "text": text,
        "json": json_report,
        "github": github,
        "sarif": formats_ci.sarif,
        "junit": formats_ci.junit,
        "gitlab": formats_ci.gitlab,
    }[name]


FORMATS = ("text", "json", "github", "sarif", "junit", "gitlab")
