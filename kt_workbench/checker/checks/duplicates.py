"""Near-duplicates of this process elsewhere in the library."""

from __future__ import annotations

from kt_workbench.checker.checks.security import redact
from kt_workbench.checker.duplicates import DuplicateMatch
from kt_workbench.checker.run import CheckRun


def check(run: CheckRun) -> list[DuplicateMatch]:
    if not run.enabled("KT020"):
        return []
    matches = run.context.duplicates.matches(run.doc, run.config.duplicate_similarity)
    for match in matches:
        title = redact(run.context.titles.get(match.other_id, match.other_id))
        run.emit(
            "KT020",
            "title",
            f"looks like a duplicate of {match.other_id} ('{title}'): titles "
            f"{match.title_similarity}% and {match.basis} {match.steps_similarity}% similar",
            order=(-1,),
        )
    return matches
