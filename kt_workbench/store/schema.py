"""Runs the Alembic migrations that ship inside the package; no alembic.ini is needed.

Opening a store brings its schema to the newest revision. A database stamped with a revision
this version does not know was written by a newer release and is refused untouched.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

from kt_workbench.errors import StoreError
from kt_workbench.store.revisions import (  # the names schema code has always used
    MIGRATIONS_DIR,
    head_revision,
    known_revisions,
)
from kt_workbench.store.units import WRITE_INTENT
from kt_workbench.store.url import parse_url, resolve_database_url

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from kt_workbench.store.dialects import DialectSupport

# Alembic is imported only to upgrade: opening a store that is already at the head revision
# (every start but the first after an upgrade of ktw) reads the revisions from the migration
# files (``revisions``) and the database directly.


def alembic_config() -> Config:
    """A fresh configuration; callers attach their connection to its ``attributes``."""
    from alembic.config import Config

    config = Config()
    # Config values go through configparser interpolation, which treats "%" specially.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    return config


@cache
def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def ensure_known_revisions(revisions: Iterable[str], where: str) -> None:
    """Refuse a database whose schema revision this version cannot read."""
    for revision in revisions:
        # Exact match: Alembic would also accept a unique prefix of a known revision.
        if revision not in known_revisions():
            raise StoreError(
                f"{where} was written by a newer version of KT Workbench "
                f"(schema revision {revision}); upgrade ktw to open it"
            )


def current_revisions(connection: Connection) -> tuple[str, ...]:
    if not inspect(connection).has_table("alembic_version"):
        return ()
    rows = connection.execute(text("SELECT version_num FROM alembic_version"))
    return tuple(str(row[0]) for row in rows)


def upgrade_to_head(
    engine: Engine,
    where: str,
    support: DialectSupport,
    after_upgrade: Callable[[Connection], object] | None = None,
) -> None:
    """Bring the schema to the head revision, in one write transaction.

    ``after_upgrade`` runs in that transaction once the schema is at head, for data work that
    needs the current code (and so cannot live in a migration).
    """
    head = head_revision()
    with engine.connect() as connection:
        revisions = current_revisions(connection)
        foreign = not revisions and bool(set(inspect(connection).get_table_names()))
        connection.rollback()
    ensure_known_revisions(revisions, where)
    if foreign:
        # Another application's database: adding tables to it would be a mess to undo.
        raise StoreError(
            f"{where} already holds tables but is not a KT Workbench store; use an empty database"
        )
    if revisions == (head,):
        return
    with engine.connect() as connection:
        connection.execution_options(**{WRITE_INTENT: True})
        with support.migration_guard(connection), connection.begin():
            # Another process may have migrated while this one waited for the write lock.
            revisions = current_revisions(connection)
            ensure_known_revisions(revisions, where)
            if revisions == (head,):
                return
            from alembic import command

            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            if after_upgrade is not None:
                after_upgrade(connection)
            support.verify_migrated(connection)


def import_ahead(target: str | os.PathLike[str] | None) -> None:
    """Import now what opening the store at ``target`` will import: Alembic when the store is
    a new SQLite file, whose schema opening creates. For a caller with time to spare (an
    import, while worker processes read its files); a bad target is left for opening to
    report."""
    try:
        url = parse_url(resolve_database_url(target))
    except StoreError:
        return
    if url.get_backend_name() == "sqlite" and not (url.database and os.path.exists(url.database)):
        from alembic import command  # noqa: F401
