"""The store's tables. Only the store sees these classes; everyone else gets ProcessDocument.

A process is one row in ``process``; each ordered collection of the document is a child
table keyed by ``(process_id, position)`` that cascades on delete. Child column names equal
the field names of the model dataclass they hold, so mapping stays mechanical and exact.
The decision tree is recursive and always read whole, so it is one JSON text column.

Any change here needs a new migration in ``migrations/versions``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from sqlalchemy import BigInteger, CheckConstraint, DateTime, Integer, Table, Text, inspect
from sqlmodel import Field, SQLModel

from kt_workbench.model import STATUSES
from kt_workbench.store import names

# Named constraints let future batch migrations on SQLite find and alter them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING_CONVENTION

STATUS_CHECK_SQL = "status IN ({})".format(", ".join(f"'{status}'" for status in STATUSES))


def _text() -> Any:
    return Field(sa_type=Text)


def _parent_id() -> Any:
    return Field(sa_type=Text, primary_key=True, foreign_key="process.id", ondelete="CASCADE")


def _position() -> Any:
    return Field(primary_key=True, sa_type=Integer, sa_column_kwargs={"autoincrement": False})


class ProcessRow(SQLModel, table=True):
    __tablename__ = names.PROCESS
    __table_args__ = (CheckConstraint(STATUS_CHECK_SQL, name="status_valid"),)

    id: str = Field(sa_type=Text, primary_key=True)
    title: str = _text()
    owner: str = _text()
    team: str = _text()
    status: str = _text()
    channels: str = _text()  # JSON array of strings
    volume_per_month: int | None = Field(default=None, sa_type=BigInteger)
    last_reviewed: dt.date | None = Field(default=None)
    review_every_days: int | None = Field(default=None, sa_type=BigInteger)
    tags: str = _text()  # JSON array of strings
    extra_front_matter: str = _text()
    purpose: str = _text()
    scope: str = _text()
    decision_tree: str = _text()  # see tree_codec
    layout: str = Field(sa_type=Text, default="{}")  # JSON object, see mapping.encode_layout
    # Bumped on every save; team mode will use it to detect concurrent edits.
    version: int = Field(sa_type=Integer)
    updated_at: dt.datetime = Field(sa_type=DateTime(timezone=True))


class StepRow(SQLModel, table=True):
    __tablename__ = names.CHILD_TABLE_NAMES["steps"]

    process_id: str = _parent_id()
    position: int = _position()
    text: str = _text()
    role: str = _text()
    system: str = _text()
    done_when: str = _text()
    details: str = _text()


class ScriptRow(SQLModel, table=True):
    __tablename__ = names.CHILD_TABLE_NAMES["scripts"]

    process_id: str = _parent_id()
    position: int = _position()
    title: str = _text()
    body: str = _text()


class AccessRightRow(SQLModel, table=True):
    __tablename__ = names.CHILD_TABLE_NAMES["access_rights"]

    process_id: str = _parent_id()
    position: int = _position()
    system: str = _text()
    role: str = _text()
    access: str = _text()
    how_to_request: str = _text()
    approver: str = _text()


class EdgeCaseRow(SQLModel, table=True):
    __tablename__ = names.CHILD_TABLE_NAMES["edge_cases"]

    process_id: str = _parent_id()
    position: int = _position()
    title: str = _text()
    when: str = _text()
    handle: str = _text()
    escalate_to: str = _text()
    details: str = _text()


class MetricRow(SQLModel, table=True):
    __tablename__ = names.CHILD_TABLE_NAMES["metrics"]

    process_id: str = _parent_id()
    position: int = _position()
    name: str = _text()
    baseline: str = _text()
    target_30: str = _text()
    target_60: str = _text()
    target_90: str = _text()


class ContactRow(SQLModel, table=True):
    __tablename__ = names.CHILD_TABLE_NAMES["contacts"]

    process_id: str = _parent_id()
    position: int = _position()
    role: str = _text()
    name: str = _text()
    channel: str = _text()
    hours: str = _text()


class GlossaryEntryRow(SQLModel, table=True):
    __tablename__ = names.CHILD_TABLE_NAMES["glossary"]

    process_id: str = _parent_id()
    position: int = _position()
    term: str = _text()
    meaning: str = _text()


class SectionNoteRow(SQLModel, table=True):
    __tablename__ = names.CHILD_TABLE_NAMES["notes"]

    process_id: str = _parent_id()
    position: int = _position()
    section: str = _text()
    text: str = _text()
    after: int = Field(sa_type=Integer, default=0)


class ExtraSectionRow(SQLModel, table=True):
    __tablename__ = names.CHILD_TABLE_NAMES["extra_sections"]

    process_id: str = _parent_id()
    position: int = _position()
    heading: str = _text()
    body: str = _text()


def table_of(row: type[SQLModel]) -> Table:
    """The Core table behind a row class, for bulk statements."""
    return cast(Table, inspect(row).local_table)


PROCESS_TABLE = table_of(ProcessRow)
