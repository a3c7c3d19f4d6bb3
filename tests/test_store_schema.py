"""The schema: migrations match the models, constraints are named, mapping covers the model."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

from kt_workbench.model import ProcessDocument
from kt_workbench.store import ProcessStore
from kt_workbench.store.mapping import CHILD_TABLES, MAPPED_FIELDS
from kt_workbench.store.schema import MIGRATIONS_DIR, alembic_config, head_revision


def test_the_migrated_schema_matches_the_models(tmp_path: Path) -> None:
    with ProcessStore.open(tmp_path / "s.db") as store, store._engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
        assert context.get_current_heads() == (head_revision(),)


def test_constraints_follow_the_naming_convention(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    ProcessStore.open(path).close()
    with sqlite3.connect(path) as db:
        schema = "\n".join(sql for (sql,) in db.execute("SELECT sql FROM sqlite_master") if sql)
    assert "CONSTRAINT pk_process PRIMARY KEY" in schema
    assert "CONSTRAINT ck_process_status_valid CHECK" in schema
    for child in CHILD_TABLES:
        name = child.table.name
        assert f"CONSTRAINT pk_{name} PRIMARY KEY" in schema
        assert f"CONSTRAINT fk_{name}_process_id_process FOREIGN KEY" in schema


def test_the_migration_downgrades_and_upgrades_again(tmp_path: Path) -> None:
    with ProcessStore.open(tmp_path / "s.db") as store, store._engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
        assert inspect(connection).get_table_names() == ["alembic_version"]
        command.upgrade(config, "head")
        assert len(inspect(connection).get_table_names()) == 1 + 1 + len(CHILD_TABLES)


def test_migrations_ship_inside_the_package() -> None:
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert any(MIGRATIONS_DIR.joinpath("versions").glob("0001_*.py"))
    assert MIGRATIONS_DIR.is_relative_to(Path(__file__).resolve().parent.parent / "kt_workbench")


def test_the_store_maps_every_field_of_the_document() -> None:
    assert {field.name for field in dataclasses.fields(ProcessDocument)} == MAPPED_FIELDS


def test_each_child_table_holds_exactly_its_dataclass() -> None:
    for child in CHILD_TABLES:
        columns = [column.name for column in child.table.columns]
        assert columns == ["process_id", "position", *child.columns], child.field
