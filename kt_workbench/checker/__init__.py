"""The completeness checker: could an external team run this process from what is written?

Pure functions from documents to reports; no UI and no database. Every point a process loses
is a finding that says where, what and how to fix it.
"""

from kt_workbench.checker.catalogue import RULES, RULES_BY_CODE
from kt_workbench.checker.checks.overview import same_report_until
from kt_workbench.checker.config import CheckerConfig, RuleOverride, load_config, parse_config
from kt_workbench.checker.context import LibraryContext
from kt_workbench.checker.engine import check_library, check_process
from kt_workbench.checker.report import (
    READINESS_LEVELS,
    Finding,
    LibraryFinding,
    LibraryReport,
    LibrarySummary,
    ProcessReport,
    Readiness,
)
from kt_workbench.checker.rules import WHERE_FOUND, Rule, Severity

__all__ = [
    "READINESS_LEVELS",
    "RULES",
    "RULES_BY_CODE",
    "WHERE_FOUND",
    "CheckerConfig",
    "Finding",
    "LibraryContext",
    "LibraryFinding",
    "LibraryReport",
    "LibrarySummary",
    "ProcessReport",
    "Readiness",
    "Rule",
    "RuleOverride",
    "Severity",
    "check_library",
    "check_process",
    "load_config",
    "parse_config",
    "same_report_until",
]
