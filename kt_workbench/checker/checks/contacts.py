"""Escalation contacts: at least one, each reachable (a channel) at known times (hours)."""

from __future__ import annotations

from kt_workbench.checker.run import CheckRun
from kt_workbench.checker.text import is_blank


def check(run: CheckRun) -> None:
    contacts = run.doc.contacts
    if not contacts:
        run.emit("KT801", "escalation contacts", "the process has no escalation contacts")
        return
    for index, contact in enumerate(contacts, start=1):
        missing = [
            label
            for label, value in (("channel", contact.channel), ("hours", contact.hours))
            if is_blank(value)
        ]
        if missing:
            who = contact.role or contact.name or "(no role)"
            run.emit(
                "KT802",
                f"contact row {index}",
                f"{who}: no {' and no '.join(missing)}",
                order=(index,),
            )
