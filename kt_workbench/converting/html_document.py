"""HTML (Word "save as web page", Confluence and Google Docs exports, docs sites) to markdown."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag
from markdownify import MarkdownConverter

from kt_workbench.converting.google_docs import plain_google_docs
from kt_workbench.markdown.vocabulary import DEFAULT_VOCABULARY, Vocabulary

# Where the content of common exports lives; the first one found wins, else <body>.
_CONTENT = ("#main-content", "main", "article", '[role="main"]', "#content", ".wiki-content")
_NOISE = ("script", "style", "nav", "header", "footer", "noscript", "template", "form")
_EMBEDDED = ("object", "embed", "iframe", "video", "audio", "canvas", "svg")
_TYPED_NUMBER = re.compile(r"^\s*(?P<number>\d{1,3})[.)]\s+")
_MAX_BOLD_HEADING = 120


@dataclass
class Converted:
    """Markdown made from a document, its title when the document names one, and what the
    conversion could not carry (for the import report)."""

    markdown: str
    title: str = ""
    notes: list[str] = field(default_factory=list)


class _Converter(MarkdownConverter):  # type: ignore[misc]
    """markdownify with ATX headings and ``-`` bullets, as the format writes them."""


def convert_html(
    html: str | bytes,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
    *,
    title: str = "",
    continue_lists: bool = False,
) -> Converted:
    """``html`` as bytes lets the document's own ``<meta charset>`` decide its encoding
    (Word saves web pages in windows-1252)."""
    soup = BeautifulSoup(html, "html.parser")
    if not title and soup.title is not None and soup.title.get_text(strip=True):
        title = soup.title.get_text(" ", strip=True)
    root: Tag = soup
    for selector in _CONTENT:
        found = soup.select_one(selector)
        if found is not None:
            root = found
            break
    else:
        if soup.body is not None:
            root = soup.body
    google = plain_google_docs(soup, root)
    for name in _NOISE:
        for element in root.find_all(name):
            element.decompose()
    notes: list[str] = []
    if google:
        notes.append("Google Docs export: bold styles, title and list levels read")
    _sections_as_h2(root)
    _note_media(soup, root, notes)
    _bold_headings(soup, root, vocabulary)
    _typed_numbering(soup, root)
    if continue_lists:
        _continue_numbering(root)
    _table_cells(root)
    markdown = _Converter(
        heading_style="ATX", bullets="-", table_infer_header=True, escape_misc=False
    ).convert_soup(root)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"
    if not title:
        first = root.find(["h1"])
        title = first.get_text(" ", strip=True) if isinstance(first, Tag) else ""
    if title and not markdown.startswith("# "):
        markdown = f"# {title}\n\n{markdown}"
    return Converted(markdown, title, notes)


def _sections_as_h2(root: Tag) -> None:
    """Pages that use several ``<h1>`` for their sections (the title is then ``<title>``) get
    every heading one level down, so that sections are level 2 as the format reads them."""
    if len(root.find_all("h1")) < 2:
        return
    for level in range(5, 0, -1):
        for heading in root.find_all(f"h{level}"):
            heading.name = f"h{level + 1}"


def _note_media(soup: BeautifulSoup, root: Tag, notes: list[str]) -> None:
    """Images and embedded objects become a visible note where they stood."""
    for count, element in enumerate(root.find_all(["img", *_EMBEDDED]), start=1):
        if element.name == "img":
            alt = str(element.get("alt") or "").strip()
            label = f"Image {count}" + (f": {alt}" if alt else "")
        else:
            kind = str(element.get("type") or element.get("src") or element.name)[:60]
            label = f"Embedded object {count} ({kind})"
        text = f"[{label} — in the original document, not imported]"
        element.replace_with(NavigableString(text))
        notes.append(f"{label.lower()} kept as a note where it stood")


def _only_bold(paragraph: Tag) -> str:
    """The text of a paragraph written entirely in bold, else an empty string."""
    text = paragraph.get_text(" ", strip=True)
    if not text or len(text) > _MAX_BOLD_HEADING:
        return ""
    bold = "".join(
        element.get_text(" ", strip=True) for element in paragraph.find_all(["strong", "b"])
    )
    return text if bold.replace(" ", "") == text.replace(" ", "") else ""


def _bold_headings(soup: BeautifulSoup, root: Tag, vocabulary: Vocabulary) -> None:
    """A short paragraph all in bold is a heading: level 2 when it names a section of the
    format or when the document has no headings, else level 3."""
    has_headings = root.find(["h1", "h2", "h3", "h4", "h5", "h6"]) is not None
    for paragraph in root.find_all("p"):
        if paragraph.find_parent(["li", "table"]) is not None:
            continue
        text = _only_bold(paragraph)
        if not text:
            continue
        known = vocabulary.section_for_heading(text.rstrip(":"))
        heading = soup.new_tag("h2" if known or not has_headings else "h3")
        heading.string = text.rstrip(":") if known else text
        paragraph.replace_with(heading)


def _typed_numbering(soup: BeautifulSoup, root: Tag) -> None:
    """Paragraphs that start with a typed "1." / "2)" in sequence become a numbered list."""
    paragraphs = [p for p in root.find_all("p") if p.find_parent(["li", "table"]) is None]
    index = 0
    while index < len(paragraphs):
        run: list[Tag] = []
        expected = 1
        while index < len(paragraphs):
            match = _TYPED_NUMBER.match(paragraphs[index].get_text())
            if match is None or int(match["number"]) != expected:
                break
            if run and paragraphs[index].find_previous_sibling() is not run[-1]:
                break
            run.append(paragraphs[index])
            expected += 1
            index += 1
        if len(run) >= 2:
            listing = soup.new_tag("ol")
            run[0].insert_before(listing)
            for paragraph in run:
                _strip_number(paragraph)
                item = soup.new_tag("li")
                item.extend(list(paragraph.contents))
                paragraph.decompose()
                listing.append(item)
        elif not run:
            index += 1


def _continue_numbering(root: Tag) -> None:
    """Word numbers a list on across a picture or a paragraph between its items, while HTML
    starts every list at 1: a numbered list goes on from the one before it until a heading."""
    done = 0
    for element in root.find_all(True, recursive=False):
        if element.name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            done = 0
        elif element.name == "ol":
            if done and not element.get("start"):
                element["start"] = str(done + 1)
            done = (
                int(str(element.get("start") or 1))
                - 1
                + len(element.find_all("li", recursive=False))
            )


def _strip_number(paragraph: Tag) -> None:
    for text in paragraph.find_all(string=True):
        if text.strip():
            text.replace_with(_TYPED_NUMBER.sub("", str(text), count=1))
            return


def _table_cells(root: Tag) -> None:
    """Cells hold one line in markdown: paragraphs inside a cell are joined, pipes escaped."""
    for cell in root.find_all(["td", "th"]):
        for text in cell.find_all(string=True):
            if "|" in text:
                text.replace_with(str(text).replace("|", "\\|"))
        for block in cell.find_all(["p", "div", "br"]):
            if block.name == "br":
                block.replace_with(" ")
            else:
                block.insert_after(" ")
                block.unwrap()
