"""What a rule is: a stable code, where it scores, how much it matters and why."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """``error`` blocks readiness; ``warning`` and ``info`` only cost points."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more serious, so ``--fail-on warning`` also fails on errors."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]


# A rule whose findings score in the section where the problem was found (credentials,
# unfinished markers) rather than in one fixed section.
WHERE_FOUND = "where found"


@dataclass(frozen=True)
class Rule:
    """One check, like a linter rule.

    ``weight`` is what the rule's first finding costs its section, out of 100 points. Each
    further finding of the same rule in that section costs half as much as the one before, so
    repeats count without one rule wiping out a section by itself.
    """

    code: str
    title: str
    section: str
    severity: Severity
    weight: float
    why: str
    fix: str
