"""Known-answer typo queries for the search benchmark, from any library: generated or real.

Each query is two words that appear together in one entry of the expected process and, as
a pair, in no other process, so the right answer is knowable despite the typos. Words are
taken as search itself splits them, so a query word is always a word the index holds:
Latin-script and other spaced words of four letters or more, and in Japanese or Chinese a
run of two to eight characters of one script. Every word gets one typo: an edit that
leaves the first letter (as people rarely mistype it), or for Japanese and Chinese one
wrong character in words of three or more.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path

from benchmarks.vocabulary import STOPWORDS
from kt_workbench.errors import KtwError
from kt_workbench.importing import read_document
from kt_workbench.model import ProcessDocument
from kt_workbench.search import document_entries
from kt_workbench.search.text import is_unspaced, words

_STOPWORDS = frozenset(STOPWORDS)
_UNSPACED_WORD = re.compile("[\u4e00-\u9fff]{2,4}|[\u30a1-\u30fa\u30fc]{3,8}")
# Most distinct words considered per entry: pairs grow with the square of it.
_PER_ENTRY = 40


def load_corpus(folder: Path) -> tuple[list[ProcessDocument], int]:
    """Every markdown file under ``folder`` that imports, and how many did not.

    Repeated ids get a suffix, as they would have to in one library.
    """
    documents: list[ProcessDocument] = []
    seen: set[str] = set()
    failed = 0
    for path in sorted(folder.rglob("*.md")):
        if not path.is_file():
            continue
        try:
            document = read_document(path)
        except KtwError:
            failed += 1
            continue
        if document.id in seen:
            document = replace(document, id=f"{document.id}-{len(documents)}")
        seen.add(document.id)
        documents.append(document)
    return documents, failed


def query_words(text: str) -> list[str]:
    """The words of a text a query may be made of, folded, in order."""
    found = [
        word
        for word in words(text)
        if len(word) >= 4 and word.isalpha() and word not in _STOPWORDS and not is_unspaced(word)
    ]
    if not text.isascii():
        found += _UNSPACED_WORD.findall(text)
    return found


def typo(rng: random.Random, word: str) -> str:
    """One edit that keeps the word at least four letters long and leaves its first letter."""
    if is_unspaced(word):
        if len(word) < 3:
            return word
        at = rng.randrange(1, len(word))
        pool = (
            "検索確認対応請求返金管理登録削除履歴報告"
            if word[at] > "\u4e00"
            else "アカサタナハマラ"
        )
        return word[:at] + rng.choice([c for c in pool if c != word[at]]) + word[at + 1 :]
    kinds = ["substitute", "transpose", "insert"] + (["delete"] if len(word) > 4 else [])
    kind = rng.choice(kinds)
    at = rng.randrange(1, len(word) - 1) if kind == "transpose" else rng.randrange(1, len(word))
    letter = rng.choice([c for c in "aeioustrnl" if c != word[at]])
    if kind == "substitute":
        return word[:at] + letter + word[at + 1 :]
    if kind == "transpose":
        if word[at] == word[at + 1]:
            return word[:at] + letter + word[at + 1 :]
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    if kind == "insert":
        return word[:at] + letter + word[at:]
    return word[:at] + word[at + 1 :]


def generate_queries(
    library: list[ProcessDocument], count: int, seed: int = 11
) -> list[tuple[str, str]]:
    """``(query, expected process id)`` pairs with one typo in every word."""
    rng = random.Random(seed)
    holders: dict[str, set[int]] = {}
    snippets: list[list[list[str]]] = []
    for index, document in enumerate(library):
        found = [query_words(entry.text) for entry in document_entries(document)]
        found = [entry_words for entry_words in found if len(entry_words) >= 2]
        snippets.append(found)
        for word in {w for ws in found for w in ws}:
            holders.setdefault(word, set()).add(index)
    usable = [index for index, found in enumerate(snippets) if found]
    queries: list[tuple[str, str]] = []
    attempts = 0
    while usable and len(queries) < count and attempts < count * 50:
        attempts += 1
        index = rng.choice(usable)
        pair = _distinctive_pair(rng, snippets[index], holders, index)
        if pair is not None:
            queries.append((" ".join(typo(rng, word) for word in pair), library[index].id))
    return queries


def _distinctive_pair(
    rng: random.Random, snippets: list[list[str]], holders: dict[str, set[int]], index: int
) -> tuple[str, str] | None:
    """Two words of one entry that occur together in no other process, in entry order."""
    for found in rng.sample(snippets, min(len(snippets), 20)):
        distinct = sorted(set(found))
        if len(distinct) > _PER_ENTRY:
            distinct = sorted(rng.sample(distinct, _PER_ENTRY))
        pairs = [
            (a, b)
            for i, a in enumerate(distinct)
            for b in distinct[i + 1 :]
            if holders[a] & holders[b] == {index}
        ]
        if pairs:
            first, second = sorted(rng.choice(pairs), key=found.index)
            return first, second
    return None
