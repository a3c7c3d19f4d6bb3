"""Safe file names and atomic writes for everything the pack puts on disk."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from kt_workbench.errors import KtwError

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_RESERVED = re.compile(r"^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\..*)?$", re.I)
MAX_NAME = 100


def safe_file_stem(name: str) -> str:
    """A file name stem that cannot escape a folder or collide with a reserved device name."""
    stem = _UNSAFE.sub("-", name).strip(".-_")
    stem = re.sub(r"\.{2,}", ".", stem)[:MAX_NAME].rstrip(".-_")
    if _RESERVED.match(stem):
        stem = f"process-{stem}"
    if stem != name or not stem:  # changed names get a digest so two ids never share a file
        digest = hashlib.sha256(name.encode()).hexdigest()[:8]
        stem = f"{stem or 'process'}-{digest}"
    return stem


def inside(folder: Path, relative: str) -> Path:
    """``folder/relative``, refusing anything that would land outside ``folder``."""
    target = (folder / relative).resolve()
    if not target.is_relative_to(folder.resolve()):
        raise KtwError(f"refusing to write outside {folder}: {relative}")
    return target


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path`` and rename it into place.

    The temporary file's name carries the writer's process id, so one left behind by a
    killed writer can be told from one still being written (``remove_orphan_files``).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def remove_orphan_files(path: Path) -> None:
    """Delete temporary files beside ``path`` left by writers that no longer run."""
    prefix = f".{path.name}."
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
            continue
        pid = entry.name[len(prefix) :].split(".", 1)[0]
        if pid.isdigit() and not alive(int(pid)):
            Path(entry.path).unlink(missing_ok=True)


def alive(pid: int) -> bool:
    """Whether a process with this id runs (on this machine)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
