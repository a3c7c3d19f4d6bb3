"""Which escapes each kind of free text needs so it cannot be read back as structure."""

from __future__ import annotations

from kt_workbench.markdown.escaping import (
    BULLET_ITEM_RULE,
    HEADING_3,
    ORDERED_ITEM_RULE,
    SETEXT_RULE,
    TABLE_DELIMITER_RULE,
    LinePattern,
    heading_rule,
    label_item_rule,
)
from kt_workbench.markdown.vocabulary import EDGE_CASE_LABELS, STEP_LABELS, all_labels

TOP_LEVEL: tuple[LinePattern, ...] = (heading_rule(2), SETEXT_RULE)
UNDER_H3: tuple[LinePattern, ...] = (HEADING_3, SETEXT_RULE)
STEP_DETAILS: tuple[LinePattern, ...] = (label_item_rule(all_labels(STEP_LABELS)),)
EDGE_CASE_DETAILS: tuple[LinePattern, ...] = (
    *UNDER_H3,
    label_item_rule(all_labels(EDGE_CASE_LABELS)),
)

NOTE_RULES: dict[str, tuple[LinePattern, ...]] = {
    "overview": TOP_LEVEL,
    "procedure": (*TOP_LEVEL, ORDERED_ITEM_RULE),
    "scripts": UNDER_H3,
    "decision_tree": (*TOP_LEVEL, BULLET_ITEM_RULE),
    "access_rights": (*TOP_LEVEL, TABLE_DELIMITER_RULE),
    "edge_cases": UNDER_H3,
    "metrics": (*TOP_LEVEL, TABLE_DELIMITER_RULE),
    "contacts": (*TOP_LEVEL, TABLE_DELIMITER_RULE),
    "glossary": (*TOP_LEVEL, TABLE_DELIMITER_RULE),
}
