"""The decision-tree list syntax: ``- ANSWER → [key] Question?`` and friends."""

from __future__ import annotations

import re

from kt_workbench.markdown.blocks import Block, Region, first_of, first_paragraph
from kt_workbench.markdown.escaping import (
    escape_line_start,
    insert_at,
    remove_at,
    unescape_line_start,
)
from kt_workbench.model import Branch, DecisionTree, Node, NodeKind

ARROW = "→"
_ARROW = re.compile(r"\s*(?:→|->)\s*")
_KEYED = re.compile(r"^\[(?P<key>[^\[\]\n]*)\]\s*(?P<rest>.*)$")
_OUTCOME = re.compile(r"^outcome\s*:\s*(?P<text>.*)$", re.I)
_GOTO = re.compile(r"^goto\s*\[(?P<key>[^\[\]\n]*)\]$", re.I)
# A question worded like an outcome or a jump: a backslash before the colon or the bracket
# (invisible on GitHub) keeps it a question.
_QUESTION_LOOKS = (
    re.compile(r"^(?P<lead>(?i:outcome)\s*)(?P<bs>\\*)(?=:)"),
    re.compile(r"^(?P<lead>(?i:goto)\s*)(?P<bs>\\*)(?=\[[^\[\]\n]*\]$)"),
)
INDENT = "  "


def parse_tree(region: Region, block: Block) -> DecisionTree:
    return DecisionTree(tuple(_parse_item(region.item(item)) for item in block.children))


def _head_and_children(item: Region) -> tuple[str, Region, Block | None]:
    head, after = first_paragraph(item)
    rest = item.part(after)
    children = first_of(rest.blocks, "bullet_list")
    # Paragraphs after the item's first line belong to the node's text rather than vanish.
    extra = [
        " ".join(line.strip() for line in rest.text(block.start, block.end))
        for block in rest.blocks
        if block is not children and block.kind == "paragraph"
    ]
    if extra:
        head = " ".join([head, *extra]).strip()
    return head, rest, children


def _parse_item(item: Region) -> Node:
    head, rest, children = _head_and_children(item)
    return _parse_node(head, rest, children)


def _parse_node(head: str, rest: Region, children: Block | None) -> Node:
    key = ""
    keyed = _KEYED.match(head)
    if keyed:
        key, head = keyed["key"].strip(), keyed["rest"]
    else:
        head = unescape_line_start(head)
    branches: tuple[Branch, ...] = ()
    if children is not None:
        branches = tuple(_parse_branch(rest.item(item)) for item in children.children)
    outcome = _OUTCOME.match(head)
    if outcome:
        return Node(NodeKind.OUTCOME, outcome["text"].strip(), key, branches)
    return Node(NodeKind.QUESTION, _unescape_question(head.strip()), key, branches)


def _parse_branch(item: Region) -> Branch:
    head, rest, children = _head_and_children(item)
    parts = _ARROW.split(head, maxsplit=1)
    answer = unescape_line_start(parts[0].strip())
    if len(parts) == 1:
        if children is not None:  # "- Yes" with the node on the line below it
            return Branch(answer, _parse_item(rest.item(children.children[0])))
        return Branch(answer)
    target = parts[1].strip()
    goto = _GOTO.match(target)
    if goto:
        return Branch(answer, goto=goto["key"].strip())
    return Branch(answer, _parse_node(target, rest, children))


def _escape_question(text: str) -> str:
    for pattern in _QUESTION_LOOKS:
        match = pattern.match(text)
        if match:
            return insert_at(match)
    return text


def _unescape_question(text: str) -> str:
    for pattern in _QUESTION_LOOKS:
        match = pattern.match(text)
        if match and match["bs"]:
            return remove_at(match)
    return text


def render_tree(tree: DecisionTree) -> str:
    out: list[str] = []
    for item in tree.items:
        _render_item(node_label(item, at_line_start=True), item, "", out)
    return "\n".join(out)


def node_label(node: Node, *, at_line_start: bool = False) -> str:
    """How a node is written in the tree list, after ``- `` or after an answer's arrow."""
    is_outcome = node.kind is NodeKind.OUTCOME
    text = f"Outcome: {node.text}" if is_outcome else _escape_question(node.text)
    if node.key:
        return f"[{node.key}] {text}".rstrip()
    return escape_line_start(text, line=text if at_line_start else "", keyed=True)


def _branch_content(branch: Branch) -> str:
    """``ANSWER → TARGET``, or the answer alone when it leads nowhere."""
    if branch.goto is not None:
        target: str | None = f"goto [{branch.goto}]"
    elif branch.node is not None:
        target = node_label(branch.node)
    else:
        target = None
    line = branch.answer if target is None else f"{branch.answer} {ARROW} {target}"
    answer = escape_line_start(branch.answer, line=line)
    if target is None:
        return answer
    # With no answer the arrow opens the item: one space after the marker, as for any item,
    # keeps the nested branches at their usual indentation.
    return f"{answer} {ARROW} {target}".rstrip() if answer else f"{ARROW} {target}".rstrip()


def _render_item(content: str, node: Node, indent: str, out: list[str]) -> None:
    out.append(f"{indent}- {content}".rstrip())
    for position, branch in enumerate(node.branches):
        child = _branch_content(branch)
        if position == 0 and content and not child:
            # An empty item cannot interrupt the paragraph above it (it would underline it
            # as a heading): a blank line ends that paragraph first.
            out.append("")
        if branch.node is not None:
            _render_item(child, branch.node, indent + INDENT, out)
        else:
            out.append(f"{indent}{INDENT}- {child}".rstrip())
