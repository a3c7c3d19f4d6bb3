"""Process identifiers: stable slugs derived from titles."""

from __future__ import annotations

import re
import unicodedata

_NON_SLUG = re.compile(r"[^a-z0-9]+")
ID_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$")
MAX_ID_LENGTH = 120


def slugify(text: str) -> str:
    """Turn a title into an id: lowercase ASCII words joined by hyphens.

    Returns an empty string when the text holds no letter or digit that survives
    transliteration (for example a title written only in a non-Latin script).
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NON_SLUG.sub("-", ascii_text.lower()).strip("-")
    return slug[:MAX_ID_LENGTH].rstrip("-")


def is_valid_id(candidate: str) -> bool:
    """An id is lowercase letters, digits and inner hyphens, at most 120 characters."""
    return bool(ID_PATTERN.match(candidate))


def latin_share(text: str) -> float:
    """The share of a text's letters and digits that survive as ASCII in its slug."""
    kept = total = 0
    for char in text:
        if char.isalnum():
            total += 1
            folded = unicodedata.normalize("NFKD", char).encode("ascii", "ignore")
            kept += bool(folded)
    return kept / total if total else 0.0


def title_slug(title: str) -> str:
    """The slug of a title when it says what the title says: empty for a title mostly in
    another script (``CMOC業務の遂行方法`` would give ``cmoc``)."""
    return slugify(title) if latin_share(title) >= 0.8 else ""


def qualified(slug: str, qualifier: str) -> str:
    """``slug`` prefixed with a qualifier (a folder path), cut to the id length."""
    joined = f"{slugify(qualifier)}-{slug}" if slugify(qualifier) else slug
    if len(joined) <= MAX_ID_LENGTH:
        return joined
    return joined[-MAX_ID_LENGTH:].lstrip("-")
