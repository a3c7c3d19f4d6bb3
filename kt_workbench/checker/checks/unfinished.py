"""TBD, TODO, FIXME and ??? anywhere in the document, reported in the section they are in."""

from __future__ import annotations

from kt_workbench.checker.run import CheckRun
from kt_workbench.checker.text import is_blank
from kt_workbench.checker.vocabulary import UNFINISHED, UNFINISHED_WORDS


def check(run: CheckRun) -> None:
    if not run.enabled("KT010"):
        return
    joined = run.joined
    searched = joined.lower if joined.lower is not None else joined.text.lower()
    if not any(word in searched for word in UNFINISHED_WORDS):
        return  # the usual case, found with fast substring searches instead of the regex
    seen: set[tuple[str, str]] = set()
    # Code is not prose: "add `TODO` notes" is an instruction; "??? note" opens a box.
    for match in UNFINISHED.finditer(run.masked_text):
        field = joined.field_at(match.start())
        # "Baseline: TBD" is already reported as a missing baseline by the metrics rules.
        if field.judged and is_blank(field.text):
            continue
        marker = match.group()
        if (field.location, marker.upper()) in seen:
            continue
        seen.add((field.location, marker.upper()))
        run.emit(
            "KT010",
            field.location,
            f'unfinished marker "{marker}" in {field.location}',
            section=field.section,
            order=field.order,
            quote=marker,
        )
