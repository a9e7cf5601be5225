"""Speech tags: the narration next to a quotation that says who speaks ("said Lucy").

Tags are read from the ``tokens`` layer (lemma, part of speech, dependency relation and
head), so no spaCy object is needed. A tag is a speech verb in the narration right after a
quotation piece, between two pieces, or in the sentence that leads into it, together with
the verb's subject.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ficlens.document import LayerView, Span
from ficlens.lexicon import Gender, pronoun_words, speech_verbs
from ficlens.quotes.config import tunables

SPEECH_LEMMAS = speech_verbs()
# "go on", "put in": only with the particle.
_PARTICLE_VERBS = {"go": {"on"}, "put": {"in"}}
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# '"...," you heard a voice call': whoever hears a line is not its speaker.
PERCEPTION_LEMMAS = frozenset({"hear", "overhear"})
FIRST_PERSON = pronoun_words(1, cases=frozenset({"subj"}), groups=None)  # "I", "we" said
_THIRD_PERSON_GENDER = {
    word: gender.code for gender in (Gender.MALE, Gender.FEMALE)
    for word in pronoun_words(3, gender)}
_NOT_SUBJECT = frozenset({"pobj"})


def pronoun_gender(word: str) -> str:
    """'m' for he/him/his/himself, 'f' for she/her/hers/herself, else '' (lower case)."""
    return _THIRD_PERSON_GENDER.get(word, "")


_CHAINED_VERB = frozenset({"conj", "advcl", "xcomp", "dep"})  # "dep": a misparsed conjunct
_GLUED_END = re.compile(r"[,;:!?\"“”—–]|\.-|-{2}")


@dataclass(slots=True)
class Tag:
    """One speech tag: the verb, its subject span, where it sits and what the subject is."""

    verb: int  # token index
    subject_start: int
    subject_end: int
    subject_text: str
    kind: str  # "name" (a character mention), "pronoun", "nominal" (other noun phrase)
    position: str  # "after", "before", "between"
    pronoun: str = ""
    character: str | None = None  # resolved from a mention on the subject


def tokens_within(tokens: LayerView, start: int, end: int) -> range:
    """Indices of the tokens lying wholly in [start, end)."""
    found = tokens.indices_between(start, end)
    stop = found.stop
    while stop > found.start and tokens.ends[stop - 1] > end:
        stop -= 1
    return range(found.start, stop)


def _regular_past(lemma: str) -> str:
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def speech_verb_forms(tokens: LayerView, text: str) -> dict[str, str]:
    """Past forms of the speech verbs, for tags the tokenizer glued to a dash (where no
    token carries a lemma): the regular ones ("replied"), and those the story itself
    gives its speech verbs elsewhere ("said")."""
    forms = {_regular_past(lemma): lemma for lemma in SPEECH_LEMMAS}
    forms.update(
        (text[tok.start : tok.end].lower(), tok["lemma"].lower())
        for tok in tokens
        if tok["tag"] in ("VBD", "VBN") and tok["lemma"].lower() in SPEECH_LEMMAS)
    return forms


def _is_speech_verb(tokens: LayerView, i: int, region: range) -> bool:
    tok = tokens[i]
    if tok["pos"] not in ("VERB", "AUX") and tok["tag"] not in ("VBD", "VBZ", "VBP", "VBN"):
        return False
    lemma = tok["lemma"].lower()
    if lemma not in SPEECH_LEMMAS:
        return False
    particles = _PARTICLE_VERBS.get(lemma)
    if particles is None:
        return True
    nxt = i + 1
    return nxt in region and tokens[nxt]["lemma"].lower() in particles


def _subject(tokens: LayerView, verb: int, region: range) -> int | None:
    for j in region:
        if tokens[j]["head"] == verb and tokens[j]["dep"] in SUBJECT_DEPS:
            if tokens[j]["lemma"].lower() in ("who", "that") and tokens[verb]["dep"] == "relcl":
                return _in_region(tokens[verb]["head"], region)  # Ben, who said, "..."
            return j
    head, dep = tokens[verb]["head"], tokens[verb]["dep"]
    if dep == "conj" and head in region:
        sibling = _conjunct_subject(tokens, verb, region)
        if sibling is not None:
            return sibling
    while dep in _CHAINED_VERB and head in region:
        for j in region:  # Tony opened it and said "Hell." / She swept in, saying, "..."
            if tokens[j]["head"] == head and tokens[j]["dep"] in SUBJECT_DEPS:
                return j
        # He crossed the room, laid his hand on her, and said: each verb a conjunct
        head, dep = tokens[head]["head"], tokens[head]["dep"]
    # Inverted or misparsed tags ("said Lady Russell"): the nearest noun or pronoun.
    for j in (verb + 1, verb + 2, verb + 3, verb - 1, verb - 2):
        if j in region and (tokens[j]["pos"] in ("PROPN", "PRON", "NOUN")
                            or _adjective_as_noun(tokens, j, region)):
            if tokens[j]["dep"] in _NOT_SUBJECT:  # "turning to Elizabeth, said"
                continue
            if tokens[j]["tag"] == "PRP$":  # "returned her father": the father speaks
                owner = tokens[j]["head"]
                if owner in region and tokens[owner]["pos"] in ("NOUN", "PROPN"):
                    return owner
                continue
            return j
    return None


def _adjective_as_noun(tokens: list[Span], j: int, region: range) -> bool:
    """ "pursued the stranger," where the parser takes the noun for an adjective: one
    after a determiner that ends the phrase."""
    after = j + 1
    return (tokens[j]["pos"] == "ADJ" and j - 1 in region and tokens[j - 1]["pos"] == "DET"
            and (after not in region or tokens[after]["pos"] in ("PUNCT", "ADP", "CCONJ")))


def _conjunct_subject(tokens: list[Span], verb: int, region: range) -> int | None:
    """The subject of the nearest verb before ``verb`` among its conjuncts: in 'Mrs. Bennet
    begged her to stay; but Lady Catherine declined; and then rising up, said', the parse
    hangs each verb on the first, but the speaker is the last subject named."""
    top = verb
    while tokens[top]["dep"] == "conj" and tokens[top]["head"] in region:
        top = tokens[top]["head"]
    family = {top}
    for j in range(top + 1, verb):
        if tokens[j]["dep"] == "conj" and tokens[j]["head"] in family:
            family.add(j)
    for j in range(verb - 1, region.start - 1, -1):
        if tokens[j]["dep"] in SUBJECT_DEPS and tokens[j]["head"] in family:
            return j
    return None


def _glued_subject(
    tokens: LayerView, text: str, verb: int, position: str, mention_at
) -> Tag | None:
    """'screamed Harriet,--"absolutely': the tokenizer glued the name to the punctuation
    and the next quotation piece, so the parse has no subject; a character named right
    after the verb is it."""
    nxt = verb + 1
    if nxt >= len(tokens) or tokens[nxt].start > tokens[verb].end + 1:
        return None
    start = tokens[nxt].start
    character = mention_at(start, start + 1)
    if character is None:
        return None
    name = _GLUED_END.split(text[start : tokens[nxt].end], maxsplit=1)[0]
    return Tag(verb, start, start + len(name), name, "name", position, character=character)


def _in_region(i: int, region: range) -> int | None:
    return i if i in region else None


def _subject_extent(tokens: LayerView, subj: int, region: range) -> tuple[int, int]:
    """The subject's noun phrase: its left dependents (det, compound, title) and itself."""
    first = subj
    for j in range(subj - 1, max(region.start, subj - 5) - 1, -1):
        if tokens[j]["head"] in (subj, first) or tokens[j]["dep"] in ("compound", "flat"):
            first = j
        else:
            break
    last = subj
    for j in range(subj + 1, min(region.stop, subj + 4)):
        if tokens[j]["head"] == subj and tokens[j]["dep"] in ("compound", "flat", "appos"):
            last = j
        else:
            break
    return tokens[first].start, tokens[last].end


def _opens_with_conjunction(tokens: LayerView, region: range) -> bool:
    """'"...", and Brenda asked him': narration after a quotation that opens with "and" is a
    clause of its own, not the quotation's tag."""
    for i in region:
        tok = tokens[i]
        if tok["pos"] != "PUNCT":
            return tok["pos"] == "CCONJ"
    return False


def find_tags(
    tokens: LayerView,
    text: str,
    region: range,
    position: str,
    mention_at,
) -> list[Tag]:
    """Speech tags in the tokens ``region``; ``mention_at(start, end)`` gives a character."""
    tags = []
    if position == "after":
        if _opens_with_conjunction(tokens, region):
            return tags
        verbs = range(region.start, min(region.stop, region.start + tunables().after_reach))
    elif position == "before":
        verbs = range(region.stop - 1,
                      max(region.start, region.stop - tunables().before_reach) - 1, -1)
    else:
        verbs = region
    for i in verbs:
        # Right after a quotation any verb is a tag ("The meaning--" faltered Harriet).
        right_after = (
            position != "before" and i - region.start < 3 and (tokens[i]["pos"] == "VERB")
            and tokens[i]["lemma"].lower() not in PERCEPTION_LEMMAS
        )
        if not (right_after or _is_speech_verb(tokens, i, region)):
            continue
        subj = _subject(tokens, i, region)
        if subj is None:
            glued = _glued_subject(tokens, text, i, position, mention_at)
            if glued is not None:
                tags.append(glued)
                break
            continue
        start, end = _subject_extent(tokens, subj, region)
        tok = tokens[subj]
        word = text[tok.start : tok.end].lower()
        character = mention_at(start, end)
        if word.rstrip(".") in FIRST_PERSON:  # "said I." (tagged as a proper noun)
            kind, word = "pronoun", word.rstrip(".")
        elif character is not None or tok["pos"] == "PROPN":
            kind = "name"
        elif tok["pos"] == "PRON":
            kind = "pronoun"
        else:
            kind = "nominal"
        tags.append(
            Tag(
                i,
                start,
                end,
                text[start:end],
                kind,
                position,
                pronoun=word if kind == "pronoun" else "",
                character=character,
            )
        )
        break  # the speech verb nearest the quotation is its tag
    return tags


# '"No"--said Darcy': the tokenizer keeps '"No"--said' as one token, so no verb is found in
# the tokens after the quotation; read such dash-joined tags from the text instead.
_DASH_TAG = re.compile(r"[ \t]*(?:--|—|–)[ \t]*([A-Za-z]+)\b[ \t]+")
_DASH_PRONOUN = re.compile(r"({})\b".format("|".join(sorted(
    "I" if w == "i" else w for w in pronoun_words(cases=frozenset({"subj"}))))))


def dash_tag(
    tokens: LayerView, text: str, piece_end: int, limit: int, mention_at,
    speech_forms: Mapping[str, str],
) -> Tag | None:
    """A speech tag joined to the quotation piece ending at ``piece_end`` by a dash;
    ``speech_forms``: the story's past forms of speech verbs (speech_verb_forms)."""
    match = _DASH_TAG.match(text, piece_end, limit)
    if match is None or match.group(1).lower() not in speech_forms:
        return None
    verb = max(0, tokens.index_at(match.start(1)))
    subject_start = match.end()
    pronoun = _DASH_PRONOUN.match(text, subject_start, limit)
    if pronoun is not None:
        word = pronoun.group(1)
        return Tag(verb, subject_start, pronoun.end(), word, "pronoun", "after",
                   pronoun=word.lower())
    character = mention_at(subject_start, min(limit, subject_start + tunables().dash_subject_reach))
    if character is None:
        return None
    end = subject_start + len(text[subject_start:limit].split(",")[0].split("\n")[0])
    return Tag(verb, subject_start, end, text[subject_start:end], "name", "after",
               character=character)
