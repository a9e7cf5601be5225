"""The first-person narrator and the second-person reader as characters.

In a story told in the first person the narrator speaks and acts as "I", often without ever
being named in the narration; others may call them by name in dialogue ("Why did you call me,
Sam?"). Without a character for them, every "...," I said has no speaker to go to. The
narrator is the character the text names as such ("I'm Anna Reyes", "my name is ...", "Anna,
he called me", a signature closing the first-person chapter), else a named character who is
addressed by name in quotations but never acts as the subject of the narration, else an
unnamed character "the narrator".

A second-person reader-insert ("you" all through the narration, or the placeholders "Y/N",
"(y/n)", "[Y/N]") has the same gap: "...," you said has no speaker. Its protagonist is the
character ``Reader`` (kind ``reader``).

A work may change person between chapters (a first-person obituary, then third-person
chapters): :func:`narrated_stretches` gives the chapters and scenes the narration tells in
the narrator's person, so that the narrator is not given lines elsewhere.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ficlens.characters.config import tunables
from ficlens.characters.mentions import is_vocative
from ficlens.characters.names import is_first_name
from ficlens.characters.textview import TextView

NARRATOR_NAME = "the narrator"
READER_NAME = "Reader"
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|myself)\b")
_SECOND_PERSON = re.compile(r"\b(?:[Yy]ou|[Yy]our|[Yy]ours|[Yy]ourself|[Yy]ourselves)\b")
# The reader-insert's name placeholder: Y/N ("your name"), alone or in brackets.
PLACEHOLDER = re.compile(r"(?<![\w/])[Yy]/[Nn](?![\w/])")
_WORD = re.compile(r"\S+")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_NAME = r"([A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,2})"
# "my name is Anna Reyes", "I'm Anna", "call me Anna", "Anna, he called me", "they called
# me Annie": what the narrator says of their own name.
_SELF_NAMING = (
    re.compile(r"\b(?:[Mm]y name(?:'s|’s| is| was)|I'm|I’m|I am|I was|[Cc]all me)[ \t]+"
               + _NAME),
    re.compile(_NAME + r",?[ \t]+(?:he|she|they|everyone|people)[ \t]+(?:called|calls|call)"
               r"[ \t]+me\b"),
    re.compile(r"\b(?:called|calls|call|named)[ \t]+me[ \t]+" + _NAME),
)
# A signature closing a first-person chapter or letter: "— Nat Rome", or a name alone after
# "Love," / "Yours truly,".
_DASHED_SIGNATURE = re.compile(r"[ \t]*(?:--|[—–~-])[ \t]*" + _NAME + r"[ \t]*\.?[ \t]*$")
_BARE_SIGNATURE = re.compile(r"[ \t]*" + _NAME + r"[ \t]*\.?[ \t]*$")
VALEDICTION = re.compile(
    r"[ \t]*(?:(?:With )?(?:[Aa]ll )?(?:[Mm]y )?[Ll]ove|[Yy]ours(?: (?:truly|sincerely|"
    r"faithfully|ever|always))?|(?:[Ff]orever|[Aa]lways|[Ee]ver) yours|[Ss]incerely|"
    r"(?:[Bb]est|[Kk]ind|[Ww]arm)(?: [Rr]egards| [Ww]ishes)?|[Rr]egards|[Cc]heers|[Xx]{1,3}o*)"
    r"[,.!]?[ \t]*$"
)
# "...," I said / said I / I told him, "...": a quotation the narrator speaks.
_TAG_AFTER = re.compile(r"[ \t]*,?[ \t]*(?:I[ \t]+[a-z]+|[a-z]+[ \t]+I\b)")
_TAG_BEFORE = re.compile(r"\bI[ \t]+[a-z]+(?:[ \t]+[a-z]+)?[ \t]*[,:]?[ \t]*$")
NOT_NAMES = frozenset({"Sorry", "Fine", "Okay", "OK", "Not", "Just", "So", "Here", "The",
                       "God", "Going", "Glad", "Sure", "Home", "Back", "Done", "Still"})


@dataclass(frozen=True)
class Stretch:
    """A chapter or scene and how its narration is told."""

    start: int
    end: int
    words: int
    first: int  # narration I/me/my/myself
    second: int  # narration you/your/yourself

    def rate(self, person: int) -> float:
        uses = self.first if person == 1 else self.second
        return uses * 1000 / self.words if self.words else 0.0


def _narration_pieces(view: TextView, skip: Sequence[tuple[int, int]], start: int,
                      end: int) -> list[tuple[int, int]]:
    """The stretches of ``start:end`` outside quotations and ``skip``."""
    pieces, last = [], start
    for s, e in sorted([*view.quote_spans, *skip, (end, end)]):
        if e <= start:
            continue
        if s >= end:
            break
        if s > last:
            pieces.append((last, s))
        last = max(last, e)
    if last < end:
        pieces.append((last, end))
    return pieces


def stretches(view: TextView, skip: Sequence[tuple[int, int]],
              starts: Sequence[int]) -> list[Stretch]:
    """One :class:`Stretch` per chapter or scene (``starts``: where each begins)."""
    text = view.text
    bounds = sorted({0, *starts, len(text)})
    found = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        words = first = second = 0
        for s, e in _narration_pieces(view, skip, start, end):
            words += len(_WORD.findall(text, s, e))
            first += len(_FIRST_PERSON.findall(text, s, e))
            second += len(_SECOND_PERSON.findall(text, s, e))
        found.append(Stretch(start, end, words, first, second))
    return found


def story_person(parts: Sequence[Stretch]) -> int:
    """1 or 2 when the story's narration as a whole is told in that person, else 3."""
    words = sum(p.words for p in parts)
    whole = Stretch(0, 0, words, sum(p.first for p in parts), sum(p.second for p in parts))
    if (whole.rate(2) >= tunables().second_person_rate and whole.second > whole.first
            and whole.second >= tunables().min_second_person_uses):
        return 2
    if whole.rate(1) >= tunables().first_person_rate:
        return 1
    return 3


def narrated_stretches(parts: Sequence[Stretch], person: int) -> list[tuple[int, int]]:
    """The chapters and scenes told in ``person``, merged where adjacent; [] when no long
    chapter or scene is clearly told otherwise (the narrator is everywhere)."""
    def other(part: Stretch) -> bool:
        return (part.words >= tunables().min_stretch_words
                and part.rate(person) < tunables().other_person_rate)

    if not any(other(p) for p in parts):
        return []
    merged: list[list[int]] = []
    for part in parts:
        if other(part):
            continue
        if merged and merged[-1][1] == part.start:
            merged[-1][1] = part.end
        else:
            merged.append([part.start, part.end])
    return [(s, e) for s, e in merged]


def first_person_uses(view: TextView, skip: Sequence[tuple[int, int]] = ()) -> list[
        tuple[int, int]]:
    """The narration I/me/my/myself of a story told in the first person ([] otherwise);
    quotations and ``skip`` (author's notes) are not narration."""
    uses, words = [], 0
    text = view.text
    for start, end in _narration_pieces(view, skip, 0, len(text)):
        words += len(_WORD.findall(text, start, end))
        uses.extend(m.span() for m in _FIRST_PERSON.finditer(text, start, end))
    if not words or len(uses) * 1000 / words < tunables().first_person_rate:
        return []
    return uses


def named_narrator(view: TextView, characters: Sequence) -> int | None:
    """Index of the named character who is the narrator: addressed by name in quotations,
    mentioned there mostly, and never the subject of a narration sentence."""
    best, best_vocatives = None, 0
    for index, character in enumerate(characters):
        if character.kind != "named" or not character.mentions:
            continue
        quoted = [m for m in character.mentions if view.in_quote(m[0])]
        if len(quoted) < tunables().quoted_share * len(character.mentions):
            continue
        if any(_acts(view, m) for m in character.mentions if not view.in_quote(m[0])):
            continue
        vocatives = sum(is_vocative(view, start, end) for start, end, _kind in quoted)
        if vocatives > best_vocatives:
            best, best_vocatives = index, vocatives
    return best


def _acts(view: TextView, mention: tuple[int, int, str]) -> bool:
    return any(view.tokens[i]["dep"] in _SUBJECT_DEPS for i in view.token_range(*mention[:2]))


# -- the name the text gives the narrator ---------------------------------------------------


def self_named(view: TextView, skip: Sequence[tuple[int, int]],
               told: Sequence[tuple[int, int]], known: frozenset[str],
               parts: Sequence[Stretch] = (),
               letters: Sequence[tuple[int, int, str]] = ()) -> str | None:
    """The name the narrator gives themself in ``told`` (the first-person stretches): in the
    narration or in a quotation the narrator speaks ("my name is Anna Reyes", "I'm Anna",
    "Anna, he called me"), or a signature closing a first-person chapter or scene of
    ``parts`` ("— Nat Rome"). ``known``: the names of characters found, which need no other
    proof of being a name. ``letters``: (start, end, writer) of the letters and e-mails;
    one that opens a first-person stretch was written by its narrator ("From: Jim Kirk")."""
    votes: Counter[str] = Counter()
    text = view.text
    for start, end in told:
        votes.update(_writer_name(writer, known) for s, _e, writer in letters
                     if start <= s < end and not _narration_before(view, skip, start, s))
        pieces = _narration_pieces(view, skip, start, end)
        pieces += [(s, e) for s, e in view.quote_spans
                   if start <= s < end and _spoken_by_narrator(text, s, e)]
        for s, e in pieces:
            for pattern in _SELF_NAMING:
                for match in pattern.finditer(text, s, e):
                    name = _plausible_name(view, match.start(1), match.group(1), known)
                    if name:
                        votes[name] += 1
    for part in parts:
        signature = part.rate(1) >= tunables().first_person_rate and _signature(
            view, skip, part.start, part.end, known)
        if signature:
            votes[signature] += 1
    return votes.most_common(1)[0][0] if votes else None


def _narration_before(view: TextView, skip: Sequence[tuple[int, int]], start: int,
                      offset: int) -> bool:
    return any(_WORD.search(view.text, s, e) for s, e in
               _narration_pieces(view, skip, start, offset))


def _writer_name(signed: str, known: frozenset[str]) -> str:
    """A known character's name inside a signature ("Captain James Kirk"), else as signed."""
    words = signed.split()
    for size in range(len(words), 0, -1):
        for first in range(len(words) - size + 1):
            name = " ".join(words[first : first + size])
            if name in known:
                return name
    return signed


def _spoken_by_narrator(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return bool(_TAG_AFTER.match(text, end, line_end)) or bool(
        _TAG_BEFORE.search(text, line_start, start))


def _plausible_name(view: TextView, start: int, name: str, known: frozenset[str]) -> str | None:
    """``name`` cut to its name words, when the text or the name list says it is a name."""
    words = name.split()
    if words[-1].endswith(("'s", "’s", "'", "’")):
        return None  # "I'm Jake's sister": someone else's name
    while words and words[-1] in NOT_NAMES:
        words.pop()
    if not words or words[0] in NOT_NAMES:
        return None
    name = " ".join(words)
    if name in known or is_first_name(words[0]):
        return name
    index = view.token_at(start)
    return name if index >= 0 and view.entity_label_at.get(index) == "PERSON" else None


def _signature(view: TextView, skip: Sequence[tuple[int, int]], start: int, end: int,
               known: frozenset[str]) -> str | None:
    """The name closing the stretch: the last paragraph of its narration, dashed ("— Nat
    Rome") or after a valediction ("Love," / "Anna")."""
    text = view.text
    lines = [line for line in _lines(text, start, end)
             if not any(s <= line[0] < e for s, e in skip)]
    if not lines:
        return None
    last_start, last_end = lines[-1]
    dashed = _DASHED_SIGNATURE.match(text, last_start, last_end)
    if dashed:
        return _plausible_name(view, dashed.start(1), dashed.group(1), known) or dashed.group(1)
    bare = _BARE_SIGNATURE.match(text, last_start, last_end)
    if bare and len(lines) > 1 and VALEDICTION.match(text, *lines[-2]):
        return _plausible_name(view, bare.start(1), bare.group(1), known)
    return None


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The non-blank lines of ``start:end``, stripped, as offsets."""
    found = []
    for match in re.finditer(r"[^\n]+", text[start:end]):
        line = match.group()
        if line.strip():
            left = len(line) - len(line.lstrip())
            found.append((start + match.start() + left, start + match.start() + len(line.rstrip())))
    return found


def name_occurrences(text: str, name: str, skip: Sequence[tuple[int, int]]) -> list[
        tuple[int, int]]:
    """Where the narrator's name, or its last word alone, occurs in ``text``."""
    words = name.split()
    forms = [re.escape(name)] + ([re.escape(words[-1])] if len(words) > 1 else [])
    pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(forms) + r")(?![\w-])")
    return [m.span() for m in pattern.finditer(text)
            if not any(s <= m.start() < e for s, e in skip)]


def narration(view: TextView, skip: Sequence[tuple[int, int]], starts: Sequence[int]) -> tuple[
        list[tuple[int, int]], list[Stretch], int]:
    """What the narrator is read from: ``skip`` (author's notes) widened by the letters and
    chat logs (a letter's "I" and "you" are its own), one :class:`Stretch` per chapter or
    scene (``starts``), and the story's person (:func:`story_person`)."""
    from ficlens.characters.documents import document_spans

    skip = [*skip, *document_spans(view.text, skip)]
    parts = stretches(view, skip, starts)
    return skip, parts, story_person(parts)


# -- the second-person reader -----------------------------------------------------------------


def placeholders(text: str, skip: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The reader-insert's "Y/N" placeholders outside ``skip``."""
    return [m.span() for m in PLACEHOLDER.finditer(text)
            if not any(s <= m.start() < e for s, e in skip)]


# -- adding them to the cast --------------------------------------------------------------


def add_narrator(view: TextView, characters: list, skip: Sequence[tuple[int, int]],
                 starts: Sequence[int]) -> None:
    """Flag or add the first-person narrator, or add the second-person Reader, first.

    ``characters``: the stage's Character records (changed in place); ``starts``: where each
    chapter and scene begins."""
    from ficlens.characters.documents import letter_writers

    letters = letter_writers(view.text, skip)
    skip, parts, person = narration(view, skip, starts)
    uses = first_person_uses(view, skip)
    if person == 2 or placeholders(view.text, skip):
        reader = _add_reader(view, characters, skip, parts, person)
        if person == 1 and uses:  # "My name is Y/N": the narrator is the reader
            reader.narrator, reader.narrated = True, len(uses)
            reader.narrates = narrated_stretches(parts, 1)
        return
    if not uses:
        return
    told = narrated_stretches(parts, 1)
    known = frozenset(a for c in characters if c.kind == "named" for a in [c.name, *c.aliases])
    name = self_named(view, skip, told or [(0, len(view.text))], known, parts, letters)
    index = _owner(characters, name) if name else named_narrator(view, characters)
    if index is None and name:
        index = _new_named(characters, name, view.text, skip)
    elif index is not None and name:
        _add_name_mentions(characters, index, name, view.text, skip)
    if index is None:
        from ficlens.characters.stage import Character

        characters.insert(0, Character(NARRATOR_NAME, [], "narrator", on_stage=True))
        index = 0
    narrator = characters[index]
    narrator.narrator = True
    narrator.narrated = len(uses)
    narrator.narrates = told
    narrator.on_stage = True


def _owner(characters: list, name: str) -> int | None:
    """The named character called ``name`` (or whose full name it is, or ends)."""
    lowered = name.lower()
    for index, character in enumerate(characters):
        names = [n.lower() for n in [character.name, *character.aliases]]
        if character.kind == "named" and lowered in names:
            return index
    if " " not in name:
        return None
    for index, character in enumerate(characters):
        if character.kind == "named" and character.name.lower().endswith(" " + lowered):
            return index
    return None


def _new_named(characters: list, name: str, text: str, skip: Sequence[tuple[int, int]]) -> int:
    from ficlens.characters.stage import Character

    characters.insert(0, Character(name, [name], "named"))
    _add_name_mentions(characters, 0, name, text, skip)
    return 0


def _add_name_mentions(characters: list, index: int, name: str, text: str,
                       skip: Sequence[tuple[int, int]]) -> None:
    """The narrator's name and surname wherever no other character's mention is: the
    stage may have left out a surname it took for a place ("Rome")."""
    taken = [(s, e) for c in characters for s, e, _k in c.mentions]
    narrator = characters[index]
    added = [(s, e, "proper") for s, e in name_occurrences(text, name, skip)
             if not any(a < e and s < b for a, b in taken)]
    narrator.mentions = sorted([*narrator.mentions, *added])
    for s, e, _k in added:
        if text[s:e] not in narrator.aliases:
            narrator.aliases.append(text[s:e])


def _add_reader(view: TextView, characters: list, skip: Sequence[tuple[int, int]],
                parts: Sequence[Stretch], person: int):
    """The reader-insert's protagonist: a named "Reader" or "Y/N" the stage found, else a
    new character ``Reader``, with the placeholders as its name mentions."""
    from ficlens.characters.stage import Character

    spots = placeholders(view.text, skip)
    surfaces = list(dict.fromkeys(view.text[s:e] for s, e in spots))
    found = [i for i, c in enumerate(characters) if c.kind == "named" and {
        n.lower() for n in [c.name, *c.aliases]} & {READER_NAME.lower(), "y/n"}]
    reader = characters.pop(found[0]) if found else Character(READER_NAME, [READER_NAME], "reader")
    reader.kind = "reader"
    reader.aliases = list(dict.fromkeys([READER_NAME, *reader.aliases, *surfaces]))
    reader.name = READER_NAME
    taken = {(s, e) for s, e, _k in reader.mentions}
    reader.mentions.extend((s, e, "proper") for s, e in spots if (s, e) not in taken)
    reader.mentions.sort()
    if person == 2:  # "...," you said: the reader tells the story's lines as "you"
        reader.narrator, reader.person = True, 2
        reader.narrated = sum(p.second for p in parts)
        reader.narrates = narrated_stretches(parts, 2)
    reader.on_stage = True
    characters.insert(0, reader)
    return reader
