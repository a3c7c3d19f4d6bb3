"""Switching findings off in file mode: inline comments, per-path settings and a baseline.

Inline, in the markdown file (the reason after ``--`` is optional, and recommended):

    <!-- ktw-disable KT205 KT901 -- quoted from the vendor's manual -->
    <!-- ktw-enable KT205 -->
    <!-- ktw-disable-next-line KT901 -- product name, not an acronym -->

``ktw-disable`` without codes switches every rule off from that line on. Per path, in
``ktw.toml``: ``[paths."runbooks/**"] disable = ["KT901"]``. A baseline file lists the
fingerprints of findings already known, so CI fails only on new ones.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from fnmatch import fnmatch
from pathlib import Path, PurePath

from kt_workbench.checker.catalogue import RULES_BY_CODE
from kt_workbench.checker.results import Located
from kt_workbench.errors import InputError

_COMMENT = re.compile(
    r"<!--\s*ktw-(?P<verb>disable-next-line|disable|enable)\b(?P<codes>(?:\s+KT\d{3})*)"
    r"(?:\s+--\s*(?P<reason>.*?))?\s*-->"
)
BASELINE_FORMAT = "ktw-baseline"
BASELINE_VERSION = 1
_ALL = "*"


class Suppressions:
    """The inline switches of one file: which codes are off on which lines."""

    def __init__(self, source: str, path: str) -> None:
        self._ranges: list[tuple[str, int, int]] = []  # code or "*", first line, last line
        lines = source.splitlines()
        open_since: dict[str, int] = {}
        for number, line in enumerate(lines, start=1):
            for match in _COMMENT.finditer(line):
                codes = match.group("codes").split() or [_ALL]
                for code in codes:
                    if code != _ALL and code not in RULES_BY_CODE:
                        raise InputError(path, number, f"unknown rule code {code} in {match[0]}")
                verb = match.group("verb")
                if verb == "disable-next-line":
                    target = _next_content_line(lines, number)
                    self._ranges += [(code, target, target) for code in codes]
                elif verb == "disable":
                    for code in codes:
                        open_since.setdefault(code, number)
                else:
                    for code in codes:
                        if code in open_since:
                            self._ranges.append((code, open_since.pop(code), number))
        self._ranges += [(code, start, len(lines) + 1) for code, start in open_since.items()]

    def off(self, code: str, line: int) -> bool:
        return any(
            first <= line <= last and name in (code, _ALL) for name, first, last in self._ranges
        )


def _next_content_line(lines: Sequence[str], number: int) -> int:
    for index in range(number, len(lines)):
        if lines[index].strip():
            return index + 1
    return number + 1


def disabled_for_path(path: str, settings: dict[str, tuple[str, ...]]) -> set[str]:
    """Codes the ``[paths]`` settings switch off for ``path`` (a relative or given path)."""
    posix = PurePath(path).as_posix()
    codes: set[str] = set()
    for pattern, disabled in settings.items():
        if fnmatch(posix, pattern) or PurePath(posix).match(pattern):
            codes.update(disabled)
    return codes


def write_baseline(path: Path, located: Iterable[Located]) -> int:
    items = sorted(located, key=lambda item: (item.path, item.line, item.finding.rule))
    entries = [
        {"fingerprint": item.fingerprint, "rule": item.finding.rule, "path": item.path}
        for item in items
    ]
    data = {"format": BASELINE_FORMAT, "version": BASELINE_VERSION, "findings": entries}
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return len(entries)


def read_baseline(path: Path) -> Counter[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(str(path), None, f"cannot read the baseline: {error.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        line = getattr(error, "lineno", None)
        raise InputError(str(path), line, "not a ktw baseline (invalid JSON)") from None
    ok = isinstance(data, dict) and data.get("format") == BASELINE_FORMAT
    if (
        not ok
        or data.get("version") != BASELINE_VERSION
        or not isinstance(data.get("findings"), list)
    ):
        raise InputError(str(path), None, f"not a {BASELINE_FORMAT} version 1 file")
    return Counter(
        str(entry.get("fingerprint")) for entry in data["findings"] if isinstance(entry, dict)
    )


def new_findings(located: Sequence[Located], known: Counter[str]) -> list[Located]:
    """The findings not in the baseline (each baseline entry excuses one finding)."""
    remaining = Counter(known)
    fresh = []
    for item in located:
        if remaining[item.fingerprint] > 0:
            remaining[item.fingerprint] -= 1
        else:
            fresh.append(item)
    return fresh
