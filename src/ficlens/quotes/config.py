"""The quotes stage's tunables (set per run through :data:`tunables`; see ``ficlens.stage``).

Reaches and thresholds were tuned on the PDNC training novels (out of fold) and checked on
the sample stories; the feature windows (``features``, ``window``, ``exchanges``,
``families``) define the speaker model's inputs, so a change to one needs a model retrained
with it (``training/train_speaker.py``) in ``model_dir``. Speech verbs, kin terms and the
other word lists are lexicon data, not tunables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ficlens.models import MODEL_DIR
from ficlens.stage import Tunables


@dataclass(frozen=True, slots=True)
class Weights:
    """The decoder's bonuses (log-probability units), chosen by out-of-fold accuracy on the
    training novels (the ranker's second pass already sees its neighbours' choices, so the
    turn bonuses are mild)."""

    top: int = 5  # candidates kept per quotation
    same_paragraph: float = 1.0  # same speaker as the previous quotation in its paragraph
    turn: float = 0.5  # a new paragraph: another speaker than the previous quotation
    alternation: float = 0.5  # ... and the same as the one before (A, B, A)


@dataclass(frozen=True)
class QuotesConfig:
    model_dir: Path = MODEL_DIR  # where the speaker models are read (a candidate's folder)
    # quotations and paragraphs (detect.py, paragraphs.py)
    long_gap: int = 250  # narration between two quoted pieces that ends one quotation
    # Hard-wrapped texts (Gutenberg) separate paragraphs by blank lines; most fan fiction
    # puts one paragraph per line. Below this many characters per blank line, blank lines
    # are the paragraph separators.
    chars_per_blank_line: int = 4000
    # the narrator of a hand-made character list (cast.py)
    first_person_rate: float = 12  # I/me/my per 1000 narration words in first-person texts
    # A narrator is named mostly inside quotations (others address them), this often at least.
    narrator_quoted_share: float = 0.7
    narrator_min_quoted: int = 4
    # speech tags (tags.py)
    after_reach: int = 6  # a tag verb follows its quotation closely: "..." said the old man
    before_reach: int = 8  # ... and leads into it closely: Then she said to him, "..."
    dash_subject_reach: int = 30  # characters after the verb where its subject starts
    # the quotation reader (reader.py, kin.py)
    # A speech this many paragraphs long is a story told by its speaker: the tags after its
    # first paragraph belong to the dialogue it retells ('"Take him," said I.'), not to it.
    told_story_paragraphs: int = 3
    near_after: int = 8  # tokens after a quotation where a name is part of its tag
    actor_reach: int = 4000  # characters back where a "he said" finds whom it means
    namesake_reach: int = 5000  # ... and a "the duchess" which duchess
    owner_reach: int = 3000  # characters before a kin phrase where its owner is named
    # the speaker model's feature windows (window.py, features.py, exchanges.py, families.py)
    last_named_reach: int = 20000  # characters back where a candidate's last mention counts
    focal_reach: int = 20000  # characters of a scene before a quotation: whose actions it narrates
    back_paragraphs: int = 8  # paragraphs back whose narration counts a candidate's mentions
    subject_paragraphs: int = 2  # paragraphs back where the last subject of each gender counts
    near_paragraphs: int = 3  # paragraphs back in the cnt_prev3 count
    speaker_history: int = 20  # previous quotations whose speakers tell who is on stage
    speaker_history_paras: int = 40
    vocative_reach: int = 10  # quotations either side whose vocatives say who is on stage
    same_exchange_gap: int = 3  # paragraphs between two quotations of one exchange, at most
    # A speaker is often named only after the exchange ("... said Mrs. Bennet" two lines on).
    ahead_paragraphs: int = 3
    # The most-named characters of the story speak in long stretches that never name them.
    leading_characters: int = 3
    history: int = 4
    recent_characters: int = 6  # long untagged exchanges name nobody for many paragraphs
    recent_reach: int = 30000
    turn_reach: int = 40  # quotations either side whose name tags say who speaks which turn
    setup_paragraphs: int = 3  # narration before an exchange that sets its scene
    max_count: int = 30  # conversation lengths, quotations of a scene and turns are capped
    # each character's voice (voice.py)
    voice_min_lines: int = 4  # tagged lines a character needs before its voice is modelled
    voice_folds: int = 5
    voice_smoothing: float = 0.5
    voice_line_words: int = 60  # words a labelled line counts for at most
    # decoding (attribute.py, conversation.py)
    second_passes: int = 2
    decoder: Weights = field(default_factory=Weights)
    # "she said" never goes to a man when a woman is among the candidates (and vice versa).
    wrong_gender_penalty: float = 10.0
    resumed_story_reach: int = 6  # quotations from one told story to the next that resumes it
    # speaker cues read from the text (introductions.py, conversation.py; fan-fiction dev)
    beat_reach: int = 12  # characters after a piece of a line where its "his ..." beat starts
    # tokens after a tag's verb where a name it governs sits ("asked Tobin", "pulling Wren's
    # hand"), and the longest chain of heads from there to the verb
    object_reach: int = 12
    title_reach: int = 12  # characters of title words between "I'm" and the name


DEFAULT = QuotesConfig()
tunables: Tunables[QuotesConfig] = Tunables("quotes", DEFAULT)
