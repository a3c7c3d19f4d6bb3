"""What a reader sees of a markdown file: its rendered blocks in order (CommonMark + tables).

Used to check that export keeps a file's content and order: two files read the same when
their blocks match one for one, in order, apart from the title and section headings (export
writes canonical ones) and the front matter.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

_MD = MarkdownIt("commonmark").enable("table")
_SOFT_BREAK = re.compile(r"[ \t]*\n[ \t]*")
_BLANK_CODE_LINE = re.compile(r"^[ \t]+$", re.M)
_FRONT = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def rendered_blocks(text: str, *, drawing: str = "") -> list[tuple[str, str]]:
    """``(kind, content)`` for every block but level-1 and level-2 headings.

    Containers appear as their opening kind (lists without their start number); leaf blocks
    carry their rendered HTML, so escapes that do not show do not count. What a browser does
    not show either is evened out: a line break inside a paragraph (a single-line field such
    as a step is joined with a space) and spaces on an otherwise empty line of code.
    """
    body = _FRONT.sub("", text, count=1)
    if drawing:
        body = body.replace(drawing + "\n\n", "", 1)
    tokens = _MD.parse(body)
    blocks: list[tuple[str, str]] = []
    skip = False
    for token in tokens:
        if token.type == "heading_open" and token.tag in ("h1", "h2"):
            skip = True
            continue
        if token.type == "heading_close" and token.tag in ("h1", "h2"):
            skip = False
            continue
        if skip or token.nesting == -1:
            continue
        if token.type == "inline":
            html = _MD.renderer.renderInline(token.children or [], _MD.options, {})
            blocks.append(("inline", _SOFT_BREAK.sub(" ", html)))
        elif token.nesting == 1:
            blocks.append((token.tag, ""))
        elif token.type in ("fence", "code_block"):
            blocks.append(("code", _BLANK_CODE_LINE.sub("", token.content)))
        elif token.type == "html_block":
            blocks.append(("html", token.content.strip()))
        elif token.type == "hr":
            blocks.append(("hr", ""))
    return blocks
