"""Transition waves: processes handed to a provider together, stage by stage, each stage
left only through its exit gate.

The stages and their gates are listed once, here. A gate is a set of checks on facts the
tool already holds (the checker's readiness, sign-offs, what the provider holds and has
acknowledged, go-live dates, KPI figures), so a go/no-go report is evidence, not opinion.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from shlex import quote
from typing import Literal

from kt_workbench.governance.kpi import MetricStatus
from kt_workbench.model import ProcessDocument

HYPERCARE_DAYS = 90


@dataclass(frozen=True)
class Acknowledgement:
    """A recipient confirmed it has read one version of a process."""

    recipient: str
    process_id: str
    version: int
    acknowledged_by: str
    acknowledged_at: dt.datetime
    note: str = ""


@dataclass(frozen=True)
class WaveEvent:
    """A wave moved to the next stage: on a "go", or on an "override" of a no-go."""

    from_stage: str
    to_stage: str
    verdict: Literal["go", "override"] | str
    decided_by: str
    decided_at: dt.datetime
    note: str = ""


@dataclass(frozen=True)
class Wave:
    name: str
    recipient: str
    stage: str
    created_at: dt.datetime
    process_ids: tuple[str, ...] = ()
    events: tuple[WaveEvent, ...] = ()


@dataclass(frozen=True)
class ProcessFacts:
    """What the tool knows about one process of a wave, gathered from the store."""

    document: ProcessDocument
    version: int
    readiness: str
    score: int
    signed_off: bool  # someone signed off the latest version
    held_version: int | None  # the version the recipient's last pack gave it
    acknowledged_version: int | None  # the newest version the recipient acknowledged
    go_live: dt.date | None
    kpis: tuple[MetricStatus, ...] = ()
    recipient: str = "RECIPIENT"


@dataclass(frozen=True)
class Check:
    """One exit criterion for one process: passed or not, and why."""

    process_id: str
    criterion: str
    passed: bool
    detail: str


Gate = Callable[[ProcessFacts, dt.date], list[Check]]


def _check(facts: ProcessFacts, criterion: str, passed: bool, detail: str) -> Check:
    return Check(facts.document.id, criterion, passed, detail)


def _ready(facts: ProcessFacts, today: dt.date) -> list[Check]:
    doc = facts.document
    return [
        _check(
            facts,
            "ready",
            facts.readiness == "ready",
            f"the check says {facts.readiness} (score {facts.score}); 'ktw check {doc.id}' "
            "lists what is missing"
            if facts.readiness != "ready"
            else f"ready (score {facts.score})",
        ),
        _check(
            facts,
            "approved",
            doc.status == "approved",
            "approved" if doc.status == "approved" else f"status is {doc.status}",
        ),
        _check(
            facts,
            "signed off",
            facts.signed_off,
            f"version {facts.version} signed off"
            if facts.signed_off
            else f"nobody signed off version {facts.version} (ktw sign-off {doc.id} --by NAME)",
        ),
    ]


def _held_and_acknowledged(facts: ProcessFacts, today: dt.date) -> list[Check]:
    doc = facts.document
    held = facts.held_version == facts.version
    acknowledged = facts.acknowledged_version == facts.version
    return [
        _check(
            facts,
            "provider holds it",
            held,
            f"the provider holds version {facts.version}"
            if held
            else (
                f"never sent to {facts.recipient} (ktw pack-delta {quote(facts.recipient)} "
                "--out DIR)"
                if facts.held_version is None
                else f"the provider holds version {facts.held_version}, the latest is "
                f"{facts.version}: send a delta pack"
            ),
        ),
        _check(
            facts,
            "acknowledged",
            acknowledged,
            f"version {facts.version} acknowledged"
            if acknowledged
            else (
                f"{facts.recipient} has not acknowledged it (ktw ack {doc.id} --recipient "
                f"{quote(facts.recipient)} --by NAME)"
                if facts.acknowledged_version is None
                else f"the provider acknowledged version {facts.acknowledged_version}; the "
                f"latest is {facts.version}: it must acknowledge again"
            ),
        ),
    ]


def _targets_stated(facts: ProcessFacts, today: dt.date) -> list[Check]:
    metrics = facts.document.metrics
    complete = [m for m in metrics if m.baseline and m.target_30 and m.target_60 and m.target_90]
    return [
        _check(
            facts,
            "baseline and targets",
            bool(metrics) and len(complete) == len(metrics),
            "no metrics listed"
            if not metrics
            else f"{len(complete)} of {len(metrics)} metrics have a baseline and 30/60/90-day "
            "targets",
        )
    ]


def _live(facts: ProcessFacts, today: dt.date) -> list[Check]:
    doc = facts.document
    passed = facts.go_live is not None and facts.go_live <= today
    if facts.go_live is None:
        detail = f"no go-live date (ktw kpi go-live {doc.id} DATE)"
    elif facts.go_live > today:
        detail = f"goes live on {facts.go_live.isoformat()}"
    else:
        detail = f"live since {facts.go_live.isoformat()}"
    return [_check(facts, "live", passed, detail)]


def _targets_reached(facts: ProcessFacts, today: dt.date) -> list[Check]:
    days = None if facts.go_live is None else (today - facts.go_live).days
    checks = [
        _check(
            facts,
            f"{HYPERCARE_DAYS} days live",
            days is not None and days >= HYPERCARE_DAYS,
            "not live" if days is None else f"day {days} of {HYPERCARE_DAYS}",
        )
    ]
    for status in facts.kpis:
        passed = status.status in ("on target", "ahead")
        checks.append(
            _check(
                facts,
                f"{status.metric.name} on target",
                passed,
                status.status
                if status.actual is None or status.expected is None
                else f"{status.actual.show()} against {status.expected.show()}: {status.status}",
            )
        )
    return checks


@dataclass(frozen=True)
class Stage:
    key: str
    title: str
    what: str
    gate: tuple[Gate, ...]  # the checks to leave it


STAGES: tuple[Stage, ...] = (
    Stage(
        "preparation",
        "Preparation",
        "Every process written until the checker calls it ready, approved and signed off.",
        (_ready,),
    ),
    Stage(
        "knowledge-transfer",
        "Knowledge transfer",
        "The provider receives the pack, reads and acknowledges every process; baselines and "
        "targets are agreed.",
        (_ready, _held_and_acknowledged, _targets_stated),
    ),
    Stage(
        "shadowing",
        "Shadowing",
        "The provider's agents work beside ours, then ours beside theirs, until go-live.",
        (_held_and_acknowledged, _live),
    ),
    Stage(
        "hypercare",
        "Hypercare",
        f"Live, watched closely until the {HYPERCARE_DAYS}-day targets are met.",
        (_held_and_acknowledged, _targets_reached),
    ),
    Stage(
        "steady-state",
        "Steady state",
        "Governed by the KPIs and delta packs; nothing further to pass.",
        (),
    ),
)
STAGE_KEYS = tuple(stage.key for stage in STAGES)


def stage(key: str) -> Stage:
    return STAGES[STAGE_KEYS.index(key)]


def next_stage(key: str) -> Stage | None:
    index = STAGE_KEYS.index(key)
    return STAGES[index + 1] if index + 1 < len(STAGES) else None


@dataclass(frozen=True)
class GoNoGo:
    """The exit gate of a wave's current stage, judged on today's facts."""

    wave: Wave
    stage: Stage
    next: Stage | None
    checks: tuple[Check, ...]
    missing: tuple[str, ...]  # process ids in the wave that are no longer in the library

    @property
    def go(self) -> bool:
        return (
            self.next is not None
            and bool(self.wave.process_ids)
            and not self.missing
            and all(check.passed for check in self.checks)
        )

    @property
    def failed(self) -> tuple[Check, ...]:
        return tuple(check for check in self.checks if not check.passed)


def go_no_go(wave: Wave, facts: list[ProcessFacts], today: dt.date) -> GoNoGo:
    current = stage(wave.stage)
    checks = [check for item in facts for gate in current.gate for check in gate(item, today)]
    known = {item.document.id for item in facts}
    missing = tuple(pid for pid in wave.process_ids if pid not in known)
    return GoNoGo(wave, current, next_stage(wave.stage), tuple(checks), missing)
