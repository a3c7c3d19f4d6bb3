"""What each editor tab holds, and the hint shown above it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SectionTab:
    field: str
    title: str
    hint: str


SECTION_TABS: tuple[SectionTab, ...] = (
    SectionTab(
        "procedure",
        "Procedure",
        "A numbered list, one action per step, with sub-bullets '- Role:', '- System:' and "
        "'- Done when:'. Other nested text is kept as step details.",
    ),
    SectionTab(
        "scripts",
        "Scripts",
        "One '### Heading' per script, its words as a '> ' quote. Explain each {placeholder} "
        "in the glossary.",
    ),
    SectionTab(
        "decision_tree",
        "Tree",
        "'- [key] Question?' then answers nested below: '- Yes → [key] Outcome: …', "
        "'- No → [key] Next question?' or '- Not sure → goto [key]'. Ctrl+R rehearses it.",
    ),
    SectionTab(
        "access_rights",
        "Access",
        "| System | Role | Access | How to request | Approver | — one row per system the "
        "provider's agents need, least privilege.",
    ),
    SectionTab(
        "edge_cases",
        "Edge cases",
        "One '### Situation' per case with '- When:', '- Handle:' and '- Escalate to:' (a role "
        "from the escalation contacts).",
    ),
    SectionTab(
        "metrics",
        "Metrics",
        "| Metric | Baseline | 30 days | 60 days | 90 days | — at least CSAT, FCR, AHT and "
        "answer rate.",
    ),
    SectionTab("contacts", "Contacts", "| Role | Name | Channel | Hours | — who to escalate to."),
    SectionTab("glossary", "Glossary", "| Term | Meaning | — every acronym and internal term."),
    SectionTab("other", "Other", "Any further '## Section' is kept as written."),
)

TAB_FOR_SECTION = {tab.field: f"tab-{tab.field}" for tab in SECTION_TABS}
TAB_FOR_SECTION["overview"] = "tab-overview"
