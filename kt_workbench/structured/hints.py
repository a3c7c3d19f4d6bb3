"""What the structured views suggest and flag: values already used around the process."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EditingHints:
    """Suggestions for fields, gathered from the library and the process being edited.

    ``roles`` and ``systems`` are those used in the library's steps and access rights;
    ``contact_roles`` those of the process's escalation contacts; ``access_systems`` the
    systems the process grants access to; ``glossary_terms`` the terms its glossary explains.
    """

    roles: tuple[str, ...] = ()
    systems: tuple[str, ...] = ()
    contact_roles: tuple[str, ...] = ()
    access_systems: tuple[str, ...] = ()
    glossary_terms: tuple[str, ...] = ()
