"""What each editor tab holds, the hint shown above it, and the overview form's fields."""

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
# The tabs in order, as Alt+Left/Right step through them and the digits 1…0 pick them.
TAB_ORDER: tuple[tuple[str, str], ...] = (
    ("tab-overview", "Overview"),
    *((f"tab-{tab.field}", tab.title) for tab in SECTION_TABS),
)

FORM_INPUTS = (
    ("title", "Title"),
    ("id", "Id (blank: from the title)"),
    ("owner", "Owner"),
    ("team", "Team"),
    ("channels", "Channels (comma separated)"),
    ("volume_per_month", "Volume per month"),
    ("last_reviewed", "Last reviewed (YYYY-MM-DD)"),
    ("review_every_days", "Review every (days)"),
    ("tags", "Tags (comma separated)"),
)
OVERVIEW_AREAS = (
    ("introduction", "Introduction"),
    ("purpose", "Purpose"),
    ("scope", "Scope"),
    ("extra_front_matter", "Extra fields (YAML)"),
)
FIELD_LABELS = {key: label for key, label in (*FORM_INPUTS, *OVERVIEW_AREAS)} | {
    tab.field: tab.title for tab in SECTION_TABS
}


def tab_of_field(field: str) -> str:
    """The tab that holds an editor field."""
    return TAB_FOR_SECTION.get(field, "tab-overview")
