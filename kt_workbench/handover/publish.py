"""Putting a pack on disk so that it appears complete or not at all.

A pack folder is built beside its target (``.NAME.ktw-build-PID-...``) and swapped in with
one rename; an existing pack is exchanged with the new one atomically (Linux
``renameat2(RENAME_EXCHANGE)``), else moved aside and replaced by two renames. Whatever
kills the export, the target holds the old pack, the new one, or (only in the two-rename
fallback, between the renames) nothing, with the old pack beside it, which the next export
puts back. Build and old folders left by a process that no longer runs are removed (or put
back) by the next export to the same target.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import secrets
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

from kt_workbench.handover.files import alive, inside

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_ORPHAN = re.compile(r"^\.(?P<name>.+)\.ktw-(?P<kind>build|old)-(?P<pid>\d+)-[0-9a-f]+$")


def publish_folder(folder: Path, files: Mapping[str, str], keep: Iterable[str] = ()) -> None:
    """Make ``folder`` hold exactly ``files`` (pack-relative name -> text), plus the files
    named in ``keep`` copied from the folder as it is now."""
    folder = folder.absolute()
    if folder.is_symlink():  # the pack goes where the link points; the link stays
        folder = folder.resolve()
    parent = folder.parent
    parent.mkdir(parents=True, exist_ok=True)
    clean_orphans(folder)
    build = _new_sibling(folder, "build")
    try:
        for name, text in files.items():
            _write_file(inside(build, name), text)
        for name in keep:
            _carry_over(folder / name, inside(build, name))
        _sync_tree(build)
        _swap_in(build, folder)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise


def foreign_files(folder: Path, ours: set[str]) -> list[str]:
    """Files in ``folder`` an export did not write (the provider's own notes, say), relative."""
    found = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            relative = (Path(root) / name).relative_to(folder).as_posix()
            if relative not in ours:
                found.append(relative)
    return found


def clean_orphans(folder: Path) -> None:
    """Remove build folders of dead exports to ``folder``; put back an old pack a dead export
    moved aside when ``folder`` is missing."""
    folder = folder.absolute()
    try:
        entries = list(os.scandir(folder.parent))
    except OSError:
        return
    for entry in entries:
        match = _ORPHAN.match(entry.name)
        if not match or match["name"] != folder.name or alive(int(match["pid"])):
            continue
        path = Path(entry.path)
        if match["kind"] == "old" and not os.path.lexists(folder):
            with contextlib.suppress(OSError):
                os.rename(path, folder)
                continue
        shutil.rmtree(path, ignore_errors=True)


def _new_sibling(folder: Path, kind: str) -> Path:
    # os.mkdir (not mkdtemp) so the pack folder gets the usual permissions under the umask.
    while True:
        path = folder.parent / f".{folder.name}.ktw-{kind}-{os.getpid()}-{secrets.token_hex(4)}"
        try:
            path.mkdir(mode=0o777)
            return path
        except FileExistsError:
            continue


def _write_file(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())


def _carry_over(source: Path, target: Path) -> None:
    if target.exists():
        return  # the export writes this name itself
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _sync_tree(folder: Path) -> None:
    for root, _dirs, _files in os.walk(folder):
        _sync_dir(Path(root))


def _sync_dir(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _swap_in(build: Path, folder: Path) -> None:
    if not os.path.lexists(folder) or (folder.is_dir() and not any(folder.iterdir())):
        os.replace(build, folder)  # an empty folder is replaced by the rename itself
        _sync_dir(folder.parent)
        return
    if _exchange(build, folder):
        shutil.rmtree(build, ignore_errors=True)  # ``build`` now holds the old pack
        _sync_dir(folder.parent)
        return
    old = _new_sibling(folder, "old")
    os.rmdir(old)
    os.rename(folder, old)
    try:
        os.rename(build, folder)
    except BaseException:
        os.rename(old, folder)
        raise
    _sync_dir(folder.parent)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step; False where the system or file system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))
