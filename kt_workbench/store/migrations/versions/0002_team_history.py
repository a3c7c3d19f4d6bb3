"""Team mode: revisions of every save, sign-offs of revisions, and handover packs.

Revision ID: 0002
Revises: 0001
Create Date: 2026-02-01

Processes saved before this revision get their current version recorded as a revision (with
no author) by the store right after the upgrade, in the same transaction: that needs the
markdown renderer, which a migration must not depend on.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _text(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.Text(), nullable=False)


def _number(name: str) -> sa.Column[int]:
    return sa.Column(name, sa.Integer(), autoincrement=False, nullable=False)


def _moment(name: str) -> sa.Column[dt.datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def _revision_reference(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["process_id", "version"],
        ["process_revision.process_id", "process_revision.version"],
        name=op.f(f"fk_{table}_process_id_process_revision"),
    )


def upgrade() -> None:
    op.create_table(
        "process_revision",
        _text("process_id"),
        _number("version"),
        _moment("saved_at"),
        _text("author"),
        _text("markdown"),
        sa.PrimaryKeyConstraint("process_id", "version", name=op.f("pk_process_revision")),
    )
    op.create_table(
        "process_sign_off",
        _text("process_id"),
        _number("version"),
        _text("signed_by"),
        _moment("signed_at"),
        _text("note"),
        _revision_reference("process_sign_off"),
        sa.PrimaryKeyConstraint(
            "process_id", "version", "signed_by", name=op.f("pk_process_sign_off")
        ),
    )
    op.create_table(
        "handover_pack",
        _text("recipient"),
        _number("number"),
        _moment("created_at"),
        _text("author"),
        sa.PrimaryKeyConstraint("recipient", "number", name=op.f("pk_handover_pack")),
    )
    op.create_table(
        "handover_pack_process",
        _text("recipient"),
        _number("number"),
        _text("process_id"),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["recipient", "number"],
            ["handover_pack.recipient", "handover_pack.number"],
            name=op.f("fk_handover_pack_process_recipient_handover_pack"),
            ondelete="CASCADE",
        ),
        _revision_reference("handover_pack_process"),
        sa.PrimaryKeyConstraint(
            "recipient", "number", "process_id", name=op.f("pk_handover_pack_process")
        ),
    )


def downgrade() -> None:
    for table in ("handover_pack_process", "handover_pack", "process_sign_off", "process_revision"):
        op.drop_table(table)
