"""What changed between two revisions of a process: a line diff of the canonical markdown and
a section-level summary (which parts of the process changed, and how much).

The summary compares documents field by field, so it names real things (“2 steps added”)
rather than lines; ``summarize_markdown_changes`` is the fallback for a stored revision the
parser cannot read back, and compares the markdown section by section instead.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kt_workbench.markdown.blocks import top_level_blocks
from kt_workbench.markdown.vocabulary import canonical_heading, section_for_heading
from kt_workbench.model import ProcessDocument

DETAILS = "details"
# Front matter fields in the order the format writes them.
_DETAIL_FIELDS = (
    "title",
    "owner",
    "team",
    "status",
    "channels",
    "volume_per_month",
    "last_reviewed",
    "review_every_days",
    "tags",
    "extra_front_matter",
)
# Sections holding ordered items, with the word for one item.
_ITEM_SECTIONS = {
    "procedure": ("steps", "step"),
    "scripts": ("scripts", "script"),
    "access_rights": ("access_rights", "access right"),
    "edge_cases": ("edge_cases", "edge case"),
    "metrics": ("metrics", "metric"),
    "contacts": ("contacts", "contact"),
    "glossary": ("glossary", "glossary entry"),
}
_ORDER = ("overview", "purpose", "scope", "procedure", "scripts", "decision_tree",
          "access_rights", "edge_cases", "metrics", "contacts", "glossary")  # fmt: skip
_SHORT_VALUE = 40


@dataclass(frozen=True)
class SectionChange:
    """One part of the process that changed. ``section`` is ``details`` (the front matter),
    a name from ``SECTION_NAMES``, ``purpose``, ``scope``, or ``extra`` for an unknown section
    (then ``heading`` is its own heading)."""

    section: str
    heading: str
    summary: str

    def __str__(self) -> str:
        return f"{self.heading}: {self.summary}"


def unified_markdown_diff(old: str, new: str, old_label: str, new_label: str) -> str:
    """A unified diff of two markdown texts; empty when they are equal."""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), old_label, new_label
    )
    # A last line without a newline would run into the next diff line.
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def summarize_changes(
    old: ProcessDocument | None, new: ProcessDocument | None
) -> list[SectionChange]:
    """The sections that differ between two versions; ``None`` is “no process”."""
    if old is None or new is None:
        if old is new:
            return []
        kind = "added" if old is None else "removed"
        return [SectionChange("process", "Process", f"{kind} (whole process)")]
    changes = [change for change in (_details(old, new),) if change is not None]
    for section in _ORDER:
        summary = _section_summary(section, old, new)
        if summary:
            changes.append(SectionChange(section, _heading(section), summary))
    changes.extend(_extra_sections(old, new))
    if not changes and dataclasses.replace(old, id=new.id) != new:
        # Same text per section, arranged differently: notes or unknown sections reordered.
        changes.append(SectionChange("layout", "Layout", "sections or notes rearranged"))
    return changes


def summarize_markdown_changes(old: str, new: str) -> list[SectionChange]:
    """The fallback summary: which ``##`` sections (and the front matter) differ as text."""
    old_parts, new_parts = _markdown_sections(old), _markdown_sections(new)
    changes = []
    for heading in dict.fromkeys([*old_parts, *new_parts]):
        before, after = old_parts.get(heading), new_parts.get(heading)
        if before == after:
            continue
        summary = "added" if before is None else "removed" if after is None else "changed"
        section = section_for_heading(heading) or ("extra" if heading else DETAILS)
        changes.append(SectionChange(section, heading or "Details", summary))
    return changes


def _heading(section: str) -> str:
    return "Overview" if section == "overview" else canonical_heading(section)


def _details(old: ProcessDocument, new: ProcessDocument) -> SectionChange | None:
    parts = []
    for name in _DETAIL_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        shown = name.replace("_", " ")
        if _is_short(before) and _is_short(after):
            parts.append(f"{shown} {_show(before)} → {_show(after)}")
        else:
            parts.append(f"{shown} changed")
    return SectionChange(DETAILS, "Details", "; ".join(parts)) if parts else None


def _is_short(value: Any) -> bool:
    return value is None or (isinstance(value, int | str) and len(str(value)) <= _SHORT_VALUE)


def _show(value: Any) -> str:
    if value is None or value == "":
        return "(none)"
    return str(value).replace("\n", " ")


def _section_summary(section: str, old: ProcessDocument, new: ProcessDocument) -> str:
    parts = []
    if section in ("purpose", "scope"):
        parts.append(_text_change(getattr(old, section), getattr(new, section)))
    elif section in _ITEM_SECTIONS:
        field, noun = _ITEM_SECTIONS[section]
        parts.append(_item_changes(getattr(old, field), getattr(new, field), noun))
    elif section == "decision_tree" and old.decision_tree != new.decision_tree:
        before = sum(1 for _ in old.decision_tree.walk())
        after = sum(1 for _ in new.decision_tree.walk())
        counts = f"{before} → {after} nodes" if before != after else f"{after} nodes"
        parts.append(_text_change(old.decision_tree.items, new.decision_tree.items, counts))
    note = _text_change(old.note(section), new.note(section))
    if note and section != "overview":
        note = f"notes {note}"
    parts.append(note)
    return "; ".join(part for part in parts if part)


def _text_change(before: Any, after: Any, detail: str = "") -> str:
    if before == after:
        return ""
    summary = "added" if not before else "removed" if not after else "changed"
    return f"{summary} ({detail})" if detail else summary


def _item_changes(before: Sequence[Any], after: Sequence[Any], noun: str) -> str:
    added = removed = changed = 0
    matcher = difflib.SequenceMatcher(None, list(before), list(after), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old_count, new_count = i2 - i1, j2 - j1
        if tag == "replace":
            changed += min(old_count, new_count)
            added += max(0, new_count - old_count)
            removed += max(0, old_count - new_count)
        elif tag == "insert":
            added += new_count
        elif tag == "delete":
            removed += old_count
    counts = [
        f"{count} {verb}" for count, verb in ((added, "added"), (changed, "changed"),
                                              (removed, "removed")) if count
    ]  # fmt: skip
    if not counts:
        return ""
    total = f"{len(before)} → {len(after)}" if len(before) != len(after) else str(len(after))
    return f"{', '.join(counts)} ({total} {_plural(noun, len(after))})"


def _plural(noun: str, count: int) -> str:
    if count == 1:
        return noun
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


def _extra_sections(old: ProcessDocument, new: ProcessDocument) -> list[SectionChange]:
    before = _by_heading([(extra.heading, extra.body) for extra in old.extra_sections])
    after = _by_heading([(extra.heading, extra.body) for extra in new.extra_sections])
    changes = []
    for heading in dict.fromkeys([*before, *after]):
        summary = _text_change(before.get(heading), after.get(heading))
        if summary:
            changes.append(SectionChange("extra", heading, summary))
    return changes


def _by_heading(sections: list[tuple[str, str]]) -> dict[str, str]:
    """Body text per heading; a heading used twice keeps both bodies, in order."""
    bodies: dict[str, list[str]] = {}
    for heading, body in sections:
        bodies.setdefault(heading, []).append(body)
    return {heading: "\n\n".join(parts) for heading, parts in bodies.items()}


def _markdown_sections(text: str) -> dict[str, str]:
    """The front matter and the text before the first ``##`` heading (key ""), and the text
    under each ``##`` heading."""
    front = ""
    if text.startswith("---\n"):
        # Front matter first: markdown would read its closing line as a heading underline.
        close = text.find("\n---\n", 3)
        if close != -1:
            front, text = text[: close + 5], text[close + 5 :]
    lines = text.split("\n")
    starts = [
        (block.start, block.end)
        for block in top_level_blocks(text)
        if block.kind == "heading" and block.heading_level == 2
    ]
    sections = {"": front + "\n".join(lines[: starts[0][0] if starts else len(lines)])}
    for index, (start, end) in enumerate(starts):
        stop = starts[index + 1][0] if index + 1 < len(starts) else len(lines)
        heading = " ".join(lines[start:end]).lstrip("#").strip()
        body = "\n".join(lines[end:stop])
        sections[heading] = sections[heading] + "\n" + body if heading in sections else body
    return sections
