"""What is broken in a decision tree, node by node, as the checker judges it.

The checker's decision-tree rules are run on a document holding only the tree, and each
finding is given back to the node it is about (its position in the tree's walk), so the
structured view marks exactly what ``ktw check`` reports and no second analysis can drift
from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from kt_workbench.checker.checks import decision_tree as tree_rules
from kt_workbench.checker.config import CheckerConfig
from kt_workbench.checker.context import LibraryContext
from kt_workbench.checker.run import CheckRun
from kt_workbench.model import DecisionTree, ProcessDocument
from kt_workbench.structured.tree_edit import NodePath, node_paths


@dataclass(frozen=True)
class TreeProblem:
    """One finding about a node: its rule code, severity ("error", "warning"...), what the
    checker says and how to fix it."""

    code: str
    severity: str
    message: str
    hint: str = ""


@cache
def _config() -> CheckerConfig:
    return CheckerConfig()


def tree_problems(
    tree: DecisionTree, config: CheckerConfig | None = None
) -> dict[NodePath, tuple[TreeProblem, ...]]:
    """The checker's findings about each node of ``tree``, by node path (nodes without
    problems are left out). ``config`` switches rules off as the team's settings do."""
    if not tree:
        return {}
    document = ProcessDocument(id="decision-tree", title="Decision tree", decision_tree=tree)
    run = CheckRun(document, LibraryContext(), config or _config(), dt.date.today())
    tree_rules.check(run)
    paths = [path for path, _ in node_paths(tree)]
    found: dict[NodePath, list[TreeProblem]] = {}
    for finding in run.findings:
        if not finding.order:
            continue  # about the whole tree (there is none), not one node
        path = paths[finding.order[0]]
        found.setdefault(path, []).append(
            TreeProblem(finding.rule, str(finding.severity), finding.message, finding.hint)
        )
    return {path: tuple(problems) for path, problems in found.items()}
