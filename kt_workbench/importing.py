"""Reading process files from disk: every problem reported, nothing stored unless all are good."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kt_workbench.errors import InputError, KtwError
from kt_workbench.markdown import parse_document
from kt_workbench.model import ProcessDocument


class ImportErrors(KtwError):
    """Several files were bad: one ``FILE:LINE: message`` line for each."""

    def __init__(self, errors: Sequence[KtwError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


@dataclass(frozen=True)
class LoadedFile:
    path: Path
    document: ProcessDocument


def collect_markdown_files(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and ``*.md`` files found recursively in folders, in a stable order."""
    found: list[Path] = []
    problems: list[KtwError] = []
    for path in paths:
        if path.is_dir():
            in_folder = sorted(p for p in path.rglob("*.md") if p.is_file())
            if not in_folder:
                problems.append(KtwError(f"{path}: no .md files in this folder"))
            found.extend(in_folder)
        elif path.is_file():
            found.append(path)
        else:
            problems.append(KtwError(f"{path}: no such file or folder"))
    if problems:
        raise ImportErrors(problems)
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def read_document(path: Path) -> ProcessDocument:
    """Parse one file. Raises ``InputError`` naming the file (and line) for bad content."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(str(path), None, f"cannot read file: {error.strerror}") from None
    if b"\x00" in data[:8192]:
        raise InputError(str(path), None, "binary file, not a markdown document")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            str(path), line, f"not UTF-8 text (byte 0x{data[error.start]:02x}); save it as UTF-8"
        ) from None
    return parse_document(text, str(path))


def load_files(paths: Iterable[Path]) -> list[LoadedFile]:
    """Parse every file; raise ``ImportErrors`` listing all problems if any file is bad."""
    loaded: list[LoadedFile] = []
    problems: list[KtwError] = []
    first_seen: dict[str, Path] = {}
    for path in collect_markdown_files(paths):
        try:
            document = read_document(path)
        except InputError as error:
            problems.append(error)
            continue
        if document.id in first_seen:
            problems.append(
                InputError(
                    str(path), None, f"id '{document.id}' is also used by {first_seen[document.id]}"
                )
            )
            continue
        first_seen[document.id] = path
        loaded.append(LoadedFile(path, document))
    if problems:
        raise ImportErrors(problems)
    return loaded
