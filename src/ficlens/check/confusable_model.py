"""A context model for confusable words (their / there / they're, then / than ...).

For each confusable set, a logistic regression over the words around an occurrence (one and
two words either side, their pairs, and the shape of the next words) says which member of the
set fits the context. It is trained on correct-enough prose only
(``training/train_confusables.py``: some 49M words of AO3 Harry Potter fan fiction that pass
an editing rule, a few long fan works of other fandoms and 19th-century novels), so it learns
what writers really put in each place, which a list of "wrong" phrases cannot.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ficlens.errors import ModelError

MODEL_FILE = "confusables.json.gz"
META_FILE = "confusables.meta.json"  # data, split and scores of the shipped model

CONFUSABLE_SETS: tuple[tuple[str, ...], ...] = (
    ("their", "there", "they're"),
    ("its", "it's"),
    ("your", "you're"),
    ("then", "than"),
    ("lose", "loose"),
    ("affect", "effect"),
    ("affected", "effected"),
    ("complement", "compliment"),
    ("complemented", "complimented"),
    ("baited", "bated"),
    ("purposed", "proposed"),
    ("lying", "laying"),
    ("who's", "whose"),
    ("to", "too"),
    ("breath", "breathe"),
    ("accept", "except"),
    ("advice", "advise"),
    ("quiet", "quite"),
    ("passed", "past"),
    ("weather", "whether"),
    ("were", "where", "we're"),
    ("threw", "through"),
    ("peak", "peek"),
    ("principal", "principle"),
    ("hear", "here"),
    ("knew", "new"),
    ("allowed", "aloud"),
    ("waist", "waste"),
    ("brake", "break"),
    ("desert", "dessert"),
    ("later", "latter"),
    # Added after the first model (their examples drawn after the sets above, so those keep
    # their models): slips of one letter or one sound between common words. lead/led and
    # whole/hole were tried and left out: a false alarm each in clean prose ("steps which
    # lead up" in LitBank; "the hole was" in an injected-error novel).
    ("wander", "wonder"),
    ("though", "thought"),
    ("since", "sense"),
    ("chose", "choose"),
    ("role", "roll"),
    ("tail", "tale"),
    ("conscious", "conscience"),
    ("on", "one"),
)
SET_OF: dict[str, tuple[str, ...]] = {w: s for s in CONFUSABLE_SETS for w in s}
# Sets judged one way only: "one" stands alone as a number or pronoun ("CHAPTER ONE", "get
# one"), where context says little, so only a written "on" is judged ("plugged on of her
# jacks" -> "one").
JUDGED_ONLY: dict[tuple[str, ...], frozenset[str]] = {("on", "one"): frozenset({"on"})}
# Sets whose members inflect alike share one model with their inflected forms: "peeked" and
# "peaked" are judged as "peek" and "peak", which pools the few examples each form has alone.
# Each tuple lines up with its set's members.
INFLECTED_SETS: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {
    ("peak", "peek"): (("peaks", "peeks"), ("peaked", "peeked"), ("peaking", "peeking")),
    ("lose", "loose"): (("loses", "looses"), ("losing", "loosing")),
    ("wander", "wonder"): (("wanders", "wonders"), ("wandered", "wondered"),
                           ("wandering", "wondering")),
    ("role", "roll"): (("roles", "rolls"),),
    ("tail", "tale"): (("tails", "tales"),),
}
FORMS_OF: dict[str, tuple[str, ...]] = {form: forms for base, inflections in
                                        INFLECTED_SETS.items() for forms in (base, *inflections)
                                        for form in forms}
BASE_OF: dict[tuple[str, ...], tuple[str, ...]] = {forms: base for base, inflections in
                                                   INFLECTED_SETS.items()
                                                   for forms in (base, *inflections)}


def confusable_forms(word: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The forms ``word`` is confused with (itself included) and the set whose model judges
    them, member for member; None for a word of no set."""
    forms = FORMS_OF.get(word)
    if forms is not None:
        return forms, BASE_OF[forms]
    words = SET_OF.get(word)
    return None if words is None else (words, words)
# A hyphenated compound is one token ("their in-game skills" is not "their in"); a dash or an
# ellipsis is punctuation ("is this too– stop").
TOKEN = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*|[.,!?;:\"“”–—…]")


@dataclass(frozen=True, slots=True)
class Token:
    word: str  # lower case, straight apostrophe
    start: int
    end: int
    capital: bool


def tokenize(text: str, offset: int = 0) -> list[Token]:
    return [
        Token(m.group().lower().replace("’", "'"), offset + m.start(), offset + m.end(),
              m.group()[0].isupper())
        for m in TOKEN.finditer(text)
    ]


def _shape(token: Token | None) -> str:
    if token is None:
        return "none"
    if not token.word[0].isalpha():
        return "punct"
    return "Cap" if token.capital else "low"


def features(tokens: list[Token], i: int) -> list[str]:
    """Context features of ``tokens[i]`` (the confusable itself is left out)."""
    def word(j: int) -> str:
        return tokens[j].word if 0 <= j < len(tokens) else "<s>"

    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    nxt2 = tokens[i + 2] if i + 2 < len(tokens) else None
    return [
        f"L1={word(i - 1)}", f"R1={word(i + 1)}", f"L2={word(i - 2)}", f"R2={word(i + 2)}",
        f"L21={word(i - 2)}|{word(i - 1)}", f"R12={word(i + 1)}|{word(i + 2)}",
        f"LR={word(i - 1)}|{word(i + 1)}", f"S1={_shape(nxt)}", f"S12={_shape(nxt)}|{_shape(nxt2)}",
        f"R1S2={word(i + 1)}|{_shape(nxt2)}",
        f"R1x={word(i + 1)[-3:]}", f"R2x={word(i + 2)[-3:]}", f"L1x={word(i - 1)[-3:]}",
        f"L1R1x={word(i - 1)}|{word(i + 1)[-3:]}", f"L1e={word(i - 1)[-2:]}",
    ]


@dataclass
class SetModel:
    """A logistic regression over context features for one confusable set."""

    words: list[str]
    priors: dict[str, int]  # occurrences seen in training
    intercept: list[float]
    weights: dict[str, list[float]]  # feature -> one weight per word

    def posteriors(self, feats: list[str]) -> dict[str, float]:
        scores = list(self.intercept)
        for feat in feats:
            for k, weight in enumerate(self.weights.get(feat, ())):
                scores[k] += weight
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        norm = sum(exp)
        return {w: e / norm for w, e in zip(self.words, exp, strict=True)}


@lru_cache(maxsize=1)
def load_model() -> tuple[dict[str, SetModel], dict]:
    """The shipped models by set key (words joined with '|') and the training metadata."""
    folder = resources.files("ficlens.models")
    try:
        with gzip.open(str(folder.joinpath(MODEL_FILE)), "rt", encoding="utf-8") as handle:
            data = json.load(handle)
        meta = json.loads(folder.joinpath(META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"confusables model missing or unreadable ({exc}); rebuild it with "
            "python training/train_confusables.py --data ../shared/data --mirrors /work/.mirror"
        ) from exc
    models = {key: SetModel(**value) for key, value in data["sets"].items()}
    return models, meta
