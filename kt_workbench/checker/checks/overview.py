"""Overview: purpose, ownership, freshness and the facts that decide staffing."""

from __future__ import annotations

import datetime as dt

from kt_workbench.checker.run import CheckRun
from kt_workbench.checker.text import is_blank


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
    try:
        due = doc.review_due()
    except OverflowError:  # an interval that ends after 9999-12-31 is never overdue
        due = dt.date.max
    if due is None:
        missing = [
            name
            for name, value in (
                ("last_reviewed", doc.last_reviewed),
                ("review_every_days", doc.review_every_days),
            )
            if value is None
        ]
        run.emit("KT106", "front matter", f"no {' and no '.join(missing)}")
    elif due < run.today:
        days = (run.today - due).days
        run.emit(
            "KT105",
            "front matter",
            f"last reviewed {doc.last_reviewed}, every {doc.review_every_days} days: "
            f"the review was due {due} ({days} days ago)",
        )
    if doc.volume_per_month is None:
        run.emit("KT107", "front matter", "no volume_per_month")
    if not doc.channels:
        run.emit("KT108", "front matter", "no channels")
