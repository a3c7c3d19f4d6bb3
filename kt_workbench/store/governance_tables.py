"""Tables for governance: transition waves and their stages, the provider's acknowledgement
of each version it holds, when each process went live, and the KPI figures recorded since.

Like revisions, these rows are not children of the process row: deleting a process keeps
the record of how it performed. Any change here needs a new migration.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, DateTime, ForeignKeyConstraint, Integer, Text
from sqlmodel import Field, SQLModel

from kt_workbench.store.tables import table_of


def _key(sa_type: Any) -> Any:
    return Field(sa_type=sa_type, primary_key=True)


class GoLiveRow(SQLModel, table=True):
    __tablename__ = "process_go_live"

    process_id: str = _key(Text)
    go_live: dt.date = Field(sa_type=Date)
    recorded_by: str = Field(sa_type=Text)
    recorded_at: dt.datetime = Field(sa_type=DateTime(timezone=True))


class KpiActualRow(SQLModel, table=True):
    """One figure for one metric of one process on one day; recording the same day again
    replaces it (a corrected figure), earlier days stay."""

    __tablename__ = "kpi_actual"

    process_id: str = _key(Text)
    metric: str = _key(Text)  # the metric's name folded to lower case with single spaces
    measured_on: dt.date = _key(Date)
    metric_name: str = Field(sa_type=Text)  # as it was written
    value: str = Field(sa_type=Text)
    note: str = Field(sa_type=Text)
    recorded_by: str = Field(sa_type=Text)
    recorded_at: dt.datetime = Field(sa_type=DateTime(timezone=True))


GO_LIVE_TABLE = table_of(GoLiveRow)
KPI_ACTUAL_TABLE = table_of(KpiActualRow)


class AcknowledgementRow(SQLModel, table=True):
    """A recipient (the provider) confirms it has read one version of a process."""

    __tablename__ = "process_acknowledgement"
    __table_args__ = (
        ForeignKeyConstraint(
            ["process_id", "version"], ["process_revision.process_id", "process_revision.version"]
        ),
    )

    recipient: str = _key(Text)
    process_id: str = _key(Text)
    version: int = Field(
        sa_type=Integer, primary_key=True, sa_column_kwargs={"autoincrement": False}
    )
    acknowledged_by: str = Field(sa_type=Text)
    acknowledged_at: dt.datetime = Field(sa_type=DateTime(timezone=True))
    note: str = Field(sa_type=Text)


class WaveRow(SQLModel, table=True):
    """A transition wave: processes handed to one recipient together, stage by stage."""

    __tablename__ = "transition_wave"

    name: str = _key(Text)
    recipient: str = Field(sa_type=Text)
    stage: str = Field(sa_type=Text)
    created_at: dt.datetime = Field(sa_type=DateTime(timezone=True))


class WaveProcessRow(SQLModel, table=True):
    """A process's wave: each process is handed over in one wave."""

    __tablename__ = "transition_wave_process"
    __table_args__ = (ForeignKeyConstraint(["wave"], ["transition_wave.name"], ondelete="CASCADE"),)

    process_id: str = _key(Text)
    wave: str = Field(sa_type=Text)


class WaveEventRow(SQLModel, table=True):
    """A wave moved from one stage to the next: who decided, on what verdict, and why."""

    __tablename__ = "transition_wave_event"
    __table_args__ = (ForeignKeyConstraint(["wave"], ["transition_wave.name"], ondelete="CASCADE"),)

    wave: str = _key(Text)
    number: int = Field(
        sa_type=Integer, primary_key=True, sa_column_kwargs={"autoincrement": False}
    )
    from_stage: str = Field(sa_type=Text)
    to_stage: str = Field(sa_type=Text)
    verdict: str = Field(sa_type=Text)  # "go", or "override" when a no-go was overruled
    decided_by: str = Field(sa_type=Text)
    decided_at: dt.datetime = Field(sa_type=DateTime(timezone=True))
    note: str = Field(sa_type=Text)


ACKNOWLEDGEMENT_TABLE = table_of(AcknowledgementRow)
WAVE_TABLE = table_of(WaveRow)
WAVE_PROCESS_TABLE = table_of(WaveProcessRow)
WAVE_EVENT_TABLE = table_of(WaveEventRow)
GOVERNANCE_TABLES = (
    GO_LIVE_TABLE.name,
    KPI_ACTUAL_TABLE.name,
    ACKNOWLEDGEMENT_TABLE.name,
    WAVE_TABLE.name,
    WAVE_PROCESS_TABLE.name,
    WAVE_EVENT_TABLE.name,
)
