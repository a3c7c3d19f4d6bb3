"""``ktw wave`` and ``ktw ack``: transition waves, their stages and go/no-go reports, and the
provider's acknowledgement of each version it holds (see docs/governance.md)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import click

from kt_workbench.cli.context import open_store, require_document, settings_of
from kt_workbench.errors import KtwError, NotFoundError
from kt_workbench.governance.facts import wave_facts
from kt_workbench.governance.waves import (
    GoNoGo,
    Wave,
    WaveEvent,
    go_no_go,
)
from kt_workbench.store import ProcessStore
from kt_workbench.store.authors import default_author


def _wave(store: ProcessStore, name: str) -> Wave:
    found = next((wave for wave in store.waves() if wave.name == name), None)
    if found is None:
        raise NotFoundError(f"no wave called {name!r} (see 'ktw wave list')")
    return found


def _require_processes(ctx: click.Context, ids: tuple[str, ...]) -> list[str]:
    for process_id in ids:
        require_document(ctx, process_id)
    return list(dict.fromkeys(ids))


@click.group("wave")
def wave_group() -> None:
    """Plan the handover in waves and move each through its stages on a go/no-go report."""


@wave_group.command("create")
@click.argument("name")
@click.argument("process_ids", nargs=-1, metavar="[ID]...")
@click.option("--recipient", required=True, help="The provider the wave is handed to.")
@click.pass_context
def create_command(
    ctx: click.Context, name: str, process_ids: tuple[str, ...], recipient: str
) -> None:
    """Start a wave of processes for a recipient; it begins in preparation."""
    ids = _require_processes(ctx, process_ids)
    open_store(ctx).create_wave(name, recipient, ids)
    click.echo(f"Created {name} for {recipient}: {len(ids)} processes, at preparation")


@wave_group.command("add")
@click.argument("name")
@click.argument("process_ids", nargs=-1, required=True, metavar="ID...")
@click.pass_context
def add_command(ctx: click.Context, name: str, process_ids: tuple[str, ...]) -> None:
    """Add processes to a wave (a process belongs to one wave)."""
    open_store(ctx).add_to_wave(name, _require_processes(ctx, process_ids))
    click.echo(f"{name} now holds {len(_wave(open_store(ctx), name).process_ids)} processes")


@wave_group.command("remove")
@click.argument("name")
@click.argument("process_ids", nargs=-1, required=True, metavar="ID...")
@click.pass_context
def remove_command(ctx: click.Context, name: str, process_ids: tuple[str, ...]) -> None:
    """Take processes out of a wave."""
    open_store(ctx).remove_from_wave(name, list(process_ids))
    click.echo(f"{name} now holds {len(_wave(open_store(ctx), name).process_ids)} processes")


@wave_group.command("list")
@click.option(
    "--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_context
def list_command(ctx: click.Context, output: str) -> None:
    """Every wave with its recipient, stage and processes."""
    waves = open_store(ctx).waves()
    if output == "json":
        rows = [
            {
                "name": wave.name,
                "recipient": wave.recipient,
                "stage": wave.stage,
                "processes": list(wave.process_ids),
            }
            for wave in waves
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not waves:
        click.echo("No waves yet: ktw wave create NAME --recipient PROVIDER ID...")
    for wave in waves:
        click.echo(
            f"{wave.name} for {wave.recipient}: {wave.stage}, {len(wave.process_ids)} "
            f"process{'es' if len(wave.process_ids) != 1 else ''}"
        )
        for process_id in wave.process_ids:
            click.echo(f"  {process_id}")


def _report_json(report: GoNoGo, today: dt.date) -> dict[str, Any]:
    return {
        "wave": report.wave.name,
        "recipient": report.wave.recipient,
        "stage": report.stage.key,
        "next_stage": report.next.key if report.next else None,
        "date": today.isoformat(),
        "verdict": "go" if report.go else "no-go",
        "missing_processes": list(report.missing),
        "checks": [
            {
                "process": check.process_id,
                "criterion": check.criterion,
                "passed": check.passed,
                "detail": check.detail,
            }
            for check in report.checks
        ],
        "history": [
            {
                "from": event.from_stage,
                "to": event.to_stage,
                "verdict": event.verdict,
                "by": event.decided_by,
                "at": event.decided_at.isoformat(),
                "note": event.note,
            }
            for event in report.wave.events
        ],
    }


def _report_markdown(report: GoNoGo, today: dt.date) -> str:
    wave = report.wave
    verdict = "GO" if report.go else "NO-GO"
    target = report.next.title if report.next else "nothing further"
    lines = [
        f"# Go/no-go: wave {wave.name}",
        "",
        f"Recipient: {wave.recipient}. Stage: {report.stage.title} ({report.stage.what}) "
        f"Next: {target}. Judged on {today.isoformat()}.",
        "",
        f"**Verdict: {verdict}**"
        + (
            f": {len(report.failed)} of {len(report.checks)} checks not met"
            if report.failed
            else ""
        ),
        "",
    ]
    if not wave.process_ids:
        lines += ["The wave holds no process.", ""]
    for process_id in report.missing:
        lines.append(f"- {process_id}: no longer in the library")
    by_process: dict[str, list[Any]] = {}
    for check in report.checks:
        by_process.setdefault(check.process_id, []).append(check)
    if by_process:
        lines += ["| Process | Check | Met | Detail |", "| --- | --- | --- | --- |"]
        for process_id, checks in by_process.items():
            for check in checks:
                mark = "yes" if check.passed else "**no**"
                detail = check.detail.replace("|", "\\|")
                lines.append(f"| {process_id} | {check.criterion} | {mark} | {detail} |")
        lines.append("")
    if wave.events:
        lines += ["## Decisions", ""]
        for event in wave.events:
            note = f": {event.note}" if event.note else ""
            lines.append(
                f"- {event.decided_at:%Y-%m-%d} {event.from_stage} → {event.to_stage}, "
                f"{event.verdict} by {event.decided_by}{note}"
            )
    return "\n".join(lines).rstrip() + "\n"


def _report_text(report: GoNoGo) -> str:
    wave = report.wave
    verdict = "GO" if report.go else "NO-GO"
    target = f" → {report.next.key}" if report.next else ""
    lines = [f"{wave.name} for {wave.recipient}, {wave.stage}{target}: {verdict}"]
    if report.next is None:
        lines.append("  The last stage: nothing further to pass.")
    if not wave.process_ids:
        lines.append("  The wave holds no process: add some with 'ktw wave add'.")
    for process_id in report.missing:
        lines.append(f"  {process_id}: no longer in the library (ktw wave remove)")
    current = ""
    for check in report.checks:
        if check.process_id != current:
            current = check.process_id
            lines.append(f"  {current}")
        mark = "ok " if check.passed else "NO "
        lines.append(f"    {mark} {check.criterion}: {check.detail}")
    return "\n".join(lines)


@wave_group.command("report")
@click.argument("name")
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
)
@click.pass_context
def report_command(ctx: click.Context, name: str, output: str) -> None:
    """The go/no-go report of a wave's current stage: every exit check, met or not, and why."""
    store = open_store(ctx)
    wave = _wave(store, name)
    today = dt.date.today()
    report = go_no_go(wave, wave_facts(store, wave, settings_of(ctx).checker), today)
    if output == "json":
        click.echo(json.dumps(_report_json(report, today), indent=2, ensure_ascii=False))
    elif output == "markdown":
        click.echo(_report_markdown(report, today), nl=False)
    else:
        click.echo(_report_text(report))


@wave_group.command("advance")
@click.argument("name")
@click.option("--by", help="Who decides (default: your name as git or the system knows it).")
@click.option("--note", default="", help="What the decision rests on.")
@click.option(
    "--override",
    metavar="REASON",
    help="Move on although the gate says no-go; the reason is recorded with the decision.",
)
@click.pass_context
def advance_command(
    ctx: click.Context, name: str, by: str | None, note: str, override: str | None
) -> None:
    """Move a wave to its next stage when its exit gate says go (or with --override REASON)."""
    store = open_store(ctx)
    wave = _wave(store, name)
    report = go_no_go(wave, wave_facts(store, wave, settings_of(ctx).checker), dt.date.today())
    if report.next is None:
        raise KtwError(f"{name} is in its last stage ({wave.stage}); nothing further")
    if not report.go and not (override and override.strip()):
        click.echo(_report_text(report), err=True)
        raise KtwError(
            f"{name} cannot leave {wave.stage}: {len(report.failed)} checks not met "
            "(above); fix them, or decide with --override REASON"
        )
    verdict = "go" if report.go else "override"
    reason = (
        note.strip() if report.go else "; ".join(p for p in (override or "", note) if p.strip())
    )
    event = WaveEvent(
        wave.stage,
        report.next.key,
        verdict,
        (by or default_author()).strip() or default_author(),
        dt.datetime.now(dt.UTC),
        reason.strip(),
    )
    store.move_wave(name, event)
    click.echo(f"{name}: {wave.stage} → {report.next.key} ({verdict})")


@click.command("ack")
@click.argument("process_id", metavar="ID")
@click.option("--recipient", required=True, help="The provider confirming it has read it.")
@click.option("--by", "by", required=True, help="Who at the provider confirms.")
@click.option(
    "--version", type=int, help="The version read (default: the one its last pack holds)."
)
@click.option("--note", default="", help="Anything the provider adds.")
@click.pass_context
def ack_command(
    ctx: click.Context,
    process_id: str,
    recipient: str,
    by: str,
    version: int | None,
    note: str,
) -> None:
    """Record that a provider has read a version of a process it was sent."""
    store = open_store(ctx)
    require_document(ctx, process_id)
    pack = store.last_pack(recipient)
    held = None if pack is None else pack.versions.get(process_id)
    if version is None:
        if held is None:
            raise KtwError(
                f"{recipient} was never sent {process_id}; send a pack first, or give --version"
            )
        version = held
    added = store.acknowledge(recipient, process_id, version, by=by, note=note.strip())
    found = store.get_with_version(process_id)
    latest = found[1] if found else version
    already = "" if added else " (already recorded)"
    newer = f"; version {latest} is newer and needs acknowledging too" if latest > version else ""
    click.echo(f"{recipient} acknowledged {process_id} version {version}{already}{newer}")


@click.command("acks")
@click.argument("recipient")
@click.option(
    "--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_context
def acks_command(ctx: click.Context, recipient: str, output: str) -> None:
    """What a provider holds and has acknowledged: current, out of date after a delta pack,
    or never acknowledged."""
    store = open_store(ctx)
    pack = store.last_pack(recipient)
    if pack is None:
        raise KtwError(f"no pack was ever recorded for {recipient} (see 'ktw pack-delta')")
    acknowledged = store.acknowledgements(recipient)
    rows = []
    for process_id, held in sorted(pack.versions.items()):
        ack = acknowledged.get(process_id)
        if ack is None:
            state = "not acknowledged"
        elif ack.version >= held:
            state = "acknowledged"
        else:
            state = "renew: a newer version was sent"
        rows.append(
            {
                "process": process_id,
                "holds": held,
                "acknowledged": None if ack is None else ack.version,
                "by": None if ack is None else ack.acknowledged_by,
                "state": state,
            }
        )
    if output == "json":
        click.echo(json.dumps({"recipient": recipient, "processes": rows}, indent=2))
        return
    waiting = sum(1 for row in rows if row["state"] != "acknowledged")
    click.echo(
        f"{recipient} holds {len(rows)} processes from pack {pack.number}; {waiting} to acknowledge"
    )
    for row in rows:
        acked = (
            ""
            if row["acknowledged"] is None
            else f", acknowledged v{row['acknowledged']} by {row['by']}"
        )
        click.echo(f"  {row['process']}: holds v{row['holds']}{acked}: {row['state']}")
