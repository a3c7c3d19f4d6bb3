"""Pick the node an answer jumps to, from the keys the tree defines."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from kt_workbench.model import Node


class GotoPicker(ModalScreen[str | None]):
    """An option per keyed node (``[key] text``); dismisses with the key, or None on Esc."""

    DEFAULT_CSS = """
    GotoPicker { align: center middle; }
    GotoPicker OptionList { height: auto; max-height: 16; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="tree.goto_cancel"),
    ]

    def __init__(self, answer: str, targets: list[tuple[str, Node]]) -> None:
        super().__init__()
        self.answer = answer
        self.targets = targets

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                f"Where does the answer '{self.answer}' jump to?",
                classes="question",
                markup=False,
            )
            options = []
            for index, (key, node) in enumerate(self.targets):
                label = Text()
                label.append("◆ " if node.is_question else "● ")
                label.append(f"[{key}] ", style="bold")
                label.append(node.text)
                options.append(Option(label, id=str(index)))
            yield OptionList(*options, id="tree-goto-options")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.targets[int(event.option.id or 0)][0])
