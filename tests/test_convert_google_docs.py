"""Google Docs HTML exports: bold by CSS class, the title paragraph, flat list levels."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kt_workbench.adopting import read_adopting
from kt_workbench.cli import main
from kt_workbench.converting import convert_html
from kt_workbench.markdown.parser import DEFAULT_OPTIONS

FIXTURE = Path(__file__).parent / "fixtures" / "google-docs-refunds.html"

_STYLE = (
    "<style>.c1{font-weight:400}.c2,.c9{font-style:normal;font-weight:700}</style>"
    '<body class="doc-content">'
)


def _lists(*levels: tuple[str, int, str, list[str]]) -> str:
    """Flat Google Docs lists: (tag, level, list id, items) each."""
    return "".join(
        f'<{tag} class="c5 lst-kix_{name}-{level}">'
        + "".join(f'<li class="c0"><span class="c1">{item}</span></li>' for item in items)
        + f"</{tag}>"
        for tag, level, name, items in levels
    )


def test_the_fixture_becomes_a_title_a_procedure_with_sub_items_and_notes() -> None:
    converted = convert_html(FIXTURE.read_bytes())
    assert converted.title == "Refund a duplicate charge"
    parsed, _ = read_adopting(
        converted.markdown, str(FIXTURE), DEFAULT_OPTIONS, "adopt", "fallback"
    )
    document = parsed.document
    assert document.title == "Refund a duplicate charge"
    assert [step.text for step in document.steps] == [
        "Find both charges in the billing console",
        "Refund the later charge",
        "Tell the customer",
        "Close the ticket",  # numbered on after a paragraph, as the document shows it
    ]
    assert document.steps[0].details == (
        "1. Search by the order number\n2. Check the amounts match"
    )
    # The paragraph between the steps stays where it was; the bold line is a heading.
    assert document.note("procedure").startswith("Refunds show within five days.")
    assert "### Notes for agents" in document.note("procedure")
    assert "A sentence with **one bold word**" in document.note("procedure")
    assert converted.notes == ["Google Docs export: bold styles, title and list levels read"]


def test_a_paragraph_in_a_bold_class_is_a_heading_and_a_bold_word_stays_bold() -> None:
    html = (
        _STYLE + '<p class="title"><span class="c1">Cancel</span></p>'
        '<p><span class="c9">Procedure</span></p>'
        + _lists(("ol", 0, "a", ["Open the order"]))
        + '<p><span class="c1">Say </span><span class="c2">sorry</span></p></body>'
    )
    markdown = convert_html(html).markdown
    assert markdown.startswith("# Cancel\n\n## Procedure\n\n1. Open the order\n")
    assert "Say **sorry**" in markdown


def test_list_levels_nest_under_the_item_before_them_three_deep() -> None:
    html = _STYLE + _lists(
        ("ol", 0, "a", ["One"]),
        ("ol", 1, "a", ["One.a"]),
        ("ul", 2, "a", ["deep"]),
        ("ol", 1, "a", ["One.b"]),
        ("ol", 0, "a", ["Two"]),
    )
    markdown = convert_html(html, title="T").markdown
    assert "1. One\n   1. One.a\n      - deep\n   2. One.b\n2. Two" in markdown


def test_another_list_right_after_is_not_merged_into_the_first() -> None:
    html = _STYLE + _lists(("ol", 0, "a", ["A1", "A2"]), ("ol", 0, "b", ["B1"]))
    markdown = convert_html(html, title="T").markdown
    assert "1. A1\n2. A2" in markdown and "2. B1" not in markdown and "3. B1" not in markdown


def test_plain_html_is_left_alone() -> None:
    html = "<h1>T</h1><p class='title'>not a docs title</p><ol><li>a</li></ol>"
    converted = convert_html(html)
    assert converted.notes == []
    assert converted.markdown.startswith("# T\n")


def test_ktw_import_reads_the_export_in_one_command(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["--db", str(tmp_path / "k.db"), "import", "--dry-run", "--format", "json", str(FIXTURE)],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)["files"][0]
    assert report["mode"] == "converted from HTML"
    assert report["steps"] == 4 and report["title"] == "Refund a duplicate charge"
