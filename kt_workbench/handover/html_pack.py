"""The handover pack as one self-contained HTML page: print-ready, trees drawn inline.

The page is the single-file pack's content (index, then every process) rendered by the same
markdown parser the rest of the tool uses, with the CSS inlined, each decision tree drawn as
inline SVG, and a Content-Security-Policy that lets it load nothing at all: it opens the same
on a laptop without a network, in a mail client, or printed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import lru_cache
from html import escape
from importlib import resources
from pathlib import Path

from kt_workbench.errors import KtwError
from kt_workbench.handover.credentials import guard_credentials
from kt_workbench.handover.html_blocks import render_safe
from kt_workbench.handover.index import PACK_MARKER, Readiness, build_index
from kt_workbench.handover.pack import (
    PackResult,
    process_body,
    process_facts,
    refuse_single_file_target,
    write_single_file,
)
from kt_workbench.handover.tree_svg import render_tree_svg
from kt_workbench.markdown import parse_document, render_document
from kt_workbench.markdown.mermaid import render_mermaid
from kt_workbench.model import ProcessDocument

# The first two lines of every HTML pack: a later export may replace a file that opens so.
HTML_OPENING = f"<!DOCTYPE html>\n{PACK_MARKER}\n"
# Nothing may be fetched: styles are inline, drawings are inline SVG, images are not loaded.
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _anchor(process_id: str) -> str:
    return f"process-{process_id}"


@lru_cache(maxsize=1)
def _stylesheet() -> str:
    return resources.files("kt_workbench.handover").joinpath("data/pack.css").read_text("utf-8")


def _drawing(doc: ProcessDocument) -> tuple[str, str] | None:
    """The Mermaid block the markdown holds for the tree, and the SVG that replaces it."""
    if not doc.decision_tree:
        return None
    svg = render_tree_svg(doc.decision_tree, _anchor(doc.id), f"Decision tree: {doc.title}")
    caption = "Decision tree (jumps link to the node they name)"
    figure = f'<figure class="tree-drawing"><figcaption>{caption}</figcaption>{svg}</figure>\n'
    # The block's content as the parser gives it: the lines between the fences.
    inner = render_mermaid(doc.decision_tree).split("\n")[1:-1]
    return "\n".join(inner) + "\n", figure


def _facts_html(doc: ProcessDocument, report: Readiness | None) -> str:
    items = [
        f"<li>{escape(name)}: <strong>{escape(value)}</strong></li>"
        for name, value in process_facts(doc)
    ]
    if report is not None:
        kind = escape(report.readiness.replace(" ", "-"))
        items.append(
            f'<li>Readiness: <span class="readiness {kind}">{escape(report.readiness)}</span>'
            f" (score {report.score})</li>"
        )
    return f'<ul class="facts">{"".join(items)}</ul>' if items else ""


def _masked(documents: Sequence[ProcessDocument], allow: bool) -> list[ProcessDocument]:
    """The documents as the pack may show them: unchanged when clean, credentials written as
    ``[hidden]`` when ``allow`` (read back through the parser, so drawings hide them too),
    else ``CredentialsInPack``."""
    texts = {doc.id: render_document(doc) for doc in documents}
    guarded = guard_credentials(texts, allow)
    result = []
    for doc in documents:
        text = guarded[doc.id]
        if text == texts[doc.id]:
            result.append(doc)
            continue
        try:
            result.append(parse_document(text, doc.id))
        except KtwError:
            raise KtwError(
                f"{doc.id}: a credential could not be hidden without changing the process's "
                "structure; remove it from the process and export again"
            ) from None
    return result


def render_html_pack(
    documents: Sequence[ProcessDocument],
    readiness: Mapping[str, Readiness] | None = None,
    generated: dt.date | None = None,
    *,
    allow_secrets: bool = False,
) -> str:
    """The whole page."""
    documents = _masked(documents, allow_secrets)
    readiness = readiness or {}
    anchors = {doc.id: f"#{_anchor(doc.id)}" for doc in documents}
    index = build_index(documents, anchors, readiness, generated)
    index = index.removeprefix(PACK_MARKER).lstrip("\n")
    parts = [f'<main>\n<section class="pack-index">\n{render_safe(index)}</section>\n']
    for doc in documents:
        body = render_safe(process_body(doc), _drawing(doc))
        parts.append(
            f'<section class="process" id="{escape(_anchor(doc.id))}">\n'
            f"<h2>{escape(doc.title)}</h2>\n{_facts_html(doc, readiness.get(doc.id))}\n"
            f"{body}</section>\n"
        )
    parts.append("</main>\n")
    title = "Handover pack"
    head = (
        f'<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n'
        f'<meta name="generator" content="KT Workbench">\n'
        f"<title>{title}</title>\n<style>\n{_stylesheet()}</style>\n</head>\n<body>\n"
    )
    text = HTML_OPENING + head + "".join(parts) + "</body>\n</html>\n"
    # The masking above worked on each process; the index merges them (the glossary, the
    # escalation matrix), and the whole page gets the same last check.
    text = text.replace("<li>[ ] ", '<li class="task">☐ ')
    return guard_credentials({"pack": text}, allow_secrets)["pack"]


def export_html(
    documents: Sequence[ProcessDocument],
    path: Path,
    readiness: Mapping[str, Readiness] | None = None,
    generated: dt.date | None = None,
    *,
    allow_secrets: bool = False,
) -> PackResult:
    """Write the page to ``path``, replacing only an HTML pack an earlier export wrote."""
    refuse_single_file_target(path, HTML_OPENING, "--html")
    text = render_html_pack(documents, readiness, generated, allow_secrets=allow_secrets)
    return write_single_file(path, text)
