"""``CHANGES.md`` for a delta pack: what is new, what changed (section by section) and what the
provider must stop using, since the recipient's last pack."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

from kt_workbench.team.delta import PackDelta
from kt_workbench.team.diff import SectionChange

_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]<>#|!~])")


def inline(text: str) -> str:
    """Text safe inside a markdown paragraph, list item or link label: one line, no markup."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(text.split()))


def render_changes(
    delta: PackDelta,
    number: int,
    titles: Mapping[str, str],
    links: Mapping[str, str],
    sections: Mapping[str, Sequence[SectionChange]],
    generated: dt.date,
) -> str:
    """The markdown of ``CHANGES.md`` for pack ``number``.

    ``titles`` gives each process's title (removed ones included, when known), ``links`` the
    pack file of every process the pack carries, ``sections`` the section changes of every
    changed process.
    """
    who = inline(delta.recipient)
    out = [f"# Changes for {who}", ""]
    if delta.last_pack is None:
        out.append(
            f"Pack {number} for {who}, generated {generated.isoformat()} by KT Workbench. "
            f"This is the first pack for {who}: every process in it is new."
        )
    else:
        since = f" of {delta.last_pack_at:%Y-%m-%d}" if delta.last_pack_at else ""
        out.append(
            f"Pack {number} for {who}, generated {generated.isoformat()} by KT Workbench, "
            f"with what changed since pack {delta.last_pack}{since}: "
            f"{_count(len(delta.new), 'new process', 'new processes')}, "
            f"{len(delta.changed)} changed, {len(delta.removed)} removed. "
            "Processes not listed here are unchanged: keep using the copies you have."
        )

    def title(process_id: str) -> str:
        return inline(titles.get(process_id) or process_id)

    if delta.new:
        out += ["", "## New processes", ""]
        for process_id, version in delta.new:
            out.append(
                f"- [{title(process_id)}]({links[process_id]}) "
                f"(id {inline(process_id)}, version {version})"
            )
    if delta.changed:
        out += ["", "## Changed processes"]
        for change in delta.changed:
            out += [
                "",
                f"### [{title(change.id)}]({links[change.id]})",
                "",
                f"Id {inline(change.id)}: version {change.from_version} → {change.to_version}.",
            ]
            listed = sections.get(change.id, ())
            if listed:
                out.append("")
                out += [f"- {inline(part.heading)}: {inline(part.summary)}" for part in listed]
            else:
                out += ["", "- Saved again with no change to its content."]
    if delta.removed:
        out += ["", "## Removed processes", ""]
        for process_id, version in delta.removed:
            out.append(
                f"- {title(process_id)} (id {inline(process_id)}, last sent as version "
                f"{version}): no longer part of the handover; stop using it."
            )
    return "\n".join(out) + "\n"


def _count(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"
