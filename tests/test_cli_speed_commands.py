"""The quick commands answer exactly as the usual path does, whatever state the caches are in
(current, missing, damaged, from an older version), and do not load what they do not use."""

from __future__ import annotations

import os
import pickle
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.generator import generate_library
from kt_workbench.cli import main
from kt_workbench.importing import load_files
from kt_workbench.model import ProcessDocument, Step
from kt_workbench.samples import sample_folder
from kt_workbench.search.disk_index import meta_row
from kt_workbench.store import ProcessStore

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def db(db_path: Path) -> Path:
    samples = [item.document for item in load_files([sample_folder()])]
    with ProcessStore.open(db_path) as store:
        store.save_many(samples + generate_library(40, seed=9, tail_words=500))
    return db_path


def cache_folder() -> Path:
    return Path(os.environ["KTW_CACHE_DIR"])


def ktw(target: str, *args: str, cache: Path | None = None) -> tuple[int, str, str]:
    env = {"KTW_CACHE_DIR": str(cache)} if cache is not None else None
    result = CliRunner().invoke(main, ["--db", target, *args], env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def usual(db: Path, tmp_path: Path, *args: str) -> tuple[int, str, str]:
    """Through the store's own path (a URL, which the light reader leaves alone), with a
    cache folder of its own that starts empty."""
    folder = tmp_path / f"usual-{len(list(tmp_path.glob('usual-*')))}"
    return ktw(f"sqlite:///{db}", *args, cache=folder)


COMMANDS = [
    ("show", "refund-duplicate-charge"),
    ("show", "no-such-process"),
    ("check", "refund-duplicate-charge"),
    ("check", "refund-duplicate-charge", "account-recovery", "--format", "json"),
    ("check", "no-such-process"),
    ("list",),
    ("list", "--format", "json"),
    ("search", "refnud", "dupliate"),
    ("search", "acount", "--format", "json", "--limit", "50"),
    ("search", "refund", "readiness:ready", "--format", "json"),
    ("search", '"duplicate charge"', "status:approved"),
]


def _damage_everything(folder: Path) -> None:
    for path in folder.iterdir():
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])


def _older_versions(folder: Path) -> None:
    """Caches as an older ktw left them: other formats under the same names."""
    for path in folder.iterdir():
        if path.suffix == ".pickle":
            cached = pickle.loads(path.read_bytes())
            path.write_bytes(pickle.dumps(cached.__class__(-1, *list(vars(cached).values())[1:])))
        else:
            with closing(sqlite3.connect(path)) as connection, connection:
                connection.execute(
                    "INSERT OR REPLACE INTO meta VALUES (?, ?, ?)", meta_row("format", 1)
                )
            path.with_suffix(".pickle").write_bytes(pickle.dumps({"format": 1}))


@pytest.mark.parametrize(
    "spoil",
    [
        lambda folder: None,
        lambda folder: [p.unlink() for p in folder.iterdir()],
        _damage_everything,
        _older_versions,
    ],
    ids=["current", "deleted", "damaged", "older"],
)
def test_every_quick_command_answers_as_the_usual_path(
    db: Path, tmp_path: Path, spoil: Callable[[Path], object]
) -> None:
    expected = [usual(db, tmp_path, *command) for command in COMMANDS]
    assert expected[0][0] == 0 and expected[1][0] == 1 and "no process" in expected[1][2]
    for command, answer in zip(COMMANDS, expected, strict=True):  # fills the caches
        assert ktw(str(db), *command) == answer, command
    assert {p.suffix for p in cache_folder().iterdir()} == {".pickle", ".sqlite"}
    spoil(cache_folder())
    for command, answer in zip(COMMANDS, expected, strict=True):
        assert ktw(str(db), *command) == answer, command
    for command, answer in zip(COMMANDS, expected, strict=True):  # and from what they left
        assert ktw(str(db), *command) == answer, command


def test_check_id_caches_its_reports_for_the_next_call(db: Path, tmp_path: Path) -> None:
    first = ktw(str(db), "check", "account-recovery")
    caches = list(cache_folder().glob("library-*.pickle"))
    assert len(caches) == 1
    cached = pickle.loads(caches[0].read_bytes())
    assert set(cached.reports) == {"account-recovery"} and not cached.complete
    assert ktw(str(db), "check", "account-recovery") == first
    # A partial cache is never taken for the whole library.
    assert ktw(str(db), "list") == usual(db, tmp_path, "list")
    assert pickle.loads(caches[0].read_bytes()).complete
    with ProcessStore.open(db) as store:  # any change makes every cached report stale
        store.save(ProcessDocument(id="zz-new", title="New", steps=(Step("Do it"),)))
    assert ktw(str(db), "check", "account-recovery") == usual(
        db, tmp_path, "check", "account-recovery"
    )


def _modules_after(db: Path, *args: str) -> set[str]:
    """The modules a real ``ktw`` process had imported when it exited."""
    code = (
        "import atexit, sys\n"
        "out = sys.argv[1]\n"
        "atexit.register(lambda: open(out, 'w').write('\\n'.join(sys.modules)))\n"
        "sys.argv = ['ktw', *sys.argv[2:]]\n"
        "from kt_workbench.cli import main\n"
        "main()\n"
    )
    out = db.parent / "modules.txt"
    subprocess.run(
        [sys.executable, "-c", code, str(out), "--db", str(db), *args],
        cwd=REPO,
        env=os.environ | {"PYTHONPATH": str(REPO)},
        capture_output=True,
        check=False,
        timeout=300,
    )
    return set(out.read_text().split("\n"))


HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "rich", "textual", "markdown_it")


@pytest.mark.parametrize(
    "command",
    [
        ("show", "refund-duplicate-charge"),
        ("check", "refund-duplicate-charge"),
        ("list",),
        ("search", "refnud", "dupliate"),
    ],
)
def test_quick_commands_do_not_load_the_database_layer(db: Path, command: tuple[str, ...]) -> None:
    ktw(str(db), "list")  # the caches are current, as any earlier command leaves them
    ktw(str(db), "search", "refund")
    ktw(str(db), *command)
    loaded = _modules_after(db, *command)
    assert "kt_workbench.store.quick_read" in loaded
    heavy = {name for name in loaded if name.split(".")[0] in HEAVY}
    if command[0] == "show":
        heavy -= {name for name in heavy if name.startswith("markdown_it")}  # renders markdown
    assert heavy == set()
    if command[0] in ("show", "search"):
        assert "kt_workbench.checker" not in loaded


def test_help_loads_nothing_of_the_core(db: Path) -> None:
    loaded = _modules_after(db, "--help")
    assert {name.split(".")[0] for name in loaded} & set(HEAVY) == set()
    assert not {
        name
        for name in loaded
        if name.startswith(("kt_workbench.store", "kt_workbench.search", "kt_workbench.checker"))
    }
