"""How the procedure view's list shows a step and the text kept between steps: one line
each, as data (never markup), cut to the width by the list."""

from __future__ import annotations

from rich.text import Text

from kt_workbench.model import Step

# A row holds this much of a text at most; the list cuts it to its width with an ellipsis.
ROW_CHARACTERS = 300


def step_prompt(number: int, step: Step) -> Text:
    """`` 4. Refund the charge  · Agent · Stripe``."""
    prompt = Text(no_wrap=True, overflow="ellipsis")
    prompt.append(f"{number:>2}. ", style="bold")
    if step.text:
        prompt.append(step.text[:ROW_CHARACTERS])
    else:
        prompt.append("(no action yet)", style="italic dim")
    extra = " · ".join(value[:60] for value in (step.role, step.system) if value)
    if extra:
        prompt.append(f"  · {extra}", style="dim")
    return prompt


def text_prompt(text: str) -> Text:
    """Text kept between steps, its lines run together (⏎ where a line ends)."""
    lines = " ⏎ ".join(line.strip() for line in text.split("\n") if line.strip())
    return Text(f"    ¶ {lines[:ROW_CHARACTERS]}", style="dim italic", no_wrap=True)
