"""The rule reference in ``docs/checks.md``, generated from the catalogue.

The part of the page between the two markers below is written by ``python -m
kt_workbench.checker.rule_docs docs/checks.md``; a test fails when it is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kt_workbench.checker.catalogue import RULES
from kt_workbench.checker.rules import Rule

START = "<!-- generated from the rule catalogue: start -->"
END = "<!-- generated from the rule catalogue: end -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _row(rule: Rule) -> str:
    weight = f"{rule.weight:g}"
    cells = (rule.code, rule.title, rule.section, rule.severity.value, weight, rule.why, rule.fix)
    return "| " + " | ".join(_cell(cell) for cell in cells) + " |"


def rule_table() -> str:
    header = (
        "| Code | Title | Section | Severity | Weight | Why an external team needs it | "
        "How to fix |\n| --- | --- | --- | --- | --- | --- | --- |"
    )
    return "\n".join((header, *(_row(rule) for rule in RULES)))


def generated_block() -> str:
    return f"{START}\n{rule_table()}\n{END}"


def updated_page(page: str) -> str:
    """``page`` with its generated block replaced by the current one."""
    before, start, rest = page.partition(START)
    _old, end, after = rest.partition(END)
    if not start or not end:
        raise ValueError("the page has no generated block")
    return before + generated_block() + after


def main(argv: list[str]) -> int:
    path = Path(argv[0])
    page = path.read_text(encoding="utf-8")
    path.write_text(updated_page(page), encoding="utf-8")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
