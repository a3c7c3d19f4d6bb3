"""Fuzzy search over the process library: typo-tolerant, fast, and explainable.

Build a ``SearchIndex`` from documents, keep it current with ``attach(store)`` (or
``update``/``remove``), and ask it ``search("refnud dupl team:billing")``. Each hit names the
process, the section and place in it, a snippet and the spans to highlight.
"""

from kt_workbench.search.entries import Entry, document_entries
from kt_workbench.search.index import SearchHit, SearchIndex
from kt_workbench.search.query import FILTER_KEYS, Query, parse_query
from kt_workbench.search.serialise import FORMAT_VERSION, IndexFormatError

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
