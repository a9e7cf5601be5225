"""Doubled and dropped letters of small words.

* ``the the``, ``to to``: a word typed twice (across a line break too); a noun after its
  determiner in narration too (``his face face``);
* ``neither of the wanted to``, ``all of the could see``: "them" lost its m: a quantifier,
  "of the", then a verb (not a participle used as an adjective: "one of the wanted men");
* ``a apple``, ``an book`` -> ``an apple``, ``a book``: the article before a lower-case word
  by its first sound (spelled: "a unicorn", "an hour" and their kind are left alone);
* ``the a``, ``a the``: two articles in a row, one left over from an edit; ``your the best``
  -> ``you're the best``;
* ``the were going`` -> ``they were going``: "the" before a verb that only a subject takes;
* ``I'm going be late`` -> ``going to be``: a verb that takes "to" before a plain verb;
* ``it will dangerous`` -> ``will be dangerous``: a modal before an adjective that is no verb;
* ``it's not you, it us``: "it" opening a clause with only an object pronoun after
  it has lost its verb ("it's us");
* ``fixated one the map`` -> ``on``, ``away form the door`` -> ``from``: a real word one
  letter off a preposition, after a word the n-gram corpus pairs with the preposition and
  never with the written word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ficlens.check.context import CheckContext
from ficlens.check.findings import Finding, Rule
from ficlens.check.vocab import SUBJECT_DEPS, SUBJECT_PRONOUNS
from ficlens.check.wordstats import bigram_count, listed, unigram_count, zipf
from ficlens.document import Span

# "what're doing": the contraction of "are" runs straight into its -ing verb, so the subject
# ("you") is missing; "what are going to be the odds" (a plural "what") keeps "are" whole.
MISSING_SUBJECT = re.compile(r"\b((?i:what|where|how|why)['’]re) ([a-z]+ing)\b")
CATEGORY = "words"
RULES = (
    Rule("words.doubled", CATEGORY, "error", "A common word typed twice in a row (the the)."),
    Rule("words.stray-be", CATEGORY, "error",
         "'be' right before a verb's plain form is a stray word (to be think -> to think)."),
    Rule("words.of-them", CATEGORY, "error",
         "'Neither of the wanted to': a verb after 'of the' needs 'of them'."),
    Rule("words.article", CATEGORY, "error",
         "'A' before a vowel sound, 'an' before a consonant sound (an apple, a book)."),
    Rule("words.two-determiners", CATEGORY, "error",
         "Two articles in a row, one left over from an edit (the a house); 'your the' -> "
         "'you're the'."),
    Rule("words.the-they", CATEGORY, "error",
         "'The were', 'the didn't': 'they' lost its y before a verb."),
    Rule("words.missing-to", CATEGORY, "error",
         "'Going be', 'want go': 'to' is missing before the plain verb."),
    Rule("words.missing-is", CATEGORY, "error",
         "'It us': a clause of 'it' and an object pronoun lacks its ''s' (it's us)."),
    Rule("words.missing-subject", CATEGORY, "error",
         "'What're doing?': the subject between 're and its -ing verb is missing (what're you)."),
    Rule("words.missing-be", CATEGORY, "error",
         "'It will dangerous': a modal and an adjective with no 'be' between (will be)."),
    Rule("words.missing-modal", CATEGORY, "error",
         "'I think it be best': a subject and 'be' with no modal between (it'd be, it'll be)."),
    Rule("words.letter-slip", CATEGORY, "error",
         "A small word one letter off after a word that takes the other (fixated one the map "
         "-> on; away form the door -> from)."),
)
# Real words one letter from a preposition ("one" -> "on", "form" -> "from"). The slip is
# read where the word before never comes before the written word in the n-gram corpus but
# takes the preposition often (its pair with it is many times the word's own count there:
# "fixated on", "away from", not "picked on"), and a determiner or pronoun follows.
LETTER_SLIPS = {"one": "on", "form": "from"}
SLIP_MIN_SHARE = 3.0
SLIP_FOLLOWERS = frozenset({"the", "a", "an", "his", "her", "my", "your", "their", "our", "its",
                            "this", "that", "these", "those", "him", "them", "me", "us",
                            "it", "each", "every", "some"})
# Verbs that take "to" before a plain verb, never the plain verb itself ("help do", "let go",
# "if need be" do; "need" alone is left out for that).
TAKES_TO = frozenset({"going", "want", "wants", "wanted", "trying", "tried", "used", "ought",
                      "supposed", "able"})
PLAIN_AFTER_TO = frozenset({"be", "go", "get", "do", "make", "see", "take", "tell", "say",
                            "find", "kill", "leave", "talk", "eat", "have", "come", "know"})
# After "of" it is "them" that lost its m ("all of the could see": words.of-them).
THE_THEY = re.compile(r"(?<!\bof )\b([Tt]he) (?=(?:were|are|weren't|weren’t|aren't|aren’t|"
                      r"didn't|didn’t|"
                      r"don't|don’t|couldn't|couldn’t|wouldn't|wouldn’t|can't|can’t|won't|won’t|"
                      r"had|would|could|should)(?![\w'’-]))")
ARTICLE = re.compile(r"(?<![\w'’-])([Aa]n?) ([a-z][a-z'’-]*)\b(?![’'])")
# Words spelt with a vowel that start with a consonant sound (a unicorn, a one-off, a eulogy)
# and spelt with h that start with a vowel sound (an hour). Of the uni- words only the /ju/
# stems (unicorn, uniform, union, unique, unison, unit, universe, unilateral): "un-" before
# "i" is a prefix (an unidentified, an unimportant, an uninvited).
CONSONANT_VOWELS = re.compile(r"^(?:uni(?:c|f|o|q|son|sex|t|v|lat)|unan|use|usu|uti|ura|ure|uri|"
                              r"uro|ubiq|uk|eu|ew|one|once|oui|u$)")
SILENT_H = re.compile(r"^(?:hour|honest|honou?r|heir|herb)")
# "Un-" words of the /ju/ kind are listed above; other u-words start with a vowel sound.
ARTICLES = frozenset({"a", "an", "the"})
DETERMINERS = frozenset({"a", "an", "the", "my", "our", "their"})
YOURE = frozenset({"your", "their"})
# A clause opening (a sentence, a quotation, a comma), "it", an object pronoun, and the
# clause's end: the verb "is" was dropped ("That you?" is a question of its own).
MISSING_IS = re.compile(r"(?:^|(?<=[.!?…,;\"“])\s*)((?i:it))\s+(us|me|him|them)"
                        r"(?=\s*[.,!…\"”])", re.MULTILINE)
QUANTIFIERS = frozenset({"neither", "either", "none", "all", "both", "some", "most", "each",
                         "one", "any", "many", "few", "several", "two", "three"})
BE_SUBJECTS = frozenset({"i", "you", "he", "she", "it", "we", "they", "that", "there"})
# Before "it be", these make "be" right: a modal, "let", "to", a subjunctive or concessive
# opening ("whether it be", "so be it", "though it be", "insist that he be"), "do", a verb
# taking a bare infinitive ("to see you be able"), the mark closing an emphasised modal
# ("*Can* they be").
BE_LICENSING = frozenset("""
can could will would shall should may might must 'd 'll let to that lest if whether though
although so do does did don't doesn't didn't can't couldn't won't wouldn't shouldn't mustn't
cannot n't not how why what where when never ever insist insists insisted demand demanded suggest
see saw seen watch watched hear heard make made help helped feel felt * _
suggested ask asked request requested require required
""".split())
OBJECT_DEPS = frozenset({"dobj", "dative", "obj", "iobj"})
# Verbs whose object takes a plain "be" in any of their forms ("to have it be", "letting it
# be", "watching it be"): lemmas, so every form of them licenses "be".
BARE_BE_VERBS = frozenset({"have", "let", "make", "see", "watch", "hear", "help", "feel"})
BE_COMPLEMENTS = frozenset({"JJ", "JJR", "JJS", "DT", "RB", "RBR", "VBN", "IN", "PRP$", "NN"})
VERB_TAGS = frozenset({"VBD", "VBN", "VBZ", "VBP", "MD"})
# Tags of words that open a clause, never a noun phrase an article could lead.
CLAUSE_TAGS = frozenset({"PRP", "VB", "VBD", "VBZ", "VBP", "MD"})
# after the verb: "to", a plain verb, an object or an adverb, never the noun it would modify
VERB_FOLLOWERS = frozenset({"TO", "VB", "DT", "PRP", "PRP$", "RB", "IN"})
# Words that are a phrasal verb's particle as well as a preposition (radioed in in a panic).
PARTICLES = frozenset({"in", "up", "down", "off", "back", "through", "around", "about", "by",
                       "along", "away"})
# An adjective that is seldom a verb: after "be" this often, and five times as often as
# after "to" ("be happy" against "to happy"; "fine", "free", "clean" are verbs as well).
ADJECTIVE_MIN_PAIR = 5_000_000
VERB_RATIO = 5
FUNCTION_WORD_ZIPF = 5.5  # the, to, of, and, a, in ...: never doubled on purpose
# The second word must end there: "tell you you're" is not "you" twice.
DOUBLED = re.compile(r"\b([A-Za-z]+)(\s+)(\1)\b(?![’'][A-Za-z])", re.IGNORECASE)
# A modal or auxiliary, one word, the same again ("would himself would").
AUXILIARY_TWICE = re.compile(r"\b(would|could|should|will|can|might|must|did|was|were)"
                             r" ([a-z]+) (\1)\b", re.IGNORECASE)
# Words English repeats on purpose: "had had", "that that", "is is" in speech ...
REPEATABLE = frozenset({"had", "that", "is", "do", "no", "yes", "bye", "very", "so", "ha",
                        "now", "go", "come", "please", "knock", "well", "oh", "really", "on",
                        "out", "yeah", "okay", "ok", "wait", "hey", "more", "far", "over",
                        "like"})  # "do you like like him"


def check(ctx: CheckContext) -> Iterator[Finding]:
    yield from _missing_modal(ctx)
    yield from _missing_be(ctx)
    yield from _doubled(ctx)
    yield from _auxiliaries_twice(ctx)
    yield from _stray_be(ctx)
    yield from _of_them(ctx)
    yield from _missing_is(ctx)
    yield from _articles(ctx)
    yield from _missing_to(ctx)
    for match in THE_THEY.finditer(ctx.text):
        yield Finding("words.the-they", CATEGORY, "error", match.start(1), match.end(1),
                      f"'{match.group(1)}' before a verb: '{match.group(1)}y'.",
                      match.group(1) + "y", True)
    yield from _two_determiners(ctx)
    yield from _letter_slips(ctx)
    for match in MISSING_SUBJECT.finditer(ctx.text):
        fixed = f"{match.group(1)} you {match.group(2)}"
        yield Finding("words.missing-subject", CATEGORY, "error", match.start(), match.end(),
                      f"A word is missing: '{fixed}'?", fixed, False)


def _auxiliaries_twice(ctx: CheckContext) -> Iterator[Finding]:
    """"Vader would himself would be there": a modal or auxiliary written again after one
    pronoun or adverb, with nothing between that could begin a clause of its own."""
    tokens = ctx.work.layer("tokens")
    for match in AUXILIARY_TWICE.finditer(ctx.text):
        middle = ctx.token_index.get(match.start(2))
        if middle is None or tokens[middle].get("tag") not in ("PRP", "RB") \
                or ctx.work.span_text(tokens[middle]).lower() in SUBJECT_PRONOUNS:
            continue  # "if you would you could", "could it could": a new clause
        yield Finding("words.doubled", CATEGORY, "error", match.start(3) - 1, match.end(3),
                      f"'{match.group(1)}' is written twice.", "", True)


def _stray_be(ctx: CheckContext) -> Iterator[Finding]:
    """"Mara stopped to be consider it": "be" cannot stand before a verb's plain form; one of
    the two is a stray word. Only a word the parse reads as a verb in its plain form counts: "be"
    before a participle, an adjective or a noun ("be done", "be careful") is left alone."""
    tokens = ctx.work.layer("tokens")
    for index in range(len(tokens) - 1):
        be, verb = tokens[index], tokens[index + 1]
        if verb.get("tag") != "VB" or verb.get("pos") != "VERB" or verb.start != be.end + 1 \
                or ctx.work.span_text(be).lower() != "be":
            continue
        word = ctx.work.span_text(verb).lower()
        if word in ("be", "have") or not word.isalpha():
            continue
        yield Finding("words.stray-be", CATEGORY, "error", be.start, verb.end,
                      f"'be {word}': one of the two words is a stray.", word, False)


def _letter_slips(ctx: CheckContext) -> Iterator[Finding]:
    tokens = ctx.work.layer("tokens")
    words = ctx.token_words
    for i in range(1, len(tokens) - 1):
        right = LETTER_SLIPS.get(words[i])
        if right is None or words[i + 1] not in SLIP_FOLLOWERS:
            continue
        before, slip = tokens[i - 1], tokens[i]
        if slip.start != before.end + 1 or not ctx.text[before.start : slip.end].islower() \
                or not words[i - 1].isalpha() or bigram_count(words[i - 1], words[i]):
            continue
        if bigram_count(words[i - 1], right) < SLIP_MIN_SHARE * unigram_count(words[i - 1]):
            continue
        yield Finding("words.letter-slip", CATEGORY, "error", slip.start, slip.end,
                      f"'{words[i - 1]} {words[i]}' -> '{words[i - 1]} {right}'.", right, False)


def _missing_modal(ctx: CheckContext) -> Iterator[Finding]:
    """A subject pronoun and "be" that nothing before it licenses (a modal, "let", "if",
    "whether", a subjunctive "that"): "would" or "will" was lost ("it be best")."""
    tokens = ctx.work.layer("tokens")
    words = ctx.token_words
    for i in range(1, len(tokens) - 2):
        if words[i] not in BE_SUBJECTS or words[i + 1] != "be" or words[i - 1] in BE_LICENSING \
                or tokens[i - 1].get("lemma") in BARE_BE_VERBS:
            continue
        if tokens[i].get("dep") not in ("nsubj", "nsubjpass", "expl") \
                or tokens[i + 2].get("tag") not in BE_COMPLEMENTS:
            continue
        pronoun = ctx.work.span_text(tokens[i])
        yield Finding("words.missing-modal", CATEGORY, "error", tokens[i].start,
                      tokens[i + 1].end, f"A word is missing: '{pronoun}'d be' or "
                      f"'{pronoun}'ll be'?", f"{pronoun}'d be", False)


def _missing_be(ctx: CheckContext) -> Iterator[Finding]:
    """A modal straight before an adjective that is seldom a verb (the n-gram corpus has it
    after "be" far more than after "to": "tired", "dangerous", not "fancy", "free", "such"),
    the modal's own word in the parse with no plain verb after it ("would sure as hell not be
    taking": an adverb): "be" was lost."""
    tokens = ctx.work.layer("tokens")
    words = ctx.token_words
    for i in range(len(tokens) - 1):
        modal, adjective = tokens[i], tokens[i + 1]
        if modal.get("tag") != "MD" or adjective.get("tag") not in ("JJ", "JJR") \
                or modal.get("head") != i + 1 or _bare_verb_after(tokens, words, i + 1) \
                or adjective.start != modal.end + 1 or not words[i + 1].isalpha() \
                or words[i] in ("'d", "'ll") or not _adjective_only(words[i + 1]) \
                or not ctx.text[adjective.start : adjective.end].islower():
            continue
        fixed = f"{ctx.text[modal.start : modal.end]} be"
        yield Finding("words.missing-be", CATEGORY, "error", modal.start, adjective.end,
                      f"A word is missing: '{fixed} {words[i + 1]}'?", f"{fixed} {words[i + 1]}",
                      False)


def _bare_verb_after(tokens: list[Span], words: list[str], j: int) -> bool:
    """A plain verb without "to" later in the clause: the modal's own verb ("would sure as
    hell not be taking")."""
    k = j + 1
    while k < len(tokens) and tokens[k].get("pos") != "PUNCT":
        if tokens[k].get("tag") == "VB" and words[k - 1] != "to":
            return True
        k += 1
    return False


def _adjective_only(word: str) -> bool:
    after_be = bigram_count("be", word)
    return after_be >= ADJECTIVE_MIN_PAIR and bigram_count("to", word) * VERB_RATIO < after_be


def _missing_to(ctx: CheckContext) -> Iterator[Finding]:
    tokens = ctx.work.layer("tokens")
    for verb, following in zip(tokens, tokens[1:], strict=False):
        if following.start != verb.end + 1 or following.get("tag") != "VB":
            continue
        first = ctx.work.span_text(verb).lower()
        second = ctx.work.span_text(following)
        if first not in TAKES_TO or second not in PLAIN_AFTER_TO:
            continue
        yield Finding("words.missing-to", CATEGORY, "error", verb.start, following.end,
                      f"'to' is missing: '{first} to {second}'.",
                      f"{ctx.work.span_text(verb)} to {second}", True)


def _articles(ctx: CheckContext) -> Iterator[Finding]:
    for match in ARTICLE.finditer(ctx.text):
        article, word = match.group(1), match.group(2)
        if len(word) < 2 or not listed(word.split("-")[0]) or ctx.in_note(match.start()):
            continue
        if _letter_a(ctx.text, match.start(1), article) or _no_noun_phrase(ctx, match.start(2)):
            continue
        vowel = word[0] in "aeiou" and not CONSONANT_VOWELS.match(word) or SILENT_H.match(word)
        right = article[0] + ("n" if vowel else "")
        if right.lower() == article.lower():
            continue
        yield Finding("words.article", CATEGORY, "error", match.start(1), match.end(1),
                      f"Write '{right} {word}'.", right, True)


def _run_of_three(ctx: CheckContext, match: re.Match) -> bool:
    """"He he he", "no no no": a word three times in a row is a laugh or an insistence."""
    word = match.group(1).lower()
    before = ctx.text[max(0, match.start() - len(word) - 2) : match.start()].lower().split()
    after = ctx.text[match.end() : match.end() + len(word) + 2].lower().split()
    return bool(before and before[-1].strip(".,!?…") == word
                or after and after[0].strip(".,!?…") == word)


def _two_roles(ctx: CheckContext, tokens: list[Span], match: re.Match) -> bool:
    """The parse gives the two words two roles: "given her her phone" (an object, then a
    possessive), or a verb's particle then a preposition ("radioed in in a panic", "faded in
    in the distance")."""
    first = ctx.token_index.get(match.start(1))
    second = ctx.token_index.get(match.start(3))
    if first is None or second is None:
        return False
    if tokens[first].get("tag") != tokens[second].get("tag"):
        return True
    if tokens[first].get("dep") in OBJECT_DEPS and tokens[second].get("dep") in SUBJECT_DEPS:
        return True  # "tells you you can": an object, then the subject of its clause
    return match.group(1).lower() in PARTICLES and first > 0 \
        and (tokens[first - 1].get("tag") or "").startswith("VB")


def _no_noun_phrase(ctx: CheckContext, start: int) -> bool:
    """The word after is one no article goes before (a pronoun, a finite verb): the "an" is
    speech's "an'" for "and" ("an put a dent in it", "An he came in")."""
    index = ctx.token_index.get(start)
    return index is not None and ctx.work.layer("tokens")[index].get("tag") in CLAUSE_TAGS


def _letter_a(text: str, start: int, word: str) -> bool:
    """A capital "A" after a word in mid-sentence is the letter (got an A, plan A), not the
    article, which is written in lower case there; so is an "A" of an initialism (U.A)."""
    before = text[max(0, start - 2) : start]
    if word == "A" and len(before) == 2 and before[1] == "." and before[0].isupper():
        return True  # an initialism: "U.A", "N.A"
    return word == "A" and len(before) == 2 and before[1] == " " and before[0].isalpha()


def _two_determiners(ctx: CheckContext) -> Iterator[Finding]:
    tokens = ctx.work.layer("tokens")
    for first, second in zip(tokens, tokens[1:], strict=False):
        a = ctx.work.span_text(first).lower()
        b = ctx.work.span_text(second).lower()
        if second.start != first.end + 1 or b not in ARTICLES:
            continue
        if _letter_a(ctx.text, second.start, ctx.work.span_text(second)):
            continue
        if a in YOURE and second.get("sent") == first.get("sent"):
            fixed = "you're" if a == "your" else "they're"
            fixed = fixed.capitalize() if ctx.work.span_text(first)[0].isupper() else fixed
            yield Finding("words.two-determiners", CATEGORY, "error", first.start, first.end,
                          f"'{a} {b}': write '{fixed} {b}'.", fixed, False)
        elif a in DETERMINERS and a != b:
            yield Finding("words.two-determiners", CATEGORY, "error", first.start, second.end,
                          f"'{a} {b}': one of the two is left over.", None, False)


def _missing_is(ctx: CheckContext) -> Iterator[Finding]:
    for match in MISSING_IS.finditer(ctx.text):
        pronoun = match.group(1)
        yield Finding("words.missing-is", CATEGORY, "error", match.start(1), match.end(2),
                      f"A verb is missing: '{pronoun}'s {match.group(2)}'.",
                      f"{pronoun}'s {match.group(2)}", False)


def _of_them(ctx: CheckContext) -> Iterator[Finding]:
    tokens = ctx.work.layer("tokens")
    words = ctx.token_words
    for i in range(2, len(tokens) - 2):
        if words[i] != "the" or words[i - 1] != "of" or words[i - 2] not in QUANTIFIERS:
            continue
        if tokens[i + 1].get("tag") in VERB_TAGS and tokens[i + 2].get("tag") in VERB_FOLLOWERS:
            verb = ctx.work.span_text(tokens[i + 1]).lower()
            yield Finding("words.of-them", CATEGORY, "error", tokens[i].start, tokens[i].end,
                          f"'of the {verb}' -> 'of them {verb}'.", "them", False)


def _noun_doubled(ctx: CheckContext, tokens: list[Span], match: re.Match) -> bool:
    """"On his face face.": a noun typed twice after its determiner, in narration; nobody
    repeats "the door door" on purpose."""
    first = ctx.token_index.get(match.start(1))
    if first is None or first == 0 or not match.group(1).islower():
        return False
    return tokens[first].get("tag") in ("NN", "NNS") \
        and tokens[first - 1].get("tag") in ("DT", "PRP$") \
        and ctx.in_narration(match.start(1), match.end(3))


def _doubled(ctx: CheckContext) -> Iterator[Finding]:
    tokens = ctx.work.layer("tokens")
    for match in DOUBLED.finditer(ctx.text):
        word = match.group(1)
        if word.lower() in REPEATABLE or "\n\n" in match.group(2) or _run_of_three(ctx, match):
            continue
        if _two_roles(ctx, tokens, match):
            continue
        if zipf(word.lower()) < FUNCTION_WORD_ZIPF and not _noun_doubled(ctx, tokens, match):
            continue  # "hint hint", "cool cool cool": content words doubled on purpose
        if match.group(1) != match.group(3) and not match.group(3).islower():
            continue  # "Will will": a name and a verb
        yield Finding("words.doubled", CATEGORY, "error", match.start(2), match.end(3),
                      f"'{word}' is written twice.", "", True)
