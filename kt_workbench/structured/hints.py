"""What the structured views suggest and flag: values already used around the process.

The library's roles and systems are gathered once per library snapshot (``LibraryVocabulary``,
rebuilt only when the library changed), the process's own contact roles, access systems and
glossary terms from the document being edited, each time it is checked again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kt_workbench.checker.vocabulary import system_names
from kt_workbench.model import ProcessDocument


@dataclass(frozen=True)
class EditingHints:
    """Suggestions for fields, gathered from the library and the process being edited.

    ``roles`` and ``systems`` are those used in the library's steps and access rights;
    ``contact_roles`` those of the process's escalation contacts; ``access_systems`` the
    systems the process grants access to; ``glossary_terms`` the terms its glossary explains.
    """

    roles: tuple[str, ...] = ()
    systems: tuple[str, ...] = ()
    contact_roles: tuple[str, ...] = ()
    access_systems: tuple[str, ...] = ()
    glossary_terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class LibraryVocabulary:
    """The roles and systems written in the library's steps and access rights."""

    roles: tuple[str, ...] = ()
    systems: tuple[str, ...] = ()


def _distinct(values: Iterable[str]) -> tuple[str, ...]:
    """Each value once (the first spelling of those equal but for case), sorted, blanks out."""
    seen: dict[str, str] = {}
    for value in values:
        cleaned = " ".join(value.split())
        if cleaned:
            seen.setdefault(cleaned.casefold(), cleaned)
    return tuple(sorted(seen.values(), key=str.casefold))


def _roles_of(document: ProcessDocument) -> list[str]:
    return [step.role for step in document.steps] + [r.role for r in document.access_rights]


def _systems_of(document: ProcessDocument) -> list[str]:
    fields = [step.system for step in document.steps]
    fields += [right.system for right in document.access_rights]
    return [name for field in fields for name in system_names(field)]


def library_vocabulary(documents: Iterable[ProcessDocument]) -> LibraryVocabulary:
    roles: list[str] = []
    systems: list[str] = []
    for document in documents:
        roles += _roles_of(document)
        systems += _systems_of(document)
    return LibraryVocabulary(_distinct(roles), _distinct(systems))


class VocabularyCache:
    """The vocabulary of the last library snapshot seen: snapshots are replaced, never changed,
    when the library changes, so the same snapshot object means the same vocabulary."""

    def __init__(self) -> None:
        self._source: object | None = None
        self._vocabulary = LibraryVocabulary()

    def of(self, snapshot: object, documents: Iterable[ProcessDocument]) -> LibraryVocabulary:
        if snapshot is not self._source:
            self._vocabulary = library_vocabulary(documents)
            self._source = snapshot
        return self._vocabulary


def editing_hints(vocabulary: LibraryVocabulary, document: ProcessDocument | None) -> EditingHints:
    """The hints for editing ``document`` (None: one that does not read yet) in the library."""
    if document is None:
        return EditingHints(vocabulary.roles, vocabulary.systems)
    return EditingHints(
        roles=_distinct((*vocabulary.roles, *_roles_of(document))),
        systems=_distinct((*vocabulary.systems, *_systems_of(document))),
        contact_roles=_distinct(contact.role for contact in document.contacts),
        access_systems=_distinct(
            name for right in document.access_rights for name in system_names(right.system)
        ),
        glossary_terms=_distinct(entry.term for entry in document.glossary),
    )
