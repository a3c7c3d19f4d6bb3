"""Terms a document defines where people write definitions, besides its glossary table:
inline ("Two-factor Authentication (2FA)", "RFH (Request for Help)") and in a glossary
written as bullets, bold lines or headings (in the Glossary section's notes, or in a section
called Definitions, Acronyms, Abbreviations, Terms or the like)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kt_workbench.checker.text import mask_code_and_urls
from kt_workbench.checker.vocabulary import acronyms_in, glossary_key
from kt_workbench.model import ProcessDocument

# "Two-factor Authentication (2FA)", "CaptivateIQ (CIQ)": words, then the acronym in brackets.
_WORDS_THEN_ACRONYM = re.compile(
    r"[A-Za-z][\w'’-]*\s*\((?P<term>[A-Z0-9][A-Za-z0-9&.]{1,9})(?:['’]?s)?\)"
)
# "RFH (Request for Help)": the acronym, then two or more words in brackets.
_ACRONYM_THEN_WORDS = re.compile(
    r"\b(?P<term>[A-Z][A-Z0-9&]{1,8})s?[ \t]*\((?:i\.e\.[ \t]*)?"
    r"[A-Za-z][\w'’-]*(?:[ \t,]+[\w'’-]+)+\)"
)
# "ACR stands for ...", "ACR means ...", "ACR is short for ...".
_STANDS_FOR = re.compile(
    r"\b(?P<term>[A-Z][A-Z0-9&]{1,8})s?\b[ \t]+(?:stands[ \t]+for|means|is[ \t]+short[ \t]+for)\b"
)
# Glossary entries written as list items, bold lines, headings or table rows.
_ENTRY_LINE = re.compile(
    r"^[ \t]*(?:[-*+][ \t]+|#{2,6}[ \t]+|\|[ \t]*)?(?P<term>[^\n:|–—]{1,80}?)"
    r"[ \t]*(?:$|:|[ \t][-–—][ \t]|\|)",
    re.MULTILINE,
)
_SINGLE_TERM = re.compile(r"^[`* ]*[A-Z0-9][A-Z0-9_&.-]{1,15}s?[`* ]*$")
_GLOSSARY_HEADING = re.compile(
    r"\b(?:glossary|definitions?|acronyms?|abbreviations?|terms|terminology|jargon|vocabulary)\b",
    re.IGNORECASE,
)


def written_definitions(doc: ProcessDocument) -> set[str]:
    """Glossary keys of the terms ``doc`` defines outside its glossary table."""
    keys: set[str] = set()
    for text in _prose(doc):
        if "(" in text:
            for pattern in (_WORDS_THEN_ACRONYM, _ACRONYM_THEN_WORDS):
                for match in pattern.finditer(text):
                    term = match.group("term")
                    # "(PPOs)" defines PPO: a plural "s" after capitals is not part of it.
                    if len(term) > 2 and term[-1] == "s" and term[-2].isupper():
                        term = term[:-1]
                    keys.add(glossary_key(term))
        if " means" in text or " stands" in text or " short" in text:
            keys.update(glossary_key(m.group("term")) for m in _STANDS_FOR.finditer(text))
    for section in doc.extra_sections:
        # A section headed by the term alone ("### P4USER") is about that term.
        if _SINGLE_TERM.match(section.heading) and section.body.strip():
            keys.add(glossary_key(section.heading.strip(" `*")))
    for body in _glossary_bodies(doc):
        for match in _ENTRY_LINE.finditer(body):
            term = match.group("term").replace("**", "").replace("__", "").strip(" *_`")
            if term:
                keys.add(glossary_key(term))
                keys.update(acronyms_in(term))
    return keys


# As long as an acronym can be: only those words are ever looked up.
_LOWER_WORD = re.compile(r"(?<![\w’'])[a-z]{2,8}(?![\w’'])")


def lower_case_words(doc: ProcessDocument) -> set[str]:
    """The words ``doc``'s prose writes in lower case (not in code or links)."""
    return set(_LOWER_WORD.findall(mask_code_and_urls("\n\n".join(_prose(doc)))))


def _glossary_bodies(doc: ProcessDocument) -> Iterator[str]:
    whole = bool(_GLOSSARY_HEADING.search(doc.title))  # a page that is a glossary
    for note in doc.notes:
        if whole or note.section == "glossary":
            yield note.text
    for section in doc.extra_sections:
        if whole or _GLOSSARY_HEADING.search(section.heading):
            yield f"## {section.heading}\n{section.body}"


def _prose(doc: ProcessDocument) -> Iterator[str]:
    yield doc.title
    yield doc.purpose
    yield doc.scope
    for step in doc.steps:
        yield step.text
        yield step.details
    for note in doc.notes:
        yield note.text
    for section in doc.extra_sections:
        yield section.body
    for case in doc.edge_cases:
        yield case.handle
        yield case.details
