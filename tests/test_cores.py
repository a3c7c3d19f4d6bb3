"""Idle cores, read from the system's CPU counters a moment apart."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kt_workbench import cores


def test_the_machine_has_between_none_and_all_of_its_cores_idle() -> None:
    idle = cores.idle_cores(0.05)
    assert 0.0 <= idle <= (os.cpu_count() or 1)


def test_counters_a_moment_apart_give_the_idle_share(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stat = tmp_path / "stat"
    # user nice system idle iowait irq softirq steal
    stat.write_text("cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 1 2 3 4\n")
    monkeypatch.setattr(cores, "STAT", stat)

    def one_core_busy_meanwhile(seconds: float) -> None:
        # Of the next 400 ticks, 300 were idle: a quarter of the machine was busy.
        stat.write_text("cpu  150 0 150 1100 0 0 0 0 0 0\n")

    monkeypatch.setattr(cores.time, "sleep", one_core_busy_meanwhile)
    assert cores.idle_cores() == pytest.approx((os.cpu_count() or 1) * 0.75)


@pytest.mark.parametrize("content", [None, "", "intr 1 2 3\n", "cpu  a b c d e\n", "cpu  1 2\n"])
def test_without_readable_counters_the_load_average_stands_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str | None
) -> None:
    stat = tmp_path / "stat"
    if content is not None:
        stat.write_text(content)
    monkeypatch.setattr(cores, "STAT", stat)
    expected = max(0.0, (os.cpu_count() or 1) - os.getloadavg()[0])
    assert cores.idle_cores(0.0) == pytest.approx(expected, abs=0.5)
