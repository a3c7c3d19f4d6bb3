"""Rehearse a decision tree the way an agent would follow it, one answer at a time.

Broken trees are the point of rehearsing: a jump to a missing key, an answer that leads
nowhere, a question without answers or a loop is shown as the problem it is, not a crash.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from kt_workbench.model import DecisionTree, Node
from kt_workbench.tui.widgets.footer import KeyBar


@dataclass(frozen=True)
class Answered:
    """A question on the path so far and the answer given to it."""

    node: Node
    answer: str
    jump: str | None = None


def describe(node: Node) -> str:
    return f"[{node.key}] {node.text}" if node.key else node.text


class TreeWalk:
    """Where a rehearsal stands: the answers given, the current node and any problem met."""

    def __init__(self, tree: DecisionTree, start: Node | None = None) -> None:
        self.tree = tree
        self.start = start  # where rehearsing starts (and starts again): the root by default
        self.keyed = tree.nodes_by_key()
        self.trail: list[Answered] = []
        self.current: Node | None = None
        self.problem: str | None = None
        self.restart()

    def restart(self) -> None:
        self.trail = []
        self.arrive(self.start or self.tree.root)

    @property
    def finished(self) -> bool:
        return self.problem is not None or self.current is None or not self.current.is_question

    def arrive(self, node: Node | None) -> None:
        self.current = node
        self.problem = None
        if node is None:
            self.problem = "This decision tree is empty: write its first question in the tree tab."
        elif node.is_question and not node.branches:
            self.problem = (
                "This question has no answers, so an agent cannot go on. Add an answer for "
                "each case, each leading to a question or an outcome."
            )

    def choose(self, index: int) -> None:
        """Follow the answer at ``index`` of the current question."""
        if self.current is None or self.finished or not 0 <= index < len(self.current.branches):
            return
        branch = self.current.branches[index]
        self.trail.append(Answered(self.current, branch.answer, branch.goto))
        target = branch.node
        if target is None and branch.goto is not None:
            target = self.keyed.get(branch.goto)
            if target is None:
                self.current = None
                self.problem = (
                    f"The answer '{branch.answer}' jumps to [{branch.goto}], but no question or "
                    f"outcome has that key. Add [{branch.goto}] to one, or fix the jump."
                )
                return
        if target is None:
            self.current = None
            self.problem = (
                f"The answer '{branch.answer}' leads nowhere: write the question or outcome "
                "that follows it, or a 'goto [key]'."
            )
            return
        if any(step.node is target for step in self.trail):
            self.current = None
            self.problem = (
                f"Loop: the answer '{branch.answer}' goes back to {describe(target)!r}, which "
                "is already on this path, so an agent would go round in circles. Lead it to "
                "an outcome or a new question."
            )
            return
        self.arrive(target)

    def back(self) -> bool:
        if not self.trail:
            return False
        self.arrive(self.trail.pop().node)
        return True


class RehearsalScreen(Screen[None]):
    """One question at a time with a button per answer; the path so far above it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="rehearsal.close"),
        Binding("backspace", "back", "Back", id="rehearsal.back"),
        Binding("r", "restart", "Start again", id="rehearsal.restart"),
        *(
            Binding(
                str(n), f"choose({n - 1})", f"Answer {n}", show=False, id=f"rehearsal.answer{n}"
            )
            for n in range(1, 10)
        ),
    ]

    def __init__(self, tree: DecisionTree, title: str, start: Node | None = None) -> None:
        super().__init__()
        self.walk = TreeWalk(tree, start)
        self.process_title = title

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="rehearsal"):
            yield Static(
                "Answer as the customer's case would, and see where the tree takes an agent.",
                classes="hint",
            )
            yield Static("", id="breadcrumb")
            yield Static("", id="rehearsal-node")
            yield Static("", id="rehearsal-problem")
            yield Vertical(id="answers")
        yield KeyBar()

    async def on_mount(self) -> None:
        self.title = f"Rehearse: {self.process_title}"
        self.sub_title = "Decision tree"
        await self.show_state()

    async def show_state(self) -> None:
        walk = self.walk
        self.query_one("#breadcrumb", Static).update(self.breadcrumb())
        node_view = self.query_one("#rehearsal-node", Static)
        node_view.display = walk.current is not None
        if walk.current is not None:
            kind = "Question" if walk.current.is_question else "Outcome"
            style = "bold cyan" if walk.current.is_question else "bold green"
            key = f"  [{walk.current.key}]" if walk.current.key else ""
            node_view.update(Text.assemble((kind, style), (key, "dim"), "\n", walk.current.text))
            node_view.set_class(not walk.current.is_question, "outcome")
        problem = self.query_one("#rehearsal-problem", Static)
        problem.display = walk.problem is not None
        problem.update(Text.assemble(("Problem  ", "bold"), walk.problem or ""))
        answers = self.query_one("#answers", Vertical)
        await answers.remove_children()
        buttons: list[Button] = []
        if not walk.finished and walk.current is not None:
            for index, branch in enumerate(walk.current.branches):
                number = f"{index + 1}  " if index < 9 else ""
                # An answer is user text: a Text label, so brackets are not read as markup.
                buttons.append(Button(Text(f"{number}{branch.answer}"), id=f"answer-{index}"))
            await answers.mount_all(buttons)
        else:
            buttons.append(Button("Start again", variant="primary", id="restart"))
            if walk.trail:
                buttons.append(Button("Back", id="back"))
            await answers.mount(Horizontal(*buttons, id="rehearsal-end"))
        buttons[0].focus()

    def breadcrumb(self) -> Text:
        if not self.walk.trail:
            start = self.walk.start
            if start is not None and start is not self.walk.tree.root:
                return Text.assemble(("Path: starting at ", "dim"), describe(start))
            return Text("Path: start of the tree", style="dim")
        text = Text("Path so far\n", style="dim")
        for number, step in enumerate(self.walk.trail, start=1):
            text.append(f"{number:>2}. ")
            text.append(describe(step.node))
            text.append("  › ", style="dim")
            text.append(step.answer, style="bold")
            if step.jump:
                text.append(f"  (goto [{step.jump}])", style="dim")
            text.append("\n")
        text.rstrip()
        return text

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button_id = event.button.id or ""
        if button_id == "restart":
            await self.action_restart()
        elif button_id == "back":
            await self.action_back()
        elif button_id.startswith("answer-"):
            await self.action_choose(int(button_id.removeprefix("answer-")))

    async def action_choose(self, index: int) -> None:
        if self.walk.finished:
            return
        self.walk.choose(index)
        await self.show_state()

    async def action_back(self) -> None:
        if self.walk.back():
            await self.show_state()
        else:
            self.notify("This is the first question.", timeout=2)

    async def action_restart(self) -> None:
        self.walk.restart()
        await self.show_state()

    def action_close(self) -> None:
        self.dismiss()
