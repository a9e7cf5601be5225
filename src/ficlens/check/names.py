"""Name consistency: one character's name spelled two ways (Lindsay / Lindsey).

Candidate names are the words of the character list's names and aliases, spaCy's PERSON
entities, and any capitalised word that is a close variant of one of those. Two names are one
name misspelled when they differ by one edit, share the first letter,
neither is a prefix of the other (Peyt / Peyton is a nickname) nor a pet form of it (Georgie /
George, Perce / Percy: only a familiar ending differs), both have at least five
letters (one edit between short names is as often two names: Rey / Ren, Beta / Bela), one
is much rarer than the other, across the work
and the other parts of its series if given, and the two are never joined by "and", "or" or
a comma (two people named together: "Tavi and Tamvi"), and the rarer spelling is
not mostly a word to the parse ("Tarry, Tobin." beside Terry: a verb opening a sentence).

Two adjacent letters swapped inside a name (Marquartd for Marquardt) is the commonest slip of
typing and rarely how two characters' names differ, so a spelling written once with such a swap
is flagged beside one the story writes at least twice, however few the uses, unless it is a
first name of its own (Carlo beside Carol).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator

from ficlens.check.context import CheckContext
from ficlens.check.findings import Finding, Rule
from ficlens.document import Work
from ficlens.lexicon import census_first_names, first_names

CATEGORY = "names"
RULES = (
    Rule("names.spelling", CATEGORY, "warning",
         "A character's name spelled two ways in a work or across its series."),
    Rule("names.split-hyphen", CATEGORY, "error",
         "A double-barrelled surname with a space after its hyphen (Ashby- Crane)."),
)
_NAME_WORD = re.compile(r"[A-Z][a-z]{2,}")
MIN_LENGTH = 5
RARE_SHARE = 0.34  # the rarer spelling is at most this share of the common one's count
# The endings of familiar forms of a name (Georgie, Perce, Johnny): after the letters two
# spellings share, tails of these only make a pet name, not a slip.
PET_ENDINGS = frozenset({"", "e", "y", "ie", "ey", "i", "o", "a"})
DIMINUTIVES = frozenset({"y", "ie", "ey"})  # one of the two ends so (Marla / Marle: a slip)
MIN_SWAP_COMMON = 2  # uses of the common spelling beside a once-written swapped one
# A first name and a surname whose hyphen a space follows, inside a sentence (after a
# lower-case word or a comma): "yanking Tobias Ashby- Crane back". A cut-off in speech
# ("I told- Mara, wait") has no name before the hyphen; in a stutter the second half begins
# with the first ("Car- Carol").
SPLIT_SURNAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+ ([A-Z][a-z]{2,})- ([A-Z][a-z]{2,})\b")


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count as one edit)."""
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            row.append(min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def candidate_names(work: Work) -> set[str]:
    names = set()
    for character in work.tables.get("characters", []):
        for alias in [character["name"], *character.get("aliases", [])]:
            names.update(_NAME_WORD.findall(alias))
    for entity in work.layer("entities"):
        if entity.get("label") == "PERSON":
            names.update(_NAME_WORD.findall(work.span_text(entity)))
    return names


def variants(a: str, b: str) -> bool:
    if a[0] != b[0] or a.startswith(b) or b.startswith(a) or min(len(a), len(b)) < MIN_LENGTH:
        return False
    if a[:-3] == b[:-3] and {a[-3:], b[-3:]} == {"man", "men"}:
        return False  # the name's plural: Superman, Supermen
    if _pet_form(a.lower(), b.lower()):
        return False  # Georgie beside George, Perce beside Percy: a pet name
    # One edit: two apart are as often two names of one culture (Tamura, Tagure).
    return edit_distance(a.lower(), b.lower()) <= 1


def _pet_form(a: str, b: str) -> bool:
    """The two differ only in a pet name's ending after their shared start (George /
    Georgie, Percy / Perce): one name and its familiar form, or two related names."""
    shared = len(os.path.commonprefix([a, b]))
    tails = {a[shared:], b[shared:]}
    return tails <= PET_ENDINGS and bool(tails & DIMINUTIVES)


def check(ctx: CheckContext) -> Iterator[Finding]:
    yield from _split_surnames(ctx)
    works = (ctx.work, *ctx.related)
    known = set().union(*(candidate_names(w) for w in works))
    if not known:
        return
    words = Counter(w for work in works for w in _NAME_WORD.findall(work.text))
    # A misspelling is often too rare for spaCy to call it a person, but it is still tagged
    # a proper noun; a capitalised common word ("Like" opening a sentence) is not.
    proper = {work.span_text(t) for work in works for t in work.layer("tokens")
              if t.get("pos") == "PROPN"}
    names = known | {w for w in words if w not in known and w in proper
                     and any(variants(w, k) for k in known)}
    counts = Counter({w: words[w] for w in names})
    ordered = sorted(names)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if counts[a] and counts[b] and variants(a, b):
                common, rare = (a, b) if counts[a] >= counts[b] else (b, a)
                if _two_people(ctx, rare, common) or _mostly_a_word(ctx, rare):
                    continue
                if counts[rare] <= RARE_SHARE * counts[common] \
                        or _swap_slip(rare, common, counts):
                    yield from _occurrences(ctx, rare, common, counts)


def _mostly_a_word(ctx: CheckContext, rare: str) -> bool:
    """The parse takes the rarer spelling for a proper noun at most half the times the work
    writes it ("Tarry, Tobin." beside Terry): a word opening its sentence, no name."""
    uses = [t.get("pos") for t in ctx.work.layer("tokens") if ctx.work.span_text(t) == rare]
    return bool(uses) and 2 * uses.count("PROPN") <= len(uses)


def _two_people(ctx: CheckContext, rare: str, common: str) -> bool:
    """The two spellings joined by "and", "or" or a comma ("Tavi and Tamvi"): two people
    named together."""
    pair = rf"\b(?:{rare}(?:,| and| or|, and) {common}|{common}(?:,| and| or|, and) {rare})\b"
    return re.search(pair, ctx.text) is not None


def _split_surnames(ctx: CheckContext) -> Iterator[Finding]:
    for match in SPLIT_SURNAME.finditer(ctx.text):
        first, second = match.group(1), match.group(2)
        if ctx.in_note(match.start()) or second.startswith(first):
            continue
        fixed = f"{first}-{second}"
        yield Finding("names.split-hyphen", CATEGORY, "error", match.start(1), match.end(2),
                      f"'{match.group(1)}- {second}': a hyphenated name has no space: "
                      f"'{fixed}'.", fixed, True)


def transposed(a: str, b: str) -> bool:
    """``b`` is ``a`` with two adjacent letters after the first swapped (Marquardt,
    Marquartd)."""
    if len(a) != len(b):
        return False
    differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(differ) == 2 and differ[0] > 0 and differ[1] == differ[0] + 1 \
        and a[differ[0]] == b[differ[1]] and a[differ[1]] == b[differ[0]]


def _swap_slip(rare: str, common: str, counts: Counter) -> bool:
    """A name written once with two letters swapped, beside a spelling used more often."""
    return counts[rare] == 1 and counts[common] >= MIN_SWAP_COMMON \
        and transposed(rare, common) and rare not in first_names() \
        and rare not in census_first_names()


def _occurrences(ctx: CheckContext, rare: str, common: str, counts: Counter) -> Iterator[Finding]:
    for match in re.finditer(rf"\b{re.escape(rare)}\b", ctx.text):
        if ctx.in_note(match.start()):
            continue
        yield Finding("names.spelling", CATEGORY, "warning", match.start(), match.end(),
                      f"'{rare}' ({counts[rare]}x) is spelled '{common}' ({counts[common]}x) "
                      "elsewhere: same character?", common)
