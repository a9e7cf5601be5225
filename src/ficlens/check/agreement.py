"""Subject-verb agreement and a missing auxiliary, in narration.

* ``they was``, ``you is``, ``we has`` -> were, are, have;
* ``he don't`` -> doesn't; ``Tobin and Mara was`` -> were (two people joined by "and");
* ``the way he smile at her`` -> smiles (or smiled): a third-person singular subject pronoun
  with a verb's plain form;
* ``he going to the door`` -> he was (is) going: a subject pronoun with an -ing form and no
  auxiliary;
* ``the colour of the walls seem`` -> seems, ``the walls of the house was`` -> were: a noun
  with a determiner and one of-phrase as the subject, the verb agreeing with the noun of the
  of-phrase instead ("attraction"). Nouns of part, quantity and kind take the number of what
  follows "of" and are left alone ("a third of the lights were", "the kind of people who
  are"). Also in dialogue: a slip of attraction is the writer's, not a voice. So is ``one
  of the guards were`` -> was, ``each of them have`` -> has.

Only narration: dialogue is speech, and "they was" or "he don't" there is how the character
talks. The pronoun must be the parse's subject of the very next word, and nothing that makes
a plain form right may come before it (a question's auxiliary "did he know", a modal, "let",
a subjunctive "that" or "rather").
"""

from __future__ import annotations

from collections.abc import Iterator

from ficlens.check.context import CheckContext
from ficlens.check.findings import Finding, Rule
from ficlens.check.vocab import BARE_INFINITIVE_HEADS, COMMON_NOUN_TAGS, SUBJECT_DEPS
from ficlens.check.wordstats import irregular_pasts
from ficlens.document import Span

RULES = (
    Rule("agreement.subject-verb", "agreement", "error",
         "The verb does not agree with its subject (they was, he don't, he smile)."),
    # Off unless selected: on the new tuning part 3 findings, 1 on a marked error.
    Rule("agreement.noun-subject", "agreement", "error",
         "A singular noun subject with a plural verb (the sound of the bells were -> was).",
         default=False),
    Rule("agreement.of-phrase", "agreement", "error",
         "The verb agrees with the noun before 'of', not the one after it (the colour of the "
         "walls seems; one of the guards was)."),
    # Off unless selected: 4 findings on the marked works, none on a marked error.
    Rule("words.missing-auxiliary", "words", "error",
         "An -ing verb with a subject pronoun and no 'was' or 'is' (he going).", default=False),
)
# The parse splits a negation off ("don't" -> "do" "n't"): the first piece is what agrees.
PLURAL_FIXES = {"was": "were", "wasn't": "weren't", "is": "are", "isn't": "aren't",
                "has": "have", "hasn't": "haven't", "does": "do", "doesn't": "don't"}
SINGULAR_FIXES = {"do": "does", "don't": "doesn't"}
PLURAL_SUBJECTS = frozenset({"they", "we", "you"})
SINGULAR_SUBJECTS = frozenset({"he", "she"})
# Before the pronoun, these make the verb form right: an auxiliary or modal of a question
# ("did he know", "was she looking"), a subjunctive ("insisted that he go", "insisted she
# go", "would rather she stay"); after "let" and "make" the pronoun is the slip ("made he
# feel": confusables.object-pronoun flags it).
LICENSING = frozenset("""
do does did don't doesn't didn't can could will would shall should may might must can't
couldn't won't wouldn't shouldn't mustn't 'd let lets letting make makes made making
that lest rather sooner if whether
am is are was were isn't aren't wasn't weren't has have had hasn't haven't hadn't
insist insists insisted demand demands demanded suggest suggests suggested request requests
requested require requires required recommend recommends recommended propose proposes
proposed urge urges urged ask asks asked order orders ordered prefer prefers preferred
""".split())
# Verbs whose past is their plain form: "he put it down" is past, not a slip.
SAME_PAST = frozenset("""
put set let cut hit hurt shut cast read quit spread bet burst cost fit split thrust upset
broadcast forecast rid shed slit spit knit wed beat bid
""".split())
NOT_MISSING = frozenset({"being", "having"})  # absolute phrases: "she being the eldest"
# An -ing form after a pronoun that follows these is an absolute phrase ("They sat on, he
# reading, she knitting"), not a missing auxiliary.
ABSOLUTE_BEFORE = frozenset({",", ";", "—", "–", "-", "and", "or", "(", "with"})
PLAIN = ("VB", "VBP")
NOUN_SUBJECT_REACH = 8
AUXILIARIES = frozenset({"aux", "auxpass"})  # how many words back the subject of a verb may start
PLURAL_AUXILIARIES = {"are": "is", "aren't": "isn't", "have": "has", "haven't": "hasn't",
                      "do": "does", "don't": "doesn't"}
# Nouns of quantity or group that take a plural verb in good prose (a lot of them are, the
# rest have, the couple were, the family are).
GROUP_NOUNS = frozenset("""
lot rest majority number couple bunch group family team crew staff police people pair plenty
half none percent kind sort type variety series total number remainder minority set host
handful dozen score range class audience committee government council public jury army
band gang pack flock herd crowd troop swarm horde mob tribe cluster pile stack batch
anyone anybody someone somebody everyone everybody nobody noone
thou thee ye wilt shalt dost art
""".split())  # the last line: old second-person forms the parse takes for nouns
QUANTIFIERS = frozenset({"all", "some", "most", "both", "many", "few", "several", "any",
                         "each", "every", "no", "plenty"})
# Plurals in form that name one thing and take a singular verb.
ONE_THING_PLURALS = frozenset("""
news series species means physics mathematics politics economics ethics athletics gymnastics
measles diabetes headquarters whereabouts odds thanks crossroads barracks gallows
""".split())
# Before a subject, these make "were" the unreal mood, not a plural.
UNREAL = frozenset({"if", "though", "wish", "wished", "wishes", "unless", "suppose", "whether",
                    "imagine", "imagined", "as"})
UNREAL_REACH = 3
THERE_FIXES = {"is": "are", "was": "were", "'s": "are", "isn't": "aren't",
               "wasn't": "weren't"}
PLURAL_DETERMINERS = frozenset({"several", "many", "few", "two", "three", "four", "five",
                                "these", "those", "both"})
ONE_OF_PLURAL = frozenset({"the", "only", "any", "no", "every", "this", "that", "which"})
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})  # who, which, that, where ...
# Determiners that make a noun a subject of its own ("the colour", "her voice").
OF_PHRASE_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "my",
                                   "your", "his", "her", "its", "our", "their"})
# Nouns of part, share, quantity or kind: the verb agrees with what follows "of".
PART_NOUNS = frozenset("""
third quarter fifth tenth half part portion share percent percentage fraction proportion
majority minority bulk most all some none each any kind kinds sort sorts type types variety
number lot lots plenty amount couple pair bunch handful dozen group set series sum total
top bottom rest remainder one
""".split()) | GROUP_NOUNS
NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
PLURAL_OBJECTS = frozenset({"them", "us", "you", "those", "these"})
PERSONAL_SUBJECTS = frozenset({"he", "she", "i"})


def check(ctx: CheckContext) -> Iterator[Finding]:
    tokens = ctx.work.layer("tokens")
    words = ctx.token_words
    for i in range(len(tokens) - 1):
        pronoun, verb = tokens[i], tokens[i + 1]
        if words[i] not in PLURAL_SUBJECTS | SINGULAR_SUBJECTS:
            continue
        if pronoun.get("dep") not in SUBJECT_DEPS or not _subject_of(pronoun, verb, i + 1):
            continue
        if not ctx.in_narration(pronoun.start, verb.end) or _between_marks(ctx, pronoun.start):
            continue
        before = words[i - 1] if i else ""
        if before in ("n't", "not") and i > 1:
            before = words[i - 2]  # "why didn't she believe": the parse splits "n't" off
        if before in LICENSING or before == "thank":  # "thank you was all she said"
            continue
        yield from _agreement(ctx, words, i, verb)
    yield from _noun_subjects(ctx, tokens, words)
    yield from _there_is_plural(ctx, tokens, words)
    yield from _of_phrase_subjects(tokens, words)
    yield from _one_of_subjects(tokens, words)
    yield from _paired_subjects(ctx, tokens, words)


def _there_is_plural(ctx: CheckContext, tokens: list[Span], words: list[str]) -> Iterator[Finding]:
    """"There was two men", "there's three reasons" in narration: a plural after "there is"
    with a number or a plural determiner ("there's lots of", speech, is left alone)."""
    for i in range(len(tokens) - 3):
        if words[i] != "there" or tokens[i].get("tag") != "EX" \
                or words[i + 1] not in THERE_FIXES:
            continue
        j = i + 2
        while j < len(tokens) and words[j] in ("only", "just", "still", "also", "now", "even"):
            j += 1
        if j + 1 >= len(tokens) or not (tokens[j].get("tag") == "CD" and words[j] not in (
                "one", "1") or words[j] in PLURAL_DETERMINERS):
            continue
        noun = next((k for k in range(j + 1, min(j + 4, len(tokens)))
                     if tokens[k].get("tag") in ("NN", "NNS")), None)
        if noun is None or tokens[noun].get("tag") != "NNS" or words[noun] in GROUP_NOUNS:
            continue
        verb = tokens[i + 1]
        if not ctx.in_narration(tokens[i].start, tokens[noun].end):
            continue
        fixed = THERE_FIXES[words[i + 1]]
        yield Finding("agreement.noun-subject", "agreement", "error", verb.start, verb.end,
                      f"'there {words[i + 1]} ... {words[noun]}': the subject is plural: "
                      f"'{fixed}'.", fixed, False)


def _noun_subjects(ctx: CheckContext, tokens: list[Span], words: list[str]) -> Iterator[Finding]:
    """A common noun that the parse makes the subject of a present-tense verb (or of "was")
    of the other number, often with a noun of that number between them ("the colour of
    the tiles seem", "the letters in the box was"). Left alone: coordinated subjects,
    nouns of quantity or group ("a lot of", "the rest", "the family are"), plurals that
    name one thing ("the news is"), subjunctives after "insist that", and questions. In
    dialogue only across words between subject and verb: "the boys was" may be a voice."""
    for v, verb in enumerate(tokens):
        to_singular, to_plural = _singular_verb(words[v], verb), _plural_verb(words[v], verb)
        if to_singular is None and to_plural is None:
            continue
        governor = verb.get("head") if verb.get("dep") in ("aux", "auxpass") else v
        subject = next((s for s in range(max(0, v - NOUN_SUBJECT_REACH), v)
                        if tokens[s].get("head") == governor
                        and tokens[s].get("dep") in SUBJECT_DEPS), None)
        if subject is not None and to_singular is not None and _one_of(tokens, words, subject):
            yield Finding("agreement.noun-subject", "agreement", "error", verb.start, verb.end,
                          f"'{words[subject]} of ...' is singular: '{to_singular}'.",
                          to_singular, False)
            continue
        if subject is None or not _noun_subject(tokens, words, subject, v):
            continue
        if not ctx.text[tokens[subject].start : tokens[subject].end].islower():
            continue  # a name ("Bones is")
        tag = tokens[subject].get("tag")
        fixed = to_singular if tag == "NN" else to_plural if tag == "NNS" else None
        if fixed is None or (tag == "NNS" and words[subject] in ONE_THING_PLURALS):
            continue
        if v + 1 < len(words) and words[v + 1] in ("?", "!"):
            continue  # "What cat flap?": a noun phrase the parse read as a clause
        if v - subject == 1 and not ctx.in_narration(verb.start, verb.end):
            continue
        if _bare_infinitive(tokens, v):
            continue
        written = ctx.text[verb.start : verb.end]
        number = "singular" if tag == "NN" else "plural"
        yield Finding("agreement.noun-subject", "agreement", "error", verb.start, verb.end,
                      f"'{words[subject]} ... {written}': the subject is {number}: '{fixed}'.",
                      fixed, False)


def _singular_verb(word: str, verb: Span) -> str | None:
    """The third-person singular of a present plural verb (seem -> seems, have -> has)."""
    if word in ("were", "weren't") and verb.get("tag") == "VBD":
        return "was" if word == "were" else "wasn't"
    if verb.get("tag") != "VBP":
        return None  # "should have", "doesn't have": the plain form a modal or "do" needs
    if word in PLURAL_AUXILIARIES:
        return PLURAL_AUXILIARIES[word]
    if verb.get("pos") == "VERB" and word.isalpha() \
            and word not in irregular_pasts() and word not in SAME_PAST:
        return third_person(word)
    return None


def _plural_verb(word: str, verb: Span) -> str | None:
    """The plural of a singular verb (was -> were, seems -> seem)."""
    if word in PLURAL_FIXES and verb.get("tag") in ("VBZ", "VBD"):
        return PLURAL_FIXES[word]
    lemma = verb.get("lemma", "")
    if verb.get("tag") == "VBZ" and verb.get("pos") == "VERB" and word.isalpha() \
            and lemma.isalpha() and word != lemma:
        return lemma
    return None


def _one_of(tokens: list[Span], words: list[str], s: int) -> bool:
    """"Each of the boys", "one of them": a singular pronoun with an of-phrase after it."""
    return words[s] in ("each", "one") and s + 1 < len(tokens) and words[s + 1] == "of" \
        and tokens[s + 1].get("head") == s and (s == 0 or words[s - 1] not in ONE_OF_PLURAL)


def _bare_infinitive(tokens: list[Span], v: int) -> bool:
    head = tokens[v].get("head", v)
    return tokens[v].get("dep") in ("ccomp", "xcomp") and 0 <= head < len(tokens) \
        and tokens[head].get("lemma", "") in BARE_INFINITIVE_HEADS


def _noun_subject(tokens: list[Span], words: list[str], s: int, v: int) -> bool:
    """A common noun heading a subject of its own: not one of a pair, a quantity or a group."""
    if not words[s].isalpha() or words[s] in GROUP_NOUNS:
        return False
    if any(t.get("tag") == "CC" or t.get("pos") == "PUNCT" or t.get("tag") in WH_TAGS
           for t in tokens[s + 1 : v]):
        return False  # "the house and the barn are", "the man, his sons, ..."
    if any(t.get("dep") in SUBJECT_DEPS for t in tokens[s + 1 : v]):
        return False  # "a lawyer like you are": the verb has a subject of its own
    if v - s > 1 and tokens[s + 1].get("tag") not in ("IN", "RB"):
        return False  # "the pages his therapist has read": another clause's subject between
    if any(t.get("head") == s and t.get("tag") == "CD" for t in tokens[max(0, s - 3) : s]):
        return False  # "ten hours was long enough": an amount
    if any(t.get("head") == s and t.get("dep") in ("conj", "cc") for t in tokens[s + 1 : v + 4]):
        return False
    start = s
    while start > 0 and tokens[start - 1].get("head") == s:
        start -= 1
    before = words[start - 1] if start else ""
    if before == "that" and start > 1:
        before = words[start - 2]  # "insisted that the boy stay", not "knew that the box"
    if before in LICENSING or before in QUANTIFIERS or words[start] in QUANTIFIERS:
        return False
    if any(w in UNREAL for w in words[max(0, start - UNREAL_REACH) : start]):
        return False  # "as if the house were empty", "she wished the day were over"
    if before in (",", "and", "-", "—", "–", "with") and tokens[start].get("tag") == "PRP$":
        return False  # "she said, her voice low": an absolute phrase, no verb in it
    return tokens[start].get("sent") == tokens[v].get("sent")


def _subject_of(pronoun: Span, verb: Span, index: int) -> bool:
    """The pronoun is the subject of the next word, or of the verb that word is an
    auxiliary of ("he do n't care")."""
    head = pronoun.get("head")
    return head == index or (verb.get("dep") in ("aux", "auxpass") and head == verb.get("head"))


def _between_marks(ctx: CheckContext, pos: int) -> bool:
    """Inside quotation marks of its paragraph, whether or not the quotes stage took it as
    speech (a quotation it missed is still someone's words)."""
    paragraph = ctx.paragraph_at(pos)
    if paragraph is None:
        return False
    before = ctx.text[paragraph.start : pos]
    straight = before.count('"') % 2 == 1
    return straight or before.rfind("“") > before.rfind("”")


def _agreement(ctx: CheckContext, words: list[str], i: int, verb: Span) -> Iterator[Finding]:
    subject, word = words[i], words[i + 1]
    written = ctx.text[verb.start : verb.end]
    if subject in PLURAL_SUBJECTS and word in PLURAL_FIXES:
        yield _finding(verb, written, PLURAL_FIXES[word], f"'{subject} {word}'")
    elif subject in SINGULAR_SUBJECTS and word in SINGULAR_FIXES:
        yield _finding(verb, written, SINGULAR_FIXES[word], f"'{subject} {word}'")
    elif subject in SINGULAR_SUBJECTS and verb.get("tag") in PLAIN and verb.get("pos") == "VERB" \
            and written.isalpha() and written.islower() and word not in SAME_PAST \
            and word not in irregular_pasts():  # "he spat": a past the parse took as plain
        yield Finding("agreement.subject-verb", "agreement", "error", verb.start, verb.end,
                      f"'{subject} {word}': '{third_person(word)}' (or the past tense)?",
                      None, False)
    elif verb.get("tag") == "VBG" and word not in NOT_MISSING and written.islower() \
            and (words[i - 1] if i else "") not in ABSOLUTE_BEFORE:
        yield Finding("words.missing-auxiliary", "words", "error", verb.start, verb.end,
                      f"'{subject} {word}': a word is missing ('was {word}', 'is {word}').",
                      None, False)


def _of_phrase_subjects(tokens: list[Span], words: list[str]) -> Iterator[Finding]:
    for s in range(1, len(tokens) - 3):
        subject = tokens[s]
        tag = subject.get("tag")
        if subject.get("dep") not in SUBJECT_DEPS or words[s + 1] != "of" \
                or tag not in COMMON_NOUN_TAGS \
                or words[_noun_phrase_start(tokens, s) - 1] not in OF_PHRASE_DETERMINERS:
            continue
        if words[s] in PART_NOUNS or words[s] in ONE_THING_PLURALS or not words[s].isalpha():
            continue
        verb = _agreeing_word(tokens, s, subject.get("head", -1))
        if verb is None or not _one_of_phrase(tokens, s, verb):
            continue
        nouns = [t.get("tag") for t in tokens[s + 2 : verb] if t.get("tag") in NOUN_TAGS]
        fixed = _attracted_fix(words[verb], tokens[verb], tag, nouns[-1]) if nouns else None
        if fixed is None or _bare_infinitive(tokens, verb):
            continue
        number = "singular" if tag == "NN" else "plural"
        yield Finding("agreement.of-phrase", "agreement", "error", tokens[verb].start,
                      tokens[verb].end, f"The subject is '{words[s]}', {number}: '{fixed}'.",
                      fixed, False)


def _paired_subjects(ctx: CheckContext, tokens: list[Span], words: list[str]
                     ) -> Iterator[Finding]:
    """"Tobin and Mara was late", "she and Ilyas has gone": two people joined by "and" as
    the subject take a plural verb. Only names and personal pronouns, in narration, the verb
    right after the pair."""
    for s in range(len(tokens) - 3):
        if tokens[s].get("dep") not in SUBJECT_DEPS or words[s + 1] != "and" \
                or tokens[s + 2].get("dep") != "conj" or tokens[s + 2].get("head") != s:
            continue
        if words[s] == "i" or words[s] == words[s + 2] \
                or not all(tokens[k].get("tag") == "NNP" or words[k] in PERSONAL_SUBJECTS
                           for k in (s, s + 2)) \
                or not any(_person(ctx, tokens, words, k) for k in (s, s + 2)):
            continue  # "Hollis and Hollis was a busy firm", "Rock and Roll is": no pair of people
        if s and (words[s - 1] in ("both", "between", "neither", "either")
                  or tokens[s - 1].get("pos") in ("ADP", "VERB", "AUX")):
            continue
        v = s + 3
        fixed = PLURAL_FIXES.get(words[v]) if tokens[v].get("tag") in ("VBZ", "VBD") else None
        if fixed is None or not ctx.in_narration(tokens[s].start, tokens[v].end) \
                or _between_marks(ctx, tokens[s].start):
            continue
        written = ctx.text[tokens[v].start : tokens[v].end]
        yield _finding(tokens[v], written, fixed, f"'{words[s]} and {words[s + 2]}' are two")


def _person(ctx: CheckContext, tokens: list[Span], words: list[str], k: int) -> bool:
    """A personal pronoun, or a name the story's characters or the named people hold
    ("Rock and Roll is" joins no people)."""
    if words[k] in PERSONAL_SUBJECTS:
        return True
    return tokens[k].get("tag") == "NNP" and (
        ctx.character_at(tokens[k].start) is not None
        or any(e.get("label") == "PERSON" for e in ctx.work.view("entities").between(
            tokens[k].start, tokens[k].end)))


def _one_of_subjects(tokens: list[Span], words: list[str]) -> Iterator[Finding]:
    """"One of the guards were", "each of them have": the subject is the one, not the many
    after "of"."""
    for s in range(len(tokens) - 3):
        if words[s] not in ("one", "each") or tokens[s].get("dep") not in SUBJECT_DEPS \
                or not _one_of(tokens, words, s):
            continue
        verb = _agreeing_word(tokens, s, tokens[s].get("head", -1))
        if verb is None or not _one_of_phrase(tokens, s, verb):
            continue
        objects = [k for k in range(s + 2, verb) if tokens[k].get("dep") == "pobj"]
        if len(objects) != 1 or not (tokens[objects[0]].get("tag") == "NNS"
                                     or words[objects[0]] in PLURAL_OBJECTS):
            continue
        fixed = _singular_verb(words[verb], tokens[verb])
        if fixed is None or _bare_infinitive(tokens, verb):
            continue
        yield Finding("agreement.of-phrase", "agreement", "error", tokens[verb].start,
                      tokens[verb].end, f"The subject is '{words[s]}', singular: '{fixed}'.",
                      fixed, False)


def _noun_phrase_start(tokens: list[Span], s: int) -> int:
    """Where the noun at ``s`` starts with its adjectives ("an outside perspective")."""
    start = s
    while start > 1 and tokens[start - 1].get("head") == s \
            and tokens[start - 1].get("dep") in ("amod", "compound"):
        start -= 1
    return start


def _agreeing_word(tokens: list[Span], s: int, head: int) -> int | None:
    """The word that agrees with the subject at ``s``: the first auxiliary of its verb
    ``head``, or the verb itself; None unless it comes after the subject's of-phrase."""
    if not s + 2 < head < len(tokens) or head - s > NOUN_SUBJECT_REACH:
        return None
    auxiliaries = [k for k in range(s + 3, head)
                   if tokens[k].get("head") == head and tokens[k].get("dep") in AUXILIARIES]
    return auxiliaries[0] if auxiliaries else head


def _one_of_phrase(tokens: list[Span], s: int, verb: int) -> bool:
    """Between subject and verb only the of-phrase: no verb, clause, comma or second
    preposition ("the box of letters that he kept was"); an "and" only inside the phrase
    ("the smell of bread and coffee"), not joining a second subject."""
    for k in range(s + 2, verb):
        token = tokens[k]
        if token.get("pos") in ("PUNCT", "VERB", "AUX") or token.get("tag") in WH_TAGS \
                or token.get("tag") == "IN":
            return False
        if token.get("dep") in ("conj", "cc") and not s + 2 <= token.get("head", -1) < verb:
            return False
    return True


def _attracted_fix(word: str, verb: Span, subject_tag: str, noun_tag: str) -> str | None:
    """The verb form that agrees with the subject, when the written one agrees with the
    of-phrase's last noun instead."""
    if subject_tag == "NN" and noun_tag in ("NNS", "NNPS"):
        return _singular_verb(word, verb)
    if subject_tag == "NNS" and noun_tag in ("NN", "NNP"):
        return _plural_verb(word, verb)
    return None


def _finding(verb: Span, written: str, fixed: str, what: str) -> Finding:
    if written[:1].isupper():
        fixed = fixed.capitalize()
    return Finding("agreement.subject-verb", "agreement", "error", verb.start, verb.end,
                   f"{what}: '{fixed}'.", fixed, False)


def third_person(verb: str) -> str:
    """The third-person singular present of a plain verb form (smile -> smiles)."""
    irregular = {"have": "has", "do": "does", "go": "goes", "be": "is"}
    if verb in irregular:
        return irregular[verb]
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and len(verb) > 1 and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"
