"""Fuzzy search over the process library: typo-tolerant, fast, and explainable.

Build a ``SearchIndex`` from documents, keep it current with ``attach(store)`` (or
``update``/``remove``), and ask it ``search("refnud dupl team:billing")``. Each hit names the
process, the section and place in it, a snippet and the spans to highlight.

The names below are imported on first use, so a cold ``ktw search`` that queries the index
cache in place (``disk_index``) loads only the modules a query runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kt_workbench.lazy_exports import lazy_getattr

if TYPE_CHECKING:
    from kt_workbench.search.entries import Entry, document_entries
    from kt_workbench.search.index import SearchHit, SearchIndex
    from kt_workbench.search.query import FILTER_KEYS, Query, parse_query
    from kt_workbench.search.serialise import FORMAT_VERSION, IndexFormatError

_HOMES = {
    "FILTER_KEYS": "kt_workbench.search.query",
    "FORMAT_VERSION": "kt_workbench.search.serialise",
    "Entry": "kt_workbench.search.entries",
    "IndexFormatError": "kt_workbench.search.serialise",
    "Query": "kt_workbench.search.query",
    "SearchHit": "kt_workbench.search.index",
    "SearchIndex": "kt_workbench.search.index",
    "document_entries": "kt_workbench.search.entries",
    "parse_query": "kt_workbench.search.query",
}


__getattr__ = lazy_getattr(__name__, globals(), _HOMES)


__all__ = [
    "FILTER_KEYS",
    "FORMAT_VERSION",
    "Entry",
    "IndexFormatError",
    "Query",
    "SearchHit",
    "SearchIndex",
    "document_entries",
    "parse_query",
]
