"""Markdown to ``ProcessDocument``: the format described in docs/format.md."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Any

from kt_workbench.errors import InputError
from kt_workbench.markdown import section_rules
from kt_workbench.markdown.blocks import Block, Region, document_region, remaining, tidy_lines
from kt_workbench.markdown.column_tables import table_by_columns
from kt_workbench.markdown.front_matter import split_front_matter
from kt_workbench.markdown.headings import heading_content, heading_text
from kt_workbench.markdown.readers import READERS, Reading
from kt_workbench.markdown.vocabulary import DEFAULT_VOCABULARY, Vocabulary
from kt_workbench.model import (
    BODY_SECTIONS,
    EXTRA,
    SECTION_NAMES,
    ExtraSection,
    Layout,
    ProcessDocument,
    slugify,
)
from kt_workbench.model.layout import canonical_order

__all__ = [
    "ParseOptions",
    "Parsed",
    "heading_content",
    "heading_text",
    "parse_document",
    "read_process",
]


@dataclass(frozen=True)
class ParseOptions:
    """How to read a file beyond what it says itself.

    ``fallback_title`` stands in when neither the front matter nor a heading gives a title
    (adopting files written for other tools: the file name, or a site's navigation);
    ``vocabulary`` holds the section headings and table columns to recognise;
    ``tables_by_columns`` reads a table outside its own section as that section when its
    columns say so (adopted files: see ``column_tables``).
    """

    fallback_title: str = ""
    vocabulary: Vocabulary = DEFAULT_VOCABULARY
    tables_by_columns: bool = False


DEFAULT_OPTIONS = ParseOptions()


@dataclass(frozen=True)
class Parsed:
    """A document with where its id and title came from (``title_source`` is
    ``front matter``, ``heading`` or ``fallback``)."""

    document: ProcessDocument
    id_given: bool
    title_source: str
    # (heading of the section the table stood in, "" before any, section it was read as)
    tables_by_columns: tuple[tuple[str, str], ...] = ()


def parse_document(
    text: str, source: str = "<string>", options: ParseOptions = DEFAULT_OPTIONS
) -> ProcessDocument:
    """Read one process from markdown. Raises ``InputError`` (with file and line) on bad input."""
    return read_process(text, source, options).document


def read_process(
    text: str, source: str = "<string>", options: ParseOptions = DEFAULT_OPTIONS
) -> Parsed:
    """Like ``parse_document``, and say where the id and the title came from."""
    text = _normalise(text, source)
    front, body = split_front_matter(text, source)
    document = document_region(body)
    h2s = [b for b in document.blocks if b.kind == "heading" and b.heading_level == 2]
    sections_start = h2s[0].start if h2s else document.end
    h1 = next(
        (b for b in document.blocks if b.heading_level == 1 and b.start < sections_start), None
    )
    reading = Reading(fields=dict(front.fields), vocabulary=options.vocabulary)
    fields = reading.fields
    if front.extra:
        fields["extra_front_matter"] = front.extra
    title_lines: list[tuple[int, int]] = []
    title_source = "front matter" if fields.get("title") else "heading"
    if h1 is not None:
        heading = heading_text(document.lines, h1)
        if not fields.get("title"):
            fields["title"] = heading
        if heading == fields["title"]:
            title_lines.append((h1.start, h1.end))
    if not fields.get("title") and options.fallback_title:
        fields["title"] = options.fallback_title
        title_source = "fallback"
    if not fields.get("title"):
        raise InputError(
            source, 1, "no title: add 'title:' to the front matter or a '# Title' line"
        )
    id_given = bool(fields.get("id"))
    if not id_given:
        fields["id"] = derive_id(fields["title"])
    headings = [heading_text(document.lines, block) for block in h2s]
    names = [options.vocabulary.section_for_heading(heading) for heading in headings]
    blank = _blank_sections(document, h2s, names) if options.tables_by_columns else set()
    extras: list[ExtraSection] = []
    order: list[str] = []
    by_columns: list[tuple[str, str]] = []

    def table_section(region: Region, where: str, after: int) -> tuple[Block, str] | None:
        if not options.tables_by_columns:
            return None
        # A known section with nothing in it is not written back: it takes no table.
        taken = {*(name for name in names if name), *order} - blank
        found = table_by_columns(region, taken, options.vocabulary)
        if found is None or found[0].start < after:
            return None
        by_columns.append((where, found[1]))
        order.append(found[1])
        return found

    preamble = document.part(0, sections_start)
    found = table_section(preamble, "", h1.end if h1 is not None else 0)
    cut = found[0].start if found is not None else sections_start
    if title_lines and h1 is not None and h1.start > preamble.first:
        # Text above the title heading stays above it (an SectionNote ``after`` of -1).
        reading.note("overview", remaining(preamble.part(0, h1.start), []), -1)
        reading.note("overview", remaining(preamble.part(h1.end, cut), []))
    else:
        reading.note("overview", remaining(preamble.part(0, cut), title_lines))
    if found is not None:
        READERS[found[1]](preamble.part(cut), reading)
    for index, heading_block in enumerate(h2s):
        end = h2s[index + 1].start if index + 1 < len(h2s) else document.end
        heading, name = headings[index], names[index]
        region = document.part(heading_block.end, end)
        if name is None or name in order:
            order.append(EXTRA)
            found = table_section(region, heading, 0) if name is None else None
            cut = found[0].start if found is not None else end
            body_text = section_rules.TOP_LEVEL.unescape(tidy_lines(region.text(region.first, cut)))
            extras.append(ExtraSection(heading, body_text))
            if found is not None:
                READERS[found[1]](region.part(cut), reading)
            continue
        order.append(name)
        READERS[name](region, reading)
    # Notes are kept in the canonical section order, each section's in the file's order.
    reading.notes.sort(key=lambda note: (SECTION_NAMES.index(note.section), note.after))
    parsed = ProcessDocument(**fields, notes=tuple(reading.notes), extra_sections=tuple(extras))
    document_read = _with_layout(parsed, order, reading.layout)
    return Parsed(document_read, id_given, title_source, tuple(by_columns))


def _blank_sections(document: Region, h2s: list[Block], names: list[str | None]) -> set[str]:
    """Known sections whose every heading has only blank lines under it."""
    blank: set[str] = set()
    filled: set[str] = set()
    for index, (block, name) in enumerate(zip(h2s, names, strict=True)):
        if name is None:
            continue
        end = h2s[index + 1].start if index + 1 < len(h2s) else document.end
        lines = document.text(block.end, end)
        (filled if any(line.strip() for line in lines) else blank).add(name)
    return blank - filled


def _with_layout(
    document: ProcessDocument, order: list[str], found: dict[str, Any]
) -> ProcessDocument:
    filled = document.filled_sections()
    # A section with nothing in it is not written back, so it has no place in the order.
    sections = [name for name in order if name == EXTRA or name in filled]
    if sections == canonical_order(filled, BODY_SECTIONS, len(document.extra_sections)):
        sections = []
    layout = Layout(sections=tuple(sections), **found)
    return replace(document, layout=layout) if layout else document


def _normalise(text: str, source: str) -> str:
    if "\x00" in text:
        raise InputError(source, None, "binary file, not a markdown document")
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def derive_id(title: str) -> str:
    """An id from a title: its slug, or ``process-`` and a hash when nothing survives."""
    slug = slugify(title)
    if slug:
        return slug
    return "process-" + hashlib.sha256(title.encode()).hexdigest()[:10]
