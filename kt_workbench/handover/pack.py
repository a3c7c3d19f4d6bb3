"""Writing a handover pack folder or a single-file pack, refusing to clobber anything else,
whole or not at all, with credentials refused or masked."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kt_workbench.errors import KtwError
from kt_workbench.handover.credentials import guard_credentials
from kt_workbench.handover.files import (
    inside,
    remove_orphan_files,
    safe_file_stem,
    write_atomically,
)
from kt_workbench.handover.index import PACK_MARKER, Readiness, build_index
from kt_workbench.handover.publish import clean_orphans, foreign_files, publish_folder
from kt_workbench.markdown import render_document
from kt_workbench.markdown.blocks import top_level_blocks
from kt_workbench.markdown.escaping import escape_heading_text
from kt_workbench.model import ProcessDocument

MANIFEST = ".ktw-pack"
PACK_FORMAT = 1
MAX_MANIFEST_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class PackResult:
    target: Path
    files: tuple[Path, ...]


def process_file_names(documents: Sequence[ProcessDocument]) -> dict[str, str]:
    """Pack-relative file name for each process id, unique even if sanitising collides."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for doc in documents:
        stem = safe_file_stem(doc.id)
        candidate, counter = stem, 2
        while candidate.casefold() in used:
            candidate, counter = f"{stem}-{counter}", counter + 1
        used.add(candidate.casefold())
        names[doc.id] = f"processes/{candidate}.md"
    return names


def _previous_files(folder: Path) -> list[str] | None:
    """The files an earlier export wrote here, or None when the folder is not a pack."""
    manifest = folder / MANIFEST
    if not manifest.is_file():
        return None
    try:
        if manifest.stat().st_size > MAX_MANIFEST_BYTES:
            raise ValueError("too large")
        data = json.loads(manifest.read_text(encoding="utf-8"))
        files = data["files"]
    except (OSError, ValueError, KeyError, TypeError):
        raise KtwError(f"{manifest}: damaged pack manifest; export to a new folder") from None
    return [name for name in files if isinstance(name, str)]


def export_pack(
    documents: Sequence[ProcessDocument],
    folder: Path,
    readiness: Mapping[str, Readiness] | None = None,
    generated: dt.date | None = None,
    *,
    allow_secrets: bool = False,
    extra_files: Mapping[str, str] | None = None,
) -> PackResult:
    """Write ``folder/README.md`` and ``folder/processes/<id>.md`` for every document (and
    ``extra_files``, pack-relative), all at once: the folder holds the whole new pack or what
    it held before. Files in an existing pack that no export wrote are kept.

    A credential anywhere in the pack is refused (``CredentialsInPack``) unless
    ``allow_secrets``, and then written as ``[hidden]`` in every file.
    """
    clean_orphans(folder)
    if folder.exists() and not folder.is_dir():
        raise KtwError(f"{folder} is a file; give a folder for the pack (or use --single-file)")
    previous: list[str] | None = None
    if folder.is_dir() and any(folder.iterdir()):
        previous = _previous_files(folder)
        if previous is None:
            raise KtwError(
                f"{folder} is not empty and is not a handover pack; choose a new or empty folder"
            )
    names = process_file_names(documents)
    files = {names[doc.id]: render_document(doc) for doc in documents}
    files["README.md"] = build_index(documents, names, readiness, generated)
    for name, text in (extra_files or {}).items():
        inside(folder, name)  # refuses names that would land outside the pack
        files[name] = text
    files = guard_credentials(files, allow_secrets)
    files[MANIFEST] = json.dumps({"format": PACK_FORMAT, "files": sorted(files)}, indent=2) + "\n"
    keep = [] if previous is None else foreign_files(folder, {*previous, MANIFEST})
    with write_errors(folder):
        publish_folder(folder, files, keep)
    written = [folder / name for name in (*names.values(), "README.md", *(extra_files or {}))]
    return PackResult(folder, tuple(written))


def export_single_file(
    documents: Sequence[ProcessDocument],
    path: Path,
    readiness: Mapping[str, Readiness] | None = None,
    generated: dt.date | None = None,
    *,
    allow_secrets: bool = False,
) -> PackResult:
    """One markdown document: the pack index followed by every process."""
    refuse_single_file_target(path, PACK_MARKER + "\n", "--single-file")
    anchors = {doc.id: f"#{doc.id}" for doc in documents}
    parts = [build_index(documents, anchors, readiness, generated)]
    for doc in documents:
        heading = escape_heading_text(doc.title)
        part = f'<a id="{doc.id}"></a>\n\n## {heading}\n\n{_facts(doc)}\n\n{process_body(doc)}'
        parts.append(part.rstrip())
    text = "\n\n---\n\n".join(parts) + "\n"
    return write_single_file(path, guard_credentials({path.name: text}, allow_secrets)[path.name])


def refuse_single_file_target(path: Path, opening: str, option: str) -> None:
    """A one-file pack replaces only a file an earlier export wrote (it opens with
    ``opening``): never a folder, never anything else."""
    if path.is_dir():
        raise KtwError(f"{path} is a folder; give a file name for {option}")
    if os.path.lexists(path) and not starts_with(path, opening):
        raise KtwError(f"{path} already exists and is not a handover pack; choose a new file name")


def write_single_file(path: Path, text: str) -> PackResult:
    """Write a one-file pack whole or not at all, a failure said in one line."""
    with write_errors(path):
        remove_orphan_files(path)
        write_atomically(path, text)
    return PackResult(path, (path,))


def process_body(doc: ProcessDocument) -> str:
    """A process's markdown as one part of a longer document: no front matter (the facts
    are shown apart), no title heading (the part has its own), every heading a level down."""
    body = render_document(doc)
    _, _, rest = body.partition("\n---\n")
    heading = escape_heading_text(doc.title)
    rest = rest.lstrip("\n").replace(f"# {heading}\n", "", 1)
    return _demote_headings(rest).rstrip()


@contextmanager
def write_errors(target: Path) -> Iterator[None]:
    """A failed write (permissions, a full disk, a path the system refuses) as one line."""
    try:
        yield
    except OSError as error:
        reason = error.strerror or str(error)
        raise KtwError(
            f"cannot write the pack to {target}: {reason}; nothing was changed"
        ) from None


def _demote_headings(text: str) -> str:
    """Push every real heading one level down (code blocks are left alone)."""
    lines = text.split("\n")
    for block in top_level_blocks(text):
        if block.kind == "heading" and lines[block.start].lstrip().startswith("#"):
            lines[block.start] = "#" + lines[block.start].lstrip()
    return "\n".join(lines)


def _facts(doc: ProcessDocument) -> str:
    return "\n".join(f"- {name}: {value}" for name, value in process_facts(doc))


def process_facts(doc: ProcessDocument) -> list[tuple[str, str]]:
    """What a reader of a pack wants first about a process, the empty ones left out."""
    facts = [
        ("Owner", doc.owner),
        ("Team", doc.team),
        ("Status", doc.status),
        ("Channels", ", ".join(doc.channels)),
        ("Volume / month", "" if doc.volume_per_month is None else str(doc.volume_per_month)),
        ("Last reviewed", doc.last_reviewed.isoformat() if doc.last_reviewed else ""),
    ]
    return [(name, value) for name, value in facts if value]


def starts_with(path: Path, opening: str) -> bool:
    """Whether ``path`` is a regular file (never a device or a pipe, which could block or
    never end) that opens with ``opening``."""
    expected = opening.encode()
    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            return False
        with path.open("rb") as stream:
            head = stream.read(len(expected))
    except OSError:
        return False
    return head == expected
