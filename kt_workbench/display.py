"""Small text helpers shared by the command line and the workbench."""

from __future__ import annotations

import re

from kt_workbench.cut_text import cut_end, cut_middle

# C0 and C1 controls, DEL, and the bidirectional overrides that can make text read
# differently from what it holds. A terminal acts on these (ESC starts a sequence that can hide
# text or plant a hyperlink), so text from documents or files is shown with them spelled out.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROLS_BUT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAMES = {"\t": "\\t", "\n": "\\n", "\r": "\\r", "\x1b": "\\e"}


def _spell(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMES:
        return _NAMES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control character spelled out (``\\e``, ``\\x07``, ``\\u202e``), so
    nothing in it can steer the terminal; ``keep_newlines`` leaves line breaks as they are."""
    pattern = _CONTROLS_BUT_NEWLINE if keep_newlines else _CONTROLS
    return pattern.sub(_spell, text)


def clip(text: str, width: int) -> str:
    """Cut text to ``width`` terminal cells with an ellipsis, so a cut is visible; control
    characters are spelled out first (see ``visible``)."""
    return cut_end(visible(text), width)


def clip_middle(text: str, width: int) -> str:
    """As ``clip``, cut in the middle (``cut_text.cut_middle``): for titles, whose last words
    tell apart the ones that begin alike."""
    return cut_middle(visible(text), width)
