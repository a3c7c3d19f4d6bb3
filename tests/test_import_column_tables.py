"""Tables read as access rights, metrics, contacts or glossary from their columns alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kt_workbench.adopting import read_adopting
from kt_workbench.converting import convert_html
from kt_workbench.errors import InputError
from kt_workbench.importing import ImportErrors, load_files
from kt_workbench.markdown import parse_document, render_document
from kt_workbench.markdown.mermaid import render_mermaid
from kt_workbench.markdown.parser import DEFAULT_OPTIONS
from kt_workbench.markdown.vocabulary import DEFAULT_VOCABULARY
from tests.rendered_blocks import rendered_blocks
from tests.strategies import markdown_texts


def _adopt(text: str) -> tuple[object, list[str]]:
    parsed, adoption = read_adopting(text, "page.md", DEFAULT_OPTIONS, "adopt", "Page")
    return parsed.document, adoption.notes


def _stable(text: str) -> str:
    """Export, then import and export again: the same text."""
    document, _ = _adopt(text)
    exported = render_document(document)  # type: ignore[arg-type]
    again, _ = _adopt(exported)
    assert render_document(again) == exported  # type: ignore[arg-type]
    return exported


_PAGE = (
    "# Refunds\n\nIntro.\n\n## Who to ask\n\nOur directory:\n\n"
    "| Role | Name | Channel | Hours |\n| --- | --- | --- | --- |\n| Lead | Ana | Slack | 9-5 |\n\n"
    "Ask in the channel first.\n\n## Later\n\nMore text.\n"
)


def test_a_contacts_table_in_an_unknown_section_is_read_as_contacts_in_place() -> None:
    document, notes = _adopt(_PAGE)
    assert [(c.role, c.name) for c in document.contacts] == [("Lead", "Ana")]  # type: ignore[attr-defined]
    assert notes == ["a table in section 'Who to ask' read as contacts from its columns"]
    exported = _stable(_PAGE)
    # Nothing moves: the section's text, the table, the text after it, the next section.
    order = ["Our directory:", "| Lead | Ana |", "Ask in the channel first.", "## Later"]
    positions = [exported.index(part) for part in order]
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    ("header", "section"),
    [
        ("| System | Role | Access | Approver |", "access_rights"),
        ("| Application | Access level | Request via |", "access_rights"),
        ("| Metric | Baseline | 30 days | 60 days | 90 days |", "metrics"),
        ("| KPI | Today | Day 90 |", "metrics"),
        ("| Level | Contact | When |", "contacts"),
        ("| Term | Meaning |", "glossary"),
        ("| Acronym | Definition |", "glossary"),
    ],
)
def test_each_kind_of_table_is_found_by_its_columns(header: str, section: str) -> None:
    columns = header.count("|") - 1
    text = f"# P\n\n## Reference\n\n{header}\n|{'---|' * columns}\n|{' x |' * columns}\n"
    document, notes = _adopt(text)
    assert len(getattr(document, section)) == 1
    assert notes and section.replace("_", " ") in notes[0]
    _stable(text)


@pytest.mark.parametrize(
    "header",
    [
        "| Name | Role |",  # two common columns: could be anything
        "| System | Owner |",  # a column the format does not know
        "| Role | Name |",  # contacts need three columns
        "| Metric | Owner | Baseline |",  # not every column known
        "| Term |",  # a glossary needs the meaning too
    ],
)
def test_tables_without_enough_known_columns_stay_text(header: str) -> None:
    columns = header.count("|") - 1
    text = f"# P\n\n## Reference\n\n{header}\n|{'---|' * columns}\n|{' x |' * columns}\n"
    document, notes = _adopt(text)
    assert notes == []
    assert document.extra_sections[0].body.startswith(header)  # type: ignore[attr-defined]


def test_a_file_with_the_section_keeps_other_tables_as_text() -> None:
    text = (
        "# P\n\n## Escalation contacts\n\n| Role | Name | Channel |\n|---|---|---|\n"
        "| L | A | S |\n\n"
        "## Old directory\n\n| Role | Name | Channel |\n|---|---|---|\n| X | Y | Z |\n"
    )
    document, notes = _adopt(text)
    assert [c.name for c in document.contacts] == ["A"]  # type: ignore[attr-defined]
    assert notes == []
    assert "| X | Y | Z |" in document.extra_sections[0].body  # type: ignore[attr-defined]


def test_a_table_before_any_section_is_read_after_the_title() -> None:
    text = "# P\n\n| Term | Meaning |\n|---|---|\n| SLA | Service level agreement |\n\nAfter.\n"
    document, notes = _adopt(text)
    assert [g.term for g in document.glossary] == ["SLA"]  # type: ignore[attr-defined]
    assert notes == ["a table in the text before any section read as glossary from its columns"]
    _stable(text)


def test_files_in_our_format_are_read_as_written() -> None:
    # Strict reading (a ktw file) never moves a table out of the section it is in.
    text = "# P\n\n## Reference\n\n| Term | Meaning |\n|---|---|\n| SLA | Service level |\n"
    document = parse_document(text)
    assert document.glossary == ()
    assert "| SLA | Service level |" in document.extra_sections[0].body


def test_a_table_in_an_html_page_is_found_by_its_columns() -> None:
    html = (
        b"<html><body><h1>Refunds</h1><h2>People</h2><table>"
        b"<tr><th>Role</th><th>Name</th><th>Channel</th></tr>"
        b"<tr><td>Lead</td><td>Ana</td><td>Slack</td></tr></table></body></html>"
    )
    markdown = convert_html(html, DEFAULT_VOCABULARY).markdown
    document, notes = _adopt(markdown)
    assert [c.name for c in document.contacts] == ["Ana"]  # type: ignore[attr-defined]
    assert notes == ["a table in section 'People' read as contacts from its columns"]


_ROW_LINES = st.sampled_from(
    [
        "| Role | Name | Channel | Hours |",
        "| System | Role | Access |",
        "| Metric | Baseline | 90 days |",
        "| Term | Meaning |",
        "| Name | Role |",
        "| Rolle | Name | Kontakt | Erreichbarkeit |",
        "| Système | Accès | Approbateur | Justification |",
        "| システム | 権限 | 承認者 |",
        "| Indicador | Línea base | Objetivo a 90 días |",
        "| ＴＥＲＭ： | meaning |",
        "|---|---|---|---|",
        "|---|---|---|",
        "|---|---|",
        "| :--- | ---: | :-: |",
        "| a | b | c | d |",
        "| x \\| y | z |",
        "",
        "## Who to ask",
        "## Escalation contacts",
        "## Glossary",
        "### Term",
        "# Title",
        "Some text.",
        "- a bullet",
        "1. a step",
    ]
)


def _export_is_stable(text: str) -> tuple[object, str] | None:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    try:
        document, _ = _adopt(text)
    except InputError:
        return None  # broken front matter: refused, as it should be
    exported = render_document(document)  # type: ignore[arg-type]
    again, _ = _adopt(exported)
    assert render_document(again) == exported  # type: ignore[arg-type]
    return document, exported


@settings(max_examples=200, deadline=None)
@given(markdown_texts())
def test_adopted_handwritten_files_export_to_a_text_that_reads_back_the_same(text: str) -> None:
    _export_is_stable(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ROW_LINES, max_size=24).map("\n".join))
def test_tables_read_by_columns_keep_the_page_in_its_order(text: str) -> None:
    found = _export_is_stable(text)
    assert found is not None
    document, exported = found
    tree = document.decision_tree  # type: ignore[attr-defined]
    drawing = render_mermaid(tree) if tree else ""
    # The same blocks in the same order, tables included: a table read as a section is
    # written with the header it had, in any language.
    assert rendered_blocks(text) == rendered_blocks(exported, drawing=drawing)


_TABLE_INSIDE = {"thead", "tbody", "tr", "th", "td", "inline"}


def _outline(blocks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The blocks without what is inside tables."""
    kept: list[tuple[str, str]] = []
    in_table = False
    for kind, content in blocks:
        if in_table and kind in _TABLE_INSIDE:
            continue
        in_table = kind == "table"
        kept.append((kind, content))
    return kept


def test_a_broken_menu_title_is_an_error_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text("---\nlinkTitle: 'unclosed\n---\n\nText.\n", "utf-8")
    with pytest.raises(ImportErrors) as raised:
        load_files([tmp_path])
    assert str(raised.value).startswith(f"{tmp_path / 'page.md'}:")
    assert "invalid YAML in front matter" in str(raised.value)


@pytest.mark.parametrize(
    "text",
    [
        "- a bullet\n# Title\n- a bullet",  # text above the title stays above it
        "## Escalation contacts\n| Name | Role |\n|---|---|",  # a header with no rows
        # An empty contacts section (export drops it) does not keep the table above it from
        # being read as contacts, so the export reads back the same.
        "| Role | Name | Channel | Hours |\n|---|---|---|---|\n| R | N | C | H |\n"
        "## Escalation contacts",
    ],
)
def test_pages_the_property_found_keep_their_blocks(text: str) -> None:
    found = _export_is_stable(text)
    assert found is not None
    _, exported = found
    assert _outline(rendered_blocks(text)) == _outline(rendered_blocks(exported))
