"""Turns database failures into one-line ``StoreError``s that name the store and the action."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from kt_workbench.errors import StoreError
from kt_workbench.store.mapping import StoredDataError

# What a violated constraint means to the person who wrote the document.
_CONSTRAINT_MEANINGS = {
    "ck_process_status_valid": "the status must be draft, in-review or approved",
}
# What to do about the usual reasons a database server cannot be used.
_HINTS = tuple(
    (re.compile(pattern), hint)
    for pattern, hint in (
        (r"Connection refused", "is the database server running, and is the port right?"),
        (
            r"password authentication failed|role \".*\" does not exist",
            "check the user and password",
        ),
        (r"database \".*\" does not exist", "create it first (createdb NAME) or fix the URL"),
        (r"could not translate host name", "check the host name in the URL"),
        (r"timeout expired", "the server did not answer; check the host, port and network"),
        (r"lock timeout", "another writer held the database too long; try again"),
    )
)
_NOISE = re.compile(r"^(?:connection failed: )|(?:FATAL: +)")


@contextmanager
def translate_errors(where: str, action: str) -> Iterator[None]:
    try:
        yield
    except DBAPIError as exc:
        raise StoreError(f"{where}: {action} failed: {_first_line(exc.orig)}") from exc
    except (SQLAlchemyError, StoredDataError) as exc:
        raise StoreError(f"{where}: {action} failed: {_first_line(exc)}") from exc
    except OverflowError:
        raise StoreError(
            f"{where}: {action} failed: a number is too large to store (the limit is 2**63-1)"
        ) from None
    except Exception as exc:
        if not _is_migration_error(exc):
            raise
        raise StoreError(f"{where}: {action} failed: {_first_line(exc)}") from exc


def _is_migration_error(error: Exception) -> bool:
    # Alembic is imported only when a schema upgrade runs; only then can it have failed.
    alembic_errors = sys.modules.get("alembic.util.exc")
    return alembic_errors is not None and isinstance(error, alembic_errors.CommandError)


def _first_line(error: BaseException | None) -> str:
    text = str(error).strip() if error is not None else ""
    line = _NOISE.sub("", text.splitlines()[0]) if text else "unknown database error"
    for constraint, meaning in _CONSTRAINT_MEANINGS.items():
        if constraint in line:
            return f"{meaning} ({line})"
    for pattern, hint in _HINTS:
        if pattern.search(line):
            return f"{line}; {hint}"
    return line
