"""Delta selection: what a recipient must be sent so that it holds what the library holds.

A recipient's state is the version of every process it holds, as recorded with its last
pack. Comparing that with the library's current versions gives the processes that are new
to the recipient, changed since (from and to versions), and removed from the library.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ChangedProcess:
    id: str
    from_version: int
    to_version: int


@dataclass(frozen=True)
class PackDelta:
    """What changed for ``recipient`` since its last pack (none yet: everything is new)."""

    recipient: str
    last_pack: int | None  # the number of the recipient's last pack
    last_pack_at: dt.datetime | None
    new: tuple[tuple[str, int], ...]  # (id, version), sorted by id
    changed: tuple[ChangedProcess, ...]  # sorted by id
    removed: tuple[tuple[str, int], ...]  # (id, the version the recipient holds), by id
    unchanged: tuple[tuple[str, int], ...]
    # What the recipient holds outside a pack limited to some processes (a wave): kept as is.
    outside: Mapping[str, int] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.new or self.changed or self.removed)

    def to_send(self) -> dict[str, int]:
        """The processes the pack must carry, each at the version to send."""
        return dict(self.new) | {change.id: change.to_version for change in self.changed}

    def versions_after(self) -> dict[str, int]:
        """What the recipient holds once it has this pack: to be recorded with the pack."""
        return dict(self.outside) | dict(self.unchanged) | self.to_send()


def select_delta(
    recipient: str,
    held: Mapping[str, int],
    current: Mapping[str, int],
    last_pack: int | None = None,
    last_pack_at: dt.datetime | None = None,
    only: Collection[str] | None = None,
) -> PackDelta:
    """Compare what the recipient ``held`` after its last pack with the ``current`` library;
    with ``only``, just those processes (the rest of what it holds is left as it is)."""
    outside: dict[str, int] = {}
    if only is not None:
        scope = set(only)
        outside = {pid: version for pid, version in held.items() if pid not in scope}
        held = {pid: version for pid, version in held.items() if pid in scope}
        current = {pid: version for pid, version in current.items() if pid in scope}
    new, changed, unchanged = [], [], []
    for process_id in sorted(current):
        version = current[process_id]
        before = held.get(process_id)
        if before is None:
            new.append((process_id, version))
        elif before != version:
            changed.append(ChangedProcess(process_id, before, version))
        else:
            unchanged.append((process_id, version))
    removed = [(pid, held[pid]) for pid in sorted(held) if pid not in current]
    return PackDelta(
        recipient=recipient,
        last_pack=last_pack,
        last_pack_at=last_pack_at,
        new=tuple(new),
        changed=tuple(changed),
        removed=tuple(removed),
        unchanged=tuple(unchanged),
        outside=outside,
    )
