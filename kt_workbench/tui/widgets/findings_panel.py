"""The editor's live findings: what the checker says about the text as it is typed."""

from __future__ import annotations

from rich.text import Text
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kt_workbench.checker import Finding, ProcessReport
from kt_workbench.tui.widgets.readiness_badge import readiness_text

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


class FindingsPanel(Vertical):
    """Score, readiness and findings; choosing a finding asks the editor to show its section."""

    DEFAULT_CSS = """
    FindingsPanel { width: 46; border-left: solid $primary-darken-2; padding: 0 1; }
    FindingsPanel #findings-score { height: auto; padding-bottom: 1; }
    FindingsPanel OptionList { height: 1fr; border: none; }
    """

    class FindingChosen(Message):
        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.findings: list[Finding] = []

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static("Checking…", id="findings-score")
        yield OptionList(id="findings-list")

    def show_report(self, report: ProcessReport) -> None:
        header = Text.assemble(
            "Readiness ",
            readiness_text(report.score, str(report.readiness)),
            f"\n{len(report.findings)} finding{'' if len(report.findings) == 1 else 's'}",
        )
        self.query_one("#findings-score", Static).update(header)
        self.findings = list(report.findings)
        options = self.query_one("#findings-list", OptionList)
        options.clear_options()
        for index, finding in enumerate(self.findings):
            severity = finding.severity.value
            prompt = Text.assemble(
                (f"{severity[0].upper()} ", SEVERITY_STYLE.get(severity, "")),
                (f"{finding.rule} ", "bold"),
                (f"{finding.location}\n", "dim"),
                finding.message,
            )
            options.add_option(Option(prompt, id=str(index)))
        if not self.findings:
            options.add_option(
                Option(
                    Text("Nothing missing: an external team could run this.", "green"),
                    disabled=True,
                )
            )

    def show_error(self, message: str, heading: str = "Cannot read this process") -> None:
        self.query_one("#findings-score", Static).update(
            Text.assemble((f"{heading}\n", "bold red"), message)
        )
        self.findings = []
        self.query_one("#findings-list", OptionList).clear_options()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.FindingChosen(self.findings[int(event.option.id)]))
