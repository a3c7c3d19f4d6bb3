"""The editor's fields: a document split into form inputs and section texts, and back."""

from __future__ import annotations

import pytest

from kt_workbench.editing import document_from_fields, empty_fields, fields_from_document
from kt_workbench.errors import InputError
from kt_workbench.importing import load_files
from tests.conftest import SAMPLES


@pytest.mark.parametrize("item", load_files([SAMPLES]), ids=lambda item: item.path.stem)
def test_every_sample_survives_the_editor(item) -> None:  # type: ignore[no-untyped-def]
    fields = fields_from_document(item.document)
    assert fields["title"] == item.document.title
    assert document_from_fields(fields) == item.document


def test_sections_land_in_their_own_fields() -> None:
    refund = next(
        i.document for i in load_files([SAMPLES]) if i.document.id == "refund-duplicate-charge"
    )
    fields = fields_from_document(refund)
    assert fields["procedure"].startswith("1. ")
    assert fields["access_rights"].startswith("| System | Role |")
    assert fields["other"].startswith("## History")


@pytest.mark.parametrize(
    ("key", "value", "label"),
    [
        ("volume_per_month", "lots", "Volume per month"),
        ("review_every_days", "-3", "Review every"),
        ("last_reviewed", "14/09/2026", "Last reviewed"),
        ("extra_front_matter", "just words", "Extra fields"),
    ],
)
def test_bad_form_values_name_the_field(key: str, value: str, label: str) -> None:
    fields = empty_fields()
    fields.update(title="Reset a password", **{key: value})
    with pytest.raises(InputError) as raised:
        document_from_fields(fields)
    assert str(raised.value).startswith(f"{label}: ")


def test_a_new_process_gets_an_id_from_its_title() -> None:
    fields = empty_fields()
    fields.update(title="Reset a customer password", procedure="1. Verify the customer")
    document = document_from_fields(fields)
    assert document.id == "reset-a-customer-password"
    assert document.steps[0].text == "Verify the customer"
