"""``ktw search``: find the process, and the place in it, from half-remembered words."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from kt_workbench.cli.context import open_library
from kt_workbench.errors import KtwError
from kt_workbench.search import SearchHit, parse_query

if TYPE_CHECKING:
    from kt_workbench.library import Library

_HIGHLIGHT = "bold yellow"


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
    library = open_library(ctx)
    # One cheap query says which library state to search; the index comes from the cache
    # when it matches that state (or is a few changes behind it), else it is rebuilt.
    sequence, listing = library.listing()
    versions = {row.id: row.version for row in listing}
    index = library.search_index(sequence, versions)
    readiness = _readiness(library, sequence, versions) if wanted else {}
    hits = index.search(text, limit=limit, readiness=readiness)
    if output_format == "json":
        click.echo(json.dumps([hit.to_dict() for hit in hits], ensure_ascii=False, indent=2))
    elif hits:
        _print_hits(hits)
    else:
        click.echo(f"No process matches {text!r}.")


def _check_readiness_words(wanted: Sequence[str]) -> None:
    from kt_workbench.checker import READINESS_LEVELS

    spelled = [" ".join(level.split("-")) for level in READINESS_LEVELS]
    for value in wanted:
        if not any(level.startswith(value) for level in spelled):
            levels = ", ".join(READINESS_LEVELS)
            raise KtwError(f"search: unknown readiness {value!r}: use one of {levels}")


def _readiness(library: Library, sequence: int, versions: dict[str, int]) -> dict[str, str]:
    """Checker verdicts by process id, from the cached reports when they match the library,
    else from checking it (and caching that)."""
    badges = library.cached_badges(sequence, versions)
    if any(process_id not in badges for process_id in versions):
        library.load(index=False)  # reports only: no search index to build
        reports = library.snapshot().reports
        return {pid: str(report.readiness) for pid, report in reports.items()}
    return {pid: readiness for pid, (_, readiness) in badges.items()}


def _print_hits(hits: Sequence[SearchHit]) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True)
    for hit in hits:
        heading = Text()
        heading.append(hit.id, style="bold")
        heading.append(f"  {hit.title}")
        place = Text(f"  {hit.section} · {hit.location}  ", style="dim")
        place.append(f"score {hit.score:g}", style="dim")
        if hit.partial:
            place.append("  partial match: lacks some of the words", style="italic")
        snippet = Text(hit.snippet)
        for start, end in hit.spans:
            snippet.stylize(_HIGHLIGHT, start, end)
        console.print(heading)
        console.print(place)
        console.print(Text("    ") + snippet)
        console.print()
