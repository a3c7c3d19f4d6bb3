"""Documents keep their file's layout: section order, note positions, forms of structure.

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-02

Existing processes get the default layout (the canonical one) and notes standing before
their section's structure, which is how they were written until now.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


# Plain ALTER TABLE on both engines: a batch migration would copy and drop the process table,
# and dropping it deletes every child row through the cascading foreign keys.


def upgrade() -> None:
    op.add_column("process", sa.Column("layout", sa.Text(), nullable=False, server_default="{}"))
    op.add_column(
        "process_note",
        sa.Column("after", sa.Integer(), nullable=False, server_default=sa.text("0")),
    )


def downgrade() -> None:
    op.drop_column("process_note", "after")
    op.drop_column("process", "layout")
