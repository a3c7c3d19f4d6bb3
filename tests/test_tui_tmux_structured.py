"""The real ``ktw`` in tmux builds a complete process by keys and reaches readiness ``ready``.

A new process starts from the template; the overview is filled field by field, and each
section's example item is overwritten (more items added) in the section's structured view,
through the keys every item list shares. A section whose view is not registered, or whose
view has no key script here yet (the decision tree), is typed as its source instead, so the
test holds whatever views the workbench ships. Skipped without tmux, as the other terminal
test.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from kt_workbench.checker import check_library
from kt_workbench.editing import fields_from_document
from kt_workbench.store import ProcessStore
from kt_workbench.tui.structured.registry import STRUCTURED_VIEWS
from tests.test_tui_tmux import Terminal, database, pytestmark, terminal  # noqa: F401
from tests.tmux_process import OVERVIEW, PURPOSE, SCOPE, TITLE, target_document

OVERVIEW_ORDER = (
    "title",
    "id",
    "owner",
    "team",
    "channels",
    "volume_per_month",
    "last_reviewed",
    "review_every_days",
    "tags",
)
SECTIONS = (
    "procedure",
    "scripts",
    "decision_tree",
    "access_rights",
    "edge_cases",
    "metrics",
    "contacts",
    "glossary",
)
# The item fields typed in each view's form, in their order, and those that span lines.
FORM_FIELDS: dict[str, tuple[str, ...]] = {
    "procedure": ("text", "role", "system", "done_when"),
    "scripts": ("title", "body"),
    "access_rights": ("system", "role", "access", "how_to_request", "approver"),
    "edge_cases": ("title", "when", "handle", "escalate_to"),
    "metrics": ("name", "baseline", "target_30", "target_60", "target_90"),
    "contacts": ("role", "name", "channel", "hours"),
    "glossary": ("term", "meaning"),
}
MULTILINE = {("scripts", "body")}
ITEMS_OF = {
    "procedure": "steps",
    "scripts": "scripts",
    "access_rights": "access_rights",
    "edge_cases": "edge_cases",
    "metrics": "metrics",
    "contacts": "contacts",
    "glossary": "glossary",
}


# A key sent right after typed text is sometimes lost by the terminal's reader (Tab included,
# on main as well): typing pauses before the next key.
AFTER_TYPING = 1.0


def type_in(term: Terminal, text: str) -> None:
    term.type(text)
    time.sleep(AFTER_TYPING)


def fill_form(term: Terminal, section: str, values: Sequence[tuple[str, str]]) -> None:
    """Overwrite the open form's fields in order; the last one ends the edit."""
    for number, (key, value) in enumerate(values):
        last = number == len(values) - 1
        if (section, key) in MULTILINE:
            term.keys("F7", "Delete")  # select all, then delete
        else:
            term.keys("End", "C-u")  # the cursor to the end, then everything before it
        type_in(term, value)
        if last and (section, key) not in MULTILINE:
            term.keys("Enter")  # a one-line field: Enter ends the edit
        else:
            term.keys("Tab")  # the next field; past the last, the edit ends


def build_as_items(term: Terminal, section: str, items: Sequence[object]) -> None:
    """The example item overwritten (Enter edits it), each further item added after (a)."""
    for index, item in enumerate(items):
        term.keys("Enter" if index == 0 else "a")
        time.sleep(0.3)
        values = [(key, str(getattr(item, key))) for key in FORM_FIELDS[section]]
        fill_form(term, section, values)
        time.sleep(0.3)


def type_source(term: Terminal, text: str) -> None:
    term.keys("F7", "Delete")
    for number, line in enumerate(text.split("\n")):
        if number:
            term.keys("Enter")
        if line:
            type_in(term, line)


def scripted(section: str) -> bool:
    """Whether this section is built in its structured view here."""
    return section in STRUCTURED_VIEWS and section in FORM_FIELDS


@pytest.mark.skip(
    reason="Tab presses sent by tmux right after typed text are lost on the overview form "
    "(typing lands in the title; seen on main too): to be made reliable before it runs"
)
def test_a_process_is_built_with_structured_editing_and_reaches_ready(
    terminal: Terminal,  # noqa: F811
    database: Path,  # noqa: F811
) -> None:
    term = terminal
    today = dt.date.today()
    target = target_document(today)
    term.run_ktw(database)
    term.wait_for("Process library")
    term.keys("C-n")
    term.wait_for("new, not saved yet")
    time.sleep(2)  # the first check of the new process settles before the first Tab

    # The overview, Tab by Tab from the title, which has the cursor.
    assert target.last_reviewed is not None
    values = {**OVERVIEW, "last_reviewed": target.last_reviewed.isoformat()}
    for key in OVERVIEW_ORDER:
        if values.get(key):
            type_in(term, values[key])
        term.keys("Tab")
    term.keys("Enter")  # the status list opens on "draft"
    time.sleep(0.3)
    term.keys("Down", "Down", "Enter")  # approved
    term.keys("Tab", "Tab")  # past the introduction, to the purpose
    type_in(term, PURPOSE)
    term.keys("Tab")
    type_in(term, SCOPE)
    term.wait_for(f"{TITLE} •", "unsaved changes")

    fields = fields_from_document(target)
    for section in SECTIONS:
        term.keys("M-Right")  # the next tab: the cursor in its item list, or its text
        time.sleep(0.5)
        if scripted(section):
            build_as_items(term, section, getattr(target, ITEMS_OF[section]))
        else:
            if section in STRUCTURED_VIEWS:
                term.keys("F2")  # this view has no key script here: its source
                time.sleep(0.3)
            type_source(term, fields[section])
        time.sleep(0.5)

    term.wait_for("100 ready")
    term.keys("C-s")
    term.wait_for(f"Saved '{TITLE}'")
    with ProcessStore.open(database) as store:
        stored = store.get(target.id)
        assert stored is not None
        for name in (*ITEMS_OF.values(), "decision_tree", "purpose", "scope", "owner", "status"):
            assert getattr(stored, name) == getattr(target, name), name
        documents = [store.get(pid) for pid in store.ids()]
    reports = check_library([doc for doc in documents if doc], today=today).by_id()
    assert reports[target.id].readiness == "ready"
    term.keys("C-q")
    term.wait_for("KTW-EXITED=0")
