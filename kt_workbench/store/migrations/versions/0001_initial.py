"""The first schema: processes and their ordered collections.

Revision ID: 0001
Revises:
Create Date: 2026-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Frozen copies of what the models held at this revision: later model changes need new
# migrations, never edits here.
CHILD_TABLES: dict[str, tuple[str, ...]] = {
    "process_step": ("text", "role", "system", "done_when", "details"),
    "process_script": ("title", "body"),
    "process_access_right": ("system", "role", "access", "how_to_request", "approver"),
    "process_edge_case": ("title", "when", "handle", "escalate_to", "details"),
    "process_metric": ("name", "baseline", "target_30", "target_60", "target_90"),
    "process_contact": ("role", "name", "channel", "hours"),
    "process_glossary_entry": ("term", "meaning"),
    "process_note": ("section", "text"),
    "process_extra_section": ("heading", "body"),
}


def _text(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.Text(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "process",
        _text("id"),
        _text("title"),
        _text("owner"),
        _text("team"),
        _text("status"),
        _text("channels"),
        sa.Column("volume_per_month", sa.BigInteger(), nullable=True),
        sa.Column("last_reviewed", sa.Date(), nullable=True),
        sa.Column("review_every_days", sa.BigInteger(), nullable=True),
        _text("tags"),
        _text("extra_front_matter"),
        _text("purpose"),
        _text("scope"),
        _text("decision_tree"),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('draft', 'in-review', 'approved')",
            name=op.f("ck_process_status_valid"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_process")),
    )
    for table, columns in CHILD_TABLES.items():
        op.create_table(
            table,
            _text("process_id"),
            sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
            *(_text(column) for column in columns),
            sa.ForeignKeyConstraint(
                ["process_id"],
                ["process.id"],
                name=op.f(f"fk_{table}_process_id_process"),
                ondelete="CASCADE",
            ),
            sa.PrimaryKeyConstraint("process_id", "position", name=op.f(f"pk_{table}")),
        )


def downgrade() -> None:
    for table in reversed(CHILD_TABLES):
        op.drop_table(table)
    op.drop_table("process")
