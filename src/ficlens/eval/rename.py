"""The rename test: every character of a story renamed to a name no list of ficlens knows.

Identity and gender must come from what the text says, not from a list of names. To check
that, :func:`plan_renaming` takes the name forms of each gold character (aliases and the
canonical name), splits them into name words ("Jack Abbot" -> "Jack", "Abbot"), and gives
each word an invented replacement; :func:`Renaming.apply` rewrites the text, and
:meth:`Renaming.span` moves any gold offset (quotations, POV spans) onto the new text, so
the gold stays valid.

Which words are renamed: capitalised words of a character's name forms that the story uses
capitalised more often than in lower case ("Rose" the heroine is renamed, "Old" of "Old
Spock" and "Female" of "Female Lavellan" are not), that are not titles or honorifics the
project reads as such ("Dr", "Sheriff", "Captain", "Doctor"), and that belong to a character
with a name: the second-person reader ("you", "Y/N") has none. A word is replaced wherever
the text has it capitalised or in capitals, possessives included ("Giles's", "GILES");
first and last names are replaced word by word, so a family name two characters share stays
shared and every "Jack" becomes the same invented word; a short form of a character's longer
name word ("Mare" of "Maren") becomes the same short form of its invented word. A nickname
that is not a short form ("Bash" for "Tobin") gets its own invented word: linking the two
was a name list's doing, not the text's.

Invented names are built from syllables and checked, in code, against every word in every
file ficlens ships under ``src/ficlens`` (name lists, lexicons, models, annotations) and
against the story's own words; they are drawn from one pool whatever the character's gender
and always end in a consonant, so no ending gives a gender away ("-a", "-ella", "-o"). A
name word ending in "s" gets an invented word ending in "s", so "Giles'" stays a possessive.
"""

from __future__ import annotations

import bisect
import gzip
import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import ficlens
from ficlens.eval.pdnc_data import Novel

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_LETTERS = re.compile(r"[^\W\d_]+")
_POSSESSIVE = re.compile(r"['’][sS]?$")
_ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z",
           "br", "dr", "gr", "kr", "tr", "th", "st", "vr", "zh")
_VOWELS = ("a", "e", "i", "o", "u", "ae", "ei", "ou", "y")
_CODAS = ("n", "r", "l", "k", "th", "m", "v", "x", "d", "rn", "sk", "nd")
MAX_TRIES = 10_000
SHIPPED_SUFFIXES = (".py", ".txt", ".json", ".csv", ".tsv", ".md", ".yaml", ".yml", ".gz",
                    ".html", ".js", ".css")


@lru_cache(maxsize=1)
def shipped_words() -> frozenset[str]:
    """Every word (lower case) in every text file of the installed ficlens package: the
    name lists, lexicons, models and annotations an invented name must not appear in."""
    root = Path(ficlens.__file__).resolve().parent
    words: set[str] = set()
    for path in root.rglob("*"):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        if path.suffix not in SHIPPED_SUFFIXES:
            continue
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        content = raw.decode("utf-8", errors="ignore")
        words.update(w.lower() for w in _WORD.findall(content))
        words.update(w.lower() for w in _LETTERS.findall(content))
    return frozenset(words)


def _title_words() -> frozenset[str]:
    """Honorifics and titles the characters stage reads as such ("Dr", "Sheriff"): kept,
    since the test is about names, not about the words around them."""
    from ficlens.characters.names import HONORIFICS, TITLES

    return frozenset(w.rstrip(".") for w in (*HONORIFICS, *TITLES))


def name_words(name: str) -> list[str]:
    """The capitalised words of one name form, possessive endings dropped."""
    words = [_POSSESSIVE.sub("", w) for w in _WORD.findall(name)]
    return [w for w in words if len(w) >= 2 and w[0].isupper()]


def _case_counts(text: str) -> Counter[str]:
    return Counter(_POSSESSIVE.sub("", w) for w in _WORD.findall(text))


def story_name_words(text: str, characters: Iterable[Sequence[str]]) -> list[list[str]]:
    """The name words to rename, per character, in a stable order (see the module
    docstring); a word two characters share is listed for the first."""
    titles = _title_words()
    counts = _case_counts(text)
    seen: set[str] = set()
    chosen: list[list[str]] = []
    for names in characters:
        if any(n.strip().lower() in ("you", "y/n") for n in names):
            continue  # the second-person reader has no name to rename
        words: list[str] = []
        for name in names:
            for word in name_words(name):
                if word in seen or word in titles or word.rstrip(".") in titles:
                    continue
                capitalised = counts[word] + counts[word.upper()]
                if capitalised > counts[word.lower()]:
                    words.append(word)
                    seen.add(word)
        chosen.append(words)
    return chosen


MIN_SHORT_FORM = 3


def invent_names(
    characters: Sequence[Sequence[str]], forbidden: Iterable[str], seed: str
) -> dict[str, str]:
    """One invented word per name word: syllable-built, in no shipped list, not a word of
    the story, distinct from each other, ending in a consonant (an "s" for an "s"). A short
    form of another of the character's words ("Mare" of "Maren") becomes a short form of
    that word's invented name, so the text still shows the two are one name."""
    rng = random.Random(seed)
    taken = set(shipped_words()) | {w.lower() for w in forbidden}
    invented: dict[str, str] = {}
    for words in characters:
        for word in sorted(words, key=len, reverse=True):
            longer = [w for w in words if len(w) > len(word) >= MIN_SHORT_FORM
                      and w.startswith(word)]
            candidate = _short_form(invented[longer[0]], len(word), taken) if longer else None
            candidate = candidate or _new_name(rng, word, taken)
            taken.add(candidate.lower())
            invented[word] = candidate
    return invented


def _short_form(name: str, length: int, taken: set[str]) -> str | None:
    for size in range(length, len(name)):
        short = name[:size]
        if short[-1].lower() not in "aeiouy" and short.lower() not in taken:
            return short
    return None


def _new_name(rng: random.Random, word: str, taken: set[str]) -> str:
    for _ in range(MAX_TRIES):
        candidate = _syllable_name(rng, ends_in_s=word.lower().endswith("s"))
        if candidate.lower() not in taken:
            return candidate
    raise RuntimeError("could not invent an unused name")  # pragma: no cover


def _syllable_name(rng: random.Random, ends_in_s: bool) -> str:
    syllables = rng.choice((2, 2, 3))
    body = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables))
    coda = "s" if ends_in_s else rng.choice(_CODAS)
    return (body + coda).capitalize()


@dataclass
class Renaming:
    """A set of word replacements applied to one text, with the offset map they imply."""

    old_text: str
    invented: dict[str, str]
    text: str = ""
    # (old start, old end, new start, new end) of each replacement, in text order
    edits: list[tuple[int, int, int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.text, self.edits = self._rewrite(self.old_text)
        self._old_ends = [e[1] for e in self.edits]

    def _forms(self) -> dict[str, str]:
        forms = {}
        for word, new in self.invented.items():
            forms[word] = new
            forms[word.upper()] = new.upper()
        return forms

    def _pattern(self) -> re.Pattern[str] | None:
        forms = self._forms()
        if not forms:
            return None
        alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        return re.compile(rf"(?<![\w])(?:{alternatives})(?![^\W_])")

    def _rewrite(self, text: str) -> tuple[str, list[tuple[int, int, int, int]]]:
        pattern = self._pattern()
        if pattern is None:
            return text, []
        forms = self._forms()
        pieces, edits, last, shift = [], [], 0, 0
        for match in pattern.finditer(text):
            new = forms[match.group(0)]
            pieces.append(text[last : match.start()])
            pieces.append(new)
            new_start = match.start() + shift
            edits.append((match.start(), match.end(), new_start, new_start + len(new)))
            shift += len(new) - (match.end() - match.start())
            last = match.end()
        pieces.append(text[last:])
        return "".join(pieces), edits

    def string(self, value: str) -> str:
        """Any other string (an alias, a tag, a description) with the same replacements."""
        return self._rewrite(value)[0]

    def offset(self, old: int, at_end: bool = False) -> int:
        """Where ``old`` lands in the new text. An offset inside a replaced word goes to the
        new word's start (or its end, for the end of a span)."""
        k = bisect.bisect_right(self._old_ends, old)
        if k < len(self.edits) and self.edits[k][0] < old:  # inside a replaced word
            return self.edits[k][3] if at_end else self.edits[k][2]
        return old + (self.edits[k - 1][3] - self.edits[k - 1][1] if k else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.offset(start), self.offset(end, at_end=True)


def plan_renaming(text: str, characters: Iterable[Sequence[str]], seed: str) -> Renaming:
    """Rename every character (given by its name forms) of ``text``."""
    words = story_name_words(text, characters)
    story_words = {w.lower() for w in _WORD.findall(text)}
    return Renaming(text, invent_names(words, story_words, seed))


def rename_strings(value, renaming: Renaming):
    """``value`` (a string, or lists/dicts of them) with every name replaced."""
    if isinstance(value, str):
        return renaming.string(value)
    if isinstance(value, list):
        return [rename_strings(v, renaming) for v in value]
    if isinstance(value, dict):
        return {k: rename_strings(v, renaming) for k, v in value.items()}
    return value


def rename_novel(novel: Novel) -> Novel:
    """A PDNC-shaped :class:`~ficlens.eval.pdnc_data.Novel` (the seed stories) renamed: text,
    character names and quotation spans."""
    renaming = plan_renaming(novel.text, [sorted(c.names) for c in novel.characters],
                             novel.name)
    characters = [replace(c, name=renaming.string(c.name),
                          aliases=[renaming.string(a) for a in c.aliases])
                  for c in novel.characters]
    quotes = [replace(q, spans=[renaming.span(s, e) for s, e in q.spans]) for q in novel.quotes]
    return Novel(novel.name, renaming.text, characters, quotes)


SETTINGS = ("end_to_end", "gold_characters")
TYPES = ("Explicit", "Anaphoric", "Implicit")


def accuracy_change(before: dict, after: dict) -> dict:
    """Speaker accuracy without and with renaming, and the change, per setting and type
    (both arguments are harness summaries with ``end_to_end`` / ``gold_characters``)."""
    change: dict = {}
    for setting in SETTINGS:
        old, new = before.get(setting) or {}, after.get(setting) or {}
        if old.get("accuracy") is None or new.get("accuracy") is None:
            continue
        change[setting] = {
            "original": old["accuracy"], "renamed": new["accuracy"],
            "change": round(new["accuracy"] - old["accuracy"], 4),
            "by_type": {
                t: round(new["by_type"][t]["accuracy"] - old["by_type"][t]["accuracy"], 4)
                for t in TYPES
                if old["by_type"][t]["accuracy"] is not None
                and new["by_type"][t]["accuracy"] is not None
            },
        }
    return change
