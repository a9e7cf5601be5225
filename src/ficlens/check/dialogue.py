"""Dialogue punctuation: how a line of speech meets its tag.

* ``"...marry me?" He asked`` -> ``he asked`` (a tag after ? ! , or … stays lower case);
* ``"Hello." she said`` -> ``"Hello," she said`` (a tag takes a comma, not a full stop);
* ``"Hello", she said`` -> ``"Hello," she said`` (the comma goes inside the marks);
* ``"Hello" she said`` -> ``"Hello," she said`` (a line before its tag ends with a mark);
* ``"I know" He walked away.`` -> ``"I know." He walked away.`` (a line that ends its
  sentence, before a new sentence or the paragraph's end, takes its full stop);
* ``she said "come in."`` -> ``she said, "come in."`` (a tag before its line takes a comma);
* ``"Hello," she smiled`` -> ``"Hello." She smiled.`` (smiling is not a way of speaking);
* ``He shook his head, "No."`` and ``She looked up "What?"`` -> ``He shook his head. "No."``
  (an action before a line is a sentence of its own, also between two parts of a line and
  when it ends with an adjective after a linking verb, ``She seemed nervous "Simon."``; a
  clause with a verb of saying in it, ``he turned and said, "No."``, is a tag and keeps its
  comma, and a clause made subordinate, ``Then, when the tide turned, "Fine."``, is no
  beat);
* ``"I know," she said, "But not now."`` -> ``"but not now."`` (a line split by its tag
  after a comma goes on with its sentence); ``"I know," she said. "but not now."`` ->
  ``"But"`` (after a full stop a new sentence starts); ``"Stay on the path," she said, "you
  will get lost."`` -> ``said. "You`` (a whole sentence before the tag, and after it a new
  one opening with its subject, or with the auxiliary and subject of a question); left
  alone: a question after a statement (``"I just got here," she smiled, "How was it?"``),
  a name the dictionary lacks or the story never writes in lower case, narration opening
  with "and" that brings in a new line, and a lower-case line after a tag with a verb of
  saying that ends in a full stop (``"I said," he began. "that ..."``: the stop is the slip);
* ``"Wait—" the boy grabbed her sleeve`` -> ``The boy`` (after a line broken off, a subject
  and a past verb that is no way of speaking start a sentence);
* ``"Wait!," she said`` -> ``"Wait!" she said`` (a ? ! or . takes no comma after it);
* ``He turned. "what now?"`` -> ``"What now?"`` (a line that starts a sentence; not one
  opening a paragraph after a line that trails off, which it may finish: ``"The Ministry..."``
  / ``"jobs..."``);
* a paragraph that opens a quotation and never closes it, unless the next paragraph opens
  with a quotation mark (the convention for a speech running over several paragraphs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ficlens.check.context import CheckContext
from ficlens.check.findings import Finding, Rule
from ficlens.check.vocab import ACTION_BEATS, OBJECT_PRONOUNS, PHRASAL_TAGS, TAG_ACTIONS
from ficlens.check.wordstats import listed
from ficlens.document import Span
from ficlens.lexicon import kin_terms, person_nouns, speech_verbs
from ficlens.text.quotemarks import document_style, opening_marks_paired

CATEGORY = "dialogue"
RULES = (
    Rule("dialogue.capitalised-tag", CATEGORY, "error",
         "A speech tag after a line ending in ? ! , or … starts in lower case."),
    Rule("dialogue.period-before-tag", CATEGORY, "error",
         "A line followed by its speech tag ends with a comma, not a full stop."),
    Rule("dialogue.missing-comma", CATEGORY, "error",
         "A line followed by its speech tag ends with a comma (\"Hello,\" she said)."),
    Rule("dialogue.missing-stop", CATEGORY, "error",
         "A line of speech that ends its sentence takes a mark before the closing quote."),
    Rule("dialogue.tag-comma", CATEGORY, "error",
         "A speech tag followed by its line takes a comma (she said, \"Come in.\")."),
    Rule("dialogue.punctuation-outside", CATEGORY, "warning",
         "The comma, full stop, ? or ! ending a line of speech belongs inside the quotes."),
    Rule("dialogue.beat-as-tag", CATEGORY, "warning",
         "An action (smiled, nodded ...) punctuated as if it were a way of speaking."),
    Rule("dialogue.beat-before-line", CATEGORY, "warning",
         "An action before a line of speech ends with a full stop, not a comma or nothing."),
    Rule("dialogue.split-line-case", CATEGORY, "error",
         "A line split by its tag goes on in lower case after a comma, in capitals after a stop."),
    Rule("dialogue.doubled-mark", CATEGORY, "error",
         "A line ending in ? ! or . takes no comma before its tag (\"Wait!\" she said)."),
    Rule("dialogue.line-capital", CATEGORY, "error",
         "A line of speech that starts a sentence starts with a capital letter."),
    Rule("dialogue.missing-close", CATEGORY, "error",
         "A quotation opened in a paragraph is never closed, and no speech continues after it."),
    Rule("dialogue.beat-after-break", CATEGORY, "warning",
         "An action after a line broken off (- — …) is a sentence of its own: a capital."),
    Rule("dialogue.new-speaker", CATEGORY, "warning",
         "A second speaker's line in the same paragraph: a new speaker starts a new paragraph."),
)
# Both lines must carry a tag of their own naming their speaker (the quotes stage's
# "Explicit" attribution), so a misattributed untagged line is not taken for a new speaker.
NEW_SPEAKER_CONFIDENCE = 0.75
LOWER_LINES_MIN = 3  # lines opening in lower case this often, and this share of them, ...
LOWER_LINES_SHARE = 0.25  # ... are the writer's style
VERSE_PARAGRAPHS = 16  # how far a quotation broken into lines may run to its closing mark

# Verbs of saying, as the quotes stage knows them (lemmas), less those that also name an
# action or a sound ("He nodded.", "She laughed."): a capital before those may start a beat.
SAYING_LEMMAS = speech_verbs()
TAG_LEMMAS = SAYING_LEMMAS - TAG_ACTIONS
CLOSERS = "\"”’'"
LINE_END_MARKS = ".,!?…—–-"  # how a spoken line ends inside its quotation marks
SAY_CHAIN_WORDS = 6  # how far "started to say", "seemed to start to say" may reach
# A single quotation mark opening words ("*'Come on, think!\"*"): a thought or a line whose
# closing mark is of the other kind.
SINGLE_OPENER = re.compile(r"(?:^|[\s*_])['‘](?=\w)")
# A line of a chat or board log: a '>' at its start, maybe after a user name.
HANDLE_LINE = re.compile(r"(?m)^[ \t]*[\w.-]{0,24}>")
# What may stand before a paragraph's first word: a quoted block's mark, emphasis, spaces.
BLOCK_MARKS = "> \t*_\u00a0"
OPENERS = "\"“‘'"
# Between a line and its tag: spaces, or one line break of a hard-wrapped text, never the
# blank line that starts a new paragraph.
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
# A tag's subject and verb after ? ! or a comma, an -ly adverb allowed between ("she finally
# said"); after a full stop the adverb makes it a sentence of its own too often.
_ADVERB = r"(?:[a-z]+ly\s+)?"
_CAPITAL_TAG = re.compile(rf"{_GAP}(He|She|They|I|We|You|It)\s+{_ADVERB}([a-z]+)\b")
_WHO = r"he|she|they|I|we|you|He|She|They|We|You|[A-Z][a-z]+(?: [A-Z][a-z]+)?"
_PERIOD_TAG = re.compile(rf"{_GAP}({_WHO})\s+([a-z]+)\b")
# ... with an adverb between, only when the verb closes the tag ("Wren finally said.", not
# "Mara simply went on staring at him").
_PERIOD_ADVERB_TAG = re.compile(rf"{_GAP}({_WHO})\s+[a-z]+ly\s+([a-z]+)(?=[.,!?;])")
# A tag whose verb comes first ("Said Jiro", "Asked the Mayor") or whose subject is a noun
# phrase ("The girl interjected", "The first man said"): the verb is found by the parse.
_INVERTED = re.compile(rf"{_GAP}([A-Z][a-z]+)\s+(?:(?:the|a|an|his|her|their)\s+[A-Za-z]+|"
                       r"[A-Z][a-z]+|he|she|they|we|you|I)\b")
_LOWER_INVERTED = re.compile(rf"{_GAP}([a-z]+)\s+(?:the\s|[A-Z][a-z]+)")
_DETERMINED = re.compile(rf"{_GAP}(The|A|An|His|Her|Their|My|Our|Your)\s")
NOUN_PHRASE_TAGS = frozenset({"JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "POS", "CD", "DT",
                              "PRP$", "HYPH"})
# Verbs of saying that also say an action begins or goes on ("continued walking", "began to
# cry"); other verbs before an -ing form keep their tag ("muttered pushing his plate away").
ASPECT_LEMMAS = frozenset({"continue", "begin", "start", "resume", "keep"})
CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–", "-"})
SPLIT_SENTENCE_WORDS = 4  # each part of a split line this long to be two sentences
NOUN_PHRASE_WORDS = 6  # the subject's words before the verb, at most
REPORTED = frozenset({"ccomp", "dobj"})
# Objects of a verb of saying that stand for the line itself: the verb's sentence is its own.
LINE_PRONOUNS = frozenset({"it", "this", "that"})
_OUTSIDE = re.compile(rf"^([,.]){_GAP}(he|she|they|I|we|you|[A-Z][a-z]+)\s+(\w+)")
# The rest of a tag, to the comma before the next line of the paragraph, and that line's
# first word when it has a capital.
_TAG_TO_NEXT_LINE = re.compile(r"[^\n\"“”.?!;:…—–]{3,80}?(,)[ \t]+[\"“]([A-Z][a-z'’]*)\b")
FIRST_PERSON = frozenset({"I", "I'm", "I’m", "I'll", "I’ll", "I'd", "I’d", "I've", "I’ve"})
# '"...", said Wren': a comma outside the quotes before a tag that opens with its verb.
_INVERTED_AFTER_COMMA = re.compile(rf"^,{_GAP}([a-z]+)\s+(?:the\s|[A-Z][a-z]+|he\b|she\b)")
# A question or exclamation mark just outside a closing quotation mark. A full stop or a comma
# there is left to ``_outside``: some writers and editors keep them outside (logical
# punctuation), and hand-marked works not tuned on left such lines unmarked.
_MARK_AFTER = re.compile(r"([?!])(?![.?!])")
# Verbs of saying that need what is said: "he added." alone leaves it out.
OBJECT_SAYING_LEMMAS = frozenset({"say", "add", "reply", "respond", "retort", "remark", "state",
                                  "declare", "announce", "exclaim"})
# Verbs of a voice fading that many writers use as tags ("...," she trailed off).
TRAILING = frozenset({"trail", "falter"})
# What an action takes and a verb used as a tag does not: an object, a predicate, a verb
# ('it had no answer', 'he began to run', 'she grabbed his wrist').
BEAT_COMPLEMENTS = frozenset({"dobj", "attr", "xcomp", "acomp"})
# Verbs that speak to someone, their object the one spoken to ('"Yes?" he greeted the guard').
ADDRESSING_LEMMAS = frozenset({"address", "greet", "hail", "quiz", "chide", "scold", "tease"})
# After a line's comma: a lower-case subject no tag has ('there', 'his voice', 'two guards')
# or a pronoun, an adverb maybe, and a verb.
_LOWER_CLAUSE = re.compile(rf"{_GAP}(he|she|they|we|it|there|(?:his|her|their|its|our|my|your|"
                           rf"two|three|four|several) [a-z]+|[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+"
                           rf"{_ADVERB}([a-z]+)\b")
_LOWER_ADVERB_BEAT = re.compile(rf"{_GAP}(he|she|they|we|it)\s+{_ADVERB}([a-z]+)\b")
_LOWER_BEAT = re.compile(rf"{_GAP}(he|she|they|we|it)\s+([a-z]+)\b")
_BEAT = re.compile(rf"{_GAP}(he|she|they|I|we|you|[A-Z][a-z]+)\s+(\w+)")
# Any word in lower case after a line broken off: the start of a noun phrase, maybe.
_LOWER_WORD = re.compile(rf"{_GAP}([a-z][a-z'’]*)\b")
# Narration right before a line: its last word, then a comma or nothing, then spaces.
_BEFORE_LINE = re.compile(r"([^\W\d_])(,?)[ \t]+$")
# Where that narration's sentence starts: after a full stop, ? ! … or a closing quote.
_SENTENCE_BREAK = re.compile(r"[.?!…][\"”’'*_)]*\s+|[\"”]\s*")
# A line that opens a sentence: a capital, maybe after an ellipsis, a dash or emphasis.
_OPENS_SENTENCE = re.compile(r"[.…\-–—*_ ]*[A-Z]")
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl"})
# Sounds and gestures of the voice that many writers use as tags ("she laughed, "Yes.""):
# a clause ending in one is left alone; anywhere else in it they are actions.
VOICE_SOUNDS = frozenset("""
laugh sigh sob gasp chuckle giggle breathe groan moan pant sniff scoff whimper snort huff
""".split())
# Verbs after a broken-off line that are, or many writers use as, its tag.
NOT_BEAT_LEMMAS = SAYING_LEMMAS | TAG_ACTIONS | VOICE_SOUNDS | TRAILING
# What makes a clause before a line its tag rather than a beat: verbs of saying and the
# actions that also say, less the voice's sounds.
BEAT_BREAKING_LEMMAS = (SAYING_LEMMAS | TAG_ACTIONS) - VOICE_SOUNDS
# Particles that make a verb of saying a movement ("his head snapped up", "she shot off").
MOTION_PARTICLES = frozenset({"up", "down", "open", "shut", "around", "round", "away", "off",
                              "forward", "sideways", "upright"})
# Verbs that take a quotation as their object: what a sign read, what a chapter was titled, what
# someone was called ("a headline that read "Danger"", "a chapter titled "A Shortcut""); the
# quotation is the clause's object, not a line after an action.
QUOTING_LEMMAS = frozenset("""
read title entitle call name label mark spell write sign caption print engrave inscribe stamp
type text post chant mouth dub nickname
""".split())
# Nouns that name the words quoted after them ("the initials "E. L."", "the hymn, "Abide"").
QUOTING_NOUNS = frozenset("""
initial word phrase name title sign motto inscription label headline caption slogan hymn song
poem verse chorus line message note letter chapter book password
""".split())
LINE_SENTENCE_CHARS = 200  # how far into a line its first sentence is looked for
# The last word of narration run on into a line without a mark: a word that can end a clause.
# An adjective or an adverb ends one too ("She seemed uneasy", "He watched the tide sadly"), as
# does a verb's particle ("She looked up").
CLAUSE_END_POS = frozenset({"NOUN", "PROPN", "PRON", "VERB", "ADJ", "ADV"})
# The last word of a line's first part that leaves its sentence open ("I know," "I told him").
OPEN_LAST_POS = frozenset({"VERB", "AUX", "ADP", "SCONJ", "CCONJ", "DET", "PART"})
LINKING_LEMMAS = frozenset("be seem look feel sound appear become get grow remain stay".split())
OPEN_ENDED_TAGS = frozenset({"DT", "PDT", "IN", "CC", "TO", "PRP$", "WDT", "WP$"})


def check(ctx: CheckContext) -> Iterator[Finding]:
    for quote in ctx.quotes:
        for start, end in ctx.quote_parts(quote):
            yield from _after_part(ctx, start, end)
    yield from _unclosed(ctx)
    yield from _new_speaker(ctx)
    yield from _tag_then_line(ctx)
    yield from _beats_before_lines(ctx)
    yield from _split_lines(ctx)
    yield from _line_capitals(ctx)


def _line_capitals(ctx: CheckContext) -> Iterator[Finding]:
    """A line opening in lower case where a sentence starts: at its paragraph's start or
    after a full stop, ? or !. A story whose lines often open so is written that way."""
    text = ctx.text
    found, lines = [], 0
    for quote in ctx.quotes:
        start = ctx.quote_parts(quote)[0][0]
        paragraph = ctx.paragraph_at(start)
        if paragraph is None or text[start] not in OPENERS:
            continue
        lines += 1
        before = text[paragraph.start : start].rstrip()
        word = re.match(r"[a-z][a-z'’]*", text[start + 1 : start + 30])
        if word and (not before or before[-1] in ".?!") and not before.endswith("..") \
                and not (not before and _trails_off(text, paragraph.start)):
            found.append((start + 1, word.group()))
    if len(found) >= LOWER_LINES_MIN and len(found) > LOWER_LINES_SHARE * lines:
        return
    for at, word in found:
        if word == "i" or word.startswith(("i'", "i’")):
            continue  # the pronoun rule has it
        fixed = word[0].upper() + word[1:]
        yield Finding("dialogue.line-capital", CATEGORY, "error", at, at + len(word),
                      f"The line starts a sentence: '{fixed}'.", fixed, True)


def _trails_off(text: str, at: int) -> bool:
    """The text before ``at`` ends with a line trailing off ("...", "…", a dash): the next
    line may finish its sentence ('"The Ministry..."' / '"jobs..."')."""
    last = _last_printed(text, at)
    while last >= 0 and text[last] in CLOSERS:
        last -= 1
    return text[max(0, last - 2) : last + 1].endswith(("...", "…", "—", "–", "-"))


def _last_printed(text: str, at: int) -> int:
    """Where the last character before ``at`` that is no white space stands (-1: none), read
    backwards from ``at`` rather than by stripping the whole text before it."""
    last = at - 1
    while last >= 0 and text[last].isspace():
        last -= 1
    return last


def _split_lines(ctx: CheckContext) -> Iterator[Finding]:
    """The second part of a line split by its tag: '"I know," she said, "But ..."'."""
    text, tokens = ctx.text, ctx.work.layer("tokens")
    for quote in ctx.quotes:
        parts = ctx.quote_parts(quote)
        for (begin, end), (start, stop) in zip(parts, parts[1:], strict=False):
            between = text[end:start]
            if "\n" in between or not re.fullmatch(r"\s+[^.?!…]+[,.]\s+", between):
                continue  # one tag between the parts, not narration of several sentences
            if _introduces_anew(ctx, end, start) or _joined_narration(between):
                continue  # '..., before adding, "But ...': a second line, not the first's end
            word = re.match(r"[\"“'‘]([A-Za-z][a-z'’]*)\b", text[start:])
            if word is None:
                continue
            first = word.group(1)
            index = ctx.token_index.get(start + 1)
            comma = end + len(between.rstrip()) - 1  # the tag's last mark
            mark = text[comma]
            if mark == "," and text[end - 2] in ".?!" and first[0].isupper() \
                    and not text[begin:end].rstrip(CLOSERS).endswith("..") \
                    and not (between.strip()[:1].isupper() and _has_saying_verb(ctx, end, start)):
                # '"Stop!" he said, "You will fall."': the first line ended its sentence, so
                # its tag ends one too, and the next line starts a new one. A sentence of
                # narration that says who speaks next ('He shouts, "I've left!"') brings in
                # the second line, with its comma.
                yield _stop_after_tag(ctx, comma, start + 1 + len(first))
                continue
            if mark == "," and text[end - 2] == "," and first[0].isupper():
                # "I" and a name keep their capital anywhere: only two long sentences say
                # that the comma, not the capital, is the slip.
                kept = first in ("I", "I'm", "I’m", "I'll", "I’ll", "I'd", "I’d", "I've", "I’ve") \
                    or index is not None and tokens[index].get("tag", "").startswith("NNP") \
                    or _story_capital(text, first)
                two = _two_sentences(ctx, (begin, end), (start, stop)) \
                    or _question_after_statement(ctx, (begin, end), (start, stop))
                if two and (not kept or _both_whole(ctx, (begin, end), (start, stop))):
                    yield _stop_after_tag(ctx, comma, start + 1 + len(first))
                    continue
                if kept or two:
                    continue
                fixed = first[0].lower() + first[1:]
                yield Finding("dialogue.split-line-case", CATEGORY, "error", comma,
                              start + 1 + len(first),
                              f"The line goes on with its sentence: '{fixed}'.",
                              text[comma : start + 1] + fixed, True)
                continue
            elif mark == "." and first[0].islower():
                if text[end - 2] == "," and _has_saying_verb(ctx, end, start) \
                        and _left_open(ctx, begin, end - 2):
                    continue  # '"I said," he began. "that ...': the slip is the tag's stop
                fixed = first[0].upper() + first[1:]
            elif mark == "," and text[end - 2] == "," and first != "i" \
                    and _starts_anew(ctx, (begin, end), (start, stop)):
                capital = first[0].upper() + first[1:]
                yield Finding("dialogue.split-line-case", CATEGORY, "error", comma,
                              start + 1 + len(first),
                              "The line after the tag starts a new sentence: end the tag with "
                              f"a full stop and write '{capital}'.",
                              "." + text[comma + 1 : start + 1] + capital, True)
                continue
            else:
                continue
            yield Finding("dialogue.split-line-case", CATEGORY, "error", start + 1,
                          start + 1 + len(first),
                          f"The line goes on with its sentence: '{fixed}'."
                          if fixed[0].islower() else f"A new sentence starts here: '{fixed}'.",
                          fixed, True)


def _story_capital(text: str, word: str) -> bool:
    """A name, whatever the tagger took it for: the dictionary has no such word in lower case
    ("Hufflepuff"), or the story writes it with its capital inside a sentence and never in
    lower case ("the Ravenclaw table")."""
    if not word.isalpha() or not word[:1].isupper() or not word[1:].islower():
        return False  # a contraction ("You're") is no name
    if not listed(word.lower()):
        return True
    inside = re.search(rf"[a-z,;] {re.escape(word)}\b", text)
    return inside is not None and re.search(rf"\b{re.escape(word.lower())}\b", text) is None


def _question_after_statement(ctx: CheckContext, first: tuple[int, int],
                              second: tuple[int, int]) -> bool:
    """The second part is a question and the first is not, nor a lead-in ending with the
    name of whoever is asked ('"I just got here," she smiled, "How was the trip?"'): a
    question does not go on with a statement's sentence, so its capital starts a new one.
    ('"Honestly, Mara," he sighed, "Why ..."' goes on: 'Honestly, Mara, why ...')."""
    text = ctx.text
    opened = text[second[0] + 1 : second[1]]
    ending = re.search(r"[.?!…]", opened)
    if ending is None or ending.group() != "?":
        return False
    index = ctx.token_index.get(second[0] + 1)
    tokens = ctx.work.layer("tokens")
    if index is not None and tokens[index].get("pos") == "CCONJ":
        return False  # '"..., "Or did that change?"': joined to what came before
    body = text[first[0] + 1 : first[1]].rstrip(CLOSERS + " ,")
    if not body or body[-1] in "?!" or "?" in body:
        return False
    if _lone_subordinate(ctx, first[0], first[0] + 1 + len(body)):
        return False  # '"If I may ask," she said, "How ...': the question is its main clause
    last = re.search(r"([\w'’-]+)\W*$", body)
    if last is None:
        return False
    at = first[0] + 1 + last.start(1)
    index = ctx.token_index.get(at)
    vocative = ctx.character_at(at) is not None or index is not None \
        and tokens[index].get("tag", "").startswith("NNP") and "," in body
    return not vocative


def _has_saying_verb(ctx: CheckContext, start: int, end: int) -> bool:
    """The narration between two parts of a line holds a verb of saying: it is the line's
    tag, whatever mark ends it."""
    tokens = ctx.work.view("tokens")
    return any(tokens[i].get("lemma", "").lower() in TAG_LEMMAS
               and tokens[i].get("pos") in ("VERB", "AUX")
               for i in tokens.indices_between(start, end))


def _left_open(ctx: CheckContext, begin: int, comma: int) -> bool:
    """The first part's last sentence cannot end where its comma stands: it is no clause
    ("And besides,") or it ends with a verb of saying ("I said,"), whose words follow.
    ('"I know," she said. "but ..."' could end there: its capital is the slip.)"""
    body = ctx.text[begin + 1 : comma]
    stops = [m.end() for m in re.finditer(r"[.?!…]+\s*", body)]
    start = begin + 1 + (stops[-1] if stops else 0)
    tokens = ctx.work.view("tokens")
    words = [tokens[i] for i in tokens.indices_between(start, comma)
             if tokens[i].get("pos") not in ("PUNCT", "SPACE") and tokens[i].end <= comma]
    if not words:
        return False
    return words[-1].get("lemma", "").lower() in SAYING_LEMMAS \
        or not _independent_clause(ctx, start - 1, comma)


def _joined_narration(between: str) -> bool:
    """The narration after a line's first part opens with "and" or "but" ('..., and in a
    whisper he went on, "And if ..."'): a clause of its own that brings in the next line,
    not the first part's tag, so the mark after it is no slip."""
    return re.match(r"\s*(?:and|but|then)\b", between) is not None


def _stop_after_tag(ctx: CheckContext, comma: int, word_end: int) -> Finding:
    """The comma after the tag and the capital that follows it disagree; the finding spans
    both, since either may be the slip, and the line before the tag being a whole sentence
    says the comma is."""
    return Finding("dialogue.split-line-case", CATEGORY, "error", comma, word_end,
                   "The line before the tag is a whole sentence and so is the one after it, "
                   "which starts with a capital: end the tag with a full stop.",
                   "." + ctx.text[comma + 1 : word_end])


def _both_whole(ctx: CheckContext, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Both parts of a line split by its tag are whole sentences of a few words at least, the
    second opening with a capital ('"Harry lives with his aunt," he said, "I saw him
    there."'): the writer began a new sentence, and the comma after the tag is a slip. Two
    short clauses ('"I know," she said, "I will come."') read as a splice the guide allows."""
    words = [len(re.findall(r"[\w'’-]+", ctx.text[a:b])) for a, b in (first, second)]
    return min(words) >= SPLIT_SENTENCE_WORDS and _two_sentences(ctx, first, second)


def _starts_anew(ctx: CheckContext, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """The second part, in lower case after the tag's comma, cannot go on with the first:
    the first is a whole sentence that asks for nothing more (not '"I told him," she said,
    "you would come."'), and the second opens a sentence of its own with its subject or, in
    a question, with its auxiliary and subject ('"Stay on the path," she said, "you will get
    lost."', '"The ladder will tip," she called, "would you hold it?"')."""
    if not _both_whole(ctx, first, second):
        return False
    tokens = ctx.work.view("tokens")
    before = [tokens[i] for i in tokens.indices_between(first[0], first[1])
              if tokens[i].get("pos") not in ("PUNCT", "SPACE")]
    after = [tokens[i] for i in tokens.indices_between(second[0], second[1])
             if tokens[i].get("pos") not in ("PUNCT", "SPACE")]
    if not before or len(after) < 2 or before[-1].get("pos") in OPEN_LAST_POS \
            or before[-1].get("tag") in OPEN_ENDED_TAGS:
        return False
    if any(t.get("dep") == "mark" and t.get("tag") == "IN" and t.get("lemma") != "that"
           for t in before):
        return False  # "... that while we think he is great," she said, "we have doubts"
    if len(before) > 1 and ctx.work.span_text(before[-1]).lower() in OBJECT_PRONOUNS \
            and before[-2].get("pos") == "VERB":
        return False  # "I told him," ...: what was told may follow
    opening, then = after[0], after[1]
    if opening.get("dep") in SUBJECT_DEPS and opening.get("tag") in ("PRP", "NNP", "NNPS"):
        return then.get("tag") in FINITE_TAGS | {"MD"}
    if not ctx.text[second[0] : second[1]].rstrip(CLOSERS + " ").endswith("?"):
        return False  # "..., "should he deign to come."": a condition going on with it
    return opening.get("tag") == "MD" or opening.get("pos") == "AUX" and opening.get(
        "tag") in FINITE_TAGS and then.get("tag") == "PRP" and then.get("dep") in SUBJECT_DEPS


def _two_sentences(ctx: CheckContext, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Each part of the split line is a sentence of its own, or the first is one word other
    than an adverb ("Relax," he said, "There's time." / "Hey," she said, "Can I ..."): the
    capital is right and the slip, if any, is the comma after the tag, which has more than
    one fix. An adverb leads into the sentence ("Anyway," she said, "once we ...")."""
    words = re.findall(r"[\w'’-]+", ctx.text[first[0] : first[1]])
    if len(words) <= 1:
        index = ctx.token_index.get(first[0] + 1)
        return index is None or ctx.work.layer("tokens")[index].get("pos") not in ("ADV", "CCONJ")
    second_end = re.search(r"[.?!…]", ctx.text[second[0] + 1 : second[1]])
    stop = second[0] + 1 + second_end.start() if second_end else second[1]
    return _independent_clause(ctx, *first) \
        and _independent_clause(ctx, second[0], stop, leading_clause=True) \
        and not _lone_subordinate(ctx, second[0], stop)


def _lone_subordinate(ctx: CheckContext, start: int, end: int) -> bool:
    """The words open with a word making their clause subordinate and hold no second
    clause after a comma ('"If the tide allows."'): a condition hanging on what came
    before, not a sentence ('"If my leg holds, we spar."' is one)."""
    tokens = ctx.work.view("tokens")
    words = [tokens[i] for i in tokens.indices_between(start, end)
             if tokens[i].get("pos") not in ("PUNCT", "SPACE")]
    return bool(words) and words[0].get("dep") == "mark" and "," not in ctx.text[start + 1:end]


def _independent_clause(ctx: CheckContext, start: int, end: int,
                        leading_clause: bool = False) -> bool:
    """The words hold a clause that stands alone: a finite verb with its subject, or a
    command (its first word a bare verb), and no word making it subordinate ("When the
    bell rings", "If I may"). A sentence may open with such a clause before its main one
    ("If my leg holds, we spar"): ``leading_clause`` lets it."""
    tokens = ctx.work.view("tokens")
    inside = [tokens[i] for i in tokens.indices_between(start, end) if tokens[i].end <= end]
    words = [t for t in inside if t.get("pos") not in ("PUNCT", "SPACE")]
    if not words:
        return False
    if not leading_clause and (
            words[0].get("tag") in ("WRB", "IN") and words[0].get("pos") == "SCONJ"
            or any(t.get("dep") == "mark" for t in words[:3])):
        return False  # "When the bell rings", "Now that you mention it": it depends
    if words[0].get("tag") == "VB" and words[0].get("pos") == "VERB":
        return True
    indices = {ctx.token_index.get(t.start, -1) for t in words}
    subjects = {t.get("head") for t in words if t.get("dep") in SUBJECT_DEPS}
    return any(t.get("tag") in FINITE_TAGS | {"MD"} and ctx.token_index.get(t.start) in subjects
               or t.get("tag") in FINITE_TAGS | {"MD"} and t.get("dep") == "aux"
               and t.get("head") in subjects & indices
               for t in words)


def _introduces_anew(ctx: CheckContext, end: int, start: int) -> bool:
    """The narration between two parts of a line goes on past its tag, and its last phrase
    has a verb of saying of its own ('Seamus muttered, before adding,', 'she said, and then,
    as she turned, added,'): what follows is a line of its own, which opens with a capital."""
    between = ctx.text[end:start].rstrip()
    inner = between[:-1].rfind(",")
    if inner < 0:
        return False
    tokens = ctx.work.view("tokens")
    for index in tokens.indices_between(end + inner + 1, end + len(between)):
        token = tokens[index]
        lemma = token.get("lemma", "").lower()
        if lemma in SAYING_LEMMAS or _saying_form(ctx.work.span_text(token), SAYING_LEMMAS):
            return True
    return False


def _beats_before_lines(ctx: CheckContext) -> Iterator[Finding]:
    """'He shook his head, "No."': narration with a finite verb of its own and no verb of
    saying, run into the line that follows it with a comma or with no mark at all."""
    text = ctx.text
    # every part of a line: narration between two parts may be a beat too ('"Oh." She took a
    # breath. She seemed nervous "Simon."')
    starts = [(start, number > 0) for quote in ctx.quotes
              for number, (start, _) in enumerate(ctx.quote_parts(quote))]
    for start, later in starts:
        paragraph = ctx.paragraph_at(start)
        if paragraph is None or text[start] not in OPENERS or ctx.in_note(start):
            continue
        if not _OPENS_SENTENCE.match(text, start + 1):
            continue
        before = _BEFORE_LINE.search(text, paragraph.start, start)
        if before is None:
            if not later and not text[paragraph.start:start].strip(" \t*_>"):
                yield from _beat_ending_paragraph(ctx, paragraph.start)
            continue
        breaks = list(_SENTENCE_BREAK.finditer(text, paragraph.start, before.start(2)))
        begin = breaks[-1].end() if breaks else paragraph.start
        if breaks and text[breaks[-1].start() - 1 : breaks[-1].start()] == ",":
            continue  # the narration between two parts of one line: its tag
        if breaks and re.search("[\"”]", breaks[-1].group()) and text[begin:begin + 1].islower():
            continue  # '"...occurred…" he sighed, "I'm sure"': a beat set as a tag, if any
            # slip (dialogue.beat-as-tag's, which leaves a sound of the voice alone)
        clause = _narration_tokens(ctx, begin, before.start(2))
        comma = bool(before.group(2))
        if not clause or not _is_beat(ctx, clause) or comma and _in_narration_phrase(
                ctx, clause, start):
            continue
        if clause[-1].get("tag") in OPEN_ENDED_TAGS or not comma and not _ends_clause(ctx, clause):
            continue  # "with a, "Sorry."": the line is part of the narration's phrase
        if _quotes_object(clause[-1]) or later and not comma and clause[-1].get("pos") == "VERB":
            continue  # "a chapter titled "A Shortcut."": the quotation is the verb's object
            # (as a later part of a quotation run on from a verb with no mark most often is:
            # '"...," she said, and found "Central Italy," by its author')
        at = before.start(2) if comma else before.start(1)
        mark = text[at : before.end(2)]
        yield Finding("dialogue.beat-before-line", CATEGORY, "warning", at, before.end(2),
                      "An action, not a way of speaking: end it with a full stop before the "
                      "line.", "." if comma else mark + ".")


def _beat_ending_paragraph(ctx: CheckContext, start: int) -> Iterator[Finding]:
    """'She shrugged,' closing a paragraph before a line of speech in the next one: the
    paragraph's last sentence is an action, which ends with a full stop. A verb of saying there
    ('he yelled,') introduces the line and is left alone."""
    text = ctx.text
    comma = _last_printed(text, start)
    if comma < 1 or text[comma] != "," or not text[comma - 1].isalpha() \
            or ctx.in_quote(comma - 1) or ctx.in_note(comma):
        return
    paragraph = ctx.paragraph_at(comma - 1)
    if paragraph is None:
        return
    breaks = list(_SENTENCE_BREAK.finditer(text, paragraph.start, comma))
    begin = breaks[-1].end() if breaks else paragraph.start
    clause = _narration_tokens(ctx, begin, comma)
    if not clause or not _is_beat(ctx, clause) or clause[-1].get("tag") in OPEN_ENDED_TAGS \
            or _resumes_after(ctx, start):
        return
    yield Finding("dialogue.beat-before-line", CATEGORY, "warning", comma, comma + 1,
                  "An action, not a way of speaking: end it with a full stop before the line.",
                  ".")


def _resumes_after(ctx: CheckContext, start: int) -> bool:
    """The paragraph after the line's own goes on in lower case ('a sudden, / "RUN!" / shout
    rang out'): the narration's sentence runs round the line."""
    line = ctx.paragraph_at(start)
    if line is None:
        return False
    following = re.match(r"\s*[*_]*([^\W\d_])", ctx.text[line.end : line.end + 40])
    return following is not None and following.group(1).islower()


def _quotes_object(word: Span) -> bool:
    lemma = word.get("lemma", "").lower()
    if word.get("pos") == "NOUN":
        return lemma in QUOTING_NOUNS
    return word.get("pos") in ("VERB", "AUX") and (
        lemma in QUOTING_LEMMAS or lemma.startswith("re") and lemma[2:] in QUOTING_LEMMAS)


def _saying_form(word: str, saying: frozenset[str] | set[str]) -> bool:
    """An -ing form of a verb of saying, whatever the parse took it for ("before
    stammering": a gerund the parse may call a noun, with itself as its lemma)."""
    word = word.lower()
    if not word.endswith("ing"):
        return False
    stems = {word[:-3], word[:-3] + "e"}
    if len(word) > 5 and word[-4] == word[-5]:  # stopping -> stop
        stems.add(word[:-4])
    return bool(stems & saying)


def _ends_clause(ctx: CheckContext, clause: list[Span]) -> bool:
    """The last word can end a clause and belongs to it (not "a loud" before a quoted
    title it describes)."""
    word = clause[-1]
    first = ctx.token_index.get(clause[0].start, -1)
    last = ctx.token_index.get(word.start, -1)
    ends = word.get("pos") in CLAUSE_END_POS or word.get("dep") == "prt"
    if word.get("pos") == "ADJ" and _open_noun_phrase(clause):
        return False  # "a loud "Not again!"": the adjective describes the quotation
    return ends and (first <= word.get("head", -1) <= last or _complements_link(clause))


def _open_noun_phrase(clause: list[Span]) -> bool:
    """Going back from the clause's end, a determiner comes before any noun or verb ("a
    faint and sleepy"): a noun phrase whose noun is the quotation after it."""
    for token in reversed(clause):
        if token.get("tag") in ("DT", "PRP$"):
            return True
        if token.get("pos") in ("NOUN", "PROPN", "PRON", "VERB", "AUX"):
            return False
    return False


def _complements_link(clause: list[Span]) -> bool:
    """The clause ends with an adjective right after a linking verb ("She seemed nervous",
    "He looked so tired"), which the parse may hang on the line after it when no full stop
    parts them: the adjective completes the clause."""
    words = [t for t in clause if t.get("tag") not in ("RB", "RBS", "RBR")]
    return len(words) > 1 and words[-1].get("pos") == "ADJ" \
        and words[-2].get("lemma", "").lower() in LINKING_LEMMAS


def _narration_tokens(ctx: CheckContext, start: int, end: int) -> list[Span]:
    tokens = ctx.work.view("tokens")
    return [tokens[i] for i in tokens.indices_between(start, end)
            if tokens[i].end <= end and not ctx.in_quote(tokens[i].start)]


def _is_beat(ctx: CheckContext, clause: list[Span]) -> bool:
    """A clause with a finite verb of its own (the clause's head, or joined to it by "and")
    and no verb of saying anywhere in it ("she turned and said", "before she answered"). A
    sound of the voice before the line ("Mara laughed, "Yes."") is a beat too: one laughs
    or sighs, then speaks."""
    first = ctx.token_index.get(clause[0].start, -1)
    last = ctx.token_index.get(clause[-1].start, -1)
    tokens = ctx.work.layer("tokens")
    main: set[int] = set()
    for position, token in enumerate(clause):
        index, head = ctx.token_index.get(token.start, -1), token.get("head", -1)
        lemma = token.get("lemma", "").lower()
        said = lemma in BEAT_BREAKING_LEMMAS or token.get("pos") in (
            "VERB", "NOUN") and _saying_form(ctx.work.span_text(token), BEAT_BREAKING_LEMMAS)
        if lemma == "go" and token is not clause[-1]:
            said = False  # "his pulse went back down": a movement; "she went, "Hm"" speaks
        if token.get("pos") in ("VERB", "NOUN") and said \
                and _next_words(ctx, tokens, index) != ("out", "of"):
            return False
        heading = not first <= head <= last or head == index
        if heading and any(t.get("head") == index and (t.get("dep") == "mark" or t.get(
                "dep") == "advmod" and t.get("tag") == "WRB") for t in clause):
            continue  # "Then, when the tide turned, "Fine."": no main clause of its own
        joined = token.get("dep") == "conj" and head in main
        # A past participle heading the clause is a past form: "Her face scrunched up".
        if token.get("tag") in FINITE_TAGS and (heading or joined) \
                or token.get("tag") == "VBN" and heading \
                or token.get("tag") == "VBG" and heading \
                and _has_finite_auxiliary(clause, index, position):
            main.add(index)
    return bool(main)


def _has_finite_auxiliary(clause: list[Span], index: int, position: int) -> bool:
    """'The baker was sweeping her step': the -ing form heads a finite clause by its
    auxiliary, and is the clause's last verb ('He is halfway up the bank when he pauses and
    calls back' ends on a way of speaking the parse hangs lower)."""
    return any(t.get("head") == index and t.get("dep") == "aux" and t.get("tag") in FINITE_TAGS
               for t in clause) \
        and not any(t.get("pos") == "VERB" for t in clause[position + 1 :])


def _next_words(ctx: CheckContext, tokens: list[Span], index: int) -> tuple[str, ...]:
    """The two words after the verb ("snapped out of it": no way of speaking)."""
    return tuple(ctx.work.span_text(t).lower() for t in tokens[index + 1 : index + 3])


def _in_narration_phrase(ctx: CheckContext, clause: list[Span], start: int) -> bool:
    """The line's first sentence hangs on the noun or adjective the narration ends with
    ("There burst from him the exclamation, "Good Lord!"", "a loud "Not again""): the
    line is a part of that phrase, not a sentence after an action."""
    tokens = ctx.work.view("tokens")
    last_word = clause[-1]
    if last_word.get("pos") not in ("NOUN", "PROPN", "ADJ"):
        return False
    last = ctx.token_index.get(last_word.start, -1)
    sentence = None
    for index in tokens.indices_between(start, start + LINE_SENTENCE_CHARS):
        token = tokens[index]
        sentence = token.get("sent") if sentence is None else sentence
        if token.get("sent") != sentence:
            break
        if token.get("head") == last and token.get("dep") != "punct":
            return True
    return False


def _tag_then_line(ctx: CheckContext) -> Iterator[Finding]:
    """'she said "come in."': a verb of saying right before a quotation, with no mark."""
    tokens = ctx.work.layer("tokens")
    # A one-word quotation may be the verb's object (answered "Yes", told him "no"), and one
    # that closes without a mark of its own is a phrase quoted, not a line spoken (a sign
    # that said "Keep out".)
    starts = {start for q in ctx.quotes for start, end in ctx.quote_parts(q)
              if len(ctx.text[start:end].split()) > 1
              and ctx.text[start:end].rstrip(CLOSERS)[-1:] in LINE_END_MARKS}
    for index, token in enumerate(tokens):
        gap = ctx.text[token.end : token.end + 2]
        if gap == ". " and token.end + 2 in starts:
            yield from _stop_after_saying(ctx, token)
            continue
        if gap[:1] != " " or token.end + 1 not in starts:
            continue
        verb = token
        if token.get("tag") == "RB" and ctx.work.span_text(token).endswith("ly") and index:
            verb = tokens[index - 1]  # 'said incredulously "... a trooper."'
        if verb.get("tag") not in ("VBD", "VBZ") or ctx.in_quote(token.start):
            continue
        if verb.get("lemma", "").lower() not in TAG_LEMMAS:
            continue
        word = ctx.work.span_text(token)
        yield Finding("dialogue.tag-comma", CATEGORY, "error", token.start, token.end + 1,
                      f"Put a comma after '{word}' before the line it introduces.",
                      f"{word}, ", True)


def _stop_after_saying(ctx: CheckContext, token: Span) -> Iterator[Finding]:
    """'Then the ferryman said. "Mind the rope."': a verb that needs what is said as its
    object ends a sentence of narration, and the line that follows is that object. (After
    a line, '"Fine," he added. "Go on."', the verb's object is the line before it.)"""
    if token.get("tag") not in ("VBD", "VBZ") or ctx.in_quote(token.start) \
            or token.get("lemma", "").lower() not in OBJECT_SAYING_LEMMAS:
        return
    tokens = ctx.work.layer("tokens")
    index = ctx.token_index.get(token.start)
    if index is None or any(t.get("head") == index and t.get("dep") in ("dobj", "ccomp")
                            for t in tokens[max(0, index - 8) : index + 1]):
        return
    sentence = token.get("sent")
    first = index
    while first > 0 and tokens[first - 1].get("sent") == sentence:
        first -= 1
    begin = tokens[first].start - 3
    sentence_text = ctx.text[max(0, begin - 40) : token.start]
    if ctx.in_quote(tokens[first].start) or any(mark in sentence_text for mark in "\"”") \
            or any(begin <= end <= token.start for quote in ctx.quotes
                   for _, end in ctx.quote_parts(quote)):
        return  # the sentence is the tag of a line before it (or holds one)
    word = ctx.work.span_text(token)
    yield Finding("dialogue.tag-comma", CATEGORY, "error", token.end, token.end + 1,
                  f"'{word}' takes the line that follows as what is said: a comma, not a full "
                  "stop, before it.", ",", True)


def _tagged_speaker(quote) -> str | None:
    if quote.get("type") != "Explicit" or (quote.get("confidence") or 0) < NEW_SPEAKER_CONFIDENCE:
        return None
    return quote.get("speaker")


def _new_speaker(ctx: CheckContext) -> Iterator[Finding]:
    """Two tagged lines of two speakers in one paragraph, unless the narration between them
    already hands over to the second speaker ("..." Mara shouted just as Ilse said, "...")."""
    quotes = sorted(ctx.quotes, key=lambda q: q.start)
    for first, second in zip(quotes, quotes[1:], strict=False):
        paragraph = ctx.paragraph_at(first.start)
        if paragraph is None or not second.start < paragraph.end:
            continue
        speakers = _tagged_speaker(first), _tagged_speaker(second)
        if None in speakers or speakers[0] == speakers[1]:
            continue
        if speakers[1] in ctx.subjects_between(first.end, second.start):
            continue
        yield Finding("dialogue.new-speaker", CATEGORY, "warning", second.start,
                      second.start + 1, "Another character speaks here: start a new paragraph.",
                      None, False)


IRREGULAR_PAST = {"said": "say", "told": "tell", "spoke": "speak", "began": "begin",
                  "sang": "sing", "thought": "think", "wrote": "write", "went": "go"}


def _is_tag_verb(ctx: CheckContext, start: int, word: str) -> bool:
    """The word at ``start`` is a verb of saying: by the token's lemma, or (text not parsed)
    by the regular endings of the word."""
    index = ctx.token_index.get(start)
    if index is not None:
        tokens = ctx.work.layer("tokens")
        lemma = tokens[index].get("lemma", "").lower()
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        particle = ctx.text[following.start:following.end].lower() if following else ""
        if particle in MOTION_PARTICLES and following.get("dep") == "prt":
            return False  # "His head snapped up": a movement
        if following is not None and following.start == tokens[index].end + 1 \
                and lemma in ASPECT_LEMMAS and _goes_on_with(tokens, index + 1, particle):
            return False  # "We continued walking", "she began to cry": an action goes on
        return lemma in TAG_LEMMAS or (lemma, particle) in PHRASAL_TAGS
    word = word.lower()
    forms = {word, IRREGULAR_PAST.get(word, word), word[:-1], word[:-2], word[:-3] + "y"}
    if len(word) > 4 and word[-3] == word[-4]:  # snapped -> snap
        forms.add(word[:-3])
    return bool(forms & TAG_LEMMAS)


def _goes_on_with(tokens: list[Span], following: int, word: str) -> bool:
    """The verb is followed by an -ing form or by "to" and a bare verb: it names an action
    begun or continued, not a way of speaking ("whispered to the boy" is one)."""
    if tokens[following].get("tag") == "VBG":
        return True
    after = tokens[following + 1] if following + 1 < len(tokens) else None
    return word == "to" and after is not None and after.get("tag") == "VB"


def _after_part(ctx: CheckContext, start: int, end: int) -> Iterator[Finding]:
    text = ctx.text
    inner = text[start:end].rstrip()
    if len(inner) < 3 or inner[-1] not in CLOSERS and not (text[start] == "„" and inner[-1] == "“"):
        return  # („...“: German and Polish typography close a low opening mark with “)
    last = inner[-2]
    after = text[end : end + 80]
    ends_open = last in "?!," or inner[:-1].endswith(("...", "…"))
    if ends_open:
        yield from _capitalised(ctx, after, end)
    if last in "?!":
        yield from _comma_after_mark(ctx, after, end)
        yield from _beat_after_mark(ctx, after, end)
    if last in "-–—…" or inner[:-1].endswith("..."):
        yield from _beat_after_break(ctx, after, end)
    elif last == ".":
        yield from _period_tag(ctx, start, end, after)
    elif last.isalpha():
        if not _embedded(ctx.text, start):
            yield from _outside(ctx, after, end, inner)
            if _opens_sentence(ctx.text, start):
                yield from _mark_outside(after, end, inner)
        comma = list(_missing_comma(ctx, after, end, inner))
        if comma or not _set_in_emphasis(ctx, end) and not _no_sentence(ctx, start, end):
            yield from comma or _missing_stop(after, end, inner)
    if last == ",":
        yield from _beat(text, end, after)
        if not _embedded(text, start):  # 'visitors from the "Quarter," it enabled her ...'
            yield from _action_after_comma(ctx, after, end)
        if inner[-3] in "?!.":
            yield Finding("dialogue.doubled-mark", CATEGORY, "error", end - 3, end - 1,
                          f"The '{inner[-3]}' ends the line: no comma after it.", inner[-3],
                          True)


def _comma_after_mark(ctx: CheckContext, after: str, end: int) -> Iterator[Finding]:
    """'"Who knows?", asked Wren': a line ending in ? or ! takes no comma before its tag,
    inside the quotes or outside them."""
    match = _OUTSIDE.match(after)
    if match and match[1] == "," and _is_tag_verb(ctx, end + match.start(3), match[3].lower()) \
            or _inverted_tag_after_comma(after):
        mark = ctx.text[end - 2]
        yield Finding("dialogue.doubled-mark", CATEGORY, "error", end, end + 1,
                      f"The '{mark}' ends the line: no comma after it.", "", True)


def _past_action(ctx: CheckContext, verb_at: int, verb: str,
                 speaking: frozenset[str] = frozenset(),
                 tags: tuple[str, ...] = ("VBD",)) -> int | None:
    """The token index of the verb at ``verb_at`` when it is a finite action: no verb of
    saying, nor a gesture, sound or fading many writers use as a tag (nor one of
    ``speaking``); None otherwise."""
    if _is_tag_verb(ctx, verb_at, verb) or _says(ctx, verb_at) or verb in ACTION_BEATS:
        return None
    index = ctx.token_index.get(verb_at)
    if index is None:
        return None
    token = ctx.work.layer("tokens")[index]
    if token.get("tag") not in tags or token.get("lemma", "").lower() in (
            VOICE_SOUNDS | TAG_ACTIONS | TRAILING | speaking):
        return None
    return index


def _beat_after_mark(ctx: CheckContext, after: str, end: int) -> Iterator[Finding]:
    """'"Who knows?" it had no answer', '"Wait!" he suddenly grabbed her wrist': after a line
    ending in ? or !, a pronoun in lower case and a past verb that is no way of speaking,
    nor a gesture or sound many writers use as a tag, start a sentence: an action with
    something it acts on, as tags seldom have."""
    match = _LOWER_ADVERB_BEAT.match(after)
    if match is None:
        return
    index = _past_action(ctx, end + match.start(2), match.group(2), ADDRESSING_LEMMAS)
    if index is None or not _acts_on_something(ctx, index):
        return  # 'he sputtered', 'she pressed, surging forward': verbs many writers speak by
    word = match.group(1)
    yield Finding("dialogue.beat-as-tag", CATEGORY, "warning", end + match.start(1),
                  end + match.end(1),
                  f"An action, not a tag: a new sentence starts here: '{word.capitalize()}'.",
                  word.capitalize(), True)


def _beat_after_break(ctx: CheckContext, after: str, end: int) -> Iterator[Finding]:
    """'"Wait-" she pulled at his sleeve': after a line broken off, a pronoun and a past verb
    that is no way of speaking, nor a gesture or sound many writers use as a tag (nodded,
    laughed), start a sentence of their own."""
    match = _LOWER_BEAT.match(after)
    if match is None:
        yield from _phrase_after_break(ctx, after, end)
        return
    if _past_action(ctx, end + match.start(2), match.group(2)) is None:
        return
    start, stop = end + match.start(1), end + match.end(1)
    word = match.group(1)
    yield Finding("dialogue.beat-after-break", CATEGORY, "warning", start, stop,
                  f"An action, not a tag: a new sentence starts here: '{word.capitalize()}'.",
                  word.capitalize(), True)


def _phrase_after_break(ctx: CheckContext, after: str, end: int) -> Iterator[Finding]:
    """'"My..." the woman's eyes widened': after a line broken off, a noun phrase in lower
    case that the parse makes the subject of a past verb right after it, a verb that is no
    way of speaking nor a sound or gesture many writers use as a tag."""
    word = _LOWER_WORD.match(after)
    index = ctx.token_index.get(end + word.start(1)) if word else None
    if index is None or word.group(1) in ("i", "and", "but", "or", "so", "then"):
        return
    tokens = ctx.work.layer("tokens")
    sentence = tokens[index].get("sent")
    for verb in range(index + 1, min(index + 1 + NOUN_PHRASE_WORDS, len(tokens))):
        token = tokens[verb]
        if token.get("sent") != sentence or token.get("pos") == "PUNCT":
            return
        if token.get("pos") not in ("VERB", "AUX"):
            continue
        lemma = token.get("lemma", "").lower()
        # a past participle with its subject is a past form too ("her eyes widened")
        if token.get("tag") not in ("VBD", "VBN") or lemma in NOT_BEAT_LEMMAS \
                or ctx.work.span_text(token).lower() in ACTION_BEATS:
            return
        subjects = [j for j in range(index, verb) if tokens[j].get("head") == verb
                    and tokens[j].get("dep") in SUBJECT_DEPS]
        if not subjects or not all(_under(tokens, j, subjects[0]) for j in range(index, verb)):
            return
        start, stop = end + word.start(1), end + word.end(1)
        fixed = word.group(1).capitalize()
        yield Finding("dialogue.beat-after-break", CATEGORY, "warning", start, stop,
                      f"An action, not a tag: a new sentence starts here: '{fixed}'.", fixed,
                      True)
        return


def _under(tokens: list[Span], index: int, ancestor: int) -> bool:
    """The token at ``index`` belongs to the phrase headed by ``ancestor``."""
    seen: set[int] = set()
    while index != ancestor and index not in seen:
        seen.add(index)
        index = tokens[index].get("head", index)
    return index == ancestor


def _capitalised(ctx: CheckContext, after: str, end: int) -> Iterator[Finding]:
    match = _CAPITAL_TAG.match(after)
    if match and match.group(1) != "I" and _is_tag_verb(ctx, end + match.start(2), match[2]):
        start, stop = end + match.start(1), end + match.end(1)
    else:
        first = _other_tag(ctx, after, end)
        if first is None:
            return
        start, stop = first
    word = ctx.text[start:stop]
    yield Finding("dialogue.capitalised-tag", CATEGORY, "error", start, stop,
                  f"The tag continues the sentence: write '{word.lower()}', not '{word}'.",
                  word.lower(), True)


def _other_tag(ctx: CheckContext, after: str, end: int) -> tuple[int, int] | None:
    """The capitalised first word of a tag that opens with its verb ("Said Jiro") or with a
    noun phrase as its subject ("The girl interjected"), as offsets."""
    inverted = _INVERTED.match(after)
    # By the word's form: the parse takes a capitalised "Said" for a name.
    if inverted and inverted.group(1).lower() in _past_tag_forms():
        return end + inverted.start(1), end + inverted.end(1)
    determined = _DETERMINED.match(after)
    if determined and _noun_phrase_then_tag(ctx, end + determined.start(1)):
        return end + determined.start(1), end + determined.end(1)
    return None


def _past_tag_forms() -> frozenset[str]:
    """Past forms of the verbs of saying (said, asked, replied ...), as a tag opens with."""
    return _past_forms(TAG_LEMMAS)


@lru_cache(maxsize=2)
def _past_forms(lemmas: frozenset[str]) -> frozenset[str]:
    """The past forms of these verbs: regular ones by rule, irregular ones from the table."""
    forms = {past for past, lemma in IRREGULAR_PAST.items() if lemma in lemmas}
    for lemma in lemmas:
        if lemma.endswith("e"):
            forms.add(lemma + "d")
        elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
            forms.add(lemma[:-1] + "ied")
        else:
            forms.update({lemma + "ed", lemma + lemma[-1] + "ed"})
    return frozenset(forms)


def _noun_phrase_then_tag(ctx: CheckContext, start: int) -> bool:
    """From the determiner at ``start``, nouns and adjectives only, then a verb of saying."""
    index = ctx.token_index.get(start)
    if index is None:
        return False
    tokens = ctx.work.layer("tokens")
    for verb, token in enumerate(tokens[index + 1 : index + 1 + NOUN_PHRASE_WORDS], index + 1):
        if token.get("tag") in NOUN_PHRASE_TAGS:
            continue
        return token.get("pos") == "VERB" and _is_tag_verb(
            ctx, token.start, ctx.text[token.start:token.end]) and not _reports(tokens, verb)
    return False


def _reports(tokens: list[Span], verb: int) -> bool:
    """The verb takes an object or a clause ("The ticket clerk warned that ..."): narration
    reporting speech, not a tag."""
    return any(t.get("head") == verb and t.get("dep") in REPORTED
               for t in tokens[verb + 1 : verb + 1 + NOUN_PHRASE_WORDS])


def _period_tag(ctx: CheckContext, start: int, end: int, after: str) -> Iterator[Finding]:
    text = ctx.text
    if re.sub(r"\.{2,}", "", text[start:end]).count(".") > 3:
        return
    match = _PERIOD_TAG.match(after)
    if not match or not _is_tag_verb(ctx, end + match.start(2), match[2]):
        match = _PERIOD_ADVERB_TAG.match(after)
    if not match or not _is_tag_verb(ctx, end + match.start(2), match[2]):
        yield from _period_other_tag(ctx, end, after)
        return
    if _narrates(ctx, end, end + match.start(2)):
        return
    word = match.group(1)
    pronoun = word.lower() if word.lower() in {"he", "she", "they", "we", "you"} else word
    period = end - 2
    yield Finding("dialogue.period-before-tag", CATEGORY, "error", period, end + match.end(1),
                  "A line followed by its tag ends with a comma: "
                  f'"…,{text[end - 1]} {pronoun} …".',
                  f",{text[end - 1]}{after[: match.start(1)]}{pronoun}")
    yield from _tag_runs_into_line(ctx, end)


def _narrates(ctx: CheckContext, end: int, verb_at: int) -> bool:
    """The sentence after the line is narration, not its tag: it starts a paragraph of its
    own (a text whose paragraphs are single lines), or its verb of saying takes a noun, or
    a pronoun standing for the line, as its object ('"Sorry." I asked him a question',
    '"Mara." I called out her name', '"Late." She said it flatly.')."""
    here, there = ctx.paragraph_at(end - 1), ctx.paragraph_at(verb_at)
    if here is not None and there is not None and here.start != there.start:
        return True
    index = ctx.token_index.get(verb_at)
    if index is None:
        return False
    tokens = ctx.work.layer("tokens")
    for token in tokens[index + 1 : index + 1 + NOUN_PHRASE_WORDS]:
        if ctx.work.span_text(token) in CLAUSE_BREAKS:
            return False  # 'said, his eye gleaming': a phrase of its own, not the object
        if token.get("head") == index and token.get("dep") == "dobj" and (
                token.get("tag") in ("NN", "NNS")
                or ctx.work.span_text(token).lower() in LINE_PRONOUNS):
            return True
    return False


def _period_other_tag(ctx: CheckContext, end: int, after: str) -> Iterator[Finding]:
    first = _other_tag(ctx, after, end)
    lower = _LOWER_INVERTED.match(after)
    if first is None and lower and lower.group(1) in _past_tag_forms():
        first = end + lower.start(1), end + lower.end(1)  # '"Stop." said the guard'
    if first is None:
        return
    word = ctx.text[first[0] : first[1]]
    gap = after[: first[0] - end]
    yield Finding("dialogue.period-before-tag", CATEGORY, "error", end - 2, first[1],
                  "A line followed by its tag ends with a comma: "
                  f'"…,{ctx.text[end - 1]} {word.lower()} …".',
                  f",{ctx.text[end - 1]}{gap}{word.lower()}")
    yield from _tag_runs_into_line(ctx, end)


def _tag_runs_into_line(ctx: CheckContext, end: int) -> Iterator[Finding]:
    """'"Enough." Mara said, "We leave tonight."': the tag belongs to the line before it
    (whose stop is the slip flagged with it), so a comma ending the tag runs it into the next
    line, which opens a sentence with its capital: the tag ends with a full stop."""
    match = _TAG_TO_NEXT_LINE.match(ctx.text, end)
    if match is None or match[2] in FIRST_PERSON:
        return
    comma = match.start(1)
    yield Finding("dialogue.split-line-case", CATEGORY, "error", comma, match.end(2),
                  "The tag ends the line before it, and the next line starts a sentence: end "
                  "the tag with a full stop.", "." + ctx.text[comma + 1 : match.end(2)])


def _embedded(text: str, start: int) -> bool:
    """The quotation runs on from a word of narration ("she called it "home", he said"): a
    quoted word or phrase, whose comma may follow its closing mark (logical punctuation)."""
    before = text[max(0, start - 40) : start].rstrip(" \t")
    return bool(before) and (before[-1].isalnum() or before[-1] in "'’")


def _inverted_tag_after_comma(after: str) -> bool:
    """A comma, then a tag that opens with its past verb of saying (', said Wren')."""
    inverted = _INVERTED_AFTER_COMMA.match(after)
    return inverted is not None and inverted[1] in _past_tag_forms()


def _outside(ctx: CheckContext, after: str, end: int, inner: str) -> Iterator[Finding]:
    match = _OUTSIDE.match(after)
    if match and (_is_tag_verb(ctx, end + match.start(3), match[3].lower())
                  or (match[1] == "," and _says(ctx, end + match.start(3)))) \
            or _inverted_tag_after_comma(after):
        mark = after[0]
        yield Finding("dialogue.punctuation-outside", CATEGORY, "warning", end - 1, end + 1,
                      f"Put the '{mark}' inside the closing quotation mark.",
                      f"{mark}{inner[-1]}")


def _mark_outside(after: str, end: int, inner: str) -> Iterator[Finding]:
    """'"Where are you rowing"? he asked.': a line of speech that opens its sentence keeps its
    question or exclamation mark inside the quotation marks in every style, whatever follows.
    A quoted word inside a sentence ('is it "home"?') is left alone (``_embedded``)."""
    match = _MARK_AFTER.match(after)
    if match is None:
        return
    mark = match.group(1)
    yield Finding("dialogue.punctuation-outside", CATEGORY, "warning", end - 1, end + 1,
                  f"Put the '{mark}' inside the closing quotation mark.", f"{mark}{inner[-1]}",
                  True)


def _opens_sentence(text: str, start: int) -> bool:
    """Nothing but a paragraph break, a sentence's end or another quotation stands before
    the opening mark."""
    before = text[max(0, start - 40) : start].rstrip(" \t*_")
    return not before or before[-1] in "\n.!?…:" or before[-1] in CLOSERS


def _says(ctx: CheckContext, start: int) -> bool:
    """Any verb of saying, those that also name an action too ("...", George began): after a
    comma the clause can only be the line's tag."""
    index = ctx.token_index.get(start)
    tokens = ctx.work.layer("tokens")
    if index is not None and (tokens[index].get("lemma", "").lower() in SAYING_LEMMAS
                              or _goes_on_to_say(tokens, index)):
        return True
    # by the word's form where the tokens run it into the next line ('began—"Who')
    word = re.match(r"[a-z]+", ctx.text[start : start + 20])
    return word is not None and word.group() in _past_forms(SAYING_LEMMAS)


def _goes_on_to_say(tokens: list[Span], verb: int) -> bool:
    """The verb leads to a verb of saying through "to" ("she started to say", "he seemed to
    start to explain"): the clause is the line's tag."""
    heads = {verb}
    for at in range(verb + 1, min(verb + 1 + SAY_CHAIN_WORDS, len(tokens))):
        if tokens[at].get("dep") == "xcomp" and tokens[at].get("head") in heads:
            if tokens[at].get("lemma", "").lower() in SAYING_LEMMAS:
                return True
            heads.add(at)
    return False


def _missing_comma(ctx: CheckContext, after: str, end: int, inner: str) -> Iterator[Finding]:
    """'"Hello" she said': no mark between the last word of the line and its tag."""
    match = _PERIOD_TAG.match(after)
    if not match or not _is_tag_verb(ctx, end + match.start(2), match[2]):
        inverted = _LOWER_INVERTED.match(after)
        first = _other_tag(ctx, after, end) or (
            (end + inverted.start(1), end + inverted.end(1))
            if inverted and inverted.group(1) in _past_tag_forms() else None)
        if first is not None:
            word = ctx.text[first[0] : first[1]]
            yield Finding("dialogue.missing-comma", CATEGORY, "error", end - 2, first[1],
                          "A line followed by its tag ends with a comma.",
                          f"{inner[-2]},{inner[-1]}{after[: first[0] - end]}{word.lower()}",
                          True)
        return
    word = match.group(1)
    pronoun = word.lower() if word.lower() in {"he", "she", "they", "we", "you"} else word
    yield Finding("dialogue.missing-comma", CATEGORY, "error", end - 2, end + match.end(1),
                  "A line followed by its tag ends with a comma: "
                  f'"…,{inner[-1]} {pronoun} …".',
                  f"{inner[-2]},{inner[-1]}{after[: match.start(1)]}{pronoun}", True)


def _no_sentence(ctx: CheckContext, start: int, end: int) -> bool:
    """The quotation is one word (a cry, a sound, a nickname inside a name: '"Aaargh"',
    'her partner "Hemp" Lock') or stands in a log of chat or board lines ('>went to the
    board', 'Rook> see you'): no sentence whose full stop a copy editor would add."""
    if len(re.findall(r"[\w'’-]+", ctx.text[start:end])) <= 1:
        return True
    paragraph = ctx.paragraph_at(start)
    return paragraph is not None and (
        bool(HANDLE_LINE.search(ctx.text, paragraph.start, paragraph.end))
        or _listed_line(ctx, paragraph))


def _listed_line(ctx: CheckContext, paragraph: Span) -> bool:
    """The paragraph is a quotation alone in single marks, in a story whose lines of speech
    take double ones, with no closing mark of its sentence, and so is the one before or
    after it: a list of titles or signs read out ('‘The Birds and the Boggarts’' over
    '‘Adventures of a Floo Cleaner’'), not lines of speech (which, bare in the story's own
    marks, do lack their stops: '“Odd name”' over '“My parents chose it”')."""
    if ctx.text[paragraph.start : paragraph.end].lstrip()[:1] not in "'‘" \
            or _dialogue_style(ctx.text) != "double":
        return False
    view = ctx.work.view("paragraphs")
    paragraphs, index = view.spans, view.first_from(paragraph.start)
    if index >= len(paragraphs) or paragraphs[index].start != paragraph.start \
            or not _bare_quotation(ctx.text[paragraph.start : paragraph.end]):
        return False
    return any(0 <= k < len(paragraphs)
               and _bare_quotation(ctx.text[paragraphs[k].start : paragraphs[k].end])
               for k in (index - 1, index + 1))


@lru_cache(maxsize=2)
def _dialogue_style(text: str) -> str:
    """The story's marks of speech, read once per text (a string caches its hash)."""
    return document_style(text)


def _bare_quotation(body: str) -> bool:
    body = body.strip()
    return len(body) > 2 and body[0] in OPENERS and body[-1] in CLOSERS \
        and body[-2] not in ".?!…,-–—" and body.count(body[0]) == 1


def _set_in_emphasis(ctx: CheckContext, end: int) -> bool:
    """The line closes inside italics or bold (``<em>"Now Showing: The Long Harbour"</em>``,
    ``*"..."*`` in Markdown: the reader's ``emphasis`` layer): a sign, a title or a message
    on a screen, not speech that lacks its stop."""
    return ctx.in_emphasis(end - 1)


def _missing_stop(after: str, end: int, inner: str) -> Iterator[Finding]:
    """'"I know" He left.' or a paragraph ending '"I know"': the sentence has no mark."""
    if not re.match(r"[ \t]*(?:\n|$)|[ \t]+[A-Z]", after):
        return
    yield Finding("dialogue.missing-stop", CATEGORY, "error", end - 2, end,
                  "End the line with a full stop (or ? !) inside the quotation mark.",
                  f"{inner[-2]}.{inner[-1]}")


def _action_after_comma(ctx: CheckContext, after: str, end: int) -> Iterator[Finding]:
    """'"Tomorrow," he folded the letter': after a line ending in a comma, a clause
    that cannot be its tag starts a sentence of its own: a pronoun and an action on something
    (as ``_beat_after_mark``), or a subject no one speaks as ('there was', 'his voice was',
    'two guards climbed') with a verb that is no way of speaking."""
    match = _LOWER_CLAUSE.match(after)
    if match is None:
        return
    verb_at = end + match.start(2)
    index = _past_action(ctx, verb_at, match.group(2), ADDRESSING_LEMMAS, ("VBD", "VBZ"))
    if index is None:
        return
    subject = match.group(1)
    if (subject in ("he", "she", "they", "we", "it") or subject[0].isupper()) \
            and not _acts_on_something(ctx, index):
        return
    stop = re.search(r"[.?!;\"“”\n]", ctx.text[verb_at : verb_at + 200])
    if _has_saying_verb(ctx, verb_at, verb_at + (stop.start() if stop else 200)) \
            or _acts_on_a_person(ctx, index):
        return  # 'Orla was careful to assure the boy', 'she chided her friend': speaking
    first = subject.split()[0]
    yield Finding("dialogue.beat-as-tag", CATEGORY, "warning", end - 2, end + len(first)
                  + match.start(1), "Not a way of speaking: end the line with a full stop and "
                  "start a sentence here.",
                  f".{ctx.text[end - 1]}{after[: match.start(1)]}{first[0].upper()}{first[1:]}")


def _acts_on_something(ctx: CheckContext, index: int) -> bool:
    """The verb takes an object, a predicate or a verb before the clause's next mark ('he
    tried to stand', 'it was a question'), as tags seldom do."""
    tokens = ctx.work.layer("tokens")
    following = tokens[index + 1 : index + 1 + NOUN_PHRASE_WORDS]
    clause = following[: next((k for k, t in enumerate(following)
                               if ctx.work.span_text(t) in CLAUSE_BREAKS), len(following))]
    return any(t.get("head") == index and t.get("dep") in BEAT_COMPLEMENTS for t in clause)


def _acts_on_a_person(ctx: CheckContext, index: int) -> bool:
    """The verb's only object is a person ('shooed them', 'scolded her friend',
    'ridiculed himself'): most such verbs after a line are ways of speaking to them that no
    list holds; an action takes a thing ('pushed the plate away', 'blew him a kiss')."""
    tokens = ctx.work.layer("tokens")
    objects = [t for t in tokens[index + 1 : index + 1 + NOUN_PHRASE_WORDS]
               if t.get("head") == index and t.get("dep") in ("dobj", "dative")]
    return bool(objects) and all(
        t.get("tag") == "PRP" or ctx.work.span_text(t).lower() in person_nouns()
        or ctx.work.span_text(t).lower() in kin_terms() for t in objects)


def _beat(text: str, end: int, after: str) -> Iterator[Finding]:
    match = _BEAT.match(after)
    if not match or match.group(2).lower() not in ACTION_BEATS:
        return
    who, verb = match.group(1), match.group(2)
    capital = who if who == "I" else who[0].upper() + who[1:]
    yield Finding("dialogue.beat-as-tag", CATEGORY, "warning", end - 2, end + match.end(2),
                  f"'{verb}' is an action, not a way of speaking: end the line with a full stop "
                  "and make the action its own sentence.",
                  f".{text[end - 1]} {capital} {verb}")


def _unclosed(ctx: CheckContext) -> Iterator[Finding]:
    paragraphs = [p for p in ctx.work.layer("paragraphs") if p.get("kind", "text") == "text"]
    text = ctx.text
    for i, para in enumerate(paragraphs):
        if ctx.in_note(para.start):
            continue
        body = text[para.start : para.end]
        if body.lstrip().startswith("|"):
            continue  # a row of a table (lyrics set in a table): its cells break lines
        opened = _open_position(body)
        if opened is None:
            continue
        last = _block_end(text, paragraphs, i)
        following = _first_mark(text, paragraphs[last + 1]) if last + 1 < len(paragraphs) else ""
        if following in OPENERS:
            continue  # a speech running on into the next paragraph (or stanza)
        if _closed_later(text, paragraphs[i + 1 : i + 1 + VERSE_PARAGRAPHS]):
            continue  # line breaks inside the quotation (verse, wrapped text, front matter)
        at = para.start + opened
        if _runs_over(text, at, paragraphs[max(0, i - VERSE_PARAGRAPHS) : i],
                      paragraphs[i + 1 : i + 1 + VERSE_PARAGRAPHS]):
            continue  # a letter or wrapped lines quoted over several paragraphs
        if _opens(text, at):  # the closing mark is missing, most often at the paragraph's end
            last = para.start + len(body.rstrip()) - 1
            yield Finding("dialogue.missing-close", CATEGORY, "error", last, last + 1,
                          f"The quotation opened at '{text[at:at + 12].strip()}…' is never "
                          "closed: add the closing mark where the speech ends.")
        elif _lone_closing(body, opened) and (
                not ctx.in_emphasis(at - 1) or SINGLE_OPENER.search(body, 0, opened)):
            # a line of speech that lost its opening mark, or opened with a single one
            yield Finding("dialogue.missing-close", CATEGORY, "error", at, at + 1,
                          "This quotation mark closes a quotation never opened.")


def _block_end(text: str, paragraphs: list[Span], index: int) -> int:
    """The last of the paragraphs from ``index`` on that follow each other after a single
    line break, no blank line: the lines of one stanza or block, which a speech running on
    over several stanzas leaves open as it would a paragraph."""
    last = index
    while last + 1 < len(paragraphs) \
            and text.count("\n", paragraphs[last].end, paragraphs[last + 1].start) == 1 \
            and not text[paragraphs[last].end : paragraphs[last + 1].start].strip():
        last += 1
    return last


def _lone_closing(body: str, at: int) -> bool:
    """The paragraph's only quotation mark closes it, with no emphasis beside it: a line of
    speech whose opening mark is missing. With other marks in the paragraph, or in a
    thought set in italics ('...it."*'), the slip is most often elsewhere (a doubled mark,
    a nested quotation, a mark of the wrong kind): see docs/check_audit/punct.md."""
    marks = sum(body.count(c) for c in "\"“”")
    return marks == 1 and at == len(body.rstrip().rstrip("*_")) - 1 and (
        body[at - 1 : at] not in ("*", "_") or SINGLE_OPENER.search(body, 0, at) is not None)


def _first_mark(text: str, paragraph: Span) -> str:
    """The paragraph's first character after the marks of a quoted block or of emphasis
    ('> "...', '*"...'), where a speech running over paragraphs reopens its quotation."""
    body = text[paragraph.start : paragraph.end].lstrip(BLOCK_MARKS)
    return body[:1]


def _opens(text: str, at: int) -> bool:
    """The quotation mark at ``at`` stands before words (an opening mark), not after them."""
    before, after = text[at - 1 : at], text[at + 1 : at + 2]
    return (not before or before.isspace() or before in "*_(—–-") \
        and (after.isalnum() or after in "*_") or text[at] == "“"


def _closed_later(text: str, paragraphs: list[Span]) -> bool:
    """The next quotation mark in the following paragraphs closes a quotation: the one left
    open runs on over line breaks (a poem recited line by line) rather than lacking its end."""
    for para in paragraphs:
        body = text[para.start : para.end]
        if any(c in "“”" for c in body):
            return _closes_first(body)
    return False


def _runs_over(text: str, at: int, before: list[Span], after: list[Span]) -> bool:
    """The straight mark at ``at`` opens a quotation that the next paragraph with a straight
    mark closes, or closes one the last paragraph with a straight mark left open: a letter
    or hard-wrapped lines quoted over several paragraphs."""
    if text[at] != '"':
        return False
    if _opens(text, at):
        marks = next((_straight_marks(text, p) for p in after if '"' in text[p.start:p.end]), [])
        return bool(marks) and not _opens(text, marks[0])
    for para in reversed(before):
        marks = _straight_marks(text, para)
        if marks:
            return len(marks) % 2 == 1 and _opens(text, marks[-1])
    return False


def _straight_marks(text: str, para: Span) -> list[int]:
    return [para.start + m.start() for m in re.finditer('"', text[para.start : para.end])]


def _closes_first(body: str) -> bool:
    """The paragraph's first curly quotation mark closes a quotation."""
    marks = [c for c in body if c in "“”"]
    return bool(marks) and marks[0] == "”"


def _open_position(body: str) -> int | None:
    """Offset of a quotation mark left open at the end of the paragraph, if any. Curly and
    straight marks mixed in pairs ("“Wait," she said.") close each other: a slip of kind
    (punctuation.quotation-marks), not a quotation left open. A low opening mark („) is
    closed by a curly one, as German and Polish typography pair them."""
    if '"' in body and re.search("[“”]", body) \
            and (body.count('"') + body.count("“") + body.count("”")) % 2 == 0:
        return None
    low_open = [m.start() for m in re.finditer("„", body)]
    if low_open:  # „...“ (or „...”): the opening mark sits low, the curly marks close
        closing = body.count("“") + body.count("”")
        return low_open[-1] if len(low_open) > closing else None
    curly_open = [m.start() for m in re.finditer("“", body)]
    if opening_marks_paired(body):
        return None  # “...“ in pairs: a closing mark of the wrong kind, no quotation left open
    if curly_open and body.count("“") > body.count("”"):
        return curly_open[-1]
    straight = [m.start() for m in re.finditer('"', body)]
    if len(straight) % 2 == 1:
        return straight[-1]
    return None
