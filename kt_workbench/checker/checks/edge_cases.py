"""Edge cases: enough of them, each complete, escalating to someone the agent can reach."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz, process

from kt_workbench.checker.run import CheckRun
from kt_workbench.checker.text import is_blank

# "Escalate to: none" is a decision, not a gap.
_NO_ESCALATION = re.compile(
    r"^\s*(?:none|nobody|no one|no escalation(?: needed)?|not needed)\s*\.?\s*$", re.IGNORECASE
)
# For targets that name no contact word for word: how similar the whole names must be to
# count as a typo ("Billing specalist") rather than another role ("Product quality manager"
# is not "Product care manager").
CONTACT_MATCH_SCORE = 90


def check(run: CheckRun) -> None:
    cases = run.doc.edge_cases
    count = len(cases)
    minimum = run.config.min_edge_cases
    if count < minimum:
        noun = "edge case" if count == 1 else "edge cases"
        run.emit(
            "KT601",
            "edge cases",
            f"the process has {count} {noun}; at least {minimum} expected",
            share=(minimum - count) / minimum,
        )
    contacts = [value for contact in run.doc.contacts for value in (contact.role, contact.name)]
    for index, case in enumerate(cases, start=1):
        location = f"edge case: {case.title}"
        order = (index,)
        missing = [
            label
            for label, value in (
                ("When", case.when),
                ("Handle", case.handle),
                ("Escalate to", case.escalate_to),
            )
            if is_blank(value)
        ]
        if missing:
            run.emit("KT602", location, f"no {', no '.join(missing)}", order=order)
        target = unreachable_escalation(case.escalate_to, contacts)
        if target is not None:
            run.emit(
                "KT603",
                location,
                f"escalates to '{target}', who is not in Escalation contacts",
                order=order,
            )
    for field, phrase in run.vague_wording:
        if field.kind == "handling":
            run.emit("KT604", field.location, f'vague handling "{phrase}"', order=field.order)


_NON_WORD = re.compile(r"[^\w]+")


def unreachable_escalation(escalate_to: str, contacts: Iterable[str]) -> str | None:
    """An edge case's "Escalate to" as written (spaces collapsed) when it names none of
    ``contacts`` (the escalation contacts' roles, and names where known); None when it names
    one, is blank (a gap of its own) or says no escalation is needed ("none").

    The checker (KT603) and the editor's edge-case form judge the same way through this.
    """
    target = " ".join(escalate_to.split())
    if is_blank(target) or _NO_ESCALATION.match(target):
        return None
    known = [words for words in map(_words, contacts) if words]
    return None if _is_contact(_words(target), known) else target


@lru_cache(maxsize=4096)
def _words(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


def _is_contact(target: str, contacts: list[str]) -> bool:
    """The target names a contact's role or name word for word ("the Team lead (Sam Ortiz)"
    names "Team lead"), is part of one ("Supervisor" of "Shift supervisor"), or is a close
    misspelling of one."""
    padded = f" {target} "
    for contact in contacts:
        if f" {contact} " in padded or padded in f" {contact} ":
            return True
    return (
        process.extractOne(target, contacts, scorer=fuzz.ratio, score_cutoff=CONTACT_MATCH_SCORE)
        is not None
    )
