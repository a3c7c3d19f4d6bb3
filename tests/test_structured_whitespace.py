"""Whitespace a user wrote at the end of a section survives edit, save and export.

The parser tidies a text field of blank lines and ASCII spaces and tabs around it; any other
Unicode whitespace (a no-break space, an ideographic space closing a Japanese script) is text
it keeps. The editor writes its fields back to markdown the same way, so opening a process
and saving it never takes such a character away.
"""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from kt_workbench.editing import document_from_fields, fields_from_document, to_markdown
from kt_workbench.markdown import parse_document, render_document

UNICODE_WHITESPACE = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
# Kept by the parser: not a line break for markdown and not what it tidies away.
KEPT = "".join(c for c in UNICODE_WHITESPACE if c not in " \t\n\r")

SOURCE = """---
title: Whitespace
---

# Whitespace

## Purpose

We replace faulty kettles{ws}

## Scripts

### Confirmed

> お問い合わせありがとうございます{ws}

## Glossary

| Term | Meaning |
| --- | --- |
| FCR | First contact resolution{ws} |
"""


@settings(max_examples=200, deadline=None)
@given(ws=st.text(alphabet=UNICODE_WHITESPACE, min_size=1, max_size=4))
def test_trailing_unicode_whitespace_survives_edit_save_and_export(ws: str) -> None:
    document = parse_document(SOURCE.format(ws=ws), "whitespace.md")
    edited = document_from_fields(fields_from_document(document))  # opened and saved
    assert edited == document
    exported = parse_document(render_document(edited), "export.md")  # the handover pack
    assert exported == document


@given(ws=st.text(alphabet=KEPT, min_size=1, max_size=3))
def test_the_purpose_keeps_a_closing_no_break_or_ideographic_space(ws: str) -> None:
    document = parse_document(SOURCE.format(ws=ws), "whitespace.md")
    assert document.purpose.endswith(ws)
    assert document_from_fields(fields_from_document(document)).purpose == document.purpose


def test_blank_lines_and_ascii_spaces_around_a_section_are_not_text() -> None:
    """What the parser tidies away the editor does not write either (intended: markdown
    gives them no meaning)."""
    fields = fields_from_document(parse_document(SOURCE.format(ws=""), "w.md"))
    padded = dict(fields, purpose="\n \t\n" + fields["purpose"] + " \t\n\n")
    assert to_markdown(padded) == to_markdown(fields)
    assert "## Purpose\n\nWe replace faulty kettles\n" in to_markdown(padded)
