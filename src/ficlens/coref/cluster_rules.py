"""Rules applied while mentions are clustered best-first (``ficlens.coref.link.cluster``'s
hooks): what the ranker, scoring one mention at a time, cannot see of the entity a mention
would join (its pronouns' gender so far, the line it is spoken in, a name said since)."""

from __future__ import annotations

import numpy as np

from ficlens.coref.config import tunables
from ficlens.coref.fixed_labels import quote_confidence
from ficlens.coref.link import cluster
from ficlens.coref.mentions import PRON, MentionTable
from ficlens.coref.quantified import without_quantified
from ficlens.coref.resolution import Resolution
from ficlens.coref.tags import all_ids
from ficlens.document import LayerView
from ficlens.lexicon import parse_gender


def cluster_mentions(res: Resolution) -> list[str]:
    """The entity label of each mention: best-first clustering of the kept candidates,
    with this module's rules as its hooks."""
    votes = GenderVotes(res.table)
    return cluster(
        len(res.rows), without_quantified(res.kept, *res.unlinked), float("-inf"),
        res.fixed, res.forbidden,
        regroup=lambda i, label: plural_they(res.table, i, res.genders, label),
        overrule=(res.from_quotes, res.shares),
        redirect=lambda i, label, labels: not_the_speaker(
            res, i, named_since(res, i, label, labels), labels, votes),
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


def not_the_speaker(
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


def named_since(res: Resolution, i: int, label: str, labels: list[str]) -> str:
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


def plural_they(
    table: MentionTable, i: int, genders: dict[str, str | None], character: str
) -> bool:
    """They/them/their resolved to a man or a woman: read as a group, not that character.

    Singular "they" stays possible for characters whose gender is not known as M or F.
    """
    they = table.kind[i] == PRON and table.person[i] == 3 and table.gender[i] == 0
    return bool(they) and genders.get(character) in ("m", "f")
