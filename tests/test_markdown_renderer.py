"""Writing process documents: the canonical layout, notes, the Mermaid drawing."""

from __future__ import annotations

import datetime as dt
import re

from kt_workbench.markdown import parse_document, render_document
from kt_workbench.markdown.mermaid import render_mermaid
from kt_workbench.model import (
    AccessRight,
    Branch,
    DecisionTree,
    EdgeCase,
    ExtraSection,
    GlossaryEntry,
    Node,
    NodeKind,
    ProcessDocument,
    Script,
    SectionNote,
    Step,
)

TREE = DecisionTree(
    (
        Node(
            NodeKind.QUESTION,
            "Is the charge older than 120 days?",
            "start",
            (
                Branch("Yes", Node(NodeKind.OUTCOME, 'Say "chargeback" <now> #1 a|b', "bank")),
                Branch("No", goto="start"),
                Branch("Maybe", goto="nobody"),
                Branch("Later"),
            ),
        ),
    )
)


def test_a_small_document_renders_exactly_in_the_canonical_layout() -> None:
    document = ProcessDocument(
        id="lost-card",
        title="Block a lost card",
        owner="Ana",
        status="in-review",
        channels=("phone",),
        last_reviewed=dt.date(2026, 1, 31),
        extra_front_matter="x-reviewer: Sam",
        purpose="Stop fraud fast.",
        steps=(
            Step("Verify the caller.", role="Agent", done_when="Two answers match."),
            Step("Block the card.", system="Cards admin", details="Never read the PAN aloud."),
        ),
        scripts=(Script("Blocked", "Your card is blocked.\n\nA new one is on its way."),),
        edge_cases=(EdgeCase("Card found again", handle="Keep it blocked."),),
        glossary=(GlossaryEntry("PAN", "Card number | long form"),),
        notes=(SectionNote("procedure", "Use the script below."),),
        extra_sections=(ExtraSection("History", "Written in 2026."),),
    )
    assert render_document(document) == (
        "---\n"
        "id: lost-card\n"
        "title: Block a lost card\n"
        "owner: Ana\n"
        "status: in-review\n"
        "channels: [phone]\n"
        "last_reviewed: 2026-01-31\n"
        "x-reviewer: Sam\n"
        "---\n"
        "\n"
        "# Block a lost card\n"
        "\n"
        "## Purpose\n"
        "\n"
        "Stop fraud fast.\n"
        "\n"
        "## Procedure\n"
        "\n"
        "Use the script below.\n"
        "\n"
        "1. Verify the caller.\n"
        "   - Role: Agent\n"
        "   - Done when: Two answers match.\n"
        "2. Block the card.\n"
        "   - System: Cards admin\n"
        "\n"
        "   Never read the PAN aloud.\n"
        "\n"
        "## Scripts\n"
        "\n"
        "### Blocked\n"
        "\n"
        "> Your card is blocked.\n"
        ">\n"
        "> A new one is on its way.\n"
        "\n"
        "## Edge cases\n"
        "\n"
        "### Card found again\n"
        "\n"
        "- Handle: Keep it blocked.\n"
        "\n"
        "## Glossary\n"
        "\n"
        "| Term | Meaning |\n"
        "| --- | --- |\n"
        "| PAN | Card number \\| long form |\n"
        "\n"
        "## History\n"
        "\n"
        "Written in 2026.\n"
    )
    assert parse_document(render_document(document)) == document


def test_notes_come_before_the_structured_part_of_their_section() -> None:
    document = ProcessDocument(
        id="p",
        title="T",
        decision_tree=TREE,
        access_rights=(AccessRight("CRM"),),
        notes=(
            SectionNote("overview", "Read me first."),
            SectionNote("decision_tree", "Ask in this order."),
            SectionNote("access_rights", "Request a week ahead."),
        ),
    )
    text = render_document(document)
    assert text.index("# T\n\nRead me first.\n\n## ") > 0
    assert text.index("Ask in this order.") < text.index("- [start]") < text.index("```mermaid")
    assert text.index("Request a week ahead.") < text.index("| System |")


def test_the_mermaid_drawing_is_a_quoted_flowchart_with_missing_jumps_drawn() -> None:
    drawing = render_mermaid(TREE)
    lines = drawing.split("\n")
    assert lines[:2] == ["```mermaid", "flowchart TD"]
    assert lines[-1] == "```"
    assert '  n1{"Is the charge older than 120 days?"}' in lines
    assert '  n2(["Say #quot;chargeback#quot; #lt;now#gt; #35;1 a#124;b"])' in lines
    assert '  n1 -->|"Yes"| n2' in lines
    assert '  n1 -->|"No"| n1' in lines  # a loop back to a keyed node
    assert '  m1[/"missing [nobody]"/]' in lines
    assert '  n1 -->|"Maybe"| m1' in lines
    assert '  m2[/"nothing"/]' in lines
    assert '  n1 -->|"Later"| m2' in lines
    for line in lines[2:-1]:
        assert re.fullmatch(
            r'  (?:[nm]\d+(?:\{".*"\}|\(\[".*"\]\)|\[/".*"/\])|[nm]\d+ -->\|".*"\| [nm]\d+)', line
        ), line


def test_the_drawing_can_be_left_out_and_is_never_read_back() -> None:
    document = ProcessDocument(id="p", title="T", decision_tree=TREE)
    with_drawing = render_document(document)
    without = render_document(document, diagram=False)
    assert "```mermaid" in with_drawing
    assert "```mermaid" not in without
    assert parse_document(with_drawing) == parse_document(without) == document


def test_a_drawing_numbers_nodes_in_document_order_even_when_a_node_is_shared() -> None:
    shared = Node(NodeKind.OUTCOME, "Done")
    tree = DecisionTree(
        (Node(NodeKind.QUESTION, "Q?", "", (Branch("A", shared), Branch("B", shared))),)
    )
    drawing = render_mermaid(tree)
    assert '  n2(["Done"])' in drawing
    assert '  n3(["Done"])' in drawing
    assert '  n1 -->|"B"| n3' in drawing


def test_empty_sections_are_left_out() -> None:
    text = render_document(ProcessDocument(id="p", title="T"))
    assert text == "---\nid: p\ntitle: T\nstatus: draft\n---\n\n# T\n"


def test_an_unknown_section_named_like_an_empty_known_one_stays_unknown() -> None:
    document = ProcessDocument(
        id="p", title="T", extra_sections=(ExtraSection("Glossary", "| Term |\n| --- |\n| X |"),)
    )
    text = render_document(document)
    assert "## Glossary\n\n## Glossary\n\n" in text
    assert parse_document(text) == document


def test_a_step_without_text_or_fields_opens_its_details_on_the_next_line() -> None:
    document = ProcessDocument(id="p", title="T", steps=(Step("", details="- first\n- second"),))
    assert "1.\n   - first\n   - second" in render_document(document)
    assert parse_document(render_document(document)) == document


def test_an_empty_first_answer_gets_a_blank_line_so_it_is_not_read_as_an_underline() -> None:
    tree = DecisionTree((Node(NodeKind.QUESTION, "Q?", "", (Branch(""), Branch("Yes"))),))
    document = ProcessDocument(id="p", title="T", decision_tree=tree)
    assert "- Q?\n\n  -\n  - Yes" in render_document(document)
    assert parse_document(render_document(document)) == document


def test_only_text_that_would_read_as_structure_is_escaped() -> None:
    document = ProcessDocument(
        id="p",
        title="Refunds #2 ##",
        steps=(Step("**Important**: check _twice_"), Step("# not a heading")),
    )
    text = render_document(document)
    assert "# Refunds #2 \\##\n" in text
    assert "1. **Important**: check _twice_\n" in text
    assert "2. \\# not a heading\n" in text
    assert parse_document(text) == document


def test_front_matter_quotes_values_yaml_would_misread() -> None:
    document = ProcessDocument(
        id="p",
        title="2024",
        owner="yes",
        team="a: b",
        tags=("#billing", "x, y"),
        channels=("a\x85b",),
    )
    text = render_document(document)
    assert "title: '2024'" in text
    assert "owner: 'yes'" in text
    assert 'channels: ["a\\Nb"]' in text
    assert parse_document(text) == document
