"""An exact JSON encoding of ``DecisionTree`` for the store's ``decision_tree`` column.

Every field is always written (no defaults elided) so that ``decode(encode(t)) == t`` holds
for any tree, including ``goto=""`` versus ``goto=None`` and branches that carry both a node
and a jump. The envelope carries a format number so the encoding can evolve with a migration.
"""

from __future__ import annotations

import json
from typing import Any

from kt_workbench.model import Branch, DecisionTree, Node, NodeKind

FORMAT = 1


class TreeCodecError(ValueError):
    """Stored tree text that this version cannot read."""


def encode_tree(tree: DecisionTree) -> str:
    document = {"format": FORMAT, "items": [_encode_node(node) for node in tree.items]}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def decode_tree(text: str) -> DecisionTree:
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise TreeCodecError(f"decision tree is not valid JSON: {exc}") from None
    envelope = _require_object(document, "decision tree")
    if envelope.get("format") != FORMAT:
        raise TreeCodecError(f"decision tree has unknown format {envelope.get('format')!r}")
    items = _require_list(envelope.get("items"), "decision tree items")
    return DecisionTree(items=tuple(_decode_node(item) for item in items))


def _encode_node(node: Node) -> dict[str, Any]:
    return {
        "kind": node.kind.value,
        "text": node.text,
        "key": node.key,
        "branches": [_encode_branch(branch) for branch in node.branches],
    }


def _encode_branch(branch: Branch) -> dict[str, Any]:
    return {
        "answer": branch.answer,
        "node": None if branch.node is None else _encode_node(branch.node),
        "goto": branch.goto,
    }


def _decode_node(value: object) -> Node:
    data = _require_object(value, "decision tree node")
    kind_name = _require_str(data.get("kind"), "node kind")
    try:
        kind = NodeKind(kind_name)
    except ValueError:
        raise TreeCodecError(f"decision tree node has unknown kind {kind_name!r}") from None
    branches = _require_list(data.get("branches"), "decision tree branches")
    return Node(
        kind=kind,
        text=_require_str(data.get("text"), "node text"),
        key=_require_str(data.get("key"), "node key"),
        branches=tuple(_decode_branch(branch) for branch in branches),
    )


def _decode_branch(value: object) -> Branch:
    data = _require_object(value, "decision tree branch")
    node = data.get("node")
    goto = data.get("goto")
    return Branch(
        answer=_require_str(data.get("answer"), "branch answer"),
        node=None if node is None else _decode_node(node),
        goto=None if goto is None else _require_str(goto, "branch goto"),
    )


def _require_object(value: object, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TreeCodecError(f"{what} is not an object")
    return value


def _require_list(value: object, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise TreeCodecError(f"{what} is not a list")
    return value


def _require_str(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise TreeCodecError(f"{what} is not a string")
    return value
