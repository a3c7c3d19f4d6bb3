"""``ktw check`` output for CI systems: SARIF 2.1.0 (code scanning), JUnit XML (test
reports) and GitLab code quality (merge-request widgets)."""

from __future__ import annotations

import json
from typing import Any
from xml.etree import ElementTree

from kt_workbench import __version__
from kt_workbench.checker.catalogue import RULES
from kt_workbench.checker.results import CheckResult, Located
from kt_workbench.checker.rules import Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITLAB_SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "minor", Severity.INFO: "info"}


def sarif(result: CheckResult) -> str:
    """A SARIF 2.1.0 log with one run, every rule of the catalogue and one result per
    finding (``partialFingerprints`` keeps GitHub from reopening moved findings)."""
    index = {rule.code: position for position, rule in enumerate(RULES)}
    rules = [
        {
            "id": rule.code,
            "name": rule.title,
            "shortDescription": {"text": rule.title},
            "fullDescription": {"text": rule.why},
            "help": {"text": rule.fix},
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
            "properties": {"section": rule.section, "weight": rule.weight},
        }
        for rule in RULES
    ]
    results = [_sarif_result(item, index[item.finding.rule]) for item in result.located]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ktw",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2)


def _sarif_result(item: Located, rule_index: int) -> dict[str, Any]:
    finding = item.finding
    return {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": _SARIF_LEVEL[finding.severity],
        "message": {"text": f"{finding.message}. {finding.hint}"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": item.path},
                    "region": {
                        "startLine": max(1, item.line),
                        "startColumn": max(1, item.column),
                    },
                },
                "logicalLocations": [{"name": finding.location, "kind": "member"}],
            }
        ],
        "partialFingerprints": {"ktwFinding/v1": item.fingerprint},
    }


def junit(result: CheckResult) -> str:
    """JUnit XML: one test suite, one test case per checked file (or process) that passes
    when it has no finding, and one failing test case per finding."""
    suite = ElementTree.Element("testsuite", name="ktw check")
    by_process: dict[str, list[Located]] = {}
    for item in result.located:
        by_process.setdefault(item.process_id, []).append(item)
    failures = 0
    tests = 0
    for report in result.reports:
        name = result.paths.get(report.id, report.id)
        items = by_process.get(report.id, [])
        if not items:
            tests += 1
            ElementTree.SubElement(suite, "testcase", classname=name, name=report.verdict)
        for item in items:
            tests += 1
            failures += 1
            finding = item.finding
            case = ElementTree.SubElement(
                suite,
                "testcase",
                classname=name,
                name=f"{finding.rule} {item.path}:{item.line}:{item.column}",
            )
            failure = ElementTree.SubElement(
                case, "failure", message=finding.message, type=finding.severity.value
            )
            failure.text = f"{finding.rule} {finding.location}: {finding.message}\n{finding.hint}"
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    root = ElementTree.Element("testsuites", name="ktw", tests=str(tests))
    root.set("failures", str(failures))
    root.append(suite)
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, "unicode")


def gitlab(result: CheckResult) -> str:
    """GitLab code quality: a JSON array of issues with a fingerprint, a severity and the
    path and line (the format of GitLab's ``artifacts:reports:codequality``)."""
    issues = [
        {
            "description": f"{item.finding.rule} {item.finding.message}",
            "check_name": item.finding.rule,
            "fingerprint": item.fingerprint,
            "severity": _GITLAB_SEVERITY[item.finding.severity],
            "location": {"path": item.path, "lines": {"begin": max(1, item.line)}},
        }
        for item in result.located
    ]
    return json.dumps(issues, indent=2)
