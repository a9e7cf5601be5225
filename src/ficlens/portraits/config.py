"""The portraits stage's tunables (chosen on the ``fanfic`` sentences of ``ficlens eval
portraits``; its ``fanfic_heldout`` and ``fanfic_fresh`` sentences are held out)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PortraitsConfig:
    # A pronoun or description whose coreference link (or, inside a quotation, whose
    # quotation's attribution) is less sure than this is not put in anyone's portrait: a
    # wrong character costs precision, and the coref layer's confidence is the chosen
    # antecedent's softmax share.
    min_link_confidence: float = 0.4


DEFAULT = PortraitsConfig()
