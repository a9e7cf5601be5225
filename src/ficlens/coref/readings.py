"""What coreference publishes for the stages after it, beside the ``coref`` layer.

Coreference is the one place that decides who a pronoun, a description or an epithet
refers to: the ranker (:mod:`ficlens.coref.stage`) makes the ``coref`` layer. This module
holds what is built on it, so that no later stage resolves a referent its own way:

* :class:`SceneDefaults`, the scene-default convention: a subject is its named mention,
  else the scene's default character of the pronoun's gender, else (where a same-gender
  rival contests that default) the ``coref`` layer's resolution. In fiction the POV
  character is the default pronoun of a scene; on the sample stories the ranker errs more
  often than that convention does, and where two same-gender characters share the
  narration (slash fics) the convention cannot decide and the ranker does. The ``pov``
  stage resolves its cue subjects with it over the scenes the author marked. Measured
  (POV focal character against the annotated fan-fiction dev set, 34 stretches with a named
  POV): 16 right with it, 17 with the coref layer alone; on the sample stories it decides
  the focal character of 002's first scene and 003's first two, which the ranker alone
  gets wrong.
* stage ``referents`` (after ``pov``): layer ``referents``, one span per pronoun that
  refers to a character (attr ``character``): the ``coref`` layer's resolutions, or,
  when no coref stage ran (a Work built by hand), a salience fallback: the nearest salient
  character of the pronoun's gender (a name just before, else the scene's focal character,
  else the scene's default, else whoever the narration named most and last, halving every
  ``half_life`` chars, after Lappin and Leass), "I"/"you" in a quote its speaker and
  addressee, "I" in first-person narration the scene's focal character.
  :func:`read_references` gives later stages (relations, arc) every reference, names
  (``mentions``) and pronouns.

The relations stage once also counted a second, "convention" reading of every pronoun and
speech tag and kept the mean of the two. Measured before it was dropped: the main pairing
was the same with either reading alone or both on the five sample stories and the eleven
annotated fan-fiction works (5 of 11 right each way).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ficlens.document import LayerView, Span, Work
from ficlens.lexicon import Gender, cast_of, parse_gender, pronoun_words
from ficlens.stage import Stage

NARRATOR = "@narrator"
_MALE = pronoun_words(3, Gender.MALE)
_FEMALE = pronoun_words(3, Gender.FEMALE)
_PRONOUN_GENDER = {**dict.fromkeys(_MALE, "M"), **dict.fromkeys(_FEMALE, "F")}
_FIRST_PERSON = pronoun_words(1)
_SECOND_PERSON = pronoun_words(2)
# what the salience fallback resolves: "I"/"you" (to a quote's speaker and addressee) and he/she
_PRONOUN = re.compile(
    r"\b(?:"
    + "|".join(
        "I" if word == "i" else f"[{word[0].upper()}{word[0]}]{word[1:]}"
        for word in sorted(_FIRST_PERSON | _SECOND_PERSON | _MALE | _FEMALE, key=len)[::-1]
    )
    + r")\b"
)
_OBJECT_FORMS = pronoun_words(3, Gender.MALE, frozenset({"obj"})) | pronoun_words(
    3, Gender.FEMALE, frozenset({"obj"})
)
# "they both wanted", "their hearts": a shared mind, no one's
_PLURAL_PRONOUNS = pronoun_words(1, groups=frozenset({"group"})) | pronoun_words(
    3, Gender.NEUTER
)
# "he kissed him": an object this close after its clause's subject, with no punctuation
# between, cannot be that subject (binding principle B); "she wanted him to
# stay for dinner" is another clause, and "she rested her palm" a possessive.
_SAME_CLAUSE = re.compile(r"\s+(?:[\w'’]+\s+){1,3}$")
_BARE_OBJECT = re.compile(r"^\s*(?:[.,;:!?\"”)\n]|$|(?:and|or|but|as|to|in|on|at|with|for)\b)")


@dataclass(frozen=True)
class ReadingsConfig:
    """The tunables of the scene defaults and the salience fallback (tuned on the sample
    stories, see ``tests/``)."""

    # SceneDefaults
    unresolved_weight: float = 0.7  # a gender-default guess counts less than a named subject
    unknown_gender_weight: float = 0.75  # one of unknown gender may be the default he or she
    coref_min_confidence: float = 0.5  # coref resolutions less sure than this are ignored
    min_rival_cues: int = 2  # named thoughts / feelings a same-gender rival needs to contest
    global_prior: float = 0.5  # weight of a whole-story mention when picking a scene default
    # the salience fallback
    recent_name: int = 250  # chars: a name this close outranks the focal character
    half_life: int = 2000  # chars over which a reference's salience halves
    forget_after: int = 6 * 2000  # chars: unmentioned this long, no longer a candidate
    max_candidates: int = 8
    pronoun_weight: float = 0.5  # a resolved pronoun keeps its character in mind, less
    recalled_weight: float = 0.5  # a name in a past-perfect (backstory) sentence
    gender_min_votes: int = 3  # coref pronouns needed to give a character a gender ...
    gender_min_share: float = 0.75  # ... with this share agreeing


DEFAULT = ReadingsConfig()


def quote_parts(quote: Span) -> list[tuple[int, int]]:
    """The ``parts`` of a quote span, or the whole span when it has none."""
    parts = quote.get("parts") or [[quote.start, quote.end]]
    return [(int(start), int(end)) for start, end in parts]


def confident_coref(work: Work, min_confidence: float) -> list[Span]:
    """Resolved pronouns of the coref layer that the coref stage is fairly sure of."""
    return [
        span
        for span in work.layer("coref")
        if span.get("character") is not None and span.get("confidence", 1.0) >= min_confidence
    ]


def _character_view(spans: Sequence[Span]) -> LayerView:
    """The spans that name a character, indexed by start."""
    return LayerView([s for s in spans if s.get("character") is not None])


def _character_at(view: LayerView, offset: int) -> str | None:
    span = view.at(offset)
    return span.attrs["character"] if span is not None else None


@dataclass(frozen=True, slots=True)
class Default:
    """A scene's default character for "he" or "she", and whether a rival makes it unsafe."""

    character: str
    contested: bool


def _count(view: LayerView, start: int, end: int) -> Counter[str]:
    return Counter(span.attrs["character"] for span in view.between(start, end))


class SceneDefaults:
    """Maps a subject token to a character id: its named mention, else the scene's default
    character for the pronoun's gender, else, where a same-gender rival contests that default,
    the coref stage's resolution.

    In fiction the POV character is the default pronoun of a scene, and on the sample
    stories a coref model errs more often than that convention does (even when it reports a
    confidence of 0.9). Where two same-gender characters share the narration (slash fics) the
    convention cannot decide and the coref stage does.
    """

    def __init__(
        self, work: Work, sections: Sequence[tuple[int, int]], config: ReadingsConfig = DEFAULT
    ) -> None:
        self.config = config
        self.genders = {c.id: c.gender.code for c in cast_of(work)}
        self.mentions = _character_view(work.layer("mentions"))
        self.coref = _character_view(confident_coref(work, config.coref_min_confidence))
        overall = _count(self.mentions, 0, len(work.text))
        self.section_view = LayerView(list(sections))
        self.sections = list(sections)
        self.defaults = [self._section_defaults(s, e, overall) for s, e in sections]
        self.story_defaults = {
            gender: Default(character, False)
            for gender, character in self._leaders(overall).items()
        }

    def _leaders(self, counts: Counter[str]) -> dict[str, str]:
        """The most present character of each gender; one of unknown gender may stand in."""
        leaders: dict[str, str] = {}
        for wanted in ("m", "f"):
            scores = {
                character: n * (1.0 if gender == wanted else self.config.unknown_gender_weight)
                for character, n in counts.items()
                if (gender := self.genders.get(character, "")) in (wanted, "")
            }
            if scores:
                leaders[wanted] = max(scores, key=scores.__getitem__)
        return leaders

    def _section_defaults(self, start: int, end: int, overall: Counter[str]) -> dict[str, Default]:
        # Mentions count with dialogue included (a POV character is often named only by the
        # others), and the leads of the whole story weigh in. Quote speakers are left out on
        # purpose: a wrong speaker model would otherwise decide whose head every "he" is in.
        counts = _count(self.mentions, start, end)
        for character, n in overall.items():
            counts[character] += self.config.global_prior * n
        return {gender: Default(c, False) for gender, c in self._leaders(counts).items()}

    def settle_contests(self, subject_starts: Sequence[int]) -> None:
        """Mark a section's default he / she contested where the narration also names another
        character of that gender as a thinking, feeling subject ("Eli wondered"): someone the
        dialogue merely talks about is no rival for the POV."""
        minds: list[Counter[str]] = [Counter() for _ in self.sections]
        for start in subject_starts:
            named = _character_at(self.mentions, start)
            section = self.section_view.index_at(start)
            if named is not None and section >= 0:
                minds[section][named] += 1
        for section, counts in enumerate(minds):
            for gender, default in list(self.defaults[section].items()):
                rivals = [
                    n
                    for character, n in counts.items()
                    if character != default.character
                    and self.genders.get(character, "") in (gender, "")
                ]
                if rivals and max(rivals) >= self.config.min_rival_cues:
                    self.defaults[section][gender] = Default(default.character, True)

    def default_for(self, gender: str, offset: int) -> Default | None:
        section = self.section_view.index_at(offset)
        defaults = self.defaults[section] if section >= 0 else self.story_defaults
        return defaults.get(gender)

    def resolve(self, start: int, word: str) -> tuple[str | None, float]:
        """The character a subject at ``start`` refers to, and how much to trust it."""
        named = _character_at(self.mentions, start)
        if named is not None:
            return named, 1.0
        word = word.lower()
        if word in _PLURAL_PRONOUNS:  # "they both wanted": a shared mind, no one's POV
            return None, 0.0
        gender = (
            "m" if word in _MALE else "f" if word in _FEMALE else ""
        )
        default = self.default_for(gender, start) if gender else None
        resolved = _character_at(self.coref, start)
        if resolved is not None and (default is None or default.contested):
            return resolved, 1.0
        if word in _FIRST_PERSON:
            return NARRATOR, 1.0
        if default is not None:
            return default.character, self.config.unresolved_weight
        return None, 0.0


@dataclass(frozen=True, slots=True)
class Ref:
    """One reference to a character: ``kind`` is ``name`` (mentions layer) or ``pronoun``."""

    start: int
    end: int
    character: str
    kind: str


def binary_gender(value: Any) -> str | None:
    """'M', 'F' or None from whatever the characters table says (any spelling
    :func:`ficlens.lexicon.parse_gender` reads)."""
    gender = parse_gender(value)
    return str(gender.value) if gender.is_binary else None


def characters(work: Work) -> dict[str, dict[str, Any]]:
    return {str(c["id"]): c for c in work.tables.get("characters", []) if "id" in c}


def genders(work: Work, config: ReadingsConfig = DEFAULT) -> dict[str, str | None]:
    """'M' / 'F' / None per character id; where the table says nothing, the pronouns the
    coref layer resolved to the character decide (at least 3, three quarters agreeing)."""
    found = {cid: binary_gender(c.get("gender")) for cid, c in characters(work).items()}
    if all(found.values()):
        return found
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for span in work.layer("coref"):
        gender = _PRONOUN_GENDER.get(str(span.get("pronoun", "")).lower())
        if gender and span.get("character") is not None:
            votes[str(span["character"])][gender] += 1
    for cid, gender in found.items():
        if gender is None and votes[cid]:
            top, n = votes[cid].most_common(1)[0]
            if n >= config.gender_min_votes and n >= config.gender_min_share * sum(
                votes[cid].values()
            ):
                found[cid] = top
    return found


def speech_quotes(work: Work) -> list[Span]:
    return [q for q in work.layer("quotes") if q.get("speech", True)]


class QuoteIndex:
    """Finds the speech quote whose pieces hold an offset: the narration between the pieces
    of a split quote ("Yes," he said. "Go.") belongs to no quote."""

    def __init__(self, quotes: list[Span]) -> None:
        self.quotes = quotes
        self.pieces = LayerView(sorted(
            (start, end, i) for i, q in enumerate(quotes) for start, end in quote_parts(q)
        ))  # fmt: skip

    def at(self, offset: int) -> Span | None:
        piece = self.pieces.at(offset)
        return self.quotes[piece[2]] if piece is not None else None


def _pronoun_references(work: Work, names: list[Ref], ctx: _Context) -> list[Ref]:
    """The coref layer's resolved pronouns; without one, the salience fallback (speakers
    count as references, and "I"/"you" in a quote are its speaker and addressee)."""
    if work.has("coref"):
        return [
            Ref(c.start, c.end, str(c["character"]), "pronoun")
            for c in work.layer("coref")
            if c.get("character") is not None
        ]
    return _salience_pronouns(work, names, speech_quotes(work), ctx)


def named_references(work: Work) -> list[Ref]:
    """References by name: the ``mentions`` layer, for characters of the table."""
    known = characters(work)
    return [
        Ref(m.start, m.end, str(m["character"]), "name")
        for m in work.layer("mentions")
        if m.get("character") is not None and str(m["character"]) in known
    ]


@dataclass(frozen=True, slots=True)
class _Context:
    """What the salience fallback looks up, built once per run."""

    config: ReadingsConfig
    gender_of: dict[str, str | None]
    grammar: _Grammar
    focal_at: Callable[[int], str | None]
    leader_at: Callable[[str, int], str | None]
    scene_at: Callable[[int], Span | None]


def _context(work: Work, config: ReadingsConfig) -> _Context:
    return _Context(
        config, genders(work, config), _grammar(work), focal_lookup(work),
        _leader_lookup(work, config), _scene_lookup(work),
    )


def _salience_pronouns(
    work: Work,
    names: list[Ref],
    quote_spans: list[Span],
    ctx: _Context,
) -> list[Ref]:
    """Pronouns resolved by salience and the scene's defaults (see the module docstring)."""
    config, gender_of, grammar = ctx.config, ctx.gender_of, ctx.grammar
    focal_at, leader_at, scene_at = ctx.focal_at, ctx.leader_at, ctx.scene_at
    quotes = QuoteIndex(quote_spans)
    speakers = [(q.start, str(q["speaker"])) for q in quote_spans if q.get("speaker")]
    events = sorted([(r.start, r.character) for r in names] + speakers)
    # Narration pronouns look only at names in narration and at speakers: a name said in
    # dialogue ("Nathan and Haley are great") does not put that person on stage.
    in_dialogue = [quotes.at(offset) is not None for offset, _ in events]
    # A name in a past-perfect sentence ("Years ago Sam had driven them") recalls someone
    # rather than putting them on stage: it weighs half and is no "just named" candidate.
    narration, anywhere = _Salience(gender_of, config), _Salience(gender_of, config)
    # (gender, end offset, character) of the last "he" / "she": the subject of the clause
    subject: tuple[str, int, str] | None = None
    out: list[Ref] = []
    e = 0
    text = work.text
    for match in _PRONOUN.finditer(text):
        while e < len(events) and events[e][0] < match.start():
            offset, character = events[e]
            anywhere.add(character, offset)
            if not in_dialogue[e]:
                narration.add(
                    character,
                    offset,
                    config.recalled_weight if grammar.past_perfect.covers(offset) else 1.0,
                )
            e += 1
        word = match.group().lower()
        quote = quotes.at(match.start())
        target = _in_quote_target(word, quote)
        if quote is None and word in _FIRST_PERSON:
            target = _narrator(scene_at(match.start()))
        if target is None and word in _PRONOUN_GENDER:
            gender = _PRONOUN_GENDER[word]
            salience = narration if quote is None else anywhere
            defaults = [focal_at(match.start()), leader_at(gender, match.start())]
            fitting = [c for c in defaults if c and gender_of.get(c) == gender]
            ranked = salience.ranked(gender, fitting, match.start())
            same = subject[1:] if subject and subject[0] == gender else None
            is_object = _clause_object(text, match, same, grammar.possessive)
            target = _salient(ranked, is_object, same)
            if target and word in ("he", "she"):
                subject = (gender, match.end(), target)
            if target:
                salience.add(target, match.start(), config.pronoun_weight)
        if target:
            out.append(Ref(match.start(), match.end(), str(target), "pronoun"))
    return out


class _Salience:
    """Who is on the reader's mind: each reference adds weight that halves every
    ``half_life`` chars (recency and frequency together, after Lappin and Leass)."""

    def __init__(self, gender_of: dict[str, str | None], config: ReadingsConfig) -> None:
        self.gender_of = gender_of
        self.config = config
        self.weight: dict[str, float] = {}
        self.seen: dict[str, int] = {}
        self.named: dict[str, int] = {}
        self.by_gender: dict[str | None, list[str]] = defaultdict(list)

    def add(self, character: str, offset: int, weight: float = 1.0) -> None:
        recency = self.by_gender[self.gender_of.get(character)]  # most recent first
        if character in self.seen:
            recency.remove(character)
        recency.insert(0, character)
        self.weight[character] = self.value(character, offset) + weight
        self.seen[character] = offset
        if weight >= 1.0:
            self.named[character] = offset

    def value(self, character: str, offset: int) -> float:
        if character not in self.weight:
            return 0.0
        elapsed = offset - self.seen[character]
        return self.weight[character] * 0.5 ** (elapsed / self.config.half_life)

    def ranked(self, gender: str, defaults: list[str], offset: int) -> list[str]:
        """Candidates of ``gender``: one named in the last ``recent_name`` chars, then the
        scene's ``defaults`` (its focal character, the default "she" of a third-limited
        scene, then its most named one), then by salience."""
        recent, forget = self.config.recent_name, self.config.forget_after
        same = list(
            itertools.takewhile(
                lambda c: offset - self.seen[c] < forget,
                self.by_gender[gender][: self.config.max_candidates],
            )
        )
        fresh = sorted(
            (c for c in same if offset - self.named.get(c, -recent) < recent),
            key=lambda c: -self.named[c],
        )
        rest = sorted(same, key=lambda c: -self.value(c, offset))
        return list(dict.fromkeys([*fresh, *defaults, *rest]))


def _scene_lookup(work: Work) -> Callable[[int], Span | None]:
    """``scene_at(offset)``: the scene (from the ``scenes`` layer) holding an offset."""
    return work.view("scenes").at


def _leader_lookup(work: Work, config: ReadingsConfig) -> Callable[[str, int], str | None]:
    """``leader_at(gender, offset)``: the character of that gender the scene holding the
    offset names most (dialogue included, the whole story's names weighing in), as the pov
    stage picks a scene's default "he" and "she"."""
    scenes = [(s.start, s.end) for s in work.layer("scenes")] or [(0, len(work.text))]
    resolver = SceneDefaults(work, scenes, config)
    code = {"M": "m", "F": "f"}

    def leader_at(gender: str, offset: int) -> str | None:
        default = resolver.default_for(code[gender], offset)
        return default.character if default is not None else None

    return leader_at


def focal_lookup(work: Work) -> Callable[[int], str | None]:
    """``focal_at(offset)``: the scene's focal character, or in a scene that hops heads the
    focal character of the stretch (``focal_runs``) holding the offset."""
    stretches: list[tuple[int, int, str]] = []
    for scene in work.layer("scenes"):
        if scene.get("focal"):
            stretches.append((scene.start, scene.end, str(scene["focal"])))
            continue
        for run in scene.get("focal_runs") or []:
            if run.get("focal"):
                stretches.append((int(run["start"]), int(run["end"]), str(run["focal"])))
    view = LayerView(sorted(stretches))

    def focal_at(offset: int) -> str | None:
        stretch = view.at(offset)
        return stretch[2] if stretch is not None else None

    return focal_at


def _narrator(scene: Span | None) -> str | None:
    """Who "I" is in first-person narration: the scene's focal character."""
    if scene is None or scene.get("person") != "first" or not scene.get("focal"):
        return None
    return str(scene["focal"])


def _in_quote_target(word: str, quote: Span | None) -> str | None:
    if quote is None:
        return None
    if word in _FIRST_PERSON:
        return quote.get("speaker")
    if word in _SECOND_PERSON:
        return quote.get("addressee")
    return None


@dataclass(frozen=True, slots=True)
class _Grammar:
    """What the parse says that the resolution needs: sentences whose main verb is past
    perfect ("had driven"), and the offsets of possessive pronouns ("her palm"); None
    without a parse."""

    past_perfect: LayerView
    possessive: set[int] | None


def _grammar(work: Work) -> _Grammar:
    tokens = work.layer("tokens")
    sentences = work.layer("sentences")
    perfect: set[int] = set()
    possessive: set[int] = set()
    for tok in tokens:
        attrs = tok.attrs  # plain dict reads: this loop sees every token of the story
        tag = attrs.get("tag")
        if tag == "PRP$":
            possessive.add(tok.start)
        elif tag == "VBD" and attrs.get("dep") == "aux" and _had_main_verb(tok, tokens):
            perfect.add(attrs.get("sent"))
    return _Grammar(
        LayerView(sorted(
            (sentences[i].start, sentences[i].end)
            for i in perfect
            if isinstance(i, int) and 0 <= i < len(sentences)
        )),  # fmt: skip
        possessive if tokens else None,
    )


def _had_main_verb(tok: Span, tokens: list[Span]) -> bool:
    """'had' as the auxiliary of its sentence's main verb."""
    head = tok.get("head")
    return (
        str(tok.get("lemma")).lower() == "have"
        and isinstance(head, int)
        and 0 <= head < len(tokens)
        and tokens[head].get("dep") == "ROOT"
    )


def _clause_object(
    text: str,
    match: re.Match[str],
    subject: tuple[int, str] | None,
    possessive: set[int] | None,
) -> bool:
    """Whether the pronoun is the object of the clause whose subject is ``subject``."""
    word = match.group().lower()
    if subject is None or word not in _OBJECT_FORMS:
        return False
    if word == "her":
        tagged_possessive = possessive is not None and match.start() in possessive
        if tagged_possessive or (
            possessive is None and not _BARE_OBJECT.match(text[match.end() : match.end() + 12])
        ):
            return False
    return _SAME_CLAUSE.match(text, subject[0], match.start()) is not None


def _salient(order: list[str], is_object: bool, subject: tuple[int, str] | None) -> str | None:
    """The first-ranked candidate; for the object of a clause whose subject named that
    candidate, the next one (so "he kissed him" names two people)."""
    if not order:
        return None
    if is_object and subject is not None and subject[1] == order[0] and len(order) > 1:
        return order[1]
    return order[0]


def refs_per_span(refs: list[Ref], spans: Iterable[tuple[int, int]]) -> list[list[Ref]]:
    """The references lying inside each of the sorted ``spans``."""
    view = LayerView(refs)
    out = []
    for start, end in spans:
        i = view.first_from(start)
        inside = []
        while i < len(refs) and refs[i].start < end:
            if refs[i].end <= end:
                inside.append(refs[i])
            i += 1
        out.append(inside)
    return out


# -- the stage -------------------------------------------------------------------------------
def run(work: Work, config: ReadingsConfig = DEFAULT) -> None:
    pronouns = _pronoun_references(work, named_references(work), _context(work, config))
    spans = [Span(r.start, r.end, {"character": r.character}) for r in pronouns]
    work.add_layer("referents", spans)


STAGE = Stage(
    name="referents",
    summary="who each pronoun refers to, for the stages that count references",
    run=run,
    assigns=("referents",),
    requires=("characters", "mentions", "quotes", "scenes"),
    reads=("speech_tags", "coref", "tokens", "sentences"),
    default=DEFAULT,
)


# -- reading the published layer ------------------------------------------------------------
def read_references(work: Work) -> list[Ref]:
    """Every reference to a character (names, then the ``referents`` layer's pronouns),
    sorted by offset."""
    pronouns = [
        Ref(s.start, s.end, str(s["character"]), "pronoun") for s in work.layer("referents")
    ]
    return sorted(named_references(work) + pronouns, key=lambda r: (r.start, r.end))
