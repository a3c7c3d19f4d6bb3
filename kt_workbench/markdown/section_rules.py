"""Which escapes each kind of block text needs where the renderer writes it."""

from __future__ import annotations

from kt_workbench.markdown.block_escapes import BlockEscapes
from kt_workbench.markdown.vocabulary import EDGE_CASE_LABELS, STEP_LABELS, all_labels

# Purpose, scope, the text before the first section and unknown sections: a level-2 heading
# would start a new section. A level-1 heading is harmless there: the title is always first.
TOP_LEVEL = BlockEscapes(headings=(2,))
# Between level-3 headings (scripts, edge cases) a level-3 heading would start a new entry.
UNDER_H3 = BlockEscapes(headings=(2, 3))
# Step details sit inside the step's list item: only a bullet starting with a field label
# would be read as something else.
STEP_DETAILS = BlockEscapes(labels=all_labels(STEP_LABELS), contained=True)
EDGE_CASE_DETAILS = BlockEscapes(headings=(2, 3), labels=all_labels(EDGE_CASE_LABELS))


def _table_notes(section: str) -> BlockEscapes:
    return BlockEscapes(headings=(2,), table_section=section)


NOTE_RULES: dict[str, BlockEscapes] = {
    "overview": TOP_LEVEL,
    "procedure": BlockEscapes(headings=(2,), lists=("ordered_list",)),
    "scripts": UNDER_H3,
    "decision_tree": BlockEscapes(headings=(2,), lists=("bullet_list",)),
    "access_rights": _table_notes("access_rights"),
    "edge_cases": UNDER_H3,
    "metrics": _table_notes("metrics"),
    "contacts": _table_notes("contacts"),
    "glossary": _table_notes("glossary"),
}
