"""The process document aggregate: plain, immutable values shared by every part of the core."""

from kt_workbench.model.decision_tree import Branch, DecisionTree, Node, NodeKind, VisitedNode
from kt_workbench.model.document import (
    STATUSES,
    AccessRight,
    Contact,
    EdgeCase,
    ExtraSection,
    GlossaryEntry,
    Metric,
    SECTION_NAMES,
    ProcessDocument,
    SectionName,
    SectionNote,
    Script,
    Status,
    Step,
)
from kt_workbench.model.identifiers import slugify

__all__ = [
    "SECTION_NAMES",
    "SectionName",
    "SectionNote",
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
    "Status",
    "Step",
    "VisitedNode",
    "slugify",
]
