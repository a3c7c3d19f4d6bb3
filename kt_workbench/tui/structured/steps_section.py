"""The procedure as a list of steps with a form for the selected one: reading and writing
the section, the list, and the form (``StepsView`` in steps_view.py adds the keys).

The list shows each step's number and action with its role and system, and the text kept
between steps as rows of their own (shown, not edited here). The form below edits the
highlighted step; every change is written back to the section text at once, so the findings
follow as the owner types. Esc in the form puts the step back as it was when the form was
entered and returns to the list.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.suggester import SuggestFromList
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from kt_workbench.editing import stray_headings
from kt_workbench.errors import KtwError
from kt_workbench.model import Layout, ProcessDocument, Step
from kt_workbench.structured import items
from kt_workbench.structured.hints import EditingHints
from kt_workbench.structured.sections import read_section, write_section
from kt_workbench.structured.steps import (
    FIELD_LABELS,
    ProcedureRow,
    field_for_finding,
    form_values,
    procedure_rows,
    role_suggestions,
    step_from_form,
    step_number,
    step_problems,
    system_suggestions,
)
from kt_workbench.tui.structured.base import StructuredSection
from kt_workbench.tui.structured.step_rows import step_prompt, text_prompt

FIELD = "procedure"
LINE_FIELDS = ("text", "role", "system", "done_when")
# Typing is written to the section text at each key while that takes less than a frame;
# beyond (a long procedure, see benchmarks/bench_steps.py) once the keys pause this long.
WRITE_DELAY = 0.15
QUICK_WRITE = 1 / 60
SOURCE_HINT = "use the source view (F2) to correct it"
ITEM_ACTIONS = frozenset(
    ("add_item", "insert_item", "delete_item", "duplicate_item", "move_item", "edit_item")
)


class StepsSection(StructuredSection):
    """The steps read from the section, listed, and the form of the highlighted one;
    ``StepsView`` adds the keys."""

    FIELDS: ClassVar[tuple[str, ...]] = (FIELD,)
    DEFAULT_CSS = """
    StepsSection { height: 1fr; }
    StepsSection #steps-status { color: $text-warning; height: auto; }
    StepsSection #steps-list {
        height: 1fr; min-height: 3; border: none; padding: 0;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    StepsSection #steps-list:focus { background-tint: $foreground 4%; }
    StepsSection #steps-form { height: auto; max-height: 70%; border-top: solid $panel-lighten-2; }
    StepsSection .steps-row { height: 1; }
    StepsSection .steps-label { width: 11; color: $text-muted; }
    StepsSection .steps-row Input { width: 1fr; height: 1; border: none; padding: 0 1; }
    StepsSection .steps-row Input:focus { background: $boost; }
    StepsSection .steps-problem { color: $text-warning; height: auto; padding-left: 11; }
    StepsSection #steps-details { height: 5; border: none; padding: 0 1; }
    StepsSection #steps-details:focus { background: $boost; }
    """

    def __init__(self, field: str = FIELD, *, id: str | None = None) -> None:
        super().__init__(field, id=id)
        self.text = ""
        self.document: ProcessDocument | None = None
        self.rows: list[ProcedureRow] = []
        self.current: int | None = None  # the step in the form
        self.loaded: Step | None = None  # that step as it was when the form was entered
        self.problem = ""  # why the section cannot be edited as steps, if it cannot
        self.typed = False  # the document holds typing not yet written to ``text``
        self.write_seconds = 0.0  # how long writing the section took last time
        self.quick_write = QUICK_WRITE  # typing is written at each key below this cost
        self.write_delay = WRITE_DELAY  # else once the keys pause this long
        self._write_timer: Timer | None = None
        # The form the steps were last written in (list or headings), kept for a procedure
        # that is emptied and then filled again in this view.
        self.step_layout = Layout()

    def compose(self) -> ComposeResult:
        yield Static("", id="steps-status", markup=False)
        yield OptionList(id="steps-list")
        with VerticalScroll(id="steps-form"):
            for name in LINE_FIELDS:
                with Horizontal(classes="steps-row"):
                    yield Label(FIELD_LABELS[name], classes="steps-label")
                    yield Input(id=f"steps-{name}", select_on_focus=False)
                yield Static("", id=f"steps-problem-{name}", classes="steps-problem", markup=False)
            yield Label(FIELD_LABELS["details"], classes="steps-label")
            yield TextArea(id="steps-details", soft_wrap=True, show_line_numbers=False)

    def on_mount(self) -> None:
        self._load_text(self.text)

    # --- what the screen calls ----------------------------------------------------------------

    def show(self, text: str, hints: EditingHints) -> None:
        self.hints = hints
        if self.typed and text == self.text:
            # Shown again as last written: the typing since then is newer, and stays.
            self.write_typing()
            return
        self._cancel_typing()
        self.text = text
        if self.is_mounted:
            self._load_text(text)

    def select(self, location: str, message: str = "") -> bool:
        if self.document is None:
            return False
        location = location.strip()
        if location in ("procedure", "procedure notes"):
            self.query_one("#steps-list", OptionList).focus()
            return True
        number = step_number(location)
        if number is None or not 1 <= number <= len(self.document.steps):
            return False
        self._highlight(number - 1)
        self._focus_field(field_for_finding(self.document.steps[number - 1], message))
        return True

    # --- reading and writing the section ------------------------------------------------------

    def _load_text(self, text: str) -> None:
        role = self.query_one("#steps-role", Input)
        role.suggester = SuggestFromList(role_suggestions(self.hints), case_sensitive=False)
        system = self.query_one("#steps-system", Input)
        system.suggester = SuggestFromList(system_suggestions(self.hints), case_sensitive=False)
        self.problem = ""
        try:
            self.document = self._with_step_form(read_section(FIELD, text))
        except KtwError as error:
            self.document = None
            self.problem = f"These steps cannot be read ({error}): {SOURCE_HINT}."
        else:
            stray = stray_headings(text)
            if stray:
                self.problem = (
                    f"Line {stray[0] + 1} is a '#' or '##' heading, which would end the "
                    f"procedure: {SOURCE_HINT}."
                )
        self._fill_list(self.current if self.current is not None else 0)

    def _apply(self, document: ProcessDocument, select: int | None) -> None:
        """Write ``document``'s steps back as the section text and show what it reads as."""
        if self.typed:
            self.write_typing()
        text = write_section(FIELD, document)
        try:
            self.document = self._with_step_form(read_section(FIELD, text))
        except KtwError as error:  # the renderer's text always reads; never lose the edit
            self.notify(f"The steps could not be written: {error}", severity="error")
            return
        self.text = text
        self._fill_list(select)
        self.edited(text)

    def _with_step_form(self, document: ProcessDocument) -> ProcessDocument:
        """Headings with no text yet do not show the space after their separator
        (``### Schritt 1:``): the form the steps had keeps it for the text to come."""
        known, read = self.step_layout.step_heading, document.layout.step_heading
        if known != read and known.rstrip() == read:
            return replace(document, layout=replace(document.layout, step_heading=known))
        return document

    def write_typing(self) -> None:
        """Write what was typed into the form to the section text now, if anything waits.

        The item operations settle the document as it reads back (property-tested in
        tests/test_structured_items.py), so the text is written without reading it again.
        """
        if not self._cancel_typing() or self.document is None:
            return
        started = time.perf_counter()
        self.text = write_section(FIELD, self.document)
        self.write_seconds = time.perf_counter() - started
        self.edited(self.text)

    def _cancel_typing(self) -> bool:
        waiting = self.typed
        self.typed = False
        if self._write_timer is not None:
            self._write_timer.stop()
            self._write_timer = None
        return waiting

    # --- the list -----------------------------------------------------------------------------

    def _fill_list(self, select: int | None) -> None:
        option_list = self.query_one("#steps-list", OptionList)
        document = self.document
        if document is not None and document.steps:
            self.step_layout = document.layout
        self.rows = procedure_rows(document) if document is not None else []
        options = [Option(self._prompt(row), disabled=row.kind == "text") for row in self.rows]
        with self.prevent(OptionList.OptionHighlighted):
            option_list.set_options(options)
        status = self.query_one("#steps-status", Static)
        steps = len(document.steps) if document is not None else 0
        if self.problem:
            status.update(self.problem)
        elif not steps:
            status.update("No steps yet: press a to add one.")
        status.display = bool(self.problem) or not steps
        self.query_one("#steps-form", VerticalScroll).disabled = bool(self.problem)
        self.current = None
        if steps:
            self._highlight(max(0, min(select or 0, steps - 1)))
        else:
            self._load_form(None)

    def _prompt(self, row: ProcedureRow) -> Text:
        assert self.document is not None
        if row.kind == "step":
            return step_prompt(row.number, self.document.steps[row.index])
        return text_prompt(self.document.notes[row.index].text)

    def _row_of_step(self, index: int) -> int | None:
        return next(
            (n for n, row in enumerate(self.rows) if row.kind == "step" and row.index == index),
            None,
        )

    def _highlight(self, index: int) -> None:
        position = self._row_of_step(index)
        if position is None:
            return
        option_list = self.query_one("#steps-list", OptionList)
        with self.prevent(OptionList.OptionHighlighted):
            option_list.highlighted = position
        self._load_form(index)

    @on(OptionList.OptionHighlighted, "#steps-list")
    def _step_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        row = self.rows[event.option_index] if event.option_index < len(self.rows) else None
        if row is not None and row.kind == "step" and row.index != self.current:
            self._load_form(row.index)

    # --- the form -----------------------------------------------------------------------------

    def _load_form(self, index: int | None) -> None:
        document = self.document
        step = document.steps[index] if document is not None and index is not None else None
        self.current = index if step is not None else None
        self.loaded = step
        form = self.query_one("#steps-form", VerticalScroll)
        form.display = step is not None
        values = form_values(step or Step(""))
        with self.prevent(Input.Changed, TextArea.Changed):
            for name in LINE_FIELDS:
                field = self.query_one(f"#steps-{name}", Input)
                field.value = values[name]
                field.cursor_position = len(values[name])
            self.query_one("#steps-details", TextArea).text = values["details"]
        form.border_title = f"Step {index + 1}" if index is not None else ""
        self._show_problems(step)

    def _form_step(self) -> Step:
        values = {name: self.query_one(f"#steps-{name}", Input).value for name in LINE_FIELDS}
        values["details"] = self.query_one("#steps-details", TextArea).text
        return step_from_form(values)

    def _show_problems(self, step: Step | None) -> None:
        problems = step_problems(step, self.hints) if step is not None else {}
        for name in LINE_FIELDS:
            line = self.query_one(f"#steps-problem-{name}", Static)
            line.update(problems.get(name, ""))
            line.display = name in problems

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _form_changed(self, event: Input.Changed | TextArea.Changed) -> None:
        event.stop()
        document = self.document
        if document is None or self.current is None or self.problem:
            return
        step = self._form_step()
        self._show_problems(step)
        if step == document.steps[self.current]:
            return
        self.document = items.replace_item(document, FIELD, self.current, step)
        position = self._row_of_step(self.current)
        if position is not None:
            prompt = step_prompt(self.current + 1, step)
            self.query_one("#steps-list", OptionList).replace_option_prompt_at_index(
                position, prompt
            )
        self.typed = True
        if self.write_seconds < self.quick_write:
            self.write_typing()
            return
        if self._write_timer is not None:
            self._write_timer.stop()
        self._write_timer = self.set_timer(self.write_delay, self.write_typing)

    def on_descendant_blur(self) -> None:
        self.write_typing()  # leaving a field writes what was typed in it

    @on(Input.Submitted)
    def _field_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#steps-list", OptionList).focus()

    def _focus_field(self, name: str) -> None:
        widget_id = "#steps-details" if name == "details" else f"#steps-{name}"
        self.query_one(widget_id, Widget).focus()

    def _in_form(self) -> bool:
        focused = self.screen.focused if self.is_attached else None
        form = self.query_one("#steps-form", VerticalScroll)
        return focused is not None and (focused is form or form in focused.ancestors)
