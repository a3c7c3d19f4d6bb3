"""Scripts: present where customers are spoken to, with no template left unfilled."""

from __future__ import annotations

from kt_workbench.checker.run import CheckRun
from kt_workbench.checker.text import is_blank, mask_code_and_urls
from kt_workbench.checker.vocabulary import (
    ANGLE_MARKER,
    BRACKET_MARKER,
    PLACEHOLDER,
    X_MARKER,
    glossary_key,
    is_template_angle,
)

# Channels on which nobody talks to a customer, so no script is needed.
_INTERNAL_CHANNELS = frozenset({"internal", "back-office", "back office", "backoffice", "batch"})


def check(run: CheckRun) -> None:
    doc = run.doc
    scripts = doc.scripts
    facing = [channel for channel in doc.channels if channel.casefold() not in _INTERNAL_CHANNELS]
    if not scripts and facing:
        run.emit(
            "KT301",
            "scripts",
            f"the process runs on {', '.join(facing)} but has no scripts",
        )
    explained: set[str] = set()
    for index, script in enumerate(scripts, start=1):
        location = f"script: {script.title}"
        order = (index,)
        if is_blank(script.body):
            run.emit("KT304", location, "the script has no text", order=order)
        for text in (script.title, script.body):
            visible = mask_code_and_urls(text)
            # Substring tests first: most scripts hold none of these characters.
            markers = []
            if "[" in visible:
                markers += [m.group() for m in BRACKET_MARKER.finditer(visible)]
            if "<" in visible:
                markers += [
                    m.group()
                    for m in ANGLE_MARKER.finditer(visible)
                    if is_template_angle(m.group(1))
                ]
            if "xxx" in visible.lower():
                markers += [m.group() for m in X_MARKER.finditer(visible)]
            for marker in dict.fromkeys(markers):
                run.emit(
                    "KT302",
                    location,
                    f'unfilled template marker "{marker}"',
                    order=order,
                )
            for match in PLACEHOLDER.finditer(text) if "{" in text else ():
                key = glossary_key(match.group(1))
                if key in explained or not key:
                    continue
                explained.add(key)
                if key in run.own_terms or run.context.defined_elsewhere(key, doc.id):
                    continue
                run.emit(
                    "KT303",
                    location,
                    f"placeholder {{{match.group(1)}}} is not explained in any glossary",
                    order=order,
                )
