"""The checker's library context, kept current one process at a time.

``LibraryContext.build`` reads every document (about half a second at 5,000 processes);
a save changes one. ``LiveContext`` keeps the same dictionaries and updates only what the
changed process contributes, then hands out a ``LibraryContext`` over them that equals what
``build`` would return for the same documents (a test holds the two equal). Documents are
taken in id order, as the store lists them, wherever order decides (the spelling kept for a
system name is the one of the first process using it).
"""

from __future__ import annotations

from collections.abc import Iterable

from kt_workbench.checker import LibraryContext
from kt_workbench.checker.context import defined_terms, used_system_names
from kt_workbench.checker.definitions import lower_case_words
from kt_workbench.checker.duplicates import DuplicateIndex
from kt_workbench.checker.vocabulary import system_key
from kt_workbench.model import ProcessDocument


class LiveContext:
    def __init__(self, documents: Iterable[ProcessDocument] = ()) -> None:
        ordered = sorted(documents, key=lambda doc: doc.id)
        built = LibraryContext.build(ordered)
        self.glossary: dict[str, frozenset[str]] = built.glossary
        self.titles = built.titles
        self.own_terms = built.own_terms
        self.duplicates = built.duplicates
        # Every spelling of each system name, by the process that writes it (first one).
        self.spellings: dict[str, dict[str, str]] = {}
        for doc in ordered:
            for key, name in _systems_of(doc).items():
                self.spellings.setdefault(key, {})[doc.id] = name
        self.systems = built.systems
        self._bucket_keys: dict[str, list[tuple[str, ...]]] = {}
        for bucket, ids in built.duplicates.buckets.items():
            for pid in ids:
                self._bucket_keys.setdefault(pid, []).append(bucket)
        self.context = built
        # The words each process writes in lower case, and in how many processes each is:
        # made on first need (``lower_words``), then kept current like the rest.
        self._lower: dict[str, frozenset[str]] | None = None
        self._lower_count: dict[str, int] = {}
        # The words that joined or left the library's lower-case words in the last change.
        self.lower_changed: set[str] = set()

    def lower_words(self) -> None:
        """Prepare the library's lower-case words (every document read once) so a change
        updates them instead of the next check reading the whole library again."""
        if self._lower is not None:
            return
        self._lower = {}
        for process_id, (doc, _) in self.own_terms.items():
            self._add_lower(process_id, doc)
        self._give_lower(self.context)

    def _add_lower(self, process_id: str, doc: ProcessDocument) -> None:
        assert self._lower is not None
        words = self._lower[process_id] = frozenset(lower_case_words(doc))
        for word in words:
            self._lower_count[word] = self._lower_count.get(word, 0) + 1

    def _drop_lower(self, process_id: str) -> None:
        assert self._lower is not None
        for word in self._lower.pop(process_id, frozenset()):
            count = self._lower_count[word] - 1
            if count:
                self._lower_count[word] = count
            else:
                del self._lower_count[word]

    def _lower_change(self, process_id: str, doc: ProcessDocument | None) -> None:
        """Replace (``doc``) or drop (None) the process's lower-case words, and set
        ``lower_changed`` to the words the library started or stopped writing: a word only
        this process writes, kept by an edit, is in the library before and after and is not
        a change."""
        assert self._lower is not None
        before = self._lower.get(process_id, frozenset())
        self._drop_lower(process_id)
        if doc is not None:
            self._add_lower(process_id, doc)
        after = self._lower.get(process_id, frozenset())
        self.lower_changed = {word for word in after - before if self._lower_count[word] == 1}
        self.lower_changed |= {word for word in before - after if word not in self._lower_count}

    def _give_lower(self, context: LibraryContext) -> None:
        # ``lower_case_words`` is a cached property of the context: given, not recomputed.
        if self._lower is not None:
            context.__dict__["lower_case_words"] = frozenset(self._lower_count)

    def terms(self, process_id: str) -> frozenset[str]:
        known = self.own_terms.get(process_id)
        return known[1] if known is not None else frozenset()

    def system_keys(self, process_id: str) -> frozenset[str]:
        return frozenset(key for key, by in self.spellings.items() if process_id in by)

    def known_systems(self) -> frozenset[str]:
        return frozenset(self.systems)

    def definers(self, key: str) -> frozenset[str]:
        return self.glossary.get(key, frozenset())

    def put(self, doc: ProcessDocument) -> None:
        self.lower_words()
        self._lower_change(doc.id, doc)
        self.drop(doc.id, rebuild=False)
        terms = defined_terms(doc)
        self.own_terms[doc.id] = (doc, terms)
        self.titles[doc.id] = doc.title
        for key in terms:
            self.glossary[key] = self.glossary.get(key, frozenset()) | {doc.id}
        for key, name in _systems_of(doc).items():
            self.spellings.setdefault(key, {})[doc.id] = name
            self._spell(key)
        single = DuplicateIndex.build([doc])
        self.duplicates.entries[doc.id] = single.entries[doc.id]
        buckets = list(single.buckets)
        for bucket in buckets:
            members = self.duplicates.buckets.setdefault(bucket, [])
            members.append(doc.id)
            members.sort()
        self._bucket_keys[doc.id] = buckets
        self._rebuild()

    def drop(self, process_id: str, rebuild: bool = True) -> None:
        if rebuild:  # a deletion (``put`` has replaced the words and drops the rest after)
            self.lower_words()
            self._lower_change(process_id, None)
        known = self.own_terms.pop(process_id, None)
        self.titles.pop(process_id, None)
        for key in known[1] if known is not None else ():
            remaining = self.glossary.get(key, frozenset()) - {process_id}
            if remaining:
                self.glossary[key] = remaining
            else:
                self.glossary.pop(key, None)
        for key in [key for key, by in self.spellings.items() if process_id in by]:
            del self.spellings[key][process_id]
            if not self.spellings[key]:
                del self.spellings[key]
            self._spell(key)
        self.duplicates.entries.pop(process_id, None)
        for bucket in self._bucket_keys.pop(process_id, []):
            members = self.duplicates.buckets.get(bucket, [])
            if process_id in members:
                members.remove(process_id)
            if not members:
                self.duplicates.buckets.pop(bucket, None)
        if rebuild:
            self._rebuild()

    def _spell(self, key: str) -> None:
        by = self.spellings.get(key)
        if by:
            self.systems[key] = by[min(by)]
        else:
            self.systems.pop(key, None)

    def _rebuild(self) -> None:
        # A new context object over the same dictionaries: its system finder is built anew.
        self.context = LibraryContext(
            glossary=self.glossary,
            systems=self.systems,
            titles=self.titles,
            duplicates=self.duplicates,
            own_terms=self.own_terms,
        )
        self._give_lower(self.context)


def _systems_of(doc: ProcessDocument) -> dict[str, str]:
    """Each system key the document uses, with its first spelling in the document."""
    found: dict[str, str] = {}
    for name in used_system_names(doc):
        found.setdefault(system_key(name), name)
    return found
