"""Whether a metric is better higher (CSAT) or lower (handle time)."""

from __future__ import annotations

import re
from typing import Literal

from kt_workbench.governance.values import parse_value
from kt_workbench.model import Metric

Better = Literal["higher", "lower"]

_LOWER = re.compile(
    r"\baht\b|handl(?:e|ing) time|\bwait|queue time|abandon|response time|resolution time|"
    r"time to|backlog|repeat contact|recontact|complaints?\b|escalation rate|cost|"
    r"\bdays?\b|\bhours?\b|\bminutes?\b|transfer rate|error rate|reopen",
    re.I,
)
_HIGHER = re.compile(
    r"\bcsat\b|satisf|\bfcr\b|first[- ](?:contact|call|time) resolution|resolution rate|"
    r"answer(?:ed)? rate|service level|\bsla\b|\bqa\b|quality|\bnps\b|net promoter|"
    r"adherence|accuracy|compliance|\bces\b|effort score",
    re.I,
)


def better_direction(metric: Metric) -> Better | None:
    """From the metric's name when it is one we know (ramp-up targets dip below the
    baseline and a 90-day target may accept a little less than today, so targets alone
    can mislead), else from the targets (a 90-day target above the baseline: higher is
    better), else a time is better short; None when nothing tells."""
    # A time is better short, whatever else the name says ("first response time").
    if _LOWER.search(metric.name) and not re.search(r"resolution rate|\bfcr\b", metric.name, re.I):
        return "lower"
    if _HIGHER.search(metric.name):
        return "higher"
    baseline = parse_value(metric.baseline)
    target = parse_value(metric.target_90)
    if baseline and target and baseline.unit == target.unit and baseline != target:
        return "higher" if target.number > baseline.number else "lower"
    if baseline is not None and baseline.unit == "s":
        return "lower"
    return None
