"""What the store knows that governance judges: each wave process's facts for its gate, and
every live process's metrics against their targets. Shared by the CLI and the workbench."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from kt_workbench.governance.kpi import KpiActual, MetricStatus, process_status
from kt_workbench.governance.waves import ProcessFacts, Wave
from kt_workbench.model import ProcessDocument

if TYPE_CHECKING:
    from kt_workbench.checker import CheckerConfig
    from kt_workbench.store import ProcessStore

# Worst first in reports: what needs a look comes before what is fine.
STATUS_ORDER = ("behind", "unreadable", "no target", "on target", "ahead", "no figures")
LiveProcess = tuple[ProcessDocument, dt.date | None, list[MetricStatus]]


def _figures(store: ProcessStore) -> dict[str, list[KpiActual]]:
    figures: dict[str, list[KpiActual]] = {}
    for actual in store.kpi_actuals():
        figures.setdefault(actual.process_id, []).append(actual)
    return figures


def wave_facts(
    store: ProcessStore, wave: Wave, config: CheckerConfig | None = None
) -> list[ProcessFacts]:
    """The facts each process of ``wave`` is judged on, in the wave's order."""
    from kt_workbench.handover.readiness import pack_readiness

    _, loaded = store.documents_with_versions()
    library = [document for document, _ in loaded]
    order = {pid: index for index, pid in enumerate(wave.process_ids)}
    members = sorted(((d, v) for d, v in loaded if d.id in order), key=lambda m: order[m[0].id])
    readiness = pack_readiness(library, [d for d, _ in members], config)
    pack = store.last_pack(wave.recipient)
    acknowledged = store.acknowledgements(wave.recipient)
    go_lives = store.go_lives()
    figures = _figures(store)
    facts = []
    for document, version in members:
        judged = readiness[document.id]
        ack = acknowledged.get(document.id)
        go_live = go_lives.get(document.id)
        facts.append(
            ProcessFacts(
                document=document,
                version=version,
                readiness=judged.readiness,
                score=judged.score,
                signed_off=any(s.is_latest for s in store.sign_offs(document.id)),
                held_version=None if pack is None else pack.versions.get(document.id),
                acknowledged_version=None if ack is None else ack.version,
                go_live=go_live,
                kpis=tuple(process_status(document, figures.get(document.id, []), go_live)),
                recipient=wave.recipient,
            )
        )
    return facts


def live_processes(store: ProcessStore) -> list[LiveProcess]:
    """Every process with a go-live date or a figure, with its metrics' status."""
    go_lives = store.go_lives()
    figures = _figures(store)
    ids = set(go_lives) | set(figures)
    return [
        (
            doc,
            go_lives.get(doc.id),
            process_status(doc, figures.get(doc.id, []), go_lives.get(doc.id)),
        )
        for doc in _documents(store, ids)
    ]


# Up to this many processes are read one by one; more, and one read of the library is quicker.
FEW = 200


def _documents(store: ProcessStore, ids: set[str]) -> list[ProcessDocument]:
    """The stored documents of ``ids``, by id, without reading a whole library for a few."""
    if len(ids) > FEW:
        return sorted((doc for doc in store.documents() if doc.id in ids), key=lambda d: d.id)
    found = (store.get(process_id) for process_id in sorted(ids))
    return [doc for doc in found if doc is not None]


def worst_first(processes: list[LiveProcess]) -> list[tuple[ProcessDocument, MetricStatus]]:
    """One row per metric: behind first, worsening before steady, then by process."""
    rows = [(document, status) for document, _, statuses in processes for status in statuses]
    rows.sort(
        key=lambda row: (
            STATUS_ORDER.index(row[1].status),
            row[1].drift != "worsening",
            row[0].id,
            row[1].metric.name,
        )
    )
    return rows
