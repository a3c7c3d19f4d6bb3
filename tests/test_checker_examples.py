"""The catalogue's examples are the rules' tests: each rule fires on its failing example and
is silent on the passing document; ``ktw rule CODE`` shows them for every code."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kt_workbench.checker import RULES, RULES_BY_CODE, check_library, check_process
from kt_workbench.checker.examples import EXAMPLES, PASSING, excerpts
from kt_workbench.cli import main
from kt_workbench.markdown import parse_document
from tests.test_checker_support import TODAY

CODES = [rule.code for rule in RULES]


def test_every_rule_has_an_example_and_no_other() -> None:
    assert sorted(EXAMPLES) == sorted(RULES_BY_CODE)


def test_the_passing_document_has_no_finding() -> None:
    report = check_process(parse_document(PASSING, "passing.md"), today=TODAY)
    assert report.findings == ()
    assert report.verdict == "100, ready"


@pytest.mark.parametrize("code", CODES)
def test_the_rule_fires_on_its_failing_example(code: str) -> None:
    example = EXAMPLES[code]
    failing = parse_document(example.failing(), "failing.md")
    if example.library:
        passing = parse_document(PASSING, "passing.md")
        report = check_library([passing, failing], today=TODAY).by_id()[failing.id]
    else:
        report = check_process(failing, today=TODAY)
    assert code in {finding.rule for finding in report.findings}


@pytest.mark.parametrize("code", CODES)
def test_ktw_rule_explains_every_code(code: str) -> None:
    result = CliRunner().invoke(main, ["rule", code])
    assert result.exit_code == 0, result.output
    rule = RULES_BY_CODE[code]
    out = result.stdout
    assert out.startswith(f"{code}  {rule.title}\n")
    headings = ("What it checks", "Why an external team needs it", "How to fix it", "Fails")
    for heading in (*headings, "Passes"):
        assert f"\n{heading}\n" in out
    assert rule.why in " ".join(out.split())
    failing, _passing = excerpts(EXAMPLES[code])
    assert failing.splitlines()[0] in out


def test_ktw_rule_with_an_unknown_code_is_a_one_line_error() -> None:
    result = CliRunner().invoke(main, ["rule", "KT999"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "ktw: unknown rule KT999 (see 'ktw rule --list')"


def test_ktw_rule_lists_every_rule() -> None:
    result = CliRunner().invoke(main, ["rule", "--list"])
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == CODES
