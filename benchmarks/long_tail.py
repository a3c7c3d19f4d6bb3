"""The long tail of a real library's vocabulary, for the synthetic benchmark library.

A company's process pages use tens of thousands of distinct words (a public company
handbook: about 62,000 over 3,700 pages), most of them rare: product codes, people's
names, system names, jargon, words in other scripts. Word frequencies follow Zipf's law.
This module makes such a vocabulary deterministically and draws prose from it, with
paragraph lengths as varied as imported pages (a line to a few thousand words).
"""

from __future__ import annotations

import bisect
import itertools
import random

# Syllables that make pronounceable invented words ("corvanith", "delmoraste").
_ONSETS = (
    *("b", "bl", "br", "c", "ch", "cl", "cr", "d", "dr", "f", "fl", "fr", "g", "gl", "gr", "h"),
    *("j", "k", "kl", "l", "m", "n", "p", "pl", "pr", "qu", "r", "s", "sc", "sh", "sk", "sl"),
    *("sp", "st", "t", "th", "tr", "v", "w", "z"),
)
_VOWELS = tuple(["a", "e", "i", "o", "u", "ai", "ea", "ee", "ie", "io", "ou"])
_CODAS = ["", "", "", "n", "r", "s", "l", "m", "st", "nd", "ck", "rt", "x"]
_CYRILLIC = "абвгдежзиклмнопрстуфхцчшэюя"
_GREEK = "αβγδεζηθικλμνξοπρστυφχψω"
_KATAKANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモラリルレロワン"
_KANJI = "顧客検索詳細確認対応請求返金配送注文問題設定管理担当窓口手続変更登録解約削除履歴報告"
_ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
# Share of each kind in the vocabulary; the rest are invented Latin-script words.
_NAMES = 0.12
_CODES = 0.08
_OTHER_SCRIPTS = 0.06
ZIPF_EXPONENT = 1.05


class LongTail:
    """``size`` distinct words ranked by frequency, and prose drawn from them."""

    def __init__(self, size: int, seed: int) -> None:
        rng = random.Random(seed)
        self.words = _vocabulary(rng, size)
        weights = [1.0 / (rank**ZIPF_EXPONENT) for rank in range(1, size + 1)]
        self._cumulative = list(itertools.accumulate(weights))

    def draw(self, rng: random.Random, count: int) -> list[str]:
        """``count`` words, Zipf-distributed by rank."""
        total = self._cumulative[-1]
        cumulative = self._cumulative
        words = self.words
        last = len(words) - 1
        return [
            words[min(last, bisect.bisect_left(cumulative, rng.random() * total))]
            for _ in range(count)
        ]

    def paragraphs(self, rng: random.Random) -> str:
        """A section body: one to many paragraphs, lengths log-normally spread."""
        length = min(4000, max(3, int(rng.lognormvariate(4.2, 1.3))))
        paragraphs: list[str] = []
        while length > 0:
            size = min(length, max(3, int(rng.lognormvariate(3.8, 0.8))))
            paragraphs.append(_sentences(rng, self.draw(rng, size)))
            length -= size
        return "\n\n".join(paragraphs)


def _sentences(rng: random.Random, words: list[str]) -> str:
    out: list[str] = []
    since = 0
    for word in words:
        out.append(word.capitalize() if since == 0 else word)
        since += 1
        if since >= rng.randint(6, 22):
            out[-1] += "."
            since = 0
    return " ".join(out) + ("." if since else "")


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    seen: set[str] = set()
    words: list[str] = []
    makers = (
        (_NAMES, _name),
        (_CODES, _code),
        (_OTHER_SCRIPTS, _other_script),
    )
    while len(words) < size:
        roll = rng.random()
        make = _invented
        for share, maker in makers:
            if roll < share:
                make = maker
                break
            roll -= share
        word = make(rng)
        if word not in seen:
            seen.add(word)
            words.append(word)
    # Common words first: short invented words are likelier to be frequent, as in English.
    head = sorted(words[: size // 50], key=len)
    return head + words[size // 50 :]


def _invented(rng: random.Random) -> str:
    syllables = rng.choices((1, 2, 3, 4), weights=(2, 5, 4, 1))[0]
    parts = [
        rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)
    ]
    return "".join(parts)


def _name(rng: random.Random) -> str:
    return _invented(rng).capitalize()


def _code(rng: random.Random) -> str:
    letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVXZ") for _ in range(rng.randint(2, 3)))
    return f"{letters}{rng.randint(10, 99999)}"


def _other_script(rng: random.Random) -> str:
    alphabet = rng.choice((_CYRILLIC, _GREEK, _KATAKANA, _KANJI, _ARABIC))
    low, high = (2, 4) if alphabet is _KANJI else (3, 9)
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(low, high)))
