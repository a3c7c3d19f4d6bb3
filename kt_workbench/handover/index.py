"""The pack's README: contents, access provisioning checklist, escalation matrix, glossary,
metric targets, readiness and known gaps, merged across every process in the pack."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kt_workbench.markdown.escaping import escape_cell, escape_heading_text
from kt_workbench.model import ProcessDocument

PACK_MARKER = "<!-- ktw handover pack -->"


@dataclass(frozen=True)
class Readiness:
    """What the checker says about one process, as the pack shows it."""

    score: int
    readiness: str
    gaps: tuple[str, ...] = ()


def _cell(text: object) -> str:
    return escape_cell(str(text).replace("\n", " ")) if text not in (None, "") else "—"


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines.extend("| " + " | ".join(_cell(value) for value in row) + " |" for row in rows)
    return lines


def build_index(
    documents: Sequence[ProcessDocument],
    links: Mapping[str, str],
    readiness: Mapping[str, Readiness] | None = None,
    generated: dt.date | None = None,
) -> str:
    """Markdown for the pack README. ``links`` maps process id to its file in the pack."""
    readiness = readiness or {}
    generated = generated or dt.date.today()
    out = [
        PACK_MARKER,
        "# Handover pack",
        "",
        f"Generated {generated.isoformat()} by KT Workbench: {len(documents)} process"
        f"{'es' if len(documents) != 1 else ''}.",
        "",
        "## Contents",
        "",
    ]
    header = ["Process", "Team", "Owner", "Status", "Volume / month"]
    if readiness:
        header += ["Score", "Readiness"]
    rows = []
    for doc in documents:
        row: list[object] = [
            f"[{escape_cell(doc.title)}]({links[doc.id]})",
            doc.team,
            doc.owner,
            doc.status,
            doc.volume_per_month if doc.volume_per_month is not None else "",
        ]
        if readiness:
            report = readiness.get(doc.id)
            row += [report.score if report else "", report.readiness if report else ""]
        rows.append(row)
    out += _table(header, rows)
    out += _access_checklist(documents)
    out += _escalation_matrix(documents)
    out += _metric_targets(documents)
    out += _glossary(documents)
    if readiness:
        out += _known_gaps(documents, readiness)
    return "\n".join(out).rstrip() + "\n"


def _access_checklist(documents: Sequence[ProcessDocument]) -> list[str]:
    merged: dict[tuple[str, str, str], dict[str, list[str]]] = {}
    display: dict[tuple[str, str, str], tuple[str, str, str]] = {}
    for doc in documents:
        for right in doc.access_rights:
            key = (right.system.casefold(), right.role.casefold(), right.access.casefold())
            display.setdefault(key, (right.system, right.role, right.access))
            entry = merged.setdefault(key, {"request": [], "approver": [], "processes": []})
            for field, value in (("request", right.how_to_request), ("approver", right.approver)):
                if value and value not in entry[field]:
                    entry[field].append(value)
            if doc.id not in entry["processes"]:
                entry["processes"].append(doc.id)
    out = ["", "## Access provisioning checklist", ""]
    if not merged:
        return [*out, "No process in this pack lists the access its agents need."]
    out.append("Grant each of these before go-live; tick them off as they are provisioned.")
    out.append("")
    for key in sorted(merged, key=lambda k: (k[0], k[1], k[2])):
        system, role, access = display[key]
        entry = merged[key]
        line = f"- [ ] **{system or 'unnamed system'}**: {role or 'role not stated'}"
        line += f", {access or 'access level not stated'}"
        if entry["request"]:
            line += f"; request via {' / '.join(entry['request'])}"
        if entry["approver"]:
            line += f"; approved by {' / '.join(entry['approver'])}"
        line += f" (used by {', '.join(entry['processes'])})"
        out.append(line)
    return out


def _escalation_matrix(documents: Sequence[ProcessDocument]) -> list[str]:
    rows = [
        (doc.id, contact.role, contact.name, contact.channel, contact.hours)
        for doc in documents
        for contact in doc.contacts
    ]
    out = ["", "## Escalation matrix", ""]
    if not rows:
        return [*out, "No escalation contacts are recorded."]
    return out + _table(["Process", "Role", "Name", "Channel", "Hours"], rows)


def _metric_targets(documents: Sequence[ProcessDocument]) -> list[str]:
    rows = [
        (doc.id, m.name, m.baseline, m.target_30, m.target_60, m.target_90)
        for doc in documents
        for m in doc.metrics
    ]
    out = ["", "## Baseline and targets", ""]
    if not rows:
        return [*out, "No baseline metrics are recorded."]
    return out + _table(["Process", "Metric", "Baseline", "30 days", "60 days", "90 days"], rows)


def _glossary(documents: Sequence[ProcessDocument]) -> list[str]:
    terms: dict[str, dict[str, list[str]]] = {}
    names: dict[str, str] = {}
    for doc in documents:
        for entry in doc.glossary:
            key = entry.term.casefold()
            names.setdefault(key, entry.term)
            terms.setdefault(key, {}).setdefault(entry.meaning, []).append(doc.id)
    out = ["", "## Glossary", ""]
    if not terms:
        return [*out, "No terms are defined."]
    rows = []
    for key in sorted(terms):
        meanings = terms[key]
        if len(meanings) == 1:
            rows.append((names[key], next(iter(meanings))))
        else:  # the same term means different things in different processes: show each
            joined = "; ".join(f"{m} ({', '.join(ids)})" for m, ids in meanings.items())
            rows.append((names[key], joined))
    return out + _table(["Term", "Meaning"], rows)


def _known_gaps(
    documents: Sequence[ProcessDocument], readiness: Mapping[str, Readiness]
) -> list[str]:
    out = ["", "## Known gaps", ""]
    gaps = [(doc, readiness[doc.id]) for doc in documents if doc.id in readiness]
    if not any(report.gaps for _, report in gaps):
        return [*out, "The completeness check found no open gaps."]
    out.append("What the completeness check found still open in each process.")
    for doc, report in gaps:
        if not report.gaps:
            continue
        heading = escape_heading_text(doc.title)
        out += ["", f"### {heading} ({report.readiness}, {report.score}/100)", ""]
        out += [f"- {gap}" for gap in report.gaps]
    return out
