"""docs/format.md stays true to the vocabulary and the examples it shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kt_workbench.markdown import parse_document, render_document
from kt_workbench.markdown.front_matter import KNOWN_KEYS
from kt_workbench.markdown.vocabulary import (
    EDGE_CASE_LABELS,
    SECTION_HEADINGS,
    STEP_LABELS,
    TABLE_COLUMNS,
)
from kt_workbench.model import STATUSES

FORMAT = (Path(__file__).resolve().parent.parent / "docs" / "format.md").read_text("utf-8")
WORDS = sorted(
    {
        *(name for names in SECTION_HEADINGS.values() for name in names),
        *(name for names in STEP_LABELS.values() for name in names),
        *(name for names in EDGE_CASE_LABELS.values() for name in names),
        *(name for table in TABLE_COLUMNS.values() for names in table.values() for name in names),
    }
)


@pytest.mark.parametrize("word", WORDS)
def test_every_heading_label_and_column_name_is_documented(word: str) -> None:
    assert re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", FORMAT), word


@pytest.mark.parametrize("key", [*KNOWN_KEYS, *STATUSES])
def test_every_front_matter_key_and_status_is_documented(key: str) -> None:
    assert f"`{key}`" in FORMAT


def test_the_complete_example_reads_and_round_trips() -> None:
    example = FORMAT.split("````markdown\n", 1)[1].split("\n````", 1)[0]
    document = parse_document(example, "format.md")
    assert document.extra_sections == ()
    assert document.notes == ()
    assert len(document.steps) == 2
    assert document.steps[1].details.startswith("Partial refunds")
    assert document.decision_tree.nodes_by_key().keys() == {
        "start",
        "bank",
        "pending",
        "wait",
        "refund",
    }
    exported = render_document(document)
    assert parse_document(exported) == document
    assert render_document(document, diagram=False) == example + "\n"
