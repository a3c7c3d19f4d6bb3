"""Ids for imported files: from the title or the file name where a file gives none, and
unique within one import (qualified by the file's folders where two files share one)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from kt_workbench.errors import InputError, KtwError
from kt_workbench.markdown.parser import derive_id
from kt_workbench.model import ProcessDocument
from kt_workbench.model.identifiers import qualified, slugify, title_slug

if TYPE_CHECKING:
    from kt_workbench.importing import LoadedFile, Source


def file_id(document: ProcessDocument, path: Path) -> tuple[ProcessDocument, str]:
    """An id for a file without one: the title's slug when it says what the title says,
    else the file name's, else a hash of the title."""
    slug = title_slug(document.title)
    if slug:
        return replace(document, id=slug), "title"
    slug = name_slug(path)
    if slug:
        return replace(document, id=slug), "file name"
    return replace(document, id=derive_id(document.title)), "title hash"


def name_slug(path: Path) -> str:
    name = path.stem if path.stem.lower() not in ("index", "_index", "readme") else ""
    return slugify(name or path.parent.name)


def unique_ids(
    read: list[tuple[Source, LoadedFile, bool]], problems: list[KtwError]
) -> list[LoadedFile]:
    """Make ids unique within the import: ids the files did not give themselves are qualified
    by their folder path; two files giving the same id in our format are an error."""
    given: dict[str, Path] = {}
    for _, item, id_given in read:
        if not id_given:
            continue
        if item.document.id in given:
            adopted = item.report is not None and item.report.mode == "adopted"
            if not adopted:
                problems.append(
                    InputError(
                        str(item.path),
                        None,
                        f"id '{item.document.id}' is also used by {given[item.document.id]}",
                    )
                )
                continue
        given.setdefault(item.document.id, item.path)
    counts = Counter(item.document.id for _, item, _ in read)
    taken = set(counts)
    result: list[LoadedFile] = []
    seen_given: set[str] = set()
    for source, item, id_given in read:
        document, report = item.document, item.report
        clash = counts[document.id] > 1 and not (id_given and document.id not in seen_given)
        if id_given:
            seen_given.add(document.id)
            if clash and (report is None or report.mode != "adopted"):
                continue  # reported above
        if clash:
            new_id = _qualify(document.id, source, taken, id_given)
            taken.add(new_id)
            if report is not None:
                report.review.append(
                    f"id '{document.id}' is used by another file: this one is '{new_id}'"
                )
                report.id = new_id
            document = replace(document, id=new_id)
        # The markdown rendered while reading names the old id: the save renders it anew.
        markdown = item.markdown if document is item.document else None
        result.append(replace(item, document=document, report=report, markdown=markdown))
    return result


def _qualify(process_id: str, source: Source, taken: set[str], id_given: bool) -> str:
    """A free id for a file whose id another file has: its file name's when that is free
    and the id was not written in the file, else the id qualified by its folders."""
    name = name_slug(source.path)
    if not id_given and name and name != process_id and name not in taken:
        return name
    try:
        folders = source.path.parent.resolve().relative_to(source.root.resolve()).parts
    except ValueError:
        folders = ()
    if not folders:
        folders = (source.path.parent.resolve().name,)
    for depth in range(1, len(folders) + 1):
        candidate = qualified(process_id, "-".join(folders[-depth:]))
        if candidate not in taken:
            return candidate
    number = 2
    while f"{process_id}-{number}" in taken:
        number += 1
    return f"{process_id}-{number}"[-120:].lstrip("-")
