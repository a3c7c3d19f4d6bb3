"""What checking one process needs to know about the rest of the library.

Built once per library (cheap: one pass over every document) and shared by every single-
process check, so the workbench can re-check the process being edited on each keystroke.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from kt_workbench.checker.definitions import lower_case_words, written_definitions
from kt_workbench.checker.duplicates import DuplicateIndex
from kt_workbench.checker.vocabulary import (
    acronyms_in,
    glossary_key,
    system_key,
    system_names,
)
from kt_workbench.model import ProcessDocument


@dataclass(frozen=True)
class LibraryContext:
    """``glossary`` maps each defined term (normalised) and each acronym to the ids of the
    processes whose glossary defines it; ``systems`` maps known system names (normalised) to
    how they are written."""

    glossary: dict[str, frozenset[str]] = field(default_factory=dict)
    systems: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    duplicates: DuplicateIndex = field(default_factory=DuplicateIndex)
    # Each document's own glossary keys, with the document they were read from.
    own_terms: dict[str, tuple[ProcessDocument, frozenset[str]]] = field(default_factory=dict)

    @classmethod
    def build(cls, docs: Iterable[ProcessDocument]) -> LibraryContext:
        glossary: dict[str, set[str]] = {}
        systems: dict[str, str] = {}
        titles: dict[str, str] = {}
        own_terms: dict[str, tuple[ProcessDocument, frozenset[str]]] = {}
        docs = list(docs)
        for doc in docs:
            titles[doc.id] = doc.title
            terms = defined_terms(doc)
            own_terms[doc.id] = (doc, terms)
            for key in terms:
                glossary.setdefault(key, set()).add(doc.id)
            for name in used_system_names(doc):
                systems.setdefault(system_key(name), name)
        return cls(
            glossary={key: frozenset(ids) for key, ids in glossary.items()},
            systems=systems,
            titles=titles,
            duplicates=DuplicateIndex.build(docs),
            own_terms=own_terms,
        )

    def terms_of(self, doc: ProcessDocument) -> frozenset[str]:
        """The glossary keys ``doc`` defines itself; read again if it changed since ``build``."""
        known = self.own_terms.get(doc.id)
        return known[1] if known is not None and known[0] is doc else defined_terms(doc)

    def defined_elsewhere(self, key: str, doc_id: str) -> bool:
        """True when a process other than ``doc_id`` defines ``key`` in its glossary."""
        ids = self.glossary.get(key)
        return ids is not None and (len(ids) > 1 or doc_id not in ids)

    @cached_property
    def lower_case_words(self) -> frozenset[str]:
        """Every word the library's prose writes in lower case: a capitalised "UNLESS" or
        "BELOW" is one of these, written for emphasis, not an acronym. Built on first use."""
        words: set[str] = set()
        for doc, _terms in self.own_terms.values():
            words.update(lower_case_words(doc))
        return frozenset(words)

    def lower_case_words_for(self, doc: ProcessDocument) -> frozenset[str] | set[str]:
        """``lower_case_words``, plus ``doc``'s own when it changed since ``build``."""
        known = self.own_terms.get(doc.id)
        if known is not None and known[0] is doc:
            return self.lower_case_words
        return self.lower_case_words | lower_case_words(doc)

    @cached_property
    def system_finder(self) -> SystemFinder:
        return SystemFinder(self.systems.values())


def defined_terms(doc: ProcessDocument) -> frozenset[str]:
    """The glossary keys one document defines: each term and every acronym inside a term, and
    the terms it defines in its text (see ``definitions``)."""
    keys: set[str] = written_definitions(doc)
    for entry in doc.glossary:
        keys.add(glossary_key(entry.term))
        keys.update(acronyms_in(entry.term))
    return frozenset(keys)


def used_system_names(doc: ProcessDocument) -> list[str]:
    names = [name for step in doc.steps for name in system_names(step.system)]
    names += [name for right in doc.access_rights for name in system_names(right.system)]
    return names


# Channel words are written as system names by some owners ("System: Phone"), but in prose
# they are ordinary words; recognising them would flag every "Email the customer".
_GENERIC_NAMES = frozenset(
    "phone telephone email e-mail mail chat sms web website letter post social call calls "  # noqa: SIM905
    "ticket tickets case portal system crm".split()
)
_CAPITALISED_WORD = re.compile(r"[A-Z0-9][\w-]*")


class SystemFinder:
    """Finds known system names in prose, where they are written as names: capitalised.

    Looking up each capitalised word by the first word of the system names is much faster
    than one regex alternation of every name, and a library may know hundreds of systems.
    """

    def __init__(self, names: Iterable[str]) -> None:
        by_first_word: dict[str, list[tuple[str, str]]] = {}
        self._known: set[str] = set()
        for name in names:
            key = system_key(name)
            self._known.add(key)
            if len(key) < 3 or key in _GENERIC_NAMES:
                continue
            by_first_word.setdefault(key.split(" ")[0], []).append((key, name))
        for candidates in by_first_word.values():
            candidates.sort(key=lambda candidate: (-len(candidate[0]), candidate[0]))
        self._by_first_word = by_first_word

    def __bool__(self) -> bool:
        return bool(self._by_first_word)

    def knows(self, name: str) -> bool:
        """Whether ``name`` was given, even if too generic to be looked for in prose."""
        return system_key(name) in self._known

    def find(self, text: str) -> list[tuple[int, str, str]]:
        """``(offset, key, name as written)`` for each system named in ``text``."""
        found = []
        for match in _CAPITALISED_WORD.finditer(text):
            start = match.start()
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_-"):
                continue
            candidates = self._by_first_word.get(match.group().lower())
            if not candidates:
                continue
            for key, _name in candidates:
                end = start + len(key)
                written = text[start:end]
                if written.lower() == key and (end == len(text) or not _word_char(text[end])):
                    found.append((start, key, written))
                    break
        return found


def _word_char(char: str) -> bool:
    return char.isalnum() or char in "_-"
