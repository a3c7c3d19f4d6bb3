"""Which processes a change can affect beyond itself.

A process's report reads the rest of the library in three ways (see ``checker.context``):
glossary terms defined elsewhere, system names known from other processes, and near-duplicate
titles. So when process X changes, the others to check again are

- the processes it was or now is a near-duplicate of,
- for every glossary key X started or stopped defining: the processes defining it and those
  whose text contains it,
- for every system name that X made known or unknown to the library: the processes whose
  text contains it;
- for every word that X made the library start or stop writing in lower case: the processes
  whose text contains it (a capitalised "UNLESS" is an acronym only if no one writes
  "unless").

Everything else keeps its report. The text search is a plain case-insensitive substring
test, so it may include a process that did not change; it never misses one that did.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping

from kt_workbench.model import ProcessDocument
from kt_workbench.readmodel.context import LiveContext


def affected_by(
    process_id: str, after: ProcessDocument | None, live: LiveContext
) -> tuple[set[str], set[str]]:
    """Apply the change of ``process_id`` to ``live`` (``after`` None: deleted) and return
    ``(ids defining a changed glossary key, keys whose users must be checked again)``.

    The near-duplicate partners are not here: the caller knows them from its pairs."""
    old_terms = live.terms(process_id)
    old_systems = live.system_keys(process_id)
    known_before = live.known_systems()
    if after is None:
        live.drop(process_id)
    else:
        live.put(after)
    new_terms = live.terms(process_id)
    new_systems = live.system_keys(process_id)
    known_after = live.known_systems()
    changed_terms = old_terms ^ new_terms
    # A system name changes other reports only when it joins or leaves the library.
    changed_systems = {
        key for key in old_systems ^ new_systems if (key in known_before) != (key in known_after)
    }
    definers: set[str] = set()
    for key in changed_terms:
        definers |= live.definers(key)
    # A word the library now writes, or no longer writes, in lower case changes whether its
    # capitalised form elsewhere reads as an acronym (checker: lower_case_words).
    return definers, set(changed_terms) | changed_systems | live.lower_changed


def mentioning(
    documents: Mapping[str, ProcessDocument],
    keys: set[str],
    texts: dict[str, tuple[ProcessDocument, str]],
) -> set[str]:
    """Ids of the processes whose text contains any of ``keys`` (casefolded substrings).

    ``texts`` keeps each document's folded text between calls, with the document it was
    made from (a changed document is folded again): the first call reads every document,
    later ones only search."""
    if not keys:
        return set()
    wanted = [key for key in keys if key]
    found = set()
    for process_id, document in documents.items():
        known = texts.get(process_id)
        if known is None or known[0] is not document:
            known = texts[process_id] = (document, "\n".join(_strings(document)).casefold())
        if any(key in known[1] for key in wanted):
            found.add(process_id)
    for process_id in texts.keys() - documents.keys():
        del texts[process_id]
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
