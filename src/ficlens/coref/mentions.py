"""Mentions of people as parallel numpy arrays, the input of the antecedent ranker.

A mention is a pronoun, a proper name or a nominal phrase. Its syntactic facts come from
the ``tokens`` layer (head token, dependency, sentence); whether it sits inside a quotation
comes from the quote regions given. The same table serves the pipeline stage (names from
the characters stage) and the LitBank training and evaluation (gold mention spans).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ficlens import lexicon
from ficlens.coref.pronouns import pronoun_info
from ficlens.document import LayerView, Span
from ficlens.lexicon import parse_gender, speech_verbs

PRON, PROPER, NOMINAL = 0, 1, 2
KIND_CODES = {"pron": PRON, "proper": PROPER, "title": PROPER, "nominal": NOMINAL}
CASE_CODES = {"subj": 0, "obj": 1, "poss": 2, "refl": 3}
NOUN_CASE = 4
DEP_CODES = {
    "nsubj": 0, "nsubjpass": 0, "csubj": 0, "dobj": 1, "pobj": 2, "poss": 3,
    "appos": 4, "attr": 4, "conj": 5, "dative": 1, "npadvmod": 6,
}
OTHER_DEP = 7
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
SPEECH_LEMMAS = speech_verbs("core")  # what the ranker's speech_subject feature learnt
_WORD = re.compile(r"[A-Za-z][A-Za-z.'’]*")
# How a noun phrase opens: indefinites start entities, definites and possessives refer back.
BARE, DEFINITE, POSSESSED, INDEFINITE, DEMONSTRATIVE = 0, 1, 2, 3, 4
DETERMINERS = {
    "the": DEFINITE, "a": INDEFINITE, "an": INDEFINITE, "some": INDEFINITE,
    "any": INDEFINITE, "no": INDEFINITE, "every": INDEFINITE, "another": INDEFINITE,
    "one": INDEFINITE, "each": INDEFINITE, "this": DEMONSTRATIVE, "that": DEMONSTRATIVE,
    "these": DEMONSTRATIVE, "those": DEMONSTRATIVE,
}
# a vocative sits between commas, quote marks or end punctuation inside a quote
_VOCATIVE_BEFORE = frozenset(",\"“‘'!?—-")
_VOCATIVE_AFTER = frozenset(",.!?;\"”’'—-")


@dataclass
class MentionTable:
    """Parallel arrays, one row per mention, in text order."""

    starts: np.ndarray
    ends: np.ndarray
    kind: np.ndarray
    person: np.ndarray
    gender: np.ndarray  # 0 unknown, 1 male, 2 female
    plural: np.ndarray  # 0 singular, 1 plural, 2 either
    case: np.ndarray
    sent: np.ndarray
    token: np.ndarray  # head token index
    verb: np.ndarray  # token index of the verb governing the mention, -1 if none near
    dep: np.ndarray
    subject: np.ndarray
    main_subject: np.ndarray  # subject of its sentence's root verb
    quote: np.ndarray  # index of the enclosing quote region, -1 in narration
    tag_quote_before: np.ndarray  # quote this narration mention may be the speaker of
    tag_quote_after: np.ndarray
    speech_subject: np.ndarray
    determiner: np.ndarray  # BARE, DEFINITE, POSSESSED, INDEFINITE, DEMONSTRATIVE
    vocative: np.ndarray  # a noun phrase addressing someone inside a quote ("..., sir, ...")
    parent: np.ndarray  # token index of the head token's own head
    text_key: np.ndarray  # id of the lower-cased mention text
    head_key: np.ndarray  # id of the lower-cased head word
    entity_key: np.ndarray  # id of the character (stage) or head word, for salience
    seen_before: np.ndarray  # earlier mentions with the same entity key
    total_count: np.ndarray  # all mentions with the same entity key
    words: list[str]  # lower-cased mention text

    def __len__(self) -> int:
        return len(self.starts)


def head_token(tok_starts: Sequence[int], tokens: Sequence[Span], start: int, end: int) -> int:
    """Index of the syntactic head of ``start:end``: the token whose head lies outside it."""
    first = bisect.bisect_left(tok_starts, start)
    last = bisect.bisect_left(tok_starts, end) - 1
    if first > last:  # no token starts inside: take the token covering ``start``
        return max(0, min(first - 1, len(tokens) - 1))
    for index in range(first, last + 1):
        head = tokens[index].attrs.get("head", -1)
        if head < first or head > last or head == index:
            return index
    return last


def governing_verb(tokens: Sequence[Span], index: int, max_steps: int = 4) -> int:
    """The nearest verb above a token in the dependency tree (clause-mates share it)."""
    for _ in range(max_steps):
        head = tokens[index].attrs.get("head", -1)
        if head < 0 or head == index:
            return -1
        index = head
        if tokens[index].attrs.get("pos") in ("VERB", "AUX"):
            return index
    return -1


def noun_gender(words: Sequence[str]) -> int:
    for word in words:
        gender = lexicon.noun_gender(word).number
        if gender:
            return gender
    return 0


def _quote_index(quotes: LayerView, pos: int) -> int:
    """Index of the quoted region around ``pos``, -1 outside quotes."""
    i = quotes.index_at(pos)
    return i if i >= 0 and pos < quotes.ends[i] else -1


def build_table(
    spans: Sequence[tuple[int, int, str, str | None, str | None]],
    text: str,
    tokens: Sequence[Span],
    quotes: Sequence[tuple[int, int]],
    token_view: LayerView | None = None,
) -> MentionTable:
    """Mentions from ``(start, end, kind, gender, entity_key)`` tuples in text order.

    ``kind`` is pron / proper / title / nominal; ``gender`` ("m", "f") and ``entity_key``
    (a character id) may be None when unknown. ``token_view``: the index of ``tokens``
    when the caller has it (``work.view("tokens")``).
    """
    token_view = token_view if token_view is not None else LayerView(tokens)
    tok_starts = token_view.starts
    quote_view = LayerView(quotes)
    quote_sents = _quote_sentences(quotes, token_view)
    n = len(spans)
    # filled as lists (a numpy cell write costs more than the work around it), then typed
    lists: dict[str, list[int]] = {name: [0] * n for name in (
        "kind", "person", "gender", "plural", "case", "sent", "token", "verb", "dep", "subject",
        "main_subject",
        "quote", "tag_quote_before", "tag_quote_after", "speech_subject", "determiner",
        "vocative", "parent",
    )}
    cols: dict[str, Any] = lists
    words: list[str] = []
    head_words: list[str] = []
    entity_names: list[str] = []
    for i, (start, end, kind, gender, entity) in enumerate(spans):
        surface = text[start:end]
        lower = surface.lower()
        words.append(lower)
        tok = head_token(tok_starts, tokens, start, end) if tokens else 0
        tok_attrs = tokens[tok].attrs if tokens else {}
        dep = tok_attrs.get("dep", "")
        sent = tok_attrs.get("sent", 0)
        head_word = text[tokens[tok].start : tokens[tok].end].lower() if tokens else lower
        head_words.append(head_word)
        info = pronoun_info(lower) if kind == "pron" else None
        code = KIND_CODES.get(kind, NOMINAL)
        cols["kind"][i] = code
        if info is not None:
            cols["person"][i] = info.person
            cols["gender"][i] = parse_gender(info.gender).number
            cols["plural"][i] = 2 if info.plural is None else int(info.plural)
            cols["case"][i] = CASE_CODES[info.case]
        else:
            cols["person"][i] = 3
            g = parse_gender(gender).number
            cols["gender"][i] = g or noun_gender(_WORD.findall(lower))
            cols["plural"][i] = int(tok_attrs.get("tag", "") in ("NNS", "NNPS"))
            cols["case"][i] = NOUN_CASE
        cols["sent"][i] = sent
        cols["token"][i] = tok
        cols["verb"][i] = governing_verb(tokens, tok) if tokens else -1
        cols["dep"][i] = DEP_CODES.get(dep, OTHER_DEP)
        cols["subject"][i] = int(dep in SUBJECT_DEPS)
        verb = cols["verb"][i]
        cols["main_subject"][i] = int(
            dep in SUBJECT_DEPS and verb >= 0 and tokens[verb].attrs.get("dep") == "ROOT"
        )
        q = _quote_index(quote_view, start)
        cols["quote"][i] = q
        if q < 0:
            before, after = _adjacent_quotes(quote_view, quote_sents, start, sent)
            cols["tag_quote_before"][i] = before
            cols["tag_quote_after"][i] = after
        else:
            cols["tag_quote_before"][i] = cols["tag_quote_after"][i] = -1
        head_of_head = tok_attrs.get("head", -1)
        cols["parent"][i] = head_of_head
        if code != PRON:
            cols["determiner"][i] = determiner(lower, token_view, start, tok)
            cols["vocative"][i] = int(q >= 0 and is_vocative(text, start, end))
        verb_lemma = tokens[head_of_head].attrs.get("lemma", "") if head_of_head >= 0 else ""
        cols["speech_subject"][i] = int(dep in SUBJECT_DEPS and verb_lemma in SPEECH_LEMMAS)
        entity_names.append(entity if entity is not None else "w:" + head_word)
    cols = {name: np.array(values, dtype=np.int32) for name, values in lists.items()}
    _infer_name_gender(cols, head_words)
    text_ids = _ids(words)
    head_ids = _ids(head_words)
    entity_ids = _ids(entity_names)
    seen, total = _counts(entity_ids)
    return MentionTable(
        starts=np.array([s[0] for s in spans], dtype=np.int64),
        ends=np.array([s[1] for s in spans], dtype=np.int64),
        text_key=text_ids, head_key=head_ids, entity_key=entity_ids,
        seen_before=seen, total_count=total, words=words, **cols,
    )


def determiner(lower: str, tokens: LayerView, start: int, head: int) -> int:
    """How a noun phrase opens: "the", "a", "his", "that" ... (BARE when none)."""
    first_word = lower.split(" ", 1)[0].split("\n", 1)[0]
    if first_word in DETERMINERS:
        return DETERMINERS[first_word]
    for index in range(tokens.first_from(start), head):
        if tokens[index].attrs.get("dep") == "poss":
            return POSSESSED
    return BARE


def is_vocative(text: str, start: int, end: int) -> bool:
    """Set off by punctuation on both sides: "Come here, girl!" or "Son, sit down." """
    before = text[max(0, start - 3) : start].rstrip()
    after = text[end : end + 3].lstrip()
    if not before or not after or after.startswith(("'s", "’s")):
        return False
    return before[-1] in _VOCATIVE_BEFORE and after[0] in _VOCATIVE_AFTER


def _ids(values: Sequence[str]) -> np.ndarray:
    index: dict[str, int] = {}
    return np.array([index.setdefault(v, len(index)) for v in values], dtype=np.int32)


def _counts(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    running: Counter[int] = Counter()
    seen = np.zeros(len(keys), dtype=np.int32)
    for i, key in enumerate(keys.tolist()):
        seen[i] = running[key]
        running[key] += 1
    total = np.array([running[k] for k in keys.tolist()], dtype=np.int32)
    return seen, total


def _quote_sentences(
    quotes: Sequence[tuple[int, int]], tokens: LayerView
) -> list[tuple[int, int]]:
    if not len(tokens):
        return [(0, 0) for _ in quotes]
    out = []
    for start, end in quotes:
        first = min(tokens.first_from(start), len(tokens) - 1)
        last = max(0, min(tokens.first_from(end) - 1, len(tokens) - 1))
        out.append((tokens[first].attrs.get("sent", 0), tokens[last].attrs.get("sent", 0)))
    return out


def _adjacent_quotes(
    quotes: LayerView, quote_sents: list[tuple[int, int]], pos: int, sent: int
) -> tuple[int, int]:
    """The quotes just before and after a narration position, if within one sentence."""
    after = quotes.first_after(pos)
    before = after - 1
    before_id = before if before >= 0 and quote_sents[before][1] >= sent - 1 else -1
    after_id = after if after < len(quotes) and quote_sents[after][0] <= sent + 1 else -1
    return before_id, after_id


def _infer_name_gender(cols: dict[str, np.ndarray], head_words: list[str]) -> None:
    """Guess a name's gender from the he/she that first follows its mentions nearby."""
    # read as lists (fast cells); a guess is written to the column itself
    kind, gender, sent, person = (
        cols[name].tolist() for name in ("kind", "gender", "sent", "person"))
    votes: dict[str, Counter[int]] = defaultdict(Counter)
    pending: list[int] = []
    for i in range(len(kind)):
        if kind[i] == PRON:
            if person[i] == 3 and gender[i]:
                for j in pending:
                    if sent[i] - sent[j] <= 1:
                        votes[head_words[j]][int(gender[i])] += 1
                pending = []
        elif kind[i] == PROPER and gender[i] == 0:
            pending.append(i)
    for i in range(len(kind)):
        if kind[i] == PROPER and gender[i] == 0:
            tally = votes.get(head_words[i])
            if tally:
                (best, count), total = tally.most_common(1)[0], sum(tally.values())
                if count >= 2 and count / total >= 0.7:
                    cols["gender"][i] = best
