"""A library row as the cheap listing query reads it: shared by the SQLAlchemy reads
(``changes.listings``) and the light reader (``quick_read``), without SQLAlchemy."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kt_workbench.model import Status


@dataclass(frozen=True)
class ProcessListing:
    """What a library row shows and sorts on, read without loading the whole document."""

    id: str
    title: str
    team: str
    owner: str
    status: Status
    tags: tuple[str, ...]
    volume_per_month: int | None
    last_reviewed: dt.date | None
    review_every_days: int | None
    version: int


# Columns of the process table a listing reads, in ``listing_from_row``'s order.
LISTING_COLUMNS = (
    "id",
    "title",
    "team",
    "owner",
    "status",
    "tags",
    "volume_per_month",
    "last_reviewed",
    "review_every_days",
    "version",
)


def listing_from_row(row: Sequence[Any]) -> ProcessListing:
    pid, title, team, owner, status, tags, volume, reviewed, every, version = row
    try:
        tag_list = tuple(str(tag) for tag in json.loads(tags or "[]"))
    except (ValueError, TypeError):
        tag_list = ()  # a damaged tags column must not hide the process from the list
    return ProcessListing(
        pid, title, team, owner, status, tag_list, volume, reviewed, every, int(version)
    )
