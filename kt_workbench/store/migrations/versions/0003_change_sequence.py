"""The change sequence readers follow, and the store's identity for caches kept outside it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

Processes already stored get one change row each (at their current version), so a reader
that starts from sequence 0 sees the whole library.
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    change = op.create_table(
        "store_change",
        sa.Column("sequence", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("process_id", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sequence", name=op.f("pk_store_change")),
    )
    identity = op.create_table(
        "store_identity",
        sa.Column("slot", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("store_id", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("slot", name=op.f("pk_store_identity")),
    )
    op.bulk_insert(identity, [{"slot": 1, "store_id": uuid.uuid4().hex}])
    now = dt.datetime.now(dt.UTC)
    process = sa.table("process", sa.column("id", sa.Text()), sa.column("version", sa.Integer()))
    rows = op.get_bind().execute(sa.select(process.c.id, process.c.version).order_by(process.c.id))
    existing = [{"process_id": pid, "version": version, "changed_at": now} for pid, version in rows]
    if existing:
        op.bulk_insert(change, existing)


def downgrade() -> None:
    op.drop_table("store_identity")
    op.drop_table("store_change")
