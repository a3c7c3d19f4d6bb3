"""The real ``ktw`` in tmux builds a complete process by keys and reaches readiness ``ready``.

A new process starts from the template; the overview is filled field by field, and each
section's example item is overwritten (more items added) in the section's structured view,
through the keys every item list shares; the decision tree's example question and its two
outcomes are rewritten line by line in the tree view's form. No section is typed as
markdown. Skipped without tmux, as the other terminal test.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from pathlib import Path

from kt_workbench.checker import check_library
from kt_workbench.model import DecisionTree
from kt_workbench.store import ProcessStore
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
TABLES = ("access_rights", "metrics", "contacts", "glossary")
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
# on main as well): the next key waits until the typed text is on the screen, then a moment.
SETTLE = 0.25
ECHO_TIMEOUT = 5.0


def type_in(term: Terminal, text: str) -> None:
    tail = text.split()[-1][-8:]  # the end of the last word: on screen once typed
    before = term.screen().count(tail)
    term.type(text)
    deadline = time.monotonic() + ECHO_TIMEOUT
    while term.screen().count(tail) <= before and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(SETTLE)


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


def wait_for_form(term: Terminal, section: str, index: int) -> None:
    """Until the form says it edits item ``index``: keys typed before it has the cursor
    would go to the list."""
    heading = f"Editing {section.replace('_', ' ')}: "
    item = f"row {index + 1} " if section in TABLES else f"{index + 1}. "
    deadline = time.monotonic() + 10
    while heading + item not in term.screen():
        assert time.monotonic() < deadline, f"the form never opened: {term.screen()}"
        time.sleep(0.1)


def build_as_items(term: Terminal, section: str, items: Sequence[object]) -> None:
    """The example item overwritten (Enter edits it), each further item added after (a)."""
    for index, item in enumerate(items):
        term.keys("Enter" if index == 0 else "a")
        if section != "procedure":  # the steps' form is always shown; the others open
            wait_for_form(term, section, index)
        time.sleep(0.3)
        values = [(key, str(getattr(item, key))) for key in FORM_FIELDS[section]]
        fill_form(term, section, values)
        if section != "procedure":  # the form closes and the list has the cursor again
            term.wait_gone("Editing ", timeout=10)
        time.sleep(0.3)


def tree_lines(tree: DecisionTree) -> list[tuple[tuple[str, str], ...]]:
    """The tree's lines in the order the view shows them, each as the form's fields: a
    top-level question's key and text; an answer's words, and its node's key and text."""
    lines: list[tuple[tuple[str, str], ...]] = []

    def under(node: object) -> None:
        for branch in getattr(node, "branches", ()):
            assert branch.node is not None, "the test's tree has no jumps"
            child = branch.node
            lines.append((("answer", branch.answer), ("key", child.key), ("text", child.text)))
            under(child)

    for item in tree.items:
        lines.append((("key", item.key), ("text", item.text)))
        under(item)
    return lines


def build_tree(term: Terminal, tree: DecisionTree) -> None:
    """The template's example tree has the target's shape (a question, two outcomes): each
    line is opened (Enter), its fields overwritten, Enter ends it; Down to the next line."""
    for number, values in enumerate(tree_lines(tree)):
        if number:
            term.keys("Down")
        term.keys("Enter")
        time.sleep(0.3)
        fill_form(term, "decision_tree", values)
        time.sleep(0.3)


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
    term.wait_for("new, not saved yet", "Give the process a title")

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

    for section in SECTIONS:
        term.keys("M-Right")  # the next tab, with the cursor in its item list
        time.sleep(0.5)
        if section == "decision_tree":
            build_tree(term, target.decision_tree)
        else:
            build_as_items(term, section, getattr(target, ITEMS_OF[section]))
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
