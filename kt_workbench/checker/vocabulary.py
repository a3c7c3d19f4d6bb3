"""The words the rules look for, compiled once: vague phrases, markers, acronyms, names."""

from __future__ import annotations

import re
from functools import lru_cache

# Lower case, single spaces; matched as whole words.
VAGUE_PHRASES = (
    "as appropriate", "if appropriate", "where appropriate", "when appropriate",
    "if needed", "as needed", "when needed", "if necessary", "as necessary", "where necessary",
    "as required", "etc", "and so on", "and so forth", "usually", "normally", "generally",
    "typically", "sometimes", "asap", "as soon as possible", "quickly", "use your judgement",
    "use your judgment", "use judgement", "use judgment", "use common sense",
    "at your discretion", "handle accordingly", "where possible", "when possible",
    "if possible", "try to", "somehow", "and/or", "lots of", "a lot of",
)  # fmt: skip

UNFINISHED_WORDS = ("tbd", "tbc", "todo", "fixme", "???")
UNFINISHED = re.compile(r"(?<![\w-])(?:TBD|TBC|TODO|FIXME)(?![\w-])|\?{3,}", re.IGNORECASE)

# Applied to lower-cased text: a literal start lets the regex engine skip ahead quickly.
STEP_REFERENCE = re.compile(r"steps?\s+#?(\d{1,3})(?:\s*(?:-|–|to|and|or|,|&)\s*#?(\d{1,3}))?\b")

# Template markers in scripts: "[insert date]", "<customer name>", "XXX".
BRACKET_MARKER = re.compile(
    r"\[\s*(?:insert|add|enter|fill\s+in|type|put|your|customer'?s?)\b[^\]\n]*\]", re.IGNORECASE
)
ANGLE_MARKER = re.compile(r"<([^<>\n]{1,60})>")
X_MARKER = re.compile(r"(?<![\w-])(?:XXX+|xxx+)(?![\w-])")
_HTML_TAG = re.compile(
    r"^/?([a-zA-Z][a-zA-Z0-9]*)(?:\s+[\w:-]+(?:=(?:\"[^\"]*\"|'[^']*'|\S+))?)*\s*/?$"
)
_HTML_TAGS = frozenset(
    "a abbr b bdi bdo blockquote br cite code del details dfn div em hr i img ins kbd li mark "  # noqa: SIM905
    "ol p pre q s samp small span strong sub summary sup table tbody td th thead time tr u ul "
    "var wbr".split()
)

PLACEHOLDER = re.compile(r"\{\{?\s*([A-Za-z_][\w .-]{0,40}?)\s*\}\}?")

# Acronyms: two or more capitals (digits allowed, as in 2FA or B2B), at most eight characters,
# optionally with a plural "s"; longer runs are keys and codes, not acronyms. The regex only
# finds runs that start with a capital (a plain character class lets the engine skip ahead
# fast); ``find_acronyms`` does the rest in Python.
_CAPITAL_RUN = re.compile(r"[A-Z][A-Z0-9]+")
MAX_ACRONYM = 8
_CITY_BEFORE = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*$")

# Words written in capitals that everyone knows or that are emphasis, not tribal knowledge.
# TBD, TODO, FIXME, XXX and ASAP are reported by their own rules.
ACRONYM_STOP_LIST = frozenset(
    "OK AM PM IT NO NOT YES DO DONT NEVER ALWAYS ONLY MUST ALL ANY AND OR IF THE STOP NOTE "  # noqa: SIM905
    "NB PS IMPORTANT WARNING URGENT ASAP TBD TBC TODO FIXME XXX FAQ PDF URL UK US USA EU UTC "
    "GMT CET CEST BST EST EDT PST PDT USD EUR GBP README CHANGELOG LICENSE GET POST PUT PATCH "
    "DELETE HEAD RED AMBER GREEN BLUE YELLOW ORANGE BLACK WHITE GREY GRAY PURPLE PINK "
    "MM DD YYYY YY HH UT ET CT MT PT AEST AEDT IST CST MST NE NW SE SW ST RD AVE "
    "KB MB GB TB PB EURO EUROS II III IV VI VII VIII IX XI XII XIII XIV XV".split()
)

_MARKUP = re.compile(r"[`*_]+")
_SYSTEM_SPLIT = re.compile(r"\s*(?:[,;/+&]|\band\b)\s*", re.IGNORECASE)
_GLOSSARY_JUNK = re.compile(r"[{}`*\[\]]+")
_SEPARATORS = re.compile(r"[\s_-]+")


@lru_cache(maxsize=8192)
def glossary_key(term: str) -> str:
    """How terms, acronyms and placeholders are compared: ``{order_number}``, ``Order number``
    and ``ORDER-NUMBER`` are one term."""
    return _SEPARATORS.sub(" ", _GLOSSARY_JUNK.sub("", term)).strip().casefold()


def find_acronyms(text: str) -> list[tuple[int, int]]:
    """Start and end of every acronym in ``text``, without any plural ending."""
    found = []
    length = len(text)
    for match in _CAPITAL_RUN.finditer(text):
        start, end = match.span()
        while start > 0 and text[start - 1].isdigit():
            start -= 1
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_-"):
            continue
        after = end
        if after < length and text[after] == "s":
            after += 1
        elif text.startswith(("'s", "’s"), after):
            after += 2
        if after < length and (text[after].isalnum() or text[after] in "_-"):
            continue
        # A word with an apostrophe, shouted: DON'T, DIDN’T.
        if text.startswith(("'", "’"), after) and text[after + 1 : after + 2].isalpha():
            continue
        # A handle or a channel: @USGSA, #TEAM.
        if start > 0 and text[start - 1] in "@#":
            continue
        # TL;DR
        if text.startswith(";DR", end) or (text[max(0, start - 3) : start] == "TL;"):
            continue
        # A quantity or a time: 30TB, 100GB, 5PM.
        if end - start > 2 and text[start].isdigit():
            letters = text[start:end].lstrip("0123456789")
            if text[start : start + 2].isdigit() or letters in ("AM", "PM", "K", "M"):
                continue
        # Half of a name joined with "&": R&D, POA&M, AT&T.
        if text.startswith("&", after) or (start > 0 and text[start - 1] == "&"):
            continue
        # A state or country after a city: "San Francisco, CA".
        if (
            end - start == 2
            and text[max(0, start - 2) : start] == ", "
            and _CITY_BEFORE.search(text, max(0, start - 40), start - 2)
        ):
            continue
        # Part of a domain or a dotted name: GOV.UK, ASP.NET, NHS.UK.
        if text.startswith(".", after) and after + 1 < length and text[after + 1].isalpha():
            continue
        if start > 1 and text[start - 1] == "." and text[start - 2].isalpha():
            continue
        if end - start <= MAX_ACRONYM and sum(map(str.isupper, text[start:end])) >= 2:
            found.append((start, end))
    return found


def acronyms_in(text: str) -> set[str]:
    return {glossary_key(text[start:end]) for start, end in find_acronyms(text)}


@lru_cache(maxsize=4096)
def system_key(name: str) -> str:
    return " ".join(_MARKUP.sub("", name).split()).casefold()


@lru_cache(maxsize=4096)
def system_names(field: str) -> tuple[str, ...]:
    """The systems a ``System:`` line or access row names: ``Zendesk, Stripe`` is two.

    Cached: a library names the same few systems thousands of times.
    """
    names = (" ".join(_MARKUP.sub("", part).split()) for part in _SYSTEM_SPLIT.split(field))
    return tuple(name for name in names if name and any(char.isalnum() for char in name))


def is_template_angle(inner: str) -> bool:
    """``<customer name>`` is a marker to fill in; ``<br>`` or ``<b>`` is markup."""
    if not inner.strip():
        return False
    tag = _HTML_TAG.match(inner.strip())
    return not (tag and tag.group(1).lower() in _HTML_TAGS)
