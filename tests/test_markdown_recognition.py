"""Structure in the shapes real handbooks write it: one test per pattern."""

from __future__ import annotations

import pytest

from kt_workbench.markdown import parse_document, render_document


def _round_trips(text: str) -> None:
    document = parse_document(text)
    exported = render_document(document)
    assert parse_document(exported) == document


def test_step_headings_are_steps_with_their_bodies_as_details() -> None:
    text = (
        "# T\n\n## Workflow\n\nBefore anything, log in.\n\n### Step 1: Find the user\n\n"
        "```sh\nfind-user\n```\n\n### Step 2: Reset\n\n- Role: Agent\n\nThen tell them.\n"
    )
    document = parse_document(text)
    assert [(s.text, s.role) for s in document.steps] == [("Find the user", ""), ("Reset", "Agent")]
    assert document.steps[0].details == "```sh\nfind-user\n```"
    assert document.layout.step_style == "headings"
    assert render_document(document).endswith(text.split("## Workflow\n\n", 1)[1])
    _round_trips(text)


def test_step_headings_out_of_sequence_stay_text() -> None:
    text = "# T\n\n## Procedure\n\n### Step 1: A\n\n### Step 3b: B\n"
    document = parse_document(text)
    assert document.steps == ()
    assert "### Step 3b: B" in render_document(document)


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("Steps for support engineers", "procedure"),
        ("Workflows", "procedure"),
        ("Potential resolution steps", "procedure"),
        ("Overview {#overview}", "purpose"),
        ("概要", "purpose"),
        ("ワークフロー", "procedure"),
        ("例外", "edge_cases"),
        ("Étapes", "procedure"),
        ("Ablauf", "procedure"),
        ("Pasos", "procedure"),
        ("Glossaire", "glossary"),
    ],
)
def test_heading_synonyms_ids_and_languages(heading: str, section: str) -> None:
    text = f"# T\n\n## {heading}\n\n1. One.\n\n| Term | Meaning |\n| --- | --- |\n| A | B |\n"
    document = parse_document(text)
    assert section in document.filled_sections()
    assert document.extra_sections == ()


def test_a_glossary_of_bold_terms_is_read_and_written_as_bullets() -> None:
    text = "# T\n\n## Glossary\n\n- **2FA**: Two-factor authentication\n- **SSO:** Single sign-on\n"
    document = parse_document(text)
    assert [(g.term, g.meaning) for g in document.glossary] == [
        ("2FA", "Two-factor authentication"),
        ("SSO", "Single sign-on"),
    ]
    assert "- **2FA**: Two-factor authentication\n- **SSO**: Single sign-on" in render_document(
        document
    )
    _round_trips(text)


def test_a_glossary_with_the_colon_in_bold_keeps_it_there() -> None:
    text = "# T\n\n## Glossary\n\n- **2FA:** Two-factor\n\n- **SSO:** Single sign-on\n"
    document = parse_document(text)
    assert document.layout.glossary_bullet == "**{term}:** "
    assert "- **2FA:** Two-factor\n- **SSO:** Single sign-on" in render_document(document)
    _round_trips(text)


def test_a_bullet_list_that_is_not_all_terms_stays_text() -> None:
    text = "# T\n\n## Glossary\n\n- **2FA**: Two-factor\n- see the wiki\n"
    document = parse_document(text)
    assert document.glossary == ()
    assert document.note("glossary") == "- **2FA**: Two-factor\n- see the wiki"
