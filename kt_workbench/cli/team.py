"""Team commands: history, diff, sign-off, and delta handover packs (see docs/team.md)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path

import click

from kt_workbench.checker import CheckerConfig
from kt_workbench.cli.context import open_store, settings_of
from kt_workbench.errors import KtwError, NotFoundError, StoreError
from kt_workbench.model import ProcessDocument
from kt_workbench.store import ProcessStore, RevisionInfo, SignOff
from kt_workbench.team.delta import ChangedProcess, PackDelta
from kt_workbench.team.diff import (
    SectionChange,
    summarize_changes,
    summarize_markdown_changes,
    unified_markdown_diff,
)


def _when(moment: dt.datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M} UTC"


def _history(store: ProcessStore, process_id: str) -> list[RevisionInfo]:
    revisions = store.revisions(process_id)
    if not revisions:
        raise NotFoundError.for_process(process_id)
    return revisions


@click.command("history")
@click.argument("process_id", metavar="ID")
@click.option(
    "--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_context
def history_command(ctx: click.Context, process_id: str, output: str) -> None:
    """List every saved version of a process: when, by whom, and who signed it off."""
    store = open_store(ctx)
    revisions = _history(store, process_id)
    signed: dict[int, list[SignOff]] = {}
    for sign_off in store.sign_offs(process_id):
        signed.setdefault(sign_off.version, []).append(sign_off)
    if output == "json":
        rows = [
            {
                "version": revision.version,
                "saved_at": revision.saved_at.isoformat(),
                "author": revision.author,
                "sign_offs": [
                    {"by": s.signed_by, "at": s.signed_at.isoformat(), "note": s.note}
                    for s in signed.get(revision.version, [])
                ],
            }
            for revision in revisions
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    state = "" if process_id in store.ids() else " (deleted; its history is kept)"
    click.echo(f"History of {process_id}{state}:")
    for revision in revisions:
        author = revision.author or "unknown (saved before history was kept)"
        line = f"  version {revision.version:<4} {_when(revision.saved_at)}  {author}"
        approvals = signed.get(revision.version, [])
        names = ", ".join(sign_off.signed_by for sign_off in approvals)
        click.echo(f"{line}  [signed off by {names}]" if approvals else line)
        for sign_off in approvals:
            if sign_off.note:
                click.echo(f"      {sign_off.signed_by}: {sign_off.note}")


def _section_changes(
    store: ProcessStore, process_id: str, old: int, new: int
) -> list[SectionChange]:
    """Section summary between two versions (0 = nothing), by document where both parse."""

    def document(version: int) -> ProcessDocument | None:
        return None if version == 0 else store.revision(process_id, version)

    try:
        return summarize_changes(document(old), document(new))
    except StoreError:  # a revision the parser cannot read back: compare its text instead
        before = store.revision_markdown(process_id, old) if old else ""
        return summarize_markdown_changes(before, store.revision_markdown(process_id, new))


@click.command("diff")
@click.argument("process_id", metavar="ID")
@click.argument("from_version", metavar="[FROM]", type=int, required=False)
@click.argument("to_version", metavar="[TO]", type=int, required=False)
@click.option("--summary", is_flag=True, help="Only list the sections that changed.")
@click.pass_context
def diff_command(
    ctx: click.Context,
    process_id: str,
    from_version: int | None,
    to_version: int | None,
    summary: bool,
) -> None:
    """Show what changed in a process between two versions (default: previous to latest).

    FROM may be 0, meaning before the process existed."""
    store = open_store(ctx)
    revisions = {revision.version: revision for revision in _history(store, process_id)}
    versions = sorted(revisions)
    new = versions[-1] if to_version is None else to_version
    if from_version is None:
        earlier = [version for version in versions if version < new]
        old = earlier[-1] if earlier else 0
    else:
        old = from_version
    for version in (old, new):
        if version != 0 and version not in revisions:
            raise NotFoundError(
                f"process '{process_id}' has no version {version} "
                f"(its versions: {', '.join(map(str, versions))})"
            )

    def describe(version: int) -> str:
        if version == 0:
            return "nothing (before it existed)"
        revision = revisions[version]
        return f"version {version} ({revision.author or 'unknown'}, {_when(revision.saved_at)})"

    click.echo(f"{process_id}: {describe(old)} → {describe(new)}")
    changes = _section_changes(store, process_id, old, new)
    if not changes:
        click.echo("No changes.")
        return
    click.echo("Changed sections:")
    for change in changes:
        click.echo(f"  - {change}")
    if summary:
        return
    before = store.revision_markdown(process_id, old) if old else ""
    after = store.revision_markdown(process_id, new)
    label = f"{process_id} version"
    click.echo("")
    click.echo(unified_markdown_diff(before, after, f"{label} {old}", f"{label} {new}"), nl=False)


@click.command("sign-off")
@click.argument("process_id", metavar="ID")
@click.option("--version", "version", type=int, help="The version to approve (default: latest).")
@click.option("--by", "signed_by", required=True, help="Who approves it.")
@click.option("--note", default="", help="A remark kept with the sign-off.")
@click.pass_context
def sign_off_command(
    ctx: click.Context, process_id: str, version: int | None, signed_by: str, note: str
) -> None:
    """Record who approved which version of a process."""
    store = open_store(ctx)
    if version is None:
        version = _history(store, process_id)[-1].version
    record = store.sign_off(process_id, version, signed_by, note)
    click.echo(f"Signed off {process_id} version {record.version} by {record.signed_by}.")
    if not record.is_latest:
        click.echo(
            f"Note: version {record.version} is not the latest; the latest is "
            f"{record.latest_version} (see 'ktw diff {process_id} {record.version} "
            f"{record.latest_version}')."
        )


def _describe_delta(delta: PackDelta) -> list[str]:
    lines = [f"new      {pid}  (version {version})" for pid, version in delta.new]
    lines += [
        f"changed  {c.id}  (version {c.from_version} → {c.to_version})" for c in delta.changed
    ]
    lines += [f"removed  {pid}  (last sent as version {version})" for pid, version in delta.removed]
    return lines


@click.command("pack-delta")
@click.argument("recipient")
@click.option(
    "--out", type=click.Path(path_type=Path), required=True, help="Folder to write the pack into."
)
@click.option("--dry-run", is_flag=True, help="Say what the pack would hold; write nothing.")
@click.option(
    "--allow-secrets",
    is_flag=True,
    help="Write the pack even if a process holds a credential, written as [hidden] everywhere.",
)
@click.option(
    "--wave", "wave_name", metavar="NAME", help="Only the processes of this transition wave."
)
@click.pass_context
def pack_delta_command(
    ctx: click.Context,
    recipient: str,
    out: Path,
    dry_run: bool,
    allow_secrets: bool,
    wave_name: str | None,
) -> None:
    """Write a handover pack of what changed since RECIPIENT's last pack, with CHANGES.md.

    The first pack for a recipient holds every process. The pack is recorded, so the next
    one starts from here."""
    store = open_store(ctx)
    only = None if wave_name is None else _wave_processes(store, wave_name, recipient)
    delta = store.changes_since_last_pack(recipient, only)
    since = (
        f"since pack {delta.last_pack} ({delta.last_pack_at:%Y-%m-%d})"
        if delta.last_pack is not None and delta.last_pack_at is not None
        else "(first pack)"
    )
    if delta.is_empty:
        if delta.last_pack is None:
            raise KtwError("the library is empty: import some processes first")
        click.echo(f"Nothing changed for {recipient} {since}; no pack written.")
        return
    for line in _describe_delta(delta):
        click.echo(line)
    if dry_run:
        click.echo(f"Dry run: nothing was written or recorded for {recipient}.")
        return
    number = _write_delta_pack(store, delta, out, settings_of(ctx).checker, allow_secrets)
    click.echo(
        f"Wrote pack {number} for {recipient} to {out} {since}: {len(delta.new)} new, "
        f"{len(delta.changed)} changed, {len(delta.removed)} removed (see CHANGES.md)."
    )


def _wave_processes(store: ProcessStore, name: str, recipient: str) -> tuple[str, ...]:
    wave = next((wave for wave in store.waves() if wave.name == name), None)
    if wave is None:
        raise NotFoundError(f"no wave called {name!r} (see 'ktw wave list')")
    if wave.recipient != recipient:
        raise KtwError(f"wave {name!r} is handed to {wave.recipient}, not {recipient}")
    if not wave.process_ids:
        raise KtwError(f"wave {name!r} holds no process: add some with 'ktw wave add'")
    return wave.process_ids


def _write_delta_pack(
    store: ProcessStore, delta: PackDelta, out: Path, config: CheckerConfig, allow_secrets: bool
) -> int:
    # Imported here so the other team commands start without the handover machinery.
    from kt_workbench.cli.readiness import pack_readiness
    from kt_workbench.handover import export_pack
    from kt_workbench.handover.pack import process_file_names
    from kt_workbench.team.changes import render_changes

    # Exactly the recorded versions, even if someone saves meanwhile.
    documents = [store.revision(pid, version) for pid, version in sorted(delta.to_send().items())]
    titles = {document.id: document.title for document in documents}
    titles |= _removed_titles(store, delta.removed)
    sections = {change.id: _changed_sections(store, change) for change in delta.changed}
    previous = delta.last_pack or 0
    changes = render_changes(
        delta, previous + 1, titles, process_file_names(documents), sections, dt.date.today()
    )
    # CHANGES.md is part of the pack, so it appears (and is checked for credentials) with it.
    readiness = pack_readiness(store, documents, config)
    extra = {"CHANGES.md": changes}
    export_pack(documents, out, readiness, allow_secrets=allow_secrets, extra_files=extra)
    return store.record_pack(delta.recipient, delta.versions_after()).number


def _changed_sections(store: ProcessStore, change: ChangedProcess) -> list[SectionChange]:
    return _section_changes(store, change.id, change.from_version, change.to_version)


def _removed_titles(store: ProcessStore, removed: Sequence[tuple[str, int]]) -> dict[str, str]:
    titles = {}
    for process_id, version in removed:
        try:
            titles[process_id] = store.revision(process_id, version).title
        except KtwError:
            continue  # the id alone still tells the provider what to stop using
    return titles


team_commands = [history_command, diff_command, sign_off_command, pack_delta_command]
