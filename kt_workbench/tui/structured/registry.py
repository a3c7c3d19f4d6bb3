"""Which structured view each section tab uses; a tab not listed offers only its source."""

from __future__ import annotations

from kt_workbench.tui.structured.base import StructuredSection
from kt_workbench.tui.structured.tree_view import TreeView

STRUCTURED_VIEWS: dict[str, type[StructuredSection]] = {
    "decision_tree": TreeView,
}
