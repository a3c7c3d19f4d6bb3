"""``ktw rule CODE``: what a rule checks, why, how to fix it, and an example of each."""

from __future__ import annotations

import textwrap

import click

from kt_workbench.checker import RULES, RULES_BY_CODE
from kt_workbench.checker.examples import EXAMPLES, excerpts
from kt_workbench.errors import KtwError


@click.command("rule")
@click.argument("code", required=False)
@click.option("--list", "list_rules", is_flag=True, help="One line per rule: code and title.")
def rule_command(code: str | None, list_rules: bool) -> None:
    """Explain a checker rule (KT402), with a document it faults and one it passes."""
    if list_rules or code is None:
        for listed in RULES:
            click.echo(f"{listed.code}  {listed.severity.value:7}  {listed.title}")
        return
    rule = RULES_BY_CODE.get(code.upper())
    if rule is None:
        raise KtwError(f"unknown rule {code} (see 'ktw rule --list')")
    failing, passing = excerpts(EXAMPLES[rule.code])
    where = "the section where it is found" if rule.section == "where found" else rule.section
    lines = [
        f"{rule.code}  {rule.title}",
        f"{rule.severity.value}, scored in {where}, weight {rule.weight:g}",
        "",
        "What it checks",
        *_wrap(f"{rule.title}; what counts: docs/checks.md, 'What the rules recognise'."),
        "",
        "Why an external team needs it",
        *_wrap(rule.why),
        "",
        "How to fix it",
        *_wrap(rule.fix),
        "",
        "Fails",
        *_indent(failing),
        "",
        "Passes",
        *_indent(passing),
    ]
    click.echo("\n".join(lines))


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, width=88, initial_indent="  ", subsequent_indent="  ")


def _indent(block: str) -> list[str]:
    return [f"  {line}" for line in block.splitlines()] or ["  (nothing)"]
