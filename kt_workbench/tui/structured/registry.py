"""Which structured view each section tab uses; a tab not listed offers only its source."""

from __future__ import annotations

from kt_workbench.tui.structured.base import StructuredSection
from kt_workbench.tui.structured.cases_view import EdgeCasesView, ScriptsView
from kt_workbench.tui.structured.steps_view import StepsView
from kt_workbench.tui.structured.table_view import TableView
from kt_workbench.tui.structured.tree_view import TreeView

STRUCTURED_VIEWS: dict[str, type[StructuredSection]] = {
    "procedure": StepsView,
    "decision_tree": TreeView,
}
STRUCTURED_VIEWS.update(dict.fromkeys(TableView.FIELDS, TableView))
STRUCTURED_VIEWS["scripts"] = ScriptsView
STRUCTURED_VIEWS["edge_cases"] = EdgeCasesView
