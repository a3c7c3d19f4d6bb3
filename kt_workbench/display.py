"""Small text helpers shared by the command line and the workbench."""

from __future__ import annotations


def clip(text: str, width: int) -> str:
    """Cut text to ``width`` characters with an ellipsis, so a cut is visible."""
    return text if len(text) <= width else text[: width - 1] + "…"
