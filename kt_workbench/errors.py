"""Errors a user can cause and fix: each renders as one clear line, never a traceback."""

from __future__ import annotations


class KtwError(Exception):
    """A failure caused by input or environment the user controls. ``exit_code`` is for the CLI."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(KtwError):
    """Bad content in a file the user gave us, located as ``FILE:LINE: message``."""

    def __init__(self, source: str, line: int | None, problem: str) -> None:
        self.source = source
        self.line = line
        self.problem = problem
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {problem}")


class StoreError(KtwError):
    """The store cannot be used: not a database, a newer schema, unreachable, locked."""

    exit_code = 2


class NotFoundError(KtwError):
    """A process id that is not in the store."""

    @classmethod
    def for_process(cls, process_id: str) -> NotFoundError:
        return cls(f"no process with id '{process_id}' (see 'ktw list')")
