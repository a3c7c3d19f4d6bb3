"""Access rights, metrics, escalation contacts and the glossary as a row list and a form."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import DataTable

from kt_workbench.tui.structured.base import ITEM_LIST_BINDINGS
from kt_workbench.tui.structured.items_view import ItemsView

# Cells longer than this are cut in the list (the form shows them whole).
CELL_WIDTH = 28


def _cell(value: str, problem: bool, warning: str) -> Text:
    shown = value if len(value) <= CELL_WIDTH else value[: CELL_WIDTH - 1] + "…"
    text = Text(shown, no_wrap=True, overflow="ellipsis")
    if problem:
        text.stylize(f"underline {warning}")
    return text


class TableView(ItemsView):
    """One generic view for the four table sections, driven by ``rows.ITEM_KINDS``."""

    FIELDS: ClassVar[tuple[str, ...]] = ("access_rights", "metrics", "contacts", "glossary")
    PREFIX: ClassVar[str] = "rows"
    BINDINGS: ClassVar[list[BindingType]] = [
        *ITEM_LIST_BINDINGS,
        Binding("escape", "restore_item", "Restore row", id="rows.restore"),
    ]

    def _compose_list(self) -> Widget:
        table: DataTable[Text] = DataTable(
            cursor_type="row", zebra_stripes=True, classes="items-list", id="rows-table"
        )
        return table

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#rows-table", DataTable)

    @property
    def cursor(self) -> int:
        return self.table.cursor_row if self.items else -1

    def _move_cursor(self, index: int) -> None:
        self.table.move_cursor(row=index)

    def _draw_list(self, cursor: int) -> None:
        table = self.table
        warning = self.app.current_theme.warning or "yellow"
        table.clear(columns=not table.columns)
        if not table.columns:
            table.add_column(Text("#"), key="#")
            for field in self.kind.fields:
                table.add_column(Text(field.label), key=field.key)
        for index in range(len(self.items)):
            table.add_row(*self._cells(index, warning), key=str(index))
        if self.items:
            table.move_cursor(row=max(0, min(cursor, len(self.items) - 1)))

    def _cells(self, index: int, warning: str) -> list[Text]:
        item = self.items[index]
        problems = self.problems(item)
        marker = Text(str(index + 1))
        if problems:
            marker.append(" !", style=f"bold {warning}")
        return [
            marker,
            *(
                _cell(str(getattr(item, field.key)), field.key in problems, warning)
                for field in self.kind.fields
            ),
        ]

    def _draw_item(self, index: int) -> None:
        warning = self.app.current_theme.warning or "yellow"
        keys = ["#", *(field.key for field in self.kind.fields)]
        for key, cell in zip(keys, self._cells(index, warning), strict=True):
            self.table.update_cell(str(index), key, cell, update_width=True)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_item()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_list_problems()

    def item_title(self, index: int, item: Any) -> str:
        first = str(getattr(item, self.kind.fields[0].key))
        return f"row {index + 1}" + (f" ({first})" if first else "")
