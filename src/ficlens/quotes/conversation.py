"""Conversation-level decoding: choose the speakers of a whole exchange at once.

The ranker scores each quotation on its own (the second pass sees its neighbours' choices,
but only as features). In an exchange the turns constrain each other: a quotation in the
same paragraph as the previous one is usually the same speaker; a quotation opening the
next paragraph is usually the other speaker, and the one before that again (A, B, A, B).
This pass finds, per run of linked quotations, the sequence of speakers that maximises the
ranker's log-probabilities plus a bonus for each convention kept (a second-order Viterbi
over each quotation's best few candidates). A confident tag outweighs the bonuses, so it
anchors the turns around it, forwards and backwards. A pronoun tag also rules out the
candidates of the other gender when one of its gender is there. Measured on the PDNC dev
novels (gold characters, same ranker): 0.771 -> 0.788 speaker accuracy, Implicit
0.693 -> 0.723.
"""

from __future__ import annotations

import numpy as np

from ficlens.lexicon import noun_gender
from ficlens.quotes.config import Weights, tunables
from ficlens.quotes.context import StoryContext
from ficlens.quotes.epithets import head_noun
from ficlens.quotes.introductions import identified_after, self_introduced
from ficlens.quotes.reader import QuoteInfo
from ficlens.quotes.tags import SUBJECT_DEPS, pronoun_gender, tokens_within

NO_LINK, SAME, NEXT = 0, 1, 2
# A second quotation in a paragraph with a tag of its own naming someone (or none): the
# same speaker only about half the time (PDNC), so the decoder gives it no bonus either way.
SAME_UNTOLD = 3
Options = list[tuple[str, float]]  # (candidate, log-probability), best first


def links(ctx: StoryContext) -> list[int]:
    """How each speech quotation follows the previous one."""
    result = []
    for k, info in enumerate(ctx.infos):
        quote = info.quote
        prev = ctx.infos[k - 1].quote if k else None
        if prev is None:
            result.append(NO_LINK)
        elif quote.paragraph == prev.last_paragraph:
            result.append(SAME)
        elif quote.paragraph == prev.last_paragraph + 1 and (
            quote.start == ctx.paragraphs[quote.paragraph][0]
        ):
            result.append(NEXT)
        else:
            result.append(NO_LINK)
    return result


def _turn_link(link: int, info: QuoteInfo, prev: QuoteInfo | None) -> int:
    """The link the decoder uses: SAME only for a quotation whose tag is a pronoun ("...," he
    added), which goes on with the same speaker nine times in ten, and for an untagged
    paragraph right after a speech of several paragraphs: a told story goes on (PDNC: the
    same speaker 9 times in 10)."""
    if link == SAME:
        return SAME if info.rule_kind == "pronoun" else SAME_UNTOLD
    if link == NEXT and not info.tags and prev is not None and (
            prev.quote.last_paragraph > prev.quote.paragraph):
        return SAME
    return link


def _tag_gender(info: QuoteInfo) -> str:
    genders = {pronoun_gender(t.pronoun.lower()) for t in info.tags if t.kind == "pronoun"}
    genders |= {noun_gender(head_noun(t.subject_text)).code
                for t in info.tags if t.kind == "nominal"}
    genders.discard("")
    return genders.pop() if len(genders) == 1 else ""


def _tag_agreement(ctx: StoryContext, info: QuoteInfo, cands: list[str]) -> np.ndarray:
    """A penalty per candidate that the quotation's pronoun tag rules out: "I said" in a
    story told by a narrator is the narrator (98% of PDNC's first-person tags) and "he said"
    never is, nor is a speech of several paragraphs; "she said" is not a man when a woman
    is among the candidates."""
    narrator = ctx.narrator_at(info.quote.start)
    if narrator in cands and ctx.first_person_tag(info):
        return np.array([0.0 if c == narrator else tunables().wrong_gender_penalty for c in cands])
    penalty = _gender_agreement(ctx, info, cands)
    if narrator in cands and _tag_gender(info) and info.rule_kind != "name":
        # "said he" in a story told by "I" is never the narrator (1 of PDNC's 309).
        penalty[cands.index(narrator)] = tunables().wrong_gender_penalty
    if narrator in cands and _paragraphs(info) >= tunables().told_story_paragraphs:
        # A narrator tells at length in the narration; a quoted story of several
        # paragraphs is someone else's (PDNC: 0 of the 5 in its two first-person novels).
        penalty[cands.index(narrator)] = tunables().wrong_gender_penalty
    return penalty


def _introduction(ctx: StoryContext, info: QuoteInfo, cands: list[str]) -> np.ndarray:
    """A penalty for every candidate but the one the line names as its speaker ("I'm
    Abby."), unless a name tag says otherwise (tuned on the fan-fiction dev set: strangers
    introduce themselves before the narration names them)."""
    introduced = self_introduced(ctx, info) or identified_after(ctx, info)
    if introduced not in cands or info.rule_kind == "name":
        return np.zeros(len(cands))
    return np.array([0.0 if c == introduced else tunables().wrong_gender_penalty
                     for c in cands])


def _first_narration(ctx: StoryContext) -> tuple[dict[str, int], dict[str, int]]:
    """Per character, the start of their first mention in the narration, and of their
    first one outside a past-perfect clause ("Ellie had grown up with you")."""
    first: dict[str, int] = {}
    present: dict[str, int] = {}
    for m in ctx.narration.mentions:
        first.setdefault(m.character, m.start)
        if not m.backstory and not m.kin:
            present.setdefault(m.character, m.start)
    return first, present


def _off_stage(info: QuoteInfo, cands: list[str],
               first: tuple[dict[str, int], dict[str, int]]) -> np.ndarray:
    """A penalty for candidates the narration has so far named only in backstory (who grew
    up with the heroine, whose parents went travelling): remembered, not in the scene,
    so not the "she" of a tag. Tuned on the fan-fiction dev set."""
    if info.rule_kind == "name" or not _tag_gender(info):
        return np.zeros(len(cands))
    start = info.quote.start
    named, present = first
    return np.array([
        tunables().wrong_gender_penalty
        if named.get(c, start) < start and present.get(c, start) >= start else 0.0
        for c in cands])


def _tag_objects(ctx: StoryContext, info: QuoteInfo, cands: list[str]) -> np.ndarray:
    """A penalty for a candidate named inside the clause of the line's pronoun tag, after
    its verb: in '"...?" he asked Tobin', 'she said to Wren', 'he kneels down in front of
    Mara' or 'she took a step, pulling Wren's hand', "he"/"she" is someone else (a pronoun
    subject does not corefer with a name it governs; tuned on the fan-fiction dev set)."""
    penalty = np.zeros(len(cands))
    if info.rule_kind == "name":
        return penalty
    tokens = ctx.tokens
    for tag in info.tags:
        if tag.kind != "pronoun" or not pronoun_gender(tag.pronoun.lower()):
            continue
        for i in _governed_by(tokens, tag.verb):
            character = ctx.mention_at(tokens[i].start, tokens[i].end)
            if character in cands:
                penalty[cands.index(character)] = tunables().wrong_gender_penalty
    return penalty


def _governed_by(tokens, verb: int) -> list[int]:
    """The tokens after the verb, near it, whose chain of heads leads to it without passing
    through the subject of a clause of their own ('he muttered, but the guard heard him';
    'He'd never admit to Mara that Tobin finds it funny': a writer may name the
    "he" there)."""
    reach = tunables().object_reach
    governed = []
    for i in range(verb + 1, min(len(tokens), verb + reach)):
        j = i
        for _ in range(reach):
            head = tokens[j]["head"]
            if j == verb or tokens[j]["dep"] in SUBJECT_DEPS or head == j \
                    or not 0 <= head < len(tokens):
                break
            j = head
        if j == verb:
            governed.append(i)
    return governed


def _paragraphs(info: QuoteInfo) -> int:
    return info.quote.last_paragraph - info.quote.paragraph + 1


def _gender_agreement(ctx: StoryContext, info: QuoteInfo, cands: list[str]) -> np.ndarray:
    """A penalty per candidate whose gender contradicts the quotation's pronoun tag (none
    when a name tag decides: '"Thank you." Lucas whispered' after 'She said, smiling')."""
    if info.rule_kind == "name":
        return np.zeros(len(cands))
    return _against_gender(ctx, cands, _tag_gender(info))


def _beat_agreement(ctx: StoryContext, info: QuoteInfo, cands: list[str]) -> np.ndarray:
    """The same penalty for the gender of an untagged line's beat (:func:`_beat_gender`)."""
    return _against_gender(ctx, cands, _beat_gender(ctx, info))


def _against_gender(ctx: StoryContext, cands: list[str], wanted: str) -> np.ndarray:
    penalty = np.zeros(len(cands))
    genders = [ctx.gender.get(c, "") for c in cands]
    if not wanted or not (wanted in genders or "" in genders):
        # A candidate of unknown gender may be the one the pronoun means ("she sighs"
        # beside a man and a woman the story never gendered): the man still is not.
        return penalty
    for j, gender in enumerate(genders):
        if gender and gender != wanted:
            penalty[j] = tunables().wrong_gender_penalty
    return penalty


def _beat_gender(ctx: StoryContext, info: QuoteInfo) -> str:
    """The gender of an untagged line's beat: narration right after one of its pieces
    whose subject is "his"/"her" something ('"My fault," his grin was as warm as his
    eyes.') is the speaker's (tuned on the fan-fiction dev set)."""
    if info.tags:
        return ""
    for _start, end in info.quote.parts:
        limit = min(end + tunables().beat_reach, ctx.paragraphs[ctx.paragraph_of(end - 1)][1])
        first = next((i for i in tokens_within(ctx.tokens, end, limit)
                      if ctx.tokens[i]["pos"] != "PUNCT"), None)
        if first is None:
            continue
        token = ctx.tokens[first]
        word = ctx.text[token.start : token.end].lower()
        head = token["head"]
        if (token["tag"] == "PRP$" and pronoun_gender(word) and 0 <= head < len(ctx.tokens)
                and ctx.tokens[head]["dep"] in SUBJECT_DEPS):
            return pronoun_gender(word)
    return ""


def _lead_beat_agreement(ctx: StoryContext, info: QuoteInfo, cands: list[str]) -> np.ndarray:
    """An untagged line after narration in its own paragraph whose last sentence has a
    he/she subject ('She counted them off. "So, that's Mara, Tobin..."', 'Slowly, he
    kneels down in front of Mara. "Hi."'): that pronoun's gender, and nobody named in its
    clause after its verb, is the speaker's (tuned on the fan-fiction dev set)."""
    penalty = np.zeros(len(cands))
    subject = _lead_subject(ctx, info)
    if subject is None:
        return penalty
    word = ctx.text[ctx.tokens[subject].start : ctx.tokens[subject].end].lower()
    penalty += _against_gender(ctx, cands, pronoun_gender(word))
    for i in _governed_by(ctx.tokens, ctx.tokens[subject]["head"]):
        character = ctx.mention_at(ctx.tokens[i].start, ctx.tokens[i].end)
        if character in cands:
            penalty[cands.index(character)] = tunables().wrong_gender_penalty
    return penalty


def _lead_subject(ctx: StoryContext, info: QuoteInfo) -> int | None:
    """The subject of the last narration sentence before an untagged line that is the first
    line of its paragraph, when that sentence's first subject is "he" or "she"."""
    if info.tags:
        return None
    start = info.quote.parts[0][0]
    para_start = ctx.paragraphs[ctx.paragraph_of(start)][0]
    if info.index and ctx.infos[info.index - 1].quote.end > para_start:
        return None
    words = [i for i in tokens_within(ctx.tokens, para_start, start)
             if ctx.tokens[i]["pos"] != "PUNCT"]
    if not words:
        return None
    sentence = ctx.tokens[words[-1]]["sent"]
    first = next((i for i in words if ctx.tokens[i]["sent"] == sentence
                  and ctx.tokens[i]["dep"] in SUBJECT_DEPS), None)
    if first is None or ctx.tokens[first]["tag"] != "PRP":
        return None
    word = ctx.text[ctx.tokens[first].start : ctx.tokens[first].end].lower()
    return first if pronoun_gender(word) else None


def _options(cands: list[str], scores: np.ndarray, top: int) -> Options:
    shifted = scores - scores.max()
    log_probs = shifted - np.log(np.exp(shifted).sum())
    order = np.argsort(-log_probs, kind="stable")[:top]
    return [(cands[j], float(log_probs[j])) for j in order]


def _viterbi(options: list[Options], run_links: list[int], w: Weights | None = None) -> list[int]:
    """Best option index per quotation of one linked run (states: previous and current)."""
    w = w or tunables().decoder
    same_paragraph, turn, alternation = w.same_paragraph, w.turn, w.alternation
    # state (i_prev, i_cur) -> (score, state at the step before)
    layer: dict[tuple[int, int], tuple[float, tuple[int, int] | None]] = {
        (-1, j): (lp, None) for j, (_c, lp) in enumerate(options[0])
    }
    history = [layer]
    for t in range(1, len(options)):
        new_layer: dict[tuple[int, int], tuple[float, tuple[int, int] | None]] = {}
        link, link_before = run_links[t], run_links[t - 1]
        # each state's score and its two speakers, read once for every option of step t
        states = [(state, total, options[t - 1][state[1]][0],
                   options[t - 2][state[0]][0] if state[0] >= 0 else None)
                  for state, (total, _back) in layer.items()]
        alternating = link == NEXT and link_before == NEXT
        for j, (speaker, lp) in enumerate(options[t]):
            for state, total, prev, before in states:
                # the turn-taking bonus, written out: this loop runs for every pair of states
                if link == SAME:
                    bonus = same_paragraph * (speaker == prev)
                elif link != NEXT or speaker == prev:
                    bonus = 0.0
                elif before is not None and alternating:  # A, B, A: never A, A, A
                    bonus = turn + alternation * (speaker == before)
                else:
                    bonus = turn
                score = total + lp + bonus
                key = (state[1], j)
                kept = new_layer.get(key)
                if kept is None or score > kept[0]:
                    new_layer[key] = (score, state)
        layer = new_layer
        history.append(layer)
    state: tuple[int, int] | None = max(layer, key=lambda s: layer[s][0])
    path = []
    for t in range(len(options) - 1, -1, -1):
        assert state is not None
        path.append(state[1])
        state = history[t][state][1]
    return path[::-1]


def decode_conversations(
    ctx: StoryContext, cands: list[list[str]], scores: np.ndarray, sizes: list[int],
    weights: Weights | None = None,
) -> tuple[list[str | None], list[float]]:
    """Speakers and their probabilities, decoded run by run of linked quotations."""
    weights = weights or tunables().decoder
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(int)
    first = _first_narration(ctx)
    adjusted = [scores[offsets[k] : offsets[k + 1]] - _tag_agreement(ctx, ctx.infos[k], group)
                - _introduction(ctx, ctx.infos[k], group) - _off_stage(ctx.infos[k], group, first)
                - _beat_agreement(ctx, ctx.infos[k], group)
                - _tag_objects(ctx, ctx.infos[k], group)
                - _lead_beat_agreement(ctx, ctx.infos[k], group)
                for k, group in enumerate(cands)]
    speakers, confidences = _decode(ctx, cands, adjusted, weights)
    tellers = _resumed_stories(ctx, cands, speakers)
    if tellers:
        for k, teller in tellers.items():
            adjusted[k] = adjusted[k] - np.array(
                [0.0 if c == teller else tunables().wrong_gender_penalty for c in cands[k]])
        speakers, confidences = _decode(ctx, cands, adjusted, weights)
    return speakers, confidences


def _decode(
    ctx: StoryContext, cands: list[list[str]], adjusted: list[np.ndarray], weights: Weights
) -> tuple[list[str | None], list[float]]:
    options = [_options(group, adjusted[k], weights.top) if group else []
               for k, group in enumerate(cands)]
    speakers: list[str | None] = [opts[0][0] if opts else None for opts in options]
    confidences = [round(float(np.exp(opts[0][1])), 3) if opts else 0.0 for opts in options]
    all_links = links(ctx)
    turn_links = [_turn_link(link, info, ctx.infos[k - 1] if k else None)
                  for k, (link, info) in enumerate(zip(all_links, ctx.infos, strict=True))]
    for run in _runs(options, all_links):
        path = _viterbi([options[k] for k in run], [turn_links[k] for k in run], weights)
        for k, j in zip(run, path, strict=True):
            speakers[k] = options[k][j][0]
            confidences[k] = round(float(np.exp(options[k][j][1])), 3)
    return speakers, confidences


def _resumed_stories(
    ctx: StoryContext, cands: list[list[str]], speakers: list[str | None]
) -> dict[int, str]:
    """Told stories (speeches of several paragraphs) without a name tag that come a few
    quotations after another in the same scene, and that story's teller: a story broken
    off by a question or "Go on," is taken up by whoever was telling it (PDNC: 6 of 6)."""
    tellers: dict[int, str] = {}
    last_story = -1
    for k, info in enumerate(ctx.infos):
        if _paragraphs(info) < tunables().told_story_paragraphs:
            continue
        teller = tellers.get(last_story, speakers[last_story]) if last_story >= 0 else None
        if (teller in cands[k] and info.rule_kind != "name"
                and k - last_story <= tunables().resumed_story_reach
                and ctx.scene_start(ctx.infos[last_story].quote.start)
                == ctx.scene_start(info.quote.start)):
            tellers[k] = teller
        last_story = k
    return tellers


def _runs(options: list[Options], all_links: list[int]) -> list[list[int]]:
    """Maximal runs of linked quotations that have candidates, two or more long."""
    runs, current = [], []
    for k, opts in enumerate(options):
        if opts and current and all_links[k] != NO_LINK:
            current.append(k)
            continue
        if len(current) > 1:
            runs.append(current)
        current = [k] if opts else []
    if len(current) > 1:
        runs.append(current)
    return runs
