"""Decision tree: every answer leads somewhere, every node is reachable, nothing loops.

The tree is turned into a graph once: nodes in walk order, an edge for each branch to its
inline node or to the node its ``goto`` names.
"""

from __future__ import annotations

from typing import NamedTuple

from rapidfuzz import process, utils

from kt_workbench.checker.run import CheckRun
from kt_workbench.checker.text import is_blank
from kt_workbench.model import Node, VisitedNode


class _Edge(NamedTuple):
    """An answer leading to the node at index ``target``; ``jump`` when it is a ``goto``."""

    target: int
    answer: str
    jump: bool


def check(run: CheckRun) -> None:
    tree = run.doc.decision_tree
    if not tree:
        run.emit("KT401", "decision tree", "the process has no decision tree")
        return
    visited = run.tree_walk
    labels = run.tree_labels
    position = {id(v.node): index for index, v in reversed(list(enumerate(visited)))}
    keyed = _keys(run, visited, labels)
    edges: list[list[_Edge]] = [[] for _ in visited]
    parent: dict[int, int] = {}
    for index, v in enumerate(visited):
        node = v.node
        order = (index,)
        seen_answers: set[str] = set()
        if node.is_question:
            if len(node.branches) < 2:
                what = "no answers" if not node.branches else "only one answer"
                run.emit("KT404", labels[index], f"the question has {what}", order=order)
        elif is_blank(node.text):
            run.emit("KT409", labels[index], "the outcome has no text", order=order)
        for branch in node.branches:
            answer = " ".join(branch.answer.split())
            if answer.casefold() in seen_answers:
                run.emit(
                    "KT405",
                    labels[index],
                    f"answer '{answer}' appears twice",
                    order=order,
                )
            seen_answers.add(answer.casefold())
            if branch.node is not None:
                child = position[id(branch.node)]
                parent.setdefault(child, index)
                edges[index].append(_Edge(child, answer, jump=False))
            elif branch.goto is not None:
                if branch.goto in keyed:
                    edges[index].append(_Edge(keyed[branch.goto], answer, jump=True))
                else:
                    _dangling(run, labels[index], answer, branch.goto, keyed, order)
            else:
                run.emit(
                    "KT407",
                    labels[index],
                    f"answer '{answer}' leads nowhere",
                    order=order,
                )
    tops = [position[id(item)] for item in tree.items]
    # The graph searches below only matter for trees that jump; most trees are plain nesting
    # with an outcome under every question, and skipping them is most of this check's time.
    if len(tops) > 1:
        _unreachable(run, visited, labels, edges, tops)
    if not all(_has_direct_outcome(v.node) for v in visited if v.node.is_question):
        _no_outcome(run, visited, labels, edges, parent)
    if any(edge.jump for out in edges for edge in out):
        _loops(run, labels, edges, tops)


def _has_direct_outcome(node: Node) -> bool:
    return any(b.node is not None and not b.node.is_question for b in node.branches)


def _keys(run: CheckRun, visited: list[VisitedNode], labels: list[str]) -> dict[str, int]:
    keyed: dict[str, int] = {}
    for index, v in enumerate(visited):
        key = v.node.key
        if not key:
            continue
        if key in keyed:
            run.emit("KT410", labels[index], f"key [{key}] is defined twice", order=(index,))
        else:
            keyed[key] = index
    return keyed


def _dangling(
    run: CheckRun, label: str, answer: str, key: str, keyed: dict[str, int], order: tuple[int, ...]
) -> None:
    if not run.enabled("KT402"):
        return  # switched off in the team's settings: its fix is not in the rules either
    closest = process.extractOne(key, list(keyed), processor=utils.default_process, score_cutoff=70)
    hint = f"Did you mean goto [{closest[0]}]? " if closest else ""
    run.emit(
        "KT402",
        label,
        f"answer '{answer}' jumps to [{key}], which is not defined",
        order=order,
        hint=hint + run.rules["KT402"].fix,
    )


def _reach(edges: list[list[_Edge]], start: int) -> set[int]:
    seen = {start}
    pending = [start]
    while pending:
        for edge in edges[pending.pop()]:
            if edge.target not in seen:
                seen.add(edge.target)
                pending.append(edge.target)
    return seen


def _unreachable(
    run: CheckRun,
    visited: list[VisitedNode],
    labels: list[str],
    edges: list[list[_Edge]],
    tops: list[int],
) -> None:
    reachable = _reach(edges, tops[0])
    for top in tops[1:]:
        if top in reachable:
            continue
        inside = sum(1 for v in visited if v.top == visited[top].top)
        extra = f" (with {inside - 1} more nodes under it)" if inside > 1 else ""
        name = labels[top].removeprefix("tree ")
        run.emit(
            "KT403",
            labels[top],
            f"{name}{extra} is not reached from the root question",
            order=(top,),
        )


def _no_outcome(
    run: CheckRun,
    visited: list[VisitedNode],
    labels: list[str],
    edges: list[list[_Edge]],
    parent: dict[int, int],
) -> None:
    """Questions from which no sequence of answers ends at an outcome.

    Only the outermost such question is reported: when a question has no way out, neither do
    the questions nested under it, and one finding says it.
    """
    incoming: list[list[int]] = [[] for _ in visited]
    for source, out in enumerate(edges):
        for edge in out:
            incoming[edge.target].append(source)
    good = {index for index, v in enumerate(visited) if not v.node.is_question}
    pending = list(good)
    while pending:
        for source in incoming[pending.pop()]:
            if source not in good:
                good.add(source)
                pending.append(source)
    for index, v in enumerate(visited):
        if index in good or not v.node.branches:
            continue  # a question with no answers is already reported as such
        if index in parent and parent[index] not in good:
            continue
        run.emit(
            "KT406",
            labels[index],
            "no answer to this question leads to an outcome",
            order=(index,),
        )


def _loops(run: CheckRun, labels: list[str], edges: list[list[_Edge]], tops: list[int]) -> None:
    """Depth-first search: a jump to a node still on the current path closes a loop."""
    state = [0] * len(edges)  # 0 unseen, 1 on the current path, 2 finished
    for start in tops:
        if state[start]:
            continue
        state[start] = 1
        stack = [(start, 0)]
        while stack:
            node, next_edge = stack[-1]
            if next_edge == len(edges[node]):
                state[node] = 2
                stack.pop()
                continue
            stack[-1] = (node, next_edge + 1)
            edge = edges[node][next_edge]
            if state[edge.target] == 1:
                target = labels[edge.target].removeprefix("tree ")
                run.emit(
                    "KT408",
                    labels[node],
                    f"answer '{edge.answer}' jumps back to {target}, which leads here again",
                    order=(node,),
                )
            elif state[edge.target] == 0:
                state[edge.target] = 1
                stack.append((edge.target, 0))
