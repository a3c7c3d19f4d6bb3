"""Who is saving: named by the caller, else ``$KTW_AUTHOR``, else the operating-system user."""

from __future__ import annotations

import getpass
import os

AUTHOR_ENV_VAR = "KTW_AUTHOR"
UNKNOWN = "unknown"


def default_author() -> str:
    named = os.environ.get(AUTHOR_ENV_VAR, "").strip()
    if named:
        return named
    try:
        return getpass.getuser() or UNKNOWN
    except (OSError, KeyError):  # no login name and no passwd entry (some containers)
        return UNKNOWN


def clean_name(name: str, what: str) -> str:
    """A person's or recipient's name as stored: one line, trimmed, not empty."""
    from kt_workbench.errors import KtwError

    cleaned = " ".join(name.split())
    if not cleaned:
        raise KtwError(f"the {what} is empty; give a name")
    if len(cleaned) > 200:
        raise KtwError(f"the {what} is longer than 200 characters")
    return cleaned
