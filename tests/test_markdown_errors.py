"""Bad input is refused with ``FILE:LINE: what is wrong``, and nothing else ever escapes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kt_workbench.errors import InputError
from kt_workbench.markdown import parse_document

BAD_INPUTS = [
    pytest.param(
        "---\ntitle: T\nowner: [unclosed\nteam: x\n---\n",
        4,
        "invalid YAML in front matter: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence that starts on line 3)",
        id="invalid-yaml",
    ),
    pytest.param(
        "---\ntitle: T\n  bad indent: x\n---\n",
        3,
        "invalid YAML in front matter: mapping values are not allowed here",
        id="invalid-yaml-indent",
    ),
    pytest.param(
        "---\ntitle: x\nowner: [unclosed\n---\n",
        3,
        "invalid YAML in front matter: expected ',' or ']', but got '<stream end>'",
        id="invalid-yaml-at-the-end",
    ),
    pytest.param(
        "---\n- a\n- b\n---\n# T\n", 2, "front matter must be 'key: value' lines", id="yaml-list"
    ),
    pytest.param(
        "---\ntitle: T\n\n",
        1,
        "front matter starts with '---' but has no closing '---' line",
        id="unclosed-front-matter",
    ),
    pytest.param(
        "---\ntitle: T\nvolume_per_month: lots\n---\n",
        3,
        "'volume_per_month' must be a whole number of 0 or more, got 'lots'",
        id="volume-not-a-number",
    ),
    pytest.param(
        "---\ntitle: T\nreview_every_days: -5\n---\n",
        3,
        "'review_every_days' must be a whole number of 0 or more, got -5",
        id="negative-interval",
    ),
    pytest.param(
        "---\ntitle: T\nvolume_per_month: 1.5\n---\n",
        3,
        "'volume_per_month' must be a whole number of 0 or more, got 1.5",
        id="fractional-volume",
    ),
    pytest.param(
        "---\ntitle: T\nchannels: 3\n---\n",
        3,
        "'channels' must be a list of words, like [phone, email]",
        id="channels-a-number",
    ),
    pytest.param(
        "---\ntitle: T\ntags: [a, [b]]\n---\n",
        3,
        "'tags' must be a list of words, like [phone, email]",
        id="nested-tags",
    ),
    pytest.param(
        "---\ntitle: T\nlast_reviewed: 14/09/2026\n---\n",
        3,
        "'last_reviewed' must be a date written YYYY-MM-DD, got '14/09/2026'",
        id="date-not-iso",
    ),
    pytest.param(
        "---\ntitle: T\nstatus: done\n---\n",
        3,
        "status must be one of draft, in-review, approved; got 'done'",
        id="status-outside-the-list",
    ),
    pytest.param(
        "---\nid: t\ntitle: T\nstatus: [approved]\n---\n",
        4,
        "status must be one of draft, in-review, approved; got ['approved']",
        id="status-a-list",
    ),
    pytest.param(
        "---\ntitle: [a, b]\n---\n",
        2,
        "'title' must be text (put the value in quotes)",
        id="title-a-list",
    ),
    pytest.param(
        "---\ntitle: |\n  two\n  lines\n---\n", 2, "'title' must be a single line", id="title-lines"
    ),
    pytest.param(
        "---\nid: Refund X\ntitle: T\n---\n",
        2,
        "id 'Refund X' must use lowercase letters, digits and hyphens only",
        id="invalid-id",
    ),
    pytest.param(
        "---\nowner: Ana\n---\nJust some notes.\n\n## Purpose\n\nWhy.\n",
        1,
        "no title: add 'title:' to the front matter or a '# Title' line",
        id="no-title",
    ),
    pytest.param(
        "## Purpose\n\n# Late title\n",
        1,
        "no title: add 'title:' to the front matter or a '# Title' line",
        id="title-only-inside-a-section",
    ),
]


@pytest.mark.parametrize(("text", "line", "problem"), BAD_INPUTS)
def test_bad_input_names_the_file_and_line(text: str, line: int, problem: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_document(text, "processes/refund.md")
    assert (raised.value.source, raised.value.line, raised.value.problem) == (
        "processes/refund.md",
        line,
        problem,
    )
    assert str(raised.value) == f"processes/refund.md:{line}: {problem}"


@pytest.mark.parametrize("text", ["# T\n\x00\x01\x02", "\x00", "---\ntitle: T\n---\n\x00"])
def test_a_binary_file_is_refused_without_a_line(text: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_document(text, "image.md")
    assert str(raised.value) == "image.md: binary file, not a markdown document"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_either_reads_or_is_refused_with_an_input_error(text: str) -> None:
    try:
        document = parse_document(text, "any.md")
    except InputError as error:
        assert str(error).startswith("any.md")
    else:
        assert document.title
        assert document.id


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("-:#[]{}|>'\"&*!%@`\t\n abc1.")))
def test_any_front_matter_either_reads_or_is_refused_with_an_input_error(body: str) -> None:
    try:
        parse_document(f"---\n{body}\n---\n# T\n", "fm.md")
    except InputError as error:
        assert str(error).startswith("fm.md:")
