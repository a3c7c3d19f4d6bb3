"""Round-trip properties of the markdown format over generated documents and hostile files."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from strategies import documents, markdown_texts

from kt_workbench.errors import InputError
from kt_workbench.markdown import parse_document, render_document
from kt_workbench.model import ProcessDocument

# A quick run by default; set KTW_HYPOTHESIS_EXAMPLES=2000 for a thorough local search.
EXAMPLES = int(os.environ.get("KTW_HYPOTHESIS_EXAMPLES", "200"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@PROPERTY
@given(documents())
def test_import_of_export_is_the_same_document(document: ProcessDocument) -> None:
    assert parse_document(render_document(document)) == document


@PROPERTY
@given(documents())
def test_import_ignores_the_generated_diagram(document: ProcessDocument) -> None:
    assert parse_document(render_document(document, diagram=False)) == document


@PROPERTY
@given(documents())
def test_export_import_export_is_byte_identical(document: ProcessDocument) -> None:
    exported = render_document(document)
    assert render_document(parse_document(exported)) == exported


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
