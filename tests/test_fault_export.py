"""Exports under failure: write errors are one line and leave nothing half-written; a killed
export or refresh leaves the old pack or the new one, never a mix; credentials never leak."""

from __future__ import annotations

import dataclasses
import os
import random
import signal
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.generator import generate_library
from kt_workbench.cli import main
from kt_workbench.errors import KtwError
from kt_workbench.handover import CredentialsInPack, export_pack, export_single_file
from kt_workbench.handover.publish import clean_orphans
from kt_workbench.importing import load_files
from kt_workbench.model import ProcessDocument, Step
from kt_workbench.store import ProcessStore
from tests.conftest import SAMPLES
from tests.fault_support import ktw, leftovers, pack_state, small_tmpfs

DOCS = [
    ProcessDocument(id=f"p{n}", title=f"Process {n}", steps=(Step("Do it " * 40),))
    for n in range(30)
]


def invoke(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args])
    return result.exit_code, result.output


def test_disk_full_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    big = [dataclasses.replace(doc, steps=(Step("x" * 200_000),)) for doc in DOCS]
    with small_tmpfs(tmp_path / "small", "2m") as disk:
        target = disk / "pack"
        with pytest.raises(KtwError) as caught:
            export_pack(big, target)
        assert "No space left on device; nothing was changed" in str(caught.value)
        assert not target.exists() and leftovers(target) == []
        with pytest.raises(KtwError, match="No space left"):
            export_single_file(big, disk / "pack.md")
        assert list(disk.iterdir()) == []
        # A pack that fits still goes on the same disk afterwards.
        export_pack(DOCS[:3], target)
        assert pack_state(target) == "complete"


def test_a_full_disk_during_refresh_keeps_the_old_pack(tmp_path: Path) -> None:
    with small_tmpfs(tmp_path / "small", "2m") as disk:
        target = disk / "pack"
        export_pack(DOCS, target)
        before = {p.name: p.read_bytes() for p in (target / "processes").iterdir()}
        big = [dataclasses.replace(doc, steps=(Step("y" * 200_000),)) for doc in DOCS]
        with pytest.raises(KtwError, match="No space left"):
            export_pack(big, target)
        assert pack_state(target) == "complete"
        assert {p.name: p.read_bytes() for p in (target / "processes").iterdir()} == before
        assert leftovers(target) == []


def test_read_only_and_impossible_targets_are_one_line(tmp_path: Path) -> None:
    with small_tmpfs(tmp_path / "ro", "1m", read_only=True) as disk:
        for target in (disk / "pack", disk / "sub" / "pack"):
            with pytest.raises(KtwError, match="Read-only file system; nothing was changed"):
                export_pack(DOCS[:2], target)
        with pytest.raises(KtwError, match="Read-only file system"):
            export_single_file(DOCS[:2], disk / "pack.md")
    db = tmp_path / "lib.db"
    with ProcessStore.open(db) as store:
        store.save_many(DOCS[:2])
    for args in (("--out", "/proc/x"), ("--single-file", "/proc/x.md")):
        code, output = invoke(db, "export", "--all", *args)
        assert code == 1 and output.startswith("ktw: ") and output.count("\n") == 1, output


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_as_single_file_target_is_refused_without_reading_it(
    tmp_path: Path, device: str
) -> None:
    db = tmp_path / "lib.db"
    with ProcessStore.open(db) as store:
        store.save_many(DOCS[:2])
    code, output = invoke(db, "export", "--all", "--single-file", device)
    assert code == 1 and "already exists and is not a handover pack" in output


def test_a_fifo_as_single_file_target_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(KtwError, match="not a handover pack"):
        export_single_file(DOCS[:1], fifo)


def test_foreign_files_in_a_pack_survive_a_refresh(tmp_path: Path) -> None:
    target = tmp_path / "pack"
    export_pack(DOCS[:3], target)
    (target / "provider-notes.txt").write_text("ours", encoding="utf-8")
    export_pack(DOCS[1:4], target)
    assert (target / "provider-notes.txt").read_text(encoding="utf-8") == "ours"
    assert sorted(p.name for p in (target / "processes").iterdir()) == ["p1.md", "p2.md", "p3.md"]


def test_orphans_of_dead_exports_are_cleaned_and_an_old_pack_is_put_back(tmp_path: Path) -> None:
    target = tmp_path / "pack"
    export_pack(DOCS[:2], target)
    dead = _dead_pid()
    old = tmp_path / f".pack.ktw-old-{dead}-abcd1234"
    target.rename(old)
    build = tmp_path / f".pack.ktw-build-{dead}-abcd1234"
    (build / "processes").mkdir(parents=True)
    temporary = tmp_path / f".pack.md.{dead}.x1y2.tmp"
    temporary.write_text("half")
    clean_orphans(target)
    assert pack_state(target) == "complete"
    assert not build.exists()
    export_single_file(DOCS[:1], tmp_path / "pack.md")
    assert not temporary.exists()
    # Another live export's build folder is left alone.
    mine = tmp_path / f".pack.ktw-build-{os.getpid()}-abcd1234"
    mine.mkdir()
    clean_orphans(target)
    assert mine.exists()


def _dead_pid() -> int:
    child = ktw("--version")
    child.wait()
    return child.pid


@pytest.fixture(scope="module")
def big_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("kill") / "lib.db"
    with ProcessStore.open(db) as store:
        store.save_many(generate_library(400, seed=3))
    return db


@pytest.mark.parametrize("refresh", [False, True], ids=["first-export", "refresh"])
def test_kill_9_during_export_leaves_the_pack_complete_or_absent(
    big_library: Path, tmp_path: Path, refresh: bool
) -> None:
    rng = random.Random(12)
    target = tmp_path / "pack"
    states = []
    for attempt in range(6):
        if refresh and not target.exists():
            assert invoke(big_library, "export", "--all", "--out", str(target))[0] == 0
        before = _snapshot(target)
        child = ktw("--db", str(big_library), "export", "--all", "--out", str(target))
        time.sleep(rng.uniform(0.3, 2.5))
        child.send_signal(signal.SIGKILL)
        child.wait()
        state = pack_state(target)
        states.append(state)
        if refresh:
            assert state == "complete"
            # Same processes either way; every file comes from one export, not a mix.
            assert _snapshot(target).keys() == before.keys()
        clean_orphans(target)
        assert leftovers(target) == []
        if not refresh and attempt % 2 == 1 and target.exists():
            import shutil

            shutil.rmtree(target)
    # The same command then succeeds wherever it was killed.
    code, output = invoke(big_library, "export", "--all", "--out", str(target))
    assert code == 0, output
    assert pack_state(target) == "complete"


def _snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.md")}


CORPUS = {
    "an AWS access key": "AKIAIOSFODNN7EXAMPLF",
    "a GitHub token": "ghp_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5",
    "a Slack token": "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
    "a Stripe live key": "sk_live_huXCgJcyW6trzMESI7Kud",
    "a password": "password: Harbour-Lantern-2026!",
    "a token": "token = 9f8e7d6c5b4a39281706f5e4",
}
PLACEMENTS = {
    "step": lambda doc, s: dataclasses.replace(doc, steps=(Step(f"Log in with {s}"),)),
    "owner": lambda doc, s: dataclasses.replace(doc, owner=f"Ann ({s})"),
    "extra front matter": lambda doc, s: dataclasses.replace(
        doc, extra_front_matter=f"x-note: '{s}'"
    ),
    "access request": lambda doc, s: _with_access(doc, f"ask IT, {s}"),
    "glossary": lambda doc, s: _with_glossary(doc, f"the shared login, {s}"),
}


def _with_access(doc: ProcessDocument, how: str) -> ProcessDocument:
    from kt_workbench.model import AccessRight

    right = AccessRight(system="CRM", role="agent", access="read", how_to_request=how)
    return dataclasses.replace(doc, access_rights=(right,))


def _with_glossary(doc: ProcessDocument, meaning: str) -> ProcessDocument:
    from kt_workbench.model import GlossaryEntry

    return dataclasses.replace(doc, glossary=(GlossaryEntry("Vault", meaning),))


def _secret_value(text: str) -> str:
    return text.split(": ", 1)[-1].split("= ", 1)[-1]


@pytest.mark.parametrize("placement", list(PLACEMENTS))
@pytest.mark.parametrize("kind", list(CORPUS))
def test_credentials_are_refused_or_masked_everywhere(
    tmp_path: Path, kind: str, placement: str
) -> None:
    secret = CORPUS[kind]
    document = PLACEMENTS[placement](DOCS[0], secret)
    target = tmp_path / "pack"
    with pytest.raises(CredentialsInPack):
        export_pack([document, DOCS[1]], target)
    assert not target.exists() and leftovers(target) == []
    if placement != "extra front matter":  # a single-file pack leaves front matter out
        with pytest.raises(CredentialsInPack):
            export_single_file([document], tmp_path / "one.md")
        assert not (tmp_path / "one.md").exists()
    export_pack([document, DOCS[1]], target, allow_secrets=True)
    export_single_file([document], tmp_path / "one.md", allow_secrets=True)
    value = _secret_value(secret)
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(written) >= 4
    for path in written:
        text = path.read_text(encoding="utf-8")
        assert value not in text, path
    assert "[hidden]" in (target / "processes" / "p0.md").read_text(encoding="utf-8")


def test_the_readme_masks_what_only_the_process_file_shows_as_a_credential(
    tmp_path: Path,
) -> None:
    # In the README's checklist the words that made it recognisable are not beside it.
    from kt_workbench.model import AccessRight

    right = AccessRight(
        system="Vault", role="agent", access="read", how_to_request="Harbour-Lantern-2026!"
    )
    doc = dataclasses.replace(
        DOCS[0], access_rights=(right,), steps=(Step("password: Harbour-Lantern-2026!"),)
    )
    export_pack([doc], tmp_path / "pack", allow_secrets=True)
    for path in (tmp_path / "pack").rglob("*.md"):
        assert "Harbour-Lantern-2026!" not in path.read_text(encoding="utf-8")


def test_the_cli_says_how_to_go_on(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    with ProcessStore.open(db) as store:
        store.save(PLACEMENTS["step"](DOCS[0], CORPUS["a password"]))
    code, output = invoke(db, "export", "--all", "--out", str(tmp_path / "pack"))
    assert code == 1 and "--allow-secrets" in output and "Harbour" not in output
    code, output = invoke(db, "export", "--all", "--allow-secrets", "--out", str(tmp_path / "p"))
    assert code == 0, output


def test_a_pack_folder_behind_a_symlink_is_refreshed_where_it_points(tmp_path: Path) -> None:
    real = tmp_path / "real"
    export_pack(DOCS[:2], real)
    link = tmp_path / "link"
    link.symlink_to(real)
    export_pack(DOCS[2:4], link)
    assert link.is_symlink()
    assert sorted(p.name for p in (real / "processes").iterdir()) == ["p2.md", "p3.md"]


BENIGN = [
    "password: ask the team lead",
    "token: see vault",
    "password: <your password>",
    "Reset the customer's password in the admin console.",
    "The secret is in the vault; never paste it here.",
]


def test_benign_placeholders_and_the_samples_without_credentials_export_as_they_are(
    tmp_path: Path,
) -> None:
    documents = [dataclasses.replace(DOCS[n], steps=(Step(text),)) for n, text in enumerate(BENIGN)]
    samples = [
        item.document
        for item in load_files([SAMPLES])
        if item.document.id != "lost-stolen-card"  # holds two credentials on purpose
    ]
    export_pack([*documents, *samples], tmp_path / "pack")
    for n, text in enumerate(BENIGN):
        assert text in (tmp_path / "pack" / "processes" / f"p{n}.md").read_text(encoding="utf-8")
    assert "[hidden]" not in (tmp_path / "pack" / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("fail_at", [0, 1, 5, 29, 31, 32])
@pytest.mark.parametrize("step", ["write", "swap"])
def test_a_failure_at_any_step_of_a_refresh_keeps_the_old_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_at: int, step: str
) -> None:
    import errno

    from kt_workbench.handover import publish

    target = tmp_path / "pack"
    export_pack(DOCS[:20], target)
    before = _snapshot(target)
    calls = {"n": 0}
    real_write, real_exchange = publish._write_file, publish._exchange

    def failing_write(path: Path, text: str) -> None:
        calls["n"] += 1
        if step == "write" and calls["n"] > fail_at:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(path, text)

    def failing_exchange(first: Path, second: Path) -> bool:
        if step == "swap":
            raise OSError(errno.EIO, "Input/output error")
        return real_exchange(first, second)

    monkeypatch.setattr(publish, "_write_file", failing_write)
    monkeypatch.setattr(publish, "_exchange", failing_exchange)
    renamed = [dataclasses.replace(doc, title=f"{doc.title} v2") for doc in DOCS]
    try:
        export_pack(renamed, target)
    except KtwError as error:
        assert "nothing was changed" in str(error)
        assert _snapshot(target) == before
    else:
        assert step == "write" and fail_at == 32  # 30 processes, README, manifest: all fit
        assert "v2" in (target / "processes" / "p0.md").read_text(encoding="utf-8")
    assert pack_state(target) == "complete"
    assert leftovers(target) == []
