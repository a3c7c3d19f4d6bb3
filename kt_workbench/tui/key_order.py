"""Keys take effect in the order they were typed, even when they arrive in a burst.

Textual hands a key to the focused widget, which handles it (a letter typed into a field) or
lets it bubble up through every container to the app, where the bindings are looked up (Tab
to the next field, End, Ctrl+U, Enter on a list). Each hop waits its turn in that widget's
queue, so when the workbench is busy for a moment (laying out a large tab, a check result
shown, a loaded machine) and keys pile up, the letters typed after a Tab reach the field
before the Tab has moved the cursor, and Ctrl+U clears what was typed after it.

``KeysInOrder`` lets one key travel at a time: the next waits until the one before has been
handled (stopped by a widget, or through the app's bindings) and the widgets it passed have
worked through what it made them queue. A key whose journey ends unseen (its widget removed
on the way) releases the next after ``LOST_KEY_SECONDS``. A paste that arrives while keys
wait takes its place among them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.message_pump import MessagePump
from textual.timer import Timer

LOST_KEY_SECONDS = 1.0


class Key(events.Key):
    """A key from the terminal that says when it has been handled.

    Named ``Key`` so that handlers find it under the same name (``on_key``) as Textual's.
    """

    __slots__ = ["_handled"]

    def __init__(self, original: events.Key, handled: Callable[[Key], None]) -> None:
        super().__init__(original.key, original.character)
        self.time = original.time
        # No sender, as from the terminal's reader: a key sent by the app (a test's) would be
        # stopped on its way into the app, which reads as handled while it is not yet.
        self._sender = None
        self._handled = handled

    def stop(self, stop: bool = True) -> Key:
        super().stop(stop)
        if stop:
            self._handled(self)
        return self


class KeysInOrder(App[None]):
    """The app's part: keys wait in line while one is on its way, and while what it set off
    settles (a form's Enter posts Submitted, which moves the cursor back to the list: the
    next key must find the cursor there)."""

    def __init__(self) -> None:
        super().__init__()
        self._key_on_its_way: Key | None = None
        # Keys, and pastes typed among them: a paste after a Tab goes where the Tab moved to.
        self._keys_waiting: deque[events.Key | events.Paste] = deque()
        self._key_busy = False
        self._key_number = 0
        self._route: list[MessagePump] = []
        self._lost_key_timer: Timer | None = None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Paste) and not event.is_forwarded:
            if self._key_busy or self._keys_waiting:
                self._keys_waiting.append(event)
            else:
                await super().on_event(event)
        elif not isinstance(event, events.Key):
            await super().on_event(event)
        elif event.is_forwarded:  # back from the focused widget: to the app's bindings
            await super().on_event(event)
            self._key_handled(event)
        elif self._key_busy or self._keys_waiting:
            self._keys_waiting.append(event)
        else:
            await self._send_key(event)

    async def _send_key(self, original: events.Key) -> None:
        self._key_busy = True
        self._key_number += 1
        number = self._key_number
        key = Key(original, self._key_handled)
        self._key_on_its_way = key
        # The widgets the key travels through, from where it starts up to the screen: what
        # they post while handling it bubbles the same way.
        start: DOMNode | None = self.focused or self.screen
        route: list[MessagePump] = []
        while isinstance(start, DOMNode) and start is not self:
            route.append(start)
            start = start.parent
        self._route = route
        self._lost_key_timer = self.set_timer(LOST_KEY_SECONDS, lambda: self._release(number))
        await super().on_event(key)
        if not key.is_forwarded:  # a priority binding took it, or nothing could
            self._key_handled(key)

    def _key_handled(self, key: events.Key) -> None:
        """The key is handled: once every widget on its way has worked through what it
        queued meanwhile, the next key may go."""
        if key is not self._key_on_its_way:
            return
        self._key_on_its_way = None
        number, route = self._key_number, self._route

        def hop(index: int) -> None:
            while index < len(route):
                if route[index].call_later(hop, index + 1):
                    return
                index += 1  # a widget closing meanwhile has nothing left to settle
            self.call_later(self._release, number)

        hop(0)

    def _release(self, number: int) -> None:
        if number != self._key_number or not self._key_busy:
            return  # an earlier key's settling, or released already
        self._key_busy = False
        self._key_on_its_way = None
        if self._lost_key_timer is not None:
            self._lost_key_timer.stop()
            self._lost_key_timer = None
        if self._keys_waiting:
            self.call_later(self._next_key)

    async def _next_key(self) -> None:
        while not self._key_busy and self._keys_waiting:
            waiting = self._keys_waiting.popleft()
            if isinstance(waiting, events.Key):
                await self._send_key(waiting)
            else:  # a paste goes in the focused widget's queue, ahead of the keys after it
                await super().on_event(waiting)
