"""A failing and a passing example for every rule of the catalogue.

Each example is a small edit of one complete process (``PASSING``, which no rule faults):
the edit makes the rule fire. ``ktw rule CODE`` shows the lines around the edit before and
after, and the tests check that every rule fires on its edited document and stays silent on
``PASSING``, so the examples can never drift from what the rules do.
"""

from __future__ import annotations

from dataclasses import dataclass

PASSING = """\
---
id: refund-duplicate-charge
title: Refund a duplicate card charge
owner: Priya Natarajan
team: Billing support
status: approved
channels: [phone, email]
volume_per_month: 1400
last_reviewed: 2026-10-12
review_every_days: 90
---

# Refund a duplicate card charge

## Purpose

Refund a card charge taken twice for one order.

## Procedure

1. Verify the customer with the order number.
   - Role: Provider agent
   - System: Zendesk
   - Done when: The ticket is tagged verified.
2. Find both charges in Stripe.
   - Role: Provider agent
   - System: Stripe
   - Done when: Both charges are visible.
3. Refund the duplicate charge and reply with the refund script.
   - Role: Provider agent
   - System: Stripe, Zendesk
   - Done when: Stripe shows the refund as Succeeded.

## Scripts

### Refund confirmed

> Hi {first_name}, your refund is on its way.

## Decision tree

- [start] Is the duplicate charge older than 120 days?
  - Yes → [bank] Outcome: Advise a chargeback with the bank.
  - No → goto [pending]
- [pending] Is the second charge still pending?
  - Yes → [wait] Outcome: Explain that pending charges drop off.
  - No → [refund] Outcome: Refund the duplicate charge in Stripe.

## Access rights

| System | Role | Access | How to request | Approver |
| --- | --- | --- | --- | --- |
| Zendesk | Provider agent | Agent, billing group | Okta request | Priya |
| Stripe | Provider agent | Refund analyst | Stripe invite | Priya |

## Edge cases

### Charge above the limit

- When: The duplicate is over 500 GBP.
- Handle: Do not refund; assign the ticket to the billing specialist group.
- Escalate to: Billing specialist

### Dispute already open

- When: Stripe shows a dispute on either charge.
- Handle: Do not refund; tag the ticket dispute_open.
- Escalate to: Billing specialist

## Metrics

| Metric | Baseline | 30 days | 60 days | 90 days |
| --- | --- | --- | --- | --- |
| CSAT | 88% | 84% | 86% | 88% |
| FCR | 81% | 72% | 77% | 80% |
| AHT | 7:10 | 9:00 | 8:00 | 7:20 |
| Answer rate | 95% | 90% | 93% | 95% |

## Escalation contacts

| Role | Name | Channel | Hours |
| --- | --- | --- | --- |
| Billing specialist | Sam Whitfield | Slack #billing | Mon-Fri 08-18 |

## Glossary

| Term | Meaning |
| --- | --- |
| CSAT | Customer satisfaction. |
| FCR | First contact resolution. |
| AHT | Average handle time. |
| {first_name} | The customer's first name. |
"""

# Fake credentials in their real formats, built from parts so that this file itself holds
# nothing a secret scanner would flag.
_AWS = "AKIA" + "Z4X7Q2B5N3M6K7J2"
_GITHUB = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
_SLACK = "xoxb-" + "1234567890-0987654321-AbCdEfGhIjKl"
_STRIPE = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"
_PRIVATE = (
    "-----BEGIN RSA "
    + "PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM\n-----END RSA PRIVATE KEY-----"
)
_GOOGLE = "AIza" + "SyC7qR2vXk9LmN4pT8wZ1bD6fH3jK5sA0uE"

_PURPOSE = "Refund a card charge taken twice for one order."
_STEP2 = "2. Find both charges in Stripe.\n   - Role: Provider agent\n   - System: Stripe\n"
_STEP3 = "3. Refund the duplicate charge and reply with the refund script."
_WAIT = "  - Yes → [wait] Outcome: Explain that pending charges drop off."
_SCRIPT = "> Hi {first_name}, your refund is on its way."
_ESCALATE = "- Escalate to: Billing specialist\n\n### Dispute"
_LONG = (
    " Before you refund, read the whole order history, compare both charges, check the "
    "dates, the amounts and the card numbers, look for a dispute, and write down what you "
    "found in the internal note so that the next agent can see it."
)


@dataclass(frozen=True)
class Example:
    """Edits (old text, new text) that turn ``PASSING`` into a document the rule faults.
    ``library``: the rule compares processes, so the edited document is checked next to
    ``PASSING`` as a library of two."""

    edits: tuple[tuple[str, str], ...]
    library: bool = False

    def failing(self) -> str:
        text = PASSING
        for old, new in self.edits:
            if text.count(old) != 1:
                raise ValueError(f"example edit does not match once: {old!r}")
            text = text.replace(old, new, 1)
        return text


def _edit(old: str, new: str) -> Example:
    return Example(((old, new),))


def _add(old: str, extra: str) -> Example:
    return Example(((old, old + extra),))


EXAMPLES: dict[str, Example] = {
    "KT001": _add(_PURPOSE, f" Use key {_AWS} for the refund API."),
    "KT002": _add(_PURPOSE, f" Bot token: {_GITHUB}"),
    "KT003": _add(_PURPOSE, f" Slack bot {_SLACK} posts the result."),
    "KT004": _add(_PURPOSE, f" Refund with curl -u {_STRIPE}: on the API."),
    "KT005": _add(_PURPOSE, f"\n\n{_PRIVATE}"),
    "KT006": _add(_PURPOSE, " The shared mailbox password: Summer2024!x"),
    "KT007": _add(_PURPOSE, f" Maps key {_GOOGLE} for the address lookup."),
    "KT010": _add("2. Find both charges in Stripe.", " TODO: confirm which report to use."),
    "KT011": _add(
        "| Billing specialist | Sam Whitfield | Slack #billing | Mon-Fri 08-18 |\n",
        "| Example contact role | Example name | Example: email | Mon-Fri |\n",
    ),
    "KT020": Example(
        (
            ("id: refund-duplicate-charge", "id: refund-duplicate-charges-uk"),
            ("title: Refund a duplicate card charge", "title: Refund duplicate card charges (UK)"),
        ),
        library=True,
    ),
    "KT101": _edit(f"## Purpose\n\n{_PURPOSE}\n\n", ""),
    "KT102": _edit("owner: Priya Natarajan\n", ""),
    "KT103": _edit("team: Billing support\n", ""),
    "KT104": _edit("status: approved", "status: draft"),
    "KT105": _edit("last_reviewed: 2026-10-12", "last_reviewed: 2020-01-15"),
    "KT106": _edit("last_reviewed: 2026-10-12\nreview_every_days: 90\n", ""),
    "KT107": _edit("volume_per_month: 1400\n", ""),
    "KT108": _edit("channels: [phone, email]\n", ""),
    "KT201": _edit(
        _STEP2 + "   - Done when: Both charges are visible.\n" + _STEP3 + "\n"
        "   - Role: Provider agent\n   - System: Stripe, Zendesk\n"
        "   - Done when: Stripe shows the refund as Succeeded.\n",
        "",
    ),
    "KT202": _edit(_STEP2, "2. Find both charges in Stripe.\n   - System: Stripe\n"),
    "KT203": _edit(_STEP2, _STEP2.replace("System: Stripe", "System: Zendesk")),
    "KT204": _edit("   - Done when: Both charges are visible.\n", ""),
    "KT205": _add("2. Find both charges in Stripe", " as appropriate"),
    "KT206": _add(_STEP3, " If it fails, go back to step 9."),
    "KT207": _add("2. Find both charges in Stripe.", _LONG),
    "KT301": _edit(f"## Scripts\n\n### Refund confirmed\n\n{_SCRIPT}\n\n", ""),
    "KT302": _edit(_SCRIPT, "> Hi {first_name}, your refund arrives on [insert date]."),
    "KT303": _edit(_SCRIPT, "> Hi {first_name}, your refund {ref} is on its way."),
    "KT304": _edit(f"{_SCRIPT}\n", ""),
    "KT401": _edit(PASSING[PASSING.index("## Decision tree") : PASSING.index("## Access")], ""),
    "KT402": _edit("  - No → goto [pending]", "  - No → goto [pendng]"),
    "KT403": _edit("  - No → goto [pending]", "  - No → [no] Outcome: Refund in Stripe."),
    "KT404": _edit(f"{_WAIT}\n", ""),
    "KT405": _edit("  - No → [refund]", "  - Yes → [refund]"),
    "KT406": Example(
        (
            (_WAIT, "  - Yes → goto [pending]"),
            (
                "  - No → [refund] Outcome: Refund the duplicate charge in Stripe.",
                "  - No → goto [pending]",
            ),
        )
    ),
    "KT407": _edit(_WAIT, "  - Yes"),
    "KT408": _edit(_WAIT, "  - Yes → goto [start]"),
    "KT409": _edit(_WAIT, "  - Yes → [wait] Outcome:"),
    "KT410": _edit("[wait]", "[bank]"),
    "KT501": _edit("| Stripe | Provider agent | Refund analyst | Stripe invite | Priya |\n", ""),
    "KT502": _edit("| Stripe invite | Priya |", "| Stripe invite |  |"),
    "KT503": _edit("Refund analyst", "Administrator"),
    "KT504": Example(
        (
            ("   - System: Zendesk\n", ""),
            ("   - System: Stripe\n", ""),
            ("   - System: Stripe, Zendesk\n", ""),
            ("2. Find both charges in Stripe.", "2. Find both charges."),
            (PASSING[PASSING.index("## Access rights") : PASSING.index("## Edge cases")], ""),
        )
    ),
    "KT505": _edit("| Zendesk | Provider agent |", "| ZenDesk Support | Provider agent |"),
    "KT601": _edit(PASSING[PASSING.index("### Dispute") : PASSING.index("## Metrics")], ""),
    "KT602": _edit(_ESCALATE, "\n### Dispute"),
    "KT603": _edit(_ESCALATE, "- Escalate to: Fraud desk\n\n### Dispute"),
    "KT604": _edit(
        "- Handle: Do not refund; tag the ticket dispute_open.", "- Handle: Use your judgement."
    ),
    "KT701": _edit("| CSAT | 88% |", "| CSAT |  |"),
    "KT702": _edit("| FCR | 81% | 72% | 77% | 80% |", "| FCR | 81% |  |  |  |"),
    "KT801": _edit(
        PASSING[PASSING.index("## Escalation contacts") : PASSING.index("## Glossary")], ""
    ),
    "KT802": _edit("| Slack #billing | Mon-Fri 08-18 |", "| Slack #billing |  |"),
    "KT901": _add(_PURPOSE, " Check the PSP dashboard first."),
    "KT902": _edit("| AHT | Average handle time. |", "| AHT |  |"),
}


def excerpts(example: Example) -> tuple[str, str]:
    """The lines around the first edit: as the rule faults them, and as it wants them."""
    old, new = example.edits[0]
    start = PASSING.index(old)
    before_start = PASSING.rfind("\n", 0, max(0, PASSING.rfind("\n", 0, start))) + 1
    end = PASSING.find("\n", start + len(old) + (1 if old.endswith("\n") else 0))
    end = len(PASSING) if end == -1 else end
    head, tail = PASSING[before_start:start], PASSING[start + len(old) : end]
    return _trim(head + new + tail), _trim(head + old + tail)


def _trim(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > 12:
        lines = [*lines[:12], "..."]
    return "\n".join(lines)
