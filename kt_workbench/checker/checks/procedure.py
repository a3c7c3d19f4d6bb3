"""Procedure: enough steps, each with a role, its systems and a completion test, in plain words."""

from __future__ import annotations

import re

from kt_workbench.checker.run import CheckRun
from kt_workbench.checker.text import is_blank
from kt_workbench.checker.vocabulary import STEP_REFERENCE

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def check(run: CheckRun) -> None:
    doc = run.doc
    steps = doc.steps
    count = len(steps)
    minimum = run.config.min_steps
    if count < minimum:
        noun = "step" if count == 1 else "steps"
        run.emit(
            "KT201",
            "procedure",
            f"the procedure has {count} {noun}; at least {minimum} expected",
            share=(minimum - count) / minimum,
        )
    max_words = run.config.max_sentence_words
    for index, step in enumerate(steps, start=1):
        location = f"step {index}"
        order = (index,)
        if is_blank(step.role):
            run.emit("KT202", location, f"step {index} has no role", order=order)
        if is_blank(step.done_when):
            run.emit("KT204", location, f"step {index} has no Done when", order=order)
        for text in (step.text, step.details):
            if text.count(" ") + text.count("\n") < max_words:
                continue  # too few words for any sentence to be too long: nearly every step
            for sentence in _SENTENCE_END.split(text):
                words = len(sentence.split())
                if words > max_words:
                    run.emit(
                        "KT207",
                        location,
                        f"a sentence of {words} words (more than {max_words}) in step {index}",
                        order=order,
                    )
    for mention in run.unlisted_mentions:
        run.emit(
            "KT203",
            f"step {mention.step}",
            f"step {mention.step} names {mention.name}, but its System: line does not",
            order=(mention.step,),
            quote=mention.name,
        )
    for field, phrase in run.vague_wording:
        # Unknown sections ("Notes", "Tips") often hold instructions too.
        if field.kind in ("step", "procedure notes", "extra"):
            run.emit(
                "KT205",
                field.location,
                f'vague wording "{phrase}"',
                order=field.order,
                quote=phrase,
            )
    _step_references(run, count)


def _step_references(run: CheckRun, count: int) -> None:
    """References to steps that do not exist, anywhere in the document ("go back to step 9"
    in a seven-step procedure)."""
    if not run.enabled("KT206") or count == 0:
        # Without recognised steps there is nothing to judge a step number against.
        return
    joined = run.joined
    masked = run.masked_text
    lowered = masked.lower()
    if len(lowered) != len(masked):
        matches = re.finditer(STEP_REFERENCE.pattern, masked, re.IGNORECASE)
    else:
        matches = STEP_REFERENCE.finditer(lowered)
    reported: set[tuple[str, int]] = set()
    for match in matches:
        if match.start() > 0 and joined.text[match.start() - 1].isalnum():
            continue
        field = joined.field_at(match.start())
        for group in (1, 2):
            number_text = match.group(group)
            if number_text is None:
                continue
            number = int(number_text)
            if 1 <= number <= count or (field.location, number) in reported:
                continue
            reported.add((field.location, number))
            has = f"{count} step" + ("" if count == 1 else "s")
            run.emit(
                "KT206",
                field.location,
                f"refers to step {number}, but the procedure has {has}",
                order=(1_000, *field.order),
                quote=joined.text[match.start() : match.end()],
            )
