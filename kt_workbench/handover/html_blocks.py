"""A process's markdown as safe HTML for the web-page pack.

Markdown is rendered with the HTML it holds, then cleaned by nh3 (the Rust ``ammonia``
sanitiser): structure and inline markup stay, anything that could run, style the page or load
something goes. Each top-level block is cleaned on its own, so a tag left open in one cell
(``<script>`` with no end, ``<textarea>``) can take nothing beyond its own block; an HTML block
that opens an element closed by a later one (``<details>`` … ``</details>`` around markdown)
is cleaned together with the blocks it encloses. The tree's drawing block is replaced by the
SVG after cleaning, so the sanitiser never sees it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from html import escape
from html.parser import HTMLParser
from typing import Any, cast

import nh3
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

# What a process's own HTML may keep: nh3's defaults (no script, style, form, frame or
# embed), markdown-it's table alignment and the links images become.
_ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    "a": {"href", "hreflang", "title", "class"},
}
for _cell in ("th", "td"):
    _ATTRIBUTES[_cell] = _ATTRIBUTES.get(_cell, set()) | {"style"}
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


def sanitised(html: str) -> str:
    return nh3.clean(
        html,
        attributes=_ATTRIBUTES,
        filter_style_properties={"text-align"},
        link_rel="noopener noreferrer",
        url_schemes={"http", "https", "mailto", "tel"},
    )


def _image_as_link(
    self: Any, tokens: list[Token], index: int, options: Any, env: dict[str, Any]
) -> str:
    token = tokens[index]
    source = escape(str(token.attrGet("src") or ""))
    text = escape(token.content or "image")
    return f'<a class="image" href="{source}">[image: {text}]</a>'


@lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    """CommonMark with tables and raw HTML; images written as links, never fetched."""
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": 100}).enable("table")
    md.add_render_rule("image", _image_as_link)
    return md


class _Depth(HTMLParser):
    """How many elements an HTML fragment leaves open."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.depth -= 1


def _open_elements(html: str) -> int:
    parser = _Depth()
    parser.feed(html)
    parser.close()
    return parser.depth


def _top_level(tokens: list[Token]) -> Iterator[list[Token]]:
    """The tokens of each top-level block, in order."""
    block: list[Token] = []
    for token in tokens:
        block.append(token)
        if token.level == 0 and token.nesting <= 0:
            yield block
            block = []
    if block:
        yield block


def _groups(blocks: Iterator[list[Token]], apart: Callable[[Token], bool]) -> Iterator[list[Token]]:
    """Blocks cleaned together: an HTML block that leaves elements open, with the blocks up
    to the HTML block that closes them (or the end). A block ``apart`` says to keep apart
    (the drawing) always stands alone."""
    group: list[Token] = []
    depth = 0
    for block in blocks:
        if apart(block[0]):
            if group:
                yield group
            yield block
            group, depth = [], 0
            continue
        group.extend(block)
        if block[0].type == "html_block":
            depth = max(0, depth + _open_elements(block[0].content))
        if depth == 0:
            yield group
            group = []
    if group:
        yield group


def render_safe(text: str, drawing: tuple[str, str] | None = None) -> str:
    """``text`` as cleaned HTML; a fenced block whose content is ``drawing[0]`` becomes
    ``drawing[1]`` (trusted markup the caller made)."""
    md = markdown()
    env: dict[str, Any] = {}
    renderer = cast(RendererHTML, md.renderer)
    out: list[str] = []

    def is_drawing(token: Token) -> bool:
        return (
            drawing is not None
            and token.type == "fence"
            and token.info.strip() == "mermaid"
            and token.content == drawing[0]
        )

    for group in _groups(_top_level(md.parse(text, env)), is_drawing):
        if drawing is not None and len(group) == 1 and is_drawing(group[0]):
            out.append(drawing[1])
            continue
        out.append(sanitised(renderer.render(group, md.options, env)))
    return "".join(out)
