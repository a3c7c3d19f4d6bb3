"""Plain values the store hands out besides documents."""

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
