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
