"""A procedure step as its form edits it: values typed into fields, what is wrong with them,
which field a finding is about, and the rows of the step list with the text between steps."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from kt_workbench.checker.secrets import find_secrets
from kt_workbench.checker.text import is_blank
from kt_workbench.checker.vocabulary import system_key, system_names
from kt_workbench.markdown.blocks import tidy_block
from kt_workbench.model import ProcessDocument, Step
from kt_workbench.structured.hints import EditingHints
from kt_workbench.structured.items import note_place
from kt_workbench.structured.sections import read_section, write_section

# The form's fields, in the order the form shows them, with their labels.
STEP_FIELDS: tuple[str, ...] = ("text", "role", "system", "done_when", "details")
FIELD_LABELS: dict[str, str] = {
    "text": "Action",
    "role": "Role",
    "system": "System",
    "done_when": "Done when",
    "details": "Details",
}
NO_ACCESS_RIGHT = "no access right for this system: add it on the Access tab"

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_STEP_LOCATION = re.compile(r"^step (\d+)$")
_QUOTED = re.compile(r"[\"'“‘]([^\"'”’]{2,})[\"'”’]")
_ROLE = re.compile(r"\brole\b")
_TERM_USED = re.compile(r"^(.+?) is used \d+ times?\b")
# The fields a quoted phrase or a term is looked for in, most likely first.
_TEXT_FIELDS = ("text", "details", "role", "system", "done_when")


def single_line(value: str) -> str:
    """A single-line field as the format carries it: line breaks become spaces, no NULs, no
    whitespace at either end (docs/format.md, "Text fields")."""
    return _LINE_BREAK.sub(" ", value.replace("\x00", "")).strip()


def step_from_form(values: Mapping[str, str]) -> Step:
    """The step the form's fields stand for, as the procedure's text carries it (missing
    fields are empty).

    Typed text is tidied as the reader tidies it, so the step written is the step read back:
    a field of nothing but ASCII spaces is empty, for instance, while other characters
    (Unicode spaces, control characters) are kept in the details as the file keeps them.
    """
    details = _LINE_BREAK.sub("\n", values.get("details", "").replace("\x00", ""))
    step = Step(
        text=single_line(values.get("text", "")),
        role=single_line(values.get("role", "")),
        system=single_line(values.get("system", "")),
        done_when=single_line(values.get("done_when", "")),
        details=tidy_block(details),
    )
    return carried(step)


def form_values(step: Step) -> dict[str, str]:
    return {name: getattr(step, name) for name in STEP_FIELDS}


def carried(step: Step) -> Step:
    """The step as the procedure's text reads back after writing it."""
    document = ProcessDocument(id="step", title="Step", steps=(step,))
    again = read_section("procedure", write_section("procedure", document)).steps
    return again[0] if len(again) == 1 else step


def missing_access(system: str, access_systems: Iterable[str]) -> list[str]:
    """The systems a System field names that no access right of the process grants.

    Compared as the checker compares them: case, spacing and emphasis aside, and an access
    row for ``Zendesk, Stripe`` grants both.
    """
    granted = {system_key(name) for row in access_systems for name in system_names(row)}
    return [name for name in system_names(system) if system_key(name) not in granted]


def step_problems(step: Step, hints: EditingHints) -> dict[str, str]:
    """What to say next to each field of the step, by field name; empty when all is well."""
    problems: dict[str, str] = {}
    if not step.text:
        problems["text"] = "no action yet: what does the agent do in this step?"
    if is_blank(step.role):
        problems["role"] = "no role yet: who does this step?"
    missing = missing_access(step.system, hints.access_systems)
    if len(missing) == 1 and len(system_names(step.system)) == 1:
        problems["system"] = NO_ACCESS_RIGHT
    elif missing:
        problems["system"] = (
            f"no access right for {', '.join(missing)}: add {'it' if len(missing) == 1 else 'them'}"
            " on the Access tab"
        )
    if is_blank(step.done_when):
        problems["done_when"] = "no Done when yet: how does the agent know the step is done?"
    return problems


def _unique(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    unique: list[str] = []
    for value in values:
        key = " ".join(value.split()).casefold()
        if key and key not in seen:
            seen.add(key)
            unique.append(value.strip())
    return unique


def role_suggestions(hints: EditingHints) -> list[str]:
    """Roles used in the library, then the escalation contacts' roles."""
    return _unique((*hints.roles, *hints.contact_roles))


def system_suggestions(hints: EditingHints) -> list[str]:
    """Systems this process grants access to, then those used in the library."""
    return _unique((*hints.access_systems, *hints.systems))


def step_number(location: str) -> int | None:
    """The step a finding's location names (``step 4`` → 4), or None."""
    match = _STEP_LOCATION.match(location.strip().casefold())
    return int(match.group(1)) if match else None


def field_for_finding(step: Step, message: str) -> str:
    """The field of the step a finding's message is about (the action when it says nothing
    more precise): the field it names, or the one holding the phrase, term or credential
    the message speaks of."""
    words = message.casefold()
    if "done when" in words:
        return "done_when"
    if "system" in words or "access right" in words:
        return "system"
    if _ROLE.search(words):
        return "role"
    if " is written in " in words:  # a credential, whose value the message never shows
        holding = [name for name in _TEXT_FIELDS if find_secrets(getattr(step, name))]
        return holding[0] if holding else "text"
    term = _TERM_USED.match(message)
    for phrase in [*_QUOTED.findall(message), *([term.group(1)] if term else [])]:
        needle = phrase.casefold()
        for name in _TEXT_FIELDS:
            if needle in getattr(step, name).casefold():
                return name
    if "sentence" in words and len(step.details.split()) > len(step.text.split()):
        return "details"
    return "text"


@dataclass(frozen=True)
class ProcedureRow:
    """One row of the step list: a step (``index`` into the steps) or text kept between
    steps (``index`` into the notes), where the renderer writes it."""

    kind: Literal["step", "text"]
    index: int
    number: int = 0  # the step's number, from 1; for text, the steps before it


def procedure_rows(document: ProcessDocument) -> list[ProcedureRow]:
    """Steps and the text between them, in the order the section's text has them."""
    by_place: dict[int, list[int]] = {}
    for index, note in enumerate(document.notes):
        if note.section == "procedure" and note.text:
            by_place.setdefault(note_place(document, note), []).append(index)
    rows: list[ProcedureRow] = []
    for place in range(len(document.steps) + 1):
        rows.extend(ProcedureRow("text", index, place) for index in by_place.get(place, ()))
        if place < len(document.steps):
            rows.append(ProcedureRow("step", place, place + 1))
    return rows
