"""``ktw search``: find the process, and the place in it, from half-remembered words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from kt_workbench.cli.context import (
    open_library,
    quick_reader,
    report_unreadable_later,
    settings_of,
)
from kt_workbench.errors import KtwError
from kt_workbench.search.query import parse_query

if TYPE_CHECKING:
    from kt_workbench.library import Library
    from kt_workbench.search import SearchHit
    from kt_workbench.store.quick_read import QuickReader

# Select graphic rendition codes: bold yellow for matches, bold ids, dim places.
_HIGHLIGHT = "1;33"
_BOLD = "1"
_DIM = "2"
_ITALIC = "3"


@click.command("search")
@click.argument("query", nargs=-1, required=True)
@click.option(
    "--limit",
    type=click.IntRange(1, 1000),
    default=20,
    show_default=True,
    help="Most places to show.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Highlighted text, or a JSON array of hits.",
)
@click.pass_context
def search_command(
    ctx: click.Context, query: tuple[str, ...], limit: int, output_format: str
) -> None:
    """Search every process for QUERY, forgiving typos.

    Words may be misspelt and the last one unfinished; "quoted words" must appear as a
    phrase. Processes lacking some of the words come last, marked as partial matches.
    Filters combine with words: team:NAME, owner:NAME, status:draft|in-review|approved,
    section:procedure|scripts|decision_tree|access_rights|edge_cases|metrics|contacts|glossary|overview,
    readiness:ready|needs-work|not-ready. Quote values with spaces: team:"Billing support".

    \b
    Examples:
      ktw search refnud dupl
      ktw search chargeback section:decision_tree
      ktw search 'owner:priya "duplicate charge"'
    """
    text = " ".join(query)
    parsed = parse_query(text)
    if parsed.problems:
        raise KtwError(f"search: {parsed.problems[0]}")
    if parsed.is_empty:
        raise KtwError("search: the query has no words or filters to search for")
    wanted = parsed.filters.get("readiness", ())
    _check_readiness_words(wanted)
    hits = _quick_search(ctx, text, limit, wanted)
    if hits is None:
        hits = _search_read_model(ctx, text, limit, wanted)
    if output_format == "json":
        import json

        click.echo(json.dumps([hit.to_dict() for hit in hits], ensure_ascii=False, indent=2))
    elif hits:
        _print_hits(hits)
    else:
        click.echo(f"No process matches {text!r}.")


def _quick_search(
    ctx: click.Context, text: str, limit: int, wanted: Sequence[str]
) -> list[SearchHit] | None:
    """The hits through the light reader and the index cache queried in place, or ``None``
    (PostgreSQL, a store to upgrade, anything unexpected): then the read model answers."""
    from kt_workbench.readmodel.quick_search import QuickSearch
    from kt_workbench.search import IndexFormatError
    from kt_workbench.store.quick_read import QuickReadUnavailable

    reader = quick_reader(ctx)
    if reader is None:
        return None
    from kt_workbench.cli.progress import say_indexing

    search = QuickSearch(reader, building=say_indexing)
    ctx.find_root().call_on_close(search.write_pending)
    try:
        found = search.index()
        if found is None:
            return None
        index, sequence, versions = found
        readiness: dict[str, str] = {}
        if wanted:
            badges = _quick_badges(ctx, reader, sequence, versions)
            if badges is None:
                return None
            readiness = {pid: level for pid, (_, level) in badges.items()}
        try:
            hits = index.search(text, limit=limit, readiness=readiness)
        except IndexFormatError:  # a damaged cache: rebuilt, and asked again
            rebuilt = search.index(rebuild=True)
            if rebuilt is None or rebuilt[1:] != (sequence, versions):
                return None
            hits = rebuilt[0].search(text, limit=limit, readiness=readiness)
    except QuickReadUnavailable:
        return None
    report_unreadable_later(ctx, search.skipped)
    return hits


def _quick_badges(
    ctx: click.Context, reader: QuickReader, sequence: int, versions: dict[str, int]
) -> dict[str, tuple[int, str]] | None:
    """Every process's badge from a reports cache of exactly this library state, else
    ``None``."""
    import datetime as dt

    from kt_workbench.locations import cache_dir
    from kt_workbench.readmodel.cache import matching_cache

    store_id = reader.store_id()
    config = settings_of(ctx).checker
    cached = matching_cache(cache_dir(), store_id, config, dt.date.today(), sequence, versions)
    if cached is None or any(pid not in cached.badges for pid in versions):
        return None
    return cached.badges


def _search_read_model(
    ctx: click.Context, text: str, limit: int, wanted: Sequence[str]
) -> list[SearchHit]:
    library = open_library(ctx)
    # One cheap query says which library state to search; the index comes from the cache
    # when it matches that state (or is a few changes behind it), else it is rebuilt.
    sequence, listing = library.listing()
    versions = {row.id: row.version for row in listing}
    readiness = _readiness(library, sequence, versions) if wanted else {}
    hits = _search_in_place(library, sequence, versions, text, limit, readiness)
    if hits is not None:
        return hits
    index = library.search_index(sequence, versions)
    return index.search(text, limit=limit, readiness=readiness)


def _search_in_place(
    library: Library,
    sequence: int,
    versions: dict[str, int],
    text: str,
    limit: int,
    readiness: dict[str, str],
) -> list[SearchHit] | None:
    """The hits from the cached index queried where it lies (as the light path does on
    SQLite), when it is of exactly this library state; ``None`` otherwise: loading a whole
    index into memory costs a command more than its one query (1.3 s at 5,000 processes)."""
    from kt_workbench.readmodel.cache import open_index_cache
    from kt_workbench.search import IndexFormatError

    opened = open_index_cache(library.cache_folder, library.store_id)
    if opened is None:
        return None
    try:
        if opened.sequence != sequence or opened.versions != versions:
            return None
        return opened.index.search(text, limit=limit, readiness=readiness)
    except IndexFormatError:  # damaged: the read model rebuilds it
        return None
    finally:
        opened.close()


def _check_readiness_words(wanted: Sequence[str]) -> None:
    if not wanted:
        return
    from kt_workbench.checker import READINESS_LEVELS

    spelled = [" ".join(level.split("-")) for level in READINESS_LEVELS]
    for value in wanted:
        if not any(level.startswith(value) for level in spelled):
            levels = ", ".join(READINESS_LEVELS)
            raise KtwError(f"search: unknown readiness {value!r}: use one of {levels}")


def _readiness(library: Library, sequence: int, versions: dict[str, int]) -> dict[str, str]:
    """Checker verdicts by process id, from the cached reports when they match the library,
    else from checking it (and caching that)."""
    from kt_workbench.cli.progress import every_badge

    badges = every_badge(library, sequence, versions)
    return {pid: readiness for pid, (_, readiness) in badges.items()}


def _print_hits(hits: Sequence[SearchHit]) -> None:
    """Each hit as three lines and a blank one (two for a hit in the title); styled on a
    terminal that takes colour.

    Written directly rather than through Rich, whose import alone costs a cold search more
    than answering it. Everything from the library is shown with control characters spelled
    out (``display.visible``): a snippet cannot steer the terminal, even piped to a pager."""
    import os
    import sys

    from kt_workbench.display import visible

    styled = (
        sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
    )

    def style(text: str, sgr: str) -> str:
        return f"\x1b[{sgr}m{text}\x1b[0m" if styled and text else text

    lines: list[str] = []
    for hit in hits:
        place = f"  {visible(hit.section)} · {visible(hit.location)}  score {hit.score:.1f}"
        partial = f"  {style('partial match: lacks some of the words', _ITALIC)}"
        pieces, shown = [], 0
        for start, end in hit.spans:
            pieces.append(visible(hit.snippet[shown:start]))
            pieces.append(style(visible(hit.snippet[start:end]), _HIGHLIGHT))
            shown = end
        pieces.append(visible(hit.snippet[shown:]))
        snippet = "".join(pieces)
        # A hit in the title is the title highlighted, not the title twice.
        in_title = hit.snippet == hit.title
        lines += [
            f"{style(visible(hit.id), _BOLD)}  {snippet if in_title else visible(hit.title)}",
            style(place, _DIM) + (partial if hit.partial else ""),
            *([] if in_title else ["    " + snippet]),
            "",
        ]
    click.echo("\n".join(lines))
