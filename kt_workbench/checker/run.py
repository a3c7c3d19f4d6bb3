"""The state of checking one document: its inputs, the findings so far, and facts several
rules share (computed once, on first use)."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import NamedTuple

from kt_workbench.checker.catalogue import RULES_BY_CODE
from kt_workbench.checker.config import CheckerConfig
from kt_workbench.checker.context import LibraryContext, SystemFinder
from kt_workbench.checker.report import Finding
from kt_workbench.checker.text import JoinedText, TextField, mask_code_and_urls
from kt_workbench.checker.vocabulary import VAGUE_PHRASES, system_key, system_names
from kt_workbench.model import ProcessDocument, VisitedNode

_new_finding = tuple.__new__


class SystemMention(NamedTuple):
    """A system the procedure uses: ``step`` is the first step naming it (1-based) and
    ``in_field`` whether that step lists it on its ``System:`` line."""

    name: str
    step: int
    in_field: bool


class CheckRun:
    """One document being checked: the rules emit findings into it."""

    def __init__(
        self,
        doc: ProcessDocument,
        context: LibraryContext,
        config: CheckerConfig,
        today: dt.date,
    ) -> None:
        self.doc = doc
        self.context = context
        self.config = config
        self.today = today
        self.rules = config.effective_rules
        self.findings: list[Finding] = []
        # Filled by the credentials check, which runs first: every other rule keeps these
        # spans of the joined text out of what it quotes.
        self.secret_spans: list[tuple[int, int]] = []
        self.secrets: list[str] = []

    def emit(
        self,
        code: str,
        location: str,
        message: str,
        *,
        share: float = 1.0,
        order: tuple[int, ...] = (),
        section: str | None = None,
        hint: str | None = None,
        quote: str = "",
    ) -> None:
        """Record a finding for ``code`` unless the configuration disabled that rule. A code
        the catalogue does not know is a programming error, never silently dropped."""
        rule = self.rules.get(code)
        if rule is None:
            if code not in RULES_BY_CODE:
                raise ValueError(f"finding with unknown rule code {code!r}")
            return
        hint = hint or rule.fix
        for secret in self.secrets:
            message = message.replace(secret, "[hidden]")
            hint = hint.replace(secret, "[hidden]")
        # Positional and through tuple.__new__: this runs for every finding of a library.
        self.findings.append(
            _new_finding(
                Finding,
                (
                    code,
                    rule.severity,
                    section or rule.section,
                    location,
                    message,
                    hint,
                    share,
                    order,
                    quote,
                ),
            )
        )

    def enabled(self, *codes: str) -> bool:
        return not self.rules.keys().isdisjoint(codes)

    @cached_property
    def tree_walk(self) -> list[VisitedNode]:
        return list(self.doc.decision_tree.walk())

    @cached_property
    def tree_labels(self) -> list[str]:
        """The location of each node of ``tree_walk``, such as ``tree [pending]``."""
        return [f"tree {visited.label}" for visited in self.tree_walk]

    @cached_property
    def joined(self) -> JoinedText:
        nodes = [visited.node for visited in self.tree_walk]
        return JoinedText(self.doc, list(zip(self.tree_labels, nodes, strict=True)))

    @cached_property
    def masked_text(self) -> str:
        """``joined.text`` with credentials, code, links and admonition markers blanked out
        (offsets unchanged): what rules reading prose for words look at."""
        text = self.joined.text
        for start, end in self.secret_spans:
            text = text[:start] + " " * (end - start) + text[end:]
        return mask_code_and_urls(text)

    @cached_property
    def vague_wording(self) -> list[tuple[TextField, str]]:
        """Vague phrases (as written) in the steps, the procedure notes, edge-case handling and
        unknown sections."""
        return self.joined.find_prose_words(VAGUE_PHRASES)

    @cached_property
    def own_terms(self) -> frozenset[str]:
        """Glossary keys this document defines itself (its current version, not the library's)."""
        return self.context.terms_of(self.doc)

    @property
    def system_mentions(self) -> list[SystemMention]:
        """Every system the procedure names, once each, in order of first use."""
        return self._systems[0]

    @property
    def unlisted_mentions(self) -> list[SystemMention]:
        """Systems named in a step's text but missing from that step's ``System:`` line."""
        return self._systems[1]

    @cached_property
    def _systems(self) -> tuple[list[SystemMention], list[SystemMention]]:
        # Systems on System: lines count, and so do known system names (from any process in
        # the library) written in a step's text when capitalised as a name is: "Refund in
        # Stripe" names Stripe, "stripe the form" does not.
        library = self.context.system_finder
        steps = self.doc.steps
        own = [name for step in steps for name in system_names(step.system)]
        own += [name for right in self.doc.access_rights for name in system_names(right.system)]
        unknown = [name for name in own if not library.knows(name)]
        used: dict[str, SystemMention] = {}
        listed: list[list[str]] = []
        for index, step in enumerate(steps, start=1):
            names = system_names(step.system)
            listed.append([system_key(name) for name in names])
            for name, key in zip(names, listed[-1], strict=True):
                if key not in used:
                    used[key] = SystemMention(name, index, True)
        # One search over all step text (joined with the other prose) instead of one per step.
        joined = self.joined
        found = library.find(joined.prose) if library else []
        if unknown:
            found = sorted(found + SystemFinder(unknown).find(joined.prose))
        unlisted: dict[tuple[int, str], SystemMention] = {}
        for offset, key, written in found:
            field = joined.prose_field_at(offset)
            if field.kind != "step":
                continue
            index = field.order[0]
            if (index, key) in unlisted or any(
                _same_system(key, other) for other in listed[index - 1]
            ):
                continue
            mention = SystemMention(self.context.systems.get(key, written), index, False)
            unlisted[(index, key)] = mention
            used.setdefault(key, mention)
        return list(used.values()), list(unlisted.values())


def _same_system(mentioned: str, listed: str) -> bool:
    """Whether a system named in a step's text ("Shopify") is one on its System: line
    ("Shopify admin"): one name contains the other as whole words."""
    return (
        mentioned == listed
        or f" {mentioned} " in f" {listed} "
        or f" {listed} " in f" {mentioned} "
    )
