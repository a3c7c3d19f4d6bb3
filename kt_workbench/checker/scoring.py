"""From findings to section scores, the overall score and readiness."""

from __future__ import annotations

from collections.abc import Iterable

from kt_workbench.checker.config import CheckerConfig
from kt_workbench.checker.report import Finding, Readiness
from kt_workbench.checker.rules import Severity
from kt_workbench.model import SECTION_NAMES


def _round(value: float) -> int:
    """Half up, so 84.5 is 85 on every platform (``round`` would give 84)."""
    return int(value + 0.5)


# Each repeat of a rule's finding in a section costs this much of the one before it.
REPEAT_FACTOR = 0.5


def section_scores(findings: Iterable[Finding], config: CheckerConfig) -> dict[str, int]:
    """Each section starts at 100. A rule's first finding there costs the rule's weight (times
    the finding's share), each further one half of the one before; never below 0."""
    shares: dict[tuple[str, str], list[float]] = {}
    for rule, _severity, section, _location, _message, _hint, share, _order, _quote in findings:
        key = (section, rule)
        if key in shares:
            shares[key].append(share)
        else:
            shares[key] = [share]
    lost = dict.fromkeys(SECTION_NAMES, 0.0)
    rules = config.effective_rules
    for (section, code), values in shares.items():
        if section in lost and code in rules:
            if len(values) == 1:
                cost = values[0]
            else:
                values.sort(reverse=True)
                cost = sum(share * REPEAT_FACTOR**index for index, share in enumerate(values))
            lost[section] += rules[code].weight * cost
    return {name: max(0, _round(100 - lost[name])) for name in SECTION_NAMES}


def overall_score(sections: dict[str, int], config: CheckerConfig) -> int:
    weights = config.section_weights
    total = sum(weights[name] for name in SECTION_NAMES)
    return _round(sum(weights[name] * sections[name] for name in SECTION_NAMES) / total)


def readiness(score: int, findings: Iterable[Finding], config: CheckerConfig) -> Readiness:
    errors = sum(1 for finding in findings if finding.severity is Severity.ERROR)
    if score < config.not_ready_below or errors >= config.not_ready_errors:
        return "not-ready"
    if score >= config.ready_min_score and errors == 0:
        return "ready"
    return "needs-work"


def readiness_reason(score: int, findings: Iterable[Finding], config: CheckerConfig) -> str:
    """Why ``readiness`` gave what it gave, in a few words; empty for a ready process."""
    errors = sum(1 for finding in findings if finding.severity is Severity.ERROR)
    blocking = f"{errors} blocking error{'' if errors == 1 else 's'}"
    if errors >= config.not_ready_errors:
        return blocking
    if score < config.not_ready_below:
        return f"score below {config.not_ready_below}"
    if score < config.ready_min_score:
        low = f"score below {config.ready_min_score}"
        return f"{low} and {blocking}" if errors else low
    return blocking if errors else ""
