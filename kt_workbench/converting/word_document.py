"""Word documents (.docx) to markdown: mammoth's semantic HTML, then the HTML conversion."""

from __future__ import annotations

import html
import io
import re
import zipfile

import mammoth

from kt_workbench.converting.html_document import Converted, convert_html
from kt_workbench.markdown.vocabulary import DEFAULT_VOCABULARY, Vocabulary

# Word's own heading and title styles as HTML headings (mammoth knows Heading 1-6 already).
# Word's title is the document's title; its Heading 1 is a section, so headings move down one.
_STYLE_MAP = "\n".join(
    [
        "p[style-name='Title'] => h1:fresh",
        "p[style-name='Subtitle'] => p:fresh",
        *(f"p[style-name='Heading {level}'] => h{level + 1}:fresh" for level in range(1, 6)),
        *(f"p[style-name='heading {level}'] => h{level + 1}:fresh" for level in range(1, 6)),
    ]
)
_OLE = re.compile(rb"<o:OLEObject[^>]*ProgID=\"(?P<prog>[^\"]*)\"")
_TITLE = re.compile(rb"<dc:title>(?P<title>[^<]*)</dc:title>")


class WordError(ValueError):
    """A file named .docx that Word could not have written."""


def convert_docx(data: bytes, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> Converted:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        document_xml = archive.read("word/document.xml")
        names = set(archive.namelist())
        core = archive.read("docProps/core.xml") if "docProps/core.xml" in names else b""
    except (zipfile.BadZipFile, KeyError, OSError) as error:
        raise WordError(f"not a Word document ({error})") from None
    try:
        result = mammoth.convert_to_html(io.BytesIO(data), style_map=_STYLE_MAP)
    except Exception as error:  # mammoth raises assorted errors on damaged files
        raise WordError(f"cannot read this Word document ({type(error).__name__})") from None
    found = _TITLE.search(core)
    title = found["title"].decode("utf-8", "replace").strip() if found else ""
    converted = convert_html(
        result.value, vocabulary, title=html.unescape(title), continue_lists=True
    )
    for match in _OLE.finditer(document_xml):
        prog = match["prog"].decode("utf-8", "replace")
        converted.notes.append(f"embedded object ({prog}) in the original: not imported")
    for message in result.messages:
        if "style" in message.message and "Unrecognised" in message.message:
            continue  # a style with no meaning for the structure: its text is kept
        converted.notes.append(f"Word conversion: {message.message}")
    return converted
