"""The shapes of a Google Docs HTML export, made plain HTML before conversion.

Google Docs writes formatting as CSS classes in a ``<style>`` block (``.c3{font-weight:700}``)
rather than ``<b>``, its title as ``<p class="title">``, and every level of a list as a flat
``<ol>`` or ``<ul>`` of its own whose class names the list and the level
(``lst-kix_abc123-1``), one after another, never nested. Here bold classes become
``<strong>`` (so a paragraph all in bold can become a heading), the title a ``<h1>``, and
the flat lists are nested again: each deeper level goes inside the item before it, and a
list that continues at a level it left goes on in the same list.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_BOLD = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)\b", re.I)
_CLASS = re.compile(r"^\.([\w-]+)$")
_LIST_CLASS = re.compile(r"^lst-kix_(?P<list>[\w]+)-(?P<level>\d+)$")


def plain_google_docs(soup: BeautifulSoup, root: Tag) -> bool:
    """Rewrite a Google Docs export under ``root`` in place; returns whether it was one.

    Spans in a bold class become ``<strong>`` in any HTML (a page styled by classes means
    bold all the same); the title and the lists only in a Google Docs export, known by its
    list classes or its ``doc-content`` body."""
    styles = " ".join(style.get_text() for style in soup.find_all("style"))
    bold = _bold_classes(styles)
    for span in root.find_all("span"):
        if bold.intersection(span.get("class") or ()):
            span.name = "strong"
            del span["class"]
    lists = [tag for tag in root.find_all(["ol", "ul"]) if _list_level(tag) is not None]
    body = soup.body
    if not lists and (body is None or "doc-content" not in (body.get("class") or ())):
        return False
    title = root.find("p", class_="title")
    if isinstance(title, Tag) and root.find("h1") is None:
        title.name = "h1"
    _nest_lists(lists)
    return True


def _bold_classes(styles: str) -> set[str]:
    names: set[str] = set()
    for selectors, body in _RULE.findall(styles):
        if not _BOLD.search(body):
            continue
        for selector in selectors.split(","):
            match = _CLASS.match(selector.strip())
            if match:
                names.add(match[1])
    return names


def _list_level(tag: Tag) -> tuple[str, int] | None:
    for name in tag.get("class") or ():
        match = _LIST_CLASS.match(name)
        if match:
            return match["list"], int(match["level"])
    return None


def _nest_lists(lists: list[Tag]) -> None:
    """Nest each run of flat list levels that follow one another (only blank text between)."""
    current: dict[int, Tag] = {}  # level -> the list holding that level's items now
    top_list = ""  # the Google Docs list the level-0 items belong to
    previous: Tag | None = None
    for tag in lists:
        place = _list_level(tag)
        assert place is not None
        list_id, level = place
        follows = previous is not None and _next_list(previous) is tag
        if not follows or (level == 0 and list_id != top_list):
            current = {}
        if level == 0:
            top_list = list_id
        parent_list = current.get(level - 1)
        parent_item = _last_item(parent_list) if parent_list is not None else None
        if level > 0 and parent_item is not None:
            same = current.get(level)
            if same is not None and same.parent is parent_item:
                _move_items(tag, same)
            else:
                tag.extract()
                parent_item.append(tag)
                current[level] = tag
        elif level == 0 and level in current:
            _move_items(tag, current[level])
        else:
            current[level] = tag
        for deeper in [key for key in current if key > level]:
            del current[deeper]
        previous = tag if tag.parent is not None else previous


def _next_list(tag: Tag) -> Tag | None:
    """The element after ``tag`` at the top of its run, skipping blank text, if a list."""
    top = tag
    while top.parent is not None and top.parent.name in ("li", "ol", "ul"):
        top = top.parent
    sibling = top.next_sibling
    while sibling is not None and not isinstance(sibling, Tag) and not str(sibling).strip():
        sibling = sibling.next_sibling
    return sibling if isinstance(sibling, Tag) and sibling.name in ("ol", "ul") else None


def _last_item(listing: Tag) -> Tag | None:
    items = listing.find_all("li", recursive=False)
    return items[-1] if items else None


def _move_items(source: Tag, target: Tag) -> None:
    for item in source.find_all("li", recursive=False):
        target.append(item.extract())
    source.decompose()
