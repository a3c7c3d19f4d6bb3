"""How a line of the decision tree view is drawn, and the reasons shown for it.

Everything drawn is user text held in ``Text``, so ``[x]``, ``[bold]`` or ``goto [k]``
typed into a question shows as typed.
"""

from __future__ import annotations

from rich.text import Text

from kt_workbench.structured.tree_places import Line

MARK = "⚠ "


def line_label(line: Line, keys: set[str]) -> Text:
    """``answer → ◆ [key] text``, ``answer → goto [key]`` or ``answer → (leads nowhere)``,
    with a warning mark in front when the checker found something here."""
    label = Text()
    if line.problems:
        severe = any(p.severity == "error" for p in line.problems)
        label.append(MARK, style="bold red" if severe else "bold yellow")
    branch = line.branch
    if branch is not None:
        label.append(branch.answer or "(no answer)", style="" if branch.answer else "italic dim")
        label.append(" → ", style="dim")
    node = line.node
    if node is not None:
        label.append(
            "◆ " if node.is_question else "● ", style="cyan" if node.is_question else "green"
        )
        if node.key:
            label.append(f"[{node.key}] ", style="bold")
        label.append(node.text or "(no text)", style="" if node.text else "italic dim")
    elif branch is not None and branch.goto is not None:
        label.append("goto ")
        style = "bold" if branch.goto in keys else "bold red"
        label.append(f"[{branch.goto}]", style=style)
    else:
        label.append("(leads nowhere)", style="italic")
    return label


def problem_text(line: Line | None) -> Text:
    """What is wrong with the selected line, each finding with its fix, or that all is well."""
    if line is None:
        return Text("The tree is empty: press q to write its first question.", style="dim")
    if not line.problems:
        return Text("No problems here.", style="dim")
    text = Text()
    for number, problem in enumerate(line.problems):
        if number:
            text.append("\n")
        style = "bold red" if problem.severity == "error" else "bold yellow"
        text.append(f"{MARK}{problem.code} ", style=style)
        text.append(problem.message)
        if problem.hint:
            text.append(f" — {problem.hint}", style="dim")
    return text
