"""Credentials in a pack: refused unless the caller allows them, then masked in every file.

Detection is ``checker.secrets.find_secrets`` (the checker's own rules). Each file is scanned
as it will be written, and every value found anywhere is masked everywhere: the README copies
field values into tables and lists where the words that made them recognisable ("password:")
may not travel with them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kt_workbench.checker.secrets import find_secrets
from kt_workbench.errors import KtwError

MASK = "[hidden]"


@dataclass(frozen=True)
class FoundCredential:
    file: str  # pack-relative
    line: int
    kind: str
    code: str


class CredentialsInPack(KtwError):
    """The pack would hand credentials to another company."""

    def __init__(self, found: list[FoundCredential]) -> None:
        self.found = found
        first = found[0]
        many = len(found) > 1
        more = f" and {len(found) - 1} more" if many else ""
        them = "them" if many else "it"
        super().__init__(
            f"the pack would contain {len(found)} credential{'s' if many else ''} "
            f"({first.kind} in {first.file} line {first.line}{more}); remove {them} "
            f"('ktw check' lists {them}) or export with --allow-secrets to write "
            f"{them} as {MASK}"
        )


def find_credentials(files: Mapping[str, str]) -> tuple[list[FoundCredential], set[str]]:
    """Every credential in the pack's files (by file and line) and the set of their values."""
    found: list[FoundCredential] = []
    values: set[str] = set()
    for name, text in files.items():
        for hit in find_secrets(text):
            line = text.count("\n", 0, hit.start) + 1
            found.append(FoundCredential(name, line, hit.kind, hit.code))
            values.add(text[hit.start : hit.end])
    return found, values


def mask_credentials(files: Mapping[str, str], values: set[str]) -> dict[str, str]:
    """Each file with every credential value replaced by ``[hidden]``, wherever it appears."""
    ordered = sorted(values, key=len, reverse=True)  # a value inside a longer one goes later
    masked = {}
    for name, text in files.items():
        for value in ordered:
            if value in text:
                text = text.replace(value, MASK)
        masked[name] = text
    return masked


def guard_credentials(files: Mapping[str, str], allow: bool) -> dict[str, str]:
    """The files as they may be written: unchanged when clean, masked when ``allow``, else
    ``CredentialsInPack``."""
    found, values = find_credentials(files)
    if not found:
        return dict(files)
    if not allow:
        raise CredentialsInPack(found)
    masked = mask_credentials(files, values)
    # Masking can bring two fragments together into something that reads as a credential
    # again ("password: [hidden]x9..."); a second pass catches what the first one made.
    again, more = find_credentials(masked)
    return mask_credentials(masked, more) if again else masked
