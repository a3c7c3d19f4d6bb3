"""Credential detection over any text: the one detector behind the checker's KT001-KT006 and
the handover pack's refusal and masking of secrets.

``find_secrets`` returns spans; callers decide what to do with them (report, mask, refuse).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

DEFAULT_MIN_ENTROPY = 2.5


@dataclass(frozen=True, slots=True)
class SecretMatch:
    """One credential found in a text: where it is, the rule code and what kind it is."""

    start: int
    end: int
    code: str
    kind: str


# (code, kind, pattern, substrings one of which every match contains). The substring test is
# a fast way to skip the pattern on the vast majority of documents, which hold no secret.
_KNOWN_FORMATS: tuple[tuple[str, str, re.Pattern[str], tuple[str, ...]], ...] = (
    (
        "KT001",
        "an AWS access key",
        re.compile(r"(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])"),
        ("AKIA", "ASIA"),
    ),
    (
        "KT002",
        "a GitHub token",
        re.compile(r"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})"),
        ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
    ),
    (
        "KT003",
        "a Slack token",
        re.compile(r"(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}"),
        ("xox",),
    ),
    (
        "KT004",
        "a Stripe live key",
        re.compile(r"(?<![A-Za-z0-9_])[sr]k_live_[A-Za-z0-9]{10,}"),
        ("k_live_",),
    ),
    (
        "KT005",
        "a private key",
        # The whole block, so no fragment of the key body is quoted by another rule.
        re.compile(
            r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"
            r"[^\x00]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|(?=\n\x00)|\Z)"
        ),
        ("PRIVATE KEY",),
    ),
)

# "password: Hunter22!", "api_key = 9f8e...", "token=...". The value must look random (see
# _looks_secret): "password: ask the team lead" or "token: see vault" are instructions.
_ASSIGNMENT = re.compile(
    r"(?<![A-Za-z0-9])(?P<key>pass(?:word|wd|code|phrase)?|pwd|secret|client[_ -]?secret|"
    r"api[_ -]?key|access[_ -]?key|auth[_ -]?token|access[_ -]?token|token)"
    r"[\"']?[ \t]*(?::|=|\bis\b)[ \t]*[\"'`]?(?P<value>[^\s\"'`<>{}\[\]|]{8,})",
    re.IGNORECASE,
)
_PROSE_VALUE = re.compile(r"^[a-z]+(?:[-_.][a-z]+)*[.,;:!]?$")
_KIND_BY_KEY = {"token": "a token", "secret": "a secret", "key": "an API key"}


def redact(text: str) -> str:
    """``text`` with every credential in a known format replaced by ``[hidden]``, for quoting
    text from another document, whose own secrets this run has not collected."""
    for _code, _kind, pattern, needles in _KNOWN_FORMATS:
        if any(needle in text for needle in needles):
            text = pattern.sub("[hidden]", text)
    return text


def shannon_entropy(value: str) -> float:
    """Bits per character: ``aaaa`` is 0, random base64 approaches 6."""
    length = len(value)
    return -sum(n / length * math.log2(n / length) for n in Counter(value).values())


def _looks_secret(value: str, min_entropy: float) -> bool:
    if _PROSE_VALUE.match(value) or len(set(value)) <= 2:
        return False
    return shannon_entropy(value) >= min_entropy


def _assignment_kind(key: str) -> str:
    lowered = key.lower()
    for word, kind in _KIND_BY_KEY.items():
        if word in lowered:
            return kind
    return "a password"


def find_secrets(text: str, min_entropy: float = DEFAULT_MIN_ENTROPY) -> list[SecretMatch]:
    """Every credential in ``text``, sorted by position, spans never overlapping."""
    found: list[SecretMatch] = []
    for code, kind, pattern, needles in _KNOWN_FORMATS:
        for needle in needles:
            if needle in text:
                found += [
                    SecretMatch(m.start(), m.end(), code, kind) for m in pattern.finditer(text)
                ]
                break
    lowered = text.lower()
    if any(word in lowered for word in ("pass", "pwd", "secret", "key", "token")):
        for match in _ASSIGNMENT.finditer(text):
            value = match.group("value")
            if not _looks_secret(value, min_entropy):
                continue
            if any(hit.start <= match.start("value") < hit.end for hit in found):
                continue
            kind = _assignment_kind(match.group("key"))
            found.append(SecretMatch(match.start("value"), match.end("value"), "KT006", kind))
    return sorted(found, key=lambda hit: (hit.start, hit.end))


def mask_secrets(text: str, min_entropy: float = DEFAULT_MIN_ENTROPY) -> str:
    """``text`` with every credential replaced by ``[hidden]``."""
    for hit in reversed(find_secrets(text, min_entropy)):
        text = text[: hit.start] + "[hidden]" + text[hit.end :]
    return text
