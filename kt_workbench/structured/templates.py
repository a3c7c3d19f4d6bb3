"""How a new process starts: from a template with one example item per section, or as a copy.

The example items show what a good item looks like and are meant to be overwritten. Each
value is written so that it cannot be mistaken for real content ("Example: …"), and the
checker flags any item that still holds one of them (``template_leftovers``), so an example
is never handed over by accident.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from kt_workbench.model import (
    AccessRight,
    Contact,
    EdgeCase,
    GlossaryEntry,
    Metric,
    ProcessDocument,
    Script,
    Step,
)
from kt_workbench.model.decision_tree import Branch, DecisionTree, Node, NodeKind

EXAMPLE_STEP = Step(
    text="Example: open the customer's ticket and confirm who they are.",
    role="Example role",
    system="Example system",
    done_when="Example: the ticket shows the customer as verified.",
)
EXAMPLE_SCRIPT = Script(
    title="Example script",
    body="Example: Hello {first_name}, thank you for contacting us.",
)
EXAMPLE_TREE = DecisionTree(
    (
        Node(
            NodeKind.QUESTION,
            "Example: is the customer verified?",
            "example-verified",
            (
                Branch(
                    "Yes",
                    Node(NodeKind.OUTCOME, "Example: go on with step one.", "example-go"),
                ),
                Branch("No", Node(NodeKind.OUTCOME, "Example: verify them first.", "example-no")),
            ),
        ),
    )
)
EXAMPLE_ACCESS = AccessRight(
    system="Example system",
    role="Example role",
    access="Example: read only",
    how_to_request="Example: access request form",
    approver="Example approver",
)
EXAMPLE_EDGE_CASE = EdgeCase(
    title="Example edge case",
    when="Example: the customer cannot be verified.",
    handle="Example: explain why and offer to call back.",
    escalate_to="Example contact role",
)
EXAMPLE_METRIC = Metric(
    name="Example metric",
    baseline="Example: 80%",
    target_30="70%",
    target_60="75%",
    target_90="80%",
)
EXAMPLE_CONTACT = Contact(
    role="Example contact role",
    name="Example name",
    channel="Example: email",
    hours="Example: Mon-Fri 09:00-17:00",
)
EXAMPLE_GLOSSARY = GlossaryEntry(term="{first_name}", meaning="Example: the customer's first name.")

TEMPLATE = ProcessDocument(
    id="new-process",
    title="New process",
    steps=(EXAMPLE_STEP,),
    scripts=(EXAMPLE_SCRIPT,),
    decision_tree=EXAMPLE_TREE,
    access_rights=(EXAMPLE_ACCESS,),
    edge_cases=(EXAMPLE_EDGE_CASE,),
    metrics=(EXAMPLE_METRIC,),
    contacts=(EXAMPLE_CONTACT,),
    glossary=(EXAMPLE_GLOSSARY,),
)

# The values that give an example item away, by the checker's location of the item.
_EXAMPLE_VALUES: frozenset[str] = frozenset(
    value
    for item in (
        EXAMPLE_STEP,
        EXAMPLE_SCRIPT,
        EXAMPLE_ACCESS,
        EXAMPLE_EDGE_CASE,
        EXAMPLE_METRIC,
        EXAMPLE_CONTACT,
    )
    for value in vars(item).values()
    if isinstance(value, str) and value.startswith("Example")
) | {EXAMPLE_GLOSSARY.meaning}
_EXAMPLE_NODES = frozenset(visit.node.text for visit in EXAMPLE_TREE.walk())


def template_sections() -> dict[str, str]:
    """The section texts of the template, by editor field (only the sections it fills)."""
    from kt_workbench.editing import fields_from_document

    fields = fields_from_document(TEMPLATE)
    return {
        key: fields[key]
        for key in (
            "procedure",
            "scripts",
            "decision_tree",
            "access_rights",
            "edge_cases",
            "metrics",
            "contacts",
            "glossary",
        )
    }


def template_leftovers(document: ProcessDocument) -> Iterator[tuple[str, str, int]]:
    """``(section, location, position)`` of every item still holding a value of the
    template's example items, with the locations the checker uses for those items."""
    groups: tuple[tuple[str, str, tuple[object, ...]], ...] = (
        ("procedure", "step", document.steps),
        ("scripts", "script", document.scripts),
        ("access_rights", "access row", document.access_rights),
        ("edge_cases", "edge case", document.edge_cases),
        ("metrics", "metric", document.metrics),
        ("contacts", "contact row", document.contacts),
        ("glossary", "glossary", document.glossary),
    )
    for section, kind, items in groups:
        for index, item in enumerate(items, start=1):
            if any(value in _EXAMPLE_VALUES for value in vars(item).values()):
                yield section, _location(kind, index, item), index
    for index, visit in enumerate(document.decision_tree.walk(), start=1):
        if visit.node.text in _EXAMPLE_NODES:
            yield "decision_tree", f"tree {visit.label}", index


def _location(kind: str, index: int, item: object) -> str:
    if kind in ("step", "access row", "contact row"):
        return f"{kind} {index}"
    name = next(iter(vars(item).values()))
    return f"{kind}: {name}"


def duplicate_document(document: ProcessDocument, title: str, process_id: str) -> ProcessDocument:
    """A copy of ``document`` to start a new process from: a new title and id, back to draft."""
    return replace(document, id=process_id, title=title, status="draft")
