"""The text of a heading from its source lines, ATX (``## Text``) or setext (underlined)."""

from __future__ import annotations

import re

from kt_workbench.markdown.blocks import Block
from kt_workbench.markdown.escaping import unescape_heading_text

_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)")
_CLOSING = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")


def heading_text(lines: list[str], block: Block) -> str:
    """The text of a heading block, ``lines`` being the lines its line numbers point into."""
    return heading_content(lines[block.start : block.end])


def heading_content(lines: list[str]) -> str:
    """The text of a heading from its source lines (ATX, or setext with its underline)."""
    if _ATX.match(lines[0]):
        content = _CLOSING.sub("", _ATX.sub("", lines[0], count=1).strip())
    else:  # setext: the underline is the block's last line
        content = " ".join(line.strip() for line in lines[:-1])
    return unescape_heading_text(content.strip())
