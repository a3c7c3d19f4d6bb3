"""Table columns in every shipped language: markdown, Word and HTML, exported as written."""

from __future__ import annotations

import dataclasses
import itertools
import re
from pathlib import Path

import pytest
from word_documents import new_document, table, to_bytes

from kt_workbench.errors import InputError
from kt_workbench.import_settings import import_options
from kt_workbench.importing import ImportOptions, load_files
from kt_workbench.markdown import parse_document, render_document
from kt_workbench.markdown.column_languages import LANGUAGE_COLUMNS
from kt_workbench.markdown.parser import ParseOptions
from kt_workbench.markdown.vocabulary import TABLE_COLUMNS, Vocabulary, column_keys
from kt_workbench.model import AccessRight
from kt_workbench.store import ProcessStore

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "import" / "languages"

# One procedure per language, written as a process owner there would: the headings and
# columns of that language, columns left out and in an order of their own.
PAGES = {
    "fr": (
        "# Rembourser un double prélèvement\n\n"
        "## Droits d'accès\n\n"
        "| Système | Accès | Approbateur | Justification |\n| --- | --- | --- | --- |\n"
        "| Stripe | Remboursements | Responsable facturation | Demande GLPI |\n\n"
        "## Indicateurs\n\n"
        "| Indicateur | Valeur actuelle | Objectif à 30 jours | Objectif à 90 jours |\n"
        "| --- | --- | --- | --- |\n| Délai | 5 j | 3 j | 1 j |\n\n"
        "## Contacts\n\n"
        "| Rôle | Nom | Contact | Disponibilité |\n| --- | --- | --- | --- |\n"
        "| Niveau 2 | Léa | #facturation | 9h-18h |\n\n"
        "## Glossaire\n\n| Sigle | Signification |\n| --- | --- |\n| CB | Carte bancaire |\n"
    ),
    "de": (
        "# Rückerstattung\n\n"
        "## Zugriffsrechte\n\n"
        "| Anwendung | Rolle | Berechtigung | Beantragung | Genehmiger |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| Stripe | Sachbearbeiter | Erstattung | Ticket | TL |\n\n"
        "## Kennzahlen\n\n"
        "| Kennzahl | Istwert | Ziel nach 30 Tagen | Ziel nach 60 Tagen | Ziel nach 90 Tagen |\n"
        "| --- | --- | --- | --- | --- |\n| Bearbeitungszeit | 5 | 4 | 3 | 2 |\n\n"
        "## Ansprechpartner\n\n"
        "| Rolle | Name | Kontakt | Erreichbarkeit |\n| --- | --- | --- | --- |\n"
        "| 2nd Level | Jörg | +49 30 123 | Mo-Fr 8-17 |\n\n"
        "## Glossar\n\n| Abkürzung | Bedeutung |\n| --- | --- |\n| SEPA | Euro-Zahlungsraum |\n"
    ),
    "es": (
        "# Reembolsar un cargo duplicado\n\n"
        "## Permisos\n\n"
        "| Sistema | Rol | Nivel de acceso | Cómo solicitar | Aprobador |\n"
        "| --- | --- | --- | --- | --- |\n| Stripe | Agente | Reembolsos | Formulario | Jefa |\n\n"
        "## Métricas\n\n"
        "| Métrica | Línea base | Objetivo a 30 días | Objetivo a 60 días | Objetivo a 90 días |\n"
        "| --- | --- | --- | --- | --- |\n| Tiempo | 5 d | 4 d | 3 d | 2 d |\n\n"
        "## Contactos de escalamiento\n\n"
        "| Nivel | Nombre | Canal | Horario |\n| --- | --- | --- | --- |\n"
        "| N2 | Tomás | #facturacion | L-V 9-18 |\n\n"
        "## Glosario\n\n| Término | Definición |\n| --- | --- |\n"
        "| TPV | Terminal punto de venta |\n"
    ),
    "ja": (
        "# 二重請求の返金\n\n"
        "## アクセス権限\n\n"
        "| システム | 権限 | 承認者 |\n| --- | --- | --- |\n| Stripe | 返金 | 経理リーダー |\n\n"
        "## 指標\n\n"
        "| 指標 | 現状 | 30日目標 | 60日目標 | 90日目標 |\n| --- | --- | --- | --- | --- |\n"
        "| 返金日数 | 5日 | 4日 | 3日 | 2日 |\n\n"
        "## 問い合わせ先\n\n"
        "| 役割 | 担当者 | 連絡先 | 対応時間 |\n| --- | --- | --- | --- |\n"
        "| 二次対応 | 佐藤 | #billing-jp | 平日 9:00〜18:00 |\n\n"
        "## 用語集\n\n| 用語 | 意味 |\n| --- | --- |\n| 二重請求 | 二回目の請求 |\n"
    ),
}
EXPECTED = {
    "fr": (
        AccessRight("Stripe", "", "Remboursements", "Demande GLPI", "Responsable facturation"),
        ("Délai", "5 j", "3 j", "", "1 j"),
        ("Niveau 2", "Léa", "#facturation", "9h-18h"),
        ("CB", "Carte bancaire"),
    ),
    "de": (
        AccessRight("Stripe", "Sachbearbeiter", "Erstattung", "Ticket", "TL"),
        ("Bearbeitungszeit", "5", "4", "3", "2"),
        ("2nd Level", "Jörg", "+49 30 123", "Mo-Fr 8-17"),
        ("SEPA", "Euro-Zahlungsraum"),
    ),
    "es": (
        AccessRight("Stripe", "Agente", "Reembolsos", "Formulario", "Jefa"),
        ("Tiempo", "5 d", "4 d", "3 d", "2 d"),
        ("N2", "Tomás", "#facturacion", "L-V 9-18"),
        ("TPV", "Terminal punto de venta"),
    ),
    "ja": (
        AccessRight("Stripe", "", "返金", "", "経理リーダー"),
        ("返金日数", "5日", "4日", "3日", "2日"),
        ("二次対応", "佐藤", "#billing-jp", "平日 9:00〜18:00"),
        ("二重請求", "二回目の請求"),
    ),
}


def _tables(text: str) -> list[str]:
    """The header lines of every table in a markdown text, in order."""
    lines = text.split("\n")
    return [line for line, after in itertools.pairwise(lines) if after.startswith("| ---")]


def _check_rows(document: object, language: str) -> None:
    access, metric, contact, term = EXPECTED[language]
    assert document.access_rights == (access,)  # type: ignore[attr-defined]
    assert [dataclasses.astuple(m) for m in document.metrics] == [metric]  # type: ignore[attr-defined]
    assert [dataclasses.astuple(c) for c in document.contacts] == [contact]  # type: ignore[attr-defined]
    assert [dataclasses.astuple(g) for g in document.glossary] == [term]  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", sorted(PAGES))
def test_each_language_s_tables_are_read_and_written_back_as_they_were(language: str) -> None:
    text = PAGES[language]
    document = parse_document(text, f"{language}.md")
    _check_rows(document, language)
    exported = render_document(document)
    # Headings get their canonical names; the tables keep their own headers and order.
    assert _tables(exported) == _tables(text)
    for table_text in re.findall(r"(?m)^\|.*\|$(?:\n^\|.*\|$)+", text):
        assert table_text in exported
    again = parse_document(exported, "export.md")
    assert again == document
    assert render_document(again) == exported


@pytest.mark.parametrize(
    ("section", "header", "keys"),
    [
        (
            "access_rights",
            ["Système", "Accès", "Approbateur", "Justification"],
            ["system", "access", "approver", "how_to_request"],
        ),
        ("access_rights", ["システム", "権限", "承認者"], ["system", "access", "approver"]),
        (
            "contacts",
            ["Rolle", "Name", "Kontakt", "Erreichbarkeit"],
            ["role", "name", "channel", "hours"],
        ),
        # "Contact" is the person in English and the way to reach them in French: the
        # reading where every column fits wins.
        ("contacts", ["Role", "Name", "Contact"], ["role", "name", "channel"]),
        ("contacts", ["Level", "Contact", "When"], ["role", "name", "hours"]),
        # Case, trailing colons, full-width letters, missing accents and extra spaces.
        ("access_rights", ["ＳＹＳＴＥＭ：", "  niveau   d'acces :"], ["system", "access"]),
        ("metrics", ["ＫＰＩ", "現状", "目標（30日）"], ["name", "baseline", "target_30"]),
        (
            "metrics",
            ["Indicateur", "J+30", "J+60", "J+90"],
            ["name", "target_30", "target_60", "target_90"],
        ),
        ("glossary", ["TÉRMINO", "Significado:"], ["term", "meaning"]),
        # Shapes seen in real handbooks.
        ("contacts", ["Rôle", "Nom", "Email"], ["role", "name", "channel"]),
        ("contacts", ["役割", "担当", "連絡先", "対応時間"], ["role", "name", "channel", "hours"]),
        ("contacts", ["Rolle", "Kontakt", "Erreichbarkeit"], ["role", "channel", "hours"]),
        ("metrics", ["Indicador", "Línea base", "Meta 3 meses"], ["name", "baseline", "target_90"]),
        ("access_rights", ["Système", "Accès requis"], ["system", "access"]),
    ],
)
def test_headers_are_matched_in_the_language_that_fits_them(
    section: str, header: list[str], keys: list[str]
) -> None:
    assert column_keys(section, header) == keys


@pytest.mark.parametrize(
    ("section", "header"),
    [
        ("access_rights", ["Accès", "Approbateur"]),  # no system column
        ("contacts", ["Rolle", "Name", "Name"]),  # a column twice
        ("contacts", ["Rolle", "Nom", "Kontakt", "Horario"]),  # no one language reads it all
        ("glossary", ["Terme", "Remarque"]),  # a column the format does not know
        # Two ways to reach a person, one channel column: kept as text, nothing merged.
        ("contacts", ["Rôle", "Nom", "Email", "Téléphone", "Disponibilité"]),
        # The escalation level and the job title, one role column.
        ("contacts", ["Level", "Name", "Rolle", "Erreichbarkeit"]),
        ("contacts", ["役割", "担当", "主な責務"]),
    ],
)
def test_headers_no_language_reads_whole_are_not_tables_of_the_section(
    section: str, header: list[str]
) -> None:
    assert column_keys(section, header) is None


def test_every_shipped_name_is_read_as_its_own_field() -> None:
    for language, sections in LANGUAGE_COLUMNS.items():
        vocabulary = Vocabulary((language,))
        for section, fields in sections.items():
            assert set(fields) <= set(TABLE_COLUMNS[section]), (language, section)
            first = next(iter(TABLE_COLUMNS[section]))
            for field, names in fields.items():
                for name in names:
                    header = [name] if field == first else [*fields[first][:1], name]
                    keys = vocabulary.column_keys(section, header)
                    assert keys is not None and keys[-1] == field, (language, section, name)


def test_the_languages_chosen_decide_which_columns_are_read() -> None:
    english = ParseOptions(vocabulary=Vocabulary(("en",)))
    document = parse_document(PAGES["de"], "de.md", english)
    assert document.access_rights == () and document.contacts == ()
    # The German tables stay, word for word, as text of their sections.
    exported = render_document(document)
    assert _tables(exported) == _tables(PAGES["de"])
    german = ParseOptions(vocabulary=Vocabulary(("de",)))
    _check_rows(parse_document(PAGES["de"], "de.md", german), "de")


def test_a_field_filled_later_gets_a_column_of_its_own_and_reads_back() -> None:
    document = parse_document(PAGES["ja"], "ja.md")
    (right,) = document.access_rights
    edited = dataclasses.replace(
        document, access_rights=(dataclasses.replace(right, role="経理担当"),)
    )
    exported = render_document(edited)
    assert "| システム | 権限 | 承認者 | Role |" in exported
    again = parse_document(exported)
    assert again.access_rights == edited.access_rights
    assert render_document(again) == exported


def test_a_header_in_its_own_words_is_kept_by_the_store(tmp_path: Path) -> None:
    document = parse_document(PAGES["fr"], "fr.md")
    with ProcessStore.open(tmp_path / "ktw.db") as store:
        store.save(document)
    with ProcessStore.open(tmp_path / "ktw.db") as store:
        stored = store.get(document.id)
    assert stored == document
    assert render_document(stored) == render_document(document)


# --- Word and HTML ------------------------------------------------------------------------

WORD_TABLES = {
    "fr": (
        "Droits d'accès",
        [
            ["Système", "Accès", "Approbateur", "Justification"],
            ["Stripe", "Remboursements", "Responsable facturation", "Demande GLPI"],
        ],
        "Qui contacter",
        [
            ["Rôle", "Nom", "Contact", "Disponibilité"],
            ["Niveau 2", "Léa", "#facturation", "9h-18h"],
        ],
    ),
    "de": (
        "Zugriffsrechte",
        [
            ["Anwendung", "Rolle", "Berechtigung", "Beantragung", "Genehmiger"],
            ["Stripe", "Sachbearbeiter", "Erstattung", "Ticket", "TL"],
        ],
        "Team",
        [
            ["Rolle", "Name", "Kontakt", "Erreichbarkeit"],
            ["2nd Level", "Jörg", "+49 30 123", "Mo-Fr 8-17"],
        ],
    ),
    "es": (
        "Permisos",
        [
            ["Sistema", "Rol", "Nivel de acceso", "Cómo solicitar", "Aprobador"],
            ["Stripe", "Agente", "Reembolsos", "Formulario", "Jefa"],
        ],
        "Equipo",
        [["Nivel", "Nombre", "Canal", "Horario"], ["N2", "Tomás", "#facturacion", "L-V 9-18"]],
    ),
    "ja": (
        "アクセス権限",
        [["システム", "権限", "承認者"], ["Stripe", "返金", "経理リーダー"]],
        "チーム",
        [
            ["役割", "担当者", "連絡先", "対応時間"],
            ["二次対応", "佐藤", "#billing-jp", "平日 9:00〜18:00"],
        ],
    ),
}


@pytest.mark.parametrize("language", sorted(WORD_TABLES))
def test_word_tables_in_each_language_become_rows_under_their_own_header(
    language: str, tmp_path: Path
) -> None:
    access_heading, access, people_heading, people = WORD_TABLES[language]
    document = new_document(f"Procedure {language}")
    document.add_heading(access_heading, 1)
    table(document, access)
    # A section named otherwise: the contacts table is found by its columns alone.
    document.add_heading(people_heading, 1)
    table(document, people)
    path = tmp_path / f"{language}.docx"
    path.write_bytes(to_bytes(document))
    (item,) = load_files([path])
    doc = item.document
    keys = column_keys("access_rights", access[0])
    assert keys is not None
    assert [dataclasses.asdict(right) for right in doc.access_rights] == [
        {
            **dict.fromkeys(TABLE_COLUMNS["access_rights"], ""),
            **dict(zip(keys, access[1], strict=True)),
        }
    ]
    assert [dataclasses.astuple(c) for c in doc.contacts] == [tuple(people[1])]
    assert item.report is not None
    assert f"a table in section '{people_heading}' read as contacts from its columns" in (
        item.report.review
    )
    exported = render_document(doc)
    assert "| " + " | ".join(access[0]) + " |" in exported
    assert "| " + " | ".join(people[0]) + " |" in exported
    assert render_document(parse_document(exported)) == exported


def _fixture_rows(name: str) -> object:
    (item,) = load_files([FIXTURES / name])
    exported = render_document(item.document)
    assert render_document(parse_document(exported)) == exported
    return item.document


def test_a_french_confluence_page() -> None:
    doc = _fixture_rows("fr-confluence.html")
    assert [(a.system, a.approver, a.how_to_request) for a in doc.access_rights] == [  # type: ignore[attr-defined]
        ("Stripe", "Responsable facturation", "Demande GLPI, catégorie « Accès »")
    ]
    assert [(m.name, m.baseline, m.target_30, m.target_90) for m in doc.metrics] == [  # type: ignore[attr-defined]
        ("Délai de remboursement", "5 jours", "3 jours", "1 jour")
    ]
    assert [(c.role, c.channel) for c in doc.contacts] == [("Niveau 2", "#facturation")]  # type: ignore[attr-defined]
    assert [(g.term, g.meaning) for g in doc.glossary] == [("CB", "Carte bancaire")]  # type: ignore[attr-defined]
    assert "| Indicateur | Valeur actuelle | Objectif à 30 jours | Objectif à 90 jours |" in (
        render_document(doc)  # type: ignore[arg-type]
    )


def test_a_german_word_web_page_in_windows_1252() -> None:
    doc = _fixture_rows("de-word-web-page.htm")
    assert [(a.system, a.role, a.approver) for a in doc.access_rights] == [  # type: ignore[attr-defined]
        ("Stripe", "Sachbearbeiter", "Teamleitung Buchhaltung")
    ]
    assert [m.target_60 for m in doc.metrics] == ["3 Tage"]  # type: ignore[attr-defined]
    assert [(c.name, c.channel, c.hours) for c in doc.contacts] == [  # type: ignore[attr-defined]
        ("Jörg Weiß", "+49 30 1234567", "Mo–Fr 8–17 Uhr")
    ]
    assert [g.term for g in doc.glossary] == ["SEPA"]  # type: ignore[attr-defined]


def test_a_spanish_google_docs_export() -> None:
    doc = _fixture_rows("es-google-docs.html")
    assert [(a.access, a.how_to_request) for a in doc.access_rights] == [  # type: ignore[attr-defined]
        ("Reembolsos hasta 500 €", "Formulario de TI")
    ]
    assert [(c.role, c.name, c.hours) for c in doc.contacts] == [("N2", "Tomás Ruiz", "L–V 9–18")]  # type: ignore[attr-defined]
    assert [g.meaning for g in doc.glossary] == ["Terminal punto de venta"]  # type: ignore[attr-defined]
    # Google Docs bolds the header row: the names match without the bold, and keep it.
    assert "| **Sistema** | **Rol** | **Nivel de acceso** |" in render_document(doc)  # type: ignore[arg-type]


def test_a_japanese_docs_site_page() -> None:
    doc = _fixture_rows("ja-docs-site.html")
    assert [(a.system, a.access, a.approver) for a in doc.access_rights] == [  # type: ignore[attr-defined]
        ("Stripe", "返金（5万円まで）", "経理リーダー")
    ]
    assert [(m.baseline, m.target_90) for m in doc.metrics] == [("5日", "2日")]  # type: ignore[attr-defined]
    assert [(c.name, c.hours) for c in doc.contacts] == [("佐藤 花子", "平日 9:00〜18:00")]  # type: ignore[attr-defined]
    assert [g.term for g in doc.glossary] == ["二重請求"]  # type: ignore[attr-defined]


# --- ktw.toml -------------------------------------------------------------------------------


def _documented_example() -> str:
    """The ``[columns]`` example of docs/importing.md, exactly as the page shows it."""
    text = (ROOT / "docs" / "importing.md").read_text("utf-8")
    found = re.search(r"<!-- columns example -->\n```toml\n(?P<toml>.*?)```", text, re.S)
    assert found is not None, "docs/importing.md lost its [columns] example"
    return found["toml"]


def test_the_documented_ktw_toml_example_adds_column_names(tmp_path: Path) -> None:
    options = import_options(_documented_example(), "ktw.toml")
    (tmp_path / "nl.md").write_text(
        "# Terugbetaling\n\n## Contacten\n\n"
        "| Rol | Naam | Bereikbaar via | Bereikbaarheid |\n| --- | --- | --- | --- |\n"
        "| Tweede lijn | Sanne | #betalingen | ma-vr 9-17 |\n\n"
        "## Droits d'accès\n\n| Système | Accès | Visa |\n| --- | --- | --- |\n"
        "| Stripe | Lecture | Chef d'équipe |\n",
        "utf-8",
    )
    (item,) = load_files([tmp_path], options)
    doc = item.document
    assert [dataclasses.astuple(c) for c in doc.contacts] == [
        ("Tweede lijn", "Sanne", "#betalingen", "ma-vr 9-17")
    ]
    assert [(a.system, a.approver) for a in doc.access_rights] == [("Stripe", "Chef d'équipe")]
    exported = render_document(doc)
    assert "| Rol | Naam | Bereikbaar via | Bereikbaarheid |" in exported
    assert "| Système | Accès | Visa |" in exported


def test_added_names_and_the_language_choice_reach_word_and_html(tmp_path: Path) -> None:
    options = import_options(
        '[headings]\nlanguages = ["en"]\n\n[columns.nl.glossary]\nterm = ["Begrip"]\n'
        'meaning = ["Betekenis"]\n',
        "ktw.toml",
    )
    document = new_document("Woordenlijst")
    document.add_heading("Glossary", 1)
    table(document, [["Begrip", "Betekenis"], ["SLA", "Service level agreement"]])
    document.add_heading("Access", 1)
    table(document, [["Système", "Accès"], ["CRM", "Lecture"]])
    path = tmp_path / "nl.docx"
    path.write_bytes(to_bytes(document))
    (item,) = load_files([path], options)
    assert [(g.term, g.meaning) for g in item.document.glossary] == [
        ("SLA", "Service level agreement")
    ]
    # French columns are not chosen: that table stays text of its section.
    assert item.document.access_rights == ()
    assert any("| Système | Accès |" in note.text for note in item.document.notes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("columns = 3\n", "ktw.toml:1: 'columns' must be a table"),
        ("[columns]\nfr = 1\n", "ktw.toml:2: columns.fr must be a table of sections"),
        (
            "[columns.fr.steps]\nrole = ['Rôle']\n",
            "ktw.toml:1: unknown table 'columns.fr.steps' (expected one of: access_rights,",
        ),
        (
            "[columns.fr.contacts]\nemail = ['Courriel']\n",
            "ktw.toml:2: unknown column 'columns.fr.contacts.email' (expected one of: role,",
        ),
        (
            "[columns.fr.contacts]\nchannel = 'Courriel'\n",
            "ktw.toml:2: columns.fr.contacts.channel must be a list of names",
        ),
        ("[columns.fr.contacts]\nchannel = ['']\n", "ktw.toml:2: columns.fr.contacts.channel"),
    ],
)
def test_bad_column_settings_name_their_line(text: str, expected: str) -> None:
    with pytest.raises(InputError) as raised:
        import_options(text, "ktw.toml")
    assert str(raised.value).startswith(expected)


def test_the_checker_accepts_a_ktw_toml_with_columns(tmp_path: Path) -> None:
    from kt_workbench.checker.config import load_config

    path = tmp_path / "ktw.toml"
    path.write_text(_documented_example(), "utf-8")
    load_config(path)  # the same file holds the checker's settings: [columns] is not refused
    assert isinstance(import_options(_documented_example(), str(path)), ImportOptions)


def test_ktw_import_reads_the_columns_the_settings_file_adds(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from kt_workbench.cli import main

    config = tmp_path / "ktw.toml"
    config.write_text(_documented_example(), "utf-8")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "nl.md").write_text(
        "# Terugbetaling\n\n## Wie bellen\n\n"
        "| Rol | Naam | Bereikbaar via |\n| --- | --- | --- |\n| Tweede lijn | Sanne | #bet |\n",
        "utf-8",
    )
    (folder / "ja.md").write_text(PAGES["ja"], "utf-8")
    db = tmp_path / "ktw.db"
    args = ["--db", str(db), "--config", str(config), "import", "--format", "json", str(folder)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    files = json.loads(result.stdout)["files"]
    by_name = {Path(report["path"]).name: report for report in files}
    # Japanese is not among the languages chosen: its tables stay text.
    assert by_name["ja.md"]["rows"] == 0
    nl = by_name["nl.md"]
    assert nl["rows"] == 1
    assert "a table in section 'Wie bellen' read as contacts from its columns" in nl["review"]
    with ProcessStore.open(db) as store:
        stored = store.get(nl["id"])
    assert stored is not None
    assert "| Rol | Naam | Bereikbaar via |" in render_document(stored)


def test_the_names_docs_importing_shows_are_the_shipped_ones() -> None:
    text = (ROOT / "docs" / "importing.md").read_text("utf-8")
    section = text[text.index("## Table columns in other languages") :]
    rows = re.findall(r"(?m)^\| (access rights|metrics|contacts|glossary) \| (.*) \|$", section)
    assert [name for name, _ in rows] == ["access rights", "metrics", "contacts", "glossary"]
    languages = ["fr", "de", "es", "ja"]
    for table_name, cells in rows:
        key = table_name.replace(" ", "_")
        for language, cell in zip(languages, cells.split(" | "), strict=True):
            shipped = {name for names in LANGUAGE_COLUMNS[language][key].values() for name in names}
            cell = cell.replace(" (60, 90 alike)", "")
            for group in cell.split(", "):
                for name in group.split(" / "):
                    assert name in shipped, (language, key, name)


def test_a_table_keeps_its_alignment() -> None:
    text = (
        "# Délais\n\n## Indicateurs\n\n"
        "| Indicateur | Valeur actuelle | J+90 |\n| :--- | ---: | :-: |\n| Délai | 5 j | 1 j |\n"
    )
    document = parse_document(text)
    assert [m.target_90 for m in document.metrics] == ["1 j"]
    exported = render_document(document)
    assert "| Indicateur | Valeur actuelle | J+90 |\n| :--- | ---: | :-: |\n" in exported
    assert render_document(parse_document(exported)) == exported
    # An English table in the canonical words but aligned keeps its alignment too.
    english = text.replace("Indicateur | Valeur actuelle | J+90", "Metric | Baseline | 90 days")
    assert "| :--- | ---: | :-: |" in render_document(parse_document(english))
