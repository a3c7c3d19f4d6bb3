"""Any document survives the store exactly, and the decision-tree codec is exact and strict."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kt_workbench.errors import StoreError
from kt_workbench.model import (
    STATUSES,
    AccessRight,
    Branch,
    Contact,
    DecisionTree,
    EdgeCase,
    ExtraSection,
    GlossaryEntry,
    Metric,
    Node,
    NodeKind,
    ProcessDocument,
    Script,
    SectionNote,
    Step,
)
from kt_workbench.model.identifiers import ID_PATTERN
from kt_workbench.store import ProcessStore
from kt_workbench.store.tree_codec import TreeCodecError, decode_tree, encode_tree
from tests.postgres_server import postgres_server, postgres_url, raw_query, store_target  # noqa: F401

# Any unicode the store keeps (control characters, RTL marks, emoji, line breaks) and empty
# strings; NUL is the one character refused (see test_nul_is_refused_wherever_it_hides).
texts = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=12)
keys = st.sampled_from(["", "start", "pending", "refund"]) | texts
int64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)


def _node(branches: st.SearchStrategy[tuple[Branch, ...]]) -> st.SearchStrategy[Node]:
    return st.builds(Node, kind=st.sampled_from(NodeKind), text=texts, key=keys, branches=branches)


def _with_children(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    branch = st.builds(
        Branch,
        answer=texts,
        node=st.none() | children,
        goto=st.none() | keys,  # gotos to defined keys, dangling ones, and empty ones
    )
    return _node(st.lists(branch, max_size=3).map(tuple))


nodes = st.recursive(_node(st.just(())), _with_children, max_leaves=10)
trees = st.lists(nodes, max_size=3).map(lambda items: DecisionTree(tuple(items)))


def _many(strategy: st.SearchStrategy) -> st.SearchStrategy[tuple]:
    return st.lists(strategy, max_size=3).map(tuple)


documents = st.builds(
    ProcessDocument,
    id=st.from_regex(ID_PATTERN, fullmatch=True),  # the store refuses other ids
    title=texts,
    owner=texts,
    team=texts,
    status=st.sampled_from(STATUSES),
    channels=_many(texts),
    volume_per_month=st.none() | int64,
    last_reviewed=st.none() | st.dates(),
    review_every_days=st.none() | int64,
    tags=_many(texts),
    extra_front_matter=texts,
    purpose=texts,
    scope=texts,
    steps=_many(st.builds(Step, texts, texts, texts, texts, texts)),
    scripts=_many(st.builds(Script, texts, texts)),
    decision_tree=trees,
    access_rights=_many(st.builds(AccessRight, texts, texts, texts, texts, texts)),
    edge_cases=_many(st.builds(EdgeCase, texts, texts, texts, texts, texts)),
    metrics=_many(st.builds(Metric, texts, texts, texts, texts, texts)),
    contacts=_many(st.builds(Contact, texts, texts, texts, texts)),
    glossary=_many(st.builds(GlossaryEntry, texts, texts)),
    notes=_many(st.builds(SectionNote, texts, texts)),
    extra_sections=_many(st.builds(ExtraSection, texts, texts)),
)


def round_trip(target: str) -> settings:
    # Each example is several transactions; over TCP to PostgreSQL fewer keep the file quick.
    examples = 15 if "://" in target else 25
    return settings(
        max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )


def test_any_document_round_trips_and_replaces_exactly(store_target: str) -> None:  # noqa: F811
    with ProcessStore.open(store_target) as store:

        @round_trip(store_target)
        @given(documents, documents)
        def check(first: ProcessDocument, second: ProcessDocument) -> None:
            store.save(first)
            assert store.get(first.id) == first
            replacement = ProcessDocument(**{**vars(second), "id": first.id})
            store.save(replacement)
            assert store.get(first.id) == replacement
            assert store.documents() == [replacement]
            assert store.delete(first.id)

        check()


def test_batches_of_documents_round_trip(store_target: str) -> None:  # noqa: F811
    with ProcessStore.open(store_target) as store:

        @round_trip(store_target)
        @given(st.lists(documents, max_size=5, unique_by=lambda document: document.id))
        def check(batch: list[ProcessDocument]) -> None:
            store.save_many(batch)
            assert store.documents() == sorted(batch, key=lambda document: document.id)
            assert store.ids() == sorted(document.id for document in batch)
            for document in batch:
                store.delete(document.id)

        check()


@settings(max_examples=150, deadline=None)
@given(trees)
def test_the_tree_codec_is_exact(tree: DecisionTree) -> None:
    decoded = decode_tree(encode_tree(tree))
    assert decoded == tree
    assert all(visited.node.kind in NodeKind for visited in decoded.walk())
    assert [type(v.node.kind) for v in decoded.walk()] == [NodeKind] * len(list(tree.walk()))


def test_the_tree_codec_keeps_goto_empty_apart_from_no_goto() -> None:
    node = Node(NodeKind.QUESTION, "q", branches=(Branch("a", goto=""), Branch("b")))
    decoded = decode_tree(encode_tree(DecisionTree((node,))))
    assert [branch.goto for branch in decoded.items[0].branches] == ["", None]


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "not json",
        "[]",
        '{"items": []}',
        '{"format": 2, "items": []}',
        '{"format": 1, "items": {}}',
        '{"format": 1, "items": [{"kind": "maybe", "text": "", "key": "", "branches": []}]}',
        '{"format": 1, "items": [{"kind": "outcome", "text": 3, "key": "", "branches": []}]}',
        '{"format": 1, "items": [{"kind": "outcome", "text": "", "key": ""}]}',
        '{"format": 1, "items": [{"kind": "question", "text": "", "key": "", '
        '"branches": [{"answer": "a", "node": null, "goto": 7}]}]}',
        '{"format": 1, "items": [{"kind": "question", "text": "", "key": "", "branches": ["a"]}]}',
    ],
)
def test_the_tree_codec_rejects_what_it_did_not_write(stored: str) -> None:
    with pytest.raises(TreeCodecError):
        decode_tree(stored)


def test_a_corrupt_stored_row_is_a_store_error(store_target: str) -> None:  # noqa: F811
    with ProcessStore.open(store_target) as store:
        store.save(ProcessDocument(id="a", title="A"))
        raw_query(store_target)("UPDATE process SET decision_tree = 'oops', tags = '[1]'")
        with pytest.raises(StoreError, match="'a'") as raised:
            store.get("a")
        assert "\n" not in str(raised.value)


HIDING_PLACES = {
    "extra_front_matter": lambda doc: dataclasses.replace(doc, extra_front_matter="x: \x00"),
    "steps[2].details": lambda doc: dataclasses.replace(
        doc, steps=(Step("one"), Step("two", details="\x00"))
    ),
    "decision_tree.items[1].branches[1].node.text": lambda doc: dataclasses.replace(
        doc,
        decision_tree=DecisionTree(
            (
                Node(
                    NodeKind.QUESTION,
                    "q?",
                    branches=(Branch("yes", Node(NodeKind.OUTCOME, "\x00")),),
                ),
            )
        ),
    ),
    "decision_tree.items[1].key": lambda doc: dataclasses.replace(
        doc, decision_tree=DecisionTree((Node(NodeKind.QUESTION, "q?", key="k\x00"),))
    ),
}


@pytest.mark.parametrize("field", list(HIDING_PLACES))
def test_nul_is_refused_wherever_it_hides(store_target: str, field: str) -> None:  # noqa: F811
    clean = ProcessDocument(id="clean", title="Clean")
    with ProcessStore.open(store_target) as store:
        store.save(clean)
        with pytest.raises(StoreError, match=r"NUL character") as raised:
            store.save_many([clean, HIDING_PLACES[field](ProcessDocument(id="a", title="A"))])
        assert f" {field} contains" in str(raised.value)
        assert "\n" not in str(raised.value)
        assert store.summaries()[0].version == 1  # the whole batch was refused
        assert store.ids() == ["clean"]


def test_lone_surrogates_are_refused(store_target: str) -> None:  # noqa: F811
    with ProcessStore.open(store_target) as store:
        with pytest.raises(StoreError, match=r"purpose contains a lone surrogate"):
            store.save(ProcessDocument(id="a", title="A", purpose="broken \ud800 text"))
        assert store.ids() == []
