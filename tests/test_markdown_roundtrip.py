"""Round-trip properties of the markdown format over generated documents and hostile files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import block_text, decision_trees, documents, markdown_texts

from kt_workbench.errors import InputError
from kt_workbench.markdown import parse_document, render_document
from kt_workbench.model import DecisionTree, ProcessDocument, SectionNote

# A quick run by default; set KTW_HYPOTHESIS_EXAMPLES=2000 (and vary --hypothesis-seed) for a
# thorough local search.
EXAMPLES = int(os.environ.get("KTW_HYPOTHESIS_EXAMPLES", "200"))
_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large]
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=_HEALTH)
# A whole document costs about ten times a tree or a file to draw: half as many keep the file
# quick while every section still meets a few hundred hostile values per run.
WHOLE_DOCUMENTS = settings(
    max_examples=max(EXAMPLES // 2, 1), deadline=None, suppress_health_check=_HEALTH
)


@WHOLE_DOCUMENTS
@given(documents())
def test_export_then_import_gives_the_document_and_the_same_bytes(
    document: ProcessDocument,
) -> None:
    exported = render_document(document)
    imported = parse_document(exported, "export.md")
    assert imported == document
    assert render_document(imported) == exported


@PROPERTY
@given(decision_trees(), block_text(allow_empty=False))
def test_export_without_the_drawing_reads_back_the_same(tree: DecisionTree, note: str) -> None:
    document = ProcessDocument(
        id="p", title="T", decision_tree=tree, notes=(SectionNote("decision_tree", note),)
    )
    assert parse_document(render_document(document, diagram=False)) == document


@PROPERTY
@given(markdown_texts())
def test_any_file_reads_to_a_fixpoint_or_fails_cleanly(text: str) -> None:
    try:
        document = parse_document(text, "hand.md")
    except InputError as error:
        assert str(error).startswith("hand.md")
        return
    exported = render_document(document)
    again = parse_document(exported, "export.md")
    assert again == document
    assert render_document(again) == exported


SAMPLES = sorted((Path(__file__).resolve().parent.parent / "sample_processes").glob("*.md"))


@pytest.mark.parametrize("path", SAMPLES, ids=[path.stem for path in SAMPLES])
def test_every_sample_process_round_trips(path: Path) -> None:
    document = parse_document(path.read_text("utf-8"), str(path))
    exported = render_document(document)
    assert parse_document(exported) == document
    assert render_document(parse_document(exported)) == exported
