"""The checker's verdicts in the shapes the library commands show them."""

from __future__ import annotations

from collections.abc import Sequence

from kt_workbench.checker import CheckerConfig, ProcessReport, check_library
from kt_workbench.handover.index import Readiness
from kt_workbench.handover.readiness import pack_readiness as readiness_in_library
from kt_workbench.model import ProcessDocument
from kt_workbench.store import ProcessStore


def readiness_by_id(
    documents: Sequence[ProcessDocument], config: CheckerConfig | None = None
) -> dict[str, ProcessReport]:
    """Each document checked in the context of the documents given."""
    return check_library(documents, config).by_id()


def pack_readiness(
    store: ProcessStore,
    documents: Sequence[ProcessDocument],
    config: CheckerConfig | None = None,
) -> dict[str, Readiness]:
    """Readiness and known gaps for the pack, each process judged against the whole library."""
    return readiness_in_library(store.documents(), documents, config)
