"""Credentials written into the document, anywhere: front matter, steps, notes, extra sections.

Findings say where and what kind; the value itself never reaches a message (the run redacts
every secret found from all messages of the report, not just these). Detection lives in
``kt_workbench.checker.secrets``, shared with the handover pack.
"""

from __future__ import annotations

from kt_workbench.checker.run import CheckRun
from kt_workbench.checker.secrets import find_secrets, redact

__all__ = ["check", "redact"]


def check(run: CheckRun) -> None:
    if not run.enabled("KT001", "KT002", "KT003", "KT004", "KT005", "KT006", "KT007"):
        return
    joined = run.joined
    text = joined.text
    for hit in find_secrets(text, run.config.secret_min_entropy, lowered=joined.lower):
        field = joined.field_at(hit.start)
        run.secret_spans.append((hit.start, hit.end))
        run.secrets.append(text[hit.start : hit.end])
        run.emit(
            hit.code,
            field.location,
            f"{hit.kind} is written in {field.location} ({hit.end - hit.start} characters, "
            "not shown here)",
            section=field.section,
            order=field.order,
        )
