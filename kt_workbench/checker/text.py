"""Every text field of a document with the section and location it belongs to.

Document-wide rules (credentials, unfinished markers, acronyms, step references) scan one
joined string per document instead of a hundred small fields, and map a match back to its
field with a binary search: far fewer regex calls on the hot path.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, repeat
from operator import add
from typing import NamedTuple

from kt_workbench.model import Node, ProcessDocument

# Fields are joined with a separator no pattern can match across.
_SEPARATOR = "\n\x00\n"

# Values that stand for "not filled in yet"; a field holding only one of them (or only
# dashes, question marks or x's) is blank.
_BLANK_VALUES = frozenset({"n/a", "na", "tbd", "tbc", "todo", "fixme", "unknown", "none yet",
                           "...", "…", "—", "–"})  # fmt: skip

# Code: fenced blocks and code spans, neither crossing a field separator. Both patterns start
# with a literal character, which the regex engine finds fast even in very long text.
_FENCED = re.compile(r"^ {0,3}(```|~~~)[^\x00]*?^ {0,3}\1", re.M)
_CODE_SPAN = re.compile(r"(`+)[^`\x00]*?\1")
# Links and e-mail addresses are found from their "://" or "@" with str.find and grown
# outwards: a pattern that could start anywhere would be tried at every character.
_URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*$")
_URL_REST = re.compile(r"[^\s<>]*")
_MAIL_LOCAL = re.compile(r"[\w.+-]+$")
_MAIL_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")
_NOT_NEWLINE = re.compile(r"[^\n]")
# mkdocs admonitions: "??? note" (collapsible) and "!!! warning" open a box; not markers.
# Template tags ({% page "..." %}, {{ site.x }}) and spell-checker directives are markup.
# So are the checker's own switches (<!-- ktw-disable KT205 -->).
_TEMPLATE_TAG = re.compile(
    r"\{%[^\x00]*?%\}|\{\{[^\x00]*?\}\}|cSpell:[^\n]*|<!--\s*ktw-[^\x00]*?-->", re.IGNORECASE
)
_ADMONITION = re.compile(r"^[ \t]*(?:\?{3}\+?|!{3})(?=[ \t]*[\w\"])", re.M)


def mask_code_and_urls(text: str) -> str:
    """``text`` with code, links, e-mail addresses and admonition markers blanked out,
    offsets unchanged."""
    spans: list[tuple[int, int]] = []
    if "{%" in text or "{{" in text or "spell:" in text.lower() or "ktw-" in text:
        spans += [match.span() for match in _TEMPLATE_TAG.finditer(text)]
    if "???" in text or "!!!" in text:
        spans += [match.span() for match in _ADMONITION.finditer(text)]
    if "```" in text or "~~~" in text:
        spans += [match.span() for match in _FENCED.finditer(text)]
    if "`" in text:
        spans += [match.span() for match in _CODE_SPAN.finditer(text)]
    spans += _grown(text, "://", _URL_SCHEME, _URL_REST)
    spans += _grown(text, "@", _MAIL_LOCAL, _MAIL_DOMAIN)
    if not spans:
        return text
    pieces: list[str] = []
    done = 0
    for start, end in sorted(spans):
        start = max(start, done)
        if end <= start:
            continue
        pieces += (text[done:start], _NOT_NEWLINE.sub(" ", text[start:end]))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _grown(
    text: str, anchor: str, before: re.Pattern[str], after: re.Pattern[str]
) -> list[tuple[int, int]]:
    """Spans around each ``anchor`` where ``before`` ends just before it and ``after`` starts
    just after it (a scheme and "://", a mailbox and "@")."""
    spans = []
    position = text.find(anchor)
    while position != -1:
        head = before.search(text, max(0, position - 64), position)
        tail = after.match(text, position + len(anchor))
        if head and tail and tail.end() > tail.start():
            start, end = head.start(), tail.end()
            if start > 0 and text[start - 1] == "<" and text.startswith(">", end):
                start, end = start - 1, end + 1  # an autolink: <https://...>
            spans.append((start, end))
        position = text.find(anchor, position + len(anchor))
    return spans


def is_blank(text: str) -> bool:
    """True for empty text and for placeholders such as ``TBD``, ``-``, ``?`` or ``xxx``."""
    if len(text) > 16:
        return False  # placeholders are short: most filled-in fields stop here
    lowered = text.strip().lower()
    if len(lowered) > 9:
        return False
    return lowered in _BLANK_VALUES or not lowered.strip("-?x")


class TextField(NamedTuple):
    """One field. ``judged`` fields have a completeness rule that already reports a placeholder
    value such as ``TBD`` as missing, so marker rules leave them alone; ``definition`` marks
    glossary terms; ``kind`` names fields that some rules read specially (``step``,
    ``procedure notes``, ``handling``, ``extra`` for sections the format does not know)."""

    section: str
    location: str
    text: str
    order: tuple[int, ...]
    judged: bool = False
    definition: bool = False
    kind: str = ""


_LAST = (10_000,)
_new_field = tuple.__new__


def collect_fields(
    doc: ProcessDocument, tree_nodes: list[tuple[str, Node]] | None = None
) -> list[TextField]:
    """Every non-empty text field, in document order. ``tree_nodes`` (location and node of
    each decision-tree node) saves walking the tree again when the caller has done so."""
    # Plain tuples in the field order of TextField, built as literals and converted at the
    # end: this runs for every document of the library, and per-field calls add up.
    raw: list[tuple[str, str, str, tuple[int, ...], bool, bool, str]] = []
    notes: dict[str, list[str]] = {}
    for note in doc.notes:
        notes.setdefault(note.section, []).append(note.text)

    def add_notes(section: str) -> None:
        if section not in notes:
            return
        location, kind = f"{section.replace('_', ' ')} notes", f"{section} notes"
        raw.extend(
            (section, location, text, _LAST, False, False, kind) for text in notes.get(section, ())
        )

    order: tuple[int, ...]
    top = (0,)
    raw += (
        ("overview", "title", doc.title, top, False, False, ""),
        ("overview", "front matter", doc.owner, top, True, False, ""),
        ("overview", "front matter", doc.team, top, True, False, ""),
        ("overview", "front matter", " ".join(doc.channels), top, False, False, ""),
        ("overview", "front matter", " ".join(doc.tags), top, False, False, ""),
        ("overview", "front matter", doc.extra_front_matter, top, False, False, ""),
        ("overview", "purpose", doc.purpose, top, True, False, ""),
        ("overview", "scope", doc.scope, top, False, False, ""),
    )
    add_notes("overview")
    for index, extra in enumerate(doc.extra_sections, start=1):
        location, order = f"section: {extra.heading}", (1, index)
        raw += (
            ("overview", location, extra.heading, order, False, False, ""),
            ("overview", location, extra.body, order, False, False, "extra"),
        )
    for index, step in enumerate(doc.steps, start=1):
        location, order = f"step {index}", (index,)
        raw += (
            ("procedure", location, step.text, order, False, False, "step"),
            ("procedure", location, step.role, order, True, False, ""),
            ("procedure", location, step.system, order, False, False, ""),
            ("procedure", location, step.done_when, order, True, False, ""),
            ("procedure", location, step.details, order, False, False, "step"),
        )
    add_notes("procedure")
    for index, script in enumerate(doc.scripts, start=1):
        location, order = f"script: {script.title}", (index,)
        raw += (
            ("scripts", location, script.title, order, False, False, ""),
            ("scripts", location, script.body, order, True, False, ""),
        )
    add_notes("scripts")
    if tree_nodes is None:
        tree_nodes = [(f"tree {v.label}", v.node) for v in doc.decision_tree.walk()]
    for index, (location, node) in enumerate(tree_nodes, start=1):
        order = (index,)
        raw.append(("decision_tree", location, node.text, order, True, False, ""))
        for branch in node.branches:
            raw.append(("decision_tree", location, branch.answer, order, False, False, ""))
    add_notes("decision_tree")
    for index, right in enumerate(doc.access_rights, start=1):
        location, order = f"access row {index}", (index,)
        raw += (
            ("access_rights", location, right.system, order, False, False, ""),
            ("access_rights", location, right.role, order, True, False, ""),
            ("access_rights", location, right.access, order, True, False, ""),
            ("access_rights", location, right.how_to_request, order, True, False, ""),
            ("access_rights", location, right.approver, order, True, False, ""),
        )
    add_notes("access_rights")
    for index, case in enumerate(doc.edge_cases, start=1):
        location, order = f"edge case: {case.title}", (index,)
        raw += (
            ("edge_cases", location, case.title, order, False, False, ""),
            ("edge_cases", location, case.when, order, True, False, ""),
            ("edge_cases", location, case.handle, order, True, False, "handling"),
            ("edge_cases", location, case.escalate_to, order, True, False, ""),
            ("edge_cases", location, case.details, order, False, False, "handling"),
        )
    add_notes("edge_cases")
    for index, metric in enumerate(doc.metrics, start=1):
        location, order = f"metric: {metric.name}", (index,)
        raw += (
            ("metrics", location, metric.name, order, False, False, ""),
            ("metrics", location, metric.baseline, order, True, False, ""),
            ("metrics", location, metric.target_30, order, True, False, ""),
            ("metrics", location, metric.target_60, order, True, False, ""),
            ("metrics", location, metric.target_90, order, True, False, ""),
        )
    add_notes("metrics")
    for index, contact in enumerate(doc.contacts, start=1):
        location, order = f"contact row {index}", (index,)
        raw += (
            ("contacts", location, contact.role, order, False, False, ""),
            ("contacts", location, contact.name, order, True, False, ""),
            ("contacts", location, contact.channel, order, True, False, ""),
            ("contacts", location, contact.hours, order, True, False, ""),
        )
    add_notes("contacts")
    for index, entry in enumerate(doc.glossary, start=1):
        location, order = f"glossary: {entry.term}", (index,)
        raw += (
            ("glossary", location, entry.term, order, False, True, ""),
            ("glossary", location, entry.meaning, order, True, False, ""),
        )
    add_notes("glossary")
    # tuple.__new__ makes each named tuple without its Python-level constructor.
    return [_new_field(TextField, item) for item in raw if item[2]]


class JoinedText:
    """All fields of a document in one string, with a way back from an offset to its field.

    ``lower`` is the same text in lower case for fast case-insensitive searches; it is only
    offered when lowering kept every offset (a few characters, such as "İ", grow).
    """

    def __init__(
        self, doc: ProcessDocument, tree_nodes: list[tuple[str, Node]] | None = None
    ) -> None:
        self.fields = collect_fields(doc, tree_nodes)
        self.text, self.starts = _join(self.fields)
        lowered = self.text.lower()
        self.lower: str | None = lowered if len(lowered) == len(self.text) else None
        # The prose rules (vague wording) read only fields with a ``kind``: searching their
        # own, much shorter string is several times faster than searching everything.
        self._prose = [field for field in self.fields if field.kind]
        prose_text, self._prose_starts = _join(self._prose)
        self.prose = prose_text
        # Code spans, fenced code and links are not prose: "/etc/gitlab" says no "etc".
        prose_text = mask_code_and_urls(prose_text)
        prose_lower = prose_text.lower()
        self._prose_folded = len(prose_lower) == len(prose_text)
        self._prose_text = prose_lower if self._prose_folded else prose_text

    def field_at(self, offset: int) -> TextField:
        return self.fields[bisect_right(self.starts, offset) - 1]

    def prose_field_at(self, offset: int) -> TextField:
        """The field at ``offset`` in ``prose``: the fields with a ``kind`` joined."""
        return self._prose[bisect_right(self._prose_starts, offset) - 1]

    def find_prose_words(self, phrases: tuple[str, ...]) -> list[tuple[TextField, str]]:
        """Each phrase (lower case, single spaces) found as whole words in a prose field, with
        the field and the phrase as written there, in document order."""
        text = self._prose_text
        found: list[tuple[int, int]] = []
        if not self._prose_folded:
            for phrase in phrases:
                for match in re.finditer(re.escape(phrase), text, re.IGNORECASE):
                    if _word_edge(text, match.start() - 1) and _word_edge(text, match.end()):
                        found.append(match.span())
        else:
            for phrase in phrases:
                start = text.find(phrase)
                while start != -1:
                    end = start + len(phrase)
                    if _word_edge(text, start - 1) and _word_edge(text, end):
                        found.append((start, end))
                    start = text.find(phrase, end)
        hits = []
        for start, end in sorted(found):
            index = bisect_right(self._prose_starts, start) - 1
            field = self._prose[index]
            offset = start - self._prose_starts[index]
            hits.append((field, " ".join(field.text[offset : offset + end - start].split())))
        return hits


def _join(fields: list[TextField]) -> tuple[str, list[int]]:
    texts = [field.text for field in fields]
    # Where each field starts in the joined text, computed without a Python-level loop.
    starts = list(accumulate(map(add, map(len, texts), repeat(len(_SEPARATOR))), initial=0))
    return _SEPARATOR.join(texts), starts[:-1]


def _word_edge(text: str, index: int) -> bool:
    """True when ``text[index]`` does not continue a word (or lies outside the text)."""
    if index < 0 or index >= len(text):
        return True
    char = text[index]
    return not (char.isalnum() or char in "_-")
