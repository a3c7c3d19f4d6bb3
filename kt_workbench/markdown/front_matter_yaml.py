"""Reading front matter YAML into top-level entries that remember where they were written.

Composing first (not loading) keeps each key's line, so an error names it and the keys the
model does not know can be written back exactly as they were. Nesting is measured on the
flat event stream before anything recursive sees the text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NoReturn

import yaml

from kt_workbench.errors import InputError

MAX_FRONT_MATTER_DEPTH = 64
MAX_FRONT_MATTER_VALUES = 100_000  # after expanding aliases
# libyaml's loader is several times faster; both read the same documents.
LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE_TAG = "tag:yaml.org,2002:merge"
_MAP_TAG = "tag:yaml.org,2002:map"
# What a value YAML could not build is, to say so in the error.
_TAG_NAMES = {
    "tag:yaml.org,2002:timestamp": "not a real date or time",
    "tag:yaml.org,2002:int": "not a usable whole number",
    "tag:yaml.org,2002:float": "not a usable number",
    "tag:yaml.org,2002:binary": "not valid base64",
}
BUILD_ERRORS = (ValueError, TypeError, OverflowError, RecursionError, yaml.YAMLError)


@dataclass
class Entry:
    """One top-level ``key: value`` of the front matter, with where it sits."""

    key: Any
    value: Any
    line: int  # of the key, counted from 1 in the file
    first: int  # first and last line of its text in the YAML (counted from 0), comments included
    last: int


def load_entries(raw: str, source: str) -> tuple[list[Entry], bool]:
    """The top-level entries, and whether their lines can be kept exactly as written."""
    _check_depth(raw, source)
    loader = LOADER(raw)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError:
            _raise_yaml_problem(raw, source)
        if node is None:
            return [], True
        if not isinstance(node, yaml.MappingNode):
            raise InputError(source, 2, "front matter must be 'key: value' lines")
        _check_expansion(node, raw, source)
        return _entries(loader, node, raw, source)
    finally:
        loader.dispose()


def _check_depth(raw: str, source: str) -> None:
    """Refuse nesting beyond the limit from the event stream (flat, so any depth is cheap)
    before anything recursive (composing, building values) sees it."""
    # Every collection starts at one of these characters, so few of them means shallow: the
    # usual front matter skips the extra pass over its events.
    if sum(raw.count(char) for char in "[{-?:") <= MAX_FRONT_MATTER_DEPTH:
        return
    depth = 0
    try:
        for event in yaml.parse(raw, Loader=LOADER):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_FRONT_MATTER_DEPTH + 1:  # + the front matter's own mapping
                    raise InputError(
                        source,
                        (event.start_mark.line + 2) if event.start_mark else 2,
                        f"front matter is nested more than {MAX_FRONT_MATTER_DEPTH} levels "
                        "deep; flatten it",
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        _raise_yaml_problem(raw, source)


def _check_expansion(root: yaml.Node, raw: str, source: str) -> None:
    """Refuse aliases that multiply into more values than the limit ("billion laughs"):
    building, comparing or writing such front matter out would take exponential time."""
    if "*" not in raw and len(raw) < MAX_FRONT_MATTER_VALUES:
        return  # no alias, and every value takes at least one character: within the limit
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        sizes[id(node)] = 1  # a node reached again while being sized is a cycle: count it once
        if isinstance(node, yaml.MappingNode):
            total = 1 + sum(size(key) + size(value) for key, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            total = 1 + sum(size(item) for item in node.value)
        else:
            total = 1
        sizes[id(node)] = total
        return total

    if size(root) > MAX_FRONT_MATTER_VALUES:  # depth is bounded already, so is the recursion
        raise InputError(
            source,
            2,
            f"front matter expands to more than {MAX_FRONT_MATTER_VALUES:,} values through "
            "aliases (*name); write the values out or use fewer aliases",
        )


def _raise_yaml_problem(raw: str, source: str) -> NoReturn:
    # libyaml and PyYAML place some errors on different lines: the message comes from
    # PyYAML's own reader, so it is the same wherever libyaml is missing.
    try:
        for _event in yaml.parse(raw, Loader=yaml.SafeLoader):
            pass
        yaml.compose(raw, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise InputError(*_yaml_problem(error, source)) from None
    raise InputError(source, 1, "invalid YAML in front matter") from None


def _yaml_problem(error: yaml.YAMLError, source: str) -> tuple[str, int, str]:
    """Where YAML gave up and why, with the line of what it was reading when that differs."""
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    mark = problem_mark or context_mark
    line = mark.line + 2 if mark is not None else 1  # + the opening '---', counted from 1
    problem = getattr(error, "problem", None) or "not valid YAML"
    context = getattr(error, "context", None)
    if context and context_mark is not None and context_mark.line + 2 != line:
        problem += f" ({context} that starts on line {context_mark.line + 2})"
    return source, line, f"invalid YAML in front matter: {problem}"


def _entries(
    loader: Any, node: yaml.MappingNode, raw: str, source: str
) -> tuple[list[Entry], bool]:
    lines = raw.split("\n")
    entries: list[Entry] = []
    keep_lines = not node.flow_style and node.tag == _MAP_TAG
    previous_end = -1
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 2
        if key_node.tag == _MERGE_TAG:
            raise InputError(source, line, "merge keys ('<<') are not supported in front matter")
        if not isinstance(key_node, yaml.ScalarNode):
            raise InputError(
                source,
                line,
                "front matter keys must be plain words; '? [...]' keys are not supported",
            )
        key = _build(loader, key_node, source, "the key")
        try:
            hash(key)
        except TypeError:
            raise InputError(source, line, "front matter keys must be plain words") from None
        value = _build(loader, value_node, source, f"'{key}'")
        end = value_node.end_mark
        last = end.line if end.column > 0 else end.line - 1
        first = key_node.start_mark.line
        if key_node.start_mark.column != 0 or first <= previous_end:
            keep_lines = False
        while first - 1 > previous_end and _is_comment_or_blank(lines[first - 1]):
            first -= 1
        entries.append(Entry(key, value, line, first, max(last, first)))
        previous_end = max(last, key_node.start_mark.line)
    if entries and keep_lines:
        # Comments after the last value stay with it.
        tail = entries[-1].last
        while tail + 1 < len(lines) and _is_comment_or_blank(lines[tail + 1]):
            tail += 1
        entries[-1].last = tail
    return entries, keep_lines


def _is_comment_or_blank(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _build(loader: Any, node: yaml.Node, source: str, what: str) -> Any:
    """The value of ``node``; a value YAML cannot build is an error on its own line."""
    try:
        return loader.construct_object(node, deep=True)
    except BUILD_ERRORS as error:
        bad = _first_unbuildable(loader, node)
        mark = getattr(error, "problem_mark", None) or (bad or node).start_mark
        if isinstance(error, RecursionError):
            problem = "nested too deeply"
        elif isinstance(error, yaml.YAMLError):
            problem = getattr(error, "problem", None) or "not valid YAML"
        elif bad is not None:
            kind = _TAG_NAMES.get(bad.tag, "not a valid value")
            problem = f"{kind}: {clip(str(bad.value))} ({error})"
        else:
            problem = f"not a valid value ({error})"
        raise InputError(source, mark.line + 2, f"{what} in front matter is {problem}") from None


def _first_unbuildable(loader: Any, node: yaml.Node) -> yaml.ScalarNode | None:
    """The first scalar under ``node`` that cannot be built on its own."""
    for scalar in _scalars(node):
        try:
            loader.construct_object(scalar)
        except BUILD_ERRORS:
            return scalar
    return None


def _scalars(node: yaml.Node) -> Iterator[yaml.ScalarNode]:
    pending, seen = [node], set()
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.ScalarNode):
            yield current
        elif isinstance(current, yaml.MappingNode):
            pending.extend(item for pair in reversed(current.value) for item in reversed(pair))
        elif isinstance(current, yaml.SequenceNode):
            pending.extend(reversed(current.value))


def clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
