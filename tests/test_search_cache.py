"""The index as bytes: a loaded copy answers exactly as the original and keeps following saves."""

from __future__ import annotations

import dataclasses
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kt_workbench.model import ProcessDocument
from kt_workbench.search import FORMAT_VERSION, IndexFormatError, SearchIndex
from tests.test_search_index import phrases, queries, small_documents


@settings(max_examples=60, deadline=None)
@given(
    st.lists(small_documents, min_size=1, max_size=6, unique_by=lambda doc: doc.id),
    st.data(),
)
def test_a_loaded_index_answers_and_updates_like_the_original(
    docs: list[ProcessDocument], data: st.DataObject
) -> None:
    original = SearchIndex.from_documents(docs)
    original.remove(docs[-1].id)  # a free slot and dead entries survive the round trip
    loaded = SearchIndex.loads(original.dumps())
    assert len(loaded) == len(original)
    for query in data.draw(st.lists(queries, min_size=1, max_size=4)):
        assert loaded.search(query, limit=50) == original.search(query, limit=50)
    edited = dataclasses.replace(docs[0], title=data.draw(phrases))
    for index in (original, loaded):
        index.update(edited)
        index.update(docs[-1])
    for query in data.draw(st.lists(queries, min_size=1, max_size=4)):
        assert loaded.search(query, limit=50) == original.search(query, limit=50)


def test_the_format_is_versioned_and_anything_unreadable_is_refused() -> None:
    data = SearchIndex.from_documents([ProcessDocument(id="p", title="Refund")]).dumps()
    assert SearchIndex.FORMAT_VERSION == FORMAT_VERSION
    assert data[:8] == b"KTWSRCH\x00"
    assert struct.unpack_from("<H", data, 8)[0] == FORMAT_VERSION
    newer = data[:8] + struct.pack("<H", FORMAT_VERSION + 1) + data[10:]
    for bad in (b"", b"not an index", newer, data[: len(data) // 2], data[:12] + b"\x00" * 40):
        with pytest.raises(IndexFormatError):
            SearchIndex.loads(bad)
    assert [hit.id for hit in SearchIndex.loads(data).search("refund")] == ["p"]
