"""Undo and redo over the editor's fields: every change is a step, typing bursts are one.

The editor records the whole set of fields after each change (a form value typed, a section
edited in its structured view or its source); undo hands back the fields as they were before
the step. Consecutive changes to the same field within ``burst`` seconds that only rewrite
a line or split or join one (typing) are merged into one step; anything that adds, removes
or swaps whole lines (an item added, deleted, moved) is a step of its own.
"""

from __future__ import annotations

import time
from collections.abc import Callable

EditorFields = dict[str, str]

BURST_SECONDS = 1.0
MAX_STEPS = 300


def changed_lines(before: str, after: str) -> tuple[int, int]:
    """How many lines differ between the two texts, in ``before`` and in ``after``, once the
    lines they share at the start and at the end are set aside."""
    old, new = before.split("\n"), after.split("\n")
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[len(old) - 1 - end] == new[len(new) - 1 - end]:
        end += 1
    return len(old) - start - end, len(new) - start - end


def looks_like_typing(before: str, after: str) -> bool:
    """A change that rewrote one line, or split one line into two, or joined two into one."""
    return changed_lines(before, after) in ((1, 1), (1, 2), (2, 1))


class FieldHistory:
    """The steps of an editing session, with a position that undo and redo move."""

    def __init__(
        self,
        fields: EditorFields,
        burst: float = BURST_SECONDS,
        limit: int = MAX_STEPS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._states: list[EditorFields] = [dict(fields)]
        self._index = 0
        self._burst = burst
        self._limit = limit
        self._clock = clock
        self._last: tuple[str, float] | None = None  # field and time of the open typing burst

    @property
    def can_undo(self) -> bool:
        return self._index > 0

    @property
    def can_redo(self) -> bool:
        return self._index < len(self._states) - 1

    @property
    def current(self) -> EditorFields:
        return dict(self._states[self._index])

    def record(self, key: str, fields: EditorFields) -> None:
        """``fields`` after ``key`` changed: a new step, or the open typing burst extended."""
        now = self._clock()
        current = self._states[self._index]
        if fields == current:
            return
        previous = self._states[self._index - 1] if self._index > 0 else None
        same_burst = (
            self._last is not None
            and self._last[0] == key
            and now - self._last[1] <= self._burst
            and previous is not None
            and not self.can_redo
            and _only_changed(previous, fields, key)
            and looks_like_typing(current.get(key, ""), fields.get(key, ""))
        )
        if same_burst:
            self._states[self._index] = dict(fields)
        else:
            del self._states[self._index + 1 :]
            self._states.append(dict(fields))
            self._index += 1
            if len(self._states) > self._limit:
                del self._states[0]
                self._index -= 1
        self._last = (key, now)

    def undo(self) -> EditorFields | None:
        """The fields before the current step, or None at the start."""
        if not self.can_undo:
            return None
        self._index -= 1
        self._last = None
        return self.current

    def redo(self) -> EditorFields | None:
        if not self.can_redo:
            return None
        self._index += 1
        self._last = None
        return self.current

    def reset(self, fields: EditorFields) -> None:
        """Start again from ``fields`` (a restored or reloaded document)."""
        self._states, self._index, self._last = [dict(fields)], 0, None


def _only_changed(before: EditorFields, after: EditorFields, key: str) -> bool:
    """Whether ``key`` is the only field that differs: a burst never spans two fields."""
    return all(before.get(name) == value for name, value in after.items() if name != key)
