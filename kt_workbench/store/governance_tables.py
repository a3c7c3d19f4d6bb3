"""Tables for governance after go-live: when each process went live with the provider, and
the KPI figures recorded since.

Like revisions, these rows are not children of the process row: deleting a process keeps
the record of how it performed. Any change here needs a new migration.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, DateTime, Text
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
GOVERNANCE_TABLES = (GO_LIVE_TABLE.name, KPI_ACTUAL_TABLE.name)
