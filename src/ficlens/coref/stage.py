"""Pipeline stage ``coref``: every personal pronoun resolved to a character or to nothing,
and the nominal person mentions ("the old woman", "his wife") linked the same way.

Candidates are the characters stage's ``mentions`` (which carry character ids), the
nominal mentions found here (``nominals``) and the earlier pronouns; the shipped ranker
scores each pronoun's and each nominal's candidates within a fixed window against a "no
antecedent" option, and the mention takes its best antecedent's entity when its margin
clears the model's threshold for its kind (its confidence is the softmax share of the chosen
entity among its best candidates). A singular definite nominal the ranker leaves alone joins
a recent nominal with its head word ("the old woman" ... "the woman"). Fiction conventions
come first: inside a quote "I/me/my" is the quote's speaker, "you/your" and a vocative
("Come in, son") its addressee (from the ``quotes`` layer), unless the ranker is surer of
another entity than the quotes stage is of its attribution; in first-person narration "I"
is the narrator when the quotes name them ("...," I said).

Layer ``coref``: one span per person pronoun (we/us/our and thou/thee included); attrs
``pronoun`` (lower-cased), ``character`` (id or null; always null for we/us/our),
``confidence`` (0-1), ``in_quote`` (bool), ``chain`` (mentions resolved into one entity
share it, e.g. every "I" of an unnamed first-person narrator: "K0", "K1"...) and ``person``
(false for a they/them/their that neither refers back nor is referred to: mostly things).

Layer ``nominal_mentions``: one span per nominal person mention; attrs ``text``, ``gender``
("m", "f" or null, from the head noun), ``character`` (id or null), ``confidence``,
``in_quote`` and ``chain`` (shared with the pronouns of the same entity).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ficlens.coref.config import tunables
from ficlens.coref.features import candidate_pairs
from ficlens.coref.link import (
    cluster,
    entity_share,
    groups,
    ranked_candidates,
    softmax_by_anaphor,
    top_pairs,
)
from ficlens.coref.mentions import (
    BARE,
    INDEFINITE,
    PRON,
    SUBJECT_DEPS,
    MentionTable,
    build_table,
)
from ficlens.coref.model import Classifier, Models, Ranker, load_models
from ficlens.coref.nominal_link import (
    NominalContext,
    best_links,
    kin_without_history,
    nominal_pairs,
)
from ficlens.coref.nominals import find_nominals
from ficlens.coref.noun_detector import HeadFinder, load_detector
from ficlens.coref.pronouns import OTHER_PERSON_PRONOUNS, PRONOUNS
from ficlens.coref.quantified import quantified_rows, without_quantified
from ficlens.coref.reader_address import reader_you_rows, second_person_reader
from ficlens.coref.regions import quote_regions
from ficlens.coref.tags import all_ids, single_id, tag_speakers
from ficlens.document import LayerView, Span, Work
from ficlens.lexicon import Gender, cast_of, parse_gender, pronoun, pronoun_words

PRONOUN_TAGS = frozenset({"PRP", "PRP$"})
PRONOUN, NOMINAL_ROLE, NAME = "pronoun", "nominal", "name"
# LitBank marks we/us/our and archaic thou/thee as person mentions: they join chains too
PERSON_PRONOUNS = frozenset(PRONOUNS) | frozenset(OTHER_PERSON_PRONOUNS)
# "they" with no antecedent and no later mention mostly means things, not people
THING_PRONOUNS = frozenset(
    word
    for word in pronoun_words(3, Gender.NEUTER, groups=frozenset({"personal", "colloquial"}))
    if pronoun(word).number != "sg"  # they, them, their, theirs, themselves, 'em
)
SECTION_BEFORE = re.compile(
    r"\b(?:chapter|book|part|volume|letter|phase|stave|canto|section|act)[ \t]*$", re.I
)
HEADING_VERB_POS = frozenset({"VERB", "AUX", "ADV", "PART"})


def is_numeral(text: str, start: int) -> bool:
    """ "I" numbering a part of the work ("CHAPTER I", "Book I")."""
    return bool(SECTION_BEFORE.search(text[max(0, start - 12) : start]))


def opens_heading(text: str, tokens: Sequence[Span], index: int) -> bool:
    """ "I" numbering a section that a capitalised title or first sentence follows ("I The
    Old Family", "I On an evening in May", "ADVENTURE I. A SCANDAL"): a pronoun "I" is
    followed by its verb, an adverb or punctuation, not by a capitalised noun phrase."""
    if index + 1 >= len(tokens):
        return False
    after = tokens[index + 1]
    word = text[after.start : after.end]
    if word == "." and index + 2 < len(tokens):
        return text[tokens[index + 2].start : tokens[index + 2].end][:1].isupper()
    return word[:1].isupper() and after.get("pos") not in HEADING_VERB_POS and word != "I"


def pronoun_spans(work: Work) -> list[tuple[int, int]]:
    """Offsets of the personal pronouns to resolve, from the ``tokens`` layer.

    Pronouns inside author's notes are left out: there "I" is the author, not a character;
    so is the Roman numeral of "CHAPTER I".
    """
    notes = LayerView(sorted((n.start, n.end) for n in work.layer("notes")))
    out = []
    tokens = work.layer("tokens")
    for index, tok in enumerate(tokens):
        attrs = tok.attrs  # the tagger's verdict first: it rules out most tokens cheaply
        if attrs.get("tag") not in PRONOUN_TAGS and attrs.get("pos") != "PRON":
            continue
        word = work.text[tok.start : tok.end].lower().replace("’", "'")
        if word not in PERSON_PRONOUNS:
            continue
        if word == "i" and (
            is_numeral(work.text, tok.start) or opens_heading(work.text, tokens, index)
        ):
            continue
        if not notes.covers(tok.start):
            out.append((tok.start, tok.end))
    return out


def _genders(work: Work) -> dict[str, str | None]:
    """'m' / 'f' / None per character id, from the characters table."""
    return {c.id: c.gender.code or None for c in cast_of(work)}


def gather(
    work: Work, nouns: frozenset[str] = frozenset(), detector: HeadFinder | None = None
) -> tuple[list[tuple[int, int, str, str | None, str | None]], list[str]]:
    """Mention tuples for :func:`build_table` in text order, and the role of each: a
    ``pronoun`` or a ``nominal`` to resolve, or a ``name`` from the characters stage.
    ``nouns``: person nouns learnt with the ranker, beside the lexicon's; ``detector``:
    the person-noun detector (None: the shipped one).

    A possessive pronoun comes before the phrase it opens ("her" before "her nurse"), so
    it is resolved first and the phrase cannot take the possessor's entity; other mentions
    starting at one offset come longest first."""
    genders = _genders(work)
    rows = [(s, e, "pron", None, None, PRONOUN) for s, e in pronoun_spans(work)]
    names = []
    for span in work.layer("mentions"):
        char = span.get("character")
        kind = span.get("kind") or "proper"
        gender = genders.get(char) if char else None
        rows.append((span.start, span.end, kind, gender, char, NAME))
        names.append((span.start, span.end))
    tokens = work.layer("tokens")
    detector = detector if detector is not None else load_detector()
    heads = detector.person_heads(work.text, tokens, names) if detector else frozenset()
    for nominal in find_nominals(work.text, tokens, names, nouns, heads):
        rows.append((nominal.start, nominal.end, "nominal", nominal.gender, None, NOMINAL_ROLE))
    rows.sort(key=lambda r: (r[0], r[5] != PRONOUN, -r[1]))
    return [r[:5] for r in rows], [r[5] for r in rows]


def quote_rule(table: MentionTable, i: int, lookup: LayerView) -> str | None:
    """The speaker for an in-quote I/me/my, the addressee for you/your, else None."""
    if table.quote[i] < 0 or table.kind[i] != PRON or table.person[i] == 3:
        return None
    quote = lookup.at(int(table.starts[i]))
    if quote is None:
        return None
    if table.person[i] == 1:
        return single_id(quote.get("speaker")) if table.plural[i] != 1 else None
    return single_id(quote.get("addressee"))


def vocative_rule(table: MentionTable, i: int, lookup: LayerView) -> str | None:
    """A nominal addressing someone in a quote ("Come here, girl!") is its addressee."""
    if not table.vocative[i] or table.quote[i] < 0:
        return None
    quote = lookup.at(int(table.starts[i]))
    return single_id(quote.get("addressee")) if quote is not None else None


def name_tokens(rows: Sequence[tuple], roles: list[str], tokens: LayerView) -> dict[int, str]:
    """Character id of each token inside a character's name mention."""
    named: dict[int, str] = {}
    for row, role in zip(rows, roles, strict=True):
        if role == NAME and row[4] is not None:
            for index in tokens.indices_between(row[0], row[1]):
                named[index] = row[4]
    return named


def name_modified_rule(table: MentionTable, i: int, tokens: Sequence[Span],
                       named: dict[int, str]) -> str | None:
    """A singular person noun a character's name modifies ("this Marlo guy") is that
    character."""
    if table.plural[i] == 1:
        return None
    head = int(table.token[i])
    start, end = int(table.starts[i]), int(table.ends[i])
    ids = {
        named[k] for k in range(max(0, head - 4), head)
        if k in named and tokens[k].start >= start and tokens[k].end <= end
        and tokens[k].get("dep") == "compound" and int(tokens[k].get("head", -1)) == head
    }
    return ids.pop() if len(ids) == 1 else None


def as_role_rule(table: MentionTable, i: int, tokens: Sequence[Span],
                 named: dict[int, str]) -> str | None:
    """A role given to a named character with "as" ("named Tobin as keeper of the keys",
    "Wren, as captain, ..."): the object's character when the phrase follows the
    verb's named object, else the verb's named subject's."""
    head = int(table.token[i])
    if tokens[head].get("dep") != "pobj":
        return None
    prep = int(tokens[head].get("head", head))
    if prep == head or tokens[prep].get("dep") != "prep" or tokens[prep].get("lemma") != "as":
        return None
    verb = int(tokens[prep].get("head", prep))
    if verb in named:  # "Tobin as keeper" parsed with "as" under the name
        return named[verb]
    kids = [k for k in range(max(0, verb - 12), min(len(tokens), verb + 12))
            if k != verb and int(tokens[k].get("head", -1)) == verb]
    objects = [k for k in kids if tokens[k].get("dep") in ("dobj", "dative") and k < prep]
    subjects = [k for k in kids if tokens[k].get("dep") in SUBJECT_DEPS]
    chosen = objects if prep > verb and objects else subjects
    return named.get(chosen[-1]) if len(chosen) == 1 else None


def quote_confidence(quote: Span | None) -> float:
    """How sure the quotes stage is of a quote's attribution (a layer without confidences,
    such as a hand-made one, is taken as sure)."""
    if quote is None:
        return 0.0
    value = quote.get("confidence")
    return tunables().quote_rule_confidence if value is None else float(value)


def find_narrator(table: MentionTable, lookup: LayerView, regions: Sequence) -> str | None:
    """The speaker most often tagged by a narration "I" ("...," I said), if any."""
    votes: Counter[str] = Counter()
    for i in np.flatnonzero((table.person == 1) & (table.quote < 0) & (table.speech_subject == 1)):
        for q in (table.tag_quote_before[i], table.tag_quote_after[i]):
            if q >= 0:
                quote = lookup.at(regions[q][0])
                speaker = single_id(quote.get("speaker")) if quote is not None else None
                if speaker:
                    votes[speaker] += 1
    return votes.most_common(1)[0][0] if votes else None


def _plural_they(
    table: MentionTable, i: int, genders: dict[str, str | None], character: str
) -> bool:
    """They/them/their resolved to a man or a woman: read as a group, not that character.

    Singular "they" stays possible for characters whose gender is not known as M or F.
    """
    they = table.kind[i] == PRON and table.person[i] == 3 and table.gender[i] == 0
    return bool(they) and genders.get(character) in ("m", "f")


def fixed_labels(
    work: Work, rows: Sequence[tuple], roles: list[str], table: MentionTable
) -> tuple[list[str | None], dict[int, float]]:
    """Labels decided before ranking: names keep their character (or a private label),
    in-quote I/you take the quote's speaker/addressee, narration "I" the narrator, a
    vocative nominal the addressee; other nominals are left to the ranker.

    Also returns the confidence of each label taken from the quotes layer (in-quote I/you
    and vocatives): the ranker may overrule those when it is surer (see ``cluster``)."""
    regions = quote_regions(work)
    lookup = work.view("quotes")  # speaker and addressee of the quote around an offset
    narrator = find_narrator(table, lookup, regions)
    reader = second_person_reader(work.tables.get("characters", []))
    tokens = work.layer("tokens")
    named = name_tokens(rows, roles, work.view("tokens"))
    fixed: list[str | None] = []
    from_quotes: dict[int, float] = {}
    tag_trust = tunables().tag_speaker_confidence
    tagged = tag_speakers(
        work, rows, [role != NAME and table.plural[i] != 1 for i, role in enumerate(roles)],
        table.gender, _genders(work),
    ) if tag_trust else {}
    for i, row in enumerate(rows):
        if roles[i] == NAME:
            fixed.append(row[4] if row[4] is not None else f"unknown-{i}")
            continue
        if i in tagged and quote_confidence(tagged[i][1]) >= tag_trust:
            # "...," he said: the line's speaker, as the quotes stage read it
            speaker, quote = tagged[i]
            fixed.append(speaker)
            from_quotes[i] = quote_confidence(quote)
            continue
        grammar = (as_role_rule(table, i, tokens, named) or name_modified_rule(
            table, i, tokens, named)) if roles[i] == NOMINAL_ROLE else None
        if grammar is not None:  # the sentence itself names the person: no other stage's guess
            fixed.append(grammar)
            continue
        if roles[i] == NOMINAL_ROLE:
            rule = vocative_rule(table, i, lookup)
        else:
            rule = quote_rule(table, i, lookup)
            if rule is None and narrator and table.person[i] == 1 and table.quote[i] < 0:
                rule = narrator if table.plural[i] == 0 else None
            if rule is None and reader and table.person[i] == 2 and table.quote[i] < 0:
                rule = reader  # a reader-insert's narration "you" (ficlens.coref.reader_address)
        if rule is not None and table.quote[i] >= 0:
            quote = lookup.at(int(table.starts[i]))
            from_quotes[i] = quote_confidence(quote)
        fixed.append(rule)
    return fixed, from_quotes


def candidate_shares(
    a: np.ndarray, c: np.ndarray, scores: np.ndarray, top: np.ndarray | None = None
) -> dict[int, dict[int, float]]:
    """Softmax share of each anaphor's top candidates, for the confidence of a decision
    (``top``: ``top_pairs(a, c, scores, top_candidates)`` when the caller has it)."""
    top = top_pairs(a, c, scores, tunables().top_candidates) if top is None else top
    probs = softmax_by_anaphor(a, scores)[top].tolist()
    cands = c[top].tolist()
    return {i: dict(zip(cands[lo:hi], probs[lo:hi], strict=True)) for i, lo, hi in groups(a[top])}


def _group(table: MentionTable, i: int) -> bool:
    """We/us/our (and plural "ye", "'em"): a group, never one character."""
    return table.kind[i] == PRON and table.plural[i] == 1 and table.person[i] != 3


def above_threshold(
    ranked: dict[int, list[tuple[int, float]]],
    roles: list[str],
    ranker: Ranker,
    table: MentionTable,
) -> dict[int, list[tuple[int, float]]]:
    """Each anaphor's candidates that clear its kind's link threshold: pronoun, definite
    nominal ("the woman", "his wife") or indefinite nominal ("a woman", "people")."""
    kept = {}
    for i, cands in ranked.items():
        if roles[i] == PRONOUN:
            limit = ranker.pronoun_threshold
        elif roles[i] == NOMINAL_ROLE and table.determiner[i] in (INDEFINITE, BARE):
            limit = ranker.indefinite_threshold
        elif roles[i] == NOMINAL_ROLE:
            limit = ranker.nominal_threshold
        else:
            limit = float("inf")
        kept[i] = [(j, score) for j, score in cands if score >= limit]
    return kept


DEFINITE = ("the ", "this ", "that ")


def repeated_definites(
    text: str, rows: Sequence[tuple], roles: list[str], table: MentionTable
) -> dict[int, int]:
    """A singular definite nominal ("the woman") and the last nominal shortly before it
    with its head word ("the old woman"): read as one person unless told otherwise."""
    last_with_head: dict[int, int] = {}
    repeats: dict[int, int] = {}
    for i, row in enumerate(rows):
        if roles[i] != NOMINAL_ROLE:
            continue
        head = int(table.head_key[i])
        earlier = last_with_head.get(head, -tunables().repeat_window - 1)
        definite = text[row[0] : row[1]].lower().startswith(DEFINITE)
        if definite and table.plural[i] == 0 and i - earlier <= tunables().repeat_window:
            repeats[i] = earlier
        last_with_head[head] = i
    return repeats


def with_repeats(
    kept: dict[int, list[tuple[int, float]]], repeats: dict[int, int]
) -> dict[int, list[tuple[int, float]]]:
    """Repeated definites the ranker left unlinked link to their earlier namesake."""
    out = dict(kept)
    for i, j in repeats.items():
        if not out.get(i):
            out[i] = [(j, float("inf"))]
    return out


@dataclass
class Resolution:
    """The first clustering pass: mentions, their table, fixed labels and ranked
    candidates, and the entity label of each mention."""

    rows: list[tuple]
    roles: list[str]
    table: MentionTable
    fixed: list[str | None]
    from_quotes: dict[int, float]
    ranked: dict[int, list[tuple[int, float]]]
    shares: dict[int, dict[int, float]]
    kept: dict[int, list[tuple[int, float]]]
    forbidden: dict[int, list[int]]
    repeats: dict[int, int]
    genders: dict[str, str | None]
    labels: list[str]
    # mentions that take no antecedent, and those nothing may refer back to
    unlinked: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset())
    # the speaker of the quote around each third-person pronoun in one
    speaking: dict[int, frozenset[str]] = field(default_factory=dict)


def first_pass(work: Work, ranker: Ranker, detector: HeadFinder | None = None) -> Resolution:
    """Rank every anaphor's candidates and cluster mentions best-first."""
    rows, roles = gather(work, ranker.person_nouns, detector)
    table = build_table(rows, work.text, work.layer("tokens"), quote_regions(work),
                        work.view("tokens"))
    fixed, from_quotes = fixed_labels(work, rows, roles, table)
    anaphors = np.array(
        [i for i, f in enumerate(fixed) if f is None or i in from_quotes], dtype=np.int64
    )
    a, c = candidate_pairs(table, anaphors)
    scores, forbidden = ranker.score_pairs(table, a, c)
    top = top_pairs(a, c, scores, tunables().top_candidates) if len(a) else None
    ranked = ranked_candidates(a, c, scores, tunables().top_candidates, top)
    repeats = repeated_definites(work.text, rows, roles, table)
    kept = with_repeats(above_threshold(ranked, roles, ranker, table), repeats)
    res = Resolution(
        rows, roles, table, fixed, from_quotes, ranked, candidate_shares(a, c, scores, top),
        kept,
        forbidden, repeats, _genders(work), [],
    )
    quantified, unreferable = quantified_rows(work.text, rows)
    readers = reader_you_rows(table)
    res.unlinked = (quantified | readers, unreferable | readers)
    res.speaking = quote_people(table, work.view("quotes"))
    res.labels = cluster_mentions(res)
    return res


def cluster_mentions(res: Resolution) -> list[str]:
    votes = GenderVotes(res.table)
    return cluster(
        len(res.rows), without_quantified(res.kept, *res.unlinked), float("-inf"),
        res.fixed, res.forbidden,
        regroup=lambda i, label: _plural_they(res.table, i, res.genders, label),
        overrule=(res.from_quotes, res.shares),
        redirect=lambda i, label, labels: _not_the_speaker(
            res, i, _named_since(res, i, label, labels), labels, votes),
        agrees=votes.agrees,
        taken=votes.taken,
    )


class GenderVotes:
    """The he/she count of each entity so far: a he/she may not join an entity whose
    pronouns have been mostly of the other gender (the ranker weighs the gender of single
    mentions, not of the entity they joined)."""

    def __init__(self, table: MentionTable) -> None:
        self.table = table
        self.votes: dict[str, list[int]] = {}
        self.config = tunables()

    def _gender(self, i: int) -> int:
        """1 for he, 2 for she, 0 for any other mention."""
        table = self.table
        third = table.kind[i] == PRON and table.person[i] == 3
        return int(table.gender[i]) if third and table.gender[i] in (1, 2) else 0

    def taken(self, i: int, label: str) -> None:
        gender = self._gender(i)
        if gender:
            self.votes.setdefault(label, [0, 0, 0])[gender] += 1

    def agrees(self, i: int, label: str) -> bool:
        gender = self._gender(i)
        counts = self.votes.get(label)
        if not gender or counts is None:
            return True
        other = counts[3 - gender]
        limit = self.config.gender_vote_ratio * counts[gender]
        return other < self.config.gender_votes or other <= limit


def quote_people(table: MentionTable, lookup: LayerView) -> dict[int, frozenset[str]]:
    """Who speaks the quote around each third-person pronoun, where the quotes stage is
    sure of it: the pronoun is not the speaker ("he" in Ann's line is not Ann, who would say
    "I"). The addressee is left out: its attributions are less reliable."""
    out = {}
    sure = tunables().tag_speaker_confidence
    for i in np.flatnonzero((table.kind == PRON) & (table.person == 3) & (table.quote >= 0)):
        quote = lookup.at(int(table.starts[i]))
        if quote is not None and quote_confidence(quote) >= sure:
            people = all_ids(quote.get("speaker"))
            if people:
                out[int(i)] = frozenset(people)
    return out


def _not_the_speaker(
    res: Resolution, i: int, label: str, labels: list[str], votes: GenderVotes
) -> str:
    """A third-person pronoun in a quote that chose the quote's speaker takes the next
    character among its candidates instead, if there is one."""
    speaking = res.speaking.get(i, frozenset())
    if label not in speaking:
        return label
    for cand, _score in res.kept.get(i, ()):
        other = labels[cand]
        if other not in speaking and other in res.genders and votes.agrees(i, other):
            return other
    return label


def _named_since(res: Resolution, i: int, label: str, labels: list[str]) -> str:
    """A subject he/she whose best antecedent's entity is no character ("the tall girl ...
    she") takes a character named as a subject since that entity's last mention ("... What
    Nell wanted to know ... She"), if the ranker kept that name and its gender agrees.

    Fan fiction calls its named characters by epithets the nominal linker leaves alone; the
    name said since then is the likelier antecedent (measured on the tuning works of the
    fan-fiction pronoun gold; LitBank dev pronoun accuracy unchanged)."""
    table = res.table
    if label in res.genders or table.kind[i] != PRON or table.person[i] != 3:
        return label
    if table.gender[i] not in (1, 2) or not table.subject[i]:
        return label
    named = [
        cand for cand, _score in res.kept.get(i, ())
        if table.subject[cand] and res.fixed[cand] is not None and res.fixed[cand] == labels[cand]
        and parse_gender(res.genders.get(labels[cand])).number == int(table.gender[i])
    ]
    if not named:
        return label
    last = next((j for j in range(i - 1, min(named) - 1, -1) if labels[j] == label), -1)
    later = [cand for cand in named if cand > last]
    return labels[later[0]] if later else label


def nominal_context(work: Work, res: Resolution) -> NominalContext:
    """The second look's input: the stage's own nominals the first pass could link."""
    tokens = work.layer("tokens")
    head_ends = np.array([tokens[t].end for t in res.table.token.tolist()], dtype=np.int64)
    anaphors = [
        i for i, role in enumerate(res.roles) if role == NOMINAL_ROLE and res.fixed[i] is None
    ]
    return NominalContext(
        res.table, res.labels, res.ranked, anaphors, res.repeats,
        frozenset(r[4] for r in res.rows if r[4] is not None), res.genders, head_ends,
    )


def relink_nominals(work: Work, res: Resolution, linker: Classifier) -> None:
    """Nominals take the links the nominal classifier gives them; the mentions after them
    are clustered again (a pronoun that chose a nominal follows it to its entity)."""
    ctx = nominal_context(work, res)
    a, c, features = nominal_pairs(ctx)
    probs = linker.probabilities(features)
    probs[kin_without_history(ctx, a, c, features)] = 0.0
    links = best_links(a, c, probs, linker.threshold)
    kept = dict(res.kept)
    for i in ctx.anaphors:
        kept[i] = [(links[i], float("inf"))] if i in links else []
    res.kept = kept
    res.labels = cluster_mentions(res)


def run(work: Work, models: Models | None = None) -> None:
    """The stage, with the shipped models unless others are given."""
    models = models or load_models()
    res = first_pass(work, models.ranker, models.detector)
    if models.linker is not None:
        relink_nominals(work, res, models.linker)
    write_layers(work, res)


def write_layers(work: Work, res: Resolution) -> None:
    """Layers ``coref`` (pronouns) and ``nominal_mentions`` from the final labels."""
    rows, roles, table, fixed, labels = res.rows, res.roles, res.table, res.fixed, res.labels
    character_ids = {r[4] for r in rows if r[4] is not None}
    character_ids |= {f for f, role in zip(fixed, roles, strict=True) if f and role != NAME}
    chains: dict[str, str] = {}
    sizes = Counter(labels)
    layers: dict[str, list[Span]] = {PRONOUN: [], NOMINAL_ROLE: []}
    for i, row in enumerate(rows):
        if roles[i] == NAME:
            continue
        label = labels[i]
        chain = chains.setdefault(label, f"K{len(chains)}")
        character = label if label in character_ids and not _group(table, i) else None
        if fixed[i] is not None and labels[i] == fixed[i]:
            confidence = res.from_quotes.get(i, tunables().quote_rule_confidence)
        else:
            share = entity_share(res.ranked.get(i, []), res.shares.get(i, {}), labels, label)
            linked = character is not None or label != f"new-{i}"
            confidence = share if linked else 1.0 - share
        attrs = {
            "character": character,
            "confidence": round(float(confidence), 3),
            "in_quote": bool(table.quote[i] >= 0),
            "chain": chain,
        }
        if roles[i] == PRONOUN:
            person = not (table.words[i] in THING_PRONOUNS and sizes[label] == 1)
            attrs = {"pronoun": table.words[i], **attrs, "person": person or bool(character)}
        else:
            attrs = {"text": work.text[row[0] : row[1]], "gender": row[3], **attrs}
        layers[roles[i]].append(Span(row[0], row[1], attrs))
    work.add_layer("coref", layers[PRONOUN])
    work.add_layer("nominal_mentions", layers[NOMINAL_ROLE])
