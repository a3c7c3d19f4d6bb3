"""The rule catalogue against its documentation, its tests and the sample library."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from kt_workbench.checker import RULES, RULES_BY_CODE, WHERE_FOUND, RuleOverride, check_library
from kt_workbench.markdown import parse_document
from kt_workbench.model import SECTION_NAMES
from tests import (
    test_checker_rules_access_edge,
    test_checker_rules_document,
    test_checker_rules_metrics_contacts_glossary,
    test_checker_rules_overview_procedure,
    test_checker_rules_scripts_tree,
)
from tests.conftest import REPO, SAMPLES

ROW = re.compile(
    r"^\| (KT\d{3}) \| (.+?) \| (.+?) \| (error|warning|info) \| ([\d.]+) \| (.+) \| (.+) \|$"
)


def documented_rules() -> dict[str, tuple[str, ...]]:
    rows: dict[str, tuple[str, ...]] = {}
    for line in (REPO / "docs" / "checks.md").read_text().splitlines():
        match = ROW.match(line)
        if match:
            assert match.group(1) not in rows, f"{match.group(1)} is documented twice"
            rows[match.group(1)] = match.groups()[1:]
    return rows


def test_docs_list_every_rule_and_no_other() -> None:
    assert sorted(documented_rules()) == sorted(RULES_BY_CODE)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_docs_agree_with_the_catalogue(rule: object) -> None:
    title, section, severity, weight, why, fix = documented_rules()[rule.code]  # type: ignore[attr-defined]
    assert (title, section, severity, float(weight)) == (
        rule.title,  # type: ignore[attr-defined]
        rule.section,  # type: ignore[attr-defined]
        rule.severity.value,  # type: ignore[attr-defined]
        rule.weight,  # type: ignore[attr-defined]
    )
    assert why.replace("\\|", "|") == rule.why  # type: ignore[attr-defined]
    assert fix.replace("\\|", "|") == rule.fix  # type: ignore[attr-defined]


def test_catalogue_codes_sections_and_texts_are_sound() -> None:
    ranges = {name: str(index) for index, name in enumerate(SECTION_NAMES, start=1)}
    for rule in RULES:
        assert re.fullmatch(r"KT\d{3}", rule.code)
        expected = "0" if rule.code.startswith("KT0") else ranges[rule.section]
        assert rule.code[2] == expected, rule.code
        assert rule.section in (*SECTION_NAMES, WHERE_FOUND)
        assert rule.title and rule.why.endswith(".") and rule.fix.endswith((".", ")"))
        assert 0 < rule.weight <= 100


def test_every_rule_has_a_focused_trigger_test() -> None:
    tested: set[str] = set()
    for module in (
        test_checker_rules_overview_procedure,
        test_checker_rules_scripts_tree,
        test_checker_rules_access_edge,
        test_checker_rules_metrics_contacts_glossary,
        test_checker_rules_document,
    ):
        assert not tested & set(module.TRIGGERS)
        tested |= set(module.TRIGGERS)
    assert tested == set(RULES_BY_CODE)


def intended_readiness() -> tuple[dt.date, dict[str, str]]:
    text = (REPO / "docs" / "samples.md").read_text()
    date = re.search(r"checked on (\d{4}-\d{2}-\d{2})", text)
    assert date, "docs/samples.md names the date the samples are checked on"
    rows = re.findall(r"^\| `([\w-]+\.md)` \| (ready|needs-work|not-ready) \|", text, re.M)
    return dt.date.fromisoformat(date.group(1)), dict(rows)


def test_every_sample_gets_its_intended_readiness() -> None:
    today, intended = intended_readiness()
    paths = sorted(SAMPLES.glob("*.md"))
    assert sorted(path.name for path in paths) == sorted(intended)
    documents = {path.name: parse_document(path.read_text(), str(path)) for path in paths}
    reports = check_library(documents.values(), today=today).by_id()
    actual = {name: reports[doc.id].readiness for name, doc in documents.items()}
    assert actual == intended
    assert check_library(documents.values(), today=today).findings == ()


def test_the_rule_reference_in_the_docs_is_generated_from_the_catalogue() -> None:
    from kt_workbench.checker.rule_docs import updated_page

    page = (REPO / "docs" / "checks.md").read_text()
    fix = "python -m kt_workbench.checker.rule_docs docs/checks.md"
    assert updated_page(page) == page, f"out of date; run: {fix}"


def test_a_finding_with_an_unknown_code_is_an_error_not_dropped() -> None:
    import datetime as dt

    from kt_workbench.checker import CheckerConfig, LibraryContext
    from kt_workbench.checker.run import CheckRun
    from tests.test_checker_support import complete_document

    doc = complete_document()
    run = CheckRun(doc, LibraryContext.build([doc]), CheckerConfig(), dt.date(2026, 1, 1))
    with pytest.raises(ValueError, match="KT999"):
        run.emit("KT999", "title", "message")
    disabled = CheckerConfig(rules={"KT101": RuleOverride(enabled=False)})
    run = CheckRun(doc, LibraryContext.build([doc]), disabled, dt.date(2026, 1, 1))
    run.emit("KT101", "purpose", "message")
    assert run.findings == []
