"""The package's loggers.

What ktw logs is for whoever embeds or debugs it: a command and the workbench tell the user
themselves, in one line, about anything the user must know (a process left out, a cache
ignored). So the package logger has a ``NullHandler``: without a logging configuration of
the application's own, nothing of ours reaches the terminal as a raw log line (Python
would otherwise print warnings through its last-resort handler). ``logging`` itself is
imported only when a module first asks for its logger, so a cold command does not pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import logging


def logger(name: str) -> logging.Logger:
    """The logger of module ``name`` (a ``kt_workbench`` module)."""
    import logging

    package = logging.getLogger("kt_workbench")
    if not any(isinstance(handler, logging.NullHandler) for handler in package.handlers):
        package.addHandler(logging.NullHandler())
    return logging.getLogger(name)
