"""Metrics: a baseline and 30/60/90-day targets for the four numbers a provider is measured on."""

from __future__ import annotations

import re
from functools import lru_cache

from kt_workbench.checker.run import CheckRun
from kt_workbench.checker.text import is_blank
from kt_workbench.model import Metric

# Each core metric with the names owners actually write for it.
CORE_METRICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("CSAT", re.compile(r"\bcsat\b|customer satisfaction|satisfaction score", re.I)),
    (
        "FCR",
        re.compile(
            r"\bfcr\b|first[- ](?:contact|call|time) resolution|resolved (?:at|on) first contact",
            re.I,
        ),
    ),
    ("AHT", re.compile(r"\baht\b|average handl(?:e|ing) time|handle time|handling time", re.I)),
    (
        "answer rate",
        re.compile(
            r"\banswer(?:ed)? rate\b|\b(?:calls|contacts|chats) answered\b|\bresponse rate\b", re.I
        ),
    ),
)
_TARGETS = (("30", "target_30"), ("60", "target_60"), ("90", "target_90"))


@lru_cache(maxsize=1024)
def core_metric(name: str) -> int | None:
    """Which of ``CORE_METRICS`` a metric's name stands for, if any. Cached: a library uses
    the same few metric names thousands of times."""
    return next(
        (index for index, (_, pattern) in enumerate(CORE_METRICS) if pattern.search(name)), None
    )


def check(run: CheckRun) -> None:
    found: dict[int, Metric] = {}
    for listed in run.doc.metrics:
        core = core_metric(listed.name)
        if core is not None:
            found.setdefault(core, listed)
    for order, (name, _pattern) in enumerate(CORE_METRICS):
        metric = found.get(order)
        if metric is None:
            run.emit(
                "KT701",
                "metrics",
                f"no {name} baseline: the metric is not listed",
                order=(order,),
            )
            run.emit(
                "KT702",
                "metrics",
                f"no 30/60/90-day targets for {name}",
                order=(order,),
            )
            continue
        location = f"metric: {metric.name}"
        if is_blank(metric.baseline):
            run.emit("KT701", location, f"{metric.name} has no baseline", order=(order,))
        missing = [days for days, attribute in _TARGETS if is_blank(getattr(metric, attribute))]
        if missing:
            run.emit(
                "KT702",
                location,
                f"{metric.name} has no {'/'.join(missing)}-day target"
                + ("s" if len(missing) > 1 else ""),
                share=len(missing) / len(_TARGETS),
                order=(order,),
            )
