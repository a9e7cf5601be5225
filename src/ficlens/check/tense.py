"""Tense and person slips in narration.

A past-tense story that drifts into the present outside dialogue ("...if she ever loved him
like he loves her") and a third-person scene that slips into "I walked". Only a character
(he / she / they / a name) doing something in the present is flagged: free indirect thought
("God, I'm an idiot"), questions and sentences that say someone thought or wondered are left
alone, because there the present is the character's voice, not a slip.

A present auxiliary (has, have, is, are, does, 's, 've) counts as the present of the verb it
serves: "she pretended she hasn't seen it" (hadn't), "as if they have never met" (had). A
present clause is a slip where the sentence holds a past verb, or where the clause hangs
under a past one or a past modal ("could pretend he hasn't heard"); a sentence the parse
cut in two before a lower-case word counts as one. The guards above still apply, but a
perfect or progressive under "would" is the narration's past, not a supposing. A plain form
after a modal ("might as well have stayed") and a chain another rule marks as malformed ("has
been seemed") are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ficlens.check.context import CheckContext
from ficlens.check.findings import Finding, Rule
from ficlens.check.slips import NO_PASSIVE
from ficlens.check.vocab import BARE_INFINITIVE_HEADS, SPEECH_VERBS
from ficlens.check.wordstats import irregular_pasts
from ficlens.document import Span

CATEGORY = "tense"
RULES = (
    Rule("tense.present-in-past", CATEGORY, "warning",
         "Present tense in the narration of a past-tense story."),
    # Off unless selected: on unlabelled fan fiction its five findings were footnotes, a
    # first-person scene read as third and a quotation; on the tuning parts one, not an error.
    Rule("tense.person-slip", CATEGORY, "warning",
         "First-person narration ('I walked') inside a third-person scene.", default=False),
)
PRESENT = {"VBZ", "VBP"}
THIRD_PERSON_SUBJECTS = {"he", "she", "they"}
VOICE_WORDS = {"i", "me", "my", "we", "us", "our", "you", "your", "thought", "wondered",
               "mused", "reminded", "told", "wished", "hoped", "prayed"}
# irregular pasts that are also present forms: in past narration they are the past
PAST_LOOKALIKES = frozenset({"lay", "read", "set", "put", "cut", "hit", "let", "shut", "cast",
                             "cost", "hurt", "quit", "spread", "bet", "burst", "split", "upset"})
# verbs taking a subjunctive: "insisted he take her", "suggested they go"
MANDATIVE = frozenset({"insist", "suggest", "demand", "ask", "recommend", "request", "propose",
                       "require", "urge", "prefer", "order", "beg"})
IDIOM_SUBJECTS = frozenset({"god", "heaven", "lord", "who", "goodness"})  # "God knows he wanted"
# A single quotation mark opening (after a space or a bracket, before a letter) and closing
# (after a letter or a mark, before a space or a mark).
SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[“\"]))['‘](?=\w)")
SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?])['’](?=[\s.,!?;:)\]”\"]|$)")
# Adjectives taking a subjunctive: "it was imperative that he take it seriously".
MANDATIVE_ADJECTIVES = frozenset({"imperative", "essential", "important", "vital", "crucial",
                                  "necessary", "urgent", "best"})
_YOU = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)
WH_WORDS = frozenset({"what", "how", "why", "where", "who", "whether", "if", "when"})
MODIFIER_TAGS = frozenset({"DT", "JJ", "PRP$", "POS", "CD"})
SUBJUNCTIVE_OPENERS = frozenset({"better", "rather", "lest"})
# Words of comment that open a sentence of a character's thought: "Surely he knows",
# "At least she holds no grudge", "Of course he does".
COMMENT_OPENERS = frozenset({"surely", "maybe", "perhaps", "probably", "clearly", "obviously",
                             "certainly", "hopefully", "still", "besides", "anyway", "honestly",
                             "really", "of course", "at least", "after all", "no", "yes",
                             "well", "oh", "sure"})
UNREAL_MARKS = frozenset({"if", "unless"})
SUPPOSING_MODALS = frozenset({"would", "might", "should", "'d"})  # "could" is as often past ability
PAST_MODALS = frozenset({"could", "would", "'d"})  # in past narration, the past of can and will
# The past of a present auxiliary, by its written form; a contracted "is"/"are" has none a
# copy editor could drop in ("she's" -> "she was").
AUX_PASTS = {"has": "had", "have": "had", "'ve": "'d", "is": "was", "are": "were",
             "am": "was", "does": "did", "do": "did"}
MIN_VERBS = 12
AUX_REACH = 6  # words back from a verb to an auxiliary of its own ("did not, in fact, think")
MANDATIVE_REACH = 8  # words back from the verb to its adjective of necessity
MAX_PERSON_SLIPS = 2
PAST_SHARE = 0.75


def _finite(token: Span) -> bool:
    return token.get("tag") in PRESENT or token.get("tag") == "VBD"


def past_narration(ctx: CheckContext, sentences: list[list[Span]]) -> bool:
    return narration_tense(ctx, sentences) == "past"


def narration_tense(ctx: CheckContext, sentences: list[list[Span]],
                    min_verbs: int = MIN_VERBS) -> str | None:
    """"past" or "present" when PAST_SHARE of the finite verbs of these sentences'
    narration, ``min_verbs`` of them at least, are in that tense; else None."""
    verbs = [t for sent in sentences for t in sent
             if _finite(t) and ctx.in_narration(t.start, t.end)]
    if len(verbs) < min_verbs:
        return None
    past = sum(1 for t in verbs if t.get("tag") == "VBD")
    if past / len(verbs) >= PAST_SHARE:
        return "past"
    return "present" if (len(verbs) - past) / len(verbs) >= PAST_SHARE else None


def check(ctx: CheckContext) -> Iterator[Finding]:
    tokens = ctx.work.layer("tokens")
    groups: dict[int, list[list[Span]]] = {}
    for sent in ctx.sentence_tokens:
        if sent:
            scene = ctx.scene_at(sent[0].start)
            groups.setdefault(scene.start if scene else -1, []).append(sent)
    for start, sentences in groups.items():
        scene = ctx.scene_at(start) if start >= 0 else None
        if past_narration(ctx, sentences):
            pasts = [_past_in_sentence(ctx, sent) for sent in sentences]
            held = [past or k > 0 and pasts[k - 1] and _continues(ctx, sentences[k - 1], sent)
                    for k, (sent, past) in enumerate(zip(sentences, pasts, strict=True))]
            for sent, has_past, among_past in zip(sentences, held,
                                                  _among_past(ctx, sentences, pasts), strict=True):
                yield from _present_slips(ctx, sent, tokens, has_past, among_past)
        if scene is not None and scene.get("person") == "third":
            slips = [f for sent in sentences for f in _person_slips(ctx, sent, tokens)]
            if len(slips) <= MAX_PERSON_SLIPS:  # more is a first-person narrator, not a slip
                yield from slips


def _continues(ctx: CheckContext, before: list[Span], sent: list[Span]) -> bool:
    """The parse cut one sentence in two: the part before ends on a word, not a stop, and
    this part opens in lower case ("in whoever's bed | she's slept in")."""
    last = next((t for t in reversed(before) if ctx.work.span_text(t).strip()), None)
    first = next((t for t in sent if ctx.work.span_text(t).strip()), None)
    if last is None or first is None:
        return False
    return ctx.work.span_text(last)[-1:].isalnum() and ctx.work.span_text(first)[:1].islower()


def _voiced(ctx: CheckContext, sent: list[Span]) -> bool:
    """The sentence is a character's voice: it speaks of I or you, says someone thought, asks,
    is a line with its tag but no quotation marks, or opens with an interjection or a
    trailing-off ("Okay, well, he has a point")."""
    words = [ctx.work.span_text(t).lower() for t in sent if ctx.in_narration(t.start, t.end)]
    if VOICE_WORDS.intersection(words) or ctx.work.span_text(sent[-1]) == "?":
        return True
    if any(word in SPEECH_VERBS and before == ","
           for before, word in zip(words, words[1:], strict=False)):
        return True  # a line given without quotation marks, its tag after a comma ("He's
        # never hurt anyone, said a voice in his head.")
    opening = next((t for t in sent if ctx.work.span_text(t).strip()), None)
    return opening is not None and (opening.get("tag") == "UH" or ctx.work.span_text(
        opening).startswith(("...", "…")))


def _subject_of(verb_index: int, sent: list[Span]) -> Span | None:
    for token in sent:
        if token.get("head") == verb_index and token.get("dep") in ("nsubj", "nsubjpass"):
            return token
    return None


def _really_present(ctx: CheckContext, token: Span, tokens: list[Span]) -> bool:
    """Whether a verb spaCy tags as present really is a present-tense slip.

    Not when it is an irregular past ('strove', or 'lay' which is also a present form), a
    mandative subjunctive ('insisted he take her away'), a bare infinitive after a modal or
    under let/make/see ("they'd go to waste", "letting him know") or an idiom ('God knows')."""
    word = ctx.work.span_text(token).lower()
    lemma = token.get("lemma", "").lower()
    if word in PAST_LOOKALIKES or word in irregular_pasts() \
            or word.endswith(("set", "cast", "put")) and word == lemma:
        return False  # 'he spat', "they reset": a past the parse took for a present
    head = tokens[token["head"]] if 0 <= token.get("head", -1) < len(tokens) else None
    if head is not None and head is not token and head.get("lemma", "") in MANDATIVE:
        return False
    if token.get("tag") == "VBP" and _after_mandative_adjective(ctx, token):
        return False
    index = ctx.token_index[token.start]
    if _bare_infinitive(token, index, head, tokens):
        return False
    if any(t.get("head") == index and t.get("dep") == "aux"
           for t in tokens[max(0, index - AUX_REACH) : index]):
        return False  # "did not, in fact, think": the tense is the auxiliary's
    if token.get("tag") == "VBP" and any(
            t.get("lemma", "") in MANDATIVE and t.get("pos") == "VERB"
            for t in tokens[max(0, index - MANDATIVE_REACH) : index]):
        return False  # "suggest they define it": a subjunctive the parse hung elsewhere
    if token.get("tag") == "VBP":
        return word == lemma or word in {"are", "am", "'re", "'m"}
    return word.endswith("s")


def _after_mandative_adjective(ctx: CheckContext, token: Span) -> bool:
    """"... how imperative it was that she keep quiet": a plain verb in a that-clause
    after an adjective of necessity is a subjunctive."""
    index = ctx.token_index[token.start]
    before = ctx.token_words[max(0, index - MANDATIVE_REACH) : index]
    return "that" in before and any(w in MANDATIVE_ADJECTIVES for w in before)


def _bare_infinitive(token: Span, index: int, head: Span | None, tokens: list[Span]) -> bool:
    """A base form spaCy tags as present that is an infinitive: under a modal ("they'd go")
    or after the object of let/make/see ("letting Sulu know")."""
    if token.get("tag") != "VBP":
        return False
    if any(t.get("head") == index and t.get("tag") in ("MD", "TO")
           for t in tokens[max(index - 3, 0) : index]):
        return True
    return (head is not None and head is not token and token.get("dep") in ("ccomp", "xcomp")
            and head.get("lemma", "") in BARE_INFINITIVE_HEADS)


def _in_parentheses(ctx: CheckContext, sent: list[Span], token: Span) -> bool:
    before = ctx.text[sent[0].start : token.start]
    return before.count("(") > before.count(")")


def _emphasised(text: str, pos: int) -> bool:
    """Inside a *starred*, **bold** or _underscored_ span of its line (Markdown italics; bold
    sets off a text message or a sign), or inside single quotation marks (a thought, a title,
    a saying: 'The Mafia get what they want')."""
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[line_start:pos]
    stars = before.count("**") + before.replace("**", "").count("*")
    if stars % 2 == 1 or before.count(" _") > before.count("_ "):
        return True
    opened = [m.end() for m in SINGLE_OPEN.finditer(before)]
    closed = [m.end() for m in SINGLE_CLOSE.finditer(before)]
    return bool(opened) and (not closed or opened[-1] > closed[-1])


def _among_past(ctx: CheckContext, sentences: list[list[Span]], pasts: list[bool]) -> list[bool]:
    """For each sentence, whether the narration sentences on either side of it are both in
    the past: a sentence in the present between them is a slip; a run of present sentences
    is a passage told in the present on purpose (a general truth, a summary, a thought)."""
    narrated = [i for i, sent in enumerate(sentences)
                if any(ctx.in_narration(t.start, t.end) and t.get("pos") in ("VERB", "AUX")
                       for t in sent)]
    flags = [False] * len(sentences)
    for k, i in enumerate(narrated):
        before = pasts[narrated[k - 1]] if k > 0 else False
        after = pasts[narrated[k + 1]] if k + 1 < len(narrated) else False
        flags[i] = before and after
    return flags


def _present_slips(ctx: CheckContext, sent: list[Span], tokens: list[Span], has_past: bool,
                   among_past: bool) -> Iterator[Finding]:
    if _voiced(ctx, sent):
        return
    in_frame = has_past or (among_past and _plain_statement(ctx, sent))
    lone = not has_past
    present_root = _present_root(ctx, sent)
    for token in sent:
        if present_root and token.get("dep") != "ROOT":
            continue  # the main verb is present: only it can be the slip
        if token.get("tag") not in PRESENT or not ctx.in_narration(token.start, token.end) \
                or not any(c.isalpha() for c in ctx.work.span_text(token)):
            continue  # a stray mark the parse took for a verb ("she *was*")
        served = _served_verb(token, tokens)
        if served and NO_PASSIVE.match(ctx.text, tokens[served - 1].start):
            continue  # "has been seemed": the chain itself is wrong, its tense no clear fix
        verb_index = ctx.token_index[token.start] if served is None else served
        if not in_frame and not _under_past(tokens, ctx.token_words, verb_index):
            continue
        if served is None and not _really_present(ctx, token, tokens):
            continue
        if _in_parentheses(ctx, sent, token):
            continue
        if _emphasised(ctx.text, token.start) or ctx.in_emphasis(token.start):
            continue  # *She's hot*: a thought set in italics keeps its own tense
        subject = _subject_of(verb_index, sent)
        if subject is None or not ctx.in_narration(subject.start, subject.end):
            continue
        if served is not None and _possessive_read_as_is(ctx, token, subject, tokens[served]):
            continue
        said = ctx.work.span_text(subject).lower()
        if token.get("tag") == "VBP" and said in ("he", "she", "it") \
                and ctx.work.span_text(token)[:1] not in "'’":
            continue  # "told him that he need not wait": a modal or subjunctive plain
            # form, no present tense (a contracted "'s" the tagger calls plain is "has")
        if said in IDIOM_SUBJECTS or _idiom_or_frame(ctx, token, subject, tokens, served is None):
            continue
        if lone and subject.get("tag") == "NNP" and ctx.character_at(subject.start) is None:
            continue  # "Debate is sacred.": a capitalised noun, no character, states a truth
        if said in THIRD_PERSON_SUBJECTS or subject.get("tag") == "NNP":
            verb = ctx.work.span_text(token)
            past = _aux_past(verb, token, served, tokens) if served is not None else None
            yield Finding("tense.present-in-past", CATEGORY, "warning", token.start, token.end,
                          f"The story is told in the past tense, but '{verb}' is present.",
                          past)


def _possessive_read_as_is(ctx: CheckContext, aux: Span, subject: Span, verb: Span) -> bool:
    """A name's "'s" before an -ing word may be its possessive ("Harry's racing heart"), not
    "is": only a pronoun's "'s" is surely the verb."""
    return ctx.work.span_text(aux) in ("'s", "’s") and verb.get("tag") == "VBG" \
        and subject.get("tag") != "PRP"


def _served_verb(token: Span, tokens: list[Span]) -> int | None:
    """The index of the verb a present auxiliary serves ("has" of "has seen", "does" of
    "doesn't know", "is" of "is leaving"); None for any other word."""
    head = token.get("head", -1)
    if token.get("pos") != "AUX" or token.get("dep") not in ("aux", "auxpass") \
            or not 0 <= head < len(tokens) or tokens[head] is token:
        return None
    if tokens[head].get("pos") not in ("VERB", "AUX"):
        return None
    if any(tokens[k].get("head") == head and tokens[k].get("tag") in ("MD", "TO")
           for k in range(max(0, head - AUX_REACH), head)):
        return None  # "might as well have stayed": a plain form after a modal, no present
    return head


def _aux_past(word: str, aux: Span, served: int, tokens: list[Span]) -> str | None:
    """The past of a present auxiliary, keeping its case: "hasn't" -> "hadn't", "she's
    seen it" -> "she'd": a "'s" the parse reads as "has", or whose participle takes an
    object, which a passive cannot ("'s taken" alone may be "is taken": no clear fix)."""
    plain = word.lower().replace("’", "'")
    if plain == "'s" and (aux.get("lemma") == "have" or any(
            t.get("head") == served and t.get("dep") == "dobj"
            for t in tokens[served + 1 : served + 1 + AUX_REACH])):
        plain = "'ve"
    past = AUX_PASTS.get(plain)
    if past is None:
        return None
    if "’" in word:
        past = past.replace("'", "’")
    return past.capitalize() if word[:1].isupper() else past


def _under_past(tokens: list[Span], words: list[str], v: int) -> bool:
    """The clause of verb ``v`` hangs under a clause in the past: climbing the parse from
    it, the first verb with a tense of its own is a past ("pretended she has seen") or has a
    past auxiliary or modal ("had hoped he is", "could pretend he has")."""
    seen = {v}
    at = tokens[v].get("head", v)
    while at not in seen and 0 <= at < len(tokens):
        seen.add(at)
        verb = tokens[at]
        if verb.get("pos") in ("VERB", "AUX"):
            auxes = [k for k in range(max(0, at - AUX_REACH), at)
                     if tokens[k].get("head") == at and tokens[k].get("dep") in ("aux", "auxpass")]
            if verb.get("tag") == "VBD" or any(
                    tokens[k].get("tag") == "VBD" or words[k] in PAST_MODALS for k in auxes):
                return True
            if verb.get("tag") in PRESENT or any(
                    tokens[k].get("tag") in PRESENT or tokens[k].get("tag") == "MD"
                    for k in auxes):
                return False
        if verb.get("dep") == "ROOT":
            return False
        at = verb.get("head", at)
    return False


def _plain_statement(ctx: CheckContext, sent: list[Span]) -> bool:
    """A sentence wholly in the present may still be a slip between past ones, unless it
    opens with a word of comment ("Surely", "At least", "Of course"), contracts its verb
    ("he's too proud") or has more than one present verb: the marks of a character's thought
    given without italics, or of a general statement."""
    words = [ctx.work.span_text(t).lower() for t in sent if ctx.work.span_text(t).strip()]
    if not words or words[0] in COMMENT_OPENERS or " ".join(words[:2]) in COMMENT_OPENERS:
        return False
    presents = [t for t in sent if t.get("tag") in PRESENT and ctx.in_narration(t.start, t.end)]
    if len(presents) > 1:
        return False  # "the way spies turn people is, they get them": a general statement
    return not any(w in ("'s", "’s", "'re", "’re", "'m", "’m") and t.get("tag") in PRESENT
                   for w, t in zip(words, [t for t in sent if ctx.work.span_text(t).strip()],
                                   strict=True))


def _past_in_sentence(ctx: CheckContext, sent: list[Span]) -> bool:
    """A slip is one clause that leaves the tense of the sentence around it ("every time he
    thinks of her, she surprised him"). A sentence wholly in the present inside past
    narration is most often a character's thought given without italics ("No, he means
    half the work is done"), a general truth or an aside, which a copy editor leaves."""
    unreal = {t.get("head") for t in sent
              if t.get("dep") == "mark" and ctx.work.span_text(t).lower() in UNREAL_MARKS}
    return any(t.get("tag") == "VBD" and ctx.in_narration(t.start, t.end)
               and ctx.token_index[t.start] not in unreal  # "even if they knew": unreal
               and ctx.work.span_text(t).lower() not in PAST_LOOKALIKES for t in sent)


def _idiom_or_frame(ctx: CheckContext, token: Span, subject: Span, tokens: list[Span],
                    supposing: bool = True) -> bool:
    """Presents that are no slip: a name before a wh-clause in "X knows what ..." (an oath,
    as "God knows": "Merlin knows how"), a name that modifies a noun the parse took for a
    verb ("the Gryffindor prefects"), a subjunctive after "better" ("better they have
    it"), and, if ``supposing``, a clause under a modal of supposing ("this would be how he
    gets in")."""
    s, v = ctx.token_index[subject.start], ctx.token_index[token.start]
    words = ctx.token_words
    if subject.get("tag") == "NNP" and token.get("lemma") == "know" and v + 1 < len(words) \
            and words[v + 1] in WH_WORDS:
        return True
    if s > 0 and (subject.get("tag") == "NNP" and tokens[s - 1].get("tag") in MODIFIER_TAGS
                  or words[s - 1] in SUBJUNCTIVE_OPENERS):
        return True
    return supposing and _under_supposing_modal(tokens, words, v)


def _under_supposing_modal(tokens: list[Span], words: list[str], v: int) -> bool:
    seen: set[int] = set()
    at = tokens[v].get("head", v)
    while at not in seen and 0 <= at < len(tokens):
        seen.add(at)
        if any(tokens[k].get("head") == at and words[k] in SUPPOSING_MODALS
               for k in range(max(0, at - 4), at)):
            return True
        if tokens[at].get("dep") == "ROOT":
            return False
        at = tokens[at].get("head", at)
    return False


def _present_root(ctx: CheckContext, sent: list[Span]) -> bool:
    """The sentence's main verb is present: then a present verb under it belongs to it ("the
    first door she opens is the one that ..."), and only the main verb itself can
    be the slip ("He rest his chin on his fist")."""
    root = next((t for t in sent if t.get("dep") == "ROOT"), None)
    return root is not None and root.get("tag") in PRESENT \
        and ctx.in_narration(root.start, root.end) and _really_present(
            ctx, root, ctx.work.layer("tokens"))


def _addressed(ctx: CheckContext, pos: int) -> bool:
    """The paragraph speaks to a 'you' outside quotation marks: a letter or a message
    quoted in the narration, whose writer says 'I' by right."""
    paragraph = ctx.paragraph_at(pos)
    if paragraph is None:
        return False
    return any(not ctx.in_quote(paragraph.start + m.start())
               for m in _YOU.finditer(ctx.work.span_text(paragraph)))


def _person_slips(ctx: CheckContext, sent: list[Span], tokens: list[Span]) -> Iterator[Finding]:
    for token in sent:
        if ctx.work.span_text(token) != "I" or token.get("dep") != "nsubj":
            continue
        if not ctx.in_narration(token.start, token.end) or _addressed(ctx, token.start) \
                or _emphasised(ctx.text, token.start) or ctx.in_emphasis(token.start):
            continue  # *That was the reason I stayed!*: a thought in italics
        head = tokens[token["head"]] if 0 <= token.get("head", -1) < len(tokens) else None
        words = {ctx.work.span_text(t).lower() for t in sent}
        if head is not None and head.get("tag") == "VBD" and not words & {"thought", "wondered"}:
            yield Finding("tense.person-slip", CATEGORY, "warning", token.start, head.end,
                          "This scene is told in the third person, but here the narration "
                          "says 'I'.")
