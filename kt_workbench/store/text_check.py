"""Refusing text no backend can keep, before a write starts, with the field that holds it.

PostgreSQL cannot store NUL (U+0000) in text at all, and neither driver can send a lone UTF-16
surrogate. The store refuses both on every backend, so a document saved to an SQLite file can
always move to a shared PostgreSQL database, and so every revision's markdown (which the
parser reads back, and which treats NUL as binary) stays readable. Markdown source typed by
a person never contains either; the error names the field so it can be found and removed.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable, Iterator

from kt_workbench.errors import StoreError
from kt_workbench.model import ProcessDocument


def looks_unstorable(text: str) -> bool:
    """A fast screen: NUL (raw, or JSON-escaped as the store's JSON columns hold it) or text
    that cannot be encoded. A false alarm only costs the exact check."""
    return "\x00" in text or "\\u0000" in text or _unencodable(text)


def _unencodable(text: str) -> bool:
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def check_storable(document: ProcessDocument, stored_texts: Iterable[str]) -> None:
    """Raise ``StoreError`` naming the first field with NUL or a lone surrogate.

    ``stored_texts`` are the strings the store would write for the document (its column
    values and markdown); only when one looks suspicious is the document walked field by
    field, which is slower but finds the field to name.
    """
    if not any(looks_unstorable(text) for text in stored_texts):
        return
    for path, value in _strings(document):
        if "\x00" in value:
            problem = "contains a NUL character (U+0000)"
        elif _unencodable(value):
            problem = "contains a lone surrogate (text that is not valid Unicode)"
        else:
            continue
        shown = document.id.replace("\x00", "\\0").encode("utf-8", "backslashreplace").decode()
        raise StoreError(
            f"process {shown!r}: {path} {problem}, which the store cannot keep; remove it and "
            "save again"
        )


def unstorable_field(document: ProcessDocument) -> str | None:
    """The path of the first field holding NUL or text that is not valid Unicode, or None."""
    for path, value in _strings(document):
        if "\x00" in value or _unencodable(value):
            return path
    return None


def _strings(document: ProcessDocument) -> Iterator[tuple[str, str]]:
    """Every string in the document with its path, e.g. ``steps[2].text`` (counting from 1)."""
    pending: list[tuple[str, object]] = [("", document)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, str) and not isinstance(value, enum.Enum):
            yield path, value
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            prefix = f"{path}." if path else ""
            children = [
                (f"{prefix}{field.name}", getattr(value, field.name))
                for field in dataclasses.fields(value)
            ]
            pending.extend(reversed(children))
        elif isinstance(value, tuple):
            items = [(f"{path}[{n}]", item) for n, item in enumerate(value, start=1)]
            pending.extend(reversed(items))
