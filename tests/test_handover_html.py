"""The HTML handover pack: one self-contained page, trees drawn as SVG, nothing fetched."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import decision_trees, documents

from kt_workbench.cli import main
from kt_workbench.cut_text import cell_len
from kt_workbench.handover.credentials import CredentialsInPack
from kt_workbench.handover.html_pack import HTML_OPENING, export_html, render_html_pack
from kt_workbench.handover.tree_svg import node_anchor, render_tree_svg, wrap
from kt_workbench.markdown import parse_document
from kt_workbench.model import Branch, DecisionTree, Node, NodeKind, ProcessDocument
from kt_workbench.samples import sample_folder

SVG = "{http://www.w3.org/2000/svg}"


def sample_documents() -> list[ProcessDocument]:
    return [
        parse_document(path.read_text(encoding="utf-8"), str(path))
        for path in sorted(sample_folder().glob("*.md"))
    ]


class _Page(HTMLParser):
    """What a browser would fetch or run, and the ids and links of the page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.fetched: list[str] = []
        self.ids: list[str] = []
        self.links: list[str] = []
        self.svgs = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if tag == "svg":
            self.svgs += 1
        for name in ("src", "srcset", "data", "poster", "background"):
            if values.get(name):
                self.fetched.append(f"{tag} {name}={values[name]}")
        if tag == "link":
            self.fetched.append(f"link {values.get('href')}")
        if values.get("id"):
            self.ids.append(str(values["id"]))
        href = values.get("href")
        if tag == "a" and href and href.startswith("#"):
            self.links.append(href[1:])


def _page(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    return page


def _text_of(svg: str) -> str:
    root = ET.fromstring(svg)
    return "".join("".join(element.itertext()) for element in root.iter(f"{SVG}text"))


@given(st.text(max_size=300), st.integers(min_value=4, max_value=80))
def test_wrapped_lines_fit_and_keep_every_character(text: str, cells: int) -> None:
    lines = wrap(text, cells, max_lines=1000)
    assert all(cell_len(line) <= cells for line in lines)
    assert "".join(lines).replace(" ", "") == "".join(text.split()).replace(" ", "")


def test_a_text_too_long_for_its_box_ends_with_an_ellipsis() -> None:
    lines = wrap("word " * 200, 20, max_lines=3)
    assert len(lines) == 3 and lines[-1].endswith("…")


@settings(max_examples=60, deadline=None)
@given(decision_trees())
def test_every_tree_draws_as_valid_svg_with_working_jumps(tree: DecisionTree) -> None:
    svg = render_tree_svg(tree, "p")
    root = ET.fromstring(svg)  # well-formed XML, whatever the text holds
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    assert len(ids) == len(set(ids))
    defined = tree.nodes_by_key()
    for link in root.iter(f"{SVG}a"):
        target = link.get("href", "").removeprefix("#")
        assert target in ids
    drawn = _text_of(svg).replace(" ", "")
    for visited in tree.walk():
        text = " ".join(visited.node.text.split())
        if text and len(text) < 120 and text.isprintable():
            assert text.replace(" ", "") in drawn
    for key in defined:
        assert node_anchor("p", key) in ids


def test_jumps_to_missing_keys_and_answers_leading_nowhere_are_drawn_as_missing() -> None:
    tree = DecisionTree(
        (
            Node(
                NodeKind.QUESTION,
                "Is the order late?",
                "late",
                (Branch("Yes", goto="nowhere"), Branch("No")),
            ),
        )
    )
    svg = render_tree_svg(tree, "p")
    text = _text_of(svg)
    assert "Go to [nowhere]: no node has this key" in text
    assert "Leads nowhere" in text
    assert svg.count('class="missing"') == 2


def test_hostile_text_is_data_in_the_drawing_and_the_page() -> None:
    hostile = '<script>alert(1)</script> [bold]x[/] & "q" \x00\x1b[31m'
    outcome = Node(NodeKind.OUTCOME, hostile)
    tree = DecisionTree((Node(NodeKind.QUESTION, hostile, "k<1>", (Branch(hostile, outcome),)),))
    ET.fromstring(render_tree_svg(tree, "p"))
    doc = dataclasses.replace(
        sample_documents()[0], title=hostile, decision_tree=tree, purpose=f"<b>{hostile}</b>"
    )
    page = render_html_pack([doc])
    parsed = _page(page)
    # The title and the tree are text; HTML written in a section keeps its harmless markup
    # (the <b>) and loses what could run (the <script> and its content).
    assert "script" not in parsed.tags and "b" in parsed.tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "alert(1)</b>" not in page


def test_the_page_is_self_contained_with_one_drawing_per_tree() -> None:
    docs = sample_documents()
    page = render_html_pack(docs, allow_secrets=True)
    assert page.startswith(HTML_OPENING)
    parsed = _page(page)
    assert parsed.fetched == []
    assert "script" not in parsed.tags
    assert "default-src 'none'" in page
    assert parsed.svgs == sum(1 for doc in docs if doc.decision_tree)
    assert "```mermaid" not in page and "flowchart TD" not in page
    # Every in-page link (contents to processes, jumps to nodes) has its target.
    assert set(parsed.links) <= set(parsed.ids)
    for doc in docs:
        assert f"process-{doc.id}" in parsed.ids


def test_html_in_a_process_keeps_its_markup_and_loses_what_could_run() -> None:
    purpose = (
        "<details><summary>Why</summary>Because <kbd>F5</kbd>.</details>\n\n"
        '<p onclick="steal()">Click <a href="javascript:steal()">here</a></p>\n\n'
        '<iframe src="http://127.0.0.1:9/"></iframe><style>body{display:none}</style>'
    )
    doc = dataclasses.replace(sample_documents()[0], purpose=purpose)
    page = render_html_pack([doc], allow_secrets=True)
    parsed = _page(page)
    assert {"details", "summary", "kbd"} <= set(parsed.tags)
    assert "iframe" not in parsed.tags and parsed.tags.count("style") == 1  # ours, in <head>
    assert "onclick" not in page and "javascript:" not in page and "display:none" not in page


def test_images_are_links_never_fetched() -> None:
    doc = dataclasses.replace(
        sample_documents()[0], purpose="See ![the form](http://127.0.0.1:9/form.png)."
    )
    page = render_html_pack([doc], allow_secrets=True)
    assert _page(page).fetched == []
    assert '<a class="image" href="http://127.0.0.1:9/form.png"' in page
    assert ">[image: the form]</a>" in page


def test_a_credential_is_refused_or_hidden_everywhere_including_the_drawing() -> None:
    secret = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
    tree = DecisionTree(
        (
            Node(
                NodeKind.QUESTION,
                "Can you log in?",
                "login",
                (Branch("No", Node(NodeKind.OUTCOME, f"Use the token {secret} to reset")),),
            ),
        )
    )
    doc = dataclasses.replace(sample_documents()[0], decision_tree=tree, notes=())
    with pytest.raises(CredentialsInPack):
        render_html_pack([doc])
    page = render_html_pack([doc], allow_secrets=True)
    assert secret not in page
    assert "[hidden]" in _text_of(page[page.index("<svg") : page.index("</svg>") + 6])


@settings(max_examples=25, deadline=None)
@given(documents())
def test_any_process_renders_to_a_page_that_links_and_fetches_nothing(doc) -> None:  # type: ignore[no-untyped-def]
    try:
        page = render_html_pack([doc], allow_secrets=True)
    except Exception as error:  # a credential that cannot be hidden is a clear refusal
        assert "credential" in str(error)
        return
    parsed = _page(page)
    assert parsed.fetched == [] and "script" not in parsed.tags
    assert parsed.svgs == (1 if doc.decision_tree else 0)


def test_export_replaces_only_an_html_pack(tmp_path: Path) -> None:
    docs = [doc for doc in sample_documents() if doc.id == "reschedule-delivery"]
    target = tmp_path / "pack.html"
    export_html(docs, target)
    first = target.read_text()
    export_html(docs, target)  # an earlier pack is replaced
    assert target.read_text() == first
    other = tmp_path / "notes.html"
    other.write_text("<!DOCTYPE html>\n<p>mine</p>\n")
    with pytest.raises(Exception, match="not a handover pack"):
        export_html(docs, other)
    assert other.read_text() == "<!DOCTYPE html>\n<p>mine</p>\n"


def test_the_cli_writes_the_page(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "lib.db")
    sample = Path(__file__).parent.parent / "sample_processes" / "pause-subscription.md"
    assert runner.invoke(main, ["--db", db, "import", str(sample)]).exit_code == 0
    out = tmp_path / "pack.html"
    result = runner.invoke(main, ["--db", db, "export", "--all", "--html", str(out)])
    assert result.exit_code == 0, result.output
    assert "Wrote a handover pack of 1 process" in result.output
    assert _page(out.read_text()).svgs == 1
    both = runner.invoke(main, ["--db", db, "export", "--all", "--html", str(out), "--out", "d"])
    assert both.exit_code == 2 and "exactly one of" in both.output


def test_the_drawing_follows_the_parsed_tree() -> None:
    text = (Path(__file__).parent.parent / "sample_processes" / "pause-subscription.md").read_text()
    doc = parse_document(text, "pause-subscription.md")
    drawn = _text_of(render_tree_svg(doc.decision_tree, "p"))
    for visited in doc.decision_tree.walk():
        assert visited.node.key in drawn


@pytest.mark.parametrize("opener", ["<script>", "<style>", "<textarea>", "<title>", "<xmp>"])
def test_a_tag_left_open_takes_nothing_beyond_its_own_block(opener: str) -> None:
    from kt_workbench.handover.html_blocks import render_safe

    text = f"| A | B |\n| --- | --- |\n| x {opener}y | z |\n\nAfter the table.\n\n1. A step\n"
    html = render_safe(text)
    assert "After the table." in html and "<li>A step</li>" in html
    assert opener not in html


def test_an_html_element_around_markdown_is_kept_whole() -> None:
    from kt_workbench.handover.html_blocks import render_safe

    text = "<details>\n<summary>More</summary>\n\n- one\n- two\n\n</details>\n\nAfter.\n"
    html = render_safe(text)
    start, end = html.index("<details>"), html.index("</details>")
    assert start < html.index("<li>one</li>") < html.index("<li>two</li>") < end
    assert html.index("After.") > end


def test_an_element_left_open_before_the_tree_does_not_swallow_its_drawing() -> None:
    doc = next(d for d in sample_documents() if d.decision_tree)
    page = render_html_pack([dataclasses.replace(doc, scope="<div>\nopen")], allow_secrets=True)
    assert _page(page).svgs == 1
