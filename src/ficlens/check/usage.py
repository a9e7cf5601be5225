"""Confusions the parse settles: lie/lay, its/it's, bear/bare, of/off, and verb forms after
"had" and a modal.

* ``was laying on the bed`` -> ``lying``; ``they laid down together`` -> ``lay``; ``had laid
  on the grass`` -> ``lain``: to lay takes an object, to lie does not;
* ``on it's way`` -> ``its``: after a preposition "it's" (it is) cannot stand;
* ``couldn't bare it`` -> ``bear``;
* ``rolled of his tongue`` -> ``off``: a verb of motion takes the particle "off";
* ``had went``, ``he'd hid``, ``would have know``, ``could she chose``, ``did he finished``,
  ``began to walked`` -> the participle or the plain form the auxiliary needs; ``let him
  went``, ``heard her sang`` -> the plain form a verb of letting or perceiving needs;
* ``might had been`` -> ``have``: after a modal only the plain "have" stands;
* ``made he feel``, ``let they go`` -> ``him``, ``them``: the object of "make" or "let";
* ``it raised from the ground`` -> ``rose``: "raise" with no object, going somewhere itself;
* ``could of gone``, ``must of happened`` -> ``have``: "of" is how "'ve" sounds, never a verb;
* ``she begun to climb`` -> ``began``: a participle of the sing/sang/sung kind standing as the
  past tense, with no auxiliary in its clause;
* ``"Peyton, there gonna publish it"``, ``"Their coming tonight"`` -> ``they're``: "there" or
  "their" opening a clause, then "gonna", "going to" and a verb, or an -ing verb with no
  other verb in its clause (so "Their leaving hurt her", a gerund, stands). Dialogue too:
  the words, not the register, are wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ficlens.check.context import CheckContext
from ficlens.check.findings import Finding, Rule
from ficlens.check.grammar import plain_form
from ficlens.check.vocab import MOTION_VERBS, SUBJECT_PRONOUNS, VERB_FORMS
from ficlens.check.wordstats import bigram_count
from ficlens.document import Span

CATEGORY = "confusables"
RULES = (
    Rule("confusables.lie-lay", CATEGORY, "error",
         "To lie (lay, lain, lying) takes no object; to lay (laid, laying) does."),
    Rule("confusables.its", CATEGORY, "error",
         "After a preposition the possessive is 'its', not 'it's' (it is)."),
    Rule("confusables.bear", CATEGORY, "error", "'Can't bear it' is to bear, not to bare."),
    Rule("confusables.off", CATEGORY, "error",
         "A verb of motion takes 'off' (fell off the bed), not 'of'."),
    Rule("confusables.verb-form", CATEGORY, "error",
         "After 'had' or 'have' the participle (had gone); after a modal, 'did' or 'to' "
         "the plain form (didn't know, let him go); after 'was' the participle (was stolen)."),
    Rule("confusables.modal-of", CATEGORY, "error",
         "'Could of', 'must of' ... before a verb: the word is 'have' (could have gone)."),
    Rule("confusables.participle-as-past", CATEGORY, "error",
         "A participle (begun, sung, sunk) standing alone as the past tense: began, sang, sank."),
    Rule("confusables.theyre", CATEGORY, "error",
         "'They're' (they are) before 'going', 'gonna' or an -ing verb: not 'there', 'their'."),
    Rule("confusables.youre", CATEGORY, "error",
         "'You're' (you are) opening a clause before 'going to', 'gonna' or an -ing verb: "
         "not 'your'."),
    Rule("confusables.than", CATEGORY, "error",
         "After a comparative (taller, more careful, rather, other) the word before what is "
         "compared is 'than', not 'then'."),
    Rule("confusables.object-pronoun", CATEGORY, "error",
         "After a preposition the pronoun is 'me', 'him', 'her', also in a pair (between you "
         "and me, smiled at her)."),
    Rule("confusables.subject-pronoun", CATEGORY, "error",
         "A pronoun in a pair that is the subject takes the subject form (Tobin and I went, "
         "not me and Tobin)."),
    Rule("confusables.his-him", CATEGORY, "error",
         "'Hugging his tightly': a possessive with no noun after a verb is the object 'him'."),
    Rule("confusables.rise-raise", CATEGORY, "error",
         "To raise takes an object; what goes up by itself rises (it raised from the ground "
         "-> rose)."),
    Rule("confusables.fewer", CATEGORY, "warning",
         "'Fewer' before a plural count noun (fewer people), 'less' before a mass noun."),
)
OBJECTS = ("dobj", "obj", "dative")
# what a comparison's 'than' may stand before ("than her brother", "than 10"); not an
# adjective: "darker then colder" is a sequence
THAN_OBJECTS = frozenset({"DET", "PRON", "PROPN", "NOUN", "NUM"})
PASSIVE = frozenset({"was", "were", "been", "be", "being", "is", "are", "get", "got", "gets",
                     "getting", "gotten"})  # "getting her teeth shrunk": a causative
HAVE = frozenset({"had", "have", "has", "'ve", "having", "’ve"})
GET_FORMS = frozenset({"get", "got", "gets", "getting", "gotten"})
MODALS = frozenset({"can", "could", "will", "would", "shall", "should", "may", "might", "must",
                    "couldn't", "wouldn't", "can't", "won't", "shouldn't", "mustn't"})
NEGATIVE_MODALS = re.compile(r"\b(?:can't|couldn't|cannot|could not|can not|won't|wouldn't)"
                             r"\s+(bare)\b", re.IGNORECASE)
DO_FORMS = frozenset({"do", "does", "did", "don't", "doesn't", "didn't"})
# Past forms that are also an adjective after "was" (he was broke, she was shook, woke).
ADJECTIVE_PASTS = frozenset({"broke", "shook", "woke", "spoke"})
# Past forms that are also a verb's plain form, right after a modal (we could saw the log).
PLAIN_TOO = frozenset({"saw", "found", "fell", "wound", "lay", "ground", "bore", "rose"})
SKIPPED_BEFORE_VERB = SUBJECT_PRONOUNS | {"never", "not", "just", "already", "n't"}
PARTICIPLE = {past: participle for past, participle, _base in VERB_FORMS}
BASE_OF_PAST = {past: base for past, _participle, base in VERB_FORMS}
PARTICIPLE_OF_BASE = {base: participle for _past, participle, base in VERB_FORMS
                      if participle != base}
# Participles of the ring/rang/rung kind: the ones written for the past tense (she begun).
U_PARTICIPLES = {participle: past for past, participle, base in VERB_FORMS
                 if "i" in base and "a" in past and past.replace("a", "u") == participle}
AUXILIARY_DEPS = frozenset({"aux", "auxpass"})
SUBJECT_CLAUSES = ("advcl", "ccomp", "relcl")  # ... heading a clause of its own subject
# Prepositions whose object a pronoun after "X and" is ("between you and I" -> "me"); not
# "than", "as", "but", which may take a subject.
PREPOSITIONS = frozenset("""
between with for to from about like of at against behind beside besides near toward towards
without among amongst except including upon on onto into around after within beyond
""".split())
# Prepositions that also open a clause ("for he knew", "like she said", "after he left").
CONJUNCTIONS_TOO = frozenset({"for", "like", "after"})
PAIR_WORDS = ("DT", "PRP$", "NNP", "NNPS", "NN", "NNS", "JJ", "PRP", "POS")
FINITE = frozenset({"VBD", "VBP", "VBZ", "MD", "VB", "VBN"})
OBJECT_PRONOUNS = frozenset({"you", "him", "her", "them", "me", "us", "it"})
OBJECT_FORMS = {"he": "him", "she": "her", "we": "us", "they": "them"}
RISE_FORMS = {"raised": "rose", "raises": "rises"}
# Where a subject itself goes: "raised from the ground", "raised to his feet", "raised over
# the hills"; not "raised in surprise" or "raised at that", which may hide a dropped object.
RISE_DIRECTIONS = frozenset({"from", "to", "over", "above", "into", "toward", "towards",
                             "through", "out", "off", "up"})
WH_EVER = frozenset({"whatever", "whoever", "whichever", "wherever", "what", "who"})
LET_MAKE = frozenset({"let", "make"})  # lemmas of verbs taking an object and a plain verb
SUBJECT_FORMS = {"me": "I", "him": "he", "her": "she", "us": "we", "them": "they"}
MODAL_ADVERBS = frozenset({"never", "not", "just", "already", "really", "probably", "surely",
                           "definitely", "certainly", "totally", "easily", "still", "ever"})
# Plurals that name a mass or a sum ("less clothes", "less means", "less odds").
MASS_PLURALS = frozenset("""
news clothes means odds thanks funds sums savings earnings wages amounts data media species
series physics mathematics politics economics ethics athletics
""".split())
PAIR_REACH = 4  # words between the preposition and "and I"
COPULAS = frozenset({"be", "become", "seem", "remain", "stay", "is", "was", "were", "are"})
# Verbs whose object takes a plain verb after it (let him go, heard her sing).
BARE_INFINITIVE_VERBS = frozenset({"let", "make", "help", "see", "watch", "hear", "feel",
                                   "notice"})
BARE_OBJECTS = frozenset({"me", "him", "her", "them", "us"})
CLAUSE_SHARE = 0.2  # "verb that" this often per "verb the": a verb that takes a clause


def check(ctx: CheckContext) -> Iterator[Finding]:
    tokens = ctx.work.layer("tokens")
    words = ctx.token_words
    for i, token in enumerate(tokens):
        word = words[i]
        if word in ("laying", "laid"):
            yield from _lie_lay(ctx, tokens, words, i)
        elif word == "it's" or (word == "it" and i + 1 < len(words) and words[i + 1] == "'s"):
            yield from _its(ctx, tokens, words, i)
        elif word == "of" and i and words[i - 1] in MOTION_VERBS \
                and tokens[i - 1].get("pos") == "VERB" and not _gerund_noun(tokens, i - 1):
            yield _finding(ctx, "confusables.off", token, "off",
                           f"'{words[i - 1]} of' -> '{words[i - 1]} off'.")
        elif word == "of" and i and _modal_before(words, i) and _verb_next(tokens, i):
            modal = _modal_before(words, i)
            yield _finding(ctx, "confusables.modal-of", token, "have",
                           f"'{modal} of' -> '{modal} have'.")
        elif word in U_PARTICIPLES and _bare_participle(tokens, words, i) \
                and ctx.in_narration(token.start, token.end):
            yield _finding(ctx, "confusables.participle-as-past", token, U_PARTICIPLES[word],
                           f"No auxiliary: the past tense is '{U_PARTICIPLES[word]}'.")
        if word in RISE_FORMS and _intransitive_raise(tokens, words, i):
            yield _finding(ctx, "confusables.rise-raise", token, RISE_FORMS[word],
                           f"Nothing is raised here: '{RISE_FORMS[word]}'.")
        if word == "had" and _modal_had(tokens, words, i):
            yield _finding(ctx, "confusables.verb-form", token, "have",
                           f"After '{_auxiliary(words, i)}' the plain form: 'have'.")
        if word in PARTICIPLE or word in PARTICIPLE_OF_BASE:
            yield from _verb_form(ctx, tokens, words, i)
            yield from _bare_infinitive_past(ctx, tokens, words, i)
        elif word.endswith("ed"):
            yield from _regular_past_as_plain(ctx, tokens, words, i)
        elif word in ("there", "their") and _opens_clause(tokens, i) and _progressive(
                tokens, words, i + 1):
            yield _finding(ctx, "confusables.theyre", token, "they're",
                           f"'{ctx.text[token.start:token.end]}' -> 'they're' (they are).")
        elif word == "their" and _their_without_noun(tokens, i):
            yield _finding(ctx, "confusables.theyre", token, "there",
                           f"'{ctx.text[token.start:token.end]}' with no noun after it, after "
                           f"'{words[i - 1]}': 'there' (the place).")
        elif word == "your" and (_opens_clause(tokens, i) and _progressive(tokens, words, i + 1)
                                 or _your_without_noun(tokens, words, i)):
            yield _finding(ctx, "confusables.youre", token, "you're",
                           f"'{ctx.text[token.start:token.end]}' -> 'you're' (you are).")
        elif word == "then" and _after_comparative(tokens, words, i):
            yield _finding(ctx, "confusables.than", token, "than",
                           f"After '{words[i - 1]}' the comparison takes 'than'.")
        if word in OBJECT_FORMS and (_subject_form_after_bare_verb(tokens, words, i)
                                     or _subject_form_after_preposition(tokens, words, i)):
            yield _finding(ctx, "confusables.object-pronoun", token, OBJECT_FORMS[word],
                           f"After '{words[i - 1]}' the pronoun is '{OBJECT_FORMS[word]}'.")
        elif word == "i" and _object_of_preposition(tokens, words, i):
            yield Finding("confusables.object-pronoun", CATEGORY, "error", token.start,
                          token.end, f"After '{_preposition_before(tokens, words, i)}' the "
                          "pronoun is 'me' (between you and me).", "me", True)
        elif word == "his" and _object_his(tokens, words, i):
            yield _finding(ctx, "confusables.his-him", token, "him",
                           f"'{words[i - 1]} his' with no noun after it: '{words[i - 1]} him'.")
        elif word == "less" and _count_plural_next(tokens, words, i):
            yield Finding("confusables.fewer", CATEGORY, "warning", token.start, token.end,
                          f"'{words[i + 1]}' can be counted: 'fewer {words[i + 1]}'.",
                          "Fewer" if ctx.text[token.start].isupper() else "fewer", False)
    yield from _subject_pairs(ctx, tokens, words)
    for match in NEGATIVE_MODALS.finditer(ctx.text):
        span = Span(match.start(1), match.end(1))
        yield _finding(ctx, "confusables.bear", span, "bear", "To endure is to bear.")


def _finding(ctx: CheckContext, rule: str, token: Span, replacement: str,
             message: str, end: int | None = None) -> Finding:
    written = ctx.text[token.start : end or token.end]
    fixed = replacement[0].upper() + replacement[1:] if written[:1].isupper() else replacement
    return Finding(rule, CATEGORY, "error", token.start, end or token.end, message, fixed, True)


def _has_object(tokens: list[Span], i: int) -> bool:
    return any(t.get("head") == i and t.get("dep") in OBJECTS and j != i
               for j, t in enumerate(tokens[i + 1 : i + 8], i + 1))


def _lie_lay(ctx: CheckContext, tokens: list[Span], words: list[str], i: int) -> Iterator[Finding]:
    if _has_object(tokens, i) or i + 1 >= len(words):
        return
    nxt = words[i + 1]
    if nxt in ("a", "an", "the", "his", "her", "my", "their", "your", "our", "its", "it",
               "them", "him", "herself", "himself", "themselves", "myself", "eggs", "out"):
        return  # an object the parse missed, or "laid out" (set out)
    if not (tokens[i + 1].get("tag") in ("IN", "RB", "RP") or nxt in ("there", "down")):
        return
    before = words[i - 1] if i else ""
    if before in PASSIVE and words[i] == "laid":
        return  # it was laid on the table (but "was laying" is no passive)
    if words[i] == "laid" and i and tokens[i - 1].get("tag") in ("RBS", "JJS", "RBR"):
        return  # "the best laid of them": the participle of the proverb's plans
    if words[i] == "laid" and tokens[i].get("dep") in ("acl", "amod"):
        return  # "a feast laid right out for her": a participle after its noun, a passive
    if words[i] == "laying":
        yield _finding(ctx, "confusables.lie-lay", tokens[i], "lying",
                       "Nothing is being laid: 'lying'.")
    elif before in HAVE or before == "'d":
        yield _finding(ctx, "confusables.lie-lay", tokens[i], "lain",
                       "The participle of to lie is 'lain'.")
    else:
        yield _finding(ctx, "confusables.lie-lay", tokens[i], "lay",
                       "The past of to lie is 'lay'.")


# Words of direction after "its way" ("made its way through", "found its way home").
WAY_DIRECTIONS = frozenset({"through", "into", "out", "across", "along", "down", "up", "to",
                            "toward", "towards", "home", "inside", "outside", "onto", "around"})


def _its(ctx: CheckContext, tokens: list[Span], words: list[str], i: int) -> Iterator[Finding]:
    end = tokens[i + 1].end if words[i] == "it" else tokens[i].end
    nxt = i + (2 if words[i] == "it" else 1)
    if not i or nxt >= len(tokens):
        return
    after_preposition = tokens[i - 1].get("tag") == "IN" and tokens[i - 1].get("dep") == "prep"
    if not (after_preposition and tokens[nxt].get("tag") in ("NN", "NNS", "JJ")
            or _owned_plural_after_verb(ctx, tokens, i, nxt)
            or _its_way(ctx, tokens, i, nxt)):
        return
    yield _finding(ctx, "confusables.its", tokens[i], "its",
                   "Possessive: 'its' (it's = it is).", end)


def _its_way(ctx: CheckContext, tokens: list[Span], i: int, nxt: int) -> bool:
    """"made it's way through the crowd": after a verb that takes no clause, "it's way"
    and a word of direction is the possessive's way (it is "way" only as an adverb of
    degree: "it's way past midnight", "I think it's way too late")."""
    if nxt + 1 >= len(tokens) or ctx.token_words[nxt] != "way" \
            or ctx.token_words[nxt + 1] not in WAY_DIRECTIONS:
        return False
    verb = tokens[i - 1]
    return verb.get("pos") == "VERB" and not _takes_clauses(ctx.work.span_text(verb))


def _takes_clauses(verb: str) -> bool:
    """The verb is followed by "that" at least a fifth as often as by "the" in Google Books
    (think, know, see, recognise; not spread, draped, lost)."""
    verb = verb.lower()
    that = bigram_count(verb, "that")
    return that > 0 and that >= CLAUSE_SHARE * bigram_count(verb, "the")


def _owned_plural_after_verb(ctx: CheckContext, tokens: list[Span], i: int, nxt: int) -> bool:
    """"draped it's huge leaves over", "recognise it's features.": right after a verb, "it's"
    before a plural noun (maybe after adjectives) that ends its phrase is the possessive:
    "it is leaves" cannot follow a verb."""
    if tokens[i - 1].get("pos") != "VERB" or _takes_clauses(ctx.work.span_text(tokens[i - 1])):
        return False  # "I think it's ants.": it is
    j = nxt
    while j < len(tokens) and tokens[j].get("tag") == "JJ":
        j += 1
    return j + 1 < len(tokens) and tokens[j].get("tag") == "NNS" \
        and tokens[j + 1].get("pos") in ("PUNCT", "ADP", "CCONJ")


def _verb_form(ctx: CheckContext, tokens: list[Span], words: list[str],
               i: int) -> Iterator[Finding]:
    word = words[i]
    auxiliary = _auxiliary(words, i)
    if auxiliary in HAVE and _causative_have(tokens, words, i):
        return  # "I'll have you know": "have" with an object and a plain verb
    if auxiliary in HAVE or auxiliary == "'d" and word in PARTICIPLE:
        right = PARTICIPLE.get(word) or PARTICIPLE_OF_BASE.get(word)
        if right and right != word and tokens[i].get("pos") in ("VERB", "AUX", "ADJ", "NOUN"):
            yield _finding(ctx, "confusables.verb-form", tokens[i], right,
                           f"After '{auxiliary}': '{right}'.")
    elif (auxiliary in MODALS or auxiliary in DO_FORMS or _infinitive(tokens, words, i)) \
            and word in BASE_OF_PAST and word not in PLAIN_TOO \
            and not _in_name(ctx, tokens, i - 1 - (words[i - 1] in SKIPPED_BEFORE_VERB)):
        base = BASE_OF_PAST[word]
        if base != word:
            yield _finding(ctx, "confusables.verb-form", tokens[i], base,
                           f"After '{auxiliary}': '{base}'.")
    elif words[i - 1] in PASSIVE - GET_FORMS and word in PARTICIPLE and word not in PLAIN_TOO \
            and word not in ADJECTIVE_PASTS and tokens[i].get("pos") == "VERB" \
            and tokens[i - 1].get("tag", "").startswith("VB") and not _wh_clause_before(words, i):
        right = PARTICIPLE[word]
        if right != word:
            yield _finding(ctx, "confusables.verb-form", tokens[i], right,
                           f"After '{words[i - 1]}' the participle: '{right}'.")


def _causative_have(tokens: list[Span], words: list[str], i: int) -> bool:
    """"I'll have you know", "to have them see": a subject pronoun between "have" and the
    verb, "have" after a modal or "to" (no question's inversion, as "had you known" is)."""
    if i < 3 or words[i - 1] not in SUBJECT_PRONOUNS:
        return False
    return words[i - 3] in MODALS | {"'ll", "'d", "to", "will", "would"} \
        or tokens[i - 3].get("tag") == "MD"


def _wh_clause_before(words: list[str], i: int) -> bool:
    """"Whatever it was drew his eye": the "was" closes a clause of "whatever" ... that is
    the subject of the verb after it."""
    return i >= 3 and words[i - 3] in WH_EVER


def _regular_past_as_plain(ctx: CheckContext, tokens: list[Span], words: list[str],
                           i: int) -> Iterator[Finding]:
    """"Did he finished", "couldn't believed", "began to walked": a regular past after a
    modal, "do" or the "to" of an infinitive, where the plain form belongs. The parse must
    read it as a verb (not "do used cars sell"), and the plain form must be a word."""
    token = tokens[i]
    if token.get("tag") not in ("VB", "VBD", "VBN") or token.get("pos") != "VERB" \
            or token.get("dep") in ("amod", "acomp", "compound") or not words[i].isalpha():
        return
    auxiliary = _auxiliary(words, i)
    licensed = auxiliary in DO_FORMS or auxiliary in MODALS or _infinitive(tokens, words, i)
    if not licensed or _in_name(ctx, tokens, i - 1 - (words[i - 1] in SKIPPED_BEFORE_VERB)):
        return
    if auxiliary in DO_FORMS and not _do_is_auxiliary(tokens, words, i):
        return
    if _infinitive(tokens, words, i) and i > 1 and tokens[i - 2].get("dep") == "relcl":
        return  # "the clerks we wrote to remembered": the "to" ends a relative clause
    base = plain_form(words[i])
    # "need", "feed", "shed" end in -ed: a plain form is written after "to", a past is not
    if base is not None and base != words[i] and not bigram_count("to", words[i]) \
            and bigram_count("to", base):
        yield _finding(ctx, "confusables.verb-form", token, base,
                       f"After '{auxiliary}': '{base}'.")


def _do_is_auxiliary(tokens: list[Span], words: list[str], i: int) -> bool:
    """The "do" before the verb is its auxiliary in the parse ("did he finished"), not a verb
    of its own ("did what she asked")."""
    return any(tokens[k].get("head") == i and tokens[k].get("dep") == "aux"
               and words[k] in DO_FORMS for k in range(max(0, i - 3), i))


def _bare_infinitive_past(ctx: CheckContext, tokens: list[Span], words: list[str],
                          i: int) -> Iterator[Finding]:
    """"Let him went", "made her took", "heard them sang": after a verb of letting, making or
    perceiving and its object pronoun, the plain verb; a past that is never a participle
    (went, took, sang) cannot stand there ("saw him taken" is a passive and stands)."""
    word = words[i]
    if word not in BASE_OF_PAST or PARTICIPLE.get(word) == word or word in PLAIN_TOO \
            or i < 2 or words[i - 1] not in BARE_OBJECTS \
            or tokens[i - 2].get("lemma") not in BARE_INFINITIVE_VERBS \
            or tokens[i - 2].get("pos") != "VERB" or tokens[i].get("tag") != "VBD":
        return  # "saw her rose": a possessive and a noun
    base = BASE_OF_PAST[word]
    yield _finding(ctx, "confusables.verb-form", tokens[i], base,
                   f"After '{words[i - 2]} {words[i - 1]}' the plain verb: '{base}'.")


def _in_name(ctx: CheckContext, tokens: list[Span], at: int) -> bool:
    """The auxiliary at ``at`` is a capitalised word inside a sentence: a name's ("Captain Might
    did"), not a modal."""
    if at <= 0 or at >= len(tokens):
        return False
    token = tokens[at]
    return ctx.text[token.start].isupper() and tokens[at - 1].get("sent") == token.get("sent") \
        and ctx.text[tokens[at - 1].start : tokens[at - 1].end][:1].isupper()


def _gerund_noun(tokens: list[Span], at: int) -> bool:
    """An -ing form used as a noun: an object or subject, or joined to a word that is no verb
    ("heights or falling of this kind"); its "of" is a noun's."""
    token = tokens[at]
    if token.get("tag") != "VBG":
        return False
    if token.get("dep") in ("pobj", "dobj", "nsubj", "nsubjpass"):
        return True
    head = token.get("head", at)
    return token.get("dep") == "conj" and 0 <= head < len(tokens) \
        and not (tokens[head].get("tag") or "").startswith("VB")


def _infinitive(tokens: list[Span], words: list[str], i: int) -> bool:
    """The word follows the "to" of an infinitive (to went): the parse's marker of it, not
    the "to" of a range ("from blurred to posed")."""
    return i > 0 and words[i - 1] == "to" and tokens[i - 1].get("tag") == "TO" \
        and tokens[i - 1].get("head") == i and "from" not in words[max(0, i - 5) : i - 1]


def _subject_pairs(ctx: CheckContext, tokens: list[Span], words: list[str]) -> Iterator[Finding]:
    """"Me and Tobin went", "Tobin and him were": a pronoun in the object form in a pair that
    the parse makes a verb's subject, in narration (in speech it is how people talk)."""
    for i, token in enumerate(tokens):
        if words[i] not in SUBJECT_FORMS or token.get("tag") != "PRP":
            continue
        first = i if token.get("dep") in ("nsubj", "nsubjpass") else token.get("head", i)
        if first == i:
            pair = [k for k in range(i + 1, min(i + 4, len(tokens)))
                    if tokens[k].get("head") == i and tokens[k].get("dep") == "conj"]
        else:
            pair = [i] if token.get("dep") == "conj" and 0 <= first < i \
                and tokens[first].get("dep") in ("nsubj", "nsubjpass") else []
        if not pair or not _plain_pair(tokens, words, min(first, i), max(pair[-1], i)):
            continue
        if not ctx.in_narration(tokens[min(first, i)].start, tokens[max(pair[-1], i)].end) \
                or _in_quotation_marks(ctx, token.start):
            continue
        right = SUBJECT_FORMS[words[i]]
        written = ctx.text[token.start : token.end]
        fixed = right if right == "I" or not written[:1].isupper() else right.capitalize()
        yield Finding("confusables.subject-pronoun", CATEGORY, "error", token.start, token.end,
                      f"The pair is the subject: '{fixed}'.", fixed, False)


def _plain_pair(tokens: list[Span], words: list[str], start: int, end: int) -> bool:
    """``start..end`` is "X and Y" of names and pronouns only, a verb right after it."""
    if end - start != 2 or words[start + 1] != "and":
        return False
    if any(tokens[k].get("tag") not in ("NNP", "PRP") for k in (start, end)):
        return False
    after = tokens[end + 1] if end + 1 < len(tokens) else None
    if after is None or not (after.get("tag") or "").startswith(("VB", "MD")):
        return False
    before = tokens[start - 1] if start else None
    # the pair opens its clause: not a verb's object ("let me and Tobin go")
    return before is None or before.get("sent") != tokens[start].get("sent") \
        or before.get("pos") not in ("VERB", "AUX", "ADP", "PART")


def _in_quotation_marks(ctx: CheckContext, pos: int) -> bool:
    paragraph = ctx.paragraph_at(pos)
    if paragraph is None:
        return False
    before = ctx.text[paragraph.start : pos]
    return before.count('"') % 2 == 1 or before.rfind("“") > before.rfind("”")


def _modal_before(words: list[str], i: int) -> str | None:
    """The modal before "of" at ``i``, with one adverb between at most ("would never of")."""
    if words[i - 1] in MODALS:
        return words[i - 1]
    if i > 1 and words[i - 1] in MODAL_ADVERBS and words[i - 2] in MODALS:
        return words[i - 2]
    return None


def _verb_next(tokens: list[Span], i: int) -> bool:
    if i + 2 < len(tokens) and tokens[i + 1].get("tag") == "RB":
        i += 1  # "could of just asked"
    return i + 1 < len(tokens) and tokens[i + 1].get("tag") in ("VBN", "VBD", "VB")


def _bare_participle(tokens: list[Span], words: list[str], i: int) -> bool:
    """A verb heading its clause (or joined to one) with no auxiliary of its own, and none
    just before it ("had just begun", "was sunk", "having sung"), nor an agent after it."""
    dep = tokens[i].get("dep")
    if tokens[i].get("pos") != "VERB" or dep not in ("ROOT", "conj", *SUBJECT_CLAUSES):
        return False
    if dep in SUBJECT_CLAUSES and not any(t.get("head") == i and t.get("dep") == "nsubj"
                                          for t in tokens[max(0, i - 6) : i]):
        return False  # "Begun in 1900, the work ...": a participle clause
    if any(t.get("head") == i and t.get("dep") in AUXILIARY_DEPS
           for t in tokens[max(0, i - 6) : i]):
        return False
    if any(t.get("head") == i and t.get("dep") == "agent" for t in tokens[i + 1 : i + 3]):
        return False  # "performed and sung by the twins": a passive with its agent
    return not any(w in HAVE | PASSIVE | MODALS | {"'d", "'s"} for w in words[max(0, i - 4) : i])


def _preposition_before(tokens: list[Span], words: list[str], i: int) -> str | None:
    """The preposition governing "X and I" at ``i`` (``words[i]`` is "i"), if any."""
    if i < 3 or words[i - 1] not in ("and", "or"):
        return None
    for j in range(i - 2, max(-1, i - 2 - PAIR_REACH), -1):
        if words[j] in PREPOSITIONS and tokens[j].get("tag") in ("IN", "TO") and j < i - 2:
            return words[j]
        if tokens[j].get("tag") not in PAIR_WORDS or words[j] in ("i", "we", "they", "he", "she"):
            return None
    return None


def _subject_form_after_preposition(tokens: list[Span], words: list[str], i: int) -> bool:
    """"Smiled at she", "came with they": a subject pronoun right after a preposition that
    the parse makes its object, with no verb after it it could be the subject of ("after he
    left" is a clause)."""
    if i == 0 or words[i - 1] not in PREPOSITIONS - CONJUNCTIONS_TOO \
            or tokens[i].get("dep") != "pobj" or tokens[i - 1].get("dep") not in ("prep", "dative"):
        return False
    j = i + 1
    while j < len(tokens) and (tokens[j].get("tag") == "RB" or words[j] in ("_", "*")):
        j += 1  # "where he went to he hardly knew", "for she _is_ a lady"
    if j + 1 < len(tokens) and words[j] in ("and", "or"):
        j += 2  # "about she and Luthor had been talking": a pair that is a clause's subject
        while j < len(tokens) and tokens[j].get("tag") in ("NNP", "NNPS", "RB"):
            j += 1
    after = tokens[j] if j < len(tokens) else None
    return after is None or after.get("tag") not in FINITE | {"VBG", "WP", "WDT"} \
        and after.get("pos") != "AUX"


def _subject_form_after_bare_verb(tokens: list[Span], words: list[str], i: int) -> bool:
    """"Made he feel", "let they go": a subject pronoun between a verb of making or letting
    and the plain verb it governs, where only the object form stands. The verb must be
    "make" or "let" (not "see" or "hear", which take a clause: "saw he was tired") and the
    next word a plain verb in form, no past or -s form ("made she said" is a garble)."""
    if i == 0 or i + 1 >= len(tokens) or tokens[i - 1].get("lemma") not in LET_MAKE \
            or tokens[i - 1].get("pos") not in ("VERB", "AUX"):
        return False
    after = tokens[i + 1]
    return after.get("tag") in ("VB", "VBP") and after.get("lemma") == words[i + 1] \
        and after.get("pos") in ("VERB", "AUX")


def _intransitive_raise(tokens: list[Span], words: list[str], i: int) -> bool:
    """"It raised from the ground": a finite "raised" with a subject of its own and no object,
    no passive auxiliary and no agent, a preposition of direction right after it."""
    token = tokens[i]
    if token.get("tag") not in ("VBD", "VBZ") or token.get("pos") != "VERB" \
            or i + 2 >= len(tokens) or words[i + 1] not in RISE_DIRECTIONS:
        return False
    deps = {t.get("dep") for k, t in enumerate(tokens[max(0, i - 8) : i + 12], max(0, i - 8))
            if t.get("head") == i and k != i}
    if not deps & {"nsubj"} or deps & {"dobj", "obj", "auxpass", "agent", "dative", "ccomp",
                                       "xcomp", "nsubjpass"}:
        return False
    return words[i + 1] != "up" or tokens[i + 2].get("tag") in ("IN", ".", ",")


def _modal_had(tokens: list[Span], words: list[str], i: int) -> bool:
    """"Might had been", "could had stopped": a modal (the parse's, not "the will had")
    before "had" and a participle, where only "have" stands."""
    at = i - 1 - (words[i - 1] in SKIPPED_BEFORE_VERB - SUBJECT_PRONOUNS and i > 1)
    if at < 0 or words[at] not in MODALS or tokens[at].get("tag") != "MD":
        return False
    if at > 0 and tokens[at - 1].get("tag") in ("DT", "PRP$", "POS", "JJ"):
        return False  # "the can had rolled": a noun the parse took for a modal
    return i + 1 < len(tokens) and tokens[i + 1].get("tag") == "VBN"


def _object_of_preposition(tokens: list[Span], words: list[str], i: int) -> bool:
    """"I" as the second of a pair after a preposition, not the subject of a verb after it
    ("with Tom and I sat down" is two clauses)."""
    if _preposition_before(tokens, words, i) is None:
        return False
    j = i + 1
    while j < len(tokens) and tokens[j].get("tag") in ("RB", "UH"):
        j += 1  # "and I just assumed", "and I uh..."
    if j > i + 1 and tokens[j - 1].get("tag") == "UH":
        return False
    after = tokens[j] if j < len(tokens) else None
    return after is None or after.get("tag") not in FINITE and words[j] not in ("'m", "am")


def _object_his(tokens: list[Span], words: list[str], i: int) -> bool:
    """"His" right after a verb, then an -ly adverb that no adjective or noun follows: no
    noun it could own ("holding his firmly"). Not after "be" ("the choice was his"), nor
    before "still bloodied palm"."""
    if not i or i + 1 >= len(tokens) or tokens[i - 1].get("pos") != "VERB":
        return False
    if tokens[i - 1].get("lemma") in COPULAS or words[i - 1] in COPULAS:
        return False
    if i + 2 >= len(tokens) or not words[i + 1].endswith("ly") or tokens[i + 1].get("tag") != "RB":
        return False  # "shared his, facing ...": a possessive standing for "his bed"
    return tokens[i + 2].get("tag") not in ("JJ", "VBN", "NN", "NNS", "VBG", "JJR")


def _count_plural_next(tokens: list[Span], words: list[str], i: int) -> bool:
    """"Less" right before a plural count noun that ends its phrase (less people came)."""
    if i + 1 >= len(tokens) or tokens[i + 1].get("tag") != "NNS":
        return False
    noun = words[i + 1]
    if noun in MASS_PLURALS or not noun.isalpha():
        return False
    if i and words[i - 1] in ("or", "no", "much", "the"):
        return False  # "more or less", "no less", "much less": a comparison of degree
    following = tokens[i + 2] if i + 2 < len(tokens) else None
    return following is None or following.get("tag") not in ("NN", "NNS", "POS")


def _their_without_noun(tokens: list[Span], i: int) -> bool:
    """"I left it over their.", "go in their now": a possessive ending its clause, right after
    a preposition or an adverb of place, is the place "there" ("theirs" would follow a verb:
    "the choice is theirs")."""
    if i == 0 or i + 1 >= len(tokens):
        return False
    before, after = tokens[i - 1], tokens[i + 1]
    return before.get("tag") in ("IN", "RB", "RP") and after.get("pos") == "PUNCT" \
        and after.start == tokens[i].end and after.get("tag") not in ("HYPH", "POS")


def _your_without_noun(tokens: list[Span], words: list[str], i: int) -> bool:
    """"your under arrest", "your not listening", "what your saying.": a possessive stands
    before its noun, never before a preposition or "not", nor before an -ing form that ends
    a clause brought in by a question word (what you're saying)."""
    if i + 2 >= len(tokens) or "-" in words[i + 1] \
            or words[i + 2] == "-" and tokens[i + 2].start == tokens[i + 1].end:
        return False  # "your over-the-top plan": a compound modifier
    nxt = tokens[i + 1]
    if words[i + 1] in ("not", "n't") or nxt.get("tag") == "IN" and words[i + 1] != "of":
        return True
    return i > 0 and tokens[i - 1].get("tag") in ("WP", "WDT", "WRB") and nxt.get("tag") == "VBG" \
        and words[i + 1] not in ("being", "having") and tokens[i + 2].get("pos") == "PUNCT"


def _opens_clause(tokens: list[Span], i: int) -> bool:
    """First word of its sentence, or right after punctuation ("Peyton, there ...")."""
    return i == 0 or tokens[i - 1].get("sent") != tokens[i].get("sent") \
        or tokens[i - 1].get("pos") == "PUNCT"


def _progressive(tokens: list[Span], words: list[str], j: int) -> bool:
    """``tokens[j:]`` read as the rest of "they're going to leave / gonna / coming tonight"."""
    if j + 2 >= len(words):
        return False
    if words[j] == "gon" and words[j + 1] == "na" or words[j] == "gonna":
        return True
    if words[j] == "going" and words[j + 1] == "to":
        # "there going to be trouble" lost an 's: there's, not they're; "their going to the
        # market" goes somewhere, as only they can
        return words[j + 2] != "be" and (tokens[j + 2].get("tag") == "VB"
                                         or tokens[j + 2].get("tag") in ("DT", "PRP$"))
    if tokens[j].get("tag") != "VBG" or words[j] in ("being", "having"):
        return False  # "There being no answer, ...": an absolute clause, not "they're being"
    rest = []
    for token in tokens[j + 1 :]:
        if token.get("pos") == "PUNCT" or token.get("sent") != tokens[j].get("sent"):
            break
        rest.append(token)
    return bool(rest) and not any(t.get("pos") in ("VERB", "AUX") for t in rest)


def _after_comparative(tokens: list[Span], words: list[str], i: int) -> bool:
    """'then' right after a comparative ("taller then", "more careful then", "rather then")
    and before what is compared: a noun phrase or a pronoun, never a verb or a pause ("grew
    taller then stopped", "it was better then, when ..." keep their 'then')."""
    if i < 1 or i + 1 >= len(tokens) or tokens[i + 1].get("sent") != tokens[i].get("sent"):
        return False
    before = tokens[i - 1]
    comparative = before.get("tag") in ("JJR", "RBR") or words[i - 1] in ("rather", "other") \
        or (i > 1 and words[i - 2] in ("more", "less") and before.get("tag") in ("JJ", "RB"))
    return comparative and tokens[i + 1].get("pos") in THAN_OBJECTS


def _auxiliary(words: list[str], i: int) -> str:
    """The auxiliary right before the verb, skipping one subject pronoun or adverb of a
    question or negation ("could she chose", "had never went")."""
    before = words[i - 1] if i else ""
    if before in SKIPPED_BEFORE_VERB and i > 1:
        before = words[i - 2]
    return before
