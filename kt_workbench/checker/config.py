"""Checker settings: section weights, readiness thresholds, limits and per-rule overrides.

A team tunes them in TOML (``--config FILE`` or ``ktw.toml`` in the user config folder); the
layout is documented in ``docs/checks.md``. Every key is validated so a typo is reported,
with its line, instead of being silently ignored.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from kt_workbench import locations
from kt_workbench.checker.catalogue import RULES, RULES_BY_CODE
from kt_workbench.checker.rules import Rule, Severity
from kt_workbench.errors import InputError
from kt_workbench.model import SECTION_NAMES

DEFAULT_SECTION_WEIGHTS: dict[str, float] = {
    "overview": 10,
    "procedure": 20,
    "scripts": 10,
    "decision_tree": 10,
    "access_rights": 10,
    "edge_cases": 10,
    "metrics": 10,
    "contacts": 10,
    "glossary": 10,
}


@dataclass(frozen=True)
class RuleOverride:
    enabled: bool = True
    severity: Severity | None = None
    weight: float | None = None


@dataclass(frozen=True)
class CheckerConfig:
    section_weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_SECTION_WEIGHTS))
    ready_min_score: int = 85
    not_ready_below: int = 60
    not_ready_errors: int = 2
    min_steps: int = 3
    min_edge_cases: int = 2
    max_sentence_words: int = 35
    duplicate_similarity: int = 90
    secret_min_entropy: float = 2.5
    rules: dict[str, RuleOverride] = field(default_factory=dict)
    # File-mode settings per path pattern ("runbooks/**"): rule codes switched off there.
    paths: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @cached_property
    def effective_rules(self) -> dict[str, Rule]:
        """Enabled rules with their overridden severity and weight."""
        result: dict[str, Rule] = {}
        for rule in RULES:
            override = self.rules.get(rule.code)
            if override is None:
                result[rule.code] = rule
            elif override.enabled:
                result[rule.code] = replace(
                    rule,
                    severity=override.severity or rule.severity,
                    weight=rule.weight if override.weight is None else override.weight,
                )
        return result


_READINESS_KEYS = ("ready_min_score", "not_ready_below", "not_ready_errors")
_LIMIT_KEYS = (
    "min_steps",
    "min_edge_cases",
    "max_sentence_words",
    "duplicate_similarity",
    "secret_min_entropy",
)
_TABLES = (
    "weights",
    "readiness",
    "limits",
    "rules",
    "paths",
    "import",
    "headings",
    "columns",
    "workbench",
    "keys",
)
_PATH_KEYS = ("disable",)
_RULE_KEYS = ("enabled", "severity", "weight")


MAX_CONFIG_BYTES = 1024 * 1024


def load_config(path: Path | None = None) -> CheckerConfig:
    """Read a TOML config. ``None`` means ``ktw.toml`` in the user config folder, if present."""
    if path is None:
        path = locations.default_config_path()
        if not path.is_file():
            return CheckerConfig()
    return parse_config(read_config_text(path), str(path))


def read_config_text(path: Path) -> str:
    """The text of a config file, read with a bound: a device or pipe given as --config
    (/dev/zero) must not be read forever, and a huge file is refused, not parsed."""
    try:
        if path.exists() and not path.is_file():
            raise InputError(str(path), None, "the config must be a regular file")
        with path.open("rb") as stream:
            data = stream.read(MAX_CONFIG_BYTES + 1)
        if len(data) > MAX_CONFIG_BYTES:
            raise InputError(str(path), None, f"the config is larger than {MAX_CONFIG_BYTES} bytes")
        return data.decode("utf-8")
    except OSError as error:
        raise InputError(str(path), None, f"cannot read the config: {error.strerror}") from None
    except UnicodeDecodeError:
        raise InputError(str(path), None, "the config is not UTF-8 text") from None


def parse_config(text: str, source: str = "<config>") -> CheckerConfig:
    try:
        data = tomllib.loads(text)
    except RecursionError:  # tomllib recurses once per level of nested arrays and tables
        raise InputError(source, None, "the config is nested too deeply") from None
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line_match = re.search(r"\(at line (\d+)", message)
        problem = re.sub(r"\s*\(at line \d+, column \d+\)$", "", message)
        line = int(line_match.group(1)) if line_match else None
        raise InputError(source, line, f"invalid TOML: {problem}") from None
    return _Validator(text, source).config(data)


class _Validator:
    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source

    def fail(self, key: tuple[str, ...], problem: str) -> InputError:
        return InputError(self.source, _line_of(self.text, key), problem)

    def table(self, data: Any, key: tuple[str, ...], allowed: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise self.fail(key, f"'{'.'.join(key)}' must be a table")
        for name in data:
            if name not in allowed:
                dotted = ".".join((*key, name))
                raise self.fail(
                    (*key, name), f"unknown key '{dotted}' (expected one of: {', '.join(allowed)})"
                )
        return data

    def number(self, value: Any, key: tuple[str, ...], low: float, high: float | None) -> float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if ok and value >= low and (high is None or value <= high):
            return float(value)
        bounds = f"from {low:g} to {high:g}" if high is not None else f"of at least {low:g}"
        raise self.fail(key, f"'{'.'.join(key)}' must be a number {bounds}, got {value!r}")

    def integer(self, value: Any, key: tuple[str, ...], low: int, high: int | None) -> int:
        is_int = isinstance(value, int) and not isinstance(value, bool)
        if is_int and value >= low and (high is None or value <= high):
            return int(value)
        bounds = f"from {low} to {high}" if high is not None else f"of at least {low}"
        raise self.fail(key, f"'{'.'.join(key)}' must be a whole number {bounds}, got {value!r}")

    def config(self, data: dict[str, Any]) -> CheckerConfig:
        self.table(data, (), _TABLES)
        settings: dict[str, Any] = {}
        weights = dict(DEFAULT_SECTION_WEIGHTS)
        for name, value in self.table(data.get("weights", {}), ("weights",), SECTION_NAMES).items():
            weights[name] = self.number(value, ("weights", name), 0, None)
        if sum(weights.values()) <= 0:
            raise self.fail(("weights",), "the section weights must not all be zero")
        settings["section_weights"] = weights
        readiness = self.table(data.get("readiness", {}), ("readiness",), _READINESS_KEYS)
        for name, value in readiness.items():
            low, high = (1, None) if name == "not_ready_errors" else (0, 100)
            settings[name] = self.integer(value, ("readiness", name), low, high)
        limits = self.table(data.get("limits", {}), ("limits",), _LIMIT_KEYS)
        for name, value in limits.items():
            if name == "secret_min_entropy":
                settings[name] = self.number(value, ("limits", name), 0, 8)
            else:
                high = 100 if name == "duplicate_similarity" else None
                settings[name] = self.integer(value, ("limits", name), 1, high)
        rules = self.table(data.get("rules", {}), ("rules",), tuple(RULES_BY_CODE))
        settings["rules"] = {code: self.rule(code, value) for code, value in rules.items()}
        paths = data.get("paths", {})
        if not isinstance(paths, dict):
            raise self.fail(("paths",), "'paths' must be a table")
        settings["paths"] = {glob: self.path(glob, value) for glob, value in paths.items()}
        config = CheckerConfig(**settings)
        if config.not_ready_below > config.ready_min_score:
            raise self.fail(
                ("readiness", "not_ready_below"),
                "'readiness.not_ready_below' must not be above 'readiness.ready_min_score'",
            )
        return config

    def path(self, glob: str, data: Any) -> tuple[str, ...]:
        key = ("paths", glob)
        values = self.table(data, key, _PATH_KEYS)
        codes = values.get("disable", [])
        if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
            raise self.fail((*key, "disable"), f"'paths.{glob}.disable' must be a list of codes")
        unknown = [code for code in codes if code not in RULES_BY_CODE]
        if unknown:
            raise self.fail((*key, "disable"), f"unknown rule code '{unknown[0]}' in 'paths'")
        return tuple(codes)

    def rule(self, code: str, data: Any) -> RuleOverride:
        key = ("rules", code)
        values = self.table(data, key, _RULE_KEYS)
        enabled = values.get("enabled", True)
        if not isinstance(enabled, bool):
            raise self.fail((*key, "enabled"), f"'rules.{code}.enabled' must be true or false")
        severity = values.get("severity")
        if severity is not None and severity not in {s.value for s in Severity}:
            raise self.fail(
                (*key, "severity"),
                f'\'rules.{code}.severity\' must be "error", "warning" or "info", got {severity!r}',
            )
        weight = values.get("weight")
        return RuleOverride(
            enabled=enabled,
            severity=Severity(severity) if severity is not None else None,
            weight=self.number(weight, (*key, "weight"), 0, 100) if weight is not None else None,
        )


_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_ASSIGNMENT = re.compile(r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_\-. ])+?)\s*=""")
_KEY_PART = re.compile(r""""([^"]*)"|'([^']*)'|([^.]+)""")


def _split_key(dotted: str) -> tuple[str, ...]:
    return tuple(
        (quoted or single or bare).strip() for quoted, single, bare in _KEY_PART.findall(dotted)
    )


def _line_of(text: str, key: tuple[str, ...]) -> int | None:
    """The line that defines ``key``, found by reading headers and assignments in order.

    tomllib reports no positions for valid documents, and a line number makes a typo easy to
    find; when the key is written in a form this does not follow (inline tables), the error
    simply carries no line.
    """
    if not key:
        return None
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            table = _split_key(header.group(1))
            if table[: len(key)] == key:
                return number
            continue
        assignment = _ASSIGNMENT.match(line)
        if assignment and (*table, *_split_key(assignment.group(1)))[: len(key)] == key:
            return number
    return None
