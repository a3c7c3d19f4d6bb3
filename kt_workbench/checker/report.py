"""What the checker hands back: findings, per-process reports and the library summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from kt_workbench.checker.context import LibraryContext
from kt_workbench.checker.rules import Severity
from kt_workbench.model import SECTION_NAMES

Readiness = Literal["ready", "needs-work", "not-ready"]
READINESS_LEVELS: tuple[Readiness, ...] = ("ready", "needs-work", "not-ready")

_SECTION_ORDER = {name: index for index, name in enumerate(SECTION_NAMES)}


class Finding(NamedTuple):
    """One point lost: which rule, where, what is wrong and how to fix it.

    ``share`` scales what this finding costs (a process in review costs half of one in draft)
    and ``order`` places it in document order; neither is part of the published report.
    (A named tuple rather than a frozen dataclass: just as immutable, and several times
    cheaper to create, which counts when a library of thousands of processes is checked.)
    """

    rule: str
    severity: Severity
    section: str
    location: str
    message: str
    hint: str
    share: float = 1.0
    order: tuple[int, ...] = ()
    # The text the finding is about, as written in the document ("etc", "TODO", "SLO"), so
    # file mode can point at its line and column. Not part of the published report.
    quote: str = ""

    def sort_key(self) -> tuple[Any, ...]:
        """Section, then place in the document, then rule. Findings equal on all three keep
        the order the rule found them in (left to right), since sorting is stable."""
        return (_SECTION_ORDER.get(self.section, len(_SECTION_ORDER)), self.order, self.rule)

    def to_json_dict(self) -> dict[str, str]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "section": self.section,
            "location": self.location,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass(frozen=True)
class ProcessReport:
    """How ready one process is to hand over, and every reason it is not fully ready."""

    id: str
    title: str
    score: int
    readiness: Readiness
    sections: dict[str, int]
    findings: tuple[Finding, ...]
    # Why the process is not ready, in a few words ("2 blocking errors", "score below 85");
    # empty when it is ready.
    reason: str = ""

    @property
    def verdict(self) -> str:
        """Score and readiness in one line that never contradicts itself:
        "90, not ready: 2 blocking errors", "78, needs work: score below 85", "95, ready"."""
        level = self.readiness.replace("-", " ")
        return f"{self.score}, {level}: {self.reason}" if self.reason else f"{self.score}, {level}"

    @property
    def error_count(self) -> int:
        return sum(1 for finding in self.findings if finding.severity is Severity.ERROR)

    def has_finding_at_least(self, level: Severity) -> bool:
        return any(finding.severity.rank >= level.rank for finding in self.findings)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "score": self.score,
            "readiness": self.readiness,
            "verdict": self.verdict,
            "sections": {name: self.sections[name] for name in SECTION_NAMES},
            "findings": [finding.to_json_dict() for finding in self.findings],
        }


@dataclass(frozen=True)
class LibraryFinding:
    """A finding about several processes together, such as two near-duplicates."""

    rule: str
    severity: Severity
    process_ids: tuple[str, ...]
    message: str
    hint: str

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "processes": list(self.process_ids),
            "message": self.message,
            "hint": self.hint,
        }


@dataclass(frozen=True)
class LibrarySummary:
    processes: int
    counts: dict[str, int]
    average_score: float

    @classmethod
    def of(cls, reports: tuple[ProcessReport, ...]) -> LibrarySummary:
        counts: dict[str, int] = dict.fromkeys(READINESS_LEVELS, 0)
        for report in reports:
            counts[report.readiness] += 1
        total = sum(report.score for report in reports)
        average = round(total / len(reports), 1) if reports else 0.0
        return cls(len(reports), counts, average)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "processes": self.processes,
            "readiness": dict(self.counts),
            "average_score": self.average_score,
        }


@dataclass(frozen=True)
class LibraryReport:
    """Every process's report, the findings across processes, and the totals.

    ``context`` is the library context the processes were checked against: reuse it to check
    a process being edited (``check_process(doc, report.context)``) without building it again.
    """

    processes: tuple[ProcessReport, ...]
    findings: tuple[LibraryFinding, ...]
    summary: LibrarySummary
    context: LibraryContext | None = field(default=None, compare=False, repr=False)

    def by_id(self) -> dict[str, ProcessReport]:
        return {report.id: report for report in self.processes}
