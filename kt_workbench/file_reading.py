"""Reading a file's bytes or text without trusting it: judged before it is read whole.

A bounded prefix tells a binary file, a file larger than the limit is refused from its size
(and never read past the limit, should it grow or be a device), and text that is not UTF-8
is refused with the line of the first bad byte.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from kt_workbench.errors import InputError

# One process file is a few kilobytes; a file this large is not one (and reading it whole to
# find out would cost the memory).
MAX_FILE_BYTES = 8 * 1024 * 1024
PREFIX_BYTES = 8192


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """A file's bytes, refused from its size when larger than ``limit``."""
    try:
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > limit:
                raise InputError(str(path), None, _too_large(size, limit))
            data = _read_at_most(stream, limit + 1)
    except OSError as error:
        raise InputError(str(path), None, f"cannot read file: {error.strerror}") from None
    if len(data) > limit:
        raise InputError(str(path), None, _too_large(len(data), limit))
    return data


def read_text(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """A file's text, judged before it is read whole: binary, too large, not UTF-8."""
    try:
        with path.open("rb") as stream:
            prefix = stream.read(PREFIX_BYTES)
            if b"\x00" in prefix:
                raise InputError(str(path), None, "binary file, not a markdown document")
            size = os.fstat(stream.fileno()).st_size
            if size > limit or len(prefix) > limit:
                raise InputError(str(path), None, _too_large(size, limit))
            rest = _read_at_most(stream, limit + 1 - len(prefix))
    except OSError as error:
        raise InputError(str(path), None, f"cannot read file: {error.strerror}") from None
    data = prefix + rest
    if len(data) > limit:  # the file grew, or is a device: never read past the limit
        raise InputError(str(path), None, _too_large(len(data), limit))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            str(path), line, f"not UTF-8 text (byte 0x{data[error.start]:02x}); save it as UTF-8"
        ) from None


def _read_at_most(stream: BinaryIO, count: int) -> bytes:
    """Up to ``count`` bytes, in chunks: ``read(count)`` would allocate ``count`` bytes up
    front even for an empty file, and a device's size says nothing about its length."""
    chunks: list[bytes] = []
    remaining = count
    while remaining > 0:
        chunk = stream.read(min(remaining, _CHUNK_BYTES))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


_CHUNK_BYTES = 64 * 1024


def _too_large(size: int, limit: int) -> str:
    return (
        f"file of {size / 1024 / 1024:.1f} MB is larger than the {limit / 1024 / 1024:.0f} MB "
        "a process file may have"
    )
