"""A list of rows under fixed columns, drawn on demand.

A ``DataTable`` keeps every row's cells and renders again every cell on screen after any
change to the table, which is what made each keystroke of the library filter cost a whole
screen of cell rendering. Here the rows are only ids: their cells are asked for when a row
comes on screen, and each row's line is kept until that row changes (``forget``), so showing
another list of thousands of rows costs what drawing the new ones on screen does.

Cells are ``rich.text.Text`` (user text is data, never markup); a cell with
``justify="right"`` is aligned right in its column. The header stays on the first line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

Column = tuple[str, str, int]  # (key, heading, width)
CellSource = Callable[[str], Sequence[Text]]
PADDING = 1  # blank cells either side of a column's content, as a DataTable draws them
HEADER = ("", -1)  # where the headings' line is kept among the rows' lines


class RowList(ScrollView, can_focus=True):
    """Rows identified by string ids, one line each; the cursor row is the selected one."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "row-list--header",
        "row-list--cursor",
        "row-list--even-row",
    }
    DEFAULT_CSS = """
    RowList {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        &:focus {
            background-tint: $foreground 5%;
            & > .row-list--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
        &:dark > .row-list--even-row {
            background: $surface-darken-1 40%;
        }
        & > .row-list--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        & > .row-list--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .row-list--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", show=False, id="row-list.select"),
        Binding("up", "cursor_up", "Previous", show=False, id="row-list.up"),
        Binding("down", "cursor_down", "Next", show=False, id="row-list.down"),
        Binding("pageup", "page_up", "Page up", show=False, id="row-list.page-up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="row-list.page-down"),
        Binding("home", "first", "First", show=False, id="row-list.first"),
        Binding("end", "last", "Last", show=False, id="row-list.last"),
    ]

    class Selected(Message):
        """Enter, or a click, on a row."""

        def __init__(self, row_list: RowList, row_id: str) -> None:
            super().__init__()
            self.row_list = row_list
            self.row_id = row_id

        @property
        def control(self) -> RowList:
            return self.row_list

    class HeaderSelected(Message):
        """A click on a column's heading."""

        def __init__(self, row_list: RowList, column_key: str) -> None:
            super().__init__()
            self.row_list = row_list
            self.column_key = column_key

        @property
        def control(self) -> RowList:
            return self.row_list

    def __init__(
        self,
        columns: Sequence[Column],
        cells: CellSource,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.columns = tuple(columns)
        self.widths = {key: width for key, _, width in self.columns}
        self._cells = cells
        self._ids: list[str] = []
        self._cursor = 0
        # Each row's line by (id, zebra parity), for the width they were drawn at.
        self._lines: dict[tuple[str, int], Strip] = {}
        self._lines_width = -1
        self.rows_rendered = 0  # lines drawn so far (not taken from the kept ones)

    # --- what is shown ------------------------------------------------------------------------

    @property
    def ids(self) -> list[str]:
        return list(self._ids)

    @property
    def row_count(self) -> int:
        return len(self._ids)

    @property
    def cursor_row(self) -> int:
        return self._cursor

    @property
    def cursor_id(self) -> str | None:
        return self._ids[self._cursor] if self._ids else None

    def get_row_index(self, row_id: str) -> int:
        return self._ids.index(row_id)

    def get_cell(self, row_id: str, column_key: str) -> Text:
        """What the row shows in that column now."""
        keys = [key for key, _, _ in self.columns]
        return self._cells(row_id)[keys.index(column_key)]

    def set_ids(self, ids: Iterable[str]) -> None:
        """Show these rows, in this order; the cursor stays on its row if it is still
        shown, else goes to the first."""
        selected = self.cursor_id
        self._ids = list(ids)
        if selected is not None and selected in self._ids:
            self._cursor = self._ids.index(selected)
        else:
            self._cursor = 0
            self.scroll_to(y=0, animate=False, immediate=True)
        self._resize_virtual()
        self._keep_cursor_visible()
        self.refresh()

    def forget(self, ids: Iterable[str]) -> None:
        """These rows' cells changed: draw them again when shown."""
        wanted = set(ids)
        if not wanted:
            return
        for key in [key for key in self._lines if key[0] in wanted]:
            del self._lines[key]
        if wanted & set(self._visible_ids()):
            self.refresh()

    def set_column_width(self, key: str, width: int) -> None:
        if self.widths.get(key) == width:
            return
        self.widths[key] = width
        self._lines.clear()
        self._resize_virtual()
        self.refresh()

    def move_cursor(self, row: int) -> None:
        if not self._ids:
            return
        self._cursor = max(0, min(row, len(self._ids) - 1))
        self._keep_cursor_visible()
        self.refresh()

    # --- actions ------------------------------------------------------------------------------

    def action_cursor_up(self) -> None:
        self.move_cursor(self._cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self._cursor + 1)

    def action_page_up(self) -> None:
        self.move_cursor(self._cursor - self._page())

    def action_page_down(self) -> None:
        self.move_cursor(self._cursor + self._page())

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self._ids) - 1)

    def action_select_cursor(self) -> None:
        if self.cursor_id is not None:
            self.post_message(self.Selected(self, self.cursor_id))

    def on_click(self, event: events.Click) -> None:
        if event.y < 1:  # the header
            left = 0
            for key, _, _ in self.columns:
                left += self.widths[key] + 2 * PADDING
                if event.x < left:
                    self.post_message(self.HeaderSelected(self, key))
                    break
            return
        row = int(self.scroll_offset.y) + event.y - 1
        if 0 <= row < len(self._ids):
            self.move_cursor(row)
            self.action_select_cursor()

    # --- drawing ------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()

    def _on_focus(self, event: events.Focus) -> None:
        self._lines.clear()  # the background tint differs with the focus
        super()._on_focus(event)

    def _on_blur(self, event: events.Blur) -> None:
        self._lines.clear()
        super()._on_blur(event)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if width != self._lines_width:
            self._lines.clear()
            self._lines_width = width
        if y == 0:
            header = self._lines.get(HEADER)
            if header is None:
                style = self.get_component_rich_style("row-list--header")
                header = self._lines[HEADER] = self._line(self._header(), style)
            return header
        index = int(self.scroll_offset.y) + y - 1
        if not 0 <= index < len(self._ids):
            return Strip.blank(width, self.rich_style)
        row_id = self._ids[index]
        if index == self._cursor:
            cursor = self.get_component_rich_style("row-list--cursor")
            return self._line(self._row_text(row_id), self.rich_style, post=cursor)
        key = (row_id, index % 2)
        line = self._lines.get(key)
        if line is None:
            base = (
                self.get_component_rich_style("row-list--even-row")
                if index % 2
                else self.rich_style
            )
            line = self._lines[key] = self._line(self._row_text(row_id), base)
        return line

    def _line(self, text: Text, base: Style, post: Style | None = None) -> Strip:
        self.rows_rendered += 1
        segments = list(text.render(self.app.console))
        segments = list(Segment.apply_style(segments, style=base, post_style=post))
        return Strip(segments).adjust_cell_length(self.size.width, base + (post or Style()))

    def _header(self) -> Text:
        return self._assemble(Text(heading) for _, heading, _ in self.columns)

    def _row_text(self, row_id: str) -> Text:
        return self._assemble(self._cells(row_id))

    def _assemble(self, cells: Iterable[Text]) -> Text:
        line = Text(no_wrap=True, end="")
        for (key, _, _), cell in zip(self.columns, cells, strict=False):
            width = self.widths[key]
            piece = cell.copy()
            if piece.cell_len > width:
                piece.truncate(width, overflow="ellipsis")
            gap = " " * (width - piece.cell_len)
            line.append(" " * PADDING)
            if cell.justify == "right":
                line.append(gap)
                line.append_text(piece)
            else:
                line.append_text(piece)
                line.append(gap)
            line.append(" " * PADDING)
        return line

    def _resize_virtual(self) -> None:
        width = sum(width + 2 * PADDING for width in self.widths.values())
        self.virtual_size = Size(width, len(self._ids) + 1)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 2)

    def _visible_ids(self) -> list[str]:
        top = int(self.scroll_offset.y)
        return self._ids[top : top + max(0, self.size.height - 1)]

    def _keep_cursor_visible(self) -> None:
        height = self.scrollable_content_region.height - 1  # lines under the header
        if height <= 0:
            return
        top = int(self.scroll_offset.y)
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False, immediate=True)
        elif self._cursor >= top + height:
            self.scroll_to(y=self._cursor - height + 1, animate=False, immediate=True)
