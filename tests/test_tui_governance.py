"""The governance screen: waves with their go/no-go, KPIs worst first with a chart, user text
shown as data, and Enter opening the process."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import DataTable, Static

from kt_workbench.governance.kpi import KpiActual
from kt_workbench.tui.screens.editor_screen import EditorScreen
from kt_workbench.tui.screens.governance_screen import NO_KPIS, NO_WAVES, GovernanceScreen
from tests.tui_support import running, settle

HOSTILE = "[bold]Wave[/bold] [link=x]1"


def _text(screen: GovernanceScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def _cells(table: DataTable, row: int) -> list[str]:
    return [str(cell) for cell in table.get_row_at(row)]


async def test_waves_gates_and_kpis_are_shown_and_lead_to_the_process(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        store = session.app.library.store
        store.create_wave(HOSTILE, "Acme", ["order-status-enquiry", "change-delivery-address"])
        store.set_go_live("order-status-enquiry", dt.date(2026, 9, 1), by="Ann")
        for day, value in ((10, "80%"), (40, "78%"), (70, "75%")):
            on = dt.date(2026, 9, 1) + dt.timedelta(days=day)
            store.record_kpi(KpiActual("order-status-enquiry", "CSAT", on, value, "Ann"))
        await session.pilot.press("f9")
        await settle(session.pilot)
        screen = session.app.screen
        assert isinstance(screen, GovernanceScreen)
        waves = screen.query_one("#gov-waves", DataTable)
        assert _cells(waves, 0) == [HOSTILE, "Acme", "preparation", "2", "NO-GO"]
        checks = screen.query_one("#gov-checks", DataTable)
        assert _cells(checks, 2)[:3] == ["change-delivery-address", "signed off", "no"]
        kpis = screen.query_one("#gov-kpis", DataTable)
        assert _cells(kpis, 0)[:7] == [
            "order-status-enquiry",
            "CSAT",
            "70",
            "75%",
            "84.7%",
            "behind",
            "worsening",
        ]
        chart = _text(screen, "#gov-chart")
        assert chart.startswith("order-status-enquiry: CSAT, higher is better")
        assert "○" in chart and "day 90" in chart
        assert not screen.query_one("#gov-waves-note", Static).display
        kpis.focus()
        await session.pilot.press("enter")
        await settle(session.pilot)
        assert isinstance(session.app.screen, EditorScreen)
        assert session.app.screen.original is not None
        assert session.app.screen.original.id == "order-status-enquiry"
        assert session.errors() == []


async def test_an_empty_governance_says_how_to_start(tmp_path: Path) -> None:
    async with running(tmp_path) as session:
        await session.pilot.press("f9")
        await settle(session.pilot)
        screen = session.app.screen
        assert isinstance(screen, GovernanceScreen)
        assert _text(screen, "#gov-waves-note") == NO_WAVES
        assert _text(screen, "#gov-kpis-note") == NO_KPIS
        await session.pilot.press("enter", "escape")
        assert not isinstance(session.app.screen, GovernanceScreen)
