"""Tables that let every reader follow the library's committed changes cheaply.

``store_change`` gets one row per saved or deleted process, written in the same transaction
as the change, numbered by an ever-growing sequence: a reader that remembers the highest
number it has seen asks for the rows after it and reloads only those processes. Writers are
serialised (see ``writes``), so numbers are handed out in commit order and a reader never
skips a change that commits later with a smaller number.

``store_identity`` holds one row: a random id given to the store when this table was made,
so caches kept outside the database can tell one store from another at the same path.

Any change here needs a new migration in ``migrations/versions``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, Text
from sqlmodel import Field, SQLModel

from kt_workbench.store import names
from kt_workbench.store.tables import table_of


class StoreChangeRow(SQLModel, table=True):
    __tablename__ = names.CHANGE

    sequence: int = Field(
        sa_type=Integer, primary_key=True, sa_column_kwargs={"autoincrement": True}
    )
    process_id: str = Field(sa_type=Text)
    version: int = Field(sa_type=Integer)  # 0 for a deletion
    changed_at: dt.datetime = Field(sa_type=DateTime(timezone=True))


class StoreIdentityRow(SQLModel, table=True):
    __tablename__ = names.IDENTITY

    slot: int = Field(sa_type=Integer, primary_key=True, sa_column_kwargs={"autoincrement": False})
    store_id: str = Field(sa_type=Text)


CHANGE_TABLE = table_of(StoreChangeRow)
IDENTITY_TABLE = table_of(StoreIdentityRow)
