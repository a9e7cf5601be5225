"""Subject-verb agreement and a missing auxiliary, in narration.

* ``they was``, ``you is``, ``we has`` -> were, are, have;
* ``he don't`` -> doesn't;
* ``the way he smile at her`` -> smiles (or smiled): a third-person singular subject pronoun
  with a verb's plain form;
* ``he going to the door`` -> he was (is) going: a subject pronoun with an -ing form and no
  auxiliary.

Only narration: dialogue is speech, and "they was" or "he don't" there is how the character
talks. The pronoun must be the parse's subject of the very next word, and nothing that makes
a plain form right may come before it (a question's auxiliary "did he know", a modal, "let",
a subjunctive "that" or "rather").
"""

from __future__ import annotations

from collections.abc import Iterator

from ficlens.check.context import CheckContext
from ficlens.check.findings import Finding, Rule
from ficlens.document import Span

RULES = (
    Rule("agreement.subject-verb", "agreement", "error",
         "The verb does not agree with its subject (they was, he don't, he smile)."),
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
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Before the pronoun, these make the verb form right: an auxiliary or modal of a question
# ("did he know", "was she looking"), a subjunctive ("insisted that he go", "insisted she
# go", "would rather she stay").
LICENSING = frozenset("""
do does did don't doesn't didn't can could will would shall should may might must can't
couldn't won't wouldn't shouldn't mustn't 'd let that lest rather sooner if whether
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


def check(ctx: CheckContext) -> Iterator[Finding]:
    tokens = ctx.work.layer("tokens")
    words = [ctx.work.span_text(t).lower().replace("’", "'") for t in tokens]
    for i in range(len(tokens) - 1):
        pronoun, verb = tokens[i], tokens[i + 1]
        if words[i] not in PLURAL_SUBJECTS | SINGULAR_SUBJECTS:
            continue
        if pronoun.get("dep") not in SUBJECTS or not _subject_of(pronoun, verb, i + 1):
            continue
        if not ctx.in_narration(pronoun.start, verb.end) or _between_marks(ctx, pronoun.start):
            continue
        before = words[i - 1] if i else ""
        if before in LICENSING or before == "thank":  # "thank you was all she said"
            continue
        yield from _agreement(ctx, words, i, verb)


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
            and written.isalpha() and written.islower() and word not in SAME_PAST:
        yield Finding("agreement.subject-verb", "agreement", "error", verb.start, verb.end,
                      f"'{subject} {word}': '{third_person(word)}' (or the past tense)?",
                      None, False)
    elif verb.get("tag") == "VBG" and word not in NOT_MISSING and written.islower() \
            and (words[i - 1] if i else "") not in ABSOLUTE_BEFORE:
        yield Finding("words.missing-auxiliary", "words", "error", verb.start, verb.end,
                      f"'{subject} {word}': a word is missing ('was {word}', 'is {word}').",
                      None, False)


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
