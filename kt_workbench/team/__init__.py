"""Team mode logic that needs no database: what changed between revisions, and what a
recipient's next delta pack must carry."""

from kt_workbench.team.delta import ChangedProcess, PackDelta, select_delta
from kt_workbench.team.diff import SectionChange, summarize_changes, unified_markdown_diff

__all__ = [
    "ChangedProcess",
    "PackDelta",
    "SectionChange",
    "select_delta",
    "summarize_changes",
    "unified_markdown_diff",
]
