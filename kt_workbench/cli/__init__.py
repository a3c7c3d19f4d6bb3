"""The ``ktw`` command line: one click group, every command a thin shell over the core."""

from __future__ import annotations

import sys
from typing import Any

import click

from kt_workbench import __version__
from kt_workbench.cli.context import CliState
from kt_workbench.display import visible
from kt_workbench.errors import KtwError


class KtwGroup(click.Group):
    """Turns errors the user can fix into one line on stderr and a non-zero exit."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KtwError as error:
            # Messages quote ids, titles and paths: nothing in them may steer the terminal.
            click.echo(f"ktw: {visible(str(error), keep_newlines=True)}", err=True)
            ctx.exit(error.exit_code)


@click.group(cls=KtwGroup, invoke_without_command=True)
@click.option(
    "--db",
    metavar="PATH_OR_URL",
    envvar="KTW_DB",
    help="Database file or SQLAlchemy URL (default: ktw.db in the user data folder; env KTW_DB).",
)
@click.version_option(__version__, prog_name="ktw")
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """KT Workbench: document customer-service processes so an external team can run them."""
    ctx.obj = CliState(db=db)
    if ctx.invoked_subcommand is None:
        if sys.stdin.isatty() and sys.stdout.isatty():
            # Imported here so that every other command starts without loading textual.
            from kt_workbench.tui.app import create_app

            app = create_app(db)
            try:
                app.run()
            finally:
                app.library.store.close()
        else:
            click.echo(ctx.get_help())


def _register() -> None:
    from kt_workbench.cli.check import check_command
    from kt_workbench.cli.fmt import fmt_command
    from kt_workbench.cli.library import library_commands
    from kt_workbench.cli.rule import rule_command
    from kt_workbench.cli.search import search_command
    from kt_workbench.cli.team import team_commands

    for command in (*library_commands, check_command, search_command, *team_commands):
        main.add_command(command)
    for command in (rule_command, fmt_command):
        main.add_command(command)


_register()

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
