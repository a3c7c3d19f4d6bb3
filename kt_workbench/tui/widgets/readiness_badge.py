"""A small coloured badge: score and readiness."""

from __future__ import annotations

from rich.text import Text

STYLES = {"ready": "bold green", "needs-work": "bold yellow", "not-ready": "bold red"}


def readiness_text(score: int | None, readiness: str | None) -> Text:
    if score is None or readiness is None:
        return Text("—", style="dim")
    return Text(f"{score:>3} {readiness}", style=STYLES.get(readiness, ""))
