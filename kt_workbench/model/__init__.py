"""The process document aggregate: plain, immutable values shared by every part of the core."""

from kt_workbench.model.decision_tree import Branch, DecisionTree, Node, NodeKind, VisitedNode
from kt_workbench.model.document import (
    SECTION_NAMES,
    STATUSES,
    AccessRight,
    Contact,
    EdgeCase,
    ExtraSection,
    GlossaryEntry,
    Metric,
    ProcessDocument,
    Script,
    SectionName,
    SectionNote,
    Status,
    Step,
)
from kt_workbench.model.identifiers import slugify

__all__ = [
    "SECTION_NAMES",
    "STATUSES",
    "AccessRight",
    "Branch",
    "Contact",
    "DecisionTree",
    "EdgeCase",
    "ExtraSection",
    "GlossaryEntry",
    "Metric",
    "Node",
    "NodeKind",
    "ProcessDocument",
    "Script",
    "SectionName",
    "SectionNote",
    "Status",
    "Step",
    "VisitedNode",
    "slugify",
]
