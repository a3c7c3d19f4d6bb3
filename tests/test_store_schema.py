"""The schema, on SQLite and PostgreSQL: migrations match the models, constraints are named,
migrations go down and up again, a store from before team mode gains its history, and the
mapping covers the model."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

from kt_workbench.model import ProcessDocument, Step
from kt_workbench.store import ProcessStore
from kt_workbench.store.governance_tables import GOVERNANCE_TABLES
from kt_workbench.store.mapping import CHILD_TABLES, MAPPED_FIELDS
from kt_workbench.store.schema import (
    MIGRATIONS_DIR,
    alembic_config,
    head_revision,
    known_revisions,
)
from tests.postgres_server import (  # noqa: F401
    empty_postgres_url,
    postgres_server,
    postgres_url,
    raw_query,
)

TEAM_TABLES = ["handover_pack", "handover_pack_process", "process_revision", "process_sign_off"]
CHANGE_TABLES = ["store_change", "store_identity"]
ALL_TABLES = sorted(
    [
        "alembic_version",
        "process",
        *(c.table.name for c in CHILD_TABLES),
        *TEAM_TABLES,
        *CHANGE_TABLES,
        *GOVERNANCE_TABLES,
    ]
)


@pytest.fixture(params=["sqlite", "postgresql"])
def new_database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A location with no store yet, so opening it runs every migration."""
    if request.param == "sqlite":
        return str(tmp_path / "s.db")
    return str(request.getfixturevalue("empty_postgres_url"))


def test_the_migrated_schema_matches_the_models(new_database: str) -> None:
    with ProcessStore.open(new_database) as store, store._engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
        assert context.get_current_heads() == (head_revision(),)
        assert sorted(inspect(connection).get_table_names()) == ALL_TABLES


def test_constraints_follow_the_naming_convention(new_database: str) -> None:
    with ProcessStore.open(new_database) as store, store._engine.connect() as connection:
        inspector = inspect(connection)
        assert inspector.get_pk_constraint("process")["name"] == "pk_process"
        checks = [check["name"] for check in inspector.get_check_constraints("process")]
        assert checks == ["ck_process_status_valid"]
        for child in CHILD_TABLES:
            name = child.table.name
            assert inspector.get_pk_constraint(name)["name"] == f"pk_{name}"
            [foreign] = inspector.get_foreign_keys(name)
            assert foreign["name"] == f"fk_{name}_process_id_process"
        for name in TEAM_TABLES:
            assert inspector.get_pk_constraint(name)["name"] == f"pk_{name}"
        foreign_keys = {fk["name"] for fk in inspector.get_foreign_keys("handover_pack_process")}
        assert foreign_keys == {
            "fk_handover_pack_process_recipient_handover_pack",
            "fk_handover_pack_process_process_id_process_revision",
        }


def test_the_migrations_downgrade_and_upgrade_again(new_database: str) -> None:
    with ProcessStore.open(new_database) as store, store._writer.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
        assert sorted(inspect(connection).get_table_names()) == sorted(
            set(ALL_TABLES) - set(TEAM_TABLES) - set(CHANGE_TABLES) - set(GOVERNANCE_TABLES)
        )
        command.downgrade(config, "base")
        assert inspect(connection).get_table_names() == ["alembic_version"]
        command.upgrade(config, "head")
        assert sorted(inspect(connection).get_table_names()) == ALL_TABLES


def test_a_store_from_before_team_mode_gains_its_history(new_database: str) -> None:
    old = ProcessDocument(id="old", title="Old", steps=(Step("one"),))
    with ProcessStore.open(new_database) as store:
        store.save(old)
        store.save(dataclasses.replace(old, title="Old, edited"))
        with store._writer.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, "0001")  # as a release without team mode left it
    with ProcessStore.open(new_database) as store:
        [revision] = store.revisions("old")
        assert (revision.version, revision.author) == (2, "")
        assert revision.saved_at == store.summaries()[0].updated_at
        assert store.revision("old", 2) == dataclasses.replace(old, title="Old, edited")
        assert store.save(old) == 3
        assert [r.version for r in store.revisions("old")] == [2, 3]


def test_migrations_ship_inside_the_package() -> None:
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert any(MIGRATIONS_DIR.joinpath("versions").glob("0001_*.py"))
    assert any(MIGRATIONS_DIR.joinpath("versions").glob("0002_*.py"))
    assert MIGRATIONS_DIR.is_relative_to(Path(__file__).resolve().parent.parent / "kt_workbench")


def test_the_store_maps_every_field_of_the_document() -> None:
    assert {field.name for field in dataclasses.fields(ProcessDocument)} == MAPPED_FIELDS


def test_each_child_table_holds_exactly_its_dataclass() -> None:
    for child in CHILD_TABLES:
        columns = [column.name for column in child.table.columns]
        assert columns == ["process_id", "position", *child.columns], child.field


def test_a_store_from_before_the_change_sequence_lists_its_processes(new_database: str) -> None:
    with ProcessStore.open(new_database) as store:
        store.save(ProcessDocument(id="b", title="B"))
        store.save(ProcessDocument(id="a", title="A"))
        with store._writer.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, "0002")  # as a release without the sequence left it
    with ProcessStore.open(new_database) as store:
        changes = store.changes_since(0)
        assert [(c.process_id, c.version) for c in changes] == [("a", 1), ("b", 1)]
        assert store.change_sequence() == changes[-1].sequence
        assert len(store.store_id()) == 32


def test_the_revisions_read_from_the_files_are_alembics() -> None:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == scripts.get_current_head()
    assert known_revisions() == {script.revision for script in scripts.walk_revisions()}


def test_opening_a_store_at_the_head_revision_does_not_load_alembic(tmp_path: Path) -> None:
    ProcessStore.open(tmp_path / "s.db").close()
    code = (
        "import sys\n"
        "from kt_workbench.store import ProcessStore\n"
        f"ProcessStore.open({str(tmp_path / 's.db')!r}).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
