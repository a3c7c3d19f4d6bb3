"""Alembic environment for the store. Migrations run on the connection the store passes in
``config.attributes["connection"]`` (see ``kt_workbench.store.schema``), inside its transaction.
"""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from kt_workbench.store import (  # noqa: F401  (register their tables)
    change_tables,
    governance_tables,
    tables,
    team_tables,
)

connection = context.config.attributes.get("connection")
if connection is None or context.is_offline_mode():
    raise RuntimeError(
        "the store's migrations run through kt_workbench.store.schema.upgrade_to_head, "
        "which passes an open connection"
    )

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
