"""Items that still hold the new-process template's example text (KT011)."""

from __future__ import annotations

from kt_workbench.checker.run import CheckRun
from kt_workbench.structured.templates import template_leftovers


def check(run: CheckRun) -> None:
    if not run.enabled("KT011"):
        return
    for section, location, position in template_leftovers(run.doc):
        run.emit(
            "KT011",
            location,
            f"{location} is still the template's example",
            section=section,
            order=(position,),
        )
