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


def _fields_of(process_id: str):  # type: ignore[no-untyped-def]
    document = next(i.document for i in load_files([SAMPLES]) if i.document.id == process_id)
    return fields_from_document(document)


@pytest.mark.parametrize(
    ("section", "location", "message", "field", "starts"),
    [
        ("procedure", "step 2", "", "procedure", "2. "),
        ("access_rights", "access row 1", "", "access_rights", "| "),
        ("edge_cases", "edge case: Duplicate", "", "edge_cases", "### "),
        ("decision_tree", "tree [same-order]", "", "decision_tree", "- [same-order]"),
        ("overview", "front matter", "no owner is named", "owner", None),
        ("overview", "title", "", "title", None),
        ("procedure", "step 1", 'vague wording "zzz-not-there"', "procedure", "1. "),
    ],
)
def test_locate_points_at_the_item(
    section: str, location: str, message: str, field: str, starts: str | None
) -> None:
    from kt_workbench.editing import locate

    fields = _fields_of("refund-duplicate-charge")
    found, line = locate(fields, section, location, message)
    assert found == field
    if starts is None:
        assert line is None
    else:
        assert line is not None
        text = fields[field].split("\n")[line]
        assert text.lstrip().startswith(starts)


def test_field_problems_mark_values_without_refusing_the_process() -> None:
    import datetime as dt

    from kt_workbench.editing import checkable_fields, field_problems

    fields = empty_fields() | {
        "title": "T",
        "volume_per_month": "lots",
        "last_reviewed": "2030-01-01",
        "purpose": "Why.\n\n## Heading typed here\n\nMore.",
        "procedure": "1. Step\n\n```\n## not a heading in a fence\n```",
    }
    problems = field_problems(fields, dt.date(2026, 11, 23))
    assert set(problems) == {"volume_per_month", "last_reviewed", "purpose"}
    assert "future" in problems["last_reviewed"]
    assert "line 3" in problems["purpose"]
    document = document_from_fields(checkable_fields(fields, problems))
    assert "## Heading typed here" in document.purpose
    assert document.volume_per_month is None
