"""Fault-injection benchmark: the reliability promises at large numbers.

``python benchmarks/run.py faults --json`` prints one JSON object:

- ``fuzz``: byte and structured front-matter inputs through the whole import path
  (``load_files``): how many were accepted, refused with ``FILE:LINE`` and (must be 0) failed
  any other way; how many accepted ones did not read back identically after export (must be
  0); the largest traced peak memory of one input;
- ``limits``: parse time and peak memory per character for procedures and decision trees
  up to the stated limits (cost per character staying flat means linear cost), and how fast
  input beyond a limit is refused; the baseline is splitting the same text into lines;
- ``kill_export``: exports and pack refreshes killed with SIGKILL at random moments: how
  often the target was complete (old or new pack) or absent, and (must be 0) anything else;
- ``kill_import``: imports killed the same way: stores left empty or complete, and (must
  be 0) partial or failing the integrity check;
- ``credentials``: every credential kind in every placement, exported with and without
  ``--allow-secrets``: refused, masked everywhere, and (must be 0) leaked;
- ``disk_full``: exports onto a 2 MiB tmpfs (where the machine allows mounting one): failures
  that were one line and left nothing behind, and (must be 0) anything else;
- ``hostile_urls``: database URLs with passwords in every position: one-line errors and
  (must be 0) password leaks.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from benchmarks.generator import generate_library
from kt_workbench.errors import InputError, KtwError
from kt_workbench.handover import CredentialsInPack, export_pack
from kt_workbench.handover.pack import MANIFEST
from kt_workbench.handover.publish import clean_orphans
from kt_workbench.importing import ImportErrors, load_files
from kt_workbench.markdown import parse_document, render_document
from kt_workbench.model import AccessRight, GlossaryEntry, ProcessDocument, Step
from kt_workbench.store import ProcessStore

_KTW = [sys.executable, "-c", "from kt_workbench.cli import main; main()"]
_PIECES = [
    b"---\n", b"title: T\n", b"id: x\n", b"last_reviewed: 2026-02-30\n", b"x: [[[\n",
    b"? [a]\n: 1\n", b"# Title\n", b"## Procedure\n", b"## Decision tree\n", b"1. Step\n",
    b"   - sub\n", b"- Q? yes -> A\n", b"  - no -> B\n", b"| a | b |\n", b"```\n", b"\x00",
    b"\xff\xfe", b"\x1b[31m", b"\r\n", b"x: &a [1]\ny: *a\n", b"s: !!set {a, b}\n",
    b"n: 99999999999999999999\n", b'q: "\\0"\n', b"x-at: 2026-01-01T25:00:00\n",
]  # fmt: skip
_SCALARS = [
    "2026-02-30", "2026-06-25T15:51:50+08:00", "9223372036854775808", ".nan", "~", "",
    '"\\0"', '"\\e[31m"', "!!binary aGk=", "!!int x", "!!set {a, b}", "!!omap [a: 1]",
    "&a v", "*a", "'q'", "yes", "[a, [b, {c: d}]]", "{? [a] : 1}",
]  # fmt: skip
_KEYS = ["title", "id", "owner", "tags", "status", "volume_per_month", "last_reviewed", "x"]


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="run.py faults", description=__doc__)
    parser.add_argument("--fuzz", type=int, default=10_000, help="fuzzed inputs of each kind")
    parser.add_argument("--kills", type=int, default=20, help="SIGKILLs per scenario")
    parser.add_argument("--processes", type=int, default=400, help="library size for kills")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args(list(argv))
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="ktw-faults-") as scratch:
        root = Path(scratch)
        results = {
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "fuzz": fuzz(args.fuzz, rng, root),
            "limits": limits(),
            "kill_export": kill_export(args.kills, args.processes, rng, root),
            "kill_import": kill_import(args.kills, args.processes, rng, root),
            "credentials": credentials(root),
            "disk_full": disk_full(root),
            "hostile_urls": hostile_urls(),
        }
    print(json.dumps(results, indent=2))
    return 0


def fuzz(count: int, rng: random.Random, root: Path) -> dict[str, object]:
    outcome: Counter[str] = Counter()
    peak_max = 0
    path = root / "fuzz.md"
    for n in range(2 * count):
        if n < count:
            data = (
                rng.randbytes(rng.randrange(400))
                if n % 2
                else b"".join(rng.choice(_PIECES) for _ in range(rng.randrange(40)))
            )
        else:
            pairs = [f"{rng.choice(_KEYS)}: {rng.choice(_SCALARS)}" for _ in range(5)]
            data = ("---\n" + "\n".join(pairs) + "\n---\n# T\n").encode()
        path.write_bytes(data)
        tracemalloc.start()
        try:
            loaded = load_files([path])
        except ImportErrors as errors:
            one_line = all(isinstance(e, InputError) and "\n" not in str(e) for e in errors.errors)
            outcome["refused_file_line" if one_line else "other_failure"] += 1
        except Exception as error:  # counting exactly what must not happen
            outcome[f"other_failure:{type(error).__name__}"] += 1
        else:
            outcome["accepted"] += 1
            exported = render_document(loaded[0].document)
            if parse_document(exported, "export.md") != loaded[0].document:
                outcome["not_round_tripping"] += 1
        finally:
            peak_max = max(peak_max, tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
    return {"inputs": 2 * count, **outcome, "peak_traced_kib_max": peak_max // 1024}


def limits() -> dict[str, object]:
    rows = []
    for kind, sizes in (("steps", (500, 1000, 2500, 5000)), ("tree_depth", (10, 25, 50, 100))):
        for size in sizes:
            text = _limit_document(kind, size)
            start = time.perf_counter()
            text.split("\n")
            baseline = time.perf_counter() - start
            elapsed = min(_timed(parse_document, text) for _ in range(3))
            tracemalloc.start()  # measured apart: tracing slows the parse several times over
            parse_document(text, "x.md")
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            rows.append(
                {
                    "kind": kind,
                    "size": size,
                    "chars": len(text),
                    "parse_s": round(elapsed, 4),
                    "ns_per_char": round(elapsed / len(text) * 1e9),
                    "peak_bytes_per_char": round(peak / len(text), 1),
                    "baseline_split_s": round(baseline, 5),
                }
            )
    refusals = {}
    for name, text in (
        ("steps_5001", _limit_document("steps", 5001)),
        ("tree_depth_102", _limit_document("tree_depth", 102)),
        ("chars_2mib_plus", "# T\n\n" + "word " * 450_000),
    ):
        start = time.perf_counter()
        try:
            parse_document(text, "x.md")
            refusals[name] = "accepted"
        except InputError:
            refusals[name] = f"refused in {time.perf_counter() - start:.4f}s"
    return {"parse": rows, "beyond_limits": refusals}


def _timed(parse: Callable[[str, str], object], text: str) -> float:
    start = time.perf_counter()
    parse(text, "x.md")
    return time.perf_counter() - start


def _limit_document(kind: str, size: int) -> str:
    if kind == "steps":
        body = "## Procedure\n\n" + "\n".join(f"{n}. Step {n} does one thing" for n in range(size))
    else:
        lines = [f"{'  ' * d}- Yes → Is it case {d}?" for d in range(size)]
        body = "## Decision tree\n\n- Is it case?\n" + "\n".join(lines)
    return f"---\nid: x\ntitle: X\n---\n# X\n\n{body}\n"


def _pack_state(folder: Path) -> str:
    if not folder.exists():
        return "absent"
    try:
        listed = set(json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"])
    except (OSError, ValueError, KeyError):
        return "broken"
    present = {
        (Path(r) / n).relative_to(folder).as_posix() for r, _d, ns in os.walk(folder) for n in ns
    }
    return "complete" if present == listed | {MANIFEST} and "README.md" in listed else "mixed"


def kill_export(kills: int, processes: int, rng: random.Random, root: Path) -> dict[str, object]:
    db = root / "export.db"
    with ProcessStore.open(db) as store:
        store.save_many(generate_library(processes, seed=3))
    states: Counter[str] = Counter()
    generations_mixed = 0
    # Kill anywhere from start-up to just past the end of an uninterrupted run.
    duration = _duration([*_KTW, "--db", str(db), "export", "--all", "--out", str(root / "t")])
    shutil.rmtree(root / "t")
    for n in range(kills):
        refresh = n % 2 == 1
        target = root / f"pack{n}"
        if refresh:
            command = [*_KTW, "--db", str(db), "export", "--all", "--out", str(target)]
            subprocess.run(command, capture_output=True)
            _retitle(db, n)  # the refresh writes different text, so a mix would show
        child = subprocess.Popen(
            [*_KTW, "--db", str(db), "export", "--all", "--out", str(target)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.1, 1.1) * duration)
        child.send_signal(signal.SIGKILL)
        child.wait()
        state = _pack_state(target)
        states[f"{'refresh' if refresh else 'first'}_{state}"] += 1
        if state == "complete":
            marks = {
                "new" if f"(rev {n})" in p.read_text(encoding="utf-8") else "old"
                for p in (target / "processes").glob("*.md")
            }
            generations_mixed += len(marks) > 1
        clean_orphans(target)
        shutil.rmtree(target, ignore_errors=True)
    return {
        "kills": kills,
        "uninterrupted_s": round(duration, 2),
        **states,
        "mixed_generations": generations_mixed,
    }


def _duration(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True)
    return time.perf_counter() - start


def _retitle(db: Path, n: int) -> None:
    with ProcessStore.open(db) as store:
        docs = store.documents()
        store.save_many([dataclasses.replace(d, title=f"{d.title} (rev {n})") for d in docs])


def kill_import(kills: int, processes: int, rng: random.Random, root: Path) -> dict[str, object]:
    folder = root / "to-import"
    folder.mkdir()
    for document in generate_library(processes, seed=5):
        (folder / f"{document.id}.md").write_text(render_document(document), encoding="utf-8")
    outcome: Counter[str] = Counter()
    duration = _duration([*_KTW, "--db", str(root / "whole.db"), "import", str(folder)])
    for n in range(kills):
        db = root / f"import{n}.db"
        child = subprocess.Popen(
            [*_KTW, "--db", str(db), "import", str(folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.1, 1.1) * duration)
        child.send_signal(signal.SIGKILL)
        child.wait()
        if not db.exists():
            outcome["no_database"] += 1
            continue
        raw = sqlite3.connect(db)
        healthy = raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        healthy = healthy and not raw.execute("PRAGMA foreign_key_check").fetchall()
        raw.close()
        with ProcessStore.open(db) as store:
            count = len(store.ids())
        if not healthy:
            outcome["damaged"] += 1
        elif count in (0, processes):
            outcome["empty" if count == 0 else "complete"] += 1
        else:
            outcome["partial"] += 1
    return {"kills": kills, "uninterrupted_s": round(duration, 2), **outcome}


_CORPUS = [
    "AKIAIOSFODNN7EXAMPLF",
    "ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5",
    "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
    "sk_live_huXCgJcyW6trzMESI7Kud",
    "password: Harbour-Lantern-2026!",
    "token = 9f8e7d6c5b4a39281706f5e4",
]


def credentials(root: Path) -> dict[str, int]:
    placements = {
        "step": lambda d, s: dataclasses.replace(d, steps=(Step(f"Log in with {s}"),)),
        "owner": lambda d, s: dataclasses.replace(d, owner=f"Ann ({s})"),
        "front_matter": lambda d, s: dataclasses.replace(d, extra_front_matter=f"x: '{s}'"),
        "access": lambda d, s: dataclasses.replace(
            d, access_rights=(AccessRight("CRM", "agent", "read", f"ask IT, {s}"),)
        ),
        "glossary": lambda d, s: dataclasses.replace(
            d, glossary=(GlossaryEntry("Vault", f"shared login, {s}"),)
        ),
    }
    outcome: Counter[str] = Counter()
    base = ProcessDocument(id="p", title="P", steps=(Step("x"),))
    for n, secret in enumerate(_CORPUS):
        value = secret.split(": ", 1)[-1].split("= ", 1)[-1]
        for name, place in placements.items():
            document = place(base, secret)
            target = root / f"secret-{n}-{name}"
            try:
                export_pack([document], target)
                outcome["not_refused"] += 1
            except CredentialsInPack:
                outcome["refused"] += 1
            export_pack([document], target, allow_secrets=True)
            leaked = any(value in p.read_text(encoding="utf-8") for p in target.rglob("*.md"))
            outcome["leaked" if leaked else "masked_everywhere"] += 1
    return dict(outcome)


def disk_full(root: Path) -> dict[str, object]:
    disk = root / "small"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        return {"skipped": "this machine does not allow mounting a tmpfs"}
    outcome: Counter[str] = Counter()
    try:
        for size in range(1, 41):
            docs = [
                ProcessDocument(id=f"p{n}", title="P", steps=(Step("x" * size * 5_000),))
                for n in range(10)
            ]
            target = disk / "pack"
            try:
                export_pack(docs, target)
                outcome["written"] += 1
            except KtwError as error:
                clean = not [p for p in disk.iterdir() if p.name != "pack"]
                one_line = "\n" not in str(error) and "nothing was changed" in str(error)
                outcome["one_line_nothing_left" if clean and one_line else "other"] += 1
            state = _pack_state(target)
            outcome[f"target_{state}"] += 1
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)
    return dict(outcome)


def hostile_urls() -> dict[str, int]:
    secret = "SECRETPW9x"
    urls = [
        f"postgresql://u:p@{secret}@127.0.0.1:1/db",
        f"postgresql://u:{secret}@127.0.0.1:abc/db",
        f"postgresql://u:{secret}@[::1/db",
        f"postgresql://u:{secret}@[zz::1]:5432/db",
        f"postgresql://u@127.0.0.1:1/db?password={secret}",
        f"postgresql://u:{secret}@127.0.0.1:1/db",
        f"postgresql://u@127.0.0.1:1/db?sslpassword={secret}",
    ]
    outcome: Counter[str] = Counter()
    for url in urls:
        for command in (["init"], ["list"]):
            done = subprocess.run([*_KTW, "--db", url, *command], capture_output=True, text=True)
            text = done.stdout + done.stderr
            outcome["leaked_password" if secret in text else "no_password"] += 1
            one_line = done.returncode != 0 and done.stderr.count("\n") == 1
            outcome["one_line_error" if one_line else "other"] += 1
    return dict(outcome)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
