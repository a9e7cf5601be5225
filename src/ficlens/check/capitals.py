"""Capital letters: a sentence opened in lower case, "i" as a pronoun, a character's name
written in lower case where the story capitalises it everywhere else, a word that prose writes
in capitals or title case ("tv" -> "TV", "english" -> "English": the casing table learned by
training/train_check_tables.py), a kin word used as a name to address someone ("Thanks,
mom." -> "Mom"), and a title or kin word joined to a name ("aunt May", "professor Snape",
"mr. Grey" -> "Aunt May", "Professor Snape", "Mr. Grey"; not after "my", "the" ...: "my
uncle Ben" is a description), and a common noun capitalised in mid-sentence ("for 15
Seconds", "his Mother" -> "seconds", "mother": after a number or a possessive, the parse tags
it a common noun, no capitalised word stands beside it, and the story does not capitalise it
anywhere else in mid-sentence), and a function word capitalised after a comma in mid-sentence
("She studied his face, He was not easy to read" -> "he"; not in a heading, nor in a name
joined by a hyphen: "Not this time, She-Wolf").

A story written in lower case on purpose (most of its sentences open that way, or most of its
"I"s are "i") is left alone: the rule is there for slips, not for a style.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ficlens.check.context import CHAT_LINE, CheckContext
from ficlens.check.findings import Finding, Rule
from ficlens.check.tables import casing
from ficlens.check.vocab import COMMON_NOUN_TAGS, INNER_STATE_VERBS, SPEECH_VERBS
from ficlens.check.wordstats import listed, zipf
from ficlens.document import Span
from ficlens.lexicon import speech_verbs, titles

# the words that may close a tag or bring in a thought given without quotation marks
SAYING_OR_THINKING = SPEECH_VERBS | INNER_STATE_VERBS

CATEGORY = "capitalisation"
RULES = (
    Rule("capitalisation.sentence-start", CATEGORY, "error",
         "A sentence that opens with a lower-case letter after a full stop, ? or !."),
    Rule("capitalisation.i", CATEGORY, "error", "The pronoun I is always a capital."),
    Rule("capitalisation.name", CATEGORY, "error",
         "A character's name in lower case where the story capitalises it elsewhere."),
    Rule("capitalisation.kin-address", CATEGORY, "error",
         "A kin word used as a name to address someone is capitalised (\"Thanks, Mom.\")."),
    Rule("capitalisation.title", CATEGORY, "error",
         "A title or kin word that is part of a name is capitalised (Aunt May, Mr. Grey)."),
    Rule("capitalisation.common-noun", CATEGORY, "warning",
         "A common noun capitalised in mid-sentence (for 15 Seconds, his Mother)."),
    Rule("capitalisation.after-comma", CATEGORY, "error",
         "A pronoun, article or conjunction after a comma goes on in lower case (, he said)."),
    Rule("capitalisation.compass", CATEGORY, "error",
         "A compass direction after a verb of motion is lower case (heading North -> north)."),
    Rule("capitalisation.cased-word", CATEGORY, "warning",
         "A word prose writes in capitals or title case (tv -> TV, monday -> Monday)."),
)
LOWER_WORD = re.compile(r"(?<![\w'’@#/\-.])[a-z]+(?![\w'’@/\-])")
# After these a title-case word is a common noun as often as not (the minister, a lily).
DETERMINERS = frozenset("a an the this that these those his her my your our their its".split())
# A lower-case word after sentence-ending punctuation and one space or more (not a line break:
# verse and lists may run on). The word before the stop is captured to tell abbreviations.
SENTENCE_START = re.compile(r"(?<![.!?])([\w.'’]*)([.!?])[ \t]+([a-z][a-z'’]*)\b")
ABBREVIATIONS = frozenset({"etc", "vs", "e.g", "i.e", "a.m", "p.m", "approx", "cf", "ca",
                           "no", "st", "mt", "ft", "oz", "lb", "lbs", "min", "sec", "hr", "hrs",
                           "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "lt", "sgt", "capt",
                           "col", "gen", "rev"})
PRONOUN_I = re.compile(r"(?<![\w'’.@#/\-])i(?:['’](?:m|ll|ve|d))?(?=[ \t,;:!?])")
STYLE_SHARE = 0.25  # a share of lower-case openings or "i"s this large is the writer's style
STYLE_MIN = 3  # ... once there are this many of them
DESCRIBING_TAGS = frozenset({"DT", "PDT", "PRP$", "CD", "JJ", "JJR", "JJS"})
OUTLINE_LINE = re.compile(r"[ \t]*[-•>][ \t]*[A-Za-z]")  # "-Then ...", "  - find ...", ">Go"
TAG_PRONOUNS = frozenset({"he", "she", "they", "we", "you"})
NAME_MIN_CAPITALISED = 3  # the name is written capitalised at least this often
NAME_MAX_ZIPF = 3.0  # a name that is also a common word (Will, Hope) may stay lower case
EMPHASIS = "*_"
# Words before a title that make it a description: "my uncle Ben", "the captain Rex" is rare.
TITLE_DESCRIBERS = frozenset("a an the my your his her our their its this that".split())
MODIFIER_TAGS = frozenset({"NN", "NNS", "NNP", "JJ", "JJR", "JJS", "VBN", "VBG", "POS"})
# Kin words that serve as names; in speech, after a comma or a greeting and before the end of
# the clause, they address the person ("Night, dad!", "Hi mom.").
KIN_NAMES = r"mom|mum|dad|mommy|mummy|daddy|mama|papa|grandma|grandpa|granny|nana|auntie"
KIN_ADDRESS = re.compile(
    rf"(?:,|\b(?i:hi|hey|hello|thanks|thank you|bye|goodbye|night|morning|yes|no|okay|sorry|"
    rf"love you|please))[ \t]+({KIN_NAMES})(?=[.,!?…])")


def check(ctx: CheckContext) -> Iterator[Finding]:
    yield from _sentence_starts(ctx)
    yield from _pronoun_i(ctx)
    yield from _names(ctx)
    yield from _cased_words(ctx)
    yield from _kin_address(ctx)
    yield from _titles(ctx)
    yield from _common_nouns(ctx)
    yield from _after_commas(ctx)
    for match in COMPASS.finditer(ctx.text):
        word = match.group(1)
        yield Finding("capitalisation.compass", CATEGORY, "error", match.start(1), match.end(1),
                      f"A direction, not a region: '{word.lower()}'.", word.lower(), True)


# Words that are never capitalised for their own sake: after a comma they continue a sentence.
AFTER_COMMA = re.compile(r"(?<=[a-z][,;] )(He|She|They|We|It|His|Her|Him|Them|Their|Its|Your|"
                         r"My|Our|The|A|An|But|And|So|Then|This|That|These|Those|As|If|"
                         r"Because|Since|Although|Though|Unless|Whereas|For|Or|Nor|Yet|"
                         r"There)\b")
# A determiner after a comma opening a capitalised name or title: "Ravenmoor, A History",
# "Marlo, The Tide King", "a pirate tale, The Mermaid and the Mongoose".
TITLE_OPENERS = frozenset("The A An His Her Their Its Your My Our This That These Those".split())
TITLE_WORD = re.compile(r"[ \t]+[*_]*[A-Z0-9]")
# Pronouns that are also names or the first word of one (He Wen, the film It Follows) when a
# capitalised word, not "I", follows.
NAME_PRONOUNS = frozenset({"He", "She", "It", "We", "They"})
NAME_AFTER = re.compile(r" [A-Z][a-z]")
HYPHENED_NAME = re.compile(r"-[A-Z]")
# A verb of motion and a compass point with no name after it ("heading North to wait", not
# "driving North Carolina's roads" nor "the North Wind").
COMPASS = re.compile(r"\b(?:head|heads|headed|heading|go|goes|going|went|travel\w*|drive|"
                     r"drives|drove|driving|fly|flies|flew|flying|sail\w*|ride|rides|rode|riding|"
                     r"walk\w*|move|moves|moved|moving|turn|turns|turned|turning) "
                     r"(North|South|East|West|Northeast|Northwest|Southeast|Southwest)\b"
                     r"(?![\w'’-]| [A-Z])")
COMMON_NOUN_ZIPF = 3.5  # a word this frequent in lower case is an ordinary word
# Where a capital can only be a slip: after a number or a possessive ("15 Seconds", "his
# Mother"); after an article it may be the writer's emphasis or a place ("the Continent").
AFTER_NUMBER_OR_POSSESSIVE = frozenset({"CD", "PRP$", "POS"})
LIST_MARKER = re.compile(r"[ \t*_]*(?:\d+|[a-zA-Z])\\?[.)][ \t]*")  # "2. ", "b) ", "2\. "
TITLE_JOINERS = frozenset({"of", "and", "for", "against", "in", "on", "the"})
OPENING_MARKS = "\"“‘'*_(-—–"


def _common_nouns(ctx: CheckContext) -> Iterator[Finding]:
    tokens = ctx.work.layer("tokens")
    titled = _mid_sentence_capitals(ctx)
    names = {w for c in ctx.characters.values()
             for alias in [c.get("name", ""), *c.get("aliases", [])]
             for w in re.findall(r"[\w'’]+", alias)}
    for previous, token, following in zip(tokens, tokens[1:], tokens[2:], strict=False):
        word = ctx.work.span_text(token)
        if token.get("tag") not in COMMON_NOUN_TAGS or not _title_case(word) \
                or not _mid_sentence(ctx, previous, token):
            continue
        if ctx.work.span_text(previous)[:1].isupper() or ctx.work.span_text(
                following)[:1].isupper() or ctx.text[token.end : token.end + 1] in ("-", ":"):
            continue  # part of a name or a title ("Deep Dope", "A Study in Scarlet"), or a
            # label ("Posted: 2024-01-02 Words: 900")
        if previous.get("tag") not in AFTER_NUMBER_OR_POSSESSIVE:
            continue  # "the Continent", "that Romance might die": a writer's emphasis
        if _names_a_thing(ctx, tokens, token, names) or _heading(_line_at(ctx.text, token.start)):
            continue  # a name, or a heading's title case ("Part I: 72 Hours to Victory")
        lemma = token.get("lemma", word).capitalize()
        if titled[word] > 1 or titled[lemma] > 1 or {word, lemma} & names:
            continue  # the story's own term: "a Quirk", "the Doctor"
        lower = word.lower()
        if zipf(lower) < COMMON_NOUN_ZIPF or ctx.in_note(token.start):
            continue
        yield Finding("capitalisation.common-noun", CATEGORY, "warning", token.start, token.end,
                      f"'{word}' is a common noun here: '{lower}'.", lower, True)


def _names_a_thing(ctx: CheckContext, tokens: list[Span], token: Span, names: set[str]) -> bool:
    """The capital is a name's: a list item's first word ("2. Everyone"), the head of a title
    ("their History of Magic essay"), a subject or brand before a noun ("his Astronomy
    essay"), or a place named by the possessive of a capitalised word that is no character
    ("World's Edge"; "Tobin's Mother" is a slip)."""
    text = ctx.text
    line = text[text.rfind("\n", 0, token.start) + 1 : token.start]
    if LIST_MARKER.fullmatch(line):
        return True
    index = ctx.token_index.get(token.start, -1)
    after = tokens[index + 1 : index + 3]
    if len(after) == 2 and ctx.work.span_text(after[0]) in TITLE_JOINERS \
            and _title_case(ctx.work.span_text(after[1])):
        return True
    if token.get("dep") == "compound" and token.get("head") == index + 1:
        return True
    owner = tokens[index - 2] if index >= 2 and tokens[index - 1].get("tag") == "POS" else None
    return owner is not None and ctx.work.span_text(owner)[:1].isupper() \
        and ctx.work.span_text(owner) not in names


def _after_commas(ctx: CheckContext) -> Iterator[Finding]:
    text = ctx.text
    for start, end in _prose(ctx):
        if _heading(text[start:end]):
            continue  # a heading or a title: "A Lantern Bright, A Tide Unkind"
        for match in AFTER_COMMA.finditer(text, start, end):
            word = match.group()
            if word in TITLE_OPENERS and TITLE_WORD.match(text, match.end()):
                continue
            if _introduces_words(text, match.start()):
                continue
            if word in NAME_PRONOUNS and NAME_AFTER.match(text, match.end()):
                continue  # a name that opens with the word: "After a while, He Wen rose"
            if HYPHENED_NAME.match(text, match.end()):
                continue  # a name or title joined by a hyphen: "Not this time, She-Wolf"
            yield Finding("capitalisation.after-comma", CATEGORY, "error", match.start(),
                          match.end(), f"The sentence goes on: '{word.lower()}'.",
                          word.lower(), True)


def _introduces_words(text: str, at: int) -> bool:
    """The comma closes a verb of saying or thinking: "She thought, This is it." (a thought
    or line given without quotation marks, which may open with a capital)."""
    before = re.findall(r"[A-Za-z]+", text[max(0, at - 30) : at])
    return bool(before) and before[-1].lower() in SAYING_OR_THINKING


def _title_case(word: str) -> bool:
    return len(word) > 2 and word[0].isupper() and word[1:].islower()


def _mid_sentence(ctx: CheckContext, previous: Span, token: Span) -> bool:
    return previous.get("sent") == token.get("sent") and previous.get("pos") != "PUNCT" \
        and ctx.text[token.start - 1 : token.start] not in OPENING_MARKS


def _mid_sentence_capitals(ctx: CheckContext) -> Counter:
    """How often each title-case word stands in mid-sentence."""
    tokens = ctx.work.layer("tokens")
    return Counter(ctx.work.span_text(t) for p, t in zip(tokens, tokens[1:], strict=False)
                   if _title_case(ctx.work.span_text(t)) and _mid_sentence(ctx, p, t))


def _titles(ctx: CheckContext) -> Iterator[Finding]:
    words = {t.lower().rstrip(".") for t in (*titles("title"), *titles("honorific"))}
    abbreviations = {t.lower().rstrip(".") for t in titles("honorific") if t.endswith(".")}
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w'’.-])({alternatives})(\.?) ([A-Z][\w'’]+)")
    tokens = ctx.work.layer("tokens")
    for match in pattern.finditer(ctx.text):
        title, name = ctx.token_index.get(match.start(1)), ctx.token_index.get(match.start(3))
        if title is None or name is None or tokens[name].get("tag") != "NNP":
            continue
        if not tokens[title].get("tag", "").startswith("NN"):
            continue  # a verb: "count Jake in"
        if match.group(2) and match.group(1) not in abbreviations:
            continue  # the title ends a sentence: "... her father. Harriet"
        if title and tokens[title - 1].get("tag", "") in MODIFIER_TAGS:
            continue  # the head of a longer description: "a science officer Chris had met"
        before = re.findall(r"[\w'’]+", ctx.text[max(0, match.start() - 20) : match.start()])
        if before and before[-1].lower() in TITLE_DESCRIBERS:
            continue
        word = match.group(1)
        yield Finding("capitalisation.title", CATEGORY, "error", match.start(1), match.end(1),
                      f"Part of a name: '{word.capitalize()}'.", word.capitalize(), True)


def _kin_address(ctx: CheckContext) -> Iterator[Finding]:
    found = [match for quote in ctx.quotes for start, end in ctx.quote_parts(quote)
             for match in KIN_ADDRESS.finditer(ctx.text, start, end)]
    by_word = Counter(match.group(1) for match in found)
    for match in found:
        word = match.group(1)
        if _house_style(ctx.text, word, by_word[word]):
            continue
        yield Finding("capitalisation.kin-address", CATEGORY, "error", match.start(1),
                      match.end(1), f"'{word.capitalize()}' is used as a name here.",
                      word.capitalize(), True)


def _house_style(text: str, word: str, lower_uses: int) -> bool:
    """A kin word the story writes in lower case every time it addresses someone, often, and
    never capitalised in mid-sentence: the writer's settled choice ("Come on, mama!"), not a
    slip; a copy editor marks an inconsistency, or a form written once or twice."""
    if lower_uses < STYLE_MIN:
        return False
    return re.search(rf"(?<=[a-z,] ){word.capitalize()}\b", text) is None


def _heading(line: str) -> bool:
    """A line that does not end as a sentence does: a heading or a title."""
    return line.rstrip()[-1:] not in ".?!…\"”’'*_"


def _line_at(text: str, at: int) -> str:
    end = text.find("\n", at)
    return text[text.rfind("\n", 0, at) + 1 : end if end >= 0 else len(text)]


def _prose(ctx: CheckContext) -> Iterator[tuple[int, int]]:
    """Where each of the story's text paragraphs starts and ends (:attr:`CheckContext.prose`)."""
    return ((paragraph.start, paragraph.end) for paragraph in ctx.prose)


def _cased_prose(ctx: CheckContext) -> Iterator[tuple[int, int]]:
    """The prose paragraphs written in sentence case: not a line of chat or a text message
    ("kiyo: omw. i'm late lol"), nor a paragraph with no capital at all, whose lower case is
    the writer's voice for it."""
    text = ctx.text
    return ((start, end) for start, end in _prose(ctx)
            if not CHAT_LINE.match(text, start, end) and not text[start:end].islower())


def _sentence_starts(ctx: CheckContext) -> Iterator[Finding]:
    text = ctx.text
    candidates, openings, lower_i = [], 0, 0
    for start, end in _cased_prose(ctx):
        for match in SENTENCE_START.finditer(text, start, end):
            word, before = match.group(3), match.group(1).lower()
            if before.endswith(".") or text[match.start(2) - 1 : match.start(2)] == "…":
                continue  # an ellipsis: the sentence trails on ("a little... thick"), also
                # one character and a dot ("So…. which"), as four dots already are
            if match.group(2) == "." and (before in ABBREVIATIONS or "." in before
                                          or len(before) == 1):
                continue  # an abbreviation or an initial, not the end of a sentence
            if word == "i" or word.startswith(("i'", "i’")):
                lower_i += 1
                continue  # the pronoun rule has it
            if match.group(2) != "." and (ctx.in_quote(match.start(3))
                                          or _thought_tag(text, match.end(3))
                                          or _speech_verb(ctx, match.start(3))
                                          or _pronoun_and_verb(ctx, match.start(3))):
                continue  # "Oh! you came"; an unquoted thought: Why now? he wondered. /
                # Why now? asked the voice.
            candidates.append(match)
        openings += len(re.findall(r"[.!?][ \t]+[A-Za-z]", text[start:end]))
    if _style(len(candidates) + lower_i, openings):
        return
    for match in candidates:
        word = match.group(3)
        fixed = word[0].upper() + word[1:]
        yield Finding("capitalisation.sentence-start", CATEGORY, "error", match.start(3),
                      match.end(3), f"A sentence opens with '{word}': '{fixed}'.", fixed)


def _style(lower: int, total: int) -> bool:
    """Lower case used this often is the writer's choice, not a slip."""
    return lower >= STYLE_MIN and lower > STYLE_SHARE * total


def _speech_verb(ctx: CheckContext, start: int) -> bool:
    """The word at ``start`` is a verb of saying or thinking: an inverted tag after an
    unquoted line ("Really? inquired the voice in his head")."""
    word = re.match(r"[a-z]+", ctx.text[start : start + 30])
    if word and word.group() in SAYING_OR_THINKING:
        return True
    index = ctx.token_index.get(start)
    if index is None:
        return False
    token = ctx.work.layer("tokens")[index]
    return (token.get("tag") or "").startswith("VB") and token.get("lemma") in speech_verbs()


def _pronoun_and_verb(ctx: CheckContext, start: int) -> bool:
    """A subject pronoun and a past-tense verb after ? or !: the tag of a line given without
    quotation marks ("Now? she mouthed")."""
    index = ctx.token_index.get(start)
    tokens = ctx.work.layer("tokens")
    if index is None or index + 1 >= len(tokens):
        return False
    return ctx.text[start : tokens[index].end] in TAG_PRONOUNS \
        and tokens[index + 1].get("tag") == "VBD"


def _thought_tag(text: str, end: int) -> bool:
    """The lower-case word after ? or ! is followed by a verb of saying or thinking."""
    following = re.match(r"\s+(?:[a-z]+\s+)?([a-z]+)", text[end : end + 40])
    return bool(following) and following.group(1) in SAYING_OR_THINKING


def _pronoun_i(ctx: CheckContext) -> Iterator[Finding]:
    text = ctx.text
    found, capitals = [], 0
    for start, end in _cased_prose(ctx):
        found.extend(PRONOUN_I.finditer(text, start, end))
        capitals += len(re.findall(r"(?<![\w'’])I(?:['’](?:m|ll|ve|d))?(?![\w'’])",
                                   text[start:end]))
    if _style(len(found), len(found) + capitals):
        return
    for match in found:
        written = match.group()
        fixed = "I" + written[1:]
        yield Finding("capitalisation.i", CATEGORY, "error", match.start(), match.start() + 1,
                      f"'{written}': the pronoun is '{fixed}'.", "I", True)


def _names(ctx: CheckContext) -> Iterator[Finding]:
    text = ctx.text
    words = _name_words(ctx)
    if not words:
        return
    pattern = re.compile(r"(?<![\w'’@#/\-])(" + "|".join(map(re.escape, words)) +
                         r")(?![\w\-@/])")
    capitalised = Counter(m.group() for m in re.finditer(
        r"(?<![\w'’@#/\-])(" + "|".join(re.escape(w.capitalize()) for w in words) + r")\b", text))
    for start, end in _prose(ctx):
        for match in pattern.finditer(text, start, end):
            word = match.group()
            name = word.capitalize()
            if capitalised[name] < NAME_MIN_CAPITALISED:
                continue
            if _described(ctx, match.start()):
                continue  # "the old warden", "every warden": a rank as a common noun
            if OUTLINE_LINE.match(text, text.rfind("\n", 0, match.start()) + 1):
                continue  # a line of the writer's outline or notes ("- find vexil")
            if text[match.start() - 1 : match.start()] in EMPHASIS:
                continue  # a spell, a sound, a typed handle set in italics
            yield Finding("capitalisation.name", CATEGORY, "error", match.start(), match.end(),
                          f"'{word}' is written '{name}' everywhere else.", name)


def _described(ctx: CheckContext, start: int) -> bool:
    """The word follows a determiner, a number or an adjective: a common noun there."""
    index = ctx.token_index.get(start)
    if not index:
        return False
    return ctx.work.layer("tokens")[index - 1].get("tag") in DESCRIBING_TAGS


def _name_words(ctx: CheckContext) -> list[str]:
    """Lower-case forms of the words of the characters' names that are no English word."""
    words = set()
    for character in ctx.characters.values():
        for name in [character.get("name", ""), *character.get("aliases", [])]:
            for word in re.findall(r"[A-Z][a-z]{2,}", name):
                lower = word.lower()
                if not listed(lower) and zipf(lower) < NAME_MAX_ZIPF:
                    words.add(lower)
    return sorted(words)


def _cased_words(ctx: CheckContext) -> Iterator[Finding]:
    table = casing()
    text = ctx.text
    names = set(_name_words(ctx))
    for start, end in _prose(ctx):
        for match in LOWER_WORD.finditer(text, start, end):
            word = match.group()
            entry = table.get(word)
            if entry is None or word in names or _after_determiner(text, match.start(),
                                                                     entry.form):
                continue
            if text[match.start() - 1 : match.start()] in EMPHASIS:
                continue  # a typed handle, a sound set in italics
            yield Finding("capitalisation.cased-word", CATEGORY, "warning", match.start(),
                          match.end(), f"'{word}' is written '{entry.form}'.", entry.form)


def _after_determiner(text: str, start: int, form: str) -> bool:
    """A title-case word after a determiner may be a common noun; an acronym (TV) never is."""
    if form.isupper():
        return False
    before = re.search(r"([A-Za-z]+)\s+$", text[max(0, start - 12) : start])
    return bool(before) and before.group(1).lower() in DETERMINERS
