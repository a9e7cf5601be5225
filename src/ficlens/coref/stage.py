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

import numpy as np

from ficlens.coref.cluster_rules import cluster_mentions, quote_people
from ficlens.coref.config import tunables
from ficlens.coref.features import candidate_pairs
from ficlens.coref.fixed_labels import fixed_labels
from ficlens.coref.link import (
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
from ficlens.coref.quantified import quantified_rows
from ficlens.coref.reader_address import reader_you_rows
from ficlens.coref.regions import quote_regions
from ficlens.coref.resolution import NAME, NOMINAL_ROLE, PRONOUN, Resolution, character_genders
from ficlens.document import LayerView, Span, Work
from ficlens.lexicon import Gender, pronoun, pronoun_words

PRONOUN_TAGS = frozenset({"PRP", "PRP$"})
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
    genders = character_genders(work)
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
        forbidden, repeats, character_genders(work), [],
    )
    quantified, unreferable = quantified_rows(work.text, rows)
    readers = reader_you_rows(table)
    res.unlinked = (quantified | readers, unreferable | readers)
    res.speaking = quote_people(table, work.view("quotes"))
    res.labels = cluster_mentions(res)
    return res


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
