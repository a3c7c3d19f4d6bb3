"""Near-duplicate pairs: the library-wide findings (KT020) a process's check brings.

The read model and the quick command-line path both keep them by pair, ``(id, id)`` in
order, and refresh a process's pairs whenever they check it again; this is the one place
that says what a pair's finding is.
"""

from __future__ import annotations

from kt_workbench.checker import CheckerConfig, LibraryContext, LibraryFinding
from kt_workbench.model import ProcessDocument

Pairs = dict[tuple[str, str], LibraryFinding]


def refresh_pairs(
    pairs: Pairs, document: ProcessDocument, context: LibraryContext, config: CheckerConfig
) -> None:
    """Replace ``document``'s pairs in ``pairs`` with the ones it has in ``context``."""
    process_id = document.id
    for pair in [pair for pair in pairs if process_id in pair]:
        del pairs[pair]
    rule = config.effective_rules.get("KT020")
    if rule is None:
        return
    for match in context.duplicates.matches(document, config.duplicate_similarity):
        pair = (min(process_id, match.other_id), max(process_id, match.other_id))
        pairs[pair] = LibraryFinding(
            rule="KT020",
            severity=rule.severity,
            process_ids=pair,
            message=f"{pair[0]} and {pair[1]} look like the same process: titles "
            f"{match.title_similarity}% and {match.basis} "
            f"{match.steps_similarity}% similar",
            hint=rule.fix,
        )


def pairs_of(findings: tuple[LibraryFinding, ...]) -> Pairs:
    return {(finding.process_ids[0], finding.process_ids[-1]): finding for finding in findings}


def findings_of(pairs: Pairs) -> tuple[LibraryFinding, ...]:
    return tuple(finding for _, finding in sorted(pairs.items()))
