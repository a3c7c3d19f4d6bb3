"""Words as search sees them: found in the original text, compared in a folded form.

A token keeps the offsets of its characters in the original text, so highlighting is exact
whatever folding did to the word (``Sørensen`` and ``sorensen`` match; the span still covers
the original ``Sørensen``).

Chinese and Japanese have no spaces between words. A run of their characters is cut where
the script changes (kanji, hiragana, katakana: ``顧客アカウントの削除`` becomes ``顧客``,
``アカウント``, ``の``, ``削除``) and each piece becomes its overlapping character pairs
(``アカ``, ``カウ``, ...), or itself when one character long. Pairs need no dictionary,
find a word inside a compound (``検索`` in ``詳細検索``), and are about as distinctive as
English words. A piece of three or more characters is also a word of its own (before its
pairs), so a query word found whole is one term, with typos forgiven by edit distance like
any word's (``エスカレーサョン`` finds ``エスカレーション``); only a query word found nowhere
whole falls back to its pairs (see ``ranking._terms``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any, NamedTuple, cast

from kt_workbench.search.marks import mark_ranges


class _LazyPattern:
    """A regular expression compiled when first used. Classes of thousands of characters
    (the CJK ideographs, the combining marks) take milliseconds each to compile, which a
    cold command whose text is all ASCII never needs."""

    def __init__(self, source: str) -> None:
        self._source = source
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self._source)
        return getattr(self._compiled, name)


def _lazy(source: str) -> re.Pattern[str]:
    return cast("re.Pattern[str]", _LazyPattern(source))


_MARK_RANGES = mark_ranges()
# Kana and CJK ideographs: word characters only (not the kana punctuation "゠", "・").
_IDEOGRAPHIC = (
    "\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
)
_TOKEN = _lazy(
    f"(?:[{_IDEOGRAPHIC}][{_MARK_RANGES}]*)+|(?:[^\\W_{_IDEOGRAPHIC}]|[{_MARK_RANGES}])+"
)
# On ASCII text, folding is lowercasing and words are runs of letters and digits.
_ASCII_TOKEN = re.compile(r"[a-z0-9]+")
_MARK = _lazy(f"[{_MARK_RANGES}]+")
# Letters that decomposition leaves alone but that people type without their stroke:
# "Sorensen" should find "Sørensen", "Yilmaz" should find "Yılmaz".
_STROKED = re.compile("[øđłıæœþð]")
_UNSTROKED = {
    letter: plain
    for letter, plain in zip("øđłıæœþð", ("o", "d", "l", "i", "ae", "oe", "th", "d"), strict=True)
}
# For ``joined_words``: texts are joined with NUL, and what lies between words becomes a
# space: ASCII punctuation by a byte table (fast), other non-word characters by a pattern
# that rarely matches.
_SEPARATOR = "\x00"
_ASCII_GAPS = bytes(
    code if code == 0 or code >= 0x80 or chr(code).isalnum() else 0x20 for code in range(256)
)
_WIDE_GAPS = re.compile(r"[^\x00-\x7f\w]+")
_IDEOGRAPH = _lazy(f"[{_IDEOGRAPHIC}]")
_UNSPACED_RUN = _lazy(f"[{_IDEOGRAPHIC}]+")
# Pieces of one script within a run: hiragana, katakana, or ideographs (see ``_script``).
_SCRIPT_PIECE = re.compile("[\u3040-\u309f]+|[\u30a0-\u30ff]+|[^\u3040-\u30ff]+")
_CACHE_LIMIT = 100_000
# Pieces of one unspaced script up to this long are also words of their own, so a query
# word is one term, typos in it forgiven by edit distance like any other word's.
MAX_WHOLE_PIECE = 12
_folded: dict[str, str] = {}


class Token(NamedTuple):
    word: str
    start: int
    end: int


def fold_text(text: str) -> str:
    """The comparison form of a text: case folded, without diacritics."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if decomposed.isascii():
        return decomposed
    plain = _MARK.sub("", decomposed)
    if _STROKED.search(plain):
        plain = _STROKED.sub(lambda match: _UNSTROKED[match.group()], plain)
    # Recompose what is left (Hangul syllables decompose into letters, not marks).
    return unicodedata.normalize("NFC", plain)


def fold(word: str) -> str:
    """``fold_text`` for one word, cached: the same words recur all the time."""
    cached = _folded.get(word)
    if cached is None:
        if len(_folded) >= _CACHE_LIMIT:
            _folded.clear()
        cached = _folded[word] = fold_text(word)
    return cached


def is_unspaced(word: str) -> bool:
    """Whether the word is of a script written without spaces (a character or a pair)."""
    return bool(word) and not word.isascii() and _IDEOGRAPH.match(word) is not None


def _script(character: str) -> int:
    if "\u3040" <= character <= "\u309f":
        return 1  # hiragana
    if "\u30a0" <= character <= "\u30ff":
        return 2  # katakana
    return 0


def segment(run: str) -> list[str]:
    """A folded run of unspaced script as search words: per script, the piece itself (when
    it is three to ``MAX_WHOLE_PIECE`` characters long) followed by its overlapping pairs."""
    found: list[str] = []
    for piece in _SCRIPT_PIECE.findall(run):
        if len(piece) <= 2:
            found.append(piece)
            continue
        if len(piece) <= MAX_WHOLE_PIECE:
            found.append(piece)
        # Each character added to the next, in C: the pairs without a Python loop.
        found.extend(map(str.__add__, piece[:-1], piece[1:]))
    return found


def mostly_unspaced(text: str) -> bool:
    """Whether most of a text's characters are of scripts written without spaces."""
    if text.isascii():
        return False
    return sum(map(len, _UNSPACED_RUN.findall(text))) * 2 > len(text)


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    if text.isascii():
        return _ASCII_TOKEN.findall(text.lower())
    found: list[str] = []
    for token in _TOKEN.findall(fold_text(text)):
        if _IDEOGRAPH.match(token):
            found.extend(segment(token))
        else:
            found.append(token)
    return found


def joined_words(texts: Sequence[str]) -> list[str]:
    """For each text, its folded words separated by whitespace (``split()`` gives ``words``).

    Indexing calls this once per process rather than once per entry: a few regular
    expression passes over one string instead of dozens of small calls.
    """
    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR) != len(texts) - 1:  # a text holds the separator itself
        return [" ".join(words(text)) for text in texts]
    # UTF-8 leaves every ASCII byte meaning its character, so the table spares the rest.
    spaced = fold_text(joined).encode("utf-8").translate(_ASCII_GAPS).decode("utf-8")
    if not spaced.isascii():
        spaced = _WIDE_GAPS.sub(" ", spaced)
        if _IDEOGRAPH.search(spaced):
            spaced = _UNSPACED_RUN.sub(lambda run: f" {' '.join(segment(run.group()))} ", spaced)
    return spaced.split(_SEPARATOR)


def tokens(text: str) -> list[Token]:
    """Words with the offsets of their original characters, for highlighting.

    Each word is folded on its own, which for ordinary text gives the same words as
    ``words``; a rare compatibility character that folding splits (such as "½") stays
    one token here, which can only cost a highlight, never a match.
    """
    if text.isascii():
        lowered = text.lower()
        return [Token(m.group(), m.start(), m.end()) for m in _ASCII_TOKEN.finditer(lowered)]
    found: list[Token] = []
    for match in _TOKEN.finditer(text):
        if _IDEOGRAPH.match(match.group()):
            found.extend(_segment_tokens(match.group(), match.start()))
        else:
            found.append(Token(fold(match.group()), match.start(), match.end()))
    return [token for token in found if token.word]


def _segment_tokens(run: str, offset: int) -> list[Token]:
    """``segment`` with offsets: pairs of characters that fold to something, per script."""
    kept = [(offset + i, fold(c), _script(c)) for i, c in enumerate(run)]
    kept = [item for item in kept if item[1]]
    found: list[Token] = []
    start = 0
    for end in range(1, len(kept) + 1):
        if end == len(kept) or kept[end][2] != kept[start][2]:
            if end - start == 1 or 3 <= end - start <= MAX_WHOLE_PIECE:
                whole = "".join(item[1] for item in kept[start:end])
                found.append(Token(whole, kept[start][0], kept[end - 1][0] + 1))
            for i in range(start, end - 1):
                first, second = kept[i], kept[i + 1]
                found.append(Token(first[1] + second[1], first[0], second[0] + 1))
            start = end
    return found
