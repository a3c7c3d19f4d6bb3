"""A real, throwaway PostgreSQL server for the tests: ``initdb`` into a temporary folder,
``pg_ctl start`` on a free localhost port, a fresh database per test, stopped at the end.

The server is shared by every test module that imports these fixtures (one per session,
started on first use). ``initdb`` refuses to run as root, so as root the cluster belongs to
the ``postgres`` user (or ``nobody``) and its programs run as that user.

Without PostgreSQL's server programs the tests that need them are skipped, except when
``CI`` (or ``KTW_REQUIRE_POSTGRES``) is set: there a missing server is a failure.
"""

from __future__ import annotations

import atexit
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

SUPERUSER = "ktw_admin"
PASSWORD = "ktw-test-password"
_START_TIMEOUT_S = 60


def _required() -> bool:
    return any(
        os.environ.get(name, "").strip() not in ("", "0", "false")
        for name in ("CI", "KTW_REQUIRE_POSTGRES")
    )


def find_server_programs() -> tuple[Path, Path] | None:
    """``initdb`` and ``pg_ctl`` from PATH, else from the newest /usr/lib/postgresql/*/bin."""
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl:
        return Path(initdb), Path(pg_ctl)

    def version(folder: str) -> tuple[int, ...]:
        number = Path(folder).parent.name
        return tuple(int(part) for part in number.split(".") if part.isdigit())

    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True):
        candidate = Path(folder)
        if (candidate / "initdb").is_file() and (candidate / "pg_ctl").is_file():
            return candidate / "initdb", candidate / "pg_ctl"
    return None


def _unprivileged_account() -> pwd.struct_passwd | None:
    """Who runs the server when the tests run as root; ``None`` when they do not."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root, and neither a 'postgres' nor a 'nobody' user exists")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresServer:
    """A running cluster. ``url(database)`` is a password-authenticated TCP URL."""

    root: Path
    port: int
    pg_ctl: Path
    account: pwd.struct_passwd | None
    _names: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _recycled: list[str] = field(default_factory=list)
    stopped: bool = False

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, database: str, user: str = SUPERUSER, password: str = PASSWORD) -> str:
        return f"postgresql+psycopg://{user}:{password}@127.0.0.1:{self.port}/{database}"

    def _dsn(self, database: str) -> str:
        return (
            f"host=127.0.0.1 port={self.port} user={SUPERUSER} password={PASSWORD} "
            f"dbname={database}"
        )

    def admin(self, sql: str, *params: Any, database: str = "postgres") -> list[tuple[Any, ...]]:
        """Run one statement outside any transaction (CREATE DATABASE needs that)."""
        import psycopg

        with psycopg.connect(self._dsn(database), autocommit=True) as connection:
            cursor = connection.execute(sql, params or None)  # type: ignore[arg-type]
            return list(cursor.fetchall()) if cursor.description else []

    def create_database(self, *, migrated: bool = False) -> str:
        """A new database: empty, or (faster to get) a copy of one already at the head schema."""
        with self._lock:
            name = f"ktw_test_{next(self._names)}"
            template = self._migrated_template() if migrated else "template0"
        self.admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"{self._copy_files()}')
        return name

    def _copy_files(self) -> str:
        # From PostgreSQL 15 on, CREATE DATABASE writes the whole template to the WAL unless
        # told to copy files; copying is several times faster here.
        version = self.admin("SHOW server_version_num")[0][0]
        return " STRATEGY FILE_COPY" if int(version) >= 150000 else ""

    def _migrated_template(self) -> str:
        # Running the migrations costs more than copying their result, so it happens once.
        name = "ktw_migrated_template"
        if not self.admin("SELECT 1 FROM pg_database WHERE datname = %s", name):
            from kt_workbench.store import ProcessStore

            self.admin(f'CREATE DATABASE "{name}" TEMPLATE template0{self._copy_files()}')
            ProcessStore.open(self.url(name)).close()  # closing the last store disconnects
        return name

    def take_store_database(self) -> str:
        """A database holding an empty store at the head schema: a recycled one if possible.

        Creating a database costs a few tenths of a second; emptying a used one costs a few
        hundredths, so databases that tests gave back clean are handed out again.
        """
        with self._lock:
            if self._recycled:
                return self._recycled.pop()
        return self.create_database(migrated=True)

    def give_back(self, name: str) -> None:
        """Empty a test's database for the next test, or drop it if it is not a plain store."""
        import psycopg
        from sqlmodel import SQLModel

        from kt_workbench.store.schema import head_revision

        # Children before parents; tiny tables empty faster with DELETE than with TRUNCATE.
        tables = [table.name for table in reversed(SQLModel.metadata.sorted_tables)]
        try:
            with psycopg.connect(self._dsn(name), autocommit=True) as connection:
                version = connection.execute("SELECT version_num FROM alembic_version").fetchall()
                others = connection.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
                    "AND pid <> pg_backend_pid()",
                    [name],
                ).fetchall()
                if version != [(head_revision(),)] or others != [(0,)]:
                    raise LookupError(name)
                with connection.transaction():
                    for table in tables:
                        connection.execute(f'DELETE FROM "{table}"')  # type: ignore[arg-type]
        except Exception:
            self.drop_database(name)
            return
        with self._lock:
            self._recycled.append(name)

    def drop_database(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self.stopped:
            return
        self.stopped = True
        # Immediate: nothing on this server is worth a shutdown checkpoint.
        _run(self.account, [str(self.pg_ctl), "stop", "-D", str(self.data), "-m", "immediate"])
        shutil.rmtree(self.root, ignore_errors=True)


def _run(account: pwd.struct_passwd | None, command: list[str]) -> None:
    options: dict[str, Any] = {}
    if account is not None:
        options = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C", "LANG": "C"}
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=_START_TIMEOUT_S,
        env=environment,
        cwd="/",
        check=False,
        **options,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"{Path(command[0]).name} failed ({done.returncode}): {done.stderr or done.stdout}"
        )


def start_server() -> PostgresServer:
    programs = find_server_programs()
    if programs is None:
        raise FileNotFoundError("PostgreSQL server programs (initdb, pg_ctl) not found")
    initdb, pg_ctl = programs
    account = _unprivileged_account()
    # Not under pytest's tmp folder, which is private to the user running the tests; as root,
    # in /tmp itself, since $TMPDIR may lie under a folder the server's user cannot enter.
    root = Path(tempfile.mkdtemp(prefix="ktw-pg-", dir="/tmp" if account else None))
    (root / "data").mkdir(mode=0o700)
    password_file = root / "password"
    password_file.write_text(PASSWORD + "\n")
    if account is not None:
        for path in (root, root / "data", password_file):
            os.chown(path, account.pw_uid, account.pw_gid)
    try:
        _run(
            account,
            [
                str(initdb),
                "-D", str(root / "data"),
                "-U", SUPERUSER,
                f"--pwfile={password_file}",
                "--auth-local=scram-sha-256",
                "--auth-host=scram-sha-256",
                "--encoding=UTF8",
                "--no-locale",
                "--no-sync",
            ],
        )  # fmt: skip
        password_file.unlink()
        for _attempt in range(5):
            port = _free_port()
            settings = " ".join(
                (
                    f"-p {port}",
                    "-c listen_addresses=127.0.0.1",
                    f"-c unix_socket_directories={root}",
                    # Durability is pointless for a throwaway server and costs seconds.
                    "-c fsync=off",
                    "-c synchronous_commit=off",
                    "-c full_page_writes=off",
                    "-c max_connections=60",
                )
            )
            try:
                _run(
                    account,
                    [str(pg_ctl), "start", "-w", "-D", str(root / "data"),
                     "-l", str(root / "server.log"), "-o", settings],
                )  # fmt: skip
            except RuntimeError:
                continue  # most likely the port was taken meanwhile
            return PostgresServer(root=root, port=port, pg_ctl=pg_ctl, account=account)
        log = root / "server.log"
        raise RuntimeError(
            "the PostgreSQL test server did not start: "
            + (log.read_text(errors="replace")[-2000:] if log.exists() else "no log")
        )
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise


_SHARED: dict[str, PostgresServer | BaseException] = {}
_SHARED_LOCK = threading.Lock()


def _shared_server() -> PostgresServer:
    with _SHARED_LOCK:
        if "server" not in _SHARED:
            try:
                import psycopg  # noqa: F401
            except ImportError as exc:
                _SHARED["server"] = exc
            else:
                try:
                    server = _SHARED["server"] = start_server()
                    # Should the session end without its fixture teardown (an interrupt).
                    atexit.register(server.stop)
                except (FileNotFoundError, RuntimeError, OSError) as exc:
                    _SHARED["server"] = exc
        found = _SHARED["server"]
    if isinstance(found, PostgresServer):
        return found
    reason = (
        f"PostgreSQL tests need PostgreSQL's server programs and psycopg ({found}); "
        "install them with 'apt-get install postgresql' and pip install '.[test]'"
    )
    if _required():
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The shared server; every module's copy of this fixture stops it at the session end."""
    server = _shared_server()
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """The URL of a database holding an empty store, for this test alone."""
    name = postgres_server.take_store_database()
    yield postgres_server.url(name)
    postgres_server.give_back(name)


@pytest.fixture
def empty_postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """The URL of a new, truly empty database (no tables at all), dropped after the test."""
    name = postgres_server.create_database()
    yield postgres_server.url(name)
    postgres_server.drop_database(name)


BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(params=BACKENDS)
def store_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a test's store lives: an SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return str(request.getfixturevalue("postgres_url"))


def raw_query(target: str) -> Callable[..., list[tuple[Any, ...]]]:
    """Run SQL on the store's database through a separate connection, outside the store."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    from kt_workbench.store import resolve_database_url

    engine = create_engine(resolve_database_url(target), poolclass=NullPool)

    def query(sql: str, **params: Any) -> list[tuple[Any, ...]]:
        with engine.begin() as connection:
            result = connection.execute(text(sql), params)
            return [tuple(row) for row in result] if result.returns_rows else []

    return query
