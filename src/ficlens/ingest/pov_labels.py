"""POV labels: a line that names whose eyes the next scene sees through.

Recognised shapes (decorations such as ``~``, ``*``, ``-``, brackets are ignored):
``Tobin POV``, ``Maren's POV``, ``POV: Isla``, ``~Corin's point of view~``,
``Wren's P.O.V.``, ``From Jonas' point of view``, ``Tobin & Maren POV``, ``Normal POV``.
The name is returned as written, without a possessive ``'s``.
"""

from __future__ import annotations

import re

from ficlens.ingest.segment_config import tunables

_DECORATION = r"[\s~*_=\-+#.:|()\[\]<>]*"
_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}"
_NAMES = rf"{_NAME}(?:\s*(?:and|&|/)\s*{_NAME})?"
_POV = r"(?:P\.?\s?O\.?\s?V\.?|point\s+of\s+view)"
_POSSESSIVE = r"(?:['’]s|s['’]|['’])?"
_NAME_FIRST = re.compile(
    rf"^{_DECORATION}(?:from\s+)?(?P<name>{_NAMES}?){_POSSESSIVE}\s*{_POV}{_DECORATION}$",
    re.IGNORECASE,
)
_POV_FIRST = re.compile(
    rf"^{_DECORATION}{_POV}\s*(?:[:\-–—]\s*|\s+)(?P<name>{_NAMES}){_DECORATION}$", re.IGNORECASE
)
_POSSESSIVE_END = re.compile(r"(?:['’]s|['’])$", re.IGNORECASE)
_NOT_NAMES = frozenset({"my", "his", "her", "their", "our", "your", "its", "the", "a", "an"})
GENERAL_NAMES = frozenset({"normal", "general", "third person", "omniscient", "author", "no one"})


def pov_label(line: str) -> str | None:
    """The name in a POV label line as written (``Maren``), or None if it is not one."""
    body = line.strip()
    if not body or len(body) > tunables().max_label_length:
        return None
    for pattern in (_NAME_FIRST, _POV_FIRST):
        match = pattern.match(body)
        name = match.group("name").strip() if match else ""
        if name and name[0].isupper() and name.split()[0].casefold() not in _NOT_NAMES:
            return _POSSESSIVE_END.sub("", name)
    return None


def is_general(name: str) -> bool:
    """True for labels that name no character (``Normal POV``, ``Third person POV``)."""
    return name.casefold() in GENERAL_NAMES
