"""The ``ktw`` command line: one click group, every command a thin shell over the core.

Commands are imported only when they run, so ``ktw --help``, ``--version`` and the quick
commands do not load the database layer, the checker or the search engine they do not use.
The command list below is the one register of commands; the help line of each is kept next
to it so that listing them needs no import (a test checks the lines match the commands).
"""

from __future__ import annotations

import sys
from importlib import import_module
from pathlib import Path
from typing import Any

import click

from kt_workbench import __version__
from kt_workbench.cli.context import CliState
from kt_workbench.display import visible
from kt_workbench.errors import KtwError

SUMMARY_LIMIT = 1000
# name: (module, attribute, the command's summary: ``command.get_short_help_str(SUMMARY_LIMIT)``)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "ack": (
        "kt_workbench.cli.waves",
        "ack_command",
        "Record that a provider has read a version of a process it was sent.",
    ),
    "acks": (
        "kt_workbench.cli.waves",
        "acks_command",
        "What a provider holds and has acknowledged: current, out of date after a delta pack, "
        "or never acknowledged.",
    ),
    "check": (
        "kt_workbench.cli.check",
        "check_command",
        "Score processes for handover readiness and list every gap, like a linter.",
    ),
    "delete": (
        "kt_workbench.cli.library",
        "delete_command",
        "Delete one process from the library.",
    ),
    "diff": (
        "kt_workbench.cli.team",
        "diff_command",
        "Show what changed in a process between two versions (default: previous to latest).",
    ),
    "export": (
        "kt_workbench.cli.library",
        "export_command",
        "Write a handover pack: an index (contents, access checklist, glossary, targets, "
        "gaps) and every process in the canonical format with its decision tree drawn.",
    ),
    "fmt": (
        "kt_workbench.cli.fmt",
        "fmt_command",
        "Rewrite markdown process files (and *.md in folders) in the canonical format.",
    ),
    "history": (
        "kt_workbench.cli.team",
        "history_command",
        "List every saved version of a process: when, by whom, and who signed it off.",
    ),
    "import": (
        "kt_workbench.cli.library",
        "import_command",
        "Import process files: markdown, Word and HTML (folders are searched).",
    ),
    "init": (
        "kt_workbench.cli.library",
        "init_command",
        "Create the database (if needed) and optionally load the sample processes.",
    ),
    "kpi": (
        "kt_workbench.cli.kpi",
        "kpi_group",
        "Record KPI figures after go-live and compare them with the baseline and 30/60/90-day "
        "targets.",
    ),
    "list": (
        "kt_workbench.cli.library",
        "list_command",
        "List the processes in the library with their readiness.",
    ),
    "pack-delta": (
        "kt_workbench.cli.team",
        "pack_delta_command",
        "Write a handover pack of what changed since RECIPIENT's last pack, with CHANGES.md.",
    ),
    "rule": (
        "kt_workbench.cli.rule",
        "rule_command",
        "Explain a checker rule (KT402), with a document it faults and one it passes.",
    ),
    "search": (
        "kt_workbench.cli.search",
        "search_command",
        "Search every process for QUERY, forgiving typos.",
    ),
    "show": (
        "kt_workbench.cli.library",
        "show_command",
        "Print one process in the canonical markdown format.",
    ),
    "sign-off": (
        "kt_workbench.cli.team",
        "sign_off_command",
        "Record who approved which version of a process.",
    ),
    "wave": (
        "kt_workbench.cli.waves",
        "wave_group",
        "Plan the handover in waves and move each through its stages on a go/no-go report.",
    ),
}


class KtwGroup(click.Group):
    """Loads commands on demand and turns errors the user can fix into one line on stderr
    and a non-zero exit."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, attribute, _ = COMMANDS[cmd_name]
            self.add_command(getattr(import_module(module), attribute), cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [(name, _shorten(self._summary(ctx, name), limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def _summary(self, ctx: click.Context, name: str) -> str:
        if name in COMMANDS:
            return COMMANDS[name][2]
        command = self.get_command(ctx, name)
        return "" if command is None else command.get_short_help_str(SUMMARY_LIMIT)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KtwError as error:
            # Messages quote ids, titles and paths: nothing in them may steer the terminal.
            click.echo(f"ktw: {visible(str(error), keep_newlines=True)}", err=True)
            ctx.exit(error.exit_code)


def _shorten(text: str, limit: int) -> str:
    """As click shortens help in command lists: whole words, then '...'."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 3, 0)].rsplit(" ", 1)[0]
    return f"{cut.rstrip(' ,;:')}..." if cut else text[:limit]


@click.group(cls=KtwGroup, invoke_without_command=True)
@click.option(
    "--db",
    metavar="PATH_OR_URL",
    envvar="KTW_DB",
    help="Database file or SQLAlchemy URL (default: ktw.db in the user data folder; env KTW_DB).",
)
@click.option(
    "--config",
    "config_path",
    metavar="FILE",
    envvar="KTW_CONFIG",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Settings file (default: ktw.toml in the user config folder, if present; env KTW_CONFIG).",
)
@click.version_option(__version__, prog_name="ktw")
@click.pass_context
def main(ctx: click.Context, db: str | None, config_path: Path | None) -> None:
    """KT Workbench: document customer-service processes so an external team can run them."""
    ctx.obj = CliState(db=db, config_path=config_path)
    if ctx.invoked_subcommand is None:
        if sys.stdin.isatty() and sys.stdout.isatty():
            # Imported here so that every other command starts without loading textual.
            from kt_workbench.tui.app import create_app

            app = create_app(db, settings=ctx.obj.settings)
            try:
                app.run()
            finally:
                app.library.close()
        else:
            click.echo(ctx.get_help())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
