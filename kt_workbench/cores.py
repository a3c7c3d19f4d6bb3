"""How many cores are idle now: whether reading a large import in several processes pays.

The one-minute load average says how busy the machine was over the last minute, including
the command's own work just before (a benchmark generating its files, an editor that just
saved): on an idle two-core machine it often reads 1 and would keep an import to one
process. Where the system's CPU counters can be read (Linux's ``/proc/stat``), two readings
a moment apart say how much of the machine is idle now; elsewhere the load average stands in.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

STAT = Path("/proc/stat")


def idle_cores(sample_seconds: float = 0.05) -> float:
    """Cores idle over the next ``sample_seconds`` (from the load average where the counters
    cannot be read)."""
    cores = os.cpu_count() or 1
    first = _counters()
    if first is not None:
        time.sleep(sample_seconds)
        second = _counters()
        if second is not None:
            total = second[0] - first[0]
            idle = second[1] - first[1]
            if total > 0:
                return cores * idle / total
    try:
        return max(0.0, cores - os.getloadavg()[0])
    except OSError:  # no load average on this system either
        return float(cores)


def _counters() -> tuple[int, int] | None:
    """``(all time, idle time)`` of every core together, in clock ticks."""
    try:
        with STAT.open(encoding="ascii") as stat:
            fields = stat.readline().split()
    except OSError:
        return None
    if not fields or fields[0] != "cpu":
        return None
    try:
        ticks = [int(value) for value in fields[1:]]
    except ValueError:
        return None
    # user nice system idle iowait irq softirq steal (guest time is within user and nice)
    ticks = ticks[:8]
    if len(ticks) < 5:
        return None
    return sum(ticks), ticks[3] + ticks[4]
