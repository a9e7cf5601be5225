"""The evidence a reader weighs for the main pairing, channel by channel.

No single signal decides: each channel gives every pair a value, the values are scaled so
that the channel's strongest pair has 1, and a pair's score is the weighted sum
(``CHANNEL_WEIGHTS``, summing to 1). A channel gone wrong (a speaker model handing forty
lines to the wrong brother) can then move a pair by its weight at most.

* ``romance``: romantic cues (kisses, "I love you", "his girlfriend") with their own
  confidence, under both readings (:mod:`readings`), without the interaction factor of the
  romance score so that dialogue is not counted twice;
* ``talk``: lines and replies between the two, weighted by attribution confidence;
* ``together``: the scenes they share, weighted by how much each is referred to there;
* ``mentions``: one named in the other's speech, narration sentences about both;
* ``leads``: who the story is about, from two signals neither model touches: whose minds it
  is told through (for each character, the text length of the scenes weighted by their
  share of the scene's inner-life cues: ``scenes`` layer, attr ``minds``, found by the pov
  stage by convention) and who the narration names (``mentions`` outside quotes), each as
  a share of the story's total; a pair's value is the product of its two characters'
  values, so the two leads of a dual-POV romance, or the POV character and the one the
  narration keeps naming, score highest.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from ficlens.coref.readings import QuoteIndex, named_references, speech_quotes
from ficlens.document import Work
from ficlens.relations.interactions import Interactions, Pair, pair_of

CHANNEL_WEIGHTS = {"romance": 0.35, "talk": 0.2, "together": 0.15, "mentions": 0.15, "leads": 0.15}


class PairEvidence:
    """Per channel, a value for each pair; :meth:`score` weighs them."""

    def __init__(self, channels: Mapping[str, Mapping[Pair, float]]) -> None:
        self.channels = {name: dict(channels.get(name, {})) for name in CHANNEL_WEIGHTS}
        self.top = {
            name: max(values.values(), default=0.0) for name, values in self.channels.items()
        }

    def shares(self, pair: Pair) -> dict[str, float]:
        """Each channel's value for ``pair`` relative to its strongest pair (0..1)."""
        return {
            name: self.channels[name].get(pair, 0.0) / top if top > 0 else 0.0
            for name, top in self.top.items()
        }

    def score(self, pair: Pair) -> float:
        shares = self.shares(pair)
        return sum(CHANNEL_WEIGHTS[name] * share for name, share in shares.items())


def collect(work: Work, found: Interactions, romance: Mapping[Pair, float]) -> PairEvidence:
    return PairEvidence(
        {
            "romance": romance,
            "talk": found.talk,
            "together": found.together,
            "mentions": found.mentions,
            "leads": lead_pairs(work),
        }
    )


def lead_weights(work: Work) -> Counter[str]:
    """Share of the story's minds plus share of its narration names, per character."""
    leads: Counter[str] = Counter()
    for weights in (pov_weights(work), narration_names(work)):
        total = sum(weights.values())
        for character, weight in weights.items():
            leads[character] += weight / total
    return leads


def narration_names(work: Work) -> Counter[str]:
    quotes = QuoteIndex(speech_quotes(work))
    return Counter(r.character for r in named_references(work) if quotes.at(r.start) is None)


def pov_weights(work: Work) -> Counter[str]:
    """Text length told through each character's mind (see the module docstring)."""
    weights: Counter[str] = Counter()
    for scene in work.layer("scenes"):
        length = scene.end - scene.start
        focal = scene.get("focal")
        if scene.get("person") == "first" and focal:
            weights[str(focal)] += length
            continue
        minds = {str(c): float(w) for c, w in (scene.get("minds") or {}).items() if w > 0}
        total = sum(minds.values())
        for character, weight in minds.items():
            weights[character] += length * weight / total
    return weights


def lead_pairs(work: Work) -> dict[Pair, float]:
    leads = [(c, w) for c, w in lead_weights(work).items() if w > 0]
    return {pair_of(a, b): wa * wb for i, (a, wa) in enumerate(leads) for b, wb in leads[i + 1 :]}
