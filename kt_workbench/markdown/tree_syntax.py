"""The decision-tree list syntax: ``- ANSWER → [key] Question?`` and friends."""

from __future__ import annotations

import re

from kt_workbench.markdown.blocks import Block, first_paragraph, list_items, top_level_blocks
from kt_workbench.markdown.escaping import escape_line_start, unescape_line_start
from kt_workbench.model import Branch, DecisionTree, Node, NodeKind

_ARROW = re.compile(r"\s*(?:→|->)\s*")
_KEYED = re.compile(r"^\[(?P<key>[^\[\]\n]*)\]\s*(?P<rest>.*)$")
_OUTCOME = re.compile(r"^outcome\s*:\s*(?P<text>.*)$", re.I)
_GOTO = re.compile(r"^goto\s*\[(?P<key>[^\[\]\n]*)\]$", re.I)
INDENT = "  "


def first_bullet_list(blocks: list[Block]) -> Block | None:
    return next((block for block in blocks if block.kind == "bullet_list"), None)


def parse_tree(lines: list[str], block: Block) -> DecisionTree:
    return DecisionTree(tuple(_parse_node(*_head_and_children(item.content)) for item in list_items(lines, block)))


def _head_and_children(content: str) -> tuple[str, list[str], Block | None]:
    head, rest = first_paragraph(content)
    rest_lines = rest.split("\n")
    blocks = top_level_blocks(rest)
    children = first_bullet_list(blocks)
    # Paragraphs after the item's first line belong to the node's text rather than vanish.
    extra = [
        " ".join(line.strip() for line in rest_lines[block.start : block.end])
        for block in blocks
        if block is not children and block.kind == "paragraph"
    ]
    if extra:
        head = " ".join([head, *extra]).strip()
    return head, rest_lines, children


def _parse_node(head: str, lines: list[str], children: Block | None) -> Node:
    key = ""
    keyed = _KEYED.match(head)
    if keyed:
        key, head = keyed["key"].strip(), keyed["rest"]
    else:
        head = unescape_line_start(head)
    branches: tuple[Branch, ...] = ()
    if children is not None:
        branches = tuple(_parse_branch(item.content) for item in list_items(lines, children))
    outcome = _OUTCOME.match(head)
    if outcome:
        return Node(NodeKind.OUTCOME, outcome["text"].strip(), key, branches)
    return Node(NodeKind.QUESTION, head.strip(), key, branches)


def _parse_branch(content: str) -> Branch:
    head, lines, children = _head_and_children(content)
    parts = _ARROW.split(head, maxsplit=1)
    answer = unescape_line_start(parts[0].strip())
    if len(parts) == 1:
        if children is not None:  # "- Yes" with the node on the line below it
            nested = list_items(lines, children)
            return Branch(answer, _parse_node(*_head_and_children(nested[0].content)))
        return Branch(answer)
    target = parts[1].strip()
    goto = _GOTO.match(target)
    if goto:
        return Branch(answer, goto=goto["key"].strip())
    return Branch(answer, _parse_node(target, lines, children))


def render_tree(tree: DecisionTree) -> str:
    out: list[str] = []
    for item in tree.items:
        _render_node(item, "", "- ", out)
    return "\n".join(out)


def node_label(node: Node) -> str:
    text = f"Outcome: {node.text}" if node.kind is NodeKind.OUTCOME else node.text
    if node.key:
        return f"[{node.key}] {text}".rstrip()
    return escape_line_start(text)


def _render_node(node: Node, indent: str, prefix: str, out: list[str]) -> None:
    out.append(f"{indent}{prefix}{node_label(node)}".rstrip())
    for branch in node.branches:
        answer = escape_line_start(branch.answer)
        if branch.goto is not None:
            out.append(f"{indent}{INDENT}- {answer} → goto [{branch.goto}]")
        elif branch.node is not None:
            _render_node(branch.node, indent + INDENT, f"- {answer} → ", out)
        else:
            out.append(f"{indent}{INDENT}- {answer}".rstrip())
