"""Store benchmark: saving, listing and reading a synthetic library on SQLite and PostgreSQL.

``python benchmarks/run.py store --processes 1000 --json`` prints one JSON object with, per
backend (``postgresql`` is null, with a reason, when no server can be had):

- ``save_many_s``: one ``save_many`` of every process into an empty store (new revisions too);
- ``prepare_s``: the part of that spent before the transaction (revision markdown, rows);
- ``resave_s``: the same batch again, replacing every process;
- ``documents_s``: ``documents()``; ``summaries_ms``: ``summaries()``;
- ``get_p50_ms``/``get_p95_ms``: ``get`` of single processes;
- ``baseline_executemany_s``: the same rows (processes, children, revisions, markdown
  already rendered) inserted with the driver's own ``executemany`` in one transaction, on
  the same database emptied: the floor any store code sits on.

PostgreSQL comes from ``--postgres-url`` (an empty database; its tables are created and
its rows deleted), else from a throwaway server started like the tests start theirs.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlmodel import SQLModel

from benchmarks.generator import generate_library
from kt_workbench.model import ProcessDocument
from kt_workbench.store import ProcessStore
from kt_workbench.store.writes import prepare


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="run.py store", description=__doc__)
    parser.add_argument("--processes", type=int, default=1000)
    parser.add_argument("--gets", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--postgres-url", help="an empty PostgreSQL database to use")
    parser.add_argument("--no-postgres", action="store_true", help="measure SQLite only")
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args(list(argv))

    library = generate_library(args.processes, seed=args.seed)
    result: dict[str, Any] = {"processes": len(library), "gets": args.gets}
    with tempfile.TemporaryDirectory(prefix="ktw-bench-") as folder:
        result["sqlite"] = _measure(str(Path(folder) / "bench.db"), library, args)
    result["postgresql"] = None
    if not args.no_postgres:
        try:
            with _postgres(args.postgres_url) as url:
                result["postgresql"] = _measure(url, library, args)
        except _Unavailable as exc:
            result["postgresql_skipped"] = str(exc)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for backend in ("sqlite", "postgresql"):
            for key, value in (result[backend] or {}).items():
                print(f"{backend:10} {key:24} {value}")
        if "postgresql_skipped" in result:
            print(f"postgresql skipped: {result['postgresql_skipped']}")
    return 0


class _Unavailable(Exception):
    pass


@contextmanager
def _postgres(url: str | None) -> Iterator[str]:
    if url:
        yield url
        return
    try:
        from tests.postgres_server import start_server
    except ImportError as exc:  # the test helpers are not installed with the package
        raise _Unavailable(f"no --postgres-url and no test server helper ({exc})") from None
    try:
        server = start_server()
    except (FileNotFoundError, RuntimeError, OSError) as exc:
        raise _Unavailable(str(exc).splitlines()[0]) from None
    try:
        yield server.url(server.create_database())
    finally:
        server.stop()


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _measure(
    target: str, library: list[ProcessDocument], args: argparse.Namespace
) -> dict[str, float]:
    figures: dict[str, float] = {}
    figures["prepare_s"] = _timed(lambda: [prepare(document) for document in library])
    with ProcessStore.open(target) as store:
        figures["save_many_s"] = _timed(lambda: store.save_many(library, author="bench"))
        figures["resave_s"] = _timed(lambda: store.save_many(library, author="bench"))
        figures["documents_s"] = _timed(store.documents)
        figures["summaries_ms"] = _timed(store.summaries) * 1000
        ids = random.Random(args.seed).choices([d.id for d in library], k=args.gets)
        gets = [_timed(lambda pid=pid: store.get(pid)) * 1000 for pid in ids]
        figures["get_p50_ms"] = statistics.median(gets)
        figures["get_p95_ms"] = statistics.quantiles(gets, n=20)[-1]
        figures["baseline_executemany_s"] = _raw_insert(store, library)
    return {key: round(value, 4) for key, value in figures.items()}


def _raw_insert(store: ProcessStore, library: list[ProcessDocument]) -> float:
    """Empty the database, then insert the same rows with the driver's ``executemany``."""
    import datetime as dt

    now = dt.datetime.now(dt.UTC)
    prepared = [prepare(document) for document in library]
    tables: dict[str, list[dict[str, Any]]] = {"process": [], "process_revision": []}
    for item in prepared:
        tables["process"].append(item.process | {"version": 1, "updated_at": now})
        tables["process_revision"].append(
            {"process_id": item.id, "version": 1, "saved_at": now, "author": "bench",
             "markdown": item.markdown}
        )  # fmt: skip
        for child, rows in item.children:
            tables.setdefault(child.table.name, []).extend(rows)
    engine = store._writer
    with engine.begin() as connection:
        for table in reversed(SQLModel.metadata.sorted_tables):
            connection.execute(text(f'DELETE FROM "{table.name}"'))
    paramstyle = engine.dialect.paramstyle  # "qmark" for sqlite3, "pyformat" for psycopg
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        started = time.perf_counter()
        cursor = raw.cursor()
        if paramstyle == "qmark":  # the store runs sqlite3 in autocommit and begins itself
            cursor.execute("BEGIN IMMEDIATE")
        for name, rows in tables.items():
            if not rows:
                continue
            columns = list(rows[0])
            marks = ", ".join("?" if paramstyle == "qmark" else f"%({c})s" for c in columns)
            quoted = ", ".join(f'"{column}"' for column in columns)
            statement = f'INSERT INTO "{name}" ({quoted}) VALUES ({marks})'
            values = [tuple(row[c] for c in columns) for row in rows]
            cursor.executemany(statement, values if paramstyle == "qmark" else rows)
        raw.commit()
        return time.perf_counter() - started
