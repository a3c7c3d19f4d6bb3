"""A check run as the output formats see it: every finding with the file (or process) it is
in, its line and column, and a fingerprint that survives edits elsewhere in the file."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from kt_workbench.checker.report import Finding, LibraryFinding, ProcessReport


@dataclass(frozen=True)
class Located:
    """One finding of one process, placed in its file (``path``) at ``line``:``column``.
    Without a file (a process checked from the library) ``path`` is the process id and the
    position is 1:1."""

    path: str
    line: int
    column: int
    process_id: str
    finding: Finding

    @property
    def fingerprint(self) -> str:
        """Stable across line moves: file, rule, where in the document, and what it quotes
        (or its message). Credentials are fingerprinted by kind and place only."""
        finding = self.finding
        what = finding.quote if finding.quote and finding.rule >= "KT010" else finding.message
        data = "\x1f".join((self.path, finding.rule, finding.location, what))
        return hashlib.sha256(data.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class CheckResult:
    """Everything one ``ktw check`` run found, for any output format. ``suppressed`` counts
    findings an inline comment or a path setting switched off; ``baselined`` those already
    in the baseline file."""

    reports: tuple[ProcessReport, ...]
    located: tuple[Located, ...]
    library_findings: tuple[LibraryFinding, ...] = ()
    paths: dict[str, str] = field(default_factory=dict)  # process id -> file
    suppressed: int = 0
    baselined: int = 0
