"""Which processes a change can affect beyond itself.

A process's report reads the rest of the library in three ways (see ``checker.context``):
glossary terms defined elsewhere, system names known from other processes, and near-duplicate
titles. So when process X changes, the others to check again are

- the processes it was or now is a near-duplicate of,
- for every glossary key X started or stopped defining: the processes defining it and those
  whose text contains it,
- for every system name that X made known or unknown to the library: the processes whose
  text contains it.

Everything else keeps its report. The text search is a plain case-insensitive substring
test, so it may include a process that did not change; it never misses one that did.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping

from kt_workbench.checker.context import defined_terms, used_system_names
from kt_workbench.checker.vocabulary import system_key
from kt_workbench.model import ProcessDocument


@dataclasses.dataclass
class LibraryFacts:
    """What each process contributes to the library-wide context, kept current per change."""

    terms: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)
    systems: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)
    definers: dict[str, set[str]] = dataclasses.field(default_factory=dict)
    system_uses: Counter[str] = dataclasses.field(default_factory=Counter)

    @classmethod
    def of(cls, documents: Iterable[ProcessDocument]) -> LibraryFacts:
        facts = cls()
        for document in documents:
            facts.put(document)
        return facts

    def put(self, document: ProcessDocument) -> None:
        self.drop(document.id)
        terms = defined_terms(document)
        systems = frozenset(system_key(name) for name in used_system_names(document))
        self.terms[document.id] = terms
        self.systems[document.id] = systems
        for key in terms:
            self.definers.setdefault(key, set()).add(document.id)
        self.system_uses.update(systems)

    def drop(self, process_id: str) -> None:
        for key in self.terms.pop(process_id, frozenset()):
            ids = self.definers.get(key)
            if ids is not None:
                ids.discard(process_id)
                if not ids:
                    del self.definers[key]
        for key in self.systems.pop(process_id, frozenset()):
            self.system_uses[key] -= 1
            if self.system_uses[key] <= 0:
                del self.system_uses[key]


def affected_by(
    process_id: str,
    before: ProcessDocument | None,
    after: ProcessDocument | None,
    facts: LibraryFacts,
    documents: Mapping[str, ProcessDocument],
) -> tuple[set[str], set[str]]:
    """Update ``facts`` for a change of ``process_id`` (``after`` None: deleted) and return
    ``(ids defining a changed key, keys whose text users must be re-checked)``.

    The near-duplicate partners are not here: the caller knows them from its pairs."""
    old_terms = facts.terms.get(process_id, frozenset())
    old_systems = facts.systems.get(process_id, frozenset())
    known_before = set(facts.system_uses)
    if after is None:
        facts.drop(process_id)
    else:
        facts.put(after)
    new_terms = facts.terms.get(process_id, frozenset())
    new_systems = facts.systems.get(process_id, frozenset())
    changed_terms = old_terms ^ new_terms
    # A system name changes other reports only when it joins or leaves the library.
    changed_systems = {
        key
        for key in old_systems ^ new_systems
        if (key in known_before) != (key in facts.system_uses)
    }
    definers: set[str] = set()
    for key in changed_terms:
        definers |= facts.definers.get(key, set())
    return definers, set(changed_terms) | changed_systems


def mentioning(documents: Mapping[str, ProcessDocument], keys: set[str]) -> set[str]:
    """Ids of the processes whose text contains any of ``keys`` (casefolded substrings)."""
    if not keys:
        return set()
    wanted = [key for key in keys if key]
    found = set()
    for process_id, document in documents.items():
        text = "\n".join(_strings(document)).casefold()
        if any(key in text for key in wanted):
            found.add(process_id)
    return found


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _strings(getattr(value, field.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _strings(item)
