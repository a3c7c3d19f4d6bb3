"""Tables for team mode: every saved version of a process, sign-offs, and handover packs.

Revisions are keyed by ``(process_id, version)`` and are not children of the process row:
deleting a process keeps its history, and a process created again under the same id carries
on from the next version number. Sign-offs and pack contents refer to revisions, so neither
can name a version that was never saved.

Any change here needs a new migration in ``migrations/versions``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import DateTime, ForeignKeyConstraint, Integer, Text
from sqlmodel import Field, SQLModel

from kt_workbench.store.tables import table_of


def _key_text() -> Any:
    return Field(sa_type=Text, primary_key=True)


def _key_number() -> Any:
    return Field(sa_type=Integer, primary_key=True, sa_column_kwargs={"autoincrement": False})


def _moment() -> Any:
    return Field(sa_type=DateTime(timezone=True))


class RevisionRow(SQLModel, table=True):
    __tablename__ = "process_revision"

    process_id: str = _key_text()
    version: int = _key_number()
    saved_at: dt.datetime = _moment()
    author: str = Field(sa_type=Text)
    markdown: str = Field(sa_type=Text)  # render_document(document, diagram=False)


class SignOffRow(SQLModel, table=True):
    __tablename__ = "process_sign_off"
    __table_args__ = (
        ForeignKeyConstraint(
            ["process_id", "version"], ["process_revision.process_id", "process_revision.version"]
        ),
    )

    process_id: str = _key_text()
    version: int = _key_number()
    signed_by: str = _key_text()
    signed_at: dt.datetime = _moment()
    note: str = Field(sa_type=Text)


class PackRow(SQLModel, table=True):
    __tablename__ = "handover_pack"

    recipient: str = _key_text()
    number: int = _key_number()
    created_at: dt.datetime = _moment()
    author: str = Field(sa_type=Text)


class PackProcessRow(SQLModel, table=True):
    """One process a recipient holds after a pack, at the version it holds."""

    __tablename__ = "handover_pack_process"
    __table_args__ = (
        ForeignKeyConstraint(
            ["recipient", "number"],
            ["handover_pack.recipient", "handover_pack.number"],
            ondelete="CASCADE",
        ),
        ForeignKeyConstraint(
            ["process_id", "version"], ["process_revision.process_id", "process_revision.version"]
        ),
    )

    recipient: str = _key_text()
    number: int = _key_number()
    process_id: str = _key_text()
    version: int = Field(sa_type=Integer)


REVISION_TABLE = table_of(RevisionRow)
SIGN_OFF_TABLE = table_of(SignOffRow)
PACK_TABLE = table_of(PackRow)
PACK_PROCESS_TABLE = table_of(PackProcessRow)
