"""The cheaper block pass finds exactly the blocks markdown-it's own pass finds."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import markdown_it
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_block.state_block import StateBlock

from kt_workbench.markdown import block_pass
from kt_workbench.markdown.block_state import BlockState, line_marks
from kt_workbench.markdown.blocks import markdown
from tests.strategies import markdown_texts

_TABLE_PARTS = {
    f"{part}_{end}" for part in ("thead", "tbody", "tr", "th", "td") for end in ("open", "close")
}


def _stock() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"maxNesting": 100}).enable("table")
    md.core.ruler.disable(["inline", "text_join"])
    return md


_STOCK = _stock()


def _blocks(md: MarkdownIt, text: str) -> list[tuple[object, ...]]:
    return [
        (
            token.type,
            tuple(token.map or ()),
            token.level,
            token.info,
            token.markup,
            token.hidden,
            tuple(sorted(token.attrs.items())),
        )
        for token in md.parse(text)
        if token.type not in _TABLE_PARTS and token.type != "inline"
    ]


def _same(text: str) -> None:
    assert _blocks(markdown(), text) == _blocks(_STOCK, text)


# Lines that start (or end) the blocks whose rules the pass skips or replaces.
_LINE = st.one_of(
    st.sampled_from(
        (
            "",
            "",
            "text",
            "more text",
            "| a | b |",
            "|---|---|",
            "| --- | :-: |",
            "a | b",
            "--- | ---",
            "-|-",
            "| a \\| b | c |",
            "| one |",
            "|",
            "| a | b | c | d |",
            ":--|--:",
            "- item",
            "* item",
            "+ item",
            "1. step",
            "2) step",
            "10. step",
            "   - nested",
            "    indented code",
            "\tcode",
            "> quote",
            "> | a | b |",
            "```",
            "~~~ sh",
            "# Heading",
            "### Step 1: do",
            "===",
            "---",
            "***",
            "___",
            "<details>",
            "</details>",
            "<!-- note -->",
            "[ref]: https://example.org",
            "  | a | b |",
            "  |---|---|",
        )
    ),
    st.text(alphabet="|-:> #`~<[*+1.\\ab\t", max_size=8),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINE, max_size=25))
def test_same_blocks_on_lines_that_start_blocks(lines: list[str]) -> None:
    _same("\n".join(lines))


# List items as people indent them: markers of each kind and number, after spaces or tabs,
# with the gaps and first lines that change where an item's content starts.
_INDENTS = ("", "", " ", "  ", "   ", "    ", "     ", "      ", "\t", " \t", "  \t", "\t\t")
_MARKERS = ("-", "-", "*", "+", "1.", "1.", "2.", "1)", "0.", "3)", "10.", "123456789.")
_GAPS = (" ", " ", "  ", "   ", "     ", "\t", " \t", "")
_CONTENTS = (
    "",
    "item",
    "item",
    "two words",
    "> quoted",
    "```",
    "~~~",
    "    code",
    "- nested",
    "1. nested",
    "2) nested",
    "---",
    "* * *",
    "# heading",
    "| a | b |",
    "<div>",
    "[ ] task",
    "[x] done",
)
_LIST_LINE = st.one_of(
    st.builds(
        lambda indent, marker, gap, content: indent + marker + gap + content,
        st.sampled_from(_INDENTS),
        st.sampled_from(_MARKERS),
        st.sampled_from(_GAPS),
        st.sampled_from(_CONTENTS),
    ),
    st.builds(
        lambda indent, text: indent + text,
        st.sampled_from(_INDENTS),
        st.sampled_from(
            ("", "", "lazy text", "continued", "> quote", "```", "===", "---", "|---|---|")
        ),
    ),
    _LINE,
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_LIST_LINE, max_size=30))
def test_same_blocks_on_lists(lines: list[str]) -> None:
    _same("\n".join(lines))


@settings(max_examples=200, deadline=None)
@given(markdown_texts())
def test_same_blocks_on_handwritten_documents(text: str) -> None:
    _same(text.replace("\r\n", "\n").replace("\r", "\n"))


@pytest.mark.parametrize(
    "text",
    [
        "| a | b |\n|---|---|\n| 1 | 2 |\n> quote ends it\n| 3 | 4 |",
        "| a | b |\n|---|---|\n| 1 |\n| 1 | 2 | 3 |\n\nafter",
        "a paragraph\n| a | b |\n|---|---|\n| 1 | 2 |",
        "a paragraph\n- a list ends it\n1. so does this\n",
        "a paragraph\n2. does not start a list\n```\nfence\n```",
        "- item\n  lazy\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n- next",
        "> quote\nlazy continuation\n> | a |\n> |---|\n> | 1 |",
        # Lists: nesting, kinds, tight and loose, lazy lines, interruptions, empty items.
        "- a\n  - b\n    - c\n- d",
        "1. a\n2. b\n   1. c\n3) d\n4) e",
        "- a\n\n- b\n- c",
        "- a\n- b\n\n  more\n- c",
        "- a\nlazy\n- b\n  continued\nlazy again",
        "paragraph\n- interrupts\n\nparagraph\n2. does not\n\nparagraph\n1. does",
        "paragraph\n-\n\nparagraph\n- \n",
        "-\n\n  foo\n- \n-\n  bar",
        "- a\n-\n- c\n",
        "7. seven\n8. eight\n\n0. zero\n\n123456789. many\n1234567890. too many",
        "- a\n\n      code in the item\n- b\n\n  ```\n  fence\n  ```",
        "-     code after the marker\n- item",
        "- > quote in an item\n  > more\n- b",
        "> - item in a quote\nlazy\n> - second",
        "- a\n - b\n  - c\n   - d\n    - e",
        "-\ttab after the marker\n\t- tab before\n \t- both\n-\t\tcode",
        "1.\tone\n2.  \ttwo\n\n\t3. three",
        "- a\n* b\n+ c\n1. d\n1) e",
        "- a\n---\n- b\n* * *\n- c",
        "- a\n# heading\n- b\n```\nfence\n```",
        "- item\n  Title\n  ===\n- next\n  ---",
        "text\n===\n\ntext\n  - item\n---",
        # Headings, breaks and indented code: the one-line rules.
        "#\n# a\n#\ttab\n####### seven\n#no space\n### closed ###\n   ## indented\n    # code",
        "text\n# interrupts\ntext\n#not\n- - -\n_ _ _\n**\n-- -x\n*\t*\t*\n  ***  ",
        "- a\n    code or continuation\n\n        code in the item\n\n    code after it",
    ],
)
def test_same_blocks_on_known_edges(text: str) -> None:
    _same(text)


def _sample_and_generated_documents() -> list[str]:
    from benchmarks.generator import generate_library
    from kt_workbench.markdown import render_document

    samples = Path(__file__).parent.parent / "sample_processes"
    texts = [path.read_text(encoding="utf-8") for path in sorted(samples.glob("*.md"))]
    return texts + [render_document(document) for document in generate_library(80, seed=11)]


def test_same_blocks_on_sample_and_generated_documents() -> None:
    texts = _sample_and_generated_documents()
    assert texts
    for text in texts:
        _same(text)


def test_only_installed_for_the_version_it_follows() -> None:
    fresh = MarkdownIt("commonmark").enable("table")
    installed = block_pass.install(fresh)
    assert installed == markdown_it.__version__.startswith(block_pass.WRITTEN_FOR)
    text = "| a | b |\n|---|---|\n| 1 | 2 |\n\nA paragraph\non two lines.\n"
    kinds = [token.type for token in fresh.parse(text)]
    # Installed, tables push no tokens for their rows and paragraphs leave their text out.
    assert ("tr_open" in kinds) is not installed
    contents = [token.content for token in fresh.parse(text) if token.type == "inline"]
    assert ("A paragraph\non two lines." in contents) is not installed
    assert kinds[0] == "table_open"
    assert "paragraph_open" in kinds


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\nab>-", max_size=40))
def test_same_line_marks_as_markdown_it(text: str) -> None:
    stock = StateBlock(text, _STOCK, {}, [])
    marks = (stock.bMarks, stock.eMarks, stock.tShift, stock.sCount)
    assert line_marks(text) == marks
    state = BlockState(text, markdown(), {}, [])
    assert (state.bsCount, state.lineMax) == (stock.bsCount, stock.lineMax)


def test_tokens_have_every_field_as_markdown_it_sets_it() -> None:
    text = "# Title\n\n- a\n- b\n\n  c\n\n3. one\n\n> quote\n\n```sh\ncode\n```\n---\n"

    def fields(md: MarkdownIt) -> list[dict[str, object]]:
        return [dataclasses.asdict(token) for token in md.parse(text) if token.type != "inline"]

    assert fields(markdown()) == fields(_STOCK)
