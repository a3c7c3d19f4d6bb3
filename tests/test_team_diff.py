"""Diffs between revisions: the unified markdown diff and the section-level summary."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from kt_workbench.markdown import render_document
from kt_workbench.model import (
    SECTION_NAMES,
    STATUSES,
    AccessRight,
    Branch,
    Contact,
    DecisionTree,
    EdgeCase,
    ExtraSection,
    GlossaryEntry,
    Metric,
    Node,
    NodeKind,
    ProcessDocument,
    Script,
    SectionNote,
    Step,
)
from kt_workbench.team import SectionChange, summarize_changes, unified_markdown_diff
from kt_workbench.team.diff import summarize_markdown_changes

BASE = ProcessDocument(
    id="refund",
    title="Refund a charge",
    owner="Priya",
    status="draft",
    purpose="Give the money back.",
    steps=(Step("Find the charge"), Step("Check the order"), Step("Refund it")),
    scripts=(Script("Opening", "Hello."),),
    decision_tree=DecisionTree(
        (Node(NodeKind.QUESTION, "Older than 120 days?", "start", (Branch("Yes", goto="bank"),)),)
    ),
    access_rights=(AccessRight("Stripe", "Agent", "Refunds"),),
    glossary=(GlossaryEntry("PSP", "Payment service provider"),),
    extra_sections=(ExtraSection("History", "Written in 2024."),),
)


def _summary(new: ProcessDocument, old: ProcessDocument = BASE) -> list[str]:
    return [str(change) for change in summarize_changes(old, new)]


def test_equal_documents_have_no_changes() -> None:
    assert summarize_changes(BASE, BASE) == []
    assert summarize_changes(None, None) == []


def test_front_matter_changes_show_short_values() -> None:
    edited = dataclasses.replace(BASE, status="approved", owner="Sam", tags=("refunds",))
    assert _summary(edited) == ["Details: owner Priya → Sam; status draft → approved; tags changed"]
    long_title = dataclasses.replace(BASE, title="A" * 60)
    assert _summary(long_title) == ["Details: title changed"]


def test_item_sections_count_added_changed_and_removed_items() -> None:
    steps = (Step("Find the charge"), Step("Check the order twice"), Step("Refund it"), Step("Log"))
    assert _summary(dataclasses.replace(BASE, steps=steps)) == [
        "Procedure: 1 added, 1 changed (3 → 4 steps)"
    ]
    assert _summary(dataclasses.replace(BASE, steps=BASE.steps[:1])) == [
        "Procedure: 2 removed (3 → 1 step)"
    ]
    assert _summary(dataclasses.replace(BASE, glossary=())) == [
        "Glossary: 1 removed (1 → 0 glossary entries)"
    ]


def test_text_sections_notes_trees_and_unknown_sections() -> None:
    edited = dataclasses.replace(
        BASE,
        purpose="",
        scope="Card payments only.",
        notes=(SectionNote("procedure", "Ask a lead first."),),
        decision_tree=DecisionTree(
            (Node(NodeKind.QUESTION, "Older than 90 days?", "start", (Branch("Yes", goto="x"),)),)
        ),
        extra_sections=(ExtraSection("History", "Rewritten."), ExtraSection("FAQ", "Q and A")),
    )
    assert _summary(edited) == [
        "Purpose: removed",
        "Scope: added",
        "Procedure: notes added",
        "Decision tree: changed (1 nodes)",
        "History: changed",
        "FAQ: added",
    ]


def test_a_whole_process_added_or_removed() -> None:
    assert summarize_changes(None, BASE) == [
        SectionChange("process", "Process", "added (whole process)")
    ]
    assert [c.summary for c in summarize_changes(BASE, None)] == ["removed (whole process)"]


def test_rearranged_notes_still_count_as_a_change() -> None:
    one = dataclasses.replace(BASE, notes=(SectionNote("scripts", "a\n\nb"),))
    two = dataclasses.replace(
        BASE, notes=(SectionNote("scripts", "a"), SectionNote("scripts", "b"))
    )
    assert _summary(two, one) == ["Layout: sections or notes rearranged"]


# Few distinct values per field, so that drawn versions are often equal in some sections and
# differ in others (also by order, or by how text is split between notes).
_small = st.sampled_from(["", "a", "b", "a\n\nb"])


def _few(strategy: st.SearchStrategy) -> st.SearchStrategy[tuple]:
    return st.lists(strategy, max_size=2).map(tuple)


versions = st.builds(
    ProcessDocument,
    id=st.just("refund"),
    title=st.sampled_from(["Refund", "Refund a charge"]),
    owner=_small,
    status=st.sampled_from(STATUSES),
    channels=_few(st.sampled_from(["phone", "email"])),
    volume_per_month=st.none() | st.integers(0, 2),
    tags=_few(_small),
    extra_front_matter=_small,
    purpose=_small,
    scope=_small,
    steps=_few(st.builds(Step, _small, _small)),
    scripts=_few(st.builds(Script, _small, _small)),
    decision_tree=st.sampled_from(
        [DecisionTree(), BASE.decision_tree, DecisionTree((Node(NodeKind.OUTCOME, "Done"),))]
    ),
    access_rights=_few(st.builds(AccessRight, _small)),
    edge_cases=_few(st.builds(EdgeCase, _small, _small)),
    metrics=_few(st.builds(Metric, _small, _small)),
    contacts=_few(st.builds(Contact, _small)),
    glossary=_few(st.builds(GlossaryEntry, _small, _small)),
    notes=_few(st.builds(SectionNote, st.sampled_from(SECTION_NAMES), _small)),
    extra_sections=_few(st.builds(ExtraSection, st.sampled_from(["History", "FAQ"]), _small)),
)


@settings(max_examples=100, deadline=None)
@given(versions, versions)
def test_the_summary_is_empty_exactly_when_the_versions_are_equal(
    first: ProcessDocument, second: ProcessDocument
) -> None:
    for old, new in ((first, first), (first, second)):
        assert (summarize_changes(old, new) == []) == (old == new)


def test_the_unified_diff_shows_changed_lines_with_labels() -> None:
    old = render_document(BASE, diagram=False)
    new = render_document(dataclasses.replace(BASE, status="approved"), diagram=False)
    diff = unified_markdown_diff(old, new, "refund version 1", "refund version 2")
    assert diff.startswith("--- refund version 1\n+++ refund version 2\n@@ ")
    assert "\n-status: draft\n+status: approved\n" in diff
    assert unified_markdown_diff(old, old, "a", "b") == ""
    assert unified_markdown_diff("a", "b", "x", "y").endswith("-a\n+b\n")


@given(st.lists(st.sampled_from(["x", "## Scripts", "## Procedure", "text", ""]), max_size=8))
def test_the_markdown_fallback_finds_changed_sections(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert summarize_markdown_changes(text, text) == []
    changed = summarize_markdown_changes(text, text + "\n## Scripts\n\nnew words\n")
    assert changed != []


def test_the_markdown_fallback_names_sections_by_their_headings() -> None:
    old = render_document(BASE, diagram=False)
    new = render_document(
        dataclasses.replace(BASE, status="approved", scripts=(Script("Opening", "Hi."),)),
        diagram=False,
    )
    assert [str(c) for c in summarize_markdown_changes(old, new)] == [
        "Details: changed",
        "Scripts: changed",
    ]
