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

Everything else keeps its report. The text search looks for the key's words as whole words
of the process's text (``mentioning``), so it may include a process that did not change; it
never misses one that did.
"""

from __future__ import annotations

import dataclasses
import re
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
    """Ids of the processes whose text may mention any of ``keys``.

    Every way the checker finds a key in text (a system name, an acronym, a glossary term or
    placeholder) needs the match to start and end at a word boundary, so each run of letters
    and digits of the key is a whole word of the text: a process is taken when every word of
    some key stands as a whole word in its text. That is much tighter than a substring test
    (a new word "lend" is not in "blender") and never misses one the checker would find. A
    key with no letter or digit is looked for as text. ``texts`` keeps each document's text,
    casefolded, between calls, with the document it was made from (a changed document is
    folded again): the first call reads every document, later ones only search.
    """
    wanted = [(key.casefold(), _word_patterns(key)) for key in keys if key]
    if not wanted:
        return set()
    fold_texts(documents, texts)
    return {
        process_id
        for process_id, (_, text) in texts.items()
        if any(_mentions(text, key, patterns) for key, patterns in wanted)
    }


def fold_texts(
    documents: Mapping[str, ProcessDocument], texts: dict[str, tuple[ProcessDocument, str]]
) -> None:
    """Bring ``texts`` to each of ``documents``' folded text (only changed ones are read)."""
    for process_id, document in documents.items():
        known = texts.get(process_id)
        if known is None or known[0] is not document:
            texts[process_id] = (document, "\n".join(_strings(document)).casefold())
    for process_id in texts.keys() - documents.keys():
        del texts[process_id]


# Letters and digits (``[^\W_]``): ``_`` and ``-`` separate words here, more finely than the
# checker's boundaries, so a word of the checker's is always made of whole words of these.
_WORD = re.compile(r"[^\W_]+")
WordPatterns = tuple[tuple[str, re.Pattern[str]], ...]


def _word_patterns(key: str) -> WordPatterns:
    """Each word of ``key``, with a pattern finding it as a whole word."""
    return tuple(
        (word, re.compile(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])"))
        for word in dict.fromkeys(_WORD.findall(key.casefold()))
    )


def _mentions(text: str, key: str, patterns: WordPatterns) -> bool:
    if not patterns:
        return key in text
    # The substring test is quick and rules out most texts before a pattern runs.
    return all(word in text for word, _ in patterns) and all(
        pattern.search(text) for _, pattern in patterns
    )


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _strings(getattr(value, field.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _strings(item)
