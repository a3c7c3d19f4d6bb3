"""Scripts and edge cases: a list of titles and a form with the item's fields below it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kt_workbench.tui.structured.base import ITEM_LIST_BINDINGS
from kt_workbench.tui.structured.items_view import ItemsView


class CasesView(ItemsView):
    """Items with a title: the list shows titles, marked when something is missing."""

    PREFIX: ClassVar[str] = "cases"
    BINDINGS: ClassVar[list[BindingType]] = [
        *ITEM_LIST_BINDINGS,
        Binding("escape", "restore_item", "Restore", id="cases.restore"),
    ]

    def _compose_list(self) -> Widget:
        return OptionList(classes="items-list", id="cases-list")

    @property
    def options(self) -> OptionList:
        return self.query_one("#cases-list", OptionList)

    @property
    def cursor(self) -> int:
        highlighted = self.options.highlighted
        return highlighted if highlighted is not None and self.items else -1

    def _move_cursor(self, index: int) -> None:
        self.options.highlighted = index

    def _draw_list(self, cursor: int) -> None:
        options = self.options
        warning = self.app.current_theme.warning or "yellow"
        prompts = [
            Option(self._prompt(index, warning), id=str(index)) for index in range(len(self.items))
        ]
        options.clear_options()
        options.add_options(prompts)
        if self.items:
            options.highlighted = max(0, min(cursor, len(self.items) - 1))

    def _prompt(self, index: int, warning: str) -> Text:
        item = self.items[index]
        prompt = Text(self.item_title(index, item), no_wrap=True, overflow="ellipsis")
        problems = self.problems(item)
        if problems:
            prompt.append(f"  ! {len(problems)} to fill in", style=f"bold {warning}")
        return prompt

    def _draw_item(self, index: int) -> None:
        warning = self.app.current_theme.warning or "yellow"
        self.options.replace_option_prompt_at_index(index, self._prompt(index, warning))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit_item()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_list_problems()


class ScriptsView(CasesView):
    """Scripts: Title and Body, the body's placeholders marked and listed under it."""

    FIELDS: ClassVar[tuple[str, ...]] = ("scripts",)


class EdgeCasesView(CasesView):
    """Edge cases: Title, When, Handle, Escalate to (suggesting contact roles) and Details."""

    FIELDS: ClassVar[tuple[str, ...]] = ("edge_cases",)
