"""Where a finding is in the file a document was read from: ``line`` and ``column`` (1-based).

The document model does not keep source positions, so a finding is placed by finding its
text in the source: the credential itself (found again by the same detector), else the
quoted text ("etc", "TODO", "SLO") inside the field the finding is about, else that field,
else the heading of the finding's section, else the first line. This is the one place that
maps findings to positions; a model that records positions can replace the searches here.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from kt_workbench.checker.report import Finding
from kt_workbench.checker.secrets import find_secrets
from kt_workbench.checker.text import collect_fields
from kt_workbench.model import ProcessDocument

SECRET_CODES = frozenset({"KT001", "KT002", "KT003", "KT004", "KT005", "KT006", "KT007"})

_SECTION_HEADINGS = {
    "procedure": r"steps|procedure",
    "scripts": r"scripts?",
    "decision_tree": r"decision tree",
    "access_rights": r"access",
    "edge_cases": r"edge cases?|exceptions",
    "metrics": r"metrics",
    "contacts": r"contacts|escalation",
    "glossary": r"glossary|definitions",
}
_FRONT_MATTER_END = re.compile(r"\A---[ \t]*\n.*?^---[ \t]*$", re.S | re.M)


class Position(NamedTuple):
    line: int
    column: int


class SourceMap:
    """One source file and the document parsed from it."""

    def __init__(self, source: str, doc: ProcessDocument) -> None:
        self.source = source
        self.doc = doc
        self._lines = [0] + [match.end() for match in re.finditer("\n", source)]
        front = _FRONT_MATTER_END.match(source)
        self._body = front.end() if front else 0
        self._fields: dict[str, list[str]] = {}
        for field in collect_fields(doc):
            self._fields.setdefault(field.location, []).append(field.text)
        self._secrets = [(hit.code, hit.start) for hit in find_secrets(source)]

    def position(self, offset: int) -> Position:
        line = bisect_right(self._lines, offset)
        return Position(line, offset - self._lines[line - 1] + 1)

    def locate_all(self, findings: Sequence[Finding]) -> list[Position]:
        """A position for every finding, in order; each credential once."""
        unused = list(self._secrets)
        positions = []
        for finding in findings:
            offset = None
            if finding.rule in SECRET_CODES:
                offset = _take(unused, finding.rule)
            if offset is None:
                offset = self._offset(finding)
            positions.append(self.position(offset))
        return positions

    def _offset(self, finding: Finding) -> int:
        if finding.location == "front matter" and self._body:
            start = self._find(finding.quote, 0) if finding.quote else None
            if start is None and finding.quote:
                # YAML may spell a value with escapes that run into the word ("\eAA"): the
                # quote is then in the front matter, but not as a whole word.
                quote = re.compile(re.escape(finding.quote), re.I)
                found = quote.search(self.source, 0, self._body)
                start = found.start() if found else None
            return start if start is not None and start < self._body else 0
        start = self._field_start(finding.location, finding.quote)
        if start is None:
            start = self._heading(finding.section)
        if finding.quote:
            quoted = self._find(finding.quote, start if start is not None else self._body)
            if quoted is not None:
                return quoted
        return start if start is not None else self._title()

    def _field_start(self, location: str, quote: str) -> int | None:
        texts = self._fields.get(location, [])
        if quote:  # the field that holds the quote first
            texts = sorted(texts, key=lambda text: quote.casefold() not in text.casefold())
        for text in texts:
            for line in text.splitlines():
                snippet = line.strip()[:60]
                if len(snippet) >= 3:
                    found = self.source.find(snippet, self._body)
                    if found != -1:
                        return found
                    break
        return None

    def _heading(self, section: str) -> int | None:
        words = _SECTION_HEADINGS.get(section)
        if words is None:
            return None
        match = re.search(rf"^#{{1,6}}[ \t]+(?:{words})\b", self.source[self._body :], re.I | re.M)
        return self._body + match.start() if match else None

    def _title(self) -> int:
        match = re.search(r"^#[ \t]", self.source[self._body :], re.M)
        return self._body + match.start() if match else 0

    def _find(self, quote: str, start: int) -> int | None:
        # Whole words; an acronym may carry a plural "s" ("VUs").
        pattern = rf"(?<!\w){re.escape(quote)}(?:(?=s\b)|(?!\w))"
        match = re.compile(pattern, re.I).search(self.source, start)
        if match is None and start:
            match = re.compile(pattern, re.I).search(self.source, 0)
        return match.start() if match else None


def _take(unused: list[tuple[str, int]], code: str) -> int | None:
    for index, (hit_code, offset) in enumerate(unused):
        if hit_code == code:
            del unused[index]
            return offset
    return None
