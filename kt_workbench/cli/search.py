"""``ktw search``: find the process, and the place in it, from half-remembered words."""

from __future__ import annotations

import json
from collections.abc import Sequence

import click

from kt_workbench.cli.context import open_store
from kt_workbench.errors import KtwError
from kt_workbench.model import ProcessDocument
from kt_workbench.search import SearchHit, SearchIndex, parse_query

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
    documents = open_store(ctx).documents()
    readiness = _readiness(documents, parsed.filters.get("readiness", ()))
    hits = SearchIndex.from_documents(documents).search(text, limit=limit, readiness=readiness)
    if output_format == "json":
        click.echo(json.dumps([hit.to_dict() for hit in hits], ensure_ascii=False, indent=2))
    elif hits:
        _print_hits(hits)
    else:
        click.echo(f"No process matches {text!r}.")


def _readiness(documents: Sequence[ProcessDocument], wanted: Sequence[str]) -> dict[str, str]:
    """Checker verdicts by process id, computed only when the query filters on them."""
    if not wanted:
        return {}
    from kt_workbench.checker import READINESS_LEVELS, check_library

    spelled = [" ".join(level.split("-")) for level in READINESS_LEVELS]
    for value in wanted:
        if not any(level.startswith(value) for level in spelled):
            levels = ", ".join(READINESS_LEVELS)
            raise KtwError(f"search: unknown readiness {value!r}: use one of {levels}")
    return {report.id: report.readiness for report in check_library(documents).processes}


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
