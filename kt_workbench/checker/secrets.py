"""Credential detection over any text: the one detector behind the checker's KT001-KT007 and
the handover pack's refusal and masking of secrets.

Two kinds of rule. Machine formats (cloud keys, API tokens, webhooks, JWTs, private keys)
come from a maintained rule set (``secret_formats``) and are reported wherever they stand,
code blocks included. Credentials people write by hand ("password: hunter2", "PIN 4821",
"log in with admin / S3cret!", a password inside a URL, a Basic auth header) are judged
here: placeholders (``$OAUTH_TOKEN``, ``$(gcloud ...)``, ``REDACTED``, ``YOUR_API_KEY_HERE``,
``<token>``) and textbook example values (``Password1``, ``changeme``) are not secrets.

``find_secrets`` returns spans; callers decide what to do with them (report, mask, refuse).
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from kt_workbench.checker.secret_formats import (
    KnownFormat,
    all_keywords,
    global_allowlist,
    known_formats,
)
from kt_workbench.checker.secret_reach import find_in_reach, lower_in_place, merged_windows

DEFAULT_MIN_ENTROPY = 2.5


@dataclass(frozen=True, slots=True)
class SecretMatch:
    """One credential found in a text: where it is, the rule code and what kind it is."""

    start: int
    end: int
    code: str
    kind: str


# "password: hunter2", "api_key = 9f8e...", "PIN is 4821", "Password - Tr0ub4dor".
_ASSIGNMENT = re.compile(
    r"(?<![A-Za-z0-9$])(?P<key>pass(?:word|wd|code|phrase)?|pwd|pin(?:[ _-]?code)?|"
    r"(?:client|app|api|secret)?[_ -]?secret(?:[_ -]?key)?|api[_ -]?key|access[_ -]?key|"
    r"account[_ -]?key|auth[_ -]?token|access[_ -]?token|bearer[_ -]?token|token)"
    r"[\"'*]*[ \t]*(?::=|:|=|\bis\b|(?<=[ \t])[-–—](?=[ \t]))[ \t]*(?P<value>[^\s,;|]{4,})",
    re.IGNORECASE,
)
# "Log in with admin / S3cret!2024", "credentials: jsmith / Winter2024!".
_PAIR = re.compile(
    r"(?i)\b(?:(?:log|sign)[ -]?in(?:\s+(?:with|as))?|credentials?|user(?:name)?\s*/\s*"
    r"pass(?:word)?|account)\b(?:\s*[:=]\s*|\s+)[\w.@+-]{2,64}\s*/\s*(?P<value>[^\s/,;|]{4,})"
)
# "postgres://app:Sup3rSecret@db.internal/app", "https://user:pw@host".
_URL_PASSWORD = re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s:/@]{1,64}:(?P<value>[^\s/@]{3,})@", re.I)
# "Authorization: Basic dXNlcjpwYXNz", "Bearer <token>".
_BASIC = re.compile(r"\bBasic\s+(?P<value>[A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])")
_BEARER = re.compile(r"\bBearer\s+(?P<value>[A-Za-z0-9._~+/-]{16,}=*)", re.I)
# Runs of characters a key is written in; no format's secret is shorter.
_LONG_TOKEN = re.compile(r"(?<![\w+/=.~-])[\w+/=.~-]{16,}")
# A 40-character AWS secret access key written on its own (a whole long token).
_BARE_AWS_SECRET = re.compile(r"[A-Za-z0-9/+]{40}")

_QUOTES = "\"'`*"
_DIGITS = re.compile(r"\d+")
_TRAILING = ".,;:!?)]}>"
# Values standing for "put yours here": environment and template references, markers.
_PLACEHOLDER = re.compile(
    r"^(?:\$|%\w+%|\{|<|\[|\*{3,}|x{3,}$|\.{3}|…)|\$\{|\$\(|\{\{|<[\w -]+>|\*{3,}|"
    r"redacted|your|example|placeholder|dummy|sample|fake|hidden|here|"
    r"x{4,}|_{3,}|-{3,}|\benv\b|secret_?manager|vault",
    re.IGNORECASE,
)
# Textbook example and default passwords, after undoing l33t spelling and dropping digits.
_EXAMPLE_WORDS = frozenset(
    "password passwd pass passw changeme changeit example secret letmein qwerty admin test "  # noqa: SIM905
    "testing demo default foobar foo bar abc welcome pwd mypassword yourpassword token "
    "apikey none null true false required optional string value".split()
)
# "reset-via-the-portal", "see.vault": words, not a credential.
_PROSE_VALUE = re.compile(r"^[a-z]+(?:[-_.][a-z]+)*$")
# "TFC_TEAM_TOKEN", "slack_bot_token_2": the name of a secret kept elsewhere, not its value.
_NAME_VALUE = re.compile(r"^(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[a-z][a-z0-9]*(?:_[a-z0-9]+)+)$")
# A git commit id: forty hexadecimal digits look like several token formats.
_GIT_SHA = re.compile(r"^[0-9a-f]{40}$")
# Test-mode keys cannot move money and are printed in training material on purpose.
_TEST_MODE = re.compile(r"^[sr]k_test_")
_LEET = str.maketrans("013457@$!", "oleastasi")
_PASSWORD_KEYS = ("pass", "pwd")


def shannon_entropy(value: str) -> float:
    """Bits per character: ``aaaa`` is 0, random base64 approaches 6."""
    length = len(value)
    if not length:
        return 0.0
    return -sum(n / length * math.log2(n / length) for n in Counter(value).values())


def is_placeholder(value: str) -> bool:
    """True for a value that stands for a credential instead of being one."""
    return (
        bool(_PLACEHOLDER.search(value))
        or len(set(value.lower())) <= 2
        or bool(_PROSE_VALUE.match(value))
        or bool(_NAME_VALUE.match(value))
    )


def _is_example(value: str) -> bool:
    core = value.lower().rstrip("0123456789!?.#@$*_-")
    for candidate in (core, core.translate(_LEET)):
        if "".join(char for char in candidate if char.isalpha()) in _EXAMPLE_WORDS:
            return True
    return not any(char.isalpha() for char in value) and len(set(value)) <= 2


def _sequence(digits: str) -> bool:
    """1234, 9876, 0000: the PINs printed as examples."""
    steps = {int(b) - int(a) for a, b in pairwise(digits)}
    return len(steps) == 1 and steps <= {-1, 0, 1}


def _classes(value: str) -> int:
    return (
        any(c.islower() for c in value)
        + any(c.isupper() for c in value)
        + any(c.isdigit() for c in value)
        + any(not c.isalnum() for c in value)
    )


def _password_like(value: str) -> bool:
    """A hand-written password: not a word of prose ("required", "Reset"), not a placeholder,
    not a textbook example; short ones count ("hunter2")."""
    if is_placeholder(value) or _is_example(value):
        return False
    if value.isalpha():
        # A word, unless its capitals are scattered as in a generated password ("kTzQvPm").
        return sum(c.isupper() for c in value[1:]) >= 2 and any(c.islower() for c in value)
    return _classes(value) >= 2


def _random_like(value: str, min_entropy: float) -> bool:
    """A token, key or secret value: random-looking, mixed characters, not a placeholder."""
    if is_placeholder(value) or _is_example(value) or len(value) < 8:
        return False
    if value.isalpha() and value.lower() == value:
        return False
    return _classes(value) >= 2 and shannon_entropy(value) >= min_entropy


def _clean(value: str, start: int) -> tuple[str, int]:
    """The value without surrounding quotes and trailing punctuation, and where it starts."""
    stripped = value.lstrip(_QUOTES)
    start += len(value) - len(stripped)
    stripped = stripped.rstrip(_QUOTES + _TRAILING)
    while stripped and stripped[-1] in _QUOTES + _TRAILING:
        stripped = stripped[:-1]
    return stripped, start


def _token_lines(text: str, tokens: list[tuple[int, int]]) -> str:
    """The lines holding a long token, lower-cased: where a keyword of a format can be."""
    lines: dict[int, str] = {}
    for start, _end in tokens:
        line_start = text.rfind("\n", 0, start) + 1
        if line_start not in lines:
            line_end = text.find("\n", start)
            lines[line_start] = text[line_start : line_end if line_end != -1 else None]
    return "\n".join(lines.values()).lower()


def _known(text: str, lowered: str, tokens: list[tuple[int, int]]) -> list[SecretMatch]:
    # Every format's secret is a long token, so only lines holding one can hold a keyword;
    # a private key is the exception, its keyword standing on a line of its own.
    searched = _token_lines(text, tokens) if tokens else ""
    if "private key" in lowered:
        searched += "\n-----begin private key"
    if not searched:
        return []
    present = _keywords_in(searched)
    if not present:
        return []
    allow_patterns, stopwords = global_allowlist()
    found = []
    for known in known_formats():
        if known.keywords and present.isdisjoint(known.keywords):
            continue
        for match in find_in_reach(known.pattern, text, lowered):
            start, end = _secret_span(known, match)
            secret = text[start:end]
            if _not_a_key(text, start, secret) or _allowed(
                known, secret, allow_patterns, stopwords
            ):
                continue
            found.append(SecretMatch(start, end, known.code, known.kind))
    return found


def _keywords_in(searched: str) -> set[str]:
    """The rule set's keywords in ``searched``. A keyword with no space in it lies within one
    of the text's whitespace-separated chunks, so each distinct chunk is searched once: a
    pack's page repeats most of its words thousands of times."""
    chunks = "\n".join(set(searched.split()))
    return {word for word in all_keywords() if word in (chunks if _unspaced(word) else searched)}


@cache
def _unspaced(word: str) -> bool:
    return word.split() == [word]


def _secret_span(known: KnownFormat, match: re.Match[str]) -> tuple[int, int]:
    group = known.secret_group
    if not group and match.re.groups:
        group = next((index for index in range(1, match.re.groups + 1) if match.group(index)), 0)
    return match.span(group)


def _not_a_key(text: str, start: int, secret: str) -> bool:
    """A commit id, a test-mode key, or a signed token that is the path of a link (an
    e-mail tracking link such as ``https://lnks.gd/l/eyJ...``)."""
    if _GIT_SHA.match(secret) or _TEST_MODE.match(secret):
        return True
    return secret.startswith("ey") and text[start - 1 : start] == "/"


def _allowed(
    known: KnownFormat,
    secret: str,
    allow_patterns: tuple[re.Pattern[str], ...],
    stopwords: frozenset[str],
) -> bool:
    if known.entropy and shannon_entropy(secret) < known.entropy:
        return True
    lowered = secret.lower()
    if any(pattern.search(secret) for pattern in (*allow_patterns, *known.allow)):
        return True
    return any(word in lowered for word in known.stopwords) or lowered in stopwords


def _written(
    text: str, lowered: str, tokens: list[tuple[int, int]], min_entropy: float
) -> list[SecretMatch]:
    """Credentials written by hand: assignments, pairs, URLs, Basic and Bearer headers."""
    found: list[SecretMatch] = []
    for match in _near(text, lowered, _ASSIGNMENT_ROOTS, _ASSIGNMENT, _ASSIGNMENT_SEPARATORS, 16):
        value, start = _clean(match.group("value"), match.start("value"))
        key = match.group("key").lower()
        if key.startswith("pin"):
            digits = _DIGITS.match(value)
            rest = value[digits.end() :] if digits else ""
            value = digits.group() if digits and not rest[:1].isalnum() else ""
            ok = 4 <= len(value) <= 8 and not _sequence(value)
            kind = "a PIN"
        elif key.startswith(_PASSWORD_KEYS):
            ok, kind = _password_like(value), "a password"
        else:
            ok, kind = _random_like(value, min_entropy), _assignment_kind(key)
        if ok:
            found.append(SecretMatch(start, start + len(value), "KT006", kind))
    if "/" in text:
        for match in _near(text, lowered, _PAIR_ROOTS, _PAIR, ("/",), 90):
            value, start = _clean(match.group("value"), match.start("value"))
            if _password_like(value):
                found.append(SecretMatch(start, start + len(value), "KT006", "a user and password"))
    if "://" in text:
        for match in _URL_PASSWORD.finditer(text):
            value = match.group("value")
            if not is_placeholder(value) and not _is_example(value):
                start = match.start("value")
                found.append(SecretMatch(start, match.end("value"), "KT006", "a password in a URL"))
    if "asic" in text:
        for match in _BASIC.finditer(text):
            if _is_basic_credential(match.group("value")):
                start, end = match.span("value")
                found.append(SecretMatch(start, end, "KT006", "a Basic auth credential"))
    if "earer" in lowered:
        for match in _BEARER.finditer(text):
            value = match.group("value")
            if _random_like(value, min_entropy):
                start, end = match.span("value")
                found.append(SecretMatch(start, end, "KT006", "a bearer token"))
    for start, end in tokens:
        value = text[start:end].rstrip(".~-")  # a full stop after the key is prose
        end = start + len(value)
        if (
            end - start == 40
            and _BARE_AWS_SECRET.fullmatch(value)
            and _classes(value) >= 3
            and shannon_entropy(value) >= 4.0
            and not is_placeholder(value)
        ):
            found.append(SecretMatch(start, end, "KT001", "an AWS secret access key"))
    return found


_ASSIGNMENT_ROOTS = ("pass", "pwd", "pin", "secret", "key", "token")
_PAIR_ROOTS = ("log", "sign", "credential", "user", "account")
# How far before a root word the key can start ("client_secret", "access_token") and how
# far after it the value can end.
_BEFORE, _AFTER = 16, 120


_ASSIGNMENT_SEPARATORS = (":", "=", " is ", " - ", " – ", " — ")


def _near(
    text: str,
    lowered: str,
    roots: tuple[str, ...],
    pattern: re.Pattern[str],
    separators: tuple[str, ...],
    reach: int,
) -> list[re.Match[str]]:
    """Matches of ``pattern`` near a root word only: the roots are found with ``str.find``
    (fast), a root with none of ``separators`` within ``reach`` characters after it is
    passed over ("shipping", "keyboard"), and the pattern, which could start anywhere, runs
    on short windows around the rest instead of the whole text."""
    windows: list[tuple[int, int]] = []
    for root in roots:
        position = lowered.find(root)
        while position != -1:
            after = lowered[position + len(root) : position + len(root) + reach]
            if any(separator in after for separator in separators):
                windows.append((max(0, position - _BEFORE), position + len(root) + _AFTER))
            position = lowered.find(root, position + 1)
    found = []
    for start, end in merged_windows(windows):
        for match in pattern.finditer(text, start, end):
            if match.end() >= end:  # cut short by the window: match again without it
                match = pattern.match(text, match.start()) or match
            found.append(match)
    return found


def _is_basic_credential(value: str) -> bool:
    try:
        decoded = base64.b64decode(value + "=" * (-len(value) % 4), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return False
    user, colon, password = decoded.partition(":")
    return bool(colon and user and password.isprintable() and not is_placeholder(password))


_KIND_BY_KEY = {"token": "a token", "secret": "a secret", "key": "an API key"}


def _assignment_kind(key: str) -> str:
    for word, kind in _KIND_BY_KEY.items():
        if word in key:
            return kind
    return "a password"


def find_secrets(
    text: str, min_entropy: float = DEFAULT_MIN_ENTROPY, *, lowered: str | None = None
) -> list[SecretMatch]:
    """Every credential in ``text``, sorted by position, spans never overlapping (a format
    from the rule set wins over a hand-written rule finding the same text). ``lowered``:
    ``text.lower()`` when the caller has it already."""
    lowered = lower_in_place(text, lowered)
    # str.split runs in C: most documents have no word long enough to be a key at all.
    long_words = max(map(len, text.split()), default=0) >= 16
    tokens = [match.span() for match in _LONG_TOKEN.finditer(text)] if long_words else []
    candidates = _known(text, lowered, tokens) + _written(text, lowered, tokens, min_entropy)
    kept: list[SecretMatch] = []
    for hit in candidates:  # rule-set formats come first
        if all(hit.end <= other.start or hit.start >= other.end for other in kept):
            kept.append(hit)
    return sorted(kept, key=lambda hit: (hit.start, hit.end))


def redact(text: str) -> str:
    """``text`` with every credential replaced by ``[hidden]``, for quoting text from another
    document, whose own secrets this run has not collected."""
    return mask_secrets(text)


def mask_secrets(text: str, min_entropy: float = DEFAULT_MIN_ENTROPY) -> str:
    """``text`` with every credential replaced by ``[hidden]``."""
    for hit in reversed(find_secrets(text, min_entropy)):
        text = text[: hit.start] + "[hidden]" + text[hit.end :]
    return text
