"""Governance after go-live: each process's go-live date and the KPI figures recorded since.

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "process_go_live",
        sa.Column("process_id", sa.Text(), nullable=False),
        sa.Column("go_live", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("process_id", name=op.f("pk_process_go_live")),
    )
    op.create_table(
        "kpi_actual",
        sa.Column("process_id", sa.Text(), nullable=False),
        sa.Column("metric", sa.Text(), nullable=False),
        sa.Column("measured_on", sa.Date(), nullable=False),
        sa.Column("metric_name", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("process_id", "metric", "measured_on", name=op.f("pk_kpi_actual")),
    )


def downgrade() -> None:
    op.drop_table("kpi_actual")
    op.drop_table("process_go_live")
