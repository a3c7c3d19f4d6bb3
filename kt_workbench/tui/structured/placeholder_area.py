"""A text area that marks the placeholders (``{customer_name}``) of the text it holds."""

from __future__ import annotations

import dataclasses

from rich.style import Style
from textual._text_area_theme import TextAreaTheme
from textual.widgets import TextArea

from kt_workbench.structured.placeholders import find_placeholders

PLACEHOLDER_HIGHLIGHT = "placeholder"
# Bold and underlined, so it reads in every theme without a colour of its own.
_PLACEHOLDER_STYLE = Style(bold=True, underline=True)
_THEME = "ktw-placeholders"


class PlaceholderArea(TextArea):
    """A plain-text ``TextArea`` whose placeholders are drawn bold and underlined.

    The placeholders are the checker's (``find_placeholders``); the text itself is data and
    is never read as markup.
    """

    def on_mount(self) -> None:
        # The built-in "css" theme takes its colours from the app's theme; this one only
        # adds the placeholder style to it.
        base = TextAreaTheme.get_builtin_theme("css") or TextAreaTheme("css")
        styles = {**base.syntax_styles, PLACEHOLDER_HIGHLIGHT: _PLACEHOLDER_STYLE}
        self.register_theme(dataclasses.replace(base, name=_THEME, syntax_styles=styles))
        self.theme = _THEME

    def _build_highlight_map(self) -> None:
        super()._build_highlight_map()
        for placeholder in find_placeholders(self.text):
            line = self.document.get_line(placeholder.line)
            start = len(line[: placeholder.start].encode("utf-8"))
            end = len(line[: placeholder.end].encode("utf-8"))
            self._highlights[placeholder.line].append((start, end, PLACEHOLDER_HIGHLIGHT))
