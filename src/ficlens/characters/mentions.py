"""Finding person names in the text: candidate forms with their evidence, then every mention.

Two passes over the capitalised words only (never over every token):

1. :func:`collect_forms` groups capitalised runs ("Coach Tomas Reyes", "Mr. Dunmore", "Marg")
   into name *forms* and records, per form, the evidence for and against it being a person
   (spaCy PERSON vs place/organisation labels, sentence-initial only, used as a modifier as in
   "a Coach bag", vocative use, honorific).
2. :func:`find_mentions` finds every occurrence of the accepted forms, longest first, so
   mentions spaCy's NER missed are counted too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ficlens.characters.config import tunables
from ficlens.characters.names import (
    HONORIFICS,
    NOT_NAMES,
    SPEECH_VERBS,
    TITLES,
    is_first_name,
)
from ficlens.characters.person_cues import person_cue
from ficlens.characters.textview import TextView

_ABBREVIATED = r"(?:Mr|Mrs|Ms|Mx|Dr|St|Prof|Rev|Mme|Mlle)\."
_LETTER = r"(?:[^\W_]|['’])"  # no underscores: Gutenberg's _italics_ are not part of a name
_CAPITAL = "[A-ZÀ-ÖØ-Þ]"
_WORD = rf"(?:{_ABBREVIATED}|{_CAPITAL}{_LETTER}*(?:-{_LETTER}+)*)"  # "Jane--which" stops at "--"
_PARTICLE = r"(?:de|van|von|du|le|la|di|da|del|der)"
_RUN = re.compile(
    rf"(?={_CAPITAL}){_WORD}(?:(?:[ \t]+|[ \t]*\n[ \t]*)(?:{_PARTICLE}[ \t]+)?{_WORD})*"
)
_WORD_IN_RUN = re.compile(rf"(?:{_PARTICLE}[ \t]+)?{_WORD}")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_AFTER_COMMA = re.compile(r",\s*$")
_AFTER_QUOTE_MARK = re.compile(r'["“]\s*$')
_ENDS_CLAUSE = re.compile(r"\s*[,.!?]")
_ENDS_PHRASE = re.compile(r"\s*,")
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*\b")
# "the other Martin": a second person who shares the name; "the older Spock" and "the
# younger Spock" are two more (the bare name stays with whichever the clustering gives it).
_NAMESAKE = re.compile(r"\b([Tt]he (?:other|older|younger|elder))[ \t]+$")
OTHER_ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP", "PRODUCT", "WORK_OF_ART"})
DETERMINERS = frozenset(
    {"a", "an", "the", "this", "that", "my", "his", "her", "their", "our", "your"}
)
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "into", "inside", "outside", "through"})


@dataclass
class Word:
    start: int
    end: int
    text: str


@dataclass
class FormEvidence:
    """What the text says about one name form across all its occurrences."""

    form: str
    count: int = 0
    person: int = 0
    other_entity: int = 0
    initial_only: int = 0
    modifier: int = 0
    vocative: int = 0
    subject: int = 0
    plural: int = 0  # tagged plural where the text shows a plural ("the Scotts")
    unconfirmed_plural: int = 0  # tagged plural with nothing in the text to confirm it
    after_place_preposition: int = 0  # "in Florence", "at Kellynch Lodge"
    after_to_or_from: int = 0  # "to Bath", "from Bath" (but also "said to Margot")
    definite: int = 0  # "the Hatter", "the Doctor": a capitalised role used as a name
    speaker: int = 0  # subject of a speech verb in narration: "Lilia said"
    group: int = 0  # spaCy's NORP (nationalities, religions): "the Sikhs", "Islam"
    proper: int = 0  # tagged a proper noun
    person_cue: int = 0  # treated as a person: "Willow's hands", "Kestrel ... her bag"
    opens_with_comma: int = 0  # "Nah, ...", "Gentler, Jack adds": an interjection or an adverb
    occurrences: list[tuple[int, int]] = field(default_factory=list)

    @property
    def tagged_plural(self) -> int:
        """Uses spaCy tags plural, whether or not the text confirms it."""
        return self.plural + self.unconfirmed_plural


def words_in(text: str, start: int = 0, end: int | None = None) -> Iterator[list[Word]]:
    """Runs of capitalised words (names may wrap one line), possessives cut off."""
    for run in _RUN.finditer(text, start, len(text) if end is None else end):
        words = []
        for match in _WORD_IN_RUN.finditer(run.group()):
            raw = match.group()
            cut = _POSSESSIVE.search(raw)
            stem = raw[: cut.start()] if cut else raw
            begin = run.start() + match.start()
            words.append(Word(begin, begin + len(stem), " ".join(stem.split())))
        yield words


def is_name_word(word: str) -> bool:
    return word not in NOT_NAMES and not word.isupper()


def _name_like(view: TextView, word: Word) -> bool:
    if word.text in HONORIFICS or word.text in TITLES or is_first_name(word.text):
        return True
    index = view.token_at(word.start)
    if index >= 0 and view.tokens[index]["tag"] in ("NNP", "NNPS"):
        return True
    return word.text in _names_of_the_text(view)


def _names_of_the_text(view: TextView) -> frozenset[str]:
    """Words spaCy tags a proper noun inside a sentence and the text never writes in lower
    case: "Sero" opening a sentence, which spaCy may read as a common noun or a verb, is
    the name it is everywhere else (issue 20: names no list has)."""
    found = view.memo.get("names_of_the_text")
    if found is None:
        lower = set(_LOWER_WORD.findall(view.text))
        found = frozenset(
            view.text[t.start : t.end]
            for i, t in enumerate(view.tokens)
            if t["tag"] == "NNP" and not view.is_sentence_initial(i)
            and view.text[t.start : t.start + 1].isupper()
            and view.text[t.start : t.end].lower() not in lower
        )
        view.memo["names_of_the_text"] = found
    return found  # type: ignore[return-value]


_CAPITALISED_WORD = re.compile(rf"\b{_CAPITAL}{_LETTER}*")
_PLURAL_DETERMINERS = frozenset(("the", "both", "all", "two", "three", "those", "these"))


def _reads_plural(view: TextView, form: str, first: int) -> bool:
    """A capitalised word spaCy tags plural is a plural when the text shows it: its singular
    also names someone ("the Weasleys" beside "Weasley", "Gryffindors" beside "Gryffindor")
    or a plural determiner leads it ("the Scotts", "both Potters"). Otherwise it is one
    person whose name ends in s ("Sans looked up", "Silas said")."""
    previous = _word_text(view, first - 1).lower() if first > 0 else ""
    if previous in _PLURAL_DETERMINERS:
        return True
    singulars = {form[:-1]} | ({form[:-2]} if form.endswith("es") else set())
    return bool(singulars & _capitalised_words(view))


def _capitalised_words(view: TextView) -> frozenset[str]:
    found = view.memo.get("capitalised_words")
    if found is None:
        found = frozenset(_CAPITALISED_WORD.findall(view.text))
        view.memo["capitalised_words"] = found
    return found  # type: ignore[return-value]


def is_vocative(view: TextView, start: int, end: int) -> bool:
    """ ", Mar." or '"Mar, ...': a name set off by commas inside a quotation."""
    text = view.text
    if not view.in_quote(start):
        return False
    before = text[max(start - 3, 0) : start]
    if _AFTER_COMMA.search(before):
        return bool(_ENDS_CLAUSE.match(text, end))
    return bool(_AFTER_QUOTE_MARK.search(before)) and bool(_ENDS_PHRASE.match(text, end))


def _name_runs(view: TextView, words: list[Word]) -> Iterator[list[Word]]:
    """Split a capitalised run into maximal stretches of name-like words."""
    current: list[Word] = []
    for word in words:
        if current and word.text in HONORIFICS and current[-1].text not in HONORIFICS:
            yield current  # "...Woodhouse Miss Taylor" is two names
            current = []
        if _name_like(view, word) and (current or word.text not in NOT_NAMES):
            current.append(word)
            continue
        if current:
            yield current
        current = []
    if current:
        yield current


def _strip_to_name(words: list[Word]) -> list[Word]:
    """Drop trailing honorifics/titles ("Margot Miss" never is a name) and overlong runs."""
    while words and (words[-1].text in HONORIFICS or words[-1].text in NOT_NAMES):
        words = words[:-1]
    return words[:tunables().max_form_words]


def _title_used_as_name(view: TextView, words: list[Word]) -> list[Word]:
    """ "the Doctor", "the Professor": a title that is also an honorific, capitalised after
    "the" with no name after it, is what the text calls someone (issue 20). A bare "Doctor"
    in a quotation is an address, judged with the rest of the title's uses."""
    if len(words) != 1 or words[0].text not in TITLES:
        return []
    index = view.token_at(words[0].start)
    return words if index > 0 and _word_text(view, index - 1).lower() == "the" else []


def collect_forms(
    view: TextView, skip: list[tuple[int, int]], runs: list[list[Word]] | None = None
) -> dict[str, FormEvidence]:
    """Every candidate name form with its evidence; ``skip`` spans (author's notes) ignored."""
    forms: dict[str, FormEvidence] = {}
    for run in words_in(view.text) if runs is None else runs:
        if _inside_any(skip, run[0].start):
            continue
        for name in _name_runs(view, run):
            name = _strip_to_name(name) or _title_used_as_name(view, name)
            if not name:
                continue
            form = " ".join(w.text for w in name)
            evidence = forms.setdefault(form, FormEvidence(form))
            _add_occurrence(view, evidence, name[0].start, name[-1].end)
    return forms


def _add_occurrence(view: TextView, evidence: FormEvidence, start: int, end: int) -> None:
    evidence.count += 1
    evidence.occurrences.append((start, end))
    indices = view.token_range(start, end)
    if not indices:
        return
    head_tag = view.tokens[view.head_of(start, end)]["tag"]
    if head_tag == "NNPS":
        if _reads_plural(view, evidence.form, indices[0]):
            evidence.plural += 1
        else:
            evidence.unconfirmed_plural += 1
    evidence.proper += head_tag in ("NNP", "NNPS")
    evidence.person_cue += person_cue(view, start, end)
    labels = {view.entity_label_at.get(i) for i in indices}
    if "PERSON" in labels:
        evidence.person += 1
    elif labels & OTHER_ENTITY_LABELS:
        evidence.other_entity += 1
        evidence.group += "NORP" in labels
    if view.is_sentence_initial(indices[0]):
        evidence.initial_only += 1
        evidence.opens_with_comma += view.text.startswith(",", end)
    previous = _word_text(view, indices[0] - 1).lower() if indices[0] > 0 else ""
    if previous == "the":
        evidence.definite += 1
        previous = _word_text(view, indices[0] - 2).lower() if indices[0] > 1 else ""
    if previous in PLACE_PREPOSITIONS:
        evidence.after_place_preposition += 1
    elif previous in ("to", "from"):
        evidence.after_to_or_from += 1
    misparsed = view.tokens[indices[0]]["tag"] not in ("NNP", "NNPS")  # "Sero cries" as a noun
    if not (misparsed and evidence.form in _names_of_the_text(view)) and (
        _is_modifier(view, start, end) or _is_determined(view, indices[0])
    ):
        evidence.modifier += 1
    if is_vocative(view, start, end):
        evidence.vocative += 1
    head = view.head_of(start, end)
    if (
        head >= 0
        and view.tokens[head]["dep"] in ("nsubj", "nsubjpass")
        and not view.in_quote(start)
    ):
        evidence.subject += 1
        verb = view.tokens[head]["head"]
        evidence.speaker += 0 <= verb < len(view.tokens) and (
            view.tokens[verb]["lemma"] in SPEECH_VERBS
        )


def _is_modifier(view: TextView, start: int, end: int) -> bool:
    """'a Coach bag', 'Armani suits', 'the Scott brothers': a name-like word modifying a noun."""
    head = view.head_of(start, end)
    if head < 0:
        return False
    tok = view.tokens[head]
    if tok["dep"] != "compound":
        previous = view.token_at(start) - 1
        return (
            previous >= 0
            and view.text[view.tokens[previous].start : view.tokens[previous].end].lower()
            in ("a", "an")
            and tok["pos"] != "PROPN"
        )
    governor = tok["head"]
    return 0 <= governor < len(view.tokens) and view.tokens[governor]["pos"] == "NOUN"


def _word_text(view: TextView, index: int) -> str:
    tok = view.tokens[index]
    return view.text[tok.start : tok.end]


def _is_determined(view: TextView, first: int) -> bool:
    """'his Chuck Taylors', 'the Gucci': names rarely take an article or a possessive."""
    if first == 0:
        return False
    previous = view.tokens[first - 1]
    if previous["dep"] == "mark" or previous["pos"] == "SCONJ":
        return False  # "he saw that Marner had...": a conjunction, not "that Gucci"
    return view.text[previous.start : previous.end].lower() in DETERMINERS - {"the"}


def _inside_any(spans: list[tuple[int, int]], offset: int) -> bool:
    return any(s <= offset < e for s, e in spans)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    form: str


def find_mentions(
    text: str,
    alias_table: dict[str, Any],
    start: int = 0,
    end: int | None = None,
    runs: list[list[Word]] | None = None,
) -> list[Mention]:
    """Every occurrence of a name in ``alias_table`` (form -> anything), longest match first.

    Matching is by whole capitalised words, so "Tom" never matches inside "Tomorrow" and
    "Mr. Scott" wins over "Scott" where both are known. ``runs`` (from :func:`words_in`)
    saves re-reading the text when the caller has them already.
    """
    found: list[Mention] = []
    for run in words_in(text, start, end) if runs is None else runs:
        i = 0
        while i < len(run):
            for size in range(min(tunables().max_form_words, len(run) - i), 0, -1):
                form = " ".join(w.text for w in run[i : i + size])
                if form in alias_table:
                    found.append(Mention(run[i].start, run[i + size - 1].end, form))
                    i += size
                    break
            else:
                i += 1
    return found


def namesake_marker(text: str, start: int) -> tuple[int, str] | None:
    """Where "the other" right before the name at ``start`` begins, and the words: the text
    tells a second bearer of the name from the first."""
    match = _NAMESAKE.search(text, max(0, start - tunables().namesake_reach), start)
    return (match.start(1), match.group(1).lower()) if match else None
