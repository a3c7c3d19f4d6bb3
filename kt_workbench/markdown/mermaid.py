"""Decision trees drawn as Mermaid flowcharts for the handover pack (generated, never read)."""

from __future__ import annotations

from kt_workbench.model import DecisionTree, Node, NodeKind

# Mermaid's own entity codes (``#quot;``, ``#35;``): inside a quoted label they are the one
# way to write a quote, and a ``#`` of the owner's text must not start such a code.
_CODES = {
    "#": "#35;",
    '"': "#quot;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    "`": "#96;",
    "|": "#124;",
}


def _quote(text: str) -> str:
    """Text for a Mermaid label in double quotes."""
    return "".join(_CODES.get(char, char) for char in text.replace("\n", " "))


def render_mermaid(tree: DecisionTree) -> str:
    """A ``flowchart TD`` in a fenced block: questions as diamonds, outcomes as stadiums, and
    jumps to keys nobody defines (or answers leading nowhere) as slanted "missing" boxes."""
    drawn: list[tuple[str, Node, list[str | None]]] = []
    keyed: dict[str, str] = {}

    def number(node: Node) -> str:
        # Document order; a jump goes to the first node defined with its key.
        name = f"n{len(drawn) + 1}"
        targets: list[str | None] = []
        drawn.append((name, node, targets))
        if node.key:
            keyed.setdefault(node.key, name)
        for branch in node.branches:
            targets.append(number(branch.node) if branch.node is not None else None)
        return name

    for item in tree.items:
        number(item)
    lines = ["```mermaid", "flowchart TD"]
    for name, node, _ in drawn:
        label = _quote(node.text or "(empty)")
        shape = f'{{"{label}"}}' if node.kind is NodeKind.QUESTION else f'(["{label}"])'
        lines.append(f"  {name}{shape}")
    missing: dict[str | None, str] = {}
    for name, node, targets in drawn:
        for branch, target in zip(node.branches, targets, strict=True):
            if target is None and branch.goto is not None:
                target = keyed.get(branch.goto)
            if target is None:
                if branch.goto not in missing:
                    missing[branch.goto] = f"m{len(missing) + 1}"
                    shown = "nothing" if branch.goto is None else f"missing [{branch.goto}]"
                    lines.append(f'  {missing[branch.goto]}[/"{_quote(shown)}"/]')
                target = missing[branch.goto]
            lines.append(f'  {name} -->|"{_quote(branch.answer or " ")}"| {target}')
    lines.append("```")
    return "\n".join(lines)


def is_drawing(lines: list[str]) -> bool:
    """Whether a fenced block's lines are a drawing export made (a Mermaid flowchart)."""
    if len(lines) < 2:
        return False
    opener = lines[0].strip().lstrip("`~").strip().lower()
    return opener == "mermaid" and lines[1].strip().startswith("flowchart")
