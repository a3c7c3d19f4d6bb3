"""Word documents for the import tests, built with python-docx and real Word numbering."""

from __future__ import annotations

import base64
import io

import docx
from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

# A 1x1 PNG.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
_NUMBERING_ID = 900


def new_document(title: str) -> Document:
    document = docx.Document()
    document.core_properties.title = title
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="%{level + 1}."/><w:pPr><w:ind w:left="{720 * (level + 1)}"'
        ' w:hanging="360"/></w:pPr></w:lvl>'
        for level, fmt in enumerate(("decimal", "lowerLetter", "lowerRoman"))
    )
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{_NUMBERING_ID}">{levels}'
            "</w:abstractNum>"
        ),
    )
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{_NUMBERING_ID}"><w:abstractNumId'
            f' w:val="{_NUMBERING_ID}"/></w:num>'
        )
    )
    return document


def numbered(document: Document, text: str, level: int = 0) -> None:
    """A paragraph in Word's own numbering (not typed digits), at a list level."""
    paragraph = document.add_paragraph(text, style="List Paragraph")
    properties = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    properties.get_or_add_ilvl().val = level
    properties.get_or_add_numId().val = _NUMBERING_ID


def table(document: Document, rows: list[list[str]]) -> None:
    grid = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            grid.cell(r, c).text = text


def picture(document: Document) -> None:
    document.add_picture(io.BytesIO(PIXEL))


def to_bytes(document: Document) -> bytes:
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()
