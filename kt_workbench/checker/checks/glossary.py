"""Glossary: every acronym used anywhere is defined in some process's glossary."""

from __future__ import annotations

from kt_workbench.checker.run import CheckRun
from kt_workbench.checker.text import is_blank
from kt_workbench.checker.vocabulary import ACRONYM_STOP_LIST, find_acronyms, glossary_key

# Three or more capitalised words in a row are shouting ("DO NOT REFUND"), not acronyms.
_SHOUTING_RUN = 3


def check(run: CheckRun) -> None:
    _acronyms(run)
    entries = run.doc.glossary
    for index, entry in enumerate(entries, start=1):
        if is_blank(entry.meaning):
            run.emit(
                "KT902",
                f"glossary: {entry.term}",
                f"{entry.term} has no meaning",
                order=(1, index),
            )


def _acronyms(run: CheckRun) -> None:
    if not run.enabled("KT901"):
        return
    joined = run.joined
    # Code spans, links and credentials are not prose: never name what is inside them.
    text = run.masked_text
    candidates = find_acronyms(text)
    first: dict[str, tuple[int, str]] = {}
    counts: dict[str, int] = {}
    for start, end in _without_shouting(text, candidates):
        acronym = text[start:end]
        if acronym in ACRONYM_STOP_LIST or joined.field_at(start).definition:
            continue
        key = glossary_key(acronym)
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, (start, acronym))
    undefined = [
        (offset, acronym, key)
        for key, (offset, acronym) in first.items()
        if key not in run.own_terms and not run.context.defined_elsewhere(key, run.doc.id)
    ]
    if undefined:
        # "PLEASE", "THEN", "ADD": an ordinary word the document (or another document of
        # the library) also writes in lower case is emphasis, not an acronym.
        words = run.context.lower_case_words_for(run.doc)
        undefined = [item for item in undefined if item[1].rstrip("s").lower() not in words]
    for offset, acronym, key in sorted(undefined):
        field = joined.field_at(offset)
        uses = counts[key]
        run.emit(
            "KT901",
            field.location,
            f"{acronym} is used {uses} time{'s' if uses > 1 else ''} but defined in no glossary",
            order=(0, offset),
            quote=acronym,
        )


def _without_shouting(text: str, candidates: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop runs of capitalised words separated only by spaces, such as "DO NOT REFUND"."""
    kept: list[tuple[int, int]] = []
    run_start = 0
    for index in range(1, len(candidates) + 1):
        continues = index < len(candidates) and _only_spaces(
            text[candidates[index - 1][1] : candidates[index][0]]
        )
        if continues:
            continue
        if index - run_start < _SHOUTING_RUN:
            kept.extend(candidates[run_start:index])
        run_start = index
    return kept


def _only_spaces(gap: str) -> bool:
    return bool(gap) and not gap.strip(" \t")
