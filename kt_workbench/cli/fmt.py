"""``ktw fmt PATH... [--check]``: rewrite process files in the canonical format, the one
``ktw export`` writes, like ruff format or prettier do for code."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from kt_workbench.errors import InputError, KtwError
from kt_workbench.importing import ImportErrors, collect_markdown_files, read_document
from kt_workbench.markdown import parse_document, render_document


@click.command("fmt")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--check",
    is_flag=True,
    help="Change nothing; list the files that would change and exit 1 if there are any.",
)
def fmt_command(paths: tuple[Path, ...], check: bool) -> None:
    """Rewrite markdown process files (and *.md in folders) in the canonical format."""
    changed: list[Path] = []
    problems: list[KtwError] = []
    for path in collect_markdown_files(paths):
        try:
            document = read_document(path)
            source = path.read_text(encoding="utf-8")
        except (InputError, OSError, UnicodeDecodeError) as error:
            problems.append(
                error if isinstance(error, KtwError) else InputError(str(path), None, str(error))
            )
            continue
        canonical = render_document(document)
        if canonical == source:
            continue
        if parse_document(canonical, str(path)) != document:
            problems.append(
                InputError(str(path), None, "cannot be rewritten without changing its content")
            )
            continue
        changed.append(path)
        if not check:
            _write_atomically(path, canonical)
    verb = "would reformat" if check else "reformatted"
    for path in changed:
        click.echo(f"{verb} {path}")
    if problems:
        raise ImportErrors(problems)
    if check and changed:
        raise click.exceptions.Exit(1)
    if not changed:
        click.echo("All files are in the canonical format.")


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
