"""The index cache queried in place answers exactly as the index in memory: same hits, same
order, same scores, snippets and spans, for typos, prefixes, partial matches, phrases,
filters and unspaced scripts."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generator import generate_library
from kt_workbench.model import EdgeCase, ProcessDocument, Step
from kt_workbench.search import IndexFormatError, SearchIndex
from kt_workbench.search.disk_index import DiskIndex
from kt_workbench.search.serialise import image_of

WORDS = [
    "refund",
    "refunds",
    "duplicate",
    "charge",
    "chargeback",
    "customer",
    "account",
    "locked",
    "escalate",
    "escalation",
    "billing",
    "invoice",
    "Sørensen",
    "Yılmaz",
    "café",
    "naïve",
    "Москва",
    "возврат",
    "詳細検索",
    "エスカレーション",
    "顧客アカウントの削除",
    "秘密鍵",
    "the",
    "a",
    "to",
]
phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
documents = st.builds(
    ProcessDocument,
    id=st.sampled_from([f"p{i}" for i in range(10)]),
    title=phrases,
    team=st.sampled_from(["", "Billing support", "Trust & Safety"]),
    owner=st.sampled_from(["", "Zoë Sørensen", "Priya"]),
    status=st.sampled_from(["draft", "in-review", "approved"]),
    purpose=phrases,
    steps=st.lists(st.builds(Step, phrases, system=phrases), max_size=4).map(tuple),
    edge_cases=st.lists(st.builds(EdgeCase, phrases, handle=phrases), max_size=2).map(tuple),
)


@st.composite
def typed(draw: st.DrawFn) -> str:
    """A word as a person types it: whole, cut short, or with one or two typos."""
    word = draw(st.sampled_from(WORDS))
    for _ in range(draw(st.integers(0, 2))):
        if len(word) < 2:
            break
        at = draw(st.integers(0, len(word) - 1))
        kind = draw(st.sampled_from(["swap", "drop", "replace", "insert", "cut"]))
        letter = draw(st.sampled_from("aeiouxzкл詳ン"))
        if kind == "swap" and at + 1 < len(word):
            word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
        elif kind == "drop":
            word = word[:at] + word[at + 1 :]
        elif kind == "replace":
            word = word[:at] + letter + word[at + 1 :]
        elif kind == "insert":
            word = word[:at] + letter + word[at:]
        else:
            word = word[: max(1, at)]
    return word


@st.composite
def queries(draw: st.DrawFn) -> str:
    parts = draw(st.lists(typed(), min_size=1, max_size=3))
    if draw(st.booleans()) and len(parts) > 1:
        parts = [f'"{parts[0]} {parts[1]}"', *parts[2:]]
    extra = draw(
        st.sampled_from(
            [
                "",
                "section:procedure",
                "status:draft",
                "team:billing",
                "owner:zoe",
                "section:edge_cases",
            ]
        )
    )
    return " ".join([*parts, extra]).strip()


def on_disk(index: SearchIndex, folder: Path) -> DiskIndex:
    path = folder / "index.sqlite"
    path.write_bytes(image_of(index.dumps()))
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    return DiskIndex(connection)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(documents, min_size=1, max_size=8, unique_by=lambda doc: doc.id),
    st.lists(queries(), min_size=1, max_size=6),
    st.booleans(),
)
def test_the_file_answers_as_the_memory_does(
    tmp_path: Path, docs: list[ProcessDocument], asked: list[str], remove_one: bool
) -> None:
    index = SearchIndex.from_documents(docs)
    if remove_one and len(docs) > 1:
        index.remove(docs[0].id)  # a free slot and dead entry numbers
    disk = on_disk(index, tmp_path)
    readiness = {doc.id: ("ready" if i % 2 else "not-ready") for i, doc in enumerate(docs)}
    for query in [*asked, *(f"{q} readiness:ready" for q in asked[:1])]:
        for limit, per_process in ((20, 3), (3, 1)):
            expected = index.search(
                query, limit=limit, readiness=readiness, per_process=per_process
            )
            found = disk.search(query, limit=limit, readiness=readiness, per_process=per_process)
            assert found == expected, query
    assert len(disk) == len(index)


@pytest.fixture(scope="module")
def generated() -> list[ProcessDocument]:
    return generate_library(150, seed=5, tail_words=3_000)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_a_generated_library_answers_alike(
    tmp_path_factory: pytest.TempPathFactory, generated: list[ProcessDocument], data: st.DataObject
) -> None:
    index = SearchIndex.from_documents(generated)
    disk = on_disk(index, tmp_path_factory.mktemp("disk"))
    texts = [doc.title for doc in generated] + [s.text for doc in generated for s in doc.steps]
    for _ in range(5):
        text = data.draw(st.sampled_from(texts))
        words = text.split()
        start = data.draw(st.integers(0, max(0, len(words) - 1)))
        query = " ".join(words[start : start + data.draw(st.integers(1, 3))])
        if data.draw(st.booleans()) and len(query) > 4:  # a typo
            at = data.draw(st.integers(1, len(query) - 2))
            query = query[:at] + query[at + 1] + query[at] + query[at + 2 :]
        for limit in (5, 50):
            assert disk.search(query, limit=limit) == index.search(query, limit=limit), query


def test_the_whole_file_read_back_equals_the_memory(tmp_path: Path) -> None:
    docs = generate_library(40, seed=3, tail_words=500)
    index = SearchIndex.from_documents(docs)
    disk = on_disk(index, tmp_path)
    loaded = disk.to_memory()
    for query in ("refnud dupl", "acount locked", "co", "zenvin", "status:draft"):
        assert loaded.search(query) == index.search(query) == disk.search(query)


def test_a_damaged_row_is_refused_not_believed(tmp_path: Path) -> None:
    docs = [ProcessDocument(id="p", title="Refund a duplicate charge")]
    path = tmp_path / "index.sqlite"
    path.write_bytes(image_of(SearchIndex.from_documents(docs).dumps()))
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("UPDATE posting SET numbers = x'07000000'")
    with closing(sqlite3.connect(path)) as connection, pytest.raises(IndexFormatError):
        DiskIndex(connection).search("refund")
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("UPDATE meta SET value = 'x' WHERE key = 'ids'")
    with closing(sqlite3.connect(path)) as connection, pytest.raises(IndexFormatError):
        DiskIndex(connection)
