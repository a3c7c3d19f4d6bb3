"""Which structured view each section tab uses; a tab not listed offers only its source."""

from __future__ import annotations

from kt_workbench.tui.structured.base import StructuredSection
from kt_workbench.tui.structured.steps_view import StepsView

STRUCTURED_VIEWS: dict[str, type[StructuredSection]] = {
    "procedure": StepsView,
}
