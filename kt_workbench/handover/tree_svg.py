"""Decision trees drawn as inline SVG for the HTML handover pack: no script, no network.

The drawing is an outline: every node on its own row, indented by depth, joined to its
question by an elbow line, with the answer that leads to it written at the top of its box.
An outline grows downwards only, so a tree of any width fits a printed page's width. A jump
(``goto``) is a dashed box that links to the node it names; a jump to a key nobody defines,
and an answer leading nowhere, are red dashed boxes that say so.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape

from kt_workbench.cut_text import char_cells
from kt_workbench.model import Branch, DecisionTree, Node

WIDTH = 680
INDENT = 28
LINE = 17
PAD = 8
GAP = 10
CELL = 7.2  # an estimate of one Latin character's width at the drawing's font size
MIN_BOX = 220
MAX_LINES = 8


@dataclass(frozen=True)
class _Row:
    """One box of the outline: what it shows, where, and what it links to."""

    depth: int
    kind: str  # question, outcome, goto, missing
    answer: str
    text: str
    key: str = ""
    target: str = ""
    parent: int | None = None


def _rows(tree: DecisionTree) -> list[_Row]:
    keys = tree.nodes_by_key()
    rows: list[_Row] = []

    def add_node(node: Node, depth: int, answer: str, parent: int | None) -> None:
        rows.append(_Row(depth, node.kind.value, answer, node.text, node.key, parent=parent))
        here = len(rows) - 1
        for branch in node.branches:
            add_branch(branch, depth + 1, here)

    def add_branch(branch: Branch, depth: int, parent: int) -> None:
        if branch.node is not None:
            add_node(branch.node, depth, branch.answer, parent)
        elif branch.goto is not None and branch.goto in keys:
            target = keys[branch.goto]
            rows.append(
                _Row(depth, "goto", branch.answer, target.text, branch.goto, branch.goto, parent)
            )
        elif branch.goto is not None:
            text = f"Go to [{branch.goto}]: no node has this key"
            rows.append(_Row(depth, "missing", branch.answer, text, parent=parent))
        else:
            rows.append(_Row(depth, "missing", branch.answer, "Leads nowhere", parent=parent))

    for index, item in enumerate(tree.items):
        add_node(item, 0, "Start" if index == 0 else "Reached by a jump", None)
    return rows


def wrap(text: str, cells: int, max_lines: int = MAX_LINES) -> list[str]:
    """``text`` in lines of at most ``cells`` columns (wide characters count two), breaking
    at spaces where it can and inside a word or a run of CJK where it must; the last line
    ends with an ellipsis when the text does not fit in ``max_lines``."""
    lines: list[str] = []
    current, used = "", 0
    for word in _words(" ".join(text.split())):
        size = sum(char_cells(char) for char in word)
        if word == " ":
            if current:
                current, used = current + " ", used + 1
            continue
        if used + size > cells and current.strip():
            lines.append(current.rstrip())
            current, used = "", 0
        for char in word:
            width = char_cells(char)
            if used + width > cells and current:
                lines.append(current.rstrip())
                current, used = "", 0
            current, used = current + char, used + width
    if current.strip():
        lines.append(current.rstrip())
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(0, len(lines[-1]) - 1)] + "…"
    return lines or [""]


def _words(text: str) -> Iterator[str]:
    """Words and single spaces; every wide character is a word of its own."""
    word = ""
    for char in text:
        if char == " " or char_cells(char) == 2:
            if word:
                yield word
            yield char
            word = ""
        else:
            word += char
    if word:
        yield word


def _clean(text: str) -> str:
    """Text safe inside XML: control characters (which XML forbids) shown as U+FFFD."""
    return "".join(
        "\ufffd" if unicodedata.category(char) == "Cc" and char not in "\t\n" else char
        for char in text
    )


def node_anchor(prefix: str, key: str) -> str:
    """The element id of a keyed node, unique within a page holding several trees."""
    safe = "".join(char if char.isalnum() or char in "-_" else "_" for char in key)
    return f"{prefix}-node-{safe}-{sum(map(ord, key)) % 9973}"


_LABELS = {
    "question": "Question",
    "outcome": "Outcome",
    "goto": "Go to",
    "missing": "Missing",
    # The first row of a box names what it is, so a black-and-white print still says it.
}


def render_tree_svg(tree: DecisionTree, prefix: str, title: str = "Decision tree") -> str:
    """The tree as one ``<svg>`` element; ``prefix`` makes its anchors unique on the page."""
    rows = _rows(tree)
    out: list[str] = []
    tops: list[tuple[float, float]] = []  # each row's box (left x, middle y) for connectors
    y: float = GAP
    width: float = WIDTH
    seen: set[str] = set()
    for row in rows:
        x = float(row.depth * INDENT)
        box = max(MIN_BOX, WIDTH - x)
        width = max(width, x + box)
        cells = max(12, int((box - 2 * PAD) / CELL))
        # The first line says how the box is reached and what it is, with its key; the text
        # follows. A key is an identifier and may be cut; the text is what agents read.
        kind = _LABELS[row.kind]
        head = f"{row.answer} → {kind}" if row.answer else kind
        if row.key:
            head += f" [{row.key}]"
        body = wrap(row.text or "(empty)", cells, 3 if row.kind == "goto" else MAX_LINES)
        heads = wrap(head, cells, 2)
        height = PAD * 2 + LINE * (len(heads) + len(body))
        tops.append((x, y + min(height, LINE * 1.5)))
        # A key defined twice is the checker's finding; the page keeps element ids unique.
        anchored = set() if row.key in seen or row.kind == "goto" else {row.key}
        seen.update(anchored)
        out.append(_box(row, prefix, x, y, box, height, heads, body, anchored))
        y += height + GAP
    connectors = []
    for index, row in enumerate(rows):
        if row.parent is None:
            continue
        px, _ = tops[row.parent]
        cx, cy = tops[index]
        top = _box_bottom(rows, tops, row.parent)
        stem = px + INDENT / 2
        connectors.append(f'<path class="edge" d="M{stem:.0f} {top:.0f} V{cy:.0f} H{cx:.0f}" />')
    label = escape(_clean(title))
    return (
        f'<svg class="tree" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-label="{label}" viewBox="0 0 {width:.0f} {y:.0f}" '
        f'width="{width:.0f}" height="{y:.0f}">'
        f"<title>{label}</title>" + "".join(connectors) + "".join(out) + "</svg>"
    )


def _box_bottom(rows: list[_Row], tops: list[tuple[float, float]], index: int) -> float:
    """Where a question's connectors start: just below its answer line."""
    return tops[index][1] + LINE / 2


def _box(
    row: _Row,
    prefix: str,
    x: float,
    y: float,
    width: float,
    height: float,
    heads: list[str],
    body: list[str],
    anchored: set[str],
) -> str:
    kind = row.kind
    parts = [
        f'<rect class="{kind}" x="{x + 0.5:.1f}" y="{y + 0.5:.1f}" rx="6" '
        f'width="{width - 1:.0f}" height="{height - 1:.0f}" />'
    ]
    line_y = y + PAD + LINE * 0.8
    for text in heads:
        parts.append(
            f'<text class="answer" x="{x + PAD:.0f}" y="{line_y:.1f}">{escape(_clean(text))}</text>'
        )
        line_y += LINE
    for text in body:
        parts.append(
            f'<text class="text" x="{x + PAD:.0f}" y="{line_y:.1f}">{escape(_clean(text))}</text>'
        )
        line_y += LINE
    group = "".join(parts)
    if kind == "goto":
        href = escape(node_anchor(prefix, row.target))
        return f'<a href="#{href}"><g class="node goto">{group}</g></a>'
    anchor = f' id="{escape(node_anchor(prefix, row.key))}"' if row.key in anchored else ""
    return f'<g class="node {kind}"{anchor}>{group}</g>'
