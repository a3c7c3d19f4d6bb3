"""What the pack says about each process's readiness, judged against the whole library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from kt_workbench.checker import CheckerConfig, ProcessReport, check_library
from kt_workbench.handover.index import Readiness
from kt_workbench.model import ProcessDocument


def pack_readiness(
    library: Iterable[ProcessDocument],
    documents: Sequence[ProcessDocument],
    config: CheckerConfig | None = None,
    today: dt.date | None = None,
) -> dict[str, Readiness]:
    """Readiness and known gaps for the documents in a pack.

    ``library`` is every stored process: near-duplicates and glossary terms are judged across
    all of them, so a pack of a few processes says the same as the library view does.
    """
    wanted = {doc.id for doc in documents}
    judged = [doc for doc in library if doc.id not in wanted] + list(documents)
    return readiness_of(check_library(judged, config, today).by_id(), documents)


def readiness_of(
    reports: Mapping[str, ProcessReport], documents: Sequence[ProcessDocument]
) -> dict[str, Readiness]:
    """What the pack says of each document, from its report as judged in the whole library
    (the read model's, or ``pack_readiness``'s own)."""
    result = {}
    for doc in documents:
        report = reports[doc.id]
        gaps = tuple(
            f"{finding.severity.value}: {finding.location}: {finding.message} ({finding.rule})"
            for finding in report.findings
        )
        result[doc.id] = Readiness(report.score, str(report.readiness), gaps)
    return result
