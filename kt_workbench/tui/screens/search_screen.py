"""Search every process as you type; choosing a hit opens the editor at its section."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.events import Resize
from textual.message import Message
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from kt_workbench.search import SearchHit, parse_query

if TYPE_CHECKING:
    from kt_workbench.tui.app import KtwApp

# Long enough to skip the queries typed on the way to the one meant, short enough to feel live.
SEARCH_DELAY = 0.15
RESULT_LIMIT = 50
HELP = (
    "Narrow with team:billing  owner:priya  status:approved  section:tree  readiness:ready\n"
    '"Quoted phrases" match exactly.  ↑↓ choose · Enter opens · Esc closes'
)
MATCH_STYLE = "bold underline yellow"


class SearchResults(Message):
    """What the search worker found for one query."""

    def __init__(self, query: str, hits: list[SearchHit], problems: tuple[str, ...]) -> None:
        super().__init__()
        self.query = query
        self.hits = hits
        self.problems = problems


def hit_prompt(hit: SearchHit) -> Text:
    """Title, where in the process, and the snippet with the matched words highlighted; a
    hit in the title is the title highlighted, not the title twice."""
    section = hit.section.replace("_", " ").capitalize()
    where = Text(f"  {section} · {hit.location}", style="dim")
    snippet = Text(hit.snippet.replace("\n", " "))
    for start, end in hit.spans:
        snippet.stylize(MATCH_STYLE, start, end)
    if hit.snippet == hit.title:
        snippet.stylize("bold")
        return Text.assemble(snippet, where)
    return Text.assemble((hit.title, "bold"), where, "\n", snippet)


# Below this many lines the help would leave room for only a few hits.
SHORT_HEIGHT = 30


class SearchScreen(ModalScreen[None]):
    """A search box over the whole library, with ranked, highlighted hits below it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="search.close"),
        Binding("down", "move(1)", "Next hit", show=False, id="search.next"),
        Binding("up", "move(-1)", "Previous hit", show=False, id="search.previous"),
        Binding("enter", "open_hit", "Open", id="search.open"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[SearchHit] = []
        self._timer: Timer | None = None

    @property
    def workbench(self) -> KtwApp:
        return cast("KtwApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="search-dialog"):
            yield Static("Search every process", id="search-heading")
            yield Input(placeholder="e.g. refund duplicate team:billing", id="search-input")
            yield Static(HELP, id="search-help")
            yield Static("Type to search.", id="search-status")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        self.query_one("#search-input", Input).focus()
        self.fit_height(self.app.size.height)

    def on_resize(self, event: Resize) -> None:
        self.fit_height(event.size.height)

    def fit_height(self, height: int) -> None:
        """On a short terminal the dialog fills it and the help lines give their room to the
        hits (the filters are in the docs and under F1)."""
        self.set_class(height < SHORT_HEIGHT, "-short")

    @on(Input.Changed, "#search-input")
    def query_changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        query = event.value
        if not query.strip():
            self.show_hits(query, [], ())
            return
        self._timer = self.set_timer(SEARCH_DELAY, lambda: self.run_search(query))

    @work(thread=True, exclusive=True, exit_on_error=False, group="search")
    def run_search(self, query: str) -> None:
        hits = self.workbench.library.search(query, limit=RESULT_LIMIT)
        self.post_message(SearchResults(query, hits, parse_query(query).problems))

    def on_search_results(self, message: SearchResults) -> None:
        if message.query == self.query_one("#search-input", Input).value:
            self.show_hits(message.query, message.hits, message.problems)

    def show_hits(self, query: str, hits: list[SearchHit], problems: tuple[str, ...]) -> None:
        self.hits = hits
        results = self.query_one("#search-results", OptionList)
        options: list[Option | None] = []
        for index, hit in enumerate(hits):
            if index and hit.id != hits[index - 1].id:
                options.append(None)  # a divider where the next process starts
            options.append(Option(hit_prompt(hit), id=str(index)))
        results.set_options(options)
        if hits:
            results.highlighted = 0
        status = self.query_one("#search-status", Static)
        if not query.strip():
            status.update("Type to search.")
        elif problems:
            status.update(Text(" ".join(problems), style="yellow"))
        elif not hits:
            status.update(Text("No matches", style="bold"))
        else:
            places = "place" if len(hits) == 1 else "places"
            processes = len({hit.id for hit in hits})
            status.update(f"{len(hits)} matching {places} in {processes} processes")

    def action_move(self, step: int) -> None:
        results = self.query_one("#search-results", OptionList)
        if results.has_focus:
            return
        if step > 0:
            results.action_cursor_down()
        else:
            results.action_cursor_up()

    @on(Input.Submitted, "#search-input")
    def action_open_hit(self) -> None:
        option = self.query_one("#search-results", OptionList).highlighted_option
        if option is not None and option.id is not None:
            self.open_hit(self.hits[int(option.id)])

    @on(OptionList.OptionSelected, "#search-results")
    def hit_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.open_hit(self.hits[int(event.option.id)])

    def open_hit(self, hit: SearchHit) -> None:
        """Open the process at the hit's section, on the line of its first matched word."""
        needle = hit.snippet[hit.spans[0][0] : hit.spans[0][1]] if hit.spans else ""
        self.dismiss()
        self.workbench.open_editor(
            hit.id, section=hit.section, needle=needle, location=hit.location
        )

    def action_close(self) -> None:
        self.dismiss()
