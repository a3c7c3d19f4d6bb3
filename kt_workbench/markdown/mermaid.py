"""Decision trees drawn as Mermaid flowcharts for the handover pack (generated, never read)."""

from __future__ import annotations

from kt_workbench.model import DecisionTree, Node, NodeKind


def _quote(text: str) -> str:
    """Mermaid labels in double quotes; quotes and markup become HTML entities."""
    escaped = (
        text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )
    return escaped.replace("`", "&#96;").replace("\n", " ")


def render_mermaid(tree: DecisionTree) -> str:
    ids: dict[int, str] = {}
    keyed: dict[str, str] = {}
    counter = 0

    def node_id(node: Node) -> str:
        nonlocal counter
        if id(node) not in ids:
            counter += 1
            ids[id(node)] = f"n{counter}"
            if node.key and node.key not in keyed:
                keyed[node.key] = ids[id(node)]
        return ids[id(node)]

    for visited in tree.walk():
        node_id(visited.node)
    lines = ["```mermaid", "flowchart TD"]
    for visited in tree.walk():
        node = visited.node
        label = _quote(node.text or "(empty)")
        shape = f'{{"{label}"}}' if node.kind is NodeKind.QUESTION else f'(["{label}"])'
        lines.append(f"  {node_id(node)}{shape}")
    missing: dict[str, str] = {}
    for visited in tree.walk():
        source = node_id(visited.node)
        for branch in visited.node.branches:
            answer = _quote(branch.answer or " ")
            if branch.node is not None:
                target = node_id(branch.node)
            elif branch.goto is not None and branch.goto in keyed:
                target = keyed[branch.goto]
            else:
                name = branch.goto if branch.goto is not None else ""
                if name not in missing:
                    missing[name] = f"m{len(missing) + 1}"
                    shown = f"missing [{name}]" if name else "nothing"
                    lines.append(f'  {missing[name]}[/"{_quote(shown)}"/]')
                target = missing[name]
            lines.append(f'  {source} -->|"{answer}"| {target}')
    lines.append("```")
    return "\n".join(lines)
