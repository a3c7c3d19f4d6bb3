"""Escapes are reversible, only added where markdown would read structure, and invisible."""

from __future__ import annotations

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from strategies import block_text, free_text, single_line

from kt_workbench.markdown import section_rules
from kt_workbench.markdown.block_escapes import BlockEscapes
from kt_workbench.markdown.escaping import (
    escape_cell,
    escape_heading_text,
    escape_line_start,
    split_row,
    unescape_heading_text,
    unescape_line_start,
)

CONTEXTS = {
    "top level": section_rules.TOP_LEVEL,
    "under level 3": section_rules.UNDER_H3,
    "step details": section_rules.STEP_DETAILS,
    "edge case details": section_rules.EDGE_CASE_DETAILS,
    **{f"{section} notes": rules for section, rules in section_rules.NOTE_RULES.items()},
}
_html = MarkdownIt("commonmark").enable("table")


def visible_text(markdown: str) -> str:
    """What a reader sees: the rendered HTML with its tags removed."""
    rendered = _html.render(markdown)
    text = []
    inside_tag = False
    for char in rendered:
        if char == "<":
            inside_tag = True
        elif char == ">":
            inside_tag = False
        elif not inside_tag:
            text.append(char)
    return html.unescape("".join(text).strip())


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(CONTEXTS)), block_text())
def test_block_escapes_are_undone_exactly(context: str, text: str) -> None:
    rules = CONTEXTS[context]
    assert rules.unescape(rules.escape(text)) == text


@settings(max_examples=150, deadline=None)
@given(free_text(), st.booleans())
def test_line_start_escapes_are_undone_exactly(value: str, keyed: bool) -> None:
    assert unescape_line_start(escape_line_start(value, keyed=keyed)) == value


@settings(max_examples=150, deadline=None)
@given(free_text())
def test_heading_escapes_are_undone_exactly(text: str) -> None:
    assert unescape_heading_text(escape_heading_text(text)) == text


@settings(max_examples=150, deadline=None)
@given(st.lists(single_line(), min_size=1, max_size=5))
def test_cells_split_back_into_what_was_written(cells: list[str]) -> None:
    row = "| " + " | ".join(escape_cell(cell) for cell in cells) + " |"
    assert split_row(row) == cells


@pytest.mark.parametrize(
    "value",
    [
        "**Important**: check twice",
        "_Only_ for card payments",
        "<b>Stop</b> the card",
        "| not | a table |",
        "=> next",
        "`code` first",
        "[link](https://example.com) first",
        "#hashtag",
        "1.5 times the amount",
        "->",
    ],
)
def test_text_that_stays_plain_is_not_escaped(value: str) -> None:
    assert escape_line_start(value) == value


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("# Heading", "\\# Heading"),
        ("- bullet", "\\- bullet"),
        ("* bullet", "\\* bullet"),
        ("+", "\\+"),
        ("1. numbered", "1\\. numbered"),
        ("2) numbered", "2\\) numbered"),
        ("> quote", "\\> quote"),
        ("```", "\\```"),
        ("~~~ fence", "\\~~~ fence"),
        ("<div>", "\\<div>"),
        ("<!-- comment", "\\<!-- comment"),
        ("***", "\\***"),
        ("[ref]: https://example.com", "\\[ref]: https://example.com"),
    ],
)
def test_text_that_would_read_as_structure_gets_one_invisible_backslash(
    value: str, escaped: str
) -> None:
    assert escape_line_start(value) == escaped
    assert unescape_line_start(escaped) == value
    assert visible_text(escaped) == value


def test_a_backslash_already_in_place_gets_one_more() -> None:
    assert escape_line_start("\\# typed") == "\\\\# typed"
    assert escape_line_start("3\\. typed") == "3\\\\. typed"
    assert unescape_line_start("\\\\# typed") == "\\# typed"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Intro\n\n## Not a section", "Intro\n\n\\## Not a section"),
        ("Intro\n---", "Intro\n\\---"),
        ("Intro\n\n---\n\nA rule above.", "Intro\n\n---\n\nA rule above."),
        ("# A level-1 heading is fine", "# A level-1 heading is fine"),
        ("```\n## inside code\n```", "```\n## inside code\n```"),
        ("```\nnever closed", "\\```\nnever closed"),
        ("<!-- never closed", "\\<!-- never closed"),
        ("<!-- closed -->\n## x", "<!-- closed -->\n\\## x"),
        ("<div>\n```\n</div>\n\n## Heading", "<div>\n```\n</div>\n\n\\## Heading"),
        ("```\n\\## typed by hand\n```", "```\n\\\\## typed by hand\n```"),
    ],
)
def test_top_level_text_is_escaped_only_where_it_would_split_the_document(
    text: str, escaped: str
) -> None:
    assert section_rules.TOP_LEVEL.escape(text) == escaped
    assert section_rules.TOP_LEVEL.unescape(escaped) == text


def test_each_section_escapes_what_it_would_read_as_its_own_structure() -> None:
    notes = section_rules.NOTE_RULES
    assert notes["procedure"].escape("Before:\n\n1. not a step") == "Before:\n\n1\\. not a step"
    assert notes["decision_tree"].escape("- not a branch") == "\\- not a branch"
    assert notes["scripts"].escape("### Not a script") == "\\### Not a script"
    table = "| System | Role |\n| --- | --- |\n| CRM | Agent |"
    assert notes["access_rights"].escape(table) == table.replace("\n| ---", "\n\\| ---")
    other_table = "| Vendor | Contract |\n| --- | --- |\n| Acme | 2026 |"
    assert notes["access_rights"].escape(other_table) == other_table
    assert notes["glossary"].escape(table) == table


def test_field_lookalikes_keep_their_bullet_and_lose_the_label() -> None:
    details = "- Role: not a field\n- **System**: nor this\n- Ordinary bullet"
    escaped = section_rules.STEP_DETAILS.escape(details)
    assert escaped == "- Role\\: not a field\n- **System**\\: nor this\n- Ordinary bullet"
    assert visible_text(escaped) == visible_text(details)
    # Inside a step's list item an open fence ends with the item, so it stays as written.
    assert section_rules.STEP_DETAILS.escape("```\nopen") == "```\nopen"
    assert section_rules.EDGE_CASE_DETAILS.escape("```\nopen") == "\\```\nopen"


def test_escapes_are_invisible_once_rendered() -> None:
    text = "Intro\n\n## Not a section\n\n1. item\n\n- bullet\n\n```\nopen fence"
    for rules in (section_rules.TOP_LEVEL, *section_rules.NOTE_RULES.values()):
        escaped = rules.escape(text)
        assert "\\" not in visible_text(escaped)


def test_a_deeply_nested_line_can_be_escaped_without_recursion_trouble() -> None:
    text = "1. " * 400 + "deep"
    assert BlockEscapes(lists=("ordered_list",)).escape(text).startswith("1\\. 1. ")


def test_text_that_keeps_uncovering_structure_has_every_risky_line_escaped() -> None:
    # Each open comment hides the next one: after a few passes every such line is escaped.
    text = "\n".join(["<!--"] * 300 + ["## x", "```", "inside"])
    escaped = section_rules.TOP_LEVEL.escape(text)
    assert escaped.split("\n") == ["\\<!--"] * 300 + ["\\## x", "\\```", "inside"]
    assert section_rules.TOP_LEVEL.unescape(escaped) == text
