"""Plain values the store takes and hands out besides documents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from kt_workbench.model import ProcessDocument, Status


@dataclass(frozen=True)
class ProcessSummary:
    """A process as listed: enough to show and sort without loading the whole document."""

    id: str
    title: str
    team: str
    owner: str
    status: Status
    version: int
    updated_at: dt.datetime  # UTC, timezone-aware


@dataclass(frozen=True)
class StoreChange:
    """A committed change. ``document`` is the saved document, or ``None`` for a deletion."""

    kind: Literal["saved", "deleted"]
    id: str
    document: ProcessDocument | None


@dataclass(frozen=True)
class RevisionInfo:
    """One saved version of a process: who saved it and when. The content is ``revision()``."""

    process_id: str
    version: int
    saved_at: dt.datetime  # UTC, timezone-aware
    author: str  # "" when unknown (versions saved before history was kept)


@dataclass(frozen=True)
class SignOff:
    """Someone's approval of one version of a process."""

    process_id: str
    version: int
    signed_by: str
    signed_at: dt.datetime  # UTC, timezone-aware
    note: str
    latest_version: int  # the process's newest version when this record was read

    @property
    def is_latest(self) -> bool:
        """False once the process has been saved again after the signed-off version."""
        return self.version == self.latest_version


@dataclass(frozen=True)
class PackRecord:
    """A handover pack given to a recipient: the version of every process it now holds."""

    recipient: str
    number: int  # 1 for the recipient's first pack, then 2, 3...
    created_at: dt.datetime  # UTC, timezone-aware
    author: str
    versions: dict[str, int]


def revision_markdown(document: ProcessDocument) -> str:
    """The canonical markdown a save records as the document's revision."""
    from kt_workbench.markdown import render_document

    return render_document(document, diagram=False)


@dataclass(frozen=True)
class RenderedDocument:
    """A document with its ``revision_markdown``, rendered where the document was read (an
    import's worker processes) so that saving it need not render it again. Build it only
    with ``rendered``, which renders exactly what a save of the document would."""

    document: ProcessDocument
    markdown: str


def rendered(document: ProcessDocument) -> RenderedDocument:
    return RenderedDocument(document, revision_markdown(document))
