"""Any sequence of item operations on a table, scripts or edge-case section gives a section
text that re-reads to exactly the items the operations made, and that writes back to itself."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kt_workbench.editing import fields_from_document
from kt_workbench.importing import load_files
from kt_workbench.model import GlossaryEntry, Layout, ProcessDocument, SectionNote
from kt_workbench.structured.item_edits import SectionItems, load
from kt_workbench.structured.rows import ITEM_KINDS, clean_block, clean_line
from kt_workbench.structured.sections import read_section, section_items, write_section
from tests.conftest import SAMPLES
from tests.strategies import HOSTILE, block_text, free_text, single_line

FIELDS = tuple(ITEM_KINDS)


def _items(field: str) -> st.SearchStrategy[Any]:
    kind = ITEM_KINDS[field]
    values = [block_text() if f.multiline else single_line() for f in kind.fields]
    return st.builds(lambda *cells: kind.item_type(*cells), *values)


# What a person may type or paste into a field: line breaks, outer spaces, tabs, hostile text.
_TYPED = st.one_of(
    single_line(),
    free_text(),
    st.lists(st.one_of(free_text(), st.sampled_from(HOSTILE)), max_size=4).map("\n".join),
    st.lists(free_text(), max_size=3).map(lambda lines: "\r\n".join(lines) + " \n"),
    st.sampled_from(("", " ", "\n", "a\nb", "  x  ", "\t|\t", "x\\", "\\|", "[b]x[/b]")),
)


@st.composite
def sections(draw: st.DrawFn, field: str) -> str:
    """A section text as the renderer writes it: items, notes before and after, a layout."""
    items = tuple(draw(st.lists(_items(field), max_size=3)))
    attribute = {"edge_cases": "edge_cases", "scripts": "scripts"}.get(field, field)
    notes = []
    for after in (0, 1) if ITEM_KINDS[field].table else (0,):
        if draw(st.booleans()):
            notes.append(SectionNote(field, draw(block_text(allow_empty=False)), after))
    layout = Layout()
    if field == "glossary" and draw(st.booleans()):
        form = draw(st.sampled_from(("**{term}**: ", "**{term}:** ", "**{term}** - ")))
        layout = Layout(glossary_style="bullets", glossary_bullet=form)
    if field == "scripts" and items:
        plain = draw(st.lists(st.integers(0, len(items) - 1), unique=True))
        layout = Layout(plain_scripts=tuple(sorted(plain)))
    document = ProcessDocument(id="x", title="Section", notes=tuple(notes), layout=layout)
    document = dataclasses.replace(document, **{attribute: items})
    return write_section(field, read_section(field, write_section(field, document)))


def _operations(field: str) -> st.SearchStrategy[list[tuple[Any, ...]]]:
    kind = ITEM_KINDS[field]
    index = st.integers(-1, 4)
    operation = st.one_of(
        st.tuples(st.just("insert"), index, st.one_of(st.none(), _items(field))),
        st.tuples(st.just("delete"), index),
        st.tuples(st.just("duplicate"), index),
        st.tuples(st.just("move"), index, st.sampled_from((-1, 1))),
        st.tuples(st.just("set"), index, st.sampled_from([f.key for f in kind.fields]), _TYPED),
    )
    return st.lists(operation, max_size=6)


def _apply(state: SectionItems, expected: list[Any], operation: tuple[Any, ...]) -> SectionItems:
    """The operation on the state, and the same on a plain list of the items it should hold."""
    kind = state.kind
    name, index, *rest = operation
    inside = 0 <= index < len(expected)
    if name == "insert":
        item = rest[0] if rest[0] is not None else kind.blank()
        expected.insert(max(0, min(index, len(expected))), _cleaned(field_of(state), item))
        return state.insert(index, rest[0])
    if name == "delete":
        if inside:
            del expected[index]
        return state.delete(index)
    if name == "duplicate":
        if inside:
            expected.insert(index + 1, expected[index])
        return state.duplicate(index)
    if name == "move":
        target = index + rest[0]
        if inside and 0 <= target < len(expected):
            expected[index], expected[target] = expected[target], expected[index]
        return state.move(index, rest[0])
    key, value = rest
    if inside:
        field = next(f for f in kind.fields if f.key == key)
        new = clean_block(value) if field.multiline else clean_line(value)
        expected[index] = dataclasses.replace(expected[index], **{key: new})
    return state.set_value(index, key, value)


def field_of(state: SectionItems) -> str:
    return state.field


def _cleaned(field: str, item: Any) -> Any:
    kind = ITEM_KINDS[field]
    changes = {
        f.key: (clean_block if f.multiline else clean_line)(getattr(item, f.key))
        for f in kind.fields
    }
    return dataclasses.replace(item, **changes)


@pytest.mark.parametrize("field", FIELDS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_item_operations_round_trip(field: str, data: st.DataObject) -> None:
    text = data.draw(sections(field))
    state = load(field, text)
    expected = list(state.items)
    notes = state.document.notes
    for operation in data.draw(_operations(field)):
        state = _apply(state, expected, operation)
        again = read_section(field, state.text)
        assert list(section_items(again, field)) == expected
        assert write_section(field, again) == state.text
        assert write_section(field, state.document) == state.text
        assert list(state.items) == expected
    kept = [note.text for note in read_section(field, state.text).notes if note.section == field]
    assert "\n\n".join(kept) == "\n\n".join(n.text for n in notes if n.section == field)


def test_glossary_bullets_keep_their_form() -> None:
    state = load("glossary", "- **AHT:** Average handle time\n- **FCR:** First contact")
    state = state.insert(2, GlossaryEntry("CSAT", "Customer satisfaction")).move(2, -1)
    assert state.text == (
        "- **AHT:** Average handle time\n- **CSAT:** Customer satisfaction\n"
        "- **FCR:** First contact"
    )
    state = state.set_value(0, "meaning", "Average\nhandling time").delete(2)
    assert state.text == "- **AHT:** Average handling time\n- **CSAT:** Customer satisfaction"


def test_plain_scripts_keep_their_form_when_moved() -> None:
    text = "### Greeting\n\nHello {name}.\n\n### Closing\n\n> Bye."
    state = load("scripts", text).move(0, 1)
    assert state.text == "### Closing\n\n> Bye.\n\n### Greeting\n\nHello {name}."
    state = state.duplicate(1).insert(0)
    assert state.text.endswith("### Greeting\n\nHello {name}.\n\n### Greeting\n\nHello {name}.")
    assert state.document.layout.plain_scripts == (2, 3)


def test_cells_with_pipes_and_line_breaks() -> None:
    state = load("access_rights", "").insert(0)
    state = state.set_value(0, "system", "Zendesk | Admin \\| x")
    state = state.set_value(0, "approver", "Team lead\n(Sam)\r\nOrtiz ")
    assert state.items[0].system == "Zendesk | Admin \\| x"
    assert state.items[0].approver == "Team lead (Sam) Ortiz"
    assert "| Zendesk \\| Admin \\\\| x |" in state.text
    assert read_section("access_rights", state.text).access_rights == state.items


@pytest.mark.parametrize("field", FIELDS)
def test_operations_on_every_sample_section(field: str) -> None:
    """The shipped samples, as real text: every operation on every item keeps the round trip
    and the notes."""
    edited = 0
    for item in load_files([SAMPLES]):
        text = fields_from_document(item.document)[field]
        if not text:
            continue
        state = load(field, text)
        first = state.kind.fields[0].key
        for index in range(len(state.items)):
            for changed in (
                state.duplicate(index),
                state.move(index, 1),
                state.move(index, -1),
                state.delete(index),
                state.insert(index),
                state.set_value(index, first, "[b]x[/b] | y\nz"),
            ):
                again = read_section(field, changed.text)
                assert section_items(again, field) == changed.items
                assert write_section(field, again) == changed.text
                assert again.notes == state.document.notes
                edited += 1
    assert edited > 0
