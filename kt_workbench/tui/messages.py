"""Messages workers send back to the UI thread."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from kt_workbench.checker import ProcessReport
from kt_workbench.library import LibrarySnapshot
from kt_workbench.model import ProcessDocument


class LibraryLoaded(Message):
    def __init__(self, snapshot: LibrarySnapshot) -> None:
        super().__init__()
        self.snapshot = snapshot


@dataclass
class DraftChecked(Message):
    """The editor's current text, parsed and checked; ``error`` when it does not parse."""

    document: ProcessDocument | None
    report: ProcessReport | None
    error: str | None
    generation: int


class LibraryChanged(Message):
    """Something was saved, deleted or imported: views should reload."""
