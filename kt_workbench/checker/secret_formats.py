"""Credentials in a known format (cloud keys, API tokens, webhooks, private keys), from the
gitleaks rule set.

``data/gitleaks.toml`` is the unmodified default configuration of gitleaks (MIT licence, in
``data/gitleaks-LICENSE``); updating the rules is replacing that file. Its patterns are written
for Go's regexp package, so each is translated to Python's dialect once, on first use. A few
formats the rule set does not cover (Stripe webhook secrets, Azure storage account keys,
credentials inside a URL) come from detect-secrets' detectors and are listed in ``_EXTRA``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

# Rules left out, and why. generic-api-key matches any "key = value" line; in prose that is
# judged by the document rules in ``secrets`` (placeholders, example values, entropy).
_SKIPPED = frozenset({"generic-api-key", "pkcs12-file"})


@dataclass(frozen=True, slots=True)
class KnownFormat:
    """One credential format: the checker code it reports under and what to call it."""

    rule_id: str
    code: str
    kind: str
    pattern: re.Pattern[str]
    keywords: tuple[str, ...]
    entropy: float
    secret_group: int
    allow: tuple[re.Pattern[str], ...]
    stopwords: tuple[str, ...]


_CODE_BY_PREFIX = (
    ("aws-", "KT001"),
    ("github-", "KT002"),
    ("slack-", "KT003"),
    ("stripe-", "KT004"),
    ("private-key", "KT005"),
    ("stripe-webhook", "KT004"),
)

# (id, kind, pattern, keywords): formats the rule set lacks. Patterns after detect-secrets'
# AzureStorageKeyDetector and BasicAuthDetector, and Stripe's documented webhook secret.
_EXTRA: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("stripe-webhook-secret", "a Stripe webhook secret", r"\bwhsec_[A-Za-z0-9]{24,}", ("whsec_",)),
    (
        "azure-storage-account-key",
        "an Azure storage account key",
        r"(?i)\bAccountKey=([A-Za-z0-9+/]{86,88}={0,2})",
        ("accountkey",),
    ),
    (
        "private-key-block",
        "a private key",
        # Also a block cut short, so no fragment of the key body is quoted by another rule.
        r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"
        r"[^\x00]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|(?=\n\x00)|\Z)",
        ("private key",),
    ),
)


@cache
def all_keywords() -> frozenset[str]:
    """Every format's keywords (lower case)."""
    return frozenset(word for known in known_formats() for word in known.keywords)


def _code_for(rule_id: str) -> str:
    for prefix, code in _CODE_BY_PREFIX:
        if rule_id.startswith(prefix):
            return code
    return "KT007"


def _kind_for(rule_id: str) -> str:
    words = rule_id.replace("-", " ")
    return f"{'an' if words[0] in 'aeiou' else 'a'} {words}"


_FLAG_GROUP = re.compile(r"\(\?([a-zA-Z]+)\)")


_POSIX_CLASS = re.compile(r"\[:(alnum|alpha|digit|lower|upper|xdigit|space):\]")
_POSIX = {
    "alnum": "a-zA-Z0-9",
    "alpha": "a-zA-Z",
    "digit": "0-9",
    "lower": "a-z",
    "upper": "A-Z",
    "xdigit": "0-9a-fA-F",
    "space": "\\s",
}


def go_to_python(pattern: str) -> str:
    """A Go (RE2) pattern in Python's dialect: ``\\z`` is ``\\Z``; a flag group such as
    ``(?i)`` in the middle applies to the rest of its enclosing group, which Python writes as
    a scoped ``(?i:...)``; POSIX classes such as ``[:alnum:]`` are spelled out and any other
    ``[`` inside a character class is escaped."""
    out: list[str] = []
    scoped = [0]  # per open group (the first is the whole pattern): scoped groups to close
    index, length, in_class = 0, len(pattern), False
    while index < length:
        char = pattern[index]
        if char == "\\" and index + 1 < length:
            pair = pattern[index : index + 2]
            out.append("\\Z" if pair == "\\z" else pair)
            index += 2
            continue
        if in_class and char == "[" and _POSIX_CLASS.match(pattern, index):
            posix = _POSIX_CLASS.match(pattern, index)
            assert posix is not None
            out.append(_POSIX[posix.group(1)])
            index = posix.end()
            continue
        if in_class:
            in_class = char != "]"
            out.append("\\[" if char == "[" else char)
        elif char == "[":
            in_class = True
            opening = "[^" if pattern.startswith("[^", index) else "["
            index += len(opening)
            out.append(opening)
            if pattern.startswith("]", index):
                out.append("\\]")
                index += 1
            continue
        elif char == "(":
            flags = _FLAG_GROUP.match(pattern, index)
            if flags and index > 0:
                out.append(f"(?{flags.group(1)}:")
                scoped[-1] += 1
                index = flags.end()
                continue
            scoped.append(0)
            out.append(char)
        elif char == ")" and len(scoped) > 1:
            out.append(")" * scoped.pop() + ")")
        else:
            out.append(char)
        index += 1
    out.append(")" * scoped[0])
    return "".join(out)


# The rule set ends most token patterns with a boundary meant for code: a quote, a space, a
# semicolon or the end. In prose a key is followed by a full stop, a comma or a bracket too.
_CODE_BOUNDARY = r"""(?:[\x60'"\s;]|\\[nr]|$)"""
_PROSE_BOUNDARY = r"""(?:[\x60'"\s;.,:!?)\]}<>|*_]|\\[nr]|$)"""


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(go_to_python(pattern.replace(_CODE_BOUNDARY, _PROSE_BOUNDARY)))


def _allowlists(rule: dict[str, Any]) -> tuple[tuple[re.Pattern[str], ...], tuple[str, ...]]:
    patterns: list[re.Pattern[str]] = []
    stopwords: list[str] = []
    for allow in rule.get("allowlists", ()):
        if allow.get("regexTarget", "secret") == "secret" and allow.get("condition") != "AND":
            patterns += [_compile(item) for item in allow.get("regexes", ())]
        stopwords += [word.lower() for word in allow.get("stopwords", ())]
    return tuple(patterns), tuple(stopwords)


@cache
def _rule_set() -> dict[str, Any]:
    data = resources.files("kt_workbench.checker").joinpath("data/gitleaks.toml").read_text()
    return tomllib.loads(data)


@cache
def known_formats() -> tuple[KnownFormat, ...]:
    """Every format, compiled (once per process: a few milliseconds)."""
    formats: list[KnownFormat] = []
    for rule in _rule_set()["rules"]:
        rule_id = rule["id"]
        if rule_id in _SKIPPED or "regex" not in rule:
            continue
        allow, stopwords = _allowlists(rule)
        formats.append(
            KnownFormat(
                rule_id,
                _code_for(rule_id),
                _kind_for(rule_id),
                _compile(rule["regex"]),
                tuple(word.lower() for word in rule.get("keywords", ())),
                float(rule.get("entropy", 0.0)),
                int(rule.get("secretGroup", 0)),
                allow,
                stopwords,
            )
        )
    for rule_id, kind, pattern, keywords in _EXTRA:
        formats.append(
            KnownFormat(
                rule_id, _code_for(rule_id), kind, re.compile(pattern), keywords, 0.0, 0, (), ()
            )
        )
    return tuple(formats)


@cache
def global_allowlist() -> tuple[tuple[re.Pattern[str], ...], frozenset[str]]:
    """The rule set's allowlist for every secret: patterns and stop words (lower case)."""
    allow = _rule_set().get("allowlist", {})
    patterns = tuple(_compile(item) for item in allow.get("regexes", ()))
    return patterns, frozenset(word.lower() for word in allow.get("stopwords", ()))
