"""The schema revisions this version knows, read from the migration files (no Alembic, no
SQLAlchemy): opening a store already at the head revision, and the light reader's check that
a file holds the schema it can read, need nothing more. A test holds these equal to what
Alembic says."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_REVISION = re.compile(r'^revision = "([^"]+)"', re.MULTILINE)
_DOWN_REVISION = re.compile(r'^down_revision = (?:None|"([^"]+)")', re.MULTILINE)


@cache
def migration_graph() -> dict[str, str | None]:
    """Each migration's revision and the revision it follows, read from its file."""
    graph: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN_REVISION.search(source)
        if revision is not None and down is not None:
            graph[revision.group(1)] = down.group(1)
    return graph


def head_revision() -> str:
    graph = migration_graph()
    heads = set(graph) - set(graph.values())
    if len(heads) != 1:
        raise RuntimeError(f"expected one head revision in {MIGRATIONS_DIR}, found {heads}")
    return heads.pop()


@cache
def known_revisions() -> frozenset[str]:
    return frozenset(migration_graph())
