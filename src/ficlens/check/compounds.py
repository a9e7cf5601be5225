"""Compounds and hyphenation: closed compounds written open, compound modifiers unhyphenated.

* ``tear drops`` -> ``teardrops``: two nouns whose join is a common dictionary word that fan
  fiction writes joined in at least two uses of three, in five works or more (the usage of
  20,000 AO3 works, ``lexicon/data/compound_usage.tsv``): not ``dinner time`` or ``meal
  time``, written open as often as not; a pair it seldom joins only when the book n-grams
  (Google Books bigram counts) have the pair apart rarer than the joined word. A noun after a
  verb of perceiving or causing is left alone: its next word may be the verb's bare
  infinitive ("felt his heart break", "watching the rain fall");
* ``green eyed girl``, ``middle aged woman``, ``soft spoken`` -> hyphenated: an adjective and a
  noun-made "-ed" word (eyed, haired, aged ...) before a noun, or a manner word and "spoken";
* ``drawn out explanation``, ``crafting related``, ``2 day trip`` -> hyphenated: a particle,
  "related" or a number bound to the word before it;
* ``great aunt`` -> ``great-aunt``;
* ``twenty one`` -> ``twenty-one`` (compound numbers); ``a five year old``, ``six month old
  baby`` -> ``five-year-old``, ``six-month-old`` (the singular unit makes it a compound);
* ``my self``, ``some how``, ``with out`` -> ``myself``, ``somehow``, ``without``: the words of
  ``lexicon/data/split_words.tsv``, written open;
* ``the all too familiar noise`` -> ``all-too-familiar``: "all too" and an adjective between a
  determiner and what they describe;
* ``heart wrenching events``, ``custom made letters``, ``sky blue eyes``, ``an old fashioned
  slingshot`` -> hyphenated: a noun and a participle or adjective, or an adjective and an
  "-ed" word, before a noun, whose two halves the web also writes run together as one word
  (wordfreq knows "heartwrenching", "custommade", "skyblue"; no dictionary lists them): the
  pair is a fixed compound, not two free words, and a compound modifier takes a hyphen. The
  same after "be" closing the clause ("the box was hand carved.");
* ``a near invisible panel`` -> ``near-invisible``: "near" meaning "almost" joins the
  adjective it qualifies between a determiner and a noun (an adverb of its own would be
  "nearly");
* ``she quit the band all together`` -> ``altogether`` (entirely): "all together" (all in
  one place) needs a group to gather, so with only singular nouns and pronouns before it in
  its sentence it is the adverb ("they sang all together", "the gang all together" are left
  alone);
* ``wide eyed stare``, ``self conscious``, ``curse breaking`` -> hyphenated: a pair the fan
  fiction of the hyphenation table (training/train_check_tables.py) joins with a hyphen far more
  often than it writes apart, before a noun; or, for pairs it never saw, a word it nearly always
  uses as the first half (self-, non-) or the second half (-haired, -hearted) of a compound;
  or a pair the 20,000 AO3 works of ``compound_usage.tsv`` hyphenate in three uses of five
  before a content word, in five works or more (a zip-up hoodie, a well-worn chair);
* ``a once over``, ``a well off family``, ``a one night stand`` -> hyphenated (off unless
  selected): a lemma WordNet writes only with hyphens (lexicon/data/wordnet_compounds.tsv),
  where the words stand as it: an adjective right before its noun, a noun of a verb and its
  particle or a hyphenated modifier fixed to its noun, after a determiner; never words the
  parse makes verbs, pronouns or degree words (to do, would be, the most valuable lesson),
  two adjectives of a shade (bright red), or a particle taking its own object or going on to
  a place (the walk up to the castle).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ficlens.check.context import CheckContext
from ficlens.check.findings import Finding, Rule
from ficlens.check.tables import (
    compound_usage,
    dictionary_compounds,
    fix_for,
    hyphenated_verbs,
    hyphenation,
    wrong_forms,
)
from ficlens.check.vocab import BARE_INFINITIVE_HEADS, COMMON_NOUN_TAGS
from ficlens.check.wordstats import bigram_count, listed, unigram_count, zipf
from ficlens.document import Span

CATEGORY = "compounds"
RULES = (
    # On since the fan-fiction usage counts: judged by the book n-grams alone, about 6 in 10
    # of its findings on unlabelled fan fiction were right (tool box, supper time, "watching
    # the snow fall"); docs/check_audit/compound_usage.md gives the audit since.
    Rule("compounds.closed", CATEGORY, "warning",
         "Two words that are one word (tear drops -> teardrops, class room -> classroom)."),
    Rule("compounds.modifier", CATEGORY, "warning",
         "A compound modifier before a noun takes a hyphen (green-eyed girl, two-day trip)."),
    Rule("compounds.hyphenated", CATEGORY, "warning",
         "A pair prose joins with a hyphen (self-conscious, wide-eyed stare, long-sleeved)."),
    Rule("compounds.number", CATEGORY, "error",
         "Compound numbers and ages take hyphens (twenty-one, a five-year-old)."),
    Rule("compounds.split", CATEGORY, "error",
         "A word written as two (my self -> myself, some how -> somehow)."),
    Rule("compounds.attested", CATEGORY, "warning",
         "A compound the web also writes as one word takes a hyphen before a noun "
         "(heart-wrenching events, custom-made letters)."),
    Rule("compounds.near", CATEGORY, "warning",
         "'Near' meaning 'almost' before an adjective and its noun takes a hyphen (a "
         "near-perfect score)."),
    Rule("compounds.altogether", CATEGORY, "warning",
         "'All together' with no group to gather is 'altogether' (entirely): she quit "
         "altogether."),
    Rule("compounds.verb", CATEGORY, "error",
         "A compound verb takes its hyphen (double-check, second-guess, fine-tune)."),
    Rule("compounds.family", CATEGORY, "error",
         "Great-aunt, great-grandmother ...: 'great' of a generation takes a hyphen."),
    Rule("compounds.closed-hyphen", CATEGORY, "warning",
         "A common closed word written with a hyphen (breath-taking -> breathtaking)."),
    # Off unless selected: right in 8 of 8 findings on unlabelled fan fiction and 2 of 2 on
    # the tuning parts, but 2 of 5 on the held-apart parts (whose annotators leave some
    # hyphenation to house style), so it costs precision where nobody tuned.
    Rule("compounds.dictionary", CATEGORY, "warning",
         "A compound the dictionary hyphenates, written open (a once over -> once-over, a "
         "well known author -> well-known).", default=False),
    Rule("compounds.open", CATEGORY, "error",
         "One word where two are meant (anymore songs -> any more songs, for awhile -> for "
         "a while)."),
)
CLOSED_HYPHEN_ZIPF = 3.5  # the closed word is this common in English (wordfreq)
# Halves of a hyphenated word that keep their hyphen whatever the closed word's frequency:
# prefixes whose closed form is another word (re-cover, co-op), the archaic "to-day", "half"
# (British dictionaries give half-way, half-time), and the particles of a noun made from a
# phrasal verb (make-up, set-up: accepted spellings).
HYPHEN_FIRST = frozenset({"re", "co", "pre", "non", "un", "de", "anti", "ex", "semi", "to",
                          "mid", "multi", "post", "sub", "super", "inter", "self", "well",
                          "half"})
HYPHEN_SECOND = frozenset({"up", "out", "off", "in", "on", "down", "away", "back", "over", "by"})
HYPHENATED = re.compile(r"(?<![\w'’-])([a-z]+)-([a-z]+)(?![\w'’-])")
OPEN_SLIPS = (
    # "anymore" before a noun is the determiner "any more" (anymore songs)
    (re.compile(r"\b([Aa]nymore)( )(?=[a-z])"), "any more", ("NN", "NNS")),
    # "everyday" closing a clause is the adverb "every day" (I run there everyday.)
    (re.compile(r"\b([Ee]veryday)(?=[.,!?;])"), "every day", None),
    # "for awhile": after a preposition or "quite" "while" is a noun (for a while, after a
    # while, once in a while, quite a while)
    (re.compile(r"\b(?i:for|after|in|within|quite) (awhile)\b"), "a while", None),
    # "nevermind" is a noun of dialect (pay it no nevermind); the verb and the interjection
    # are two words (never mind what they said)
    (re.compile(r"(?<!\bno )(?<!\bany )\b([Nn]evermind)\b"), "never mind", None),
)
CLOSED_ZIPF = 2.3  # the joined word must be this common
# Fan fiction (lexicon/data/compound_usage.tsv) writes the pair as one word in at least this
# share of its uses, in at least this many works: "teardrops", "classroom"; not "dinner time"
# (open as often as not), nor "watching the rain fall" (a noun and a verb, counted open).
CLOSED_USAGE_SHARE = 2 / 3
CLOSED_USAGE_WORKS = 5
# A pair fan fiction hyphenates before a content word in this share of such uses, in so many
# works, is a compound modifier (zip-up hoodie, leather-clad men). Writers leave many open
# (well known, green eyed: about a third of their uses), so a majority is the bar.
MODIFIER_USAGE_SHARE = 0.6
MODIFIER_USAGE_WORKS = 5
# A pair run together is attested on the web (wordfreq) from this Zipf frequency on: wordfreq
# lists no word rarer than about one use in a billion (Zipf 1).
ATTESTED_ZIPF = 1.0
# (first half's tag, second half's tags) of an attested compound modifier: a noun and a
# participle or adjective (heart wrenching, custom made, sky blue), an adjective and a
# participle (old fashioned, middle aged). Two nouns are a compound noun, open as often as
# not (ice cream cones, dining room table), and an adjective and a noun a free phrase as
# often (the same time, real life).
ATTESTED_SHAPES = (("NN", ("VBG", "VBN", "JJ")), ("JJ", ("VBN",)))
# Words before "all together" that name a group it may gather: plural pronouns and nouns of
# a group (the gang all together).
GROUP_WORDS = frozenset({"we", "us", "they", "them", "you", "these", "those", "both", "gang",
                         "group", "team", "family", "crew", "class", "band", "party", "squad",
                         "everyone", "everybody", "everything", "friends"})
AGE_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute", "second"})
OPEN_PAIR_COUNT = 15 * 10**6  # ... and the two words, written apart, less common than this
OPEN_SHARE = 1.0  # ... and than the joined word itself, in the same n-gram corpus
# First words that make ordinary phrases with nearly anything ("a head", "no body", "in to").
NOT_FIRST = frozenset("""
a an the any every some no my your his her its our their this that these those all each
in on to at by for of with into from up out off over under as so too not be is was are
were may might can will would could should must do does did have has had i you he she it we
they me him us them one two ten
""".split())
# "-ed" words made from nouns: the second half of a compound adjective (blue-eyed).
NOUN_ED = re.compile(r"^(eyed|haired|aged|legged|hearted|faced|skinned|minded|tempered|"
                     r"headed|lipped|chested|shouldered|footed|handed|sized|spoken|natured|"
                     r"blooded|fingered|tongued|cheeked|boned|voiced|based|themed|shaped|"
                     r"colored|coloured|flavored|flavoured|inspired|induced|oriented|powered)$")
# Of those, the ones a dictionary also hyphenates after the verb (she was wide-eyed); "based"
# or "themed" there are verbs of their own (it was loosely based on ...).
PREDICATIVE_ED = re.compile(r"^(eyed|haired|aged|legged|hearted|faced|skinned|minded|tempered|"
                            r"headed|lipped|chested|shouldered|footed|handed|natured|blooded)$")
TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"
UNIT_WORDS = "one two three four five six seven eight nine"
TENS = TENS_WORDS.replace(" ", "|")
UNITS = UNIT_WORDS.replace(" ", "|")
COMPOUND_NUMBER = re.compile(rf"\b((?i:{TENS}))( )((?i:{UNITS}))\b(?!-)")
AGE = re.compile(rf"\b((?:\d+|(?:{TENS})(?:[- ](?:{UNITS}))?|{UNITS}|ten|eleven|twelve|"
                 rf"\w+teen|a|an))( )((?:year|month|week|day|hour) old)\b", re.IGNORECASE)
BE = frozenset({"was", "is", "am", "are", "were", "be", "been", "being", "m", "re", "s"})
SPLIT_FILE = "split_words.tsv"
FAMILY = re.compile(r"\b([Gg]reat)( )(grand\w+|aunt|uncle|nephew|niece|aunts|uncles)\b")
# Hyphenation table: a pair is joined when seen hyphenated this often and this many times as
# often as written apart; a half is bound when used so this often and this many times as often
# as alone.
PAIR_MIN, PAIR_RATIO = 2, 2.0
HALF_MIN, HALF_RATIO, HALF_PARTNERS = 5, 2.0, 4
BOUND_SECOND = frozenset({"JJ", "VBN", "VBG", "NN", "NNS"})
PARTICLES = frozenset({"out", "up", "down", "off"})
# Adverbs before a participle that are never the first half of a compound (had already headed).
NOT_HALVES = frozenset({"already", "just", "never", "ever", "always", "still", "also", "then",
                        "now", "once", "even", "yet", "so", "too", "not", "soon", "since"})
# Numbers above one that count, written out (a two day trip), and nouns that are numbers
# themselves (two hundred, three dozen).
COUNTING_WORDS = frozenset(f"{TENS_WORDS} {UNIT_WORDS} ten eleven twelve".split()) - {"one"}
# "One" counts one unit of time or a way in a modifier ("a one-night stand", "a one-way
# ticket"); before other nouns it is often a pronoun ("the one thing").
ONE_UNITS = frozenset({"minute", "hour", "day", "night", "week", "month", "year", "way", "time"})
NUMBER_NOUNS = frozenset({"hundred", "thousand", "million", "billion", "dozen", "score",
                          "percent", "times", "o'clock"})
NOMINAL_DEPS = frozenset({"pobj", "dobj", "nsubj", "nsubjpass", "attr"})
NAMED_NOUNS = ("NN", "NNS", "NNP", "NNPS")  # "a wide-eyed Wren" is as much a modifier
# Tags of a word that opens a noun phrase (a, her, Tobin's, two, quick): after one, words the
# dictionary hyphenates as a noun stand as that noun.
NOUN_PHRASE_HEADS = frozenset({"DT", "PRP$", "POS", "CD", "JJ"})
# Verbs of a clause, pronouns and degree words: words so tagged are not half of a compound (to
# do, would be, has been, deal with it, the most valuable lesson).
FREE_WORD_TAGS = frozenset({"MD", "TO", "VB", "VBD", "VBZ", "VBP", "PRP", "RBS", "JJS", "RBR",
                            "JJR"})
# How the parse attaches a noun to the -ing word it is the object of, inside a modifier.
OBJECT_FIRST_DEPS = frozenset({"npadvmod", "compound", "amod", "nmod", "dobj"})
# Adverbs that join a participle before a noun with a hyphen (a well-known author), unlike
# the -ly adverbs (a highly respected man).
ADVERB_HALVES = frozenset({"well", "ill", "better", "best", "lesser", "least",
                           "much", "so", "ever", "never", "fast", "hard", "half"})


def check(ctx: CheckContext) -> Iterator[Finding]:
    tokens = ctx.work.layer("tokens")
    text = ctx.text
    for i in range(len(tokens) - 1):
        first, second = tokens[i], tokens[i + 1]
        if second.start != first.end + 1:
            continue
        third = tokens[i + 2] if i + 2 < len(tokens) else None
        yield from _closed(text, tokens, i)
        before = tokens[i - 1] if i else None
        yield from _modifier(text, first, second, third, before)
        governs_next = third is not None and third.get("head") == i + 1 \
            and third.get("dep") == "pobj"
        if not governs_next:  # "his staff in hand": a preposition and its object
            yield from _learned(text, first, second, third, before)
        yield from _attested(text, first, second, third, before)
    yield from _all_too(ctx, tokens)
    yield from _near(ctx, tokens)
    yield from _altogether(ctx, tokens)
    yield from _parsed_modifiers(ctx, tokens)
    yield from _number_modifiers(ctx, tokens)
    yield from _compound_verbs(ctx, tokens)
    yield from _dictionary_hyphenated(text, tokens)
    yield from _numbers(text)
    yield from _split_words(text)
    yield from _closed_hyphens(text)
    yield from _open_slips(ctx)
    for match in FAMILY.finditer(text):
        yield Finding("compounds.family", CATEGORY, "error", match.start(), match.end(),
                      f"Hyphenate the generation: '{match[1]}-{match[3]}'.",
                      f"{match[1]}-{match[3]}", True)


def _numbers(text: str) -> Iterator[Finding]:
    ages = []
    for match in AGE.finditer(text):
        before = re.findall(r"[\w'’]+", text[max(0, match.start() - 12) : match.start()])
        if match.group(1).lower() in ("a", "an") or (before and before[-1].lower() in BE):
            continue  # "a year old", "I was seven year old": dialect, or the writer's call
        ages.append(match.span())
        fixed = "-".join(match.group().split())
        yield Finding("compounds.number", CATEGORY, "error", match.start(), match.end(),
                      f"Hyphenate the age: '{fixed}'.", fixed, True)
    for match in COMPOUND_NUMBER.finditer(text):
        if any(start <= match.start() < end for start, end in ages):
            continue
        fixed = f"{match[1]}-{match[3]}"
        yield Finding("compounds.number", CATEGORY, "error", match.start(), match.end(),
                      f"Hyphenate the number: '{fixed}'.", fixed, True)


def _split_words(text: str) -> Iterator[Finding]:
    pattern, closed = wrong_forms(SPLIT_FILE)
    for match in pattern.finditer(text):
        if any(word[:1].isupper() for word in match.group().split()[1:]):
            continue  # a name after the first word: "went with Drew", "For Ever Mine"
        fixed = fix_for(match, closed)
        fixed = fixed.capitalize() if match.group()[0].isupper() else fixed
        yield Finding("compounds.split", CATEGORY, "error", match.start(), match.end(),
                      f"One word: '{fixed}'.", fixed, True)


def _closed_hyphens(text: str) -> Iterator[Finding]:
    for match in HYPHENATED.finditer(text):
        a, b = match.group(1), match.group(2)
        if a in HYPHEN_FIRST or b in HYPHEN_SECOND or len(a) < 3 or len(b) < 3:
            continue
        if a in ("north", "south") and b in ("east", "west"):
            continue  # north-west: the British spelling of the compass point
        joined = a + b
        if listed(joined) and zipf(joined) >= CLOSED_HYPHEN_ZIPF:
            yield Finding("compounds.closed-hyphen", CATEGORY, "warning", match.start(),
                          match.end(), f"One word: '{joined}'.", joined, False)


def _open_slips(ctx: CheckContext) -> Iterator[Finding]:
    tokens = ctx.work.view("tokens")
    for pattern, fixed, next_tags in OPEN_SLIPS:
        for match in pattern.finditer(ctx.text):
            if next_tags is not None:
                following = tokens.first_from(match.end())
                if following >= len(tokens) or tokens[following].get("tag") not in next_tags:
                    continue
            right = fixed.capitalize() if match.group(1)[0].isupper() else fixed
            yield Finding("compounds.open", CATEGORY, "error", match.start(1), match.end(1),
                          f"Two words here: '{right}'.", right, True)


def _all_too(ctx: CheckContext, tokens: list[Span]) -> Iterator[Finding]:
    words = ctx.token_words
    for i in range(1, len(tokens) - 3):
        if words[i] != "all" or words[i + 1] != "too" or tokens[i + 2].get("tag") != "JJ":
            continue
        if tokens[i - 1].get("tag") not in ("DT", "PRP$") or \
                tokens[i + 3].get("tag") not in ("JJ", "NN", "NNS"):
            continue
        phrase = ctx.text[tokens[i].start : tokens[i + 2].end]
        fixed = "-".join(phrase.split())
        yield Finding("compounds.modifier", CATEGORY, "warning", tokens[i].start,
                      tokens[i + 2].end, f"Hyphenate the compound modifier: '{fixed}'.", fixed,
                      False)


def _near(ctx: CheckContext, tokens: list[Span]) -> Iterator[Finding]:
    """"a near invisible panel": "near", an adjective, a noun, after a determiner (not the
    preposition: "sat near empty crates" has no determiner before "near")."""
    words = ctx.token_words
    for i in range(1, len(tokens) - 2):
        if words[i] != "near" or tokens[i - 1].get("tag") not in ("DT", "PRP$"):
            continue
        adjective, noun = tokens[i + 1], tokens[i + 2]
        if adjective.get("tag") not in ("JJ", "VBN") or noun.get("tag") not in NAMED_NOUNS \
                or adjective.start != tokens[i].end + 1 or not words[i + 1].isalpha():
            continue
        written = ctx.text[tokens[i].start : adjective.end]
        fixed = "-".join(written.split())
        yield Finding("compounds.near", CATEGORY, "warning", tokens[i].start, adjective.end,
                      f"Hyphenate 'near' meaning 'almost': '{fixed}'.", fixed, False)


def _altogether(ctx: CheckContext, tokens: list[Span]) -> Iterator[Finding]:
    words = ctx.token_words
    for i in range(1, len(tokens) - 1):
        if words[i] != "all" or words[i + 1] != "together":
            continue
        sentence = tokens[i].get("sent")
        before = [k for k in range(i) if tokens[k].get("sent") == sentence]
        if any(words[k] in GROUP_WORDS or words[k] == "and"
               or tokens[k].get("tag") in ("NNS", "NNPS") for k in before):
            continue  # a group, or two people or things joined, to be all together
        if not any(tokens[k].get("tag") in NAMED_NOUNS or tokens[k].get("tag") == "PRP"
                   for k in before):
            continue  # "All together now!": nothing named before it
        fixed = "Altogether" if ctx.text[tokens[i].start].isupper() else "altogether"
        yield Finding("compounds.altogether", CATEGORY, "warning", tokens[i].start,
                      tokens[i + 1].end, f"Nothing here to gather: '{fixed}' (entirely)?",
                      fixed, False)


def _compound_verbs(ctx: CheckContext, tokens: list[Span]) -> Iterator[Finding]:
    """The verbs of ``lexicon/data/hyphenated_verbs.tsv`` written open, when the parse makes
    the second half a verb ("double checking", not "a double check")."""
    pairs = hyphenated_verbs()
    text = ctx.text
    for first, second in zip(tokens, tokens[1:], strict=False):
        if second.start != first.end + 1 or not (second.get("tag") or "").startswith("VB"):
            continue
        a, b = text[first.start : first.end], text[second.start : second.end]
        if (a.lower(), second.get("lemma", b.lower()).lower()) not in pairs:
            continue
        yield Finding("compounds.verb", CATEGORY, "error", first.start, second.end,
                      f"A compound verb: '{a}-{b}'.", f"{a}-{b}", True)


def _parsed_modifiers(ctx: CheckContext, tokens: list[Span]) -> Iterator[Finding]:
    """Compound modifiers the parse shows before their noun: a noun and the -ing word it is
    the object of ("a heart wrenching story", "a life changing moment"), and "well", "ill" ...
    with a participle ("a well known author"). The parse must make the -ing word or the
    participle a modifier (amod) of the very next word, a noun, and the first word a
    dependent of it, so "a boy eating lunch" (a clause) is left alone."""
    text = ctx.text
    for i in range(1, len(tokens) - 2):
        first, second, noun = tokens[i], tokens[i + 1], tokens[i + 2]
        if second.start != first.end + 1 or noun.start != second.end + 1:
            continue
        if second.get("dep") != "amod" or second.get("head") != i + 2 \
                or noun.get("tag") not in COMMON_NOUN_TAGS or first.get("head") != i + 1:
            continue
        a, b = text[first.start : first.end], text[second.start : second.end]
        if not (a.isalpha() and b.isalpha() and a.islower() and b.islower()) \
                or text[first.start - 1 : first.start] == "-":
            continue  # "a one-man wrecking crew": the first word ends a compound already
        object_first = (first.get("tag") == "NN" and second.get("tag") == "VBG"
                        and first.get("dep") in OBJECT_FIRST_DEPS and a not in NOT_FIRST)
        adverb_first = (a in ADVERB_HALVES and second.get("tag") in ("VBN", "JJ")
                        and b.endswith(("ed", "en", "wn", "nt")) and tokens[i - 1].get("tag")
                        in ("DT", "PRP$", "JJ", "CD")
                        and (second.get("tag") == "VBN" or not b.endswith("ent")))
        # "a much different beast": an adjective in -ent is no participle (well-meant is)
        if object_first or adverb_first:
            yield Finding("compounds.modifier", CATEGORY, "warning", first.start, second.end,
                          f"Hyphenate the compound modifier: '{a}-{b}'.", f"{a}-{b}", False)


def _number_modifiers(ctx: CheckContext, tokens: list[Span]) -> Iterator[Finding]:
    """"A two day trip", "a five minute walk": a number above one, a singular noun and the
    singular noun it describes. Two cannot count one trip, so the number and its unit are
    one modifier; "two house elves", "two police officers" (a plural head) are counted."""
    text = ctx.text
    for i in range(len(tokens) - 2):
        number, unit, head = tokens[i], tokens[i + 1], tokens[i + 2]
        a = text[number.start : number.end]
        counts = a.lower() in COUNTING_WORDS or a.lower() == "one" and i > 0 \
            and text[unit.start : unit.end] in ONE_UNITS \
            and tokens[i - 1].get("tag") in ("DT", "PRP$")
        if not counts or unit.start != number.end + 1 \
                or head.start != unit.end + 1 or text[number.start - 1 : number.start] == "-":
            continue
        b = text[unit.start : unit.end]
        if unit.get("tag") != "NN" or not (head.get("tag") == "NN" or _nominal(head)) \
                or not b.isalpha() \
                or not b.islower() or b in NUMBER_NOUNS or unit.get("head") != i + 2 \
                or text[head.end : head.end + 1] == "-":
            continue
        yield Finding("compounds.modifier", CATEGORY, "warning", number.start, unit.end,
                      f"Hyphenate the compound modifier: '{a}-{b}'.", f"{a}-{b}", False)


def _attested(text: str, first: Span, second: Span, third: Span | None,
              before: Span | None) -> Iterator[Finding]:
    a, b = text[first.start : first.end], text[second.start : second.end]
    if not (a.isalpha() and b.isalpha() and a.islower() and b.islower()) or a in NOT_FIRST \
            or a in AGE_UNITS:
        return
    second_tag = second.get("tag") if not b.endswith("ed") else "VBN"
    if not any(first.get("tag") == tag and second_tag in seconds
               for tag, seconds in ATTESTED_SHAPES):
        return
    noun_next = third is not None and third.get("tag") in NAMED_NOUNS \
        and third.start == second.end + 1
    predicative = before is not None and before.get("lemma") == "be" \
        and second.get("tag") in ("VBG", "VBN") and _closes_clause(third)
    if not (noun_next or predicative) or listed(a + b) or zipf(a + b) < ATTESTED_ZIPF:
        return
    yield Finding("compounds.attested", CATEGORY, "warning", first.start, second.end,
                  f"Hyphenate the compound modifier: '{a}-{b}'.", f"{a}-{b}", False)


def _closed(text: str, tokens: list[Span], i: int) -> Iterator[Finding]:
    first, second = tokens[i], tokens[i + 1]
    a, b = text[first.start : first.end], text[second.start : second.end]
    if not (a.isalpha() and b.isalpha() and a.islower() and b.islower()):
        return
    if a in NOT_FIRST or len(a) < 3 or len(b) < 3:
        return
    if first.get("tag") != "NN" or second.get("tag") not in ("NN", "NNS", "VBG"):
        return  # a noun compound, not an adjective and its noun or a verb and its particle
    if i and tokens[i - 1].get("tag") == "CD" and a in ONE_UNITS:
        return  # "a one night stand": the number and its unit are the modifier
    joined = a + b
    if not listed(joined) or zipf(joined) < CLOSED_ZIPF or not _written_closed(a, b):
        return
    if second.get("tag") == "NN" and _after_bare_infinitive_head(tokens, i):
        return  # "watching the rain fall", "felt his heart break": a noun and its verb
    yield Finding("compounds.closed", CATEGORY, "warning", first.start, second.end,
                  f"'{a} {b}' is one word: '{joined}'.", joined, False)


def _written_closed(a: str, b: str) -> bool:
    """Fan fiction writes the pair as one word in two uses of three or more, in five works or
    more; a pair it seldom joins is judged by the book n-grams: the pair written apart is
    rarer than the joined word."""
    usage = compound_usage().get((a, b))
    if usage is not None:
        return usage.closed >= CLOSED_USAGE_SHARE * usage.uses \
            and usage.closed_works >= CLOSED_USAGE_WORKS
    apart = bigram_count(a, b)
    return apart < OPEN_PAIR_COUNT and apart <= OPEN_SHARE * unigram_count(a + b)


def _after_bare_infinitive_head(tokens: list[Span], i: int) -> bool:
    """The noun is the object of a verb of perceiving or causing, so the word after it may
    be that verb's bare infinitive rather than the second half of a compound."""
    k = i - 1
    while k >= 0 and tokens[k].get("tag") in ("DT", "PRP$"):
        k -= 1
    return k >= 0 and tokens[k].get("pos") == "VERB" \
        and tokens[k].get("lemma", "").lower() in BARE_INFINITIVE_HEADS


def _modifier(text: str, first: Span, second: Span, third: Span | None,
              before: Span | None) -> Iterator[Finding]:
    a, b = text[first.start : first.end], text[second.start : second.end]
    if not (b.isalpha() and a.replace("-", "").isalnum()):
        return
    noun_next = third is not None and third.get("tag") in NAMED_NOUNS \
        and third.start == second.end + 1
    clause_end = third is None or third.get("pos") in ("PUNCT", "CCONJ")
    after_determiner = before is not None and before.get("tag") in ("DT", "JJ", "PRP$", ",")
    related_end = b.lower() == "related" and (third is None or text[third.start:third.end] not in
                                            ("to", "by", "with"))
    if _bound_pair(first, second, third, a, b, noun_next, clause_end, after_determiner) or (
            related_end and first.get("tag") in ("NN", "VBG") and a.islower()):
        yield Finding("compounds.modifier", CATEGORY, "warning", first.start, second.end,
                      f"Hyphenate the compound modifier: '{a}-{b}'.", f"{a}-{b}", False)


def _nominal(word: Span | None) -> bool:
    """An -ing word the parse uses as a noun ("a 25 story building": its object)."""
    return word is not None and word.get("tag") == "VBG" and word.get("dep") in NOMINAL_DEPS


def _bound_pair(first: Span, second: Span, third: Span | None, a: str, b: str,
                noun_next: bool, clause_end: bool, after_determiner: bool) -> bool:
    """Whether ``a b`` is a compound modifier written open."""
    lower = b.lower()
    if NOUN_ED.match(lower) and a.islower():
        # "she was curly haired.": the parse makes the first half an adverb there
        predicative = bool(clause_end and PREDICATIVE_ED.match(lower)
                           and first.get("tag") in ("JJ", "RB") and a not in NOT_HALVES
                           and not a.endswith("ly") and second.get("tag") in ("JJ", "VBN"))
        if first.get("dep") in ("nsubj", "nsubjpass") and second.get("tag") == "VBD":
            return False  # "the inheritor handed her the bag": a subject and its verb
        if first.get("tag") in ("JJ", "NN"):
            return noun_next or predicative or (lower == "spoken" and clause_end)
        return predicative
    if not (noun_next or (_nominal(third) and third.start == second.end + 1)):
        return False
    if first.get("tag") == "CD" and second.get("tag") == "NN" and a.isdigit():
        return after_determiner  # a 2 day trip; not "awarded 60 rescue points"
    if not noun_next:
        return False
    # a drawn out explanation: a participle and its particle between a determiner and a noun
    return first.get("tag") == "VBN" and lower in PARTICLES and after_determiner


def _learned(text: str, first: Span, second: Span, third: Span | None,
             before: Span | None) -> Iterator[Finding]:
    a, b = text[first.start : first.end], text[second.start : second.end]
    if not (a.isalpha() and b.isalpha() and a.islower() and b.islower()) or a in NOT_FIRST:
        return
    if (first.get("tag") or "").startswith("VB") and second.get("tag") in ("IN", "RP") \
            and first.get("tag") not in ("VBN", "VBG"):
        return  # "didn't run in terror": a verb and its preposition
    if before is not None and before.get("tag") in ("JJ", "JJR", "JJS", "PRP$") \
            and first.get("tag") == "NN" and second.get("tag") not in NAMED_NOUNS \
            and not (third is not None and third.get("tag") in NAMED_NOUNS):
        return  # "his old self showing through": the first half is a noun of its own
    if _hyphenated(a, b, first, second, third):
        yield Finding("compounds.hyphenated", CATEGORY, "warning", first.start, second.end,
                      f"'{a} {b}' is written '{a}-{b}'.", f"{a}-{b}", False)


def _hyphenated(a: str, b: str, first: Span, second: Span, third: Span | None) -> bool:
    noun_next = third is not None and third.get("tag") in NAMED_NOUNS \
        and third.start == second.end + 1
    if noun_next and _hyphenated_before_nouns(a, b):
        return True
    table = hyphenation()
    joined, apart = table.pairs.get((a, b), (0, 0))
    if apart > joined / PAIR_RATIO:
        return False
    if joined >= PAIR_MIN and noun_next:
        return True
    # "it was nerve wracking.": a participle compound closing its clause
    if joined >= PAIR_MIN and b.endswith(("ing", "ed")) and _closes_clause(third) \
            and first.get("tag") in ("JJ", "NN", "RB"):
        return True
    if first.get("tag") == "CD" or second.get("tag") not in BOUND_SECOND:
        return False  # "his younger self still ...": the half stands alone
    if not listed(b):
        return False  # "persona non grata": no English word after a bound first half
    return _bound(table.first.get(a)) or (
        _bound(table.second.get(b)) and first.get("tag") in ("JJ", "NN") and noun_next)


def _hyphenated_before_nouns(a: str, b: str) -> bool:
    """Fan fiction hyphenates the pair before a content word in at least three uses of five,
    in five works or more: a zip-up hoodie, a well-worn chair."""
    usage = compound_usage().get((a, b))
    if usage is None or usage.hyphenated_works < MODIFIER_USAGE_WORKS:
        return False
    before = usage.open_before_word + usage.hyphenated_before_word
    return usage.hyphenated_before_word >= max(MODIFIER_USAGE_WORKS,
                                               MODIFIER_USAGE_SHARE * before)


def _closes_clause(third: Span | None) -> bool:
    return third is None or third.get("pos") in ("PUNCT", "CCONJ")


def _bound(counts: tuple[int, int, int] | None) -> bool:
    """A word nearly always written as half of a hyphenated compound, with many different
    other halves (self-, -haired: a productive half, not one compound seen often)."""
    return counts is not None and counts[0] >= HALF_MIN and counts[0] >= HALF_RATIO * counts[1] \
        and counts[2] >= HALF_PARTNERS


def _dictionary_hyphenated(text: str, tokens: list[Span]) -> Iterator[Finding]:
    """Words written open that WordNet writes only hyphenated, where they stand as that
    compound: an adjective before its noun ("a well known author", "a wide eyed boy"), a noun
    made of a verb and its particle ("gave her a once over."), a hyphenated modifier fixed to
    its noun ("a one night stand")."""
    compounds = dictionary_compounds()
    lemmas, longest = compounds.hyphenated, compounds.longest
    for i in range(1, len(tokens) - 1):
        if text[tokens[i].start : tokens[i].end] not in compounds.firsts:
            continue
        for size in range(min(longest, len(tokens) - i), 1, -1):
            run = tokens[i : i + size]
            words = tuple(text[t.start : t.end] for t in run)
            found = lemmas.get(words) or lemmas.get((*words[:-1], run[-1].get("lemma")))
            if found is None or not _written_open(run, words):
                continue
            form, pos = found
            after = tokens[i + size] if i + size < len(tokens) else None
            if _compound_place(form, pos, tokens[i - 1], run, after) \
                    and not _governs(tokens, i + size - 1):
                right = _as_written(form, words)  # the last word as written: one-night stands
                yield Finding("compounds.dictionary", CATEGORY, "warning", run[0].start,
                              run[-1].end, f"The dictionary writes '{form}': '{right}'.",
                              right, False)
            break


def _written_open(run: list[Span], words: tuple[str, ...]) -> bool:
    """Lower-case words, each one space after the one before, none a verb of its own."""
    return all(w.isalpha() and w.islower() for w in words) \
        and not any(t.get("tag") in FREE_WORD_TAGS for t in run) \
        and all(b.start == a.end + 1 for a, b in zip(run, run[1:], strict=False))


def _as_written(form: str, words: tuple[str, ...]) -> str:
    joins = [c for c in form if c in "- "]
    return words[0] + "".join(j + w for j, w in zip(joins, words[1:], strict=True))


def _compound_place(form: str, pos: str, before: Span, run: list[Span],
                    after: Span | None) -> bool:
    """Whether the words stand where the dictionary's compound would and could not be free
    words: an adjective right before a noun (a name only after "a" or "the"), unless it is
    two adjectives (bright red: a shade, open in most house styles); a noun after a
    determiner, a number or an adjective when its last word is a particle (a once over) or
    when its hyphenated words are no plain noun phrase (a one night stand; not "the dining
    room table")."""
    tags = [t.get("tag") for t in run]
    if "a" in pos and after is not None and after.start == run[-1].end + 1 and (
            after.get("tag") in COMMON_NOUN_TAGS or after.get("tag") in NAMED_NOUNS
            and before.get("tag") == "DT"):
        return not (tags[0] == "JJ" and tags[1] == "JJ")
    if "n" not in pos or before.get("tag") not in NOUN_PHRASE_HEADS:
        return False
    hyphenated = form.split(" ")[0].split("-")
    if " " not in form:  # not "the walk up to the castle": an adverb going on to a place
        return hyphenated[-1] in HYPHEN_SECOND \
            and (after is None or after.get("tag") not in ("IN", "TO", "RP"))
    return tags[0] not in ("NN", "NNS", "JJ") and len(hyphenated) < len(run)


def _governs(tokens: list[Span], last: int) -> bool:
    """Whether the last word takes an object of its own (her head on Lily's shoulder)."""
    return any(t.get("head") == last and t.get("dep") in ("pobj", "dobj")
               for t in tokens[last + 1 : last + 5])
