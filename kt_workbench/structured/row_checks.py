"""What is wrong with one row, script or edge case, by field, in words that fit beside it.

The rules are the checker's, applied to one item while it is typed: a placeholder value such
as ``TBD`` counts as missing (``is_blank``), broad access is the checker's vocabulary
(``BROAD_ACCESS``), core metrics are the checker's (``core_metric``). The editor adds what
only a form can say: a metric value that is not a number, percentage, duration or range, and
targets that move the wrong way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kt_workbench.checker.checks.access_rights import BROAD_ACCESS
from kt_workbench.checker.checks.edge_cases import unreachable_escalation
from kt_workbench.checker.checks.metrics import CORE_METRICS, core_metric
from kt_workbench.checker.text import is_blank
from kt_workbench.model import AccessRight, Contact, EdgeCase, GlossaryEntry, Metric, Script
from kt_workbench.model.metric_values import KIND_NAMES, Measure, describe, parse_measure
from kt_workbench.structured.hints import EditingHints

Problems = dict[str, str]
# Core metrics where a lower value is the better one; for the others higher is better.
LOWER_IS_BETTER = frozenset({"AHT"})
_TARGETS = (("target_30", "30-day"), ("target_60", "60-day"), ("target_90", "90-day"))


def item_problems(field: str, item: Any, hints: EditingHints | None = None) -> Problems:
    """Problems of an item of section ``field``, by field key (empty when all is well)."""
    check = _CHECKS.get(field)
    return check(item, hints or EditingHints()) if check else {}


def _missing(problems: Problems, item: Any, fields: dict[str, str]) -> None:
    for key, what in fields.items():
        value = getattr(item, key)
        if is_blank(value):
            problems[key] = f"{'counts as missing: ' if value.strip() else ''}{what}"


def _access(item: AccessRight, hints: EditingHints) -> Problems:
    problems: Problems = {}
    _missing(
        problems,
        item,
        {
            "system": "name the system to grant",
            "role": "which team role needs it?",
            "access": "which access level does the work need?",
            "how_to_request": "how is the access requested?",
            "approver": "who approves the request?",
        },
    )
    broad = BROAD_ACCESS.search(item.access)
    if broad:
        problems["access"] = (
            f"'{broad.group().strip()}' is broader than an agent needs: "
            "name the least privilege that does the work"
        )
    return problems


def _contact(item: Contact, hints: EditingHints) -> Problems:
    problems: Problems = {}
    _missing(
        problems,
        item,
        {
            "role": "name the role (who is this?)",
            "channel": "how is this contact reached?",
            "hours": "when can they be reached?",
        },
    )
    return problems


def _glossary(item: GlossaryEntry, hints: EditingHints) -> Problems:
    problems: Problems = {}
    _missing(problems, item, {"term": "name the term", "meaning": "what does the term mean?"})
    return problems


def _script(item: Script, hints: EditingHints) -> Problems:
    problems: Problems = {}
    _missing(problems, item, {"title": "name the moment the script is for"})
    if is_blank(item.body):
        problems["body"] = "the script has no text"
    return problems


def _edge_case(item: EdgeCase, hints: EditingHints) -> Problems:
    problems: Problems = {}
    _missing(
        problems,
        item,
        {
            "title": "name the situation",
            "when": "when does this happen?",
            "handle": "how is it handled?",
            "escalate_to": "whom to escalate to (or 'none')?",
        },
    )
    # Only against contacts that exist: before any are written, every target would be flagged.
    target = unreachable_escalation(item.escalate_to, hints.contact_roles)
    if any(role.strip() for role in hints.contact_roles) and target is not None:
        problems["escalate_to"] = f"'{target}' is not in Escalation contacts"
    return problems


def _metric(item: Metric, hints: EditingHints) -> Problems:
    problems: Problems = {}
    core = core_metric(item.name) if item.name else None
    if is_blank(item.name):
        problems["name"] = "name the metric"
    values = {"baseline": item.baseline, **{key: getattr(item, key) for key, _ in _TARGETS}}
    read: dict[str, Measure] = {}
    for key, value in values.items():
        if is_blank(value):
            if core is not None:
                what = "no baseline" if key == "baseline" else f"no {dict(_TARGETS)[key]} target"
                problems[key] = f"{'counts as missing: ' if value.strip() else ''}{what}"
            continue
        measure = parse_measure(value)
        if measure is None:
            problems[key] = "not a number, percentage, duration (6m, 4:30) or range (80-85%)"
        elif measure.kind == "percent" and measure.high > 100:
            problems[key] = f"{describe(measure)} is over 100%"
        else:
            read[key] = measure
    first = next(iter(read.values()), None)
    for key, measure in read.items():
        if first is not None and measure.kind != first.kind and key not in problems:
            problems[key] = (
                f"is {KIND_NAMES[measure.kind]}; the first value is {KIND_NAMES[first.kind]}"
            )
    if core is not None:
        _direction(problems, read, CORE_METRICS[core][0] in LOWER_IS_BETTER)
    return problems


def _direction(problems: Problems, read: dict[str, Measure], lower_better: bool) -> None:
    """Each target at least as good as the one before it: ramp-up targets improve."""
    previous: tuple[str, Measure] | None = None
    for key, label in _TARGETS:
        measure = read.get(key)
        if measure is None:
            continue
        if previous is not None and previous[1].kind == measure.kind and key not in problems:
            earlier_label, earlier = previous
            worse = measure.low > earlier.high if lower_better else measure.high < earlier.low
            if worse:
                way = "rise above" if lower_better else "fall below"
                problems[key] = (
                    f"{label} target should not {way} the {earlier_label} target "
                    f"({describe(earlier)})"
                )
        previous = (label, measure)


_CHECKS: dict[str, Callable[[Any, EditingHints], Problems]] = {
    "access_rights": _access,
    "contacts": _contact,
    "glossary": _glossary,
    "metrics": _metric,
    "scripts": _script,
    "edge_cases": _edge_case,
}
