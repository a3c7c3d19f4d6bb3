"""Glossaries written as ``### Term`` headings, the meaning as the paragraph below each."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kt_workbench.markdown import parse_document, render_document
from kt_workbench.model import GlossaryEntry

_TEXT = (
    "# T\n\n## Glossary\n\nTerms used in tickets.\n\n### 2FA\n\nTwo-factor authentication,\n"
    "asked after the password.\n\n### CMOC\n\nCommunications manager on call.\n\n### SLA\n\n"
    "Service level agreement.\n\nSee also the wiki.\n"
)


def test_term_headings_are_glossary_entries_and_keep_their_layout() -> None:
    document = parse_document(_TEXT)
    assert [(g.term, g.meaning) for g in document.glossary] == [
        ("2FA", "Two-factor authentication, asked after the password."),
        ("CMOC", "Communications manager on call."),
        ("SLA", "Service level agreement."),
    ]
    assert document.layout.glossary_style == "headings"
    assert document.note("glossary") == "Terms used in tickets.\n\nSee also the wiki."
    exported = render_document(document)
    # Written back as headings, the text before and after them where it stood.
    assert exported.endswith(
        "## Glossary\n\nTerms used in tickets.\n\n### 2FA\n\nTwo-factor authentication, asked "
        "after the password.\n\n### CMOC\n\nCommunications manager on call.\n\n### SLA\n\n"
        "Service level agreement.\n\nSee also the wiki.\n"
    )
    assert parse_document(exported) == document
    assert render_document(parse_document(exported)) == exported


def test_a_term_with_no_meaning_yet_is_an_entry() -> None:
    document = parse_document("# T\n\n## Glossary\n\n### 2FA\n\n### SSO\n\nSingle sign-on\n")
    assert [(g.term, g.meaning) for g in document.glossary] == [
        ("2FA", ""),
        ("SSO", "Single sign-on"),
    ]


def test_headings_that_hold_more_than_a_meaning_stay_text() -> None:
    # Categories with lists under them are not terms: nothing is taken from the section.
    text = "# T\n\n## Glossary\n\n### Billing\n\n- Refund\n- Chargeback\n\n### Access\n\nSSO\n"
    document = parse_document(text)
    assert document.glossary == ()
    assert document.layout.glossary_style == "table"
    assert render_document(document).endswith(text.split("## Glossary\n\n", 1)[1])


def test_two_paragraphs_under_a_term_that_is_not_the_last_stay_text() -> None:
    text = "# T\n\n## Glossary\n\n### A\n\nOne.\n\nTwo.\n\n### B\n\nThree.\n"
    assert parse_document(text).glossary == ()


def test_a_table_glossary_wins_over_headings() -> None:
    text = (
        "# T\n\n## Glossary\n\n| Term | Meaning |\n| --- | --- |\n| 2FA | Two-factor |\n\n"
        "### Old terms\n\nSee the archive.\n"
    )
    document = parse_document(text)
    assert document.glossary == (GlossaryEntry("2FA", "Two-factor"),)
    assert document.layout.glossary_style == "table"


def test_a_meaning_that_would_not_read_back_as_one_paragraph_is_written_as_a_table() -> None:
    document = parse_document(_TEXT)
    odd = (GlossaryEntry("2FA", "- a list, not a paragraph"), *document.glossary[1:])
    changed = document.__class__(**{**document.__dict__, "glossary": odd})
    exported = render_document(changed)
    assert "| 2FA | - a list, not a paragraph |" in exported
    assert parse_document(exported).glossary == odd


def test_text_after_a_last_term_without_meaning_forces_a_table() -> None:
    document = parse_document(_TEXT)
    odd = (*document.glossary[:-1], GlossaryEntry("SLA", ""))
    changed = document.__class__(**{**document.__dict__, "glossary": odd})
    again = parse_document(render_document(changed))
    assert again.glossary == odd
    assert again.note("glossary") == document.note("glossary")


_WORD = st.text(alphabet="abcXYZ 2-:#*|`>\\", min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(_WORD, st.one_of(st.just(""), _WORD)), min_size=1, max_size=4),
    st.sampled_from(["", "Intro text.", "### not a term\n\n- a list"]),
    st.sampled_from(["", "Closing words.", "| Term | Meaning |\n| --- | --- |\n| x | y |"]),
)
def test_glossary_headings_round_trip(
    pairs: list[tuple[str, str]], before: str, after: str
) -> None:
    document = parse_document(
        "# T\n\n## Glossary\n\n| Term | Meaning |\n| --- | --- |\n| a | b |\n"
    )
    entries = tuple(GlossaryEntry(term.strip(), meaning.strip()) for term, meaning in pairs)
    entries = tuple(entry for entry in entries if entry.term) or (GlossaryEntry("x", "y"),)
    notes = tuple(
        note
        for note in (
            document.notes
            + tuple(
                n
                for n in parse_document(
                    f"# T\n\n## Glossary\n\n{before}\n\n| Term | Meaning |\n| --- | --- |\n"
                    f"| a | b |\n\n{after}\n"
                ).notes
            )
        )
        if note.section == "glossary"
    )
    layout = document.layout.__class__(glossary_style="headings")
    made = document.__class__(
        **{**document.__dict__, "glossary": entries, "notes": notes, "layout": layout}
    )
    exported = render_document(made)
    again = parse_document(exported)
    assert again.glossary == entries
    assert again.notes == made.notes
    assert render_document(again) == exported
