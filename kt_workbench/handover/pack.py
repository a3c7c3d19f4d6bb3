"""Writing a handover pack folder or a single-file pack, refusing to clobber anything else."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from kt_workbench.errors import KtwError
from kt_workbench.handover.files import inside, safe_file_stem, write_atomically
from kt_workbench.handover.index import PACK_MARKER, Readiness, build_index
from kt_workbench.markdown import render_document
from kt_workbench.markdown.blocks import top_level_blocks
from kt_workbench.markdown.escaping import escape_heading_text
from kt_workbench.model import ProcessDocument

MANIFEST = ".ktw-pack"
PACK_FORMAT = 1


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
) -> PackResult:
    """Write ``folder/README.md`` and ``folder/processes/<id>.md`` for every document."""
    if folder.exists() and not folder.is_dir():
        raise KtwError(f"{folder} is a file; give a folder for the pack (or use --single-file)")
    previous: list[str] = []
    if folder.is_dir() and any(folder.iterdir()):
        found = _previous_files(folder)
        if found is None:
            raise KtwError(
                f"{folder} is not empty and is not a handover pack; choose a new or empty folder"
            )
        previous = found
    names = process_file_names(documents)
    written: list[Path] = []
    for doc in documents:
        path = inside(folder, names[doc.id])
        write_atomically(path, render_document(doc))
        written.append(path)
    readme = inside(folder, "README.md")
    write_atomically(readme, build_index(documents, names, readiness, generated))
    written.append(readme)
    current = {"README.md", *names.values()}
    for stale in previous:
        if stale not in current and stale.startswith("processes/") and stale.endswith(".md"):
            inside(folder, stale).unlink(missing_ok=True)
    manifest = {"format": PACK_FORMAT, "files": sorted(current)}
    write_atomically(inside(folder, MANIFEST), json.dumps(manifest, indent=2) + "\n")
    return PackResult(folder, tuple(written))


def export_single_file(
    documents: Sequence[ProcessDocument],
    path: Path,
    readiness: Mapping[str, Readiness] | None = None,
    generated: dt.date | None = None,
) -> PackResult:
    """One markdown document: the pack index followed by every process."""
    if path.is_dir():
        raise KtwError(f"{path} is a folder; give a file name for --single-file")
    if path.exists() and not _is_single_file_pack(path):
        raise KtwError(f"{path} already exists and is not a handover pack; choose a new file name")
    anchors = {doc.id: f"#{doc.id}" for doc in documents}
    parts = [build_index(documents, anchors, readiness, generated)]
    for doc in documents:
        body = render_document(doc)
        # Front matter belongs to a stand-alone file; in one document each process starts at
        # its own heading, with an anchor the contents table links to.
        _, _, rest = body.partition("\n---\n")
        heading = escape_heading_text(doc.title)
        rest = rest.lstrip("\n").replace(f"# {heading}\n", "", 1)
        shifted = _demote_headings(rest)
        parts.append(
            f'<a id="{doc.id}"></a>\n\n## {heading}\n\n{_facts(doc)}\n\n{shifted}'.rstrip()
        )
    write_atomically(path, "\n\n---\n\n".join(parts) + "\n")
    return PackResult(path, (path,))


def _demote_headings(text: str) -> str:
    """Push every real heading one level down (code blocks are left alone)."""
    lines = text.split("\n")
    for block in top_level_blocks(text):
        if block.kind == "heading" and lines[block.start].lstrip().startswith("#"):
            lines[block.start] = "#" + lines[block.start].lstrip()
    return "\n".join(lines)


def _facts(doc: ProcessDocument) -> str:
    facts = [
        ("Owner", doc.owner),
        ("Team", doc.team),
        ("Status", doc.status),
        ("Channels", ", ".join(doc.channels)),
        ("Volume / month", "" if doc.volume_per_month is None else str(doc.volume_per_month)),
        ("Last reviewed", doc.last_reviewed.isoformat() if doc.last_reviewed else ""),
    ]
    return "\n".join(f"- {name}: {value}" for name, value in facts if value)


def _is_single_file_pack(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8") as stream:
            return stream.readline().strip() == PACK_MARKER
    except (OSError, UnicodeDecodeError):
        return False
