"""Overview: purpose, ownership, freshness and the facts that decide staffing."""

from __future__ import annotations

import datetime as dt

from kt_workbench.checker.run import CheckRun
from kt_workbench.checker.text import is_blank
from kt_workbench.model import ProcessDocument


def check(run: CheckRun) -> None:
    doc = run.doc
    if is_blank(doc.purpose):
        run.emit("KT101", "purpose", "the process has no purpose")
    if is_blank(doc.owner):
        run.emit("KT102", "front matter", "no owner is named")
    if is_blank(doc.team):
        run.emit("KT103", "front matter", "no team is named")
    if doc.status != "approved":
        run.emit(
            "KT104",
            "front matter",
            f"the status is {doc.status}, not approved",
            share=1.0 if doc.status == "draft" else 0.5,
        )
    due = doc.review_due()  # None also for an interval past the end of the calendar
    if due is None and (doc.last_reviewed is None or doc.review_every_days is None):
        missing = [
            name
            for name, value in (
                ("last_reviewed", doc.last_reviewed),
                ("review_every_days", doc.review_every_days),
            )
            if value is None
        ]
        run.emit("KT106", "front matter", f"no {' and no '.join(missing)}")
    elif due is not None and due < run.today:
        # The due date, not a count of days since: the finding stays the same from the day
        # after the due date on, so a cached report outlives the day it was made on.
        run.emit(
            "KT105",
            "front matter",
            f"last reviewed {doc.last_reviewed}, every {doc.review_every_days} days: "
            f"the review was due {due}",
        )
    if doc.volume_per_month is None:
        run.emit("KT107", "front matter", "no volume_per_month")
    if not doc.channels:
        run.emit("KT108", "front matter", "no channels")


def same_report_until(doc: ProcessDocument, today: dt.date) -> dt.date:
    """The last day on which ``doc``'s report is the one it has ``today``: the only finding
    that depends on the day is an overdue review (KT105, above), which appears the day after
    the review is due and stays as it is from then on. Caches of reports use it instead of
    throwing every report away at midnight."""
    due = doc.review_due()
    if due is None or due < today:
        return dt.date.max
    return due
