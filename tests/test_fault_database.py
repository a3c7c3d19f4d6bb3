"""Hostile database URLs and files, damaged rows, bad ids and terminal escapes."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kt_workbench.cli import main
from kt_workbench.display import clip, visible
from kt_workbench.errors import StoreError
from kt_workbench.model import ProcessDocument, Step
from kt_workbench.store import ProcessStore
from tests.postgres_server import PASSWORD as PG_PASSWORD
from tests.postgres_server import PostgresServer, postgres_server  # noqa: F401

PASSWORD = "SECRETPW9x"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        (f"postgresql://u:p@{PASSWORD}@127.0.0.1:1/db", "more than one '@'"),
        (f"postgresql://u:{PASSWORD}@127.0.0.1:abc/db", "a port is a number"),
        (f"postgresql://u:{PASSWORD}@127.0.0.1:99999/db", "from 1 to 65535"),
        (f"postgresql://u:{PASSWORD}@[::1/db", "an IPv6 host in [...]"),
        (f"postgresql://u:{PASSWORD}@[zz::1]:5432/db", "not an IPv6 address"),
        (f"postgresql://u@127.0.0.1:1/db?password={PASSWORD}", "Connection refused"),
        (f"postgresql://u:{PASSWORD}@127.0.0.1:1/db", "Connection refused"),
        (f"postgresql://u@127.0.0.1:1/db?sslpassword={PASSWORD}&password={PASSWORD}", "refused"),
        ("postgresql+nosuchdriver://u@h/db", "not supported"),
        ("nosuchdb://x", "cannot use the database"),
        ("://", "cannot read the database URL"),
    ],
)
@pytest.mark.parametrize("command", [("init",), ("list",)])
def test_hostile_urls_are_one_line_without_the_password(
    url: str, problem: str, command: tuple[str, ...]
) -> None:
    code, out, err = run("--db", url, *command)
    assert code != 0
    assert out == ""
    assert err.startswith("ktw: ") and err.count("\n") == 1, err
    assert problem in err
    assert PASSWORD not in err


def test_init_never_echoes_a_password(tmp_path: Path) -> None:
    from kt_workbench.store.url import display_url, parse_url

    url = parse_url(f"postgresql://u:{PASSWORD}@h/db?password={PASSWORD}&sslmode=disable")
    assert display_url(url) == "postgresql://u:***@h/db?password=***&sslmode=disable"


@pytest.mark.parametrize("target", [":memory:", " :memory: ", "sqlite://", "sqlite:///:memory:"])
def test_in_memory_databases_are_refused_without_making_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _out, err = run("--db", target, "list")
    assert code == 2 and ("give a file path" in err or "give a path" in err)
    assert list(tmp_path.iterdir()) == []


def _foreign(path: Path, *, revision: str, wal: bool, tables: tuple[str, ...] = ()) -> None:
    db = sqlite3.connect(path)
    if wal:
        db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE alembic_version (version_num TEXT)")
    db.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    for table in tables:
        db.execute(f"CREATE TABLE {table} (x)")
    db.commit()
    db.close()  # the last connection: the WAL is checkpointed and removed


FOREIGN = {
    "stamped-0001-without-tables": dict(revision="0001", wal=False, tables=("other",)),
    "stamped-0001-wal": dict(revision="0001", wal=True),
    "newer-revision": dict(revision="9999", wal=False),
    "newer-revision-wal": dict(revision="9999", wal=True),
    "unknown-prefix": dict(revision="000", wal=True, tables=("process",)),
}


@pytest.mark.parametrize("kind", list(FOREIGN))
def test_a_refused_database_is_left_byte_identical_with_no_new_files(
    tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "foreign.db"
    _foreign(path, **FOREIGN[kind])  # type: ignore[arg-type]
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    listing = sorted(p.name for p in tmp_path.iterdir())
    code, _out, err = run("--db", str(path), "list")
    assert code == 2 and err.count("\n") == 1, err
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing


@pytest.mark.parametrize(
    "content",
    [b"", b"SQLite format 3\x00" + b"\xff" * 500, b"SQLite format 3", b"hello", bytes(4096)],
    ids=["empty", "garbage-after-header", "short-header", "text", "zeros"],
)
def test_damaged_files_are_one_line(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(content)
    code, _out, err = run("--db", str(path), "list")
    if content == b"":
        assert code == 0  # an empty file becomes a new store
        return
    assert code == 2 and err.count("\n") == 1, err
    assert path.read_bytes() == content


def _damage(db: Path, statement: str, *params: object) -> None:
    raw = sqlite3.connect(db)
    raw.execute(statement, params)
    raw.commit()
    raw.close()


@pytest.mark.parametrize(
    ("statement", "params"),
    [
        ("UPDATE process SET decision_tree = 'oops' WHERE id = 'b'", ()),
        ("UPDATE process SET tags = '[1]' WHERE id = 'b'", ()),
        ("UPDATE process SET title = CAST(? AS TEXT) WHERE id = 'b'", (b"bad \xff\xfe utf-8",)),
    ],
    ids=["tree", "tags", "not-utf8"],
)
def test_one_damaged_row_is_reported_and_the_rest_carry_on(
    tmp_path: Path, statement: str, params: tuple[object, ...]
) -> None:
    db = tmp_path / "lib.db"
    with ProcessStore.open(db) as store:
        store.save_many(
            [ProcessDocument(id=i, title=i.upper(), steps=(Step("x"),)) for i in ("a", "b", "c")]
        )
    _damage(db, statement, *params)
    code, out, err = run("--db", str(db), "list", "--format", "json")
    assert code == 0, err
    assert '"id": "a"' in out and '"id": "c"' in out and '"id": "b"' not in out
    assert "stored process 'b' cannot be read and was left out" in err
    # Once, in ktw's words, from the real command too (where no test harness has set up
    # logging): no raw log line of the store's besides.
    for command in ("list", "check"):
        done = subprocess.run(
            [sys.executable, "-m", "kt_workbench", "--db", str(db), command],
            capture_output=True,
            text=True,
            env=os.environ | {"KTW_CACHE_DIR": str(tmp_path / "cache")},
            timeout=120,
            check=False,
        )
        assert done.stderr.count("\n") == 1, done.stderr
        assert done.stderr.startswith("ktw: warning: stored process 'b'"), done.stderr
    code, out, err = run("--db", str(db), "check")
    assert "stored process 'b'" in err and "A" in out
    code, out, err = run("--db", str(db), "export", "--all", "--out", str(tmp_path / "pack"))
    assert code == 0, err
    assert "stored process 'b'" in err
    assert sorted(p.name for p in (tmp_path / "pack" / "processes").iterdir()) == ["a.md", "c.md"]
    with ProcessStore.open(db) as store, pytest.raises(StoreError, match="'b'"):
        store.get("b")  # asked for by name, it is an error, not silently missing


@pytest.mark.parametrize(
    "bad_id", ["../../x", "", "a\nb", "A", "a b", "-a", "x" * 121, "a\x1b[31m", "é"]
)
def test_the_store_api_refuses_ids_the_format_forbids(tmp_path: Path, bad_id: str) -> None:
    with ProcessStore.open(tmp_path / "lib.db") as store:
        with pytest.raises(StoreError, match="is not valid") as raised:
            store.save(ProcessDocument(id=bad_id, title="T"))
        assert "\n" not in str(raised.value) and "\x1b" not in str(raised.value)
        assert store.ids() == []


def test_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    hostile = "Pay\x1b]8;;http://evil.example\x07here\x1b]8;;\x07 \x1b[8mhidden\u202e"
    with ProcessStore.open(db) as store:
        store.save(ProcessDocument(id="p", title=hostile, owner="\x1b[2J", team="a\tb"))
    code, out, _err = run("--db", str(db), "list")
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out and "\t" not in out
    assert "\\e]8;;" in out
    code, _out, err = run("--db", str(db), "show", "no-such\x1b[31m")
    assert code == 1 and "\x1b" not in err and "no-such\\e[31m" in err


def test_visible_spells_out_every_control() -> None:
    assert visible("a\x1bb\x00c\x7f\x9b\u202e\u2066") == "a\\eb\\x00c\\x7f\\x9b\\u202e\\u2066"
    assert visible("x\ny", keep_newlines=True) == "x\ny"
    assert visible("x\ny") == "x\\ny"
    assert clip("\x1b" * 10, 5) == "\\e\\e…"
    assert visible("Ünïcode — fine ✓") == "Ünïcode — fine ✓"


def test_a_real_server_refusing_a_password_never_shows_it(
    postgres_server: PostgresServer,  # noqa: F811
) -> None:
    wrong = "Wr0ng-SECRETPW9x"
    for url in (
        postgres_server.url("postgres", password=wrong),
        postgres_server.url("postgres").replace(f":{PG_PASSWORD}@", "@") + f"?password={wrong}",
    ):
        code, out, err = run("--db", url, "init")
        assert code == 2 and out == ""
        assert "password authentication failed" in err and err.count("\n") == 1, err
        assert wrong not in err
