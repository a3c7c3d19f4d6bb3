"""Running a command with its stderr on a pseudo-terminal, as a person at a terminal sees it."""

from __future__ import annotations

import os
import pty
import subprocess
from pathlib import Path


def run_on_terminal(
    command: list[str], env: dict[str, str], folder: Path, cwd: Path | None = None
) -> tuple[int, str, str]:
    """Exit code, stdout (through a file in ``folder``: a pipe nobody reads while the terminal
    is read could fill up) and what the terminal on stderr showed."""
    leader, follower = pty.openpty()
    with (folder / "stdout.txt").open("w+", encoding="utf-8") as out_file:
        with subprocess.Popen(
            command, stdout=out_file, stderr=follower, stdin=subprocess.DEVNULL, env=env, cwd=cwd
        ) as process:
            os.close(follower)
            seen = b""
            while True:
                try:
                    chunk = os.read(leader, 4096)
                except OSError:  # the terminal closes when the command ends
                    break
                if not chunk:
                    break
                seen += chunk
            code = process.wait(timeout=300)
        out_file.seek(0)
        out = out_file.read()
    os.close(leader)
    return code, out, seen.decode(errors="replace")
