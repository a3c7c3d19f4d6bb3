"""Hostile user text for the workbench tests, and a reader of what each widget shows.

Markup-like brackets, markdown links, emoji, right-to-left text, combining marks, a
10,000-character word and empty values: anything a process owner may type or import.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, DataTable, Input, OptionList, Static, TextArea, Tree
from textual.widgets.tree import TreeNode

from kt_workbench.markdown import parse_document
from kt_workbench.model import ProcessDocument
from kt_workbench.store import ProcessStore
from kt_workbench.tui.widgets.row_list import RowList

LONG_WORD = "W" * 10_000
TITLE = "Reset a password via [/account/reset] [b] 🧾"
TWIN_TITLE = "Reset a password via [/account/reset] [b] 🧾 (copy)"
OWNER = "[bold red]Ana[/] שלום"
TEAM = "[/x] Team $title"
QUESTION = "Is the refund over [/b] 50 EUR?"
OUTCOME = "escalate [/account/reset]"
DANGLING = "/orders/search"
LINK = "[refund policy](https://help.example/refund)"
COMBINING = "Cafe\u0301 مرحبا"
STEP = "Open [/orders/search] and type [b]id[/b] [@click=app.quit]quit[/]."
# Strings every hostile screen must show whole (each is short enough to fit a cell).
SHORT = (TITLE, OWNER, TEAM, QUESTION, OUTCOME, DANGLING, LINK, COMBINING)


def _markdown(title: str, process_id: str, volume: int, purpose_extra: str = "") -> str:
    return f"""---
id: {process_id}
title: "{title}"
owner: "{OWNER}"
team: "{TEAM}"
status: approved
channels: [phone]
volume_per_month: {volume}
---
# {title}

## Purpose

Help with {LINK} — {COMBINING} [/x] {purpose_extra}

## Steps

1. {STEP}
   - Role: Agent [b]
   - System: Zendesk
   - Done when: [text](url) done.

## Decision tree

- [a] {QUESTION}
  - Yes → [big] Outcome: {OUTCOME}
  - No → goto [{DANGLING}]
  - Not sure → goto [a]
"""


def hostile_documents() -> list[ProcessDocument]:
    """Two near-duplicates full of hostile text, one 10,000-character title, one nearly empty."""
    sources = (
        _markdown(TITLE, "reset-password", 1200, LONG_WORD),
        _markdown(TWIN_TITLE, "reset-password-copy", 1300, LONG_WORD),
        _markdown(LONG_WORD, "long-title", 5000),
        '---\nid: bare\ntitle: "[/]"\n---\n# [/]\n',
    )
    return [parse_document(text, f"hostile-{n}.md") for n, text in enumerate(sources)]


def hostile_db(folder: Path) -> Path:
    path = folder / "hostile.db"
    with ProcessStore.open(path) as store:
        store.save_many(hostile_documents())
    return path


def plain(value: object) -> str:
    if isinstance(value, Text | Content):
        return value.plain
    if isinstance(value, str):
        return value
    return str(value)


def _tree_labels(node: TreeNode[object]) -> list[str]:
    labels = [plain(node.label)]
    for child in node.children:
        labels.extend(_tree_labels(child))
    return labels


def widget_text(widget: Widget) -> list[str]:
    """What ``widget`` shows, from its content rather than the screen, so nothing is cut."""
    if isinstance(widget, DataTable):
        return [plain(cell) for key in widget.rows for cell in widget.get_row(key)]
    if isinstance(widget, RowList):
        return [plain(widget.get_cell(row, key)) for row in widget.ids for key in widget.widths]
    if isinstance(widget, Tree):
        return _tree_labels(widget.root)
    if isinstance(widget, OptionList):
        return [
            plain(widget.get_option_at_index(index).prompt) for index in range(widget.option_count)
        ]
    if isinstance(widget, Input):
        return [widget.value]
    if isinstance(widget, TextArea):
        return [widget.text]
    if isinstance(widget, Button):
        return [plain(widget.label)]
    if isinstance(widget, Static):
        return [plain(widget.render())]
    return []


def screen_text(screen: Screen[object]) -> str:
    parts = [part for widget in screen.query("*") for part in widget_text(widget)]
    return "\n".join(parts)


def missing(expected: tuple[str, ...] | list[str], shown: str) -> list[str]:
    return [text for text in expected if text not in shown]
