"""Export keeps what a file says in the order it says it.

Generated files interleave numbered lists, code blocks, HTML blocks, bullet lists, quotes and
paragraphs in the procedure and in other sections, in any section order. For each: export
reads back to the same document and the same bytes, and the rendered HTML of the file and of
its export (markdown-it, CommonMark) has the same blocks in the same order, apart from the
title and section headings and the front matter.
"""

from __future__ import annotations

import os
import textwrap

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rendered_blocks import rendered_blocks

from kt_workbench.markdown import parse_document, render_document
from kt_workbench.markdown.mermaid import render_mermaid
from kt_workbench.model import ProcessDocument, SectionNote, Step

EXAMPLES = int(os.environ.get("KTW_HYPOTHESIS_EXAMPLES", "200"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_WORDS = st.sampled_from(
    ("refund", "the", "customer", "`code`", "**bold**", "<b>x</b>", "a|b", "#1", "中文", "ステップ")
)
_SENTENCE = st.lists(_WORDS, min_size=1, max_size=6).map(" ".join)


def _fence(lang: str, body: str) -> str:
    return f"```{lang}\n{body}\n```"


_PARAGRAPH = _SENTENCE.map(lambda s: f"Then {s}.")
_CODE = st.builds(_fence, st.sampled_from(("", "sh", "yaml", "mermaid")), _SENTENCE)
_HTML = _SENTENCE.map(lambda s: f"<details>\n<summary>More</summary>\n\n{s}\n\n</details>")
_QUOTE = _SENTENCE.map(lambda s: f"> Note: {s}")
_BULLETS = st.lists(_SENTENCE, min_size=1, max_size=3).map(
    lambda items: "\n".join(f"- {item}" for item in items)
)
_H3 = _SENTENCE.map(lambda s: f"### About {s}")


@st.composite
def _ordered(draw: st.DrawFn) -> str:
    start = draw(st.sampled_from((1, 1, 2, 3, 4)))
    lazy = draw(st.booleans())  # "1." on every item, as many handbooks write
    items = []
    for offset, text in enumerate(draw(st.lists(_SENTENCE, min_size=1, max_size=4))):
        number = start if lazy else start + offset
        item = f"{number}. Do {text}"
        if draw(st.integers(0, 3)) == 0:
            item += "\n\n" + textwrap.indent(draw(st.one_of(_CODE, _PARAGRAPH, _BULLETS)), "   ")
        items.append(item)
    return ("\n\n" if draw(st.booleans()) else "\n").join(items)


_BLOCK = st.one_of(_ordered(), _ordered(), _PARAGRAPH, _CODE, _HTML, _QUOTE, _BULLETS, _H3)
_HEADINGS = ("Procedure", "Steps", "Workflow", "Prerequisites", "FAQ", "Troubleshooting")


@st.composite
def handbook_files(draw: st.DrawFn) -> str:
    """A handbook-style page: front matter, a title, then sections of mixed blocks."""
    parts = ["---\ntitle: A page\n---", "# A page"]
    if draw(st.booleans()):
        parts.append(draw(_PARAGRAPH))
    headings = draw(st.lists(st.sampled_from(_HEADINGS), min_size=1, max_size=4))
    for heading in headings:
        parts.append(f"## {heading}")
        parts.extend(draw(st.lists(_BLOCK, min_size=1, max_size=6)))
    return "\n\n".join(parts) + "\n"


def _drawing(document: ProcessDocument) -> str:
    return render_mermaid(document.decision_tree) if document.decision_tree else ""


@PROPERTY
@given(handbook_files())
def test_export_renders_the_same_blocks_in_the_same_order(text: str) -> None:
    document = parse_document(text, "page.md")
    exported = render_document(document)
    assert rendered_blocks(exported, drawing=_drawing(document)) == rendered_blocks(text)
    again = parse_document(exported, "export.md")
    assert again == document
    assert render_document(again) == exported


def test_text_between_steps_stays_between_them() -> None:
    text = textwrap.dedent(
        """\
        # Reset a password

        ## Procedure

        Before you start, open the admin console.

        1. Find the user.

        ```sh
        admin find-user --email "$EMAIL"
        ```

        2. Reset the password.
        3. Tell the user.

        Closing sentence.
        """
    )
    document = parse_document(text)
    assert [step.text for step in document.steps] == [
        "Find the user.",
        "Reset the password.",
        "Tell the user.",
    ]
    assert [(note.after, note.text.split("\n")[0]) for note in document.notes] == [
        (0, "Before you start, open the admin console."),
        (1, "```sh"),
        (3, "Closing sentence."),
    ]
    assert render_document(document).endswith(text.split("## Procedure\n\n", 1)[1])


def test_lists_restarting_at_one_after_code_continue_the_steps() -> None:
    text = "# T\n\n## Steps\n\n1. One.\n\n```\nx\n```\n\n1. Two.\n\nText.\n\n1. Other list.\n"
    document = parse_document(text)
    assert [step.text for step in document.steps] == ["One.", "Two."]
    exported = render_document(document)
    assert "2. Two." in exported
    assert "\n1. Other list.\n" in exported  # a later list stays a list, not "1\\."


def test_sections_come_back_in_the_file_order() -> None:
    text = (
        "# T\n\n## Prerequisites\n\nAn admin account.\n\n## Procedure\n\n1. Do it.\n\n"
        "## FAQ\n\nAsk.\n\n## Purpose\n\nWhy.\n"
    )
    exported = render_document(parse_document(text))
    positions = [exported.index(h) for h in ("## Prerequisites", "## Procedure", "## FAQ")]
    assert positions == sorted(positions) and exported.index("## Purpose") > positions[-1]


def test_a_document_built_by_a_tool_keeps_the_canonical_layout() -> None:
    document = ProcessDocument(
        id="t",
        title="T",
        purpose="Why.",
        steps=(Step("One."), Step("Two.")),
        notes=(SectionNote("procedure", "Between.", after=1),),
    )
    exported = render_document(document)
    assert exported.index("## Purpose") < exported.index("## Procedure")
    assert "1. One.\n\nBetween.\n\n2. Two." in exported
    assert parse_document(exported) == document
