"""The process document aggregate: plain, immutable values shared by every part of the core."""

from kt_workbench.model.decision_tree import Branch, DecisionTree, Node, NodeKind, VisitedNode
from kt_workbench.model.document import (
    BODY_SECTIONS,
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
from kt_workbench.model.layout import EXTRA, Layout

__all__ = [
    "BODY_SECTIONS",
    "EXTRA",
    "SECTION_NAMES",
    "STATUSES",
    "AccessRight",
    "Branch",
    "Contact",
    "DecisionTree",
    "EdgeCase",
    "ExtraSection",
    "GlossaryEntry",
    "Layout",
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
