"""Access rights: every system the procedure uses, each row complete, none broader than needed."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process, utils

from kt_workbench.checker.run import CheckRun
from kt_workbench.checker.text import is_blank
from kt_workbench.checker.vocabulary import system_key, system_names

# Access levels that grant more than an agent's work needs. "No admin rights" is not one.
BROAD_ACCESS = re.compile(
    r"(?<!\bno )(?<!\bnot )(?<!\bwithout )(?<!\bnon-)"
    r"\b(?:(?:global |super[ -]?|system )?admin(?:istrator)?s?|super[ -]?users?|root|"
    r"full(?: (?:access|control|rights|permissions|admin))|unrestricted|all permissions|"
    r"god ?mode)\b|^\s*(?:full|owner|all)\s*$",
    re.IGNORECASE,
)
# How close a system's spelling must be to an access row's to be offered as the same system.
NEAR_MISS_SCORE = 85


def check(run: CheckRun) -> None:
    rows = run.doc.access_rights
    mentions = run.system_mentions
    if not rows and not mentions:
        run.emit(
            "KT504",
            "access rights",
            "no access rights are listed and no step names a system",
        )
    granted: dict[str, int] = {}
    for index, row in enumerate(rows, start=1):
        for name in system_names(row.system):
            granted.setdefault(system_key(name), index)
    spellings = {
        name: index for index, row in enumerate(rows, 1) for name in system_names(row.system)
    }
    for mention in mentions:
        if system_key(mention.name) in granted:
            continue
        location = f"step {mention.step}"
        order = (0, mention.step)
        closest = process.extractOne(
            mention.name,
            list(spellings),
            scorer=fuzz.WRatio,
            processor=utils.default_process,
            score_cutoff=NEAR_MISS_SCORE,
        )
        if closest is not None:
            row_name = closest[0]
            run.emit(
                "KT505",
                location,
                f"{mention.name} has no access right; did you mean {row_name} "
                f"(access row {spellings[row_name]})?",
                order=order,
                hint=f"Use one spelling: write '{row_name}' in the step, or rename the access row.",
            )
        else:
            run.emit(
                "KT501",
                location,
                f"{mention.name} is used in step {mention.step} but has no access right",
                order=order,
            )
    for index, row in enumerate(rows, start=1):
        location = f"access row {index}"
        order = (1, index)
        missing = [
            label
            for label, value in (
                ("role", row.role),
                ("access level", row.access),
                ("how to request", row.how_to_request),
                ("approver", row.approver),
            )
            if is_blank(value)
        ]
        system = row.system or "(no system)"
        if missing or is_blank(row.system):
            what = ["system"] if is_blank(row.system) else []
            run.emit(
                "KT502",
                location,
                f"{system}: no {', no '.join(what + missing)}",
                order=order,
            )
        broad = BROAD_ACCESS.search(row.access)
        if broad:
            run.emit(
                "KT503",
                location,
                f"{system}: '{broad.group().strip()}' access is broader than an agent needs",
                order=order,
            )
