"""The credential corpus: every real-format fake is caught wherever it sits in a document
(front matter, a step, a table cell, a code block, a decision-tree node, notes), after the
document went through the markdown format; placeholders stay silent; our own documents
hold no error."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kt_workbench.checker import check_process
from kt_workbench.checker.secret_formats import go_to_python
from kt_workbench.checker.secrets import find_secrets, mask_secrets
from kt_workbench.markdown import parse_document, render_document
from kt_workbench.model import ExtraSection, ProcessDocument, SectionNote
from tests.checker_credentials import CREDENTIALS, PLACEHOLDERS
from tests.test_checker_support import TODAY, complete_document, complete_tree, outcome

SECRET_CODES = {"KT001", "KT002", "KT003", "KT004", "KT005", "KT006", "KT007"}
ROOT = Path(__file__).resolve().parent.parent


def _front_matter(value: str) -> ProcessDocument:
    return complete_document(extra_front_matter=f"vpn_note: {value!r}")


def _step(value: str) -> ProcessDocument:
    doc = complete_document()
    steps = list(doc.steps)
    steps[1] = replace(steps[1], details=f"Sign in first. {value}")
    return replace(doc, steps=tuple(steps))


def _table_cell(value: str) -> ProcessDocument:
    doc = complete_document()
    first = replace(doc.access_rights[0], how_to_request=f"Okta request; until then {value}")
    return replace(doc, access_rights=(first, *doc.access_rights[1:]))


def _code_block(value: str) -> ProcessDocument:
    return complete_document(extra_sections=(ExtraSection("Configuration", f"```\n{value}\n```"),))


def _tree_node(value: str) -> ProcessDocument:
    tree = complete_tree()
    first = tree.items[0]
    branch = replace(first.branches[0], node=outcome(f"Use the bank portal with {value}", "bank"))
    items = (replace(first, branches=(branch, *first.branches[1:])), *tree.items[1:])
    return complete_document(decision_tree=replace(tree, items=items))


def _notes(value: str) -> ProcessDocument:
    return complete_document(notes=(SectionNote("procedure", f"Shared login:\n\n{value}"),))


PLACEMENTS: dict[str, Callable[[str], ProcessDocument]] = {
    "front matter": _front_matter,
    "step": _step,
    "table cell": _table_cell,
    "code block": _code_block,
    "tree node": _tree_node,
    "notes": _notes,
}
MULTILINE_PLACEMENTS = ("code block", "notes")


def _cases() -> list[tuple[str, str]]:
    return [
        (kind, place)
        for kind, value in CREDENTIALS.items()
        for place in PLACEMENTS
        if "\n" not in value or place in MULTILINE_PLACEMENTS
    ]


def _through_markdown(doc: ProcessDocument) -> ProcessDocument:
    return parse_document(render_document(doc), "corpus.md")


@pytest.mark.parametrize(("kind", "place"), _cases())
def test_every_credential_is_caught_in_every_placement(kind: str, place: str) -> None:
    value = CREDENTIALS[kind]
    doc = _through_markdown(PLACEMENTS[place](value))
    report = check_process(doc, today=TODAY)
    found = [f for f in report.findings if f.rule in SECRET_CODES]
    assert found, f"{kind} not caught in {place}"
    assert report.readiness == "not-ready" or report.error_count >= 1
    published = str(report.to_json_dict())
    for line in value.splitlines():
        secret_part = line.split(":", 1)[-1].strip()[-12:]
        assert secret_part not in published


def test_the_corpus_covers_every_placement_and_enough_kinds() -> None:
    assert len(CREDENTIALS) >= 39
    assert len(_cases()) >= 200


@pytest.mark.parametrize("text", PLACEHOLDERS)
def test_placeholders_and_examples_are_not_credentials(text: str) -> None:
    assert find_secrets(text) == []
    report = check_process(_through_markdown(_step(text)), today=TODAY)
    assert not SECRET_CODES & {f.rule for f in report.findings}


@pytest.mark.parametrize("kind", sorted(CREDENTIALS))
def test_masking_hides_every_credential(kind: str) -> None:
    value = CREDENTIALS[kind]
    masked = mask_secrets(f"before {value} after")
    assert "[hidden]" in masked
    assert masked.startswith("before ") and masked.endswith(" after")


# Planted on purpose (docs/samples.md): a Stripe live key and a mailbox password.
PLANTED = {"lost-stolen-card": ["KT004", "KT006"]}


def test_our_docs_hold_no_credential() -> None:
    files = sorted((ROOT / "docs").rglob("*.md"))
    assert files
    for path in files:
        hits = find_secrets(path.read_text(encoding="utf-8"))
        assert hits == [], f"{path}: {hits}"


def test_the_sample_processes_hold_only_the_planted_credentials() -> None:
    found = {}
    for path in sorted((ROOT / "sample_processes").glob("*.md")):
        report = check_process(parse_document(path.read_text(encoding="utf-8"), str(path)))
        secrets = [f.rule for f in report.findings if f.rule in SECRET_CODES]
        if secrets:
            found[path.stem] = secrets
    assert found == PLANTED


@pytest.mark.parametrize(
    ("go", "python"),
    [
        (r"\b(SG\.(?i)[a-z0-9]{4})(?:x|\z)", r"\b(SG\.(?i:[a-z0-9]{4}))(?:x|\Z)"),
        (r"(?i)abc", r"(?i)abc"),
        (r"a(b(?i)c)d", r"a(b(?i:c))d"),
        (r"[a[b]", r"[a\[b]"),
        (r"pat[[:alnum:]]{14}", r"pat[a-zA-Z0-9]{14}"),
        (r"[]a]", r"[\]a]"),
    ],
)
def test_go_patterns_are_translated(go: str, python: str) -> None:
    assert go_to_python(go) == python


@given(st.text(max_size=400))
@settings(max_examples=150, deadline=None)
def test_the_detector_never_fails_and_its_spans_are_sound(text: str) -> None:
    hits = find_secrets(text)
    assert all(0 <= hit.start < hit.end <= len(text) for hit in hits)
    assert all(a.end <= b.start for a, b in pairwise(hits))
    masked = mask_secrets(text)
    assert find_secrets(masked) == [] or masked.count("[hidden]") >= len(hits)


@given(
    st.sampled_from(sorted(CREDENTIALS)),
    st.text(alphabet=st.characters(codec="ascii", exclude_characters="\x00"), max_size=40),
    st.sampled_from(
        [(" ", " "), ("\n", "\n"), (". ", ". "), (", ", ","), (" (", ")"), (" `", "`")]
    ),
)
@settings(max_examples=150, deadline=None)
def test_a_credential_is_found_whatever_prose_surrounds_it(
    kind: str, prose: str, around: tuple[str, str]
) -> None:
    value = CREDENTIALS[kind]
    text = f"{prose}{around[0]}{value}{around[1]} and more."
    masked = mask_secrets(text)
    secrets = [value[hit.start : hit.end] for hit in find_secrets(value)]
    assert secrets
    for secret in secrets:
        assert secret not in masked, (kind, text)
