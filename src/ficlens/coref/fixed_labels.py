"""Labels the coref stage decides before ranking: names keep their character, the quotes
layer decides in-quote I/you and vocatives, the narration's "I" is the narrator, a reader-
insert's "you" the reader, and a nominal the sentence itself names takes that name."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from ficlens.coref.config import tunables
from ficlens.coref.mentions import PRON, SUBJECT_DEPS, MentionTable
from ficlens.coref.reader_address import second_person_reader
from ficlens.coref.regions import quote_regions
from ficlens.coref.resolution import NAME, NOMINAL_ROLE, character_genders
from ficlens.coref.tags import single_id, tag_speakers
from ficlens.document import LayerView, Span, Work


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
        table.gender, character_genders(work),
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
