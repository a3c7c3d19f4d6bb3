"""Governance queries within a caller's unit of work: go-live dates and KPI figures."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from kt_workbench.governance.kpi import KpiActual
from kt_workbench.store.governance_tables import GO_LIVE_TABLE as GO_LIVE
from kt_workbench.store.governance_tables import KPI_ACTUAL_TABLE as ACTUAL
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
