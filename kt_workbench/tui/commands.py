"""The command palette: open any process by name, and every key of the screen underneath.

Titles and teams are user text. Textual parses a plain ``str`` prompt or help as markup, so
both are given as ``Content`` built from the literal text (``Content.from_markup`` returns
``Content`` unchanged), and the fuzzy-match highlight is applied on top.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.screen import Screen

from kt_workbench.display import clip_middle

if TYPE_CHECKING:
    from textual.app import SystemCommand

    from kt_workbench.tui.app import KtwApp

# Textual's fuzzy matcher explores every way a query fits a candidate, which explodes on very
# long titles of repeated letters (a 10,000-character title exhausted memory): match and show
# at most this much of a title.
PALETTE_TITLE_LENGTH = 120


def literal(text: str) -> str:
    """``text`` as palette help: Content passes through Textual's markup parser untouched."""
    return cast(str, Content(text))


def highlighted(matcher: Matcher, candidate: str) -> Content:
    """The candidate, literally, with the characters the query matched highlighted."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if score:
        for offset in offsets:
            if not candidate[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class ProcessCommands(Provider):
    """Open any process by name from the command palette."""

    @property
    def workbench(self) -> KtwApp:
        return cast("KtwApp", self.app)

    async def discover(self) -> Hits:
        app = self.workbench
        # Titles from the cheap listing: the palette never waits for the library to load.
        for process_id, title, team in app.library.titles()[:20]:
            yield DiscoveryHit(
                Content(f"Open {clip_middle(title, PALETTE_TITLE_LENGTH)}"),
                partial(app.open_editor, process_id),
                help=literal(team),
            )

    async def search(self, query: str) -> Hits:
        app = self.workbench
        matcher = self.matcher(query)
        for process_id, title, team in app.library.titles():
            candidate = f"Open {clip_middle(title, PALETTE_TITLE_LENGTH)}"
            score = matcher.match(candidate)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, candidate),
                    partial(app.open_editor, process_id),
                    text=candidate,
                    help=literal(team),
                )


def screen_key_commands(app: KtwApp, screen: Screen[object]) -> Iterable[SystemCommand]:
    """A palette entry for every key binding of ``screen`` and the app, with its key shown.

    Generated from the bindings themselves, so every action with a key is also reachable by
    name, including the ones the Footer has no room for.
    """
    from textual.app import SystemCommand

    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if active.node is not screen or not binding.description or binding.action in seen:
            continue
        seen.add(binding.action)
        key = app.get_key_display(binding)
        yield SystemCommand(
            binding.description,
            f"{key}  ({binding.id or binding.action})",
            partial(screen.run_action, binding.action),
        )
