"""Governance: transition waves and stages, acknowledgements, go-live dates and KPI figures.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
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

    op.create_table(
        "process_acknowledgement",
        sa.Column("recipient", sa.Text(), nullable=False),
        sa.Column("process_id", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("acknowledged_by", sa.Text(), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["process_id", "version"],
            ["process_revision.process_id", "process_revision.version"],
            name=op.f("fk_process_acknowledgement_process_id_process_revision"),
        ),
        sa.PrimaryKeyConstraint(
            "recipient", "process_id", "version", name=op.f("pk_process_acknowledgement")
        ),
    )
    op.create_table(
        "transition_wave",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("recipient", sa.Text(), nullable=False),
        sa.Column("stage", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_transition_wave")),
    )
    op.create_table(
        "transition_wave_process",
        sa.Column("process_id", sa.Text(), nullable=False),
        sa.Column("wave", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["wave"],
            ["transition_wave.name"],
            name=op.f("fk_transition_wave_process_wave_transition_wave"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("process_id", name=op.f("pk_transition_wave_process")),
    )
    op.create_table(
        "transition_wave_event",
        sa.Column("wave", sa.Text(), nullable=False),
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("from_stage", sa.Text(), nullable=False),
        sa.Column("to_stage", sa.Text(), nullable=False),
        sa.Column("verdict", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.Text(), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["wave"],
            ["transition_wave.name"],
            name=op.f("fk_transition_wave_event_wave_transition_wave"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("wave", "number", name=op.f("pk_transition_wave_event")),
    )


def downgrade() -> None:
    op.drop_table("transition_wave_event")
    op.drop_table("transition_wave_process")
    op.drop_table("transition_wave")
    op.drop_table("process_acknowledgement")
    op.drop_table("kpi_actual")
    op.drop_table("process_go_live")
