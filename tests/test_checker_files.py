"""``ktw check PATH...``: markdown files checked directly, every finding at file:line:column,
in every output format, with inline suppressions, per-path settings and a baseline."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from kt_workbench.checker import check_process
from kt_workbench.checker.formats import GITHUB_ANNOTATIONS_PER_LEVEL
from kt_workbench.checker.positions import SourceMap
from kt_workbench.cli import main
from kt_workbench.markdown import parse_document, render_document
from kt_workbench.model import ProcessDocument
from kt_workbench.store import ProcessStore
from tests.strategies import documents
from tests.test_checker_support import complete_document

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
FIXTURES = Path(__file__).parent / "data" / "checker_precision"

RUNBOOK = """\
---
id: restart-relay
title: Restart the relay
---
# Restart the relay

## Steps

1. Open the config and check the retries etc. before you start.
2. Restart the service.
3. Tell the SLO owner.
"""


def run(*args: str, db: Path | None = None) -> tuple[int, str, str]:
    prefix = ["--db", str(db)] if db else []
    result = CliRunner().invoke(main, [*prefix, "check", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def runbook(tmp_path: Path) -> Path:
    path = tmp_path / "docs" / "restart-relay.md"
    path.parent.mkdir()
    path.write_text(RUNBOOK)
    return path


def test_every_finding_has_file_line_and_column(runbook: Path) -> None:
    code, out, _ = run(str(runbook))
    lines = out.splitlines()
    assert f'{runbook}:9:42: KT205 vague wording "etc"' in lines
    assert f"{runbook}:11:13: KT901 SLO is used 1 time but defined in no glossary" in lines
    assert f"{runbook}:9:4: KT202 step 1 has no role" in lines
    assert all(
        re.match(rf"{re.escape(str(runbook))}:\d+:\d+: KT\d{{3}} ", line)
        for line in lines[: lines.index("")]
    )
    assert code == 1  # no owner, no contacts: errors


def test_a_folder_is_one_library_sharing_its_glossary(runbook: Path) -> None:
    glossary = runbook.parent / "terms.md"
    glossary.write_text(
        "# Terms\n\n## Glossary\n\n| Term | Meaning |\n| --- | --- |\n"
        "| SLO | Service-level objective |\n"
    )
    _, out, _ = run(str(runbook.parent))
    assert "KT901" not in out


def test_files_are_judged_against_a_library_with_db(runbook: Path, db_path: Path) -> None:
    with ProcessStore.open(db_path) as store:
        store.save(complete_document(glossary=(*complete_document().glossary,)))
    _, out, _ = run(str(runbook), "--format", "json", db=db_path)
    document = json.loads(out)
    assert [p["id"] for p in document["processes"]] == ["restart-relay"]


def test_ids_and_paths_cannot_be_mixed(runbook: Path) -> None:
    code, _, err = run(str(runbook), "some-id")
    assert code == 1
    assert err.strip() == "ktw: give either process ids or files and folders, not both"


def test_a_bad_file_is_a_one_line_error_with_its_name(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"# Title\n\xff\xfe broken\n")
    code, _, err = run(str(bad))
    assert code == 1
    assert err.startswith(f"ktw: {bad}:2: not UTF-8 text")


def test_sarif_is_valid_against_the_2_1_0_schema(runbook: Path) -> None:
    _, out, _ = run(str(runbook), "--format", "sarif")
    log = json.loads(out)
    jsonschema.validate(log, SCHEMA)
    results = log["runs"][0]["results"]
    vague = next(r for r in results if r["ruleId"] == "KT205")
    region = vague["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (9, 42)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[vague["ruleIndex"]]["id"] == "KT205"


def test_sarif_is_valid_for_processes_from_the_library_too(db_path: Path) -> None:
    with ProcessStore.open(db_path) as store:
        store.save(complete_document(owner=""))
    _, out, _ = run("--format", "sarif", db=db_path)
    jsonschema.validate(json.loads(out), SCHEMA)


def test_junit_parses_with_one_failure_per_finding(runbook: Path, tmp_path: Path) -> None:
    clean = tmp_path / "docs" / "clean.md"
    clean.write_text(render_document(complete_document()))
    _, out, _ = run(str(runbook.parent), "--format", "junit")
    root = ElementTree.fromstring(out)
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    failures = [case for case in cases if case.find("failure") is not None]
    assert int(suite.get("failures", "0")) == len(failures) > 0
    assert int(suite.get("tests", "0")) == len(cases) == len(failures) + 1
    assert any(case.get("name", "").startswith(f"KT205 {runbook}:9:42") for case in failures)


def test_gitlab_code_quality_has_the_fields_gitlab_reads(runbook: Path) -> None:
    _, out, _ = run(str(runbook), "--format", "gitlab")
    issues = json.loads(out)
    assert issues
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"] == str(runbook)
        assert issue["location"]["lines"]["begin"] >= 1
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)


def test_github_annotations_stay_within_the_limit_and_summarise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(8):
        (folder / f"p{number}.md").write_text(
            RUNBOOK.replace("restart-relay", f"relay-{number}").replace(
                "Restart the relay", f"Relay job {number}"
            )
        )
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    _, out, _ = run(str(folder), "--format", "github")
    lines = out.splitlines()
    for level in ("error", "warning", "notice"):
        annotations = [line for line in lines if line.startswith(f"::{level} ")]
        assert len(annotations) <= GITHUB_ANNOTATIONS_PER_LEVEL + (level == "notice")
    first = next(line for line in lines if line.startswith("::warning "))
    assert re.match(r"::warning file=.+,line=\d+,col=\d+,title=KT\d{3} .+::.+", first)
    assert lines[-1].startswith("::notice title=ktw check::8 processes:")
    assert "beyond GitHub's annotation limit" in lines[-1]
    assert any(re.match(r".+p\d\.md:\d+:\d+: KT\d{3} ", line) for line in lines)
    assert "| Process | Verdict |" in summary.read_text()


def test_inline_suppressions_with_reasons(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    text = RUNBOOK.replace("3. Tell the SLO owner.", "3. Tell the owner.").replace(
        "# Restart the relay\n",
        "# Restart the relay\n\n<!-- ktw-disable KT205 -->\n"
        "<!-- ktw-disable-next-line KT901 -- the owner's team name -->\n"
        "The SLO owner is told at the end.\n",
    )
    path.write_text(text)
    _, out, _ = run(str(path), "--format", "json")
    document = json.loads(out)
    rules = {f["rule"] for f in document["processes"][0]["findings"]}
    assert not {"KT205", "KT901"} & rules
    assert document["summary"]["suppressed"] == 2


def test_an_unknown_code_in_a_suppression_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_text(RUNBOOK + "\n<!-- ktw-disable KT999 -->\n")
    code, _, err = run(str(path))
    assert code == 1
    assert f"{path}:13: unknown rule code KT999" in err


def test_per_path_settings_switch_rules_off(runbook: Path, tmp_path: Path) -> None:
    config = tmp_path / "ktw.toml"
    config.write_text('[paths."*/docs/*.md"]\ndisable = ["KT901", "KT205"]\n')
    _, out, _ = run(str(runbook), "--config", str(config))
    assert "KT901" not in out and "KT205" not in out
    assert "KT202" in out


def test_a_baseline_fails_only_on_new_findings(runbook: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    code, _, err = run(str(runbook), "--write-baseline", str(baseline))
    assert code == 0 and "Wrote" in err
    code, out, _ = run(str(runbook), "--baseline", str(baseline))
    assert code == 0
    assert "in the baseline" in out.splitlines()[-1]
    # A new problem above the old ones: only it is reported, lines moved or not.
    runbook.write_text(RUNBOOK.replace("## Steps\n", "TODO: confirm the host names.\n\n## Steps\n"))
    code, out, _ = run(str(runbook), "--baseline", str(baseline), "--fail-on", "warning")
    finding_lines = out.splitlines()[: out.splitlines().index("")]
    assert [line.split(": ")[1].split()[0] for line in finding_lines] == ["KT010"]
    assert code == 1


def test_a_broken_baseline_is_a_one_line_error(runbook: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text("{not json")
    code, _, err = run(str(runbook), "--baseline", str(baseline))
    assert code == 1
    assert err.startswith(f"ktw: {baseline}:1: not a ktw baseline")


def test_the_precision_fixtures_check_cleanly_as_files() -> None:
    _, out, _ = run(str(FIXTURES), "--format", "json")
    document = json.loads(out)
    assert len(document["processes"]) == 5


def test_switches_survive_import_and_export_and_apply_to_the_library(
    tmp_path: Path, db_path: Path
) -> None:
    path = tmp_path / "p.md"
    path.write_text(
        RUNBOOK.replace(
            "# Restart the relay\n",
            "# Restart the relay\n\n<!-- ktw-disable-next-line KT901 -- team name -->\n"
            "The SLO owner is told at the end.\n",
        ).replace("3. Tell the SLO owner.", "3. Tell the owner.")
    )
    result = CliRunner().invoke(main, ["--db", str(db_path), "import", str(path)])
    assert result.exit_code == 0, result.output
    with ProcessStore.open(db_path) as store:
        [doc] = store.documents()
    exported = render_document(doc)
    assert "<!-- ktw-disable-next-line KT901 -- team name -->" in exported
    _, out, _ = run("--format", "json", db=db_path)
    document = json.loads(out)
    assert "KT901" not in {f["rule"] for f in document["processes"][0]["findings"]}
    assert document["summary"]["suppressed"] == 1


@given(documents())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_position_lies_inside_the_file(doc: ProcessDocument) -> None:
    source = render_document(doc)
    parsed = parse_document(source, "p.md")
    report = check_process(parsed)
    lines = source.split("\n")
    for finding, (line, column) in zip(
        report.findings, SourceMap(source, parsed).locate_all(report.findings), strict=True
    ):
        assert 1 <= line <= len(lines)
        assert 1 <= column <= len(lines[line - 1]) + 1
        if finding.quote and finding.rule in ("KT205", "KT010", "KT901"):
            text = lines[line - 1][column - 1 :]
            assert text.lower().startswith(finding.quote.lower()), (finding, text)


def test_an_acronym_after_a_yaml_escape_is_found_in_the_front_matter() -> None:
    # The renderer writes a control character as a YAML escape ("\eAA"), so the acronym is
    # in the file but not as a whole word; it must still be pointed at, not at line 1.
    source = render_document(ProcessDocument(id="p", title="Refund", team="\x1bAA"))
    parsed = parse_document(source, "p.md")
    report = check_process(parsed)
    lines = source.split("\n")
    quoted = [
        (finding, position)
        for finding, position in zip(
            report.findings, SourceMap(source, parsed).locate_all(report.findings), strict=True
        )
        if finding.rule == "KT901" and finding.quote == "AA"
    ]
    assert quoted
    for _, (line, column) in quoted:
        assert lines[line - 1][column - 1 :].startswith("AA")


def test_quoted_findings_point_at_their_text_in_the_fixtures() -> None:
    for path in sorted(FIXTURES.glob("*.md")):
        source = path.read_text()
        doc = parse_document(source, str(path))
        report = check_process(doc)
        lines = source.split("\n")
        placed = SourceMap(source, doc).locate_all(report.findings)
        for finding, (line, column) in zip(report.findings, placed, strict=True):
            if finding.quote:
                text = lines[line - 1][column - 1 :]
                assert text.lower().startswith(finding.quote.lower()), (path.name, finding)


def test_json_output_is_valid_against_its_published_schema(runbook: Path, db_path: Path) -> None:
    schema = json.loads(
        (Path(__file__).parent.parent / "docs" / "ktw-check.schema.json").read_text()
    )
    _, out, _ = run(str(runbook), "--format", "json")
    jsonschema.validate(json.loads(out), schema)
    with ProcessStore.open(db_path) as store:
        store.save_many(
            [
                complete_document(),
                complete_document(id="twin", title="Refund duplicate card charges"),
            ]
        )
    _, out, _ = run("--format", "json", db=db_path)
    document = json.loads(out)
    jsonschema.validate(document, schema)
    assert document["library_findings"]


def test_near_duplicates_are_found_across_the_files_given(tmp_path: Path) -> None:
    first = complete_document()
    second = complete_document(
        id="refund-duplicate-charges-uk", title="Refund duplicate card charges (UK)"
    )
    (tmp_path / "a.md").write_text(render_document(first))
    (tmp_path / "b.md").write_text(render_document(second))
    _, out, _ = run(str(tmp_path))
    assert f"{tmp_path / 'a.md'}:" in out
    duplicates = [line for line in out.splitlines() if " KT020 " in line]
    assert len(duplicates) == 2
    assert all(
        re.match(r".+\.md:\d+:\d+: KT020 looks like a duplicate of ", line) for line in duplicates
    )


def test_the_pre_commit_hooks_and_ci_snippets_are_well_formed() -> None:
    import yaml

    root = Path(__file__).parent.parent
    hooks = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text())
    assert {hook["id"] for hook in hooks} == {"ktw-check", "ktw-fmt", "ktw-fmt-check"}
    for hook in hooks:
        assert hook["entry"].startswith("ktw ") and hook["language"] == "python"
        assert hook["types"] == ["markdown"]
    ci = (root / "docs" / "ci.md").read_text()
    blocks = re.findall(r"```yaml\n(.*?)```", ci, re.S)
    assert len(blocks) == 3
    for block in blocks:
        assert yaml.safe_load(block)
    assert main.get_command(None, "check") is not None  # type: ignore[arg-type]


def test_files_that_cannot_be_read_fail_the_run_but_the_others_are_checked(
    runbook: Path,
) -> None:
    bad = runbook.parent / "bad.md"
    bad.write_bytes(b"# T\n\xff\n")
    code, out, err = run(str(runbook.parent))
    assert code == 1
    assert err.strip() == f"ktw: {bad}:2: not UTF-8 text (byte 0xff); save it as UTF-8"
    assert f"{runbook}:9:42: KT205" in out
