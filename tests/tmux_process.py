"""The process the terminal test builds by keys: complete enough to be ``ready``."""

from __future__ import annotations

import datetime as dt

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

TITLE = "Replace a faulty kettle"
OVERVIEW = {
    "title": TITLE,
    "owner": "Dana Reyes",
    "team": "Customer care",
    "channels": "phone, email",
    "volume_per_month": "300",
    "review_every_days": "90",
    "tags": "kettles, replacements",
}
PURPOSE = "A customer reports a kettle that stopped working within its guarantee: we replace it."
SCOPE = "In scope: kettles bought from us in the last two years. Out of scope: misuse damage."
HEAD = "Dana Reyes, Head of Care"


def target_document(today: dt.date) -> ProcessDocument:
    return ProcessDocument(
        id="replace-a-faulty-kettle",
        title=TITLE,
        owner=OVERVIEW["owner"],
        team=OVERVIEW["team"],
        status="approved",
        channels=("phone", "email"),
        volume_per_month=300,
        last_reviewed=today - dt.timedelta(days=10),
        review_every_days=90,
        tags=("kettles", "replacements"),
        purpose=PURPOSE,
        scope=SCOPE,
        steps=(
            Step(
                "Verify the customer with the order number and the email address.",
                "Provider agent",
                "Zendesk",
                "The ticket carries the tag verified.",
            ),
            Step(
                "Create a replacement order in Shopify admin with the reason Faulty item.",
                "Provider agent",
                "Shopify admin",
                "The replacement order number is in the ticket.",
            ),
            Step(
                "Reply to the customer with the script Replacement confirmed.",
                "Provider agent",
                "Zendesk",
                "The public reply is sent and quotes the replacement order number.",
            ),
        ),
        scripts=(
            Script(
                "Replacement confirmed",
                "Hi {first_name}, your replacement kettle is on its way. Kind regards, "
                "{agent_name}",
            ),
        ),
        decision_tree=DecisionTree(
            (
                Node(
                    NodeKind.QUESTION,
                    "Was the kettle bought within the last two years?",
                    "within",
                    (
                        Branch(
                            "Yes",
                            Node(
                                NodeKind.OUTCOME,
                                "Create the replacement order (step 2).",
                                "replace",
                            ),
                        ),
                        Branch(
                            "No",
                            Node(
                                NodeKind.OUTCOME,
                                "Explain that the guarantee has ended; offer repair prices.",
                                "decline",
                            ),
                        ),
                    ),
                ),
            )
        ),
        access_rights=(
            AccessRight(
                "Zendesk",
                "Provider agent",
                "Agent, Care group only",
                'Okta access request for app "Zendesk"',
                HEAD,
            ),
            AccessRight(
                "Shopify admin",
                "Provider agent",
                "Staff account: Orders view and create",
                "Staff invite raised by Ecommerce operations",
                HEAD,
            ),
        ),
        edge_cases=(
            EdgeCase(
                "Kettle damaged by misuse",
                "The customer says the kettle was dropped or descaled with bleach.",
                "Do not replace it. Explain that the guarantee does not cover misuse and send "
                "the repair price list.",
                "Care team lead",
            ),
            EdgeCase(
                "Replacement out of stock",
                "Shopify admin shows no stock of the same kettle.",
                "Offer the nearest model at the same price, or a full refund if the customer "
                "prefers it.",
                "Care team lead",
            ),
        ),
        metrics=(
            Metric("CSAT", "88%", "84%", "86%", "88%"),
            Metric("FCR", "81%", "72%", "77%", "80%"),
            Metric("AHT", "7:10", "9:00", "8:00", "7:20"),
            Metric("Answer rate", "95%", "90%", "93%", "95%"),
        ),
        contacts=(
            Contact(
                "Care team lead", "Sam Whitfield", "Slack #care-escalations", "Mon-Fri 08:00-18:00"
            ),
        ),
        glossary=(
            GlossaryEntry("{first_name}", "The customer's first name from the ticket."),
            GlossaryEntry("{agent_name}", "The agent's first name."),
            GlossaryEntry("Provider agent", "A frontline agent at the outsourcing provider."),
        ),
    )
