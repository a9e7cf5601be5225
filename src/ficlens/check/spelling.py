"""Spelling: words no dictionary knows that are one slip away from a common word.

A word is checked only when it is lower case prose: capitalised words are names or sentence
openers, and a name or coinage the story uses twice is its own vocabulary. The dictionary is
pyspellchecker's English list (inflections included) with wordfreq's frequencies as a second
opinion (:mod:`ficlens.check.wordstats`), so British spellings and common informal words
("kinda") pass. A word is flagged when it is rare and a word one edit away is far more common,
or its letters split in two make a very common pair ("alot"); the finding carries that word.
Left alone: names from the character list, words the story repeats (in any inflection: floo,
flooed), a past in -t where the dictionary has the verb's -ed ("leant", "dreamt"),
dropped-g dialect ("teasin'"), drawn-out words ("sooo") and words without a vowel
("hmhm"), words with digits or inner capitals (user names, tags), a known word or a stem the
web knows plus an ending ("oaky", "scritching"), two common words written as one (a coinage
of the story's world: "inkline"), slang the web uses widely that no list of misspellings names
("thunk"), a last letter dropped for an apostrophe ("abou'"), an accent written as one letter
swapped in several words ("vould", "vith", "vork", and "vas" for "was"), speech spelt as it
sounds (one letter replaced, in a quotation: "I haff"), a known word with a clitic of speech
("this'd"), halves of a hyphenated word written closed in the dictionary ("knick-knacks"),
drawn-out lines of song, emphasised single words (sound effects, foreign terms),
paragraphs that are not English prose (lists of user names, invented languages), and a final
"e" added to a word in a paragraph of mock-archaic English ("hast thou ... thy memorye").

A word no dictionary and not even the web knows, made of a common word and an ending that
makes nouns, is flagged when the same word with another such ending is a common word: the
writer reached for the right noun with the wrong ending ("amusion" -> "amusement",
"confusement" -> "confusion"); coinages whose stem is no common word ("quirklessness") are
left alone.

Two slips are flagged although they are common on the web (so wordfreq knows them) and a
writer may repeat them: a contraction typed without its apostrophe ("dont", "Im"), and a word
on codespell's list of common misspellings ("definately", "thats", "eachother"), unless the
story uses it as a name.

A capitalised word inside a sentence is a name, except right after a lower-case adjective
("a large golden Chian"), where a name is rare: there a non-word the story writes only once,
no first name and no plural of a story's name, with common words one edit away, is flagged,
with those words (one suggestion only when it is clearly the most common).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ficlens.check.context import CheckContext
from ficlens.check.findings import Finding, Rule
from ficlens.check.vocab import CONTRACTIONS
from ficlens.check.wordstats import (
    bigram_count,
    common_misspelling,
    dictionary,
    listed,
    spelling_variants,
    zipf,
)
from ficlens.lexicon import census_first_names, first_names

CATEGORY = "spelling"
RULES = (
    Rule("spelling.word", CATEGORY, "error",
         "A word no dictionary knows, one slip away from a common word (thier -> their)."),
    Rule("spelling.suffix", CATEGORY, "error",
         "A common word with the wrong noun-making ending (amusion -> amusement)."),
    Rule("spelling.contraction", CATEGORY, "error",
         "A contraction typed without its apostrophe (dont -> don't, Im -> I'm)."),
    Rule("spelling.common-misspelling", CATEGORY, "error",
         "A common misspelling (codespell's list), even when repeated (definately, thats)."),
    Rule("spelling.capital-slip", CATEGORY, "error",
         "A capitalised non-word after an adjective, one slip from a common word (a golden "
         "Chian -> chain)."),
    Rule("spelling.variety", CATEGORY, "warning",
         "An American spelling in a story spelt British (gray -> grey), or the reverse.",
         default=False),
)
# Token: letters with inner apostrophes or hyphens; digits and underscores glue user names.
TOKEN = re.compile(r"[\w’']+(?:-[\w’']+)*")
CLITICS = ("'s", "'re", "'ll", "'ve", "'d", "'m", "n't", "s'")
KNOWN_ZIPF = 3.0  # wordfreq frequency at which a word is common usage, listed or not
MARGIN = 2.0
# Attested but rare in wordfreq: a rare word or slang ("scritches") as often as a misspelling
# ("neice"), so the suggestion must tower higher over it.
RARE_WORD = (1.0, 2.5)
RARE_MARGIN = 2.5  # the suggestion must be this much more frequent (zipf: 100x)
MIN_SUGGESTION_ZIPF = 3.0
# A word the web has never seen, this long, may be a slip of a rarer word (solemnity).
UNSEEN_LENGTH, UNSEEN_SUGGESTION_ZIPF = 7, 2.0
SHORT_ATTESTED = 4  # letters of a short word the web knows
SPLIT_COUNT = 10**8  # two words run together are flagged only when the pair is this common
SAFE_ZIPF = 4.0  # a suggestion this common, far above any other at one edit, is a safe fix
PROSE_SHARE = 0.75  # share of known words for a paragraph to be read as English prose
MIN_PARAGRAPH_WORDS = 5  # a shorter line is prose when all its words but one are known
MIN_SHORT_LINE_WORDS = 2
MIN_PART_LENGTH = 4  # a half of a hyphenated compound is spelled when this long
PART = re.compile(r"[\w’']+")
# After a word cut off mid-speech: a dash with no letter after it, an em or en dash, dots.
STACKED = re.compile(r"((?i:[a-z]+n['’]t))ve")
CUT_OFF = re.compile(r"-+(?![\w])|[—–]|\.\.| t\b")  # ... or "mayn t": an apostrophe lost
SHORT_WORD = 3
CLEAR_SLIP_ZIPF = 4.5  # a repeated word is spelled still when it is a slip of a word this common
WORD = re.compile(r"(?<![\w'’-])[A-Za-z]+(?![\w'’-])")
VARIETY_CHANGES = (("our", "or"), ("is", "iz"), ("ys", "yz"), ("ll", "l"), ("ence", "ense"),
                   ("grey", "gray"), ("mould", "mold"))
MIN_VARIETY = 4  # uses of one variety's spellings before the other's are flagged ...
VARIETY_SHARE = 0.8  # ... and their share of the spellings of that kind
# Spellings whose British and American forms also differ in meaning, or both of which are
# British usage (licence/license as noun/verb, dialogue, axe, judgement/judgment).
DIFFERENT_SENSES = ("meter", "metre", "tire", "tyre", "program", "draft", "draught",
                    "practic", "practis", "licen", "disk", "disc", "dialog", "analog",
                    "catalog", "ax", "judg", "acknowledg", "storey", "kerb", "cheque",
                    "mum", "mom", "whisk", "annex", "gaol", "plough", "plow")
INFLECTIONS = ("s", "es", "ed", "ing")  # forms of one word for the story's vocabulary
MIN_STEM = 4  # a word an ending is added to (fir + ly is no coinage of "firly") ...
SHORT_STEM_ENDINGS = frozenset({"y", "ish", "ie"})  # ... one letter less before these (oaky)
# Shorter entries of the list are dialect, abbreviations or fandom terms (tha, ot, padd),
# unless the fix only adds or moves an apostrophe or a space (alot, did'nt) or swaps letters
# (teh).
MIN_MISSPELLING_LENGTH = 5
# Endings that make words of a listed word: a coinage ("oaky"), dialect ("coulda", "goin"),
# or a mock-archaic form ("feelst", "needeth").
DERIVING_ENDINGS = frozenset({"s", "es", "ed", "er", "y", "ey", "ie", "ies", "ish", "ly", "ness",
                              "ful", "est", "ing", "in", "ier", "iest", "a", "st", "eth", "th"})
# Endings that make nouns (and a few adjectives) of verbs and adjectives, longest first: a word
# made with the wrong one ("amusion") is the stem with another of them ("amusement").
NOUN_ENDINGS = ("ation", "ition", "tion", "sion", "ion", "ment", "ance", "ence", "ness",
                "ity", "al", "ure", "age")
MIN_ENDING_STEM = 3
ENDING_ZIPF = 3.0  # the stem and the word with the other ending are this common
# Words of mock-archaic English ("hast thou ..."): in a paragraph with one of them, a word
# spelt with an extra final "e" ("memorye", "olde") is the style, not a slip.
ARCHAIC_WORDS = frozenset({"thou", "thee", "thy", "thine", "hast", "hath", "dost", "doth",
                           "shalt", "wilt", "art", "ye", "didst", "canst", "wouldst", "shouldst"})
LETTERS = "abcdefghijklmnopqrstuvwxyz"
ACCENT_WORDS = 3  # different words one letter swap makes known, for the swap to be an accent
ACCENT_RARE = 0.5  # a listed word this rare, far rarer than its swap, is accent too (vas: was)
FIRST_LETTER_PENALTY = 1.5  # zipf taken off a suggestion that changes the first letter
DOUBLING_EASE = 0.5  # zipf given to a suggestion a doubled letter away, and margin waived
# A capitalised non-word after an adjective: the common words one slip away must be this
# common, and one of them this far ahead of the next to be the suggestion.
CAPITAL_SLIP_ZIPF = 4.0
CAPITAL_SLIP_MARGIN = 1.0
MIN_CAPITAL_SLIP = 4  # letters
# A stem the web knows, this long, with an ending: slang or a coinage ("scritch" + "ing").
ATTESTED_STEM = (1.0, 5)  # (least zipf, least length)
# Letters of the first half of two common words written as one (inkline), one more of the
# second (a three-letter second half is as often an ending: suburb + ian).
MIN_COMPOUND_PART = 3
VOWELS = frozenset("aeiouy")
# Clitics a writer may put on any word in speech ("This'd", "Kettle's"): not a misspelling.
WORD_CLITICS = ("'d", "'ll", "'s", "'re", "'ve", "'m")
LIGATURES = str.maketrans({"æ": "ae", "œ": "oe"})


@dataclass(frozen=True, slots=True)
class Suggestion:
    word: str
    safe: bool


@lru_cache(maxsize=65536)
def known(word: str) -> bool:
    """A word of the language: listed, or common in current usage."""
    return listed(word) or zipf(word) >= KNOWN_ZIPF


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    """Every lower-case word ``known`` accepts, as one set: the accent search tries a
    hundred thousand made-up strings, and asking wordfreq for each took seconds."""
    import math

    from wordfreq import get_frequency_dict

    common = {word for word, freq in get_frequency_dict("en").items()
              if freq > 0 and round(math.log10(freq) + 9, 2) >= KNOWN_ZIPF}
    return frozenset(common | set(dictionary().word_frequency.dictionary))


@lru_cache(maxsize=8192)
def suggest(word: str) -> Suggestion | None:
    """The correction of a lower-case word the dictionary does not list, if one is clear."""
    split = _split(word)
    if split:
        return split
    own = zipf(word)
    # A long word the web has never seen is a slip or a coinage; a coinage is rarely one
    # letter doubled or dropped from a dictionary word (disgracefull, squabling).
    unseen = own == 0 and len(word) >= UNSEEN_LENGTH
    if known(word) or (own >= RARE_WORD[1] and not common_misspelling(word)):
        return None  # slang the web uses widely (thunk) and no list of misspellings names
        # (definately)
    candidates = [c for c in dictionary().candidates(word) or () if c != word]
    doubling = [c for c in candidates if _doubling_slip(word, c)]
    if _compound(word) and not (unseen and doubling):
        return None  # a coinage (inkline)
    adverb = _dropped_l_adverb(word)
    if adverb:
        return Suggestion(adverb, False)
    margin = RARE_MARGIN if RARE_WORD[0] <= own < RARE_WORD[1] else MARGIN
    inner = [c for c in doubling if c[-1] == word[-1] and c[:-1] != word[:-2]]  # not padd
    if _derived(word, "") and not any(
            zipf(c) - own >= margin for c in inner):
        return None
    scored = sorted(((_likelihood(word, c), zipf(c), c) for c in candidates), reverse=True)
    if not scored:
        return None
    _, best_zipf, best = scored[0]
    if len(word) == SHORT_WORD and sorted(best) != sorted(word) and len(best) <= len(word):
        return None  # a three-letter slip is clear as swapped or dropped letters (teh, whn)
    if best in doubling:
        margin -= DOUBLING_EASE
    least = UNSEEN_SUGGESTION_ZIPF if unseen else MIN_SUGGESTION_ZIPF
    if best_zipf < least or best_zipf - own < margin:
        return None
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    safe = best_zipf >= SAFE_ZIPF and scored[0][0] - runner_up >= MARGIN
    if own >= RARE_WORD[0] and (best[:1] != word[:1] or (
            len(word) == SHORT_ATTESTED and sorted(best) != sorted(word)
            and best not in doubling)):
        return None  # a word the web knows, its fix in the first letter (a rare term read
        # as a common word) or, in four letters, more than a swap or a doubling (a clipped
        # fandom term taken for "floor", a giggle for "the"): its own word as often as a slip
    return Suggestion(best, safe)


@lru_cache(maxsize=8192)
def wrong_ending(word: str) -> str | None:
    """The common word ``word`` was meant to be when it is a common stem with the wrong
    noun-making ending (amusion -> amusement); None unless exactly one such word is clearly
    the most common. Only for words the web does not know at all."""
    if known(word) or zipf(word) > 0:
        return None
    found: set[str] = set()
    for ending in NOUN_ENDINGS:
        stem = word[: -len(ending)]
        if not word.endswith(ending) or len(stem) < MIN_ENDING_STEM:
            continue
        bases = {stem, stem + "e"} | ({stem[:-2]} if stem.endswith("at") else set())
        if not any(listed(base) and zipf(base) >= ENDING_ZIPF for base in bases):
            continue
        found.update(candidate for base in bases for other in NOUN_ENDINGS
                     for candidate in (base + other, base.removesuffix("e") + other)
                     if candidate != word and listed(candidate)
                     and zipf(candidate) >= ENDING_ZIPF)
    ranked = sorted(found, key=zipf, reverse=True)
    if not ranked or (len(ranked) > 1 and zipf(ranked[0]) - zipf(ranked[1]) < MARGIN / 2):
        return None
    return ranked[0]


def _likelihood(word: str, candidate: str) -> float:
    """How likely ``candidate`` was meant: its frequency, less when the slip would be in the
    first letter (which writers rarely get wrong), more for a doubled or undoubled letter
    (the commonest slip of all)."""
    score = zipf(candidate)
    if candidate[:1] != word[:1]:
        score -= FIRST_LETTER_PENALTY
    if _doubling_slip(word, candidate):
        score += DOUBLING_EASE
    return score


def _doubling_slip(word: str, candidate: str) -> bool:
    """``word`` is ``candidate`` with one doubled letter written once or one letter doubled
    (untill, occured, finaly, tomorow)."""
    longer, shorter = (word, candidate) if len(word) > len(candidate) else (candidate, word)
    if len(longer) != len(shorter) + 1:
        return False
    return any(longer[i] == longer[i + 1] and longer[:i] + longer[i + 1:] == shorter
               for i in range(len(longer) - 1))


def _split(word: str) -> Suggestion | None:
    """Two words run together ("alot" -> "a lot") when the pair is very common."""
    if listed(word):
        return None
    pairs = [(bigram_count(word[:i], word[i:]), f"{word[:i]} {word[i:]}")
             for i in range(1, len(word) - 1) if listed(word[:i]) and listed(word[i:])
             and (i > 1 or word[0] in "ai")]
    count, best = max(pairs, default=(0, ""))
    return Suggestion(best, False) if count >= SPLIT_COUNT else None


def _dropped_l_adverb(word: str) -> str | None:
    """A common adverb in -ly written without its "l" (quicky, slowy): the word looks like
    an adjective in -y of the stem, so the check of endings would take it for a coinage."""
    if not word.endswith("y") or word.endswith("ly"):
        return None
    adverb = word[:-1] + "ly"
    return adverb if listed(adverb) and zipf(adverb) >= SAFE_ZIPF else None


def _compound(word: str) -> bool:
    """Two common words written as one (inkline, laysquid): a coinage of the story's world,
    not a slip. Pairs common enough to be a slip ("alot") are :func:`_split`'s."""
    return any(known(word[:i]) and known(word[i:]) and zipf(word[:i]) >= KNOWN_ZIPF
               and zipf(word[i:]) >= KNOWN_ZIPF
               for i in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART))


def _derived(word: str, candidate: str) -> bool:
    """``word`` is a listed word with an ending that makes words (oaky, woodcrafts,
    tealish, primest): a coinage or an old form, not a slip."""
    for ending in DERIVING_ENDINGS:
        stem = word[: -len(ending)]
        if not word.endswith(ending) or len(stem) < MIN_STEM - (ending in SHORT_STEM_ENDINGS):
            continue
        if listed(stem) or (ending[0] in "aeiouy" and listed(stem + "e")):
            return True
        if len(stem) >= ATTESTED_STEM[1] and zipf(stem) >= ATTESTED_STEM[0] \
                and not common_misspelling(stem):
            return True  # slang the web knows, inflected (scritch + ing)
    if word.endswith("ae") and listed(word[:-1]):
        return True  # a Latin plural (antennae, vertebrae)
    return word.startswith(candidate) and len(candidate) >= 3 and candidate.endswith("e") \
        and word[len(candidate):] in ("d", "r", "st")


def check(ctx: CheckContext) -> Iterator[Finding]:
    text = ctx.text
    raw_counts = Counter(m.group().lower().replace("’", "'") for m in TOKEN.finditer(text))
    vocabulary = _story_vocabulary(ctx, raw_counts)
    names = _story_names(ctx)
    yield from _variety(text)
    yield from _capital_slips(ctx, raw_counts, vocabulary)
    for paragraph in ctx.work.layer("paragraphs"):
        if paragraph.get("kind", "text") != "text":
            continue
        tokens = list(TOKEN.finditer(text, paragraph.start, paragraph.end))
        if not _english_prose(tokens):
            continue
        archaic = any(m.group().lower() in ARCHAIC_WORDS for m in tokens)
        for at, match in enumerate(tokens):
            if text[match.end() : match.end() + 1] == "\\":
                continue  # an escaped apostrophe in markup ("couldn\\'t"): not a word's end
            contraction = _contraction(text, match)
            if contraction is not None:
                yield contraction
                continue
            misspelling = _common_misspelling(text, match, names | vocabulary.accent)
            if misspelling is not None and not _beside_unknown(tokens, at):
                yield misspelling
                continue
            opener = _sentence_opener(text, tokens, at, raw_counts, names | vocabulary.accent)
            if opener is not None:
                if not (ctx.in_quote(match.start())
                        and opener.suggestion[:1] != match.group()[:1]):
                    yield opener  # "Vhen you go": an accent in speech, not a slip
                continue
            for part in _parts(text, match, vocabulary.repeated):
                if archaic and _olde(part.group()):
                    continue
                finding = _misspelt(text, part, vocabulary)
                if finding is None or _eye_dialect(ctx, finding) or (
                        _rare_fix(finding) and _beside_unknown(tokens, at)):
                    continue  # a rarer fix beside an unknown word: a spell ("Glacius
                    # vollition"), a phrase of an invented language
                yield finding


def _sentence_opener(text: str, tokens: list[re.Match], at: int, counts: Counter,
                     names: set[str]) -> Finding | None:
    """A capitalised slip opening a sentence ("Whne she came"): checked only when the story
    writes the word nowhere else, in any case, never as a name, no unknown word is beside it
    (a spell: "Familius magicus") and its fix is clear."""
    match = tokens[at]
    token = match.group()
    if not (token[:1].isupper() and token[1:].isalpha() and token[1:].islower()):
        return None
    word = token.lower()
    if len(word) <= SHORT_WORD or counts[word] > 1 or word in names or listed(word) \
            or not VOWELS.intersection(word) \
            or not _opens_sentence(text, match.start()) or CUT_OFF.match(text, match.end()) \
            or _beside_unknown(tokens, at):
        return None
    suggestion = suggest(word)
    if suggestion is None or not suggestion.safe or " " in suggestion.word:
        return None
    fixed = suggestion.word.capitalize()
    return Finding("spelling.word", CATEGORY, "error", match.start(), match.end(),
                   f"'{token}' is not a word; did you mean '{fixed}'?", fixed, True)


def _capital_slips(ctx: CheckContext, counts: Counter,
                   vocabulary: Vocabulary) -> Iterator[Finding]:
    """A capitalised word inside a sentence, after a lower-case adjective, where a name is
    out of place ("a large golden Chian"): flagged when it is no word, the story writes it
    nowhere else (a name recurs), it is no known first name, no capitalised word follows
    (a name of several words) and common words are one slip away."""
    text, tokens = ctx.text, ctx.work.layer("tokens")
    for at in range(1, len(tokens)):
        before, token = tokens[at - 1], tokens[at]
        after = tokens[at + 1] if at + 1 < len(tokens) else None
        word = text[token.start : token.end]
        lower = word.lower()
        if len(word) < MIN_CAPITAL_SLIP or not (word[0].isupper() and word[1:].islower()) \
                or not word.isalpha() or before.get("tag") != "JJ" \
                or not text[before.start : before.end].islower() \
                or token.start - before.end != 1 or counts[lower] > 1 or known(lower) \
                or lower in vocabulary.accent or ctx.in_note(token.start) \
                or word in first_names() or word in census_first_names():
            continue
        if after is not None and text[after.start : after.start + 1].isupper():
            continue
        if any(lower.endswith(e) and counts[lower[: -len(e)]] for e in INFLECTIONS):
            continue  # a story's word inflected: "several Harrys", "immediate Flooing"
        fixes = _common_neighbours(lower)
        if not fixes:
            continue
        clear = len(fixes) == 1 or zipf(fixes[0]) - zipf(fixes[1]) >= CAPITAL_SLIP_MARGIN
        hint = f"'{fixes[0]}'" if clear else " or ".join(f"'{f}'" for f in fixes[:3])
        yield Finding("spelling.capital-slip", CATEGORY, "error", token.start, token.end,
                      f"'{word}' is no word and no name here; did you mean {hint}?",
                      fixes[0] if clear else None, False)


def _common_neighbours(word: str) -> list[str]:
    """Common words one edit from ``word``, most common first."""
    found = [c for c in dictionary().candidates(word) or () if c != word
             and listed(c) and zipf(c) >= CAPITAL_SLIP_ZIPF]
    return sorted(found, key=zipf, reverse=True)


def _parts(text: str, match: re.Match, repeated: frozenset[str]) -> list[re.Match]:
    """The token, or each half of a hyphenated compound long enough to be a word of its own
    (self-concious: the halves are words, the whole is not)."""
    if "-" not in match.group():
        return [match]
    parts = list(PART.finditer(text, match.start(), match.end()))
    if known("".join(p.group() for p in parts).lower()) \
            or any(re.search(r"(.)\1\1", p.group()) for p in parts):
        return []  # knick-knacks (knickknacks), a drawn-out line of song (hiiigh-iigh)
    syllables = [p.group().lower() for p in parts]
    if len(parts) > 2 and (match.group().lower().replace("’", "'") in repeated
                           or len(set(syllables)) < len(syllables)):
        return []  # syllables of a song or a sound, written the same way again or with a
        # syllable repeated inside (sha-la-llow, la-la-lullow)
    return [part for part in parts if len(part.group()) >= MIN_PART_LENGTH]


def _misspelt(text: str, match: re.Match, vocabulary: Vocabulary) -> Finding | None:
    word = _checkable(text, match, vocabulary)
    if word is None:
        return None
    suggestion = suggest(word)
    if suggestion is None:
        return _wrong_ending(text, match, word)
    end = match.start() + len(word)
    return Finding("spelling.word", CATEGORY, "error", match.start(), end,
                   f"'{text[match.start():end]}' is not a word; did you mean "
                   f"'{suggestion.word}'?", suggestion.word, suggestion.safe)


def _eye_dialect(ctx: CheckContext, finding: Finding) -> bool:
    """Speech spelt as it sounds ("I haff been"): a non-word inside a quotation that the web
    knows (so others write it too), one letter sounded differently from its fix. A letter
    dropped, doubled or swapped with its neighbour ("familar") is a slip in speech too."""
    word = ctx.text[finding.start:finding.end].lower()
    if not ctx.in_quote(finding.start) or zipf(word) == 0 or finding.suggestion is None:
        return False
    fix = finding.suggestion
    return len(fix) == len(word) and sorted(fix) != sorted(word)


def _rare_fix(finding: Finding) -> bool:
    """The suggestion is rarer than a non-word's fix usually must be (a word the web never
    saw, a slip of a rarer word: solemnity)."""
    return finding.suggestion is not None and zipf(finding.suggestion) < MIN_SUGGESTION_ZIPF


def _olde(word: str) -> bool:
    """A listed word with an "e" added to its end: mock-archaic spelling (memorye)."""
    return len(word) > MIN_STEM and word.endswith("e") and listed(word[:-1].lower())


def _wrong_ending(text: str, match: re.Match, word: str) -> Finding | None:
    meant = wrong_ending(word)
    if meant is None:
        return None
    end = match.start() + len(word)
    return Finding("spelling.suffix", CATEGORY, "error", match.start(), end,
                   f"'{text[match.start():end]}' is not a word; did you mean '{meant}'?",
                   meant, False)


def _variety(text: str) -> Iterator[Finding]:
    """Lower-case spellings of the other variety of English than the story's. The story
    must spell words of the kind at least MIN_VARIETY times, and VARIETY_SHARE of them, its
    own way. Two kinds: -ise/-ize, which British writers may spell either way, and the rest
    (-our/-or, grey/gray, travelled/traveled ...), where an -ise spelling is British
    evidence too. Pairs whose spellings differ in meaning (meter/metre, tire/tyre,
    program/programme, practice/practise) or by an old form (connexion) are left out."""
    american, british = spelling_variants()
    uses: dict[str, list[tuple[re.Match, str, str]]] = {"ize": [], "other": []}
    for match in WORD.finditer(text):
        word = match.group()
        if not word.islower() or word.startswith(DIFFERENT_SENSES):
            continue
        for variety, table in (("american", american), ("british", british)):
            other = table.get(word)
            pair = (other, word) if variety == "american" else (word, other)
            if other is not None and other != word and _systematic(*pair):
                uses["ize" if "iz" in pair[1] else "other"].append((match, variety, other))
    ise = sum(variety == "british" for _m, variety, _o in uses["ize"])
    for kind, found in uses.items():
        counts = Counter(variety for _m, variety, _o in found)
        if kind == "other":
            counts["british"] += ise
        if not counts:
            continue
        (main, most), = counts.most_common(1)
        if most < MIN_VARIETY or most < VARIETY_SHARE * sum(counts.values()):
            continue
        for match, variety, other in found:
            if variety != main:
                yield Finding("spelling.variety", CATEGORY, "warning", match.start(),
                              match.end(), f"The story spells {main.capitalize()} English: "
                              f"'{other}'.", other, False)


def _systematic(british: str, american: str) -> bool:
    """The two spellings differ in one of the regular ways (colour/color, realise/realize,
    travelled/traveled, defence/defense, grey/gray), not by an old form (connexion)."""
    return any(british.replace(uk, us) == american for uk, us in VARIETY_CHANGES)


def _contraction(text: str, match: re.Match) -> Finding | None:
    token = match.group()
    stacked = STACKED.fullmatch(token)
    if stacked:  # shouldn'tve: "have" fused onto a contraction without its apostrophe
        fixed = f"{stacked[1]} have"
        return Finding("spelling.contraction", CATEGORY, "error", match.start(), match.end(),
                       f"'{token}' -> '{fixed}' (or '{stacked[1]}'ve').", fixed, True)
    fixed = CONTRACTIONS.get(token.lower())
    if fixed is None or not token[1:].islower() \
            or text[match.start() - 1 : match.start()] in ("'", "’", "‘"):
        return None  # "knock 'im flat": a dropped h, not a contraction
    if token.lower() == "wont" and re.match(r"\s+to\b", text[match.end():match.end() + 4]):
        return None  # as she was wont to do
    fixed = fixed[0].upper() + fixed[1:] if token[0].isupper() else fixed
    return Finding("spelling.contraction", CATEGORY, "error", match.start(), match.end(),
                   f"'{token}' needs its apostrophe: '{fixed}'.", fixed, True)


def _common_misspelling(text: str, match: re.Match, names: set[str]) -> Finding | None:
    """A lower-case word on the list of common misspellings that the story never uses as a
    name. Entries common on the web ("welp", "devine") are slang or names unless the correction
    only adds or moves an apostrophe or a space (thats, did'nt) or swaps letters (teh)."""
    word = match.group().replace("’", "'")
    if not re.fullmatch(r"[A-Za-z][a-z]*(?:'[a-z]+)?", word):
        return None
    if word[0].isupper():
        if not _opens_sentence(text, match.start()):
            return None
        word = word.lower()
    if word in names or listed(word) or _with_clitic(word):
        return None
    fixes = common_misspelling(word)
    if not fixes:
        return None
    if word.endswith("in") and known(word + "g"):
        return None  # dropped g without its apostrophe: goin, nothin
    letters = re.sub(r"['’ ]", "", fixes[0])
    same_letters = letters == word.replace("'", "") or (
        len(word) > 2 and sorted(letters) == sorted(word))
    if not same_letters and (zipf(word) >= KNOWN_ZIPF or len(word) < MIN_MISSPELLING_LENGTH):
        return None
    fix = fixes[0][0].upper() + fixes[0][1:] if match.group()[0].isupper() else fixes[0]
    return Finding("spelling.common-misspelling", CATEGORY, "error", match.start(), match.end(),
                   f"'{match.group()}' is a common misspelling of '{fix}'.", fix,
                   len(fixes) == 1)


def _with_clitic(word: str) -> bool:
    """A known word with a clitic of speech on it ("this'd", "kettle'll")."""
    return any(word.endswith(clitic) and known(word[: -len(clitic)]) for clitic in WORD_CLITICS)


def _opens_sentence(text: str, start: int) -> bool:
    """The capital is a sentence's (after . ? ! a quotation mark or a line break)."""
    before = text[max(0, start - 3) : start].rstrip(" \t")
    return not before or before[-1] in ".?!\"“\n…"


def _beside_unknown(tokens: list[re.Match], at: int) -> bool:
    """A neighbour of ``tokens[at]`` no dictionary knows: the word is part of a phrase in an
    invented language ("Fen'Harel shal em")."""
    neighbours = tokens[max(0, at - 1) : at] + tokens[at + 1 : at + 2]
    return any(not known(_strip_clitic(m.group().lower().replace("’", "'")) or m.group().lower())
               for m in neighbours)


def _english_prose(tokens: list[re.Match]) -> bool:
    """Whether a paragraph reads as English: most of its words are known; in a short line
    ("Wat do you mean?") all but one."""
    words = [m.group().lower() for m in tokens if m.group().isalpha()]
    if len(words) < MIN_SHORT_LINE_WORDS:
        return False
    unknown = sum(not known(w) for w in words)
    if len(words) < MIN_PARAGRAPH_WORDS:
        return unknown <= 1
    return unknown <= (1 - PROSE_SHARE) * len(words)


def _checkable(text: str, match: re.Match, vocabulary: Vocabulary) -> str | None:
    """The word to look up at ``match``, or None when it is not a candidate for spelling."""
    token = match.group().replace("’", "'")
    if token.endswith("'") and _elided(token.rstrip("'")):
        return None  # a dropped last letter: teasin', righ', abou'
    if not token[:1].isalpha() or not token[:1].islower():
        return None
    if any(c.isdigit() or c == "_" or c.isupper() for c in token):
        return None
    word = _strip_clitic(token)
    if word is None or len(word) < 3 or re.search(r"(.)\1\1", word) \
            or not VOWELS.intersection(word):
        return None  # a sound: drawn out ("sooo") or without a vowel ("hmhm", "pffft")
    if listed(word) or _t_past(word) or word in vocabulary.named or word in vocabulary.accent or (
            word in vocabulary.repeated and not _clear_slip(word)):
        return None
    spelled_out = word.translate(LIGATURES)
    if spelled_out != word and known(spelled_out):
        return None  # an old ligature (archæology, phœnix, minutiæ): a spelling, not a slip
    before, after = text[match.start() - 1 : match.start()], text[match.end() : match.end() + 1]
    if before in "*_" and after in "*_":
        return None  # one emphasised word: a sound, a foreign term
    if CUT_OFF.match(text, match.end()):
        return None  # a word cut off: "What's this abo---", "goi—going"
    return word


def _t_past(word: str) -> bool:
    """A past in -t where the dictionary has the verb's past in -ed, after l, m or n
    (leant, dreamt; spelt): the British spelling, not a slip."""
    stem = word[:-1]
    return word.endswith("t") and stem[-1:] in ("l", "m", "n") \
        and (listed(stem + "ed") or listed(stem + stem[-1] + "ed"))


def _strip_clitic(token: str) -> str | None:
    if "'" not in token.strip("'"):
        return token.strip("'")
    for clitic in CLITICS:
        if token.endswith(clitic) and "'" not in token[: -len(clitic)]:
            return token[: -len(clitic)]
    return None  # y'know, s'pose: dialect


def _story_names(ctx: CheckContext) -> set[str]:
    """Lower-cased words the story writes with a capital inside a sentence, or in a name."""
    words = {m.group(1).lower() for m in re.finditer(r"[a-z,;] ([A-Z][a-z'’]+)", ctx.text)}
    return words | _character_name_words(ctx)


def _character_name_words(ctx: CheckContext) -> set[str]:
    """The lower-cased words of every character's name and aliases."""
    return {word.lower()
            for character in ctx.characters.values()
            for name in [character.get("name", ""), *character.get("aliases", [])]
            for word in TOKEN.findall(name)}


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Words the story makes its own: ``named`` (capitalised somewhere, or in a character
    name) and ``repeated`` (written more than once)."""
    named: frozenset[str]
    repeated: frozenset[str]
    accent: frozenset[str] = frozenset()  # a character's accent: "vould", "vith", "vork"


def _story_vocabulary(ctx: CheckContext, counts: Counter) -> Vocabulary:
    """``counts``: every token of the story, lower-cased, curly apostrophes straightened."""
    repeated = {w for w, n in counts.items() if n + _other_number(w, counts) > 1}
    named = {m.group().lower() for m in re.finditer(r"\b[A-Z][\w'’]+", ctx.text)}
    return Vocabulary(frozenset(named | _character_name_words(ctx)), frozenset(repeated),
                      _accent_words(ctx.text))


def _elided(stem: str) -> bool:
    """A word with its last letter dropped and marked by an apostrophe (righ', abou')."""
    return any(known(stem + letter) for letter in LETTERS)


def _accent_words(text: str) -> frozenset[str]:
    """Unknown words that one letter swapped throughout makes known, when the story swaps
    that letter so in at least ACCENT_WORDS different words: an accent written out ("vould",
    "vith", "vork": v for w), not slips, which do not repeat one swap."""
    # written in lower case (names are not), clitics off (vasn't -> vas), long enough that a
    # swapped letter making a word is no chance
    stems = {_strip_clitic(m.group().replace("’", "'")) for m in TOKEN.finditer(text)
             if m.group().islower()}
    rare = [w for w in stems if w and w.isalpha() and len(w) >= SHORT_WORD
            and zipf(w) < KNOWN_ZIPF + ACCENT_RARE]
    by_swap: dict[tuple[str, str], set[str]] = {}
    known_words = _known_words()
    for word in rare:
        for written in set(word):
            for meant in LETTERS:
                swapped = word.replace(written, meant)
                if meant != written and swapped in known_words and (
                        not known(word) or zipf(swapped) - zipf(word) >= MARGIN):
                    by_swap.setdefault((written, meant), set()).add(word)
    return frozenset(w for words in by_swap.values() if len(words) >= ACCENT_WORDS
                     for w in words)


def _clear_slip(word: str) -> bool:
    """A repeated word that is still a slip: unknown even to the web, and a very common word
    with two letters swapped or a letter doubled or undoubled (a writer's habit: "becuase")."""
    if zipf(word) > 0:
        return False
    suggestion = suggest(word)
    if suggestion is None or not suggestion.safe or zipf(suggestion.word) < CLEAR_SLIP_ZIPF:
        return False
    fix = suggestion.word
    swapped = len(fix) == len(word) and sorted(fix) == sorted(word)
    return swapped or _doubling_slip(word, fix)


def _other_number(word: str, counts: Counter) -> int:
    """How often the story writes ``word`` in another form: the other number (floo, floos)
    or, for a word of its own, another inflection (floo, flooed)."""
    other = sum(counts.get(word + ending, 0) for ending in INFLECTIONS)
    for ending in INFLECTIONS:
        if word.endswith(ending) and len(word) > len(ending):
            stem = word[: -len(ending)]
            other += counts.get(stem, 0) + sum(counts.get(stem + e, 0) for e in INFLECTIONS
                                               if e != ending)
    return other
