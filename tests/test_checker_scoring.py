"""Scores, readiness boundaries, the JSON shape and the TOML configuration."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kt_workbench import locations
from kt_workbench.checker import (
    CheckerConfig,
    Finding,
    RuleOverride,
    Severity,
    load_config,
    parse_config,
)
from kt_workbench.checker.scoring import overall_score, readiness, section_scores
from kt_workbench.errors import InputError
from kt_workbench.model import SECTION_NAMES
from tests.test_checker_support import check, complete_document, with_step

DEFAULT = CheckerConfig()


def finding(
    rule: str, section: str, severity: Severity = Severity.WARNING, share: float = 1.0
) -> Finding:
    return Finding(rule, severity, section, "here", "message", "hint", share)


def all_sections(score: int, **overrides: int) -> dict[str, int]:
    return {name: overrides.get(name, score) for name in SECTION_NAMES}


def test_repeats_of_a_rule_cost_half_the_one_before() -> None:
    findings = [finding("KT202", "procedure")] * 3  # weight 30: 30 + 15 + 7.5
    assert section_scores(findings, DEFAULT)["procedure"] == 48  # 47.5 rounded half up


def test_a_share_scales_the_cost() -> None:
    assert (
        section_scores([finding("KT104", "overview", Severity.INFO, 0.5)], DEFAULT)["overview"]
        == 90
    )


def test_a_section_never_drops_below_zero() -> None:
    findings = [finding("KT401", "decision_tree"), finding("KT402", "decision_tree")]
    assert section_scores(findings, DEFAULT)["decision_tree"] == 0


def test_findings_of_disabled_rules_cost_nothing() -> None:
    config = CheckerConfig(rules={"KT202": RuleOverride(enabled=False)})
    assert section_scores([finding("KT202", "procedure")], config)["procedure"] == 100


def test_the_score_is_the_weighted_mean_of_the_sections() -> None:
    assert overall_score(all_sections(100, procedure=50), DEFAULT) == 90  # procedure weighs 20
    assert overall_score(all_sections(100, glossary=55), DEFAULT) == 96  # 95.5 rounds up
    assert overall_score(all_sections(0), DEFAULT) == 0


@pytest.mark.parametrize(
    ("score", "errors", "expected"),
    [
        (100, 0, "ready"),
        (85, 0, "ready"),
        (84, 0, "needs-work"),
        (100, 1, "needs-work"),
        (60, 0, "needs-work"),
        (60, 1, "needs-work"),
        (59, 0, "not-ready"),
        (100, 2, "not-ready"),
    ],
)
def test_readiness_boundaries(score: int, errors: int, expected: str) -> None:
    findings = [finding("KT102", "overview", Severity.ERROR)] * errors + [
        finding("KT103", "overview")
    ]
    assert readiness(score, findings, DEFAULT) == expected


def test_readiness_thresholds_come_from_the_config() -> None:
    config = CheckerConfig(ready_min_score=95, not_ready_below=90, not_ready_errors=1)
    assert readiness(94, [], config) == "needs-work"
    assert readiness(89, [], config) == "not-ready"
    assert readiness(100, [finding("KT102", "overview", Severity.ERROR)], config) == "not-ready"


def test_one_error_blocks_a_perfect_score_from_being_ready() -> None:
    report = check(complete_document(owner=""))
    assert report.score >= 85
    assert report.readiness == "needs-work"


def test_report_json_has_exactly_the_published_shape() -> None:
    data = check(with_step(2, role="")).to_json_dict()
    assert list(data) == ["id", "title", "score", "readiness", "verdict", "sections", "findings"]
    assert list(data["sections"]) == list(SECTION_NAMES)
    assert all(isinstance(value, int) for value in data["sections"].values())
    assert data["findings"] == [
        {
            "rule": "KT202",
            "severity": "warning",
            "section": "procedure",
            "location": "step 2",
            "message": "step 2 has no role",
            "hint": "Add a `Role:` line under the step, for example `Role: Provider agent`.",
        }
    ]
    assert (data["score"], data["readiness"], data["verdict"]) == (94, "ready", "94, ready")


def test_readiness_reads_consistently_with_the_score() -> None:
    from tests.test_checker_rules_document import TRIGGERS

    secret = check(TRIGGERS["KT006"]())
    owner_too = check(replace(TRIGGERS["KT006"](), owner=""))
    # 90 is above the ready threshold, yet the credential blocks: the line says so.
    assert (secret.score, secret.readiness) == (90, "needs-work")
    assert secret.verdict == "90, needs work: 1 blocking error"
    assert owner_too.readiness == "not-ready"
    assert owner_too.verdict == f"{owner_too.score}, not ready: 2 blocking errors"
    low = check(replace(with_step(2, role=""), steps=(), scripts=(), access_rights=()))
    assert low.verdict.startswith(f"{low.score}, ")
    assert ("score below" in low.verdict) == (low.score < 85)


def test_config_changes_weights_severities_and_rules() -> None:
    doc = with_step(2, role="")
    assert check(doc, config=parse_config("[weights]\nprocedure = 0\n")).score == 100
    silenced = check(doc, config=parse_config("[rules.KT202]\nenabled = false\n"))
    assert silenced.findings == ()
    strict = check(doc, config=parse_config('[rules.KT202]\nseverity = "error"\nweight = 100\n'))
    assert strict.findings[0].severity is Severity.ERROR
    assert strict.readiness == "needs-work"
    assert strict.sections["procedure"] == 0


def test_limits_from_the_config() -> None:
    config = parse_config("[limits]\nmin_steps = 4\nmax_sentence_words = 5\n")
    rules = [f.rule for f in check(complete_document(), config=config).findings]
    assert "KT201" in rules
    assert "KT207" in rules


def test_load_config_reads_the_default_file_only_when_present() -> None:
    assert load_config(None) == CheckerConfig()
    path = locations.default_config_path()
    path.parent.mkdir(parents=True)
    path.write_text("[readiness]\nready_min_score = 90\n")
    assert load_config(None).ready_min_score == 90


def test_load_config_reads_an_explicit_file(tmp_path: Path) -> None:
    path = tmp_path / "team.toml"
    path.write_text("[weights]\nglossary = 2.5\n")
    assert load_config(path).section_weights["glossary"] == 2.5


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("[weights]\nprocedure = 20\nprocedur = 5\n", 3, "unknown key 'weights.procedur'"),
        ("[rules.KT999]\nenabled = false\n", 1, "unknown key 'rules.KT999'"),
        ("colour = 'blue'\n", 1, "unknown key 'colour'"),
        ("[rules.KT101]\nlevel = 'error'\n", 2, "unknown key 'rules.KT101.level'"),
        (
            "[readiness]\n\nready_min_score = 'high'\n",
            3,
            "'readiness.ready_min_score' must be a whole number",
        ),
        (
            "[readiness]\nnot_ready_errors = 0\n",
            2,
            "'readiness.not_ready_errors' must be a whole number of at least 1",
        ),
        ("[weights]\noverview = true\n", 2, "'weights.overview' must be a number"),
        ("[rules.KT101]\nseverity = 'fatal'\n", 2, "'rules.KT101.severity' must be"),
        ("[rules.KT101]\nenabled = 'no'\n", 2, "'rules.KT101.enabled' must be true or false"),
        ("weights = 3\n", 1, "'weights' must be a table"),
        ("[readiness]\nnot_ready_below = 90\n", 2, "must not be above 'readiness.ready_min_score'"),
        ("[weights]\nprocedure = \n", 2, "invalid TOML"),
    ],
)
def test_bad_config_names_the_key_and_line(text: str, line: int, problem: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_config(text, "ktw.toml")
    assert raised.value.line == line
    assert problem in raised.value.problem
    assert str(raised.value).startswith(f"ktw.toml:{line}: ")


def test_all_section_weights_zero_is_refused() -> None:
    text = "[weights]\n" + "".join(f"{name} = 0\n" for name in SECTION_NAMES)
    with pytest.raises(InputError, match="must not all be zero"):
        parse_config(text)


def test_unreadable_config_files_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the config"):
        load_config(tmp_path / "missing.toml")
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe[weights]")
    with pytest.raises(InputError, match="not UTF-8"):
        load_config(binary)
