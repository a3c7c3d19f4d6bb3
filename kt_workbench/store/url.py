"""Where the store lives: a plain path or an SQLAlchemy URL, from the caller, env or default."""

from __future__ import annotations

import ipaddress
import os
import re
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
    if text.strip() == ":memory:":
        raise StoreError(
            "':memory:' is not supported: an in-memory library would be lost when ktw exits; "
            "give a file path"
        )
    if "://" in text:
        return normalise_url(parse_url(text)).render_as_string(hide_password=False)
    path = Path(text).expanduser().absolute()
    return URL.create("sqlite+pysqlite", database=str(path)).render_as_string(hide_password=False)


# Query parameters that carry a password in libpq and SQLAlchemy URLs.
_SECRET_PARAMETERS = ("password", "passwd", "pass", "sslpassword", "sslkey_password")
_NETLOC = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://(?P<netloc>[^/?#]*)")


def parse_url(text: str) -> URL:
    """The URL in ``text``; a malformed one is a one-line error that repeats only its scheme,
    as anything after it may be a password."""
    scheme = text.split("://", 1)[0]

    def refuse(problem: str) -> StoreError:
        return StoreError(f"cannot read the database URL {scheme}://...: {problem}")

    netloc = _NETLOC.match(text)
    if netloc and netloc["netloc"].count("@") > 1:
        raise refuse("it holds more than one '@'; write an '@' in the user name or password as %40")
    try:
        url = make_url(text)
        port = url.port
    except (ArgumentError, ValueError, TypeError):
        raise refuse(
            "expected a form such as sqlite:///path/to/ktw.db or "
            "postgresql://user@host:5432/database (a port is a number, an IPv6 host in [...])"
        ) from None
    if port is not None and not 0 < port < 65536:
        raise refuse(f"the port must be a number from 1 to 65535, not {port}")
    if url.host and ":" in url.host:
        try:
            ipaddress.IPv6Address(url.host.split("%", 1)[0])
        except ValueError:
            raise refuse("the host in [...] is not an IPv6 address") from None
    return url


def display_url(url: URL) -> str:
    """The URL as shown to people: never a password, and SQLite paths left readable."""
    if url.get_backend_name() == "sqlite" and url.database:
        return f"sqlite:///{url.database}"
    shown = url.set(query={}).render_as_string(hide_password=True)
    if not url.query:
        return shown
    pairs = []
    for key, value in url.query.items():
        values = value if isinstance(value, tuple) else (value,)
        for item in values:
            pairs.append(f"{key}={'***' if key.lower() in _SECRET_PARAMETERS else item}")
    return f"{shown}?{'&'.join(pairs)}"


def scrub(message: str, url: URL) -> str:
    """``message`` with any password of ``url`` replaced, for errors raised by drivers."""
    for secret in passwords(url):
        message = message.replace(secret, "***")
    return message


def passwords(url: URL) -> list[str]:
    found = [url.password] if isinstance(url.password, str) and url.password else []
    for key, value in url.query.items():
        if key.lower() in _SECRET_PARAMETERS:
            values = value if isinstance(value, tuple) else (value,)
            found += [item for item in values if item]
    return sorted(found, key=len, reverse=True)
