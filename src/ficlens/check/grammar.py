"""Slips of sentence structure that the parse shows: verbs joined by "and" in forms that do
not match, and a "to" with no place between a verb and what it governs.

* ``she would need to wait and hoped it passed`` -> ``hope``: a past-tense verb joined by
  "and" to a plain verb after "would" (or "will", "should" ...) shares that modal, so it
  takes the plain form too;
* ``she waved at the twins and pulling on her gloves`` -> ``pulled``: an -ing verb
  joined by "and" to a finite verb, with no "was" of its own, takes the finite verb's tense;
* ``she tried to protect to Tobin`` -> ``protect Tobin``: "to" between a common verb that never
  takes "to" after it (the n-gram corpus holds no such pair) and a person it governs;
* ``let him to go``, ``made her to wait`` -> ``let him go``: "let" and "make" take a plain
  verb after their object, never "to".

Each needs the parse to show one clean structure: the two verbs in one sentence, the "and"
the parse attaches to the first, no subject or auxiliary of the second's own (then it is a
clause of its own: "she would wait and he hoped"), no comma between them (a comma often
marks a participle of the next clause: "and, tugging on her gloves, she"), and no other
verb of the same form between them that the second could belong to ("kept laughing and
pulling"). Only narration for the verb forms and "let ... to" (speech runs on in ways a copy
editor leaves alone); a stray "to" before a person is a slip of the keys in speech too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ficlens.check.agreement import third_person
from ficlens.check.context import CheckContext
from ficlens.check.findings import Finding, Rule
from ficlens.check.tense import PAST_LOOKALIKES, narration_tense
from ficlens.check.vocab import FINITE_VERB_TAGS, OBJECT_PRONOUNS
from ficlens.check.wordstats import bigram_count, irregular_verb_forms, listed, unigram_count
from ficlens.document import Span

CATEGORY = "grammar"
RULES = (
    Rule("grammar.coordinated-verb", CATEGORY, "error",
         "Verbs joined by 'and' in forms that do not match (would wait and hoped -> hope; "
         "shared a look and pulling -> pulled)."),
    Rule("words.stray-to", "words", "error",
         "A 'to' no verb takes between a verb and its object (to protect to Tobin -> to "
         "protect Mara)."),
    Rule("words.let-to", "words", "error",
         "'Let' and 'make' take a plain verb after their object (let him to go -> let him go)."),
)
# Modals whose plain verb a coordinated verb shares. "Could" and "can" are left out: "she
# could barely breathe and felt sick" joins a past ability to a past, which is right.
# "'d" is left out too: it is as often "had" ("as if he'd guessed her plan and flew off").
SHARED_MODALS = frozenset({"would", "will", "'ll", "should", "shall", "must", "might", "may",
                           "wo"})  # "wo" is the parse's "wo" of "won't"
# A present and a past verb joined by "and" with one subject ("she crosses the yard and
# unbolted the shed"): one tense slipped.
MIXED_TENSES = ({"VBZ", "VBD"}, {"VBP", "VBD"})
NOUN_PHRASE_REACH = 8  # words back from a verb to its subject
# Fewer verbs than tense.MIN_VERBS tell a scene's tense here: the slip is shown by the pair
# of verbs itself, and the scene only says which of the two is out of step.
TENSE_MIN_VERBS = 10
OWN_CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "expl", "mark"})
AND = frozenset({"and", "or"})
# Adverbs that may stand between "and" and the verb ("and then pulled", "and quickly hid");
# other adverbs may close a phrase of their own ("here and there lingering").
PLAIN_ADVERBS = frozenset({"then", "also", "just", "still", "even", "only", "now", "soon"})
COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp"})
# A verb this common whose pair with "to" the n-gram corpus does not list (it keeps pairs
# seen 6.4 million times or more) seldom takes "to" after it; rarer verbs may miss the list
# by chance. It must also be plainly transitive: its pair with "the" that common ("sit to
# me" for a portrait is an old sense of an intransitive verb).
STRAY_TO_MIN_COUNT = 10_000_000
TRANSITIVE_MIN_PAIR = 50_000_000
# After the object of the stray "to", the sentence ends or an adverb follows; a noun phrase
# or a clause there is the verb's real object, moved after the person ("described to him
# the road", "announce to her, what is to come").
AFTER_OBJECT_TAGS = frozenset({".", "RB", "RBR", "''"})
LET_MAKE = frozenset({"let", "lets", "letting", "make", "makes", "made", "making"})


def check(ctx: CheckContext) -> Iterator[Finding]:
    tokens = ctx.work.layer("tokens")
    words = ctx.token_words
    children = _children(tokens)
    tenses: dict[int, str | None] = {}  # each scene's narration tense, by its start
    for c, token in enumerate(tokens):
        if token.get("dep") == "conj" and token.get("pos") == "VERB":
            finding = _coordinated(ctx, tokens, words, children, c, tenses)
            if finding is not None:
                yield finding
    yield from _stray_to(ctx, tokens, words)
    yield from _let_to(ctx, tokens, words)


def _children(tokens: list[Span]) -> dict[int, list[int]]:
    children: dict[int, list[int]] = defaultdict(list)
    for i, token in enumerate(tokens):
        head = token.get("head", i)
        if head != i:
            children[head].append(i)
    return children


def _coordinated(ctx: CheckContext, tokens: list[Span], words: list[str],
                 children: dict[int, list[int]], c: int,
                 tenses: dict[int, str | None]) -> Finding | None:
    second = tokens[c]
    h = second.get("head", c)
    if not 0 <= h < c or tokens[h].get("pos") != "VERB" or tokens[h].get("lemma") == "be":
        return None  # "was full of it and showing it": the "was" is shared
    first = tokens[h]
    if _complement_of_a_verb(tokens, h):
        return None
    if first.get("sent") != second.get("sent") or not ctx.in_narration(first.start, second.end):
        return None
    if any(tokens[k].get("dep") in OWN_CLAUSE_DEPS for k in children[c]):
        return None
    if not _joined_by_and(tokens, words, children, h, c):
        return None
    written = ctx.text[second.start : second.end]
    if not written.isalpha() or not written.islower():
        return None
    tag, first_tag = second.get("tag"), first.get("tag")
    if tag == "VBD" and first_tag == "VB" and _shared_modal(tokens, words, children, h):
        fixed = plain_form(words[c])
        if fixed is None:
            return None
        return Finding("grammar.coordinated-verb", CATEGORY, "error", second.start, second.end,
                       f"'{words[c]}' shares the modal of '{words[h]}': '{fixed}'.", fixed,
                       False)
    if {tag, first_tag} in MIXED_TENSES:
        return _mixed_tenses(ctx, tokens, words, h, c, tenses)
    if tag == "VBG" and first_tag in FINITE_VERB_TAGS \
            and not _progressive_between(tokens, words, h, c):
        fixed = _finite_form(second.get("lemma", ""), words[c], first_tag)
        if fixed is None:
            return None
        return Finding("grammar.coordinated-verb", CATEGORY, "error", second.start, second.end,
                       f"'{words[c]}' is joined to '{words[h]}' and has no 'was' of its own: "
                       f"'{fixed}'.", fixed, False)
    return None


def _joined_by_and(tokens: list[Span], words: list[str], children: dict[int, list[int]],
                   h: int, c: int) -> bool:
    """The word before the second verb (adverbs skipped) is an "and" the parse attaches to
    the first verb, and no mark of punctuation or clause stands between the two."""
    k = c - 1
    while k > h and tokens[k].get("tag") == "RB" and (words[k].endswith("ly")
                                                      or words[k] in PLAIN_ADVERBS):
        k -= 1
    if words[k] not in AND or tokens[k].get("head") != h or tokens[k].get("dep") != "cc":
        return False
    if tokens[c].get("tag") == "VBG" and tokens[k - 1].get("dep") == "pobj" \
            and _preposition_of(tokens, k - 1) == h \
            and not any(tokens[j].get("dep") == "dobj" for j in children[h]):
        return False  # "specialised in hard cases and catering to ...": the -ing is its object
    between = tokens[h + 1 : k]
    if any(t.get("pos") == "PUNCT" or t.get("tag") in ("WDT", "WP", "WRB") for t in between):
        return False
    # another verb between them may be the one the second is joined to ("would say it was
    # late and left"), unless it is the first verb's own to-infinitive ("need to avoid")
    return not any(t.get("pos") == "VERB" and not _infinitive_of(tokens, children, j, h)
                   for j, t in enumerate(between, start=h + 1))


def _complement_of_a_verb(tokens: list[Span], h: int) -> bool:
    """The first verb is the complement of another verb ("supposed he must be lonely and
    took pains"): the second may be joined to that one, which the parse cannot tell."""
    dep, governor = tokens[h].get("dep"), tokens[h].get("head", h)
    return dep in COMPLEMENT_DEPS and governor != h \
        and tokens[governor].get("pos") in ("VERB", "AUX")


def _preposition_of(tokens: list[Span], k: int) -> int | None:
    """What the preposition governing the object at ``k`` attaches to."""
    preposition = tokens[k].get("head", k)
    return tokens[preposition].get("head") if 0 <= preposition < len(tokens) else None


def _infinitive_of(tokens: list[Span], children: dict[int, list[int]], j: int, h: int) -> bool:
    return tokens[j].get("head") == h and tokens[j].get("dep") == "xcomp" \
        and tokens[j].get("tag") == "VB" \
        and any(tokens[k].get("tag") == "TO" for k in children[j])


def _shared_modal(tokens: list[Span], words: list[str], children: dict[int, list[int]],
                  h: int) -> bool:
    return any(tokens[k].get("tag") == "MD" and tokens[k].get("dep") == "aux"
               and words[k] in SHARED_MODALS for k in children[h])


def _progressive_between(tokens: list[Span], words: list[str], h: int, c: int) -> bool:
    """An -ing word before the second verb in its sentence (whatever its tag: "sat sewing
    and talking"), which the second may be joined to ("kept laughing and pulling faces",
    "turned, asking this and asking that"), or a finite verb after the
    second that has no subject: the -ing phrase then opens that verb's clause ("went back
    and, bringing it in, sat down")."""
    sentence = tokens[c].get("sent")
    start = h
    while start > 0 and tokens[start - 1].get("sent") == sentence:
        start -= 1
    if any(w.endswith("ing") and t.get("pos") in ("VERB", "NOUN")
           for w, t in zip(words[start:c], tokens[start:c], strict=True)):
        return True  # "short of asking them to drive home and picking him up"
    k = c + 1
    while k < len(tokens) and tokens[k].get("sent") == sentence:
        if tokens[k].get("tag") in FINITE_VERB_TAGS and tokens[k].get("dep") == "conj":
            return True
        k += 1
    return False


def plain_form(past: str) -> str | None:
    """The plain form of a past-tense verb (hoped -> hope, stopped -> stop, tried -> try)."""
    irregular = irregular_verb_forms().get(past)
    if irregular:
        return irregular
    if not past.endswith("ed"):
        return None
    stem = past[:-2]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz" and listed(stem[:-1]):
        return stem[:-1]  # stopped -> stop (but called -> call, missed -> miss)
    if stem.endswith("i"):  # tried -> try, but died -> die
        return past[:-1] if len(stem) == 2 else stem[:-1] + "y"
    # a vowel and one consonant before -ed: "hop" would have made "hopped", so "hoped" is
    # "hope" (used -> use, stared -> stare)
    single = len(stem) > 1 and stem[-1] not in "aeiouwxy" and stem[-2] in "aeiou"
    for candidate in ([past[:-1], stem] if single else [stem, past[:-1]]):
        if listed(candidate):
            return candidate
    return None


def _finite_form(lemma: str, ing: str, tag: str) -> str | None:
    """The form of ``lemma`` in the tense of ``tag`` (pull, VBD -> pulled)."""
    if not lemma.isalpha():
        return None
    if tag == "VBZ":
        return third_person(lemma)
    if tag == "VBP":
        return lemma
    pasts = [form for form, plain in irregular_verb_forms().items()
             if plain == lemma and not form.endswith(("ing", "s"))]
    if pasts:  # took or taken: the one that follows a subject pronoun most
        return max(pasts, key=lambda form: bigram_count("he", form) + bigram_count("she", form))
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    if ing[:-3] == lemma + lemma[-1]:  # stopping -> stopped
        return lemma + lemma[-1] + "ed"
    return lemma + "ed"


def _mixed_tenses(ctx: CheckContext, tokens: list[Span], words: list[str], h: int, c: int,
                  tenses: dict[int, str | None]) -> Finding | None:
    """Of two verbs with one subject, one present and one past, the one whose tense is not
    the scene's narration slipped ("she crosses the yard and unbolted the shed" in a
    present-tense scene; "he lift the lantern and looked" in a past one)."""
    lemmas = [tokens[k].get("lemma", "") for k in (h, c)]
    tags = [tokens[k].get("tag", "") for k in (h, c)]
    if not all(_plainly_in(words[k], lemma, tag) for k, lemma, tag in zip((h, c), lemmas, tags,
                                                                           strict=True)):
        return None
    if not _heads_a_clause(tokens, h) or _modifier_use(tokens, words, h, c):
        return None
    tense = _scene_tense(ctx, tokens[h].start, tenses)
    if tense is None:
        return None
    slipped = next((n for n in (0, 1) if (tags[n] == "VBD") != (tense == "past")), None)
    if slipped is None:
        return None
    k, other = (h, c)[slipped], (h, c)[1 - slipped]
    fixed = _same_tense(lemmas[slipped], tags[1 - slipped])
    if fixed is None or fixed == words[k]:
        return None
    token = tokens[k]
    return Finding("grammar.coordinated-verb", CATEGORY, "error", token.start, token.end,
                   f"'{words[k]}' is joined to '{words[other]}' with one subject, and the "
                   f"story is told in the {tense} here: '{fixed}'.", fixed, False)


def _heads_a_clause(tokens: list[Span], h: int) -> bool:
    """The first verb heads the sentence (or a clause joined to it) and has a subject of its
    own: no relative clause ("the gap Tobin left") or object complement ("has them seated"),
    whose verb the parse may join to a later one."""
    return tokens[h].get("dep") in ("ROOT", "conj") and any(
        t.get("head") == h and t.get("dep") in ("nsubj", "nsubjpass")
        for t in tokens[max(0, h - NOUN_PHRASE_REACH) : h])


def _modifier_use(tokens: list[Span], words: list[str], h: int, c: int) -> bool:
    """The second verb may be a participle used as an adjective: after an adjective and
    "and" ("looks pale and tired"), or before a bare noun ("needs steady hands and measured
    doses")."""
    before_and = tokens[c - 2] if c >= 2 else None
    after = tokens[c + 1] if c + 1 < len(tokens) else None
    return before_and is not None and before_and.get("tag") in ("JJ", "VBN") \
        or after is not None and after.get("tag") in ("NN", "NNS")


def _scene_tense(ctx: CheckContext, at: int, cache: dict[int, str | None]) -> str | None:
    """The tense of the narration of the scene at ``at`` (``tense.narration_tense``), read
    once per scene."""
    scene = ctx.scene_at(at)
    key = scene.start if scene is not None else -1
    if key not in cache:
        end = scene.end if scene is not None else len(ctx.text)
        sentences = [[t for t in sent if key <= t.start < end] for sent in ctx.sentence_tokens]
        cache[key] = narration_tense(ctx, sentences, TENSE_MIN_VERBS)
    return cache[key]


def _plainly_in(word: str, lemma: str, tag: str) -> bool:
    """The word is its lemma's form in that tense and in no other: the parse's tag and lemma
    agree with its spelling ("stared" is no past of "star"; "put", "bit", "leapt" may be
    pasts the parse took for presents)."""
    pasts = irregular_verb_forms()
    if tag == "VBD":
        return _same_tense(lemma, "VBD") == word or pasts.get(word) == lemma
    return word not in pasts and word not in PAST_LOOKALIKES \
        and _finite_form(lemma, "", tag) == word and _same_tense(lemma, "VBD") != word


def _same_tense(lemma: str, tag: str) -> str | None:
    """The form of ``lemma`` in the tense of ``tag``, a regular past doubling its last
    consonant as English writes it (stop -> stopped)."""
    if tag != "VBD" or not lemma.isalpha():
        return _finite_form(lemma, "", tag)
    if any(plain == lemma for plain in irregular_verb_forms().values()):
        return _finite_form(lemma, "", tag)
    doubled = lemma + lemma[-1] + "ed"
    if unigram_count(doubled) > unigram_count(_finite_form(lemma, "", tag) or ""):
        return doubled
    return _finite_form(lemma, "", tag)


def _stray_to(ctx: CheckContext, tokens: list[Span], words: list[str]) -> Iterator[Finding]:
    for v in range(len(tokens) - 3):
        verb, to = tokens[v], tokens[v + 1]
        if words[v + 1] != "to" or to.get("tag") != "IN" or to.get("head") != v \
                or verb.get("pos") != "VERB" or not (verb.get("tag") or "").startswith("VB"):
            continue
        obj = _object_after(tokens, words, v + 2)
        if obj is None or tokens[obj].get("head") != v + 1:
            continue
        if unigram_count(words[v]) < STRAY_TO_MIN_COUNT or bigram_count(words[v], "to") \
                or bigram_count(words[v], "the") < TRANSITIVE_MIN_PAIR:
            continue
        if ctx.in_note(verb.start):
            continue  # in speech too: a stray "to" is a slip of the keys, not a voice
        person = ctx.text[tokens[v + 2].start : tokens[obj].end]
        right = f"{ctx.text[verb.start : verb.end]} {person}"
        yield Finding("words.stray-to", "words", "error", to.start, to.end,
                      f"'{words[v]}' takes no 'to': '{right}'.", "", False)


def _object_after(tokens: list[Span], words: list[str], k: int) -> int | None:
    """The end of a person after "to": an object pronoun or a name (one or two words), with
    the sentence ending or an adverb after it."""
    if words[k] in OBJECT_PRONOUNS:
        end = k
    elif tokens[k].get("tag") == "NNP":
        end = k + 1 if k + 1 < len(tokens) and tokens[k + 1].get("tag") == "NNP" else k
    else:
        return None
    after = tokens[end + 1] if end + 1 < len(tokens) else None
    if after is not None and words[end + 1] == "," and end + 2 < len(tokens):
        after = tokens[end + 2]  # '"... protect to him," she said': the speech ends there
        return end if after.get("tag") == "''" else None
    return end if after is None or after.get("tag") in AFTER_OBJECT_TAGS else None


def _let_to(ctx: CheckContext, tokens: list[Span], words: list[str]) -> Iterator[Finding]:
    for i in range(len(tokens) - 3):
        if words[i] not in LET_MAKE or tokens[i].get("pos") != "VERB" \
                or words[i + 1] not in OBJECT_PRONOUNS or words[i + 2] != "to" \
                or tokens[i + 3].get("tag") != "VB":
            continue
        if not ctx.in_narration(tokens[i].start, tokens[i + 3].end):
            continue
        to = tokens[i + 2]
        yield Finding("words.let-to", "words", "error", to.start, to.end,
                      f"'{words[i]} {words[i + 1]}' takes a plain verb: drop 'to'.", "", False)
