"""Pronoun slips: a subject pronoun where a possessive belongs ("as he chin started to quiver"),
and a possessive of the wrong gender ("she lifted his hand to her face", the hand hers).

A lower-case "he" or "she" directly before a common noun that is the subject of a verb is a
possessive typed wrong; so is one before a word English writes after "his" or "her" and
never after "he" or "she" (lifted he chin: the n-gram corpus's pairs), or one the parse
reads as a possessive after a preposition (on she shoulder). The suggestion follows the
coreference of the sentence: the possessive of the first subject pronoun the coref layer
found before it in the sentence (She ... bit her lip as he chin started -> her chin);
without one, the pronoun's own (his, her).

A possessive is of the wrong gender when the coref layer puts it in one chain with the subject
pronoun of its sentence, that subject is of the other gender, and nothing of the possessive's
own gender is in sight: no other pronoun of that gender and no character of that gender
named in its paragraph or the one before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ficlens.check.context import CheckContext
from ficlens.check.findings import Finding, Rule
from ficlens.check.wordstats import bigram_count
from ficlens.document import Span

CATEGORY = "pronouns"
RULES = (
    Rule("pronouns.possessive", CATEGORY, "error",
         "A subject pronoun before a noun where the possessive belongs (he chin -> her chin)."),
    Rule("pronouns.gender", CATEGORY, "error",
         "A possessive of the other gender than the one person in sight (she lifted his hand "
         "to her face)."),
)
OTHER_POSSESSIVE = {"M": "her", "F": "his"}
POSSESSIVE = {"he": "his", "she": "her"}
GENDER_OF = {"he": "M", "him": "M", "his": "M", "himself": "M",
             "she": "F", "her": "F", "hers": "F", "herself": "F"}
NOUNS = ("NN", "NNS", "NNP")
OTHER_GENDER = {"M": "F", "F": "M"}
POSSESSIVE_PAIR_MIN = 5_000_000  # "his lip", "her shoulder": pairs the n-gram corpus holds


def check(ctx: CheckContext) -> Iterator[Finding]:
    yield from check_possessive(ctx)
    yield from check_gender(ctx)


def check_possessive(ctx: CheckContext) -> Iterator[Finding]:
    tokens = ctx.work.layer("tokens")
    for i, token in enumerate(tokens[:-1]):
        word = ctx.work.span_text(token)
        if word not in POSSESSIVE:
            continue
        noun = tokens[i + 1]
        noun_text = ctx.work.span_text(noun)
        subject_noun = noun.get("tag") in NOUNS and noun_text.islower() \
            and noun.start == token.end + 1 and noun.get("dep") in ("nsubj", "nsubjpass") \
            and token.get("dep") != "nsubj"
        if not subject_noun and not _possessive_pair(ctx, tokens, i):
            continue
        suggestion = _possessive(ctx, token, word)
        yield Finding("pronouns.possessive", CATEGORY, "error", token.start, token.end,
                      f"'{word} {noun_text}': the possessive, '{suggestion} {noun_text}'?",
                      suggestion, False)


def check_gender(ctx: CheckContext) -> Iterator[Finding]:
    text = ctx.text
    corefs = ctx.work.layer("coref")
    for k, mention in enumerate(corefs):
        word = str(mention.get("pronoun", "")).lower()
        token = ctx.token_index.get(mention.start)
        if word not in ("his", "her") or token is None or mention.get("in_quote"):
            continue
        if word == "her" and ctx.work.layer("tokens")[token].get("tag") != "PRP$":
            continue
        gender = GENDER_OF[word]
        subject = _chain_subject(ctx, corefs, k)
        if subject is None or GENDER_OF[subject] == gender or _in_sight(ctx, mention, gender):
            continue
        written = text[mention.start : mention.end]
        fixed = OTHER_POSSESSIVE[gender]
        fixed = fixed.capitalize() if written[:1].isupper() else fixed
        yield Finding("pronouns.gender", CATEGORY, "error", mention.start, mention.end,
                      f"'{written}' refers to the same person as '{subject}' before it: "
                      f"'{fixed}'?", fixed, False)


def _chain_subject(ctx: CheckContext, corefs: list[Span], k: int) -> str | None:
    """The gendered subject pronoun of the sentence before ``corefs[k]``, in its chain."""
    mention = corefs[k]
    tokens = ctx.work.layer("tokens")
    sentence = tokens[ctx.token_index[mention.start]].get("sent")
    for other in reversed(corefs[max(0, k - 6) : k]):
        index = ctx.token_index.get(other.start)
        if index is None or tokens[index].get("sent") != sentence:
            break
        word = str(other.get("pronoun", "")).lower()
        if other.get("chain") == mention.get("chain") and word in ("he", "she") \
                and tokens[index].get("dep") in ("nsubj", "nsubjpass"):
            return word
    return None


def _in_sight(ctx: CheckContext, mention: Span, gender: str) -> bool:
    """Whether a pronoun or a named character of ``gender`` is in the paragraph of
    ``mention`` or the one before (besides the mention itself)."""
    paragraph = ctx.paragraph_at(mention.start)
    if paragraph is None:
        return True
    paragraphs = ctx.work.view("paragraphs")
    index = paragraphs.index_at(paragraph.start)
    start = paragraphs[index - 1].start if index > 0 else paragraph.start
    words = re.finditer(r"[A-Za-z]+", ctx.text[start : paragraph.end])
    if any(GENDER_OF.get(m.group().lower()) == gender and start + m.start() != mention.start
           for m in words):
        return True
    other = {name.lower() for c in ctx.characters.values()
             if c.get("gender") == OTHER_GENDER[gender]
             for name in [c.get("name", ""), *c.get("aliases", [])]}
    for named in [*ctx.work.layer("mentions"), *ctx.work.layer("entities")]:
        if start <= named.start < paragraph.end and named.get("label", "PERSON") == "PERSON":
            character = ctx.characters.get(named.get("character"), {})
            if character.get("gender") != OTHER_GENDER[gender] \
                    and ctx.work.span_text(named).lower() not in other:
                return True  # of this gender, or of none known: it may own the thing
    return False


OBJECT_STARTS = frozenset({"it", "them", "him", "her", "me", "us", "you", "the", "a", "an",
                           "his", "their", "my", "our", "its", "herself", "himself",
                           "themselves", "itself"})


def _possessive_pair(ctx: CheckContext, tokens: list[Span], i: int) -> bool:
    """"Bit he lip", "on she shoulder": "he" or "she" before a lower-case word that English
    writes after "his" or "her" all the time and after "he" or "she" never (the n-gram
    corpus lists no such pair), and that is no verb ("to X" unlisted too); or one the parse
    makes a possessive after a preposition. Not after an auxiliary of a question ("is she
    nice", "had he power")."""
    word = ctx.token_words[i]
    following = ctx.token_words[i + 1]
    noun = tokens[i + 1]
    if not following.isalpha() or len(following) < 3 \
            or not ctx.text[noun.start : noun.end].islower() \
            or noun.start != tokens[i].end + 1 or noun.get("tag") in ("JJ", "JJR", "RB"):
        return False
    if i and tokens[i - 1].get("pos") == "AUX":
        return False
    if noun.get("tag") in ("VBZ", "VBD") and i + 2 < len(tokens) \
            and ctx.token_words[i + 2] in OBJECT_STARTS:
        return False  # "he shoulders it", "she arms herself": a verb with its object
    if tokens[i].get("dep") == "poss" and i and tokens[i - 1].get("pos") == "ADP" \
            and noun.get("tag") in NOUNS:
        return True  # "on she shoulder": the parse itself reads a possessive after a preposition
    return not bigram_count(word, following) and not bigram_count("to", following) \
        and bigram_count(POSSESSIVE[word], following) >= POSSESSIVE_PAIR_MIN


def _possessive(ctx: CheckContext, token: Span, word: str) -> str:
    sentence = next((s for s in ctx.work.layer("sentences")
                     if s.start <= token.start < s.end), None)
    if sentence is None:
        return POSSESSIVE[word]
    subjects = [str(m.get("pronoun", "")).lower() for m in ctx.work.layer("coref")
                if sentence.start <= m.start < token.start]
    subjects = [p for p in subjects if p in POSSESSIVE]
    if subjects:
        return POSSESSIVE[subjects[0]]  # the sentence's subject owns what it does
    return POSSESSIVE[word]
