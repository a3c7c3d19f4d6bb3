"""``ktw kpi``: the figures a provider reaches after go-live, against the baseline and the
30/60/90-day targets each process states (see docs/governance.md)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import click

from kt_workbench.cli.context import open_store, require_document
from kt_workbench.errors import KtwError
from kt_workbench.governance.chart import text_chart
from kt_workbench.governance.facts import live_processes, worst_first
from kt_workbench.governance.kpi import KpiActual, MetricStatus, find_metric, process_status
from kt_workbench.governance.values import MetricValue, parse_value
from kt_workbench.model import Metric, ProcessDocument

FIGURE_EXAMPLES = "e.g. 84%, 7:45, 6m 30s, 4.2/5 or 120"


class _Day(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"{value!r} is not a date written YYYY-MM-DD", param, ctx)


DAY = _Day()


@click.group("kpi")
def kpi_group() -> None:
    """Record KPI figures after go-live and compare them with the baseline and 30/60/90-day
    targets."""


@kpi_group.command("go-live")
@click.argument("process_id", metavar="ID")
@click.argument("day", metavar="DATE", type=DAY)
@click.option("--by", help="Who records it (default: your name as git or the system knows it).")
@click.pass_context
def go_live_command(ctx: click.Context, process_id: str, day: dt.date, by: str | None) -> None:
    """Record the day a process went live with the provider (day 0 of its targets)."""
    require_document(ctx, process_id)
    earlier = open_store(ctx).set_go_live(process_id, day, by=by)
    was = f" (was {earlier.isoformat()})" if earlier and earlier != day else ""
    click.echo(f"{process_id} went live on {day.isoformat()}{was}")


def _unit_of(metric: Metric) -> str | None:
    for text in (metric.baseline, metric.target_90, metric.target_60, metric.target_30):
        value = parse_value(text)
        if value is not None:
            return value.unit
    return None


def _unit_name(unit: str) -> str:
    return {"%": "a percentage", "s": "a time", "": "a plain number"}.get(unit, f"a score {unit}")


@kpi_group.command("record")
@click.argument("process_id", metavar="ID")
@click.argument("metric_name", metavar="METRIC")
@click.argument("value", metavar="VALUE")
@click.option("--on", "day", type=DAY, help="The day the figure is for (default: today).")
@click.option("--note", default="", help="Where the figure comes from, or what explains it.")
@click.option("--by", help="Who records it (default: your name as git or the system knows it).")
@click.pass_context
def record_command(
    ctx: click.Context,
    process_id: str,
    metric_name: str,
    value: str,
    day: dt.date | None,
    note: str,
    by: str | None,
) -> None:
    """Record the figure a metric reached on a day (the same day again corrects it)."""
    document = require_document(ctx, process_id)
    metric = find_metric(document, metric_name)
    if metric is None:
        names = ", ".join(m.name for m in document.metrics) or "none: add them on the Metrics tab"
        raise KtwError(f"{process_id} has no metric called {metric_name!r}; its metrics: {names}")
    figure = parse_value(value)
    if figure is None:
        raise KtwError(f"{value!r} is not a figure; write it as the targets are, {FIGURE_EXAMPLES}")
    unit = _unit_of(metric)
    if unit is not None and figure.unit != unit:
        raise KtwError(
            f"{metric.name} is stated as {_unit_name(unit)} (baseline {metric.baseline or '—'}, "
            f"90 days {metric.target_90 or '—'}); {value!r} is {_unit_name(figure.unit)}"
        )
    today = dt.date.today()
    day = day or today
    if day > today:
        raise KtwError(f"{day.isoformat()} is in the future: record a figure once it is reached")
    actual = KpiActual(process_id, metric.name, day, value.strip(), by or "", note=note.strip())
    earlier = open_store(ctx).record_kpi(actual)
    replaced = f" (replacing {earlier.value})" if earlier and earlier.value != actual.value else ""
    click.echo(f"{process_id}: {metric.name} {actual.value} on {day.isoformat()}{replaced}")


def _show(value: MetricValue | None) -> str:
    return "—" if value is None else value.show()


def _status_line(status: MetricStatus) -> str:
    if status.status == "no figures":
        return "no figures recorded yet"
    latest = status.actuals[-1]
    when = f"day {status.day}" if status.day is not None else latest.measured_on.isoformat()
    line = f"latest {latest.value} on {when}"
    if status.expected is not None:
        line += f", expected {_show(status.expected)}"
    line += f": {status.status}"
    if status.status == "no target" and status.day is None:
        line += " (record the go-live date: ktw kpi go-live ID DATE)"
    if status.drift:
        line += f", {status.drift}"
    return line


def _as_json(document: ProcessDocument, go_live: dt.date | None, statuses: list[MetricStatus]):  # type: ignore[no-untyped-def]
    return {
        "id": document.id,
        "title": document.title,
        "go_live": go_live.isoformat() if go_live else None,
        "metrics": [
            {
                "metric": status.metric.name,
                "better": status.better,
                "baseline": status.metric.baseline,
                "targets": {
                    "30": status.metric.target_30,
                    "60": status.metric.target_60,
                    "90": status.metric.target_90,
                },
                "status": status.status,
                "day": status.day,
                "actual": _show(status.actual) if status.actual else None,
                "expected": _show(status.expected) if status.expected else None,
                "gap": status.gap,
                "drift": status.drift,
                "figures": [
                    {
                        "on": actual.measured_on.isoformat(),
                        "value": actual.value,
                        "note": actual.note,
                        "recorded_by": actual.recorded_by,
                    }
                    for actual in status.actuals
                ],
            }
            for status in statuses
        ],
    }


@kpi_group.command("show")
@click.argument("process_id", metavar="ID")
@click.option(
    "--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_context
def show_command(ctx: click.Context, process_id: str, output: str) -> None:
    """Every metric of a process: its targets, the figures reached, a chart and the status."""
    document = require_document(ctx, process_id)
    store = open_store(ctx)
    go_live = store.go_live(process_id)
    statuses = process_status(document, store.kpi_actuals(process_id), go_live)
    if output == "json":
        click.echo(json.dumps(_as_json(document, go_live, statuses), indent=2, ensure_ascii=False))
        return
    live = f"went live {go_live.isoformat()}" if go_live else "no go-live date recorded"
    click.echo(f"{document.title} ({document.id}), {live}")
    if not statuses:
        click.echo("  The process lists no metrics: add a baseline and 30/60/90-day targets.")
    for status in statuses:
        metric = status.metric
        better = f", {status.better} is better" if status.better else ""
        click.echo("")
        click.echo(
            f"{metric.name}{better}: baseline {metric.baseline or '—'}, 30 days "
            f"{metric.target_30 or '—'}, 60 days {metric.target_60 or '—'}, 90 days "
            f"{metric.target_90 or '—'}"
        )
        click.echo(f"  {_status_line(status)}")
        ordinal = go_live.toordinal() if go_live else None
        for line in text_chart(status, ordinal) if status.actuals else []:
            click.echo(f"  {line}")


@kpi_group.command("report")
@click.option(
    "--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--fail-on-behind", is_flag=True, help="Exit 1 when any metric is behind its target.")
@click.pass_context
def report_command(ctx: click.Context, output: str, fail_on_behind: bool) -> None:
    """Every live process's metrics against their targets, what is behind or drifting first."""
    results = live_processes(open_store(ctx))
    rows = worst_first(results)
    behind = sum(1 for _, status in rows if status.status == "behind")
    if output == "json":
        payload = [_as_json(document, live, statuses) for document, live, statuses in results]
        click.echo(
            json.dumps({"processes": payload, "behind": behind}, indent=2, ensure_ascii=False)
        )
    elif not results:
        click.echo("No process has gone live yet: record one with 'ktw kpi go-live ID DATE'.")
    elif not rows:
        click.echo(
            f"{len(results)} live process{'es' if len(results) != 1 else ''}, none with metrics: "
            "add a baseline and 30/60/90-day targets to each."
        )
    else:
        header = ("Process", "Metric", "Day", "Latest", "Expected", "Status", "Drift")
        table = [header] + [
            (
                document.id,
                status.metric.name,
                "" if status.day is None else str(status.day),
                status.actuals[-1].value if status.actuals else "",
                _show(status.expected) if status.expected else "",
                status.status,
                status.drift or "",
            )
            for document, status in rows
        ]
        widths = [max(len(row[column]) for row in table) for column in range(len(header))]
        for row in table:
            click.echo(
                "  ".join(
                    cell.ljust(width) for cell, width in zip(row, widths, strict=True)
                ).rstrip()
            )
        click.echo(f"\n{behind} metric{'s' if behind != 1 else ''} behind target.")
    if fail_on_behind and behind:
        ctx.exit(1)
