"""Reading process files from disk: every problem reported, nothing stored unless all are good.

Files are judged before they are read whole: a bounded prefix tells a binary file, and a file
larger than the limit is refused from its size. Folders are walked with every unreadable
subfolder reported as an error rather than skipped. Each file gets an id that is unique
within the import, and an import report says what each file became.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kt_workbench.adopting import category_label, nav_titles, read_adopting, title_from_path
from kt_workbench.bulk_work import fewer_collections
from kt_workbench.converting import CONVERTED_SUFFIXES
from kt_workbench.errors import InputError, KtwError
from kt_workbench.file_reading import MAX_FILE_BYTES, PREFIX_BYTES, read_bytes, read_text
from kt_workbench.import_ids import file_id, unique_ids
from kt_workbench.import_modes import Mode
from kt_workbench.import_report import FileReport, describe
from kt_workbench.markdown.parser import DEFAULT_OPTIONS, ParseOptions
from kt_workbench.model import ProcessDocument
from kt_workbench.store.records import RenderedDocument, revision_markdown

if TYPE_CHECKING:
    from kt_workbench.converting import Converted

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
IMPORT_SUFFIXES = MARKDOWN_SUFFIXES | CONVERTED_SUFFIXES


class ImportErrors(KtwError):
    """Several files were bad: one ``FILE:LINE: message`` line for each."""

    def __init__(self, errors: Sequence[KtwError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


@dataclass(frozen=True)
class LoadedFile:
    """``markdown``: the document's revision markdown when the import was asked to render it
    (``ImportOptions.render``), else ``None``."""

    path: Path
    document: ProcessDocument
    report: FileReport | None = None
    markdown: str | None = None


@dataclass(frozen=True)
class ImportOptions:
    """``mode``: strict, adopt or auto (see ``adopting``); ``parse``: headings to recognise;
    ``max_file_bytes``: the largest file read; ``render``: also render each document's
    revision markdown while reading (in the worker processes of a large import), for a save
    that follows (see ``to_store``)."""

    mode: Mode = "auto"
    parse: ParseOptions = DEFAULT_OPTIONS
    max_file_bytes: int = MAX_FILE_BYTES
    suffixes: frozenset[str] = IMPORT_SUFFIXES
    render: bool = False


DEFAULT_IMPORT = ImportOptions()


@dataclass(frozen=True)
class Source:
    """A file to import and the folder it was found under (itself when given as a file)."""

    path: Path
    root: Path


def collect_sources(paths: Iterable[Path], suffixes: frozenset[str]) -> list[Source]:
    """Files as given, and files with a known suffix found in folders, in a stable order.

    Hidden folders (``.git``) are not searched; a folder that cannot be read is an error.
    """
    found: list[Source] = []
    problems: list[KtwError] = []
    for path in paths:
        if path.is_dir():
            in_folder = _walk(path, suffixes, problems)
            if not in_folder and not problems:
                wanted = ", ".join(sorted(suffixes))
                problems.append(KtwError(f"{path}: no {wanted} files in this folder"))
            found.extend(Source(file, path) for file in in_folder)
        elif path.is_file():
            found.append(Source(path, path.parent))
        else:
            problems.append(KtwError(f"{path}: no such file or folder"))
    if problems:
        raise ImportErrors(problems)
    unique: dict[Path, Source] = {}
    for source in found:
        unique.setdefault(source.path.resolve(), source)
    return list(unique.values())


def _walk(folder: Path, suffixes: frozenset[str], problems: list[KtwError]) -> list[Path]:
    def failed(error: OSError) -> None:
        where = error.filename or folder
        problems.append(KtwError(f"{where}: cannot read folder: {error.strerror}"))

    files: list[Path] = []
    for directory, subfolders, names in os.walk(folder, onerror=failed):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in names:
            path = Path(directory, name)
            if path.suffix.lower() in suffixes and path.is_file():
                files.append(path)
    return sorted(files)


def collect_markdown_files(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and markdown files found recursively in folders, in a stable order."""
    return [source.path for source in collect_sources(paths, MARKDOWN_SUFFIXES)]


def read_document(path: Path) -> ProcessDocument:
    """Parse one file strictly. Raises ``InputError`` naming the file (and line)."""
    from kt_workbench.markdown import parse_document

    return parse_document(read_text(path), str(path))


Progress = Callable[[int], None]


def load_files(
    paths: Iterable[Path],
    options: ImportOptions = DEFAULT_IMPORT,
    progress: Progress | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> list[LoadedFile]:
    """Parse every file; raise ``ImportErrors`` listing all problems if any file is bad.

    ``progress`` is called with the number of files read after each one. ``meanwhile`` is
    called once, while worker processes are reading a large import (else before reading):
    work of the caller's own that can overlap the reading, such as importing the store.
    """
    sources = collect_sources(paths, options.suffixes)
    navs = {root: nav_titles(root.resolve()) for root in {source.root for source in sources}}
    read: list[tuple[Source, LoadedFile, bool]] = []
    problems: list[KtwError] = []
    with fewer_collections():
        for outcome in _read_all(sources, options, navs, progress, meanwhile):
            if isinstance(outcome, InputError):
                problems.append(outcome)
            else:
                read.append(outcome)
        loaded = unique_ids(read, problems)
    if problems:
        raise ImportErrors(problems)
    return loaded


def to_store(loaded: Sequence[LoadedFile]) -> list[ProcessDocument | RenderedDocument]:
    """What ``ProcessStore.save_many`` takes: each document with the markdown rendered while
    reading, where there is one, so saving does not render it again."""
    return [
        item.document if item.markdown is None else RenderedDocument(item.document, item.markdown)
        for item in loaded
    ]


Outcome = tuple[Source, LoadedFile, bool] | InputError
# Below this many files a second process costs more than it saves.
_PARALLEL_FROM = 200
_CHUNK = 32


def _read_all(
    sources: list[Source],
    options: ImportOptions,
    navs: dict[Path, dict[Path, str]],
    progress: Progress | None,
    meanwhile: Callable[[], object] | None = None,
) -> list[Outcome]:
    """Every file read, in order: in worker processes when there are many and cores to spare
    (parsing is pure Python, so threads would not help)."""
    workers = spare_workers() if len(sources) >= _PARALLEL_FROM else 1
    if workers < 2:
        if meanwhile is not None:
            meanwhile()
        outcomes = []
        for count, source in enumerate(sources, start=1):
            outcomes.append(_outcome(source, options, navs))
            if progress is not None:
                progress(count)
        return outcomes
    chunks = [sources[start : start + _CHUNK] for start in range(0, len(sources), _CHUNK)]
    results: dict[int, list[Outcome]] = {}

    def finished(index: int, outcomes: list[Outcome]) -> None:
        results[index] = outcomes
        if progress is not None:
            progress(sum(len(done) for done in results.values()))

    # This process reads too instead of waiting, and what it reads is never pickled: the
    # pool is kept one chunk ahead per process, and this process takes the next chunk
    # whenever it is free.
    upcoming = iter(enumerate(chunks))
    pending: dict[Future[list[object]], int] = {}
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers - 1, mp_context=context) as pool:

        def keep_pool_busy(ahead: int = 2) -> None:
            while len(pending) < ahead * (workers - 1):
                following = next(upcoming, None)
                if following is None:
                    return
                pending[pool.submit(_read_chunk, following[1], options, navs)] = following[0]

        def collect(futures: Iterable[Future[list[object]]]) -> None:
            for future in futures:
                finished(pending.pop(future), [_revive(item) for item in future.result()])

        if meanwhile is not None:
            # Enough queued that the workers stay busy while this process does the caller's
            # work (forking is over once the first chunk is submitted, so it may import).
            keep_pool_busy(ahead=max(2, len(chunks) // (4 * (workers - 1))))
            meanwhile()
        keep_pool_busy()
        for index, chunk in upcoming:
            finished(index, [_outcome(source, options, navs) for source in chunk])
            collect([future for future in pending if future.done()])
            keep_pool_busy()
        collect(as_completed(list(pending)))
    return [outcome for index in range(len(chunks)) for outcome in results[index]]


def spare_workers() -> int:
    """Processes worth starting: cores idle now (at most four). On a machine whose cores are
    all taken, more processes only add their start-up and copying costs."""
    from kt_workbench.cores import idle_cores

    return max(1, min(4, int(idle_cores() + 0.5)))


def _outcome(source: Source, options: ImportOptions, navs: dict[Path, dict[Path, str]]) -> Outcome:
    try:
        return _load_one(source, options, navs)
    except InputError as error:
        return error


def _read_chunk(
    chunk: list[Source], options: ImportOptions, navs: dict[Path, dict[Path, str]]
) -> list[object]:
    # An InputError does not survive pickling (its constructor takes three values): send
    # its parts instead.
    sent: list[object] = []
    for source in chunk:
        outcome = _outcome(source, options, navs)
        if isinstance(outcome, InputError):
            sent.append(("error", outcome.source, outcome.line, outcome.problem))
        else:
            sent.append(outcome)
    return sent


def _revive(item: object) -> Outcome:
    if isinstance(item, tuple) and len(item) == 4 and item[0] == "error":
        return InputError(item[1], item[2], item[3])
    return item  # type: ignore[return-value]


def _load_one(
    source: Source, options: ImportOptions, navs: dict[Path, dict[Path, str]]
) -> tuple[Source, LoadedFile, bool]:
    path = source.path
    text, converted = _convert(path, options)
    nav = navs[source.root]
    # Resolving a path costs a system call per folder in it: only when there is a nav.
    resolved = path.resolve() if nav else path
    category = "" if resolved in nav else category_label(path)
    fallback = nav.get(resolved) or category or title_from_path(path)
    mode = options.mode if converted is None else "adopt"
    parsed, adoption = read_adopting(text, str(path), options.parse, mode, fallback)
    if converted is not None:
        kind = "Word" if path.suffix.lower() == ".docx" else "HTML"
        adoption.mode = f"converted from {kind}"
        adoption.notes.extend(converted.notes)
    document = parsed.document
    id_from = "front matter"
    if not parsed.id_given:
        document, id_from = file_id(document, path)
    title_from = parsed.title_source
    if title_from == "fallback":
        if adoption.title_from:
            title_from = adoption.title_from
        elif resolved in nav:
            title_from = "site navigation"
        else:
            title_from = "folder's _category_.json" if category else "file name"
    report = FileReport(
        path=str(path),
        id=document.id,
        id_from=id_from,
        title=document.title,
        title_from=title_from,
        mode=adoption.mode,
        review=list(adoption.notes),
    )
    if not document.steps and any(
        note.section == "procedure" for note in document.notes
    ):  # a procedure section with no numbered list: the steps are in its text
        report.review.append("procedure found but no numbered steps: kept as text")
    loaded = LoadedFile(path, document, describe(document, report), _rendered(document, options))
    return source, loaded, parsed.id_given


def _rendered(document: ProcessDocument, options: ImportOptions) -> str | None:
    if not options.render:
        return None
    try:
        return revision_markdown(document)
    except (TypeError, AttributeError, ValueError):
        return None  # the save renders it again and says what is wrong


def _convert(path: Path, options: ImportOptions) -> tuple[str, Converted | None]:
    """The markdown of a file: read as is, or converted from Word or HTML."""
    suffix = path.suffix.lower()
    if suffix not in CONVERTED_SUFFIXES:
        return read_text(path, options.max_file_bytes), None
    from kt_workbench.converting import convert_docx, convert_html
    from kt_workbench.converting.word_document import WordError

    data = read_bytes(path, options.max_file_bytes)
    vocabulary = options.parse.vocabulary
    if suffix == ".docx":
        try:
            converted = convert_docx(data, vocabulary)
        except WordError as error:
            raise InputError(str(path), None, str(error)) from None
    else:
        if b"\x00" in data[:PREFIX_BYTES]:
            raise InputError(str(path), None, "binary file, not an HTML document")
        converted = convert_html(data, vocabulary)
    return converted.markdown, converted


def summary(loaded: Sequence[LoadedFile]) -> dict[str, int]:
    reports = [item.report for item in loaded if item.report is not None]
    return {
        "files": len(loaded),
        "adopted": sum(1 for r in reports if r.mode == "adopted"),
        "steps": sum(r.steps for r in reports),
        "need_review": sum(1 for r in reports if r.needs_review),
        "new": sum(1 for r in reports if r.action == "add"),
        "replaced": sum(1 for r in reports if r.action == "replace"),
    }
