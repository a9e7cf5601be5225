"""Words that show whose mind the narration is in: perception, cognition and emotion cues."""

from __future__ import annotations

from ficlens.lexicon import Gender, pronoun_words


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs whose subject is a perceiving, thinking or feeling mind (lemmas).
PERCEPTION_VERBS = _words("""
    see hear notice watch feel sense smell taste glimpse spot observe
    """)
COGNITION_VERBS = _words("""
    think know wonder realise realize remember recall forget want wish hope fear dread
    believe suppose guess imagine assume understand decide doubt suspect expect consider
    figure regret crave long miss hate love adore resent need mind care worry dream
    """)
EMOTION_VERBS = _words("""
    cry sob sigh smile grin blush tremble shiver ache panic
    """)
# Emotion / inner-state adjectives after "be", "feel", "seem", "get", "become".
EMOTION_ADJECTIVES = _words("""
    happy sad angry afraid scared terrified nervous anxious worried relieved miserable lonely
    numb proud ashamed embarrassed guilty jealous furious confused curious surprised shocked
    devastated heartbroken hopeful desperate grateful thrilled excited glad sorry upset tired
    exhausted frustrated annoyed disappointed content comfortable uncomfortable unsure sure
    certain aware conscious lost hurt alive safe
    """)
# "Her heart pounded", "his mind wandered": the owner's inner life is reported.
INNER_NOUNS = _words("""
    heart mind thought thoughts stomach chest throat breath pulse gut soul head
    """)
LINKING_VERBS = _words("be feel seem look get become grow remain")
# Less telling cues ("smiled" can be seen from outside) weigh less than "thought" or "felt".
WEIGHTS = {
    "cognition": 1.0,
    "perception": 0.8,
    "emotion": 0.6,
    "state": 0.8,
    "inner": 0.6,
    "free_indirect": 0.5,  # a narration question or exclamation: the last mind's thought
}

# Narration pronouns by grammatical person, from the one pronoun table (ficlens.lexicon).
FIRST_PERSON = pronoun_words(person=1)
SECOND_PERSON = pronoun_words(person=2, groups=frozenset({"personal", "group"}))
THIRD_PERSON = pronoun_words(3, Gender.MALE) | pronoun_words(3, Gender.FEMALE)


_IRREGULAR = {
    "thought": "think",
    "knew": "know",
    "known": "know",
    "saw": "see",
    "seen": "see",
    "heard": "hear",
    "felt": "feel",
    "understood": "understand",
    "forgot": "forget",
    "forgotten": "forget",
    "dreamt": "dream",
    "dreamed": "dream",
    "meant": "mean",
    "spotted": "spot",
    "sobbed": "sob",
    "grinned": "grin",
}


def _inflections(verb: str) -> set[str]:
    stem = verb[:-1] if verb.endswith("e") else verb
    forms = {verb, verb + "s", stem + "ed", stem + "ing", verb + "es"}
    if verb.endswith("y"):
        forms |= {verb[:-1] + "ied", verb[:-1] + "ies"}
    return forms


# Word form -> cue lemma, so a lemmatiser slip ("hoped" -> "hop") does not hide a cue.
CUE_FORMS: dict[str, str] = {
    form: verb
    for verb in PERCEPTION_VERBS | COGNITION_VERBS | EMOTION_VERBS
    for form in _inflections(verb)
} | _IRREGULAR


def cue_lemma(word: str, lemma: str) -> str:
    """The cue verb a token stands for: from its word form when known, else its lemma."""
    return CUE_FORMS.get(word.lower(), lemma.lower())


def cue_kind(lemma: str) -> str | None:
    """The kind of inner-life cue a verb lemma carries, or None."""
    if lemma in COGNITION_VERBS:
        return "cognition"
    if lemma in PERCEPTION_VERBS:
        return "perception"
    if lemma in EMOTION_VERBS:
        return "emotion"
    return None
