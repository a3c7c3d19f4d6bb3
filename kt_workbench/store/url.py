"""Where the store lives: a plain path or an SQLAlchemy URL, from the caller, env or default."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from kt_workbench import locations
from kt_workbench.errors import StoreError
from kt_workbench.store.postgres_dialect import normalise_url


def resolve_database_url(target: str | os.PathLike[str] | None = None) -> str:
    """The SQLAlchemy URL for ``target``.

    ``None`` means the ``KTW_DB`` environment variable, else the default database file.
    A value containing ``://`` is taken as a URL; anything else is a file path, made
    absolute so the same file always yields the same URL.
    """
    if target is None:
        target = os.environ.get(locations.DB_ENV_VAR) or locations.default_database_path()
    text = os.fspath(target)
    if not text.strip():
        raise StoreError("the database location is empty; give a file path or a URL")
    if "://" in text:
        return normalise_url(parse_url(text)).render_as_string(hide_password=False)
    path = Path(text).expanduser().absolute()
    return URL.create("sqlite+pysqlite", database=str(path)).render_as_string(hide_password=False)


def parse_url(text: str) -> URL:
    try:
        return make_url(text)
    except ArgumentError:
        # The text may hold a password, so only its scheme is repeated back.
        scheme = text.split("://", 1)[0]
        raise StoreError(
            f"cannot read the database URL {scheme}://...; expected a form such as "
            "sqlite:///path/to/ktw.db"
        ) from None


def display_url(url: URL) -> str:
    """The URL as shown to people: never the password, and SQLite paths left readable."""
    if url.get_backend_name() == "sqlite" and url.database:
        return f"sqlite:///{url.database}"
    return url.render_as_string(hide_password=True)
