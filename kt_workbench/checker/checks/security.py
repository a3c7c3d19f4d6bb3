"""Credentials written into the document, anywhere: front matter, steps, notes, extra sections.

Findings say where and what kind; the value itself never reaches a message (the run redacts
every secret found from all messages of the report, not just these).
"""

from __future__ import annotations

import math
import re
from collections import Counter

from kt_workbench.checker.run import CheckRun

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


def check(run: CheckRun) -> None:
    if not run.enabled("KT001", "KT002", "KT003", "KT004", "KT005", "KT006"):
        return
    joined = run.joined
    text = joined.text
    found: list[tuple[int, int, str, str]] = []
    for code, kind, pattern, needles in _KNOWN_FORMATS:
        for needle in needles:
            if needle in text:
                found += [(m.start(), m.end(), code, kind) for m in pattern.finditer(text)]
                break
    lowered = joined.lower if joined.lower is not None else text.lower()
    if (
        "pass" in lowered
        or "pwd" in lowered
        or "secret" in lowered
        or "key" in lowered
        or "token" in lowered
    ):
        for match in _ASSIGNMENT.finditer(text):
            value = match.group("value")
            if not _looks_secret(value, run.config.secret_min_entropy):
                continue
            if any(start <= match.start("value") < end for start, end, _, _ in found):
                continue
            kind = _assignment_kind(match.group("key"))
            found.append((match.start("value"), match.end("value"), "KT006", kind))
    for start, end, code, kind in sorted(found):
        field = joined.field_at(start)
        run.secret_spans.append((start, end))
        run.secrets.append(text[start:end])
        run.emit(
            code,
            field.location,
            f"{kind} is written in {field.location} ({end - start} characters, not shown here)",
            section=field.section,
            order=field.order,
        )
