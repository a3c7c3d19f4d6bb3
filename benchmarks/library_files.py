"""Generated libraries on disk for the workbench and CLI benchmarks, made once and reused.

Making 5,000 processes and saving them takes a while, so each ``(count, seed)`` library is
kept in a folder (``--libraries``, default: a folder in the system's temporary directory)
and made again only when it is missing or holds another number of processes. The file's name
carries a fingerprint of the generator's source and of the store's schema revision, so a
library made by an older generator or schema is never measured by mistake: a change to
either makes a new file.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import statistics
import tempfile
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

DEFAULT_FOLDER = Path(tempfile.gettempdir()) / "ktw-bench-libraries"


def library_db(count: int, seed: int = 7, folder: Path | None = None) -> Path:
    """An SQLite store holding ``count`` generated processes."""
    folder = folder or DEFAULT_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"library-{count}-{seed}-{generator_fingerprint()}.db"
    if path.exists() and _count(path) == count:
        return path
    from benchmarks.generator import generate_library
    from kt_workbench.store import ProcessStore

    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    with ProcessStore.open(partial) as store:
        store.save_many(generate_library(count, seed=seed))
    os.replace(partial, path)
    return path


# Every module whose text decides what the generator makes.
GENERATOR_SOURCES = ("generator.py", "long_tail.py", "vocabulary.py")


def generator_fingerprint() -> str:
    """Twelve hex digits naming the generator's source and the store's schema revision."""
    from kt_workbench.store.revisions import head_revision

    digest = hashlib.sha256(head_revision().encode())
    for name in GENERATOR_SOURCES:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()[:12]


def _count(path: Path) -> int:
    try:
        with closing(sqlite3.connect(path)) as connection:
            return int(connection.execute("SELECT count(*) FROM process").fetchone()[0])
    except sqlite3.Error:
        return -1


def percentiles(samples: Sequence[float]) -> dict[str, float]:
    """p50 and p95 in milliseconds of samples in seconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": round(statistics.median(ordered) * 1000, 1), "p95_ms": round(p95 * 1000, 1)}


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]
