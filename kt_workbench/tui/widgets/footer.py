"""The key bar at the bottom of every screen, tighter on a narrow terminal.

Textual's Footer puts a space either side of each key and description; below
``COMPACT_BELOW`` columns the compact style drops them, which fits two or three more actions
on an 80-column terminal (the library's Sort and Reload were cut off there).
"""

from __future__ import annotations

from textual.events import Resize
from textual.widgets import Footer

COMPACT_BELOW = 120


class KeyBar(Footer):
    """A ``Footer`` that turns compact when the terminal is narrow."""

    # Compact, Textual gives every key a margin on its right, the palette key docked at the
    # right edge too: the last cell was never painted and kept what was drawn there before.
    DEFAULT_CSS = """
    KeyBar.-compact FooterKey.-command-palette {
        margin-right: 0;
        padding-right: 1;
    }
    """

    def on_resize(self, event: Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW
