"""Governance queries within a caller's unit of work: go-live dates, KPI figures,
acknowledgements and transition waves."""

from __future__ import annotations

import datetime as dt
import shlex

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from kt_workbench.errors import KtwError, NotFoundError
from kt_workbench.governance.kpi import KpiActual
from kt_workbench.governance.waves import Acknowledgement, Wave, WaveEvent
from kt_workbench.store.governance_tables import ACKNOWLEDGEMENT_TABLE as ACK
from kt_workbench.store.governance_tables import GO_LIVE_TABLE as GO_LIVE
from kt_workbench.store.governance_tables import KPI_ACTUAL_TABLE as ACTUAL
from kt_workbench.store.governance_tables import WAVE_EVENT_TABLE as WAVE_EVENT
from kt_workbench.store.governance_tables import WAVE_PROCESS_TABLE as WAVE_PROCESS
from kt_workbench.store.governance_tables import WAVE_TABLE as WAVE
from kt_workbench.store.writes import utc

Unit = Session | Connection


def metric_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def set_go_live(
    unit: Unit, process_id: str, day: dt.date, by: str, now: dt.datetime
) -> dt.date | None:
    """Record the go-live date; returns the date it replaces, if any."""
    earlier = go_live(unit, process_id)
    unit.execute(delete(GO_LIVE).where(GO_LIVE.c.process_id == process_id))
    unit.execute(
        insert(GO_LIVE).values(process_id=process_id, go_live=day, recorded_by=by, recorded_at=now)
    )
    return earlier


def go_live(unit: Unit, process_id: str) -> dt.date | None:
    found = unit.execute(
        select(GO_LIVE.c.go_live).where(GO_LIVE.c.process_id == process_id)
    ).scalar()
    return None if found is None else _date(found)


def go_lives(unit: Unit) -> dict[str, dt.date]:
    rows = unit.execute(select(GO_LIVE.c.process_id, GO_LIVE.c.go_live))
    return {row.process_id: _date(row.go_live) for row in rows}


def record_actual(unit: Unit, actual: KpiActual, now: dt.datetime) -> KpiActual | None:
    """Store one figure; returns the figure recorded earlier for the same day, if any."""
    key = metric_key(actual.metric)
    where = (
        (ACTUAL.c.process_id == actual.process_id)
        & (ACTUAL.c.metric == key)
        & (ACTUAL.c.measured_on == actual.measured_on)
    )
    earlier = [_actual(row) for row in unit.execute(select(ACTUAL).where(where))]
    unit.execute(delete(ACTUAL).where(where))
    unit.execute(
        insert(ACTUAL).values(
            process_id=actual.process_id,
            metric=key,
            measured_on=actual.measured_on,
            metric_name=actual.metric,
            value=actual.value,
            note=actual.note,
            recorded_by=actual.recorded_by,
            recorded_at=now,
        )
    )
    return earlier[0] if earlier else None


def actuals(unit: Unit, process_id: str | None = None) -> list[KpiActual]:
    """Every figure (of one process, or of all), oldest first."""
    statement = select(ACTUAL).order_by(ACTUAL.c.process_id, ACTUAL.c.metric, ACTUAL.c.measured_on)
    if process_id is not None:
        statement = statement.where(ACTUAL.c.process_id == process_id)
    return [_actual(row) for row in unit.execute(statement)]


def _actual(row: object) -> KpiActual:
    return KpiActual(
        process_id=row.process_id,  # type: ignore[attr-defined]
        metric=row.metric_name,  # type: ignore[attr-defined]
        measured_on=_date(row.measured_on),  # type: ignore[attr-defined]
        value=row.value,  # type: ignore[attr-defined]
        recorded_by=row.recorded_by,  # type: ignore[attr-defined]
        recorded_at=utc(row.recorded_at),  # type: ignore[attr-defined]
        note=row.note,  # type: ignore[attr-defined]
    )


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


# --- acknowledgements --------------------------------------------------------------------------


def acknowledge(
    unit: Unit,
    recipient: str,
    process_id: str,
    version: int,
    by: str,
    note: str,
    now: dt.datetime,
) -> bool:
    """Record that ``recipient`` has read ``version``; False when it already had."""
    where = (
        (ACK.c.recipient == recipient)
        & (ACK.c.process_id == process_id)
        & (ACK.c.version == version)
    )
    if unit.execute(select(ACK.c.version).where(where)).first() is not None:
        return False
    unit.execute(
        insert(ACK).values(
            recipient=recipient,
            process_id=process_id,
            version=version,
            acknowledged_by=by,
            acknowledged_at=now,
            note=note,
        )
    )
    return True


def acknowledged_versions(unit: Unit, recipient: str) -> dict[str, Acknowledgement]:
    """The newest version of each process ``recipient`` has acknowledged."""
    statement = (
        select(ACK).where(ACK.c.recipient == recipient).order_by(ACK.c.process_id, ACK.c.version)
    )
    found: dict[str, Acknowledgement] = {}
    for row in unit.execute(statement):
        found[row.process_id] = Acknowledgement(
            row.recipient,
            row.process_id,
            row.version,
            row.acknowledged_by,
            utc(row.acknowledged_at),
            row.note,
        )
    return found


# --- transition waves --------------------------------------------------------------------------


def create_wave(unit: Unit, name: str, recipient: str, stage: str, now: dt.datetime) -> None:
    if unit.execute(select(WAVE.c.name).where(WAVE.c.name == name)).first() is not None:
        raise KtwError(f"there is already a wave called {name!r} ('ktw wave list' shows them)")
    unit.execute(insert(WAVE).values(name=name, recipient=recipient, stage=stage, created_at=now))


def add_to_wave(unit: Unit, name: str, process_ids: list[str]) -> None:
    _require_wave(unit, name)
    for process_id in process_ids:
        other = unit.execute(
            select(WAVE_PROCESS.c.wave).where(WAVE_PROCESS.c.process_id == process_id)
        ).scalar()
        if other == name:
            continue
        if other is not None:
            raise KtwError(
                f"{process_id} is already in wave {other!r}; remove it there first "
                f"(ktw wave remove {shlex.quote(other)} {process_id})"
            )
        unit.execute(insert(WAVE_PROCESS).values(process_id=process_id, wave=name))


def remove_from_wave(unit: Unit, name: str, process_ids: list[str]) -> None:
    _require_wave(unit, name)
    unit.execute(
        delete(WAVE_PROCESS).where(
            (WAVE_PROCESS.c.wave == name) & WAVE_PROCESS.c.process_id.in_(process_ids)
        )
    )


def waves(unit: Unit) -> list[Wave]:
    members: dict[str, list[str]] = {}
    for row in unit.execute(select(WAVE_PROCESS).order_by(WAVE_PROCESS.c.process_id)):
        members.setdefault(row.wave, []).append(row.process_id)
    events: dict[str, list[WaveEvent]] = {}
    for row in unit.execute(select(WAVE_EVENT).order_by(WAVE_EVENT.c.wave, WAVE_EVENT.c.number)):
        events.setdefault(row.wave, []).append(
            WaveEvent(
                row.from_stage,
                row.to_stage,
                row.verdict,
                row.decided_by,
                utc(row.decided_at),
                row.note,
            )
        )
    return [
        Wave(
            row.name,
            row.recipient,
            row.stage,
            utc(row.created_at),
            tuple(members.get(row.name, [])),
            tuple(events.get(row.name, [])),
        )
        for row in unit.execute(select(WAVE).order_by(WAVE.c.created_at, WAVE.c.name))
    ]


def move_wave(unit: Unit, name: str, event: WaveEvent) -> None:
    """Record a stage change; refused when the wave moved meanwhile (someone else decided)."""
    current = _require_wave(unit, name)
    if current != event.from_stage:
        raise KtwError(
            f"wave {name!r} is at {current!r} now, not {event.from_stage!r}: "
            "someone moved it meanwhile; read the report again"
        )
    number = unit.execute(
        select(func.coalesce(func.max(WAVE_EVENT.c.number), 0)).where(WAVE_EVENT.c.wave == name)
    ).scalar_one()
    unit.execute(
        insert(WAVE_EVENT).values(
            wave=name,
            number=int(number) + 1,
            from_stage=event.from_stage,
            to_stage=event.to_stage,
            verdict=event.verdict,
            decided_by=event.decided_by,
            decided_at=event.decided_at,
            note=event.note,
        )
    )
    unit.execute(update(WAVE).where(WAVE.c.name == name).values(stage=event.to_stage))


def _require_wave(unit: Unit, name: str) -> str:
    stage = unit.execute(select(WAVE.c.stage).where(WAVE.c.name == name)).scalar()
    if stage is None:
        raise NotFoundError(f"no wave called {name!r} (see 'ktw wave list')")
    return str(stage)
