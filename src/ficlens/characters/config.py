"""The characters stage's tunables (set per run through :data:`tunables`; see
``ficlens.stage``). Tuned on the PDNC training novels and the sample stories
(``ficlens eval characters``, ``ficlens eval fanfic``); the name, title and word lists are
lexicon data (``ficlens.lexicon`` and the modules that read them), not tunables.
"""

from __future__ import annotations

from dataclasses import dataclass

from ficlens.stage import Tunables


@dataclass(frozen=True)
class CharactersConfig:
    # which forms found a character (stage.py)
    title_uses_to_found: int = 2
    definite_acts_to_found: int = 2
    title_near_name: int = 3000  # characters
    travel_share: float = 0.4
    rare_subject: int = 4
    rare_vocative: int = 10  # a subject in fewer than one use in four
    speaks_alone: int = 4
    # a word spaCy tags plural, used this often with nothing in the text making it a plural
    # ("Sans looked up" without "San" or "the Sans"), is one name ending in s
    plural_tag_uses: int = 3
    canonical_share: int = 10  # a "plural" name that says one line in four is one person
    form_gender_votes: int = 3
    form_gender_margin: float = 1.5  # narration pronouns are noisy: other people are near
    person_min_uses: int = 10  # a few uses as a subject prove nothing ("Venice lay")
    person_subject_share: float = 0.35  # persons are the subject of ~half their mentions
    person_speech_ratio: int = 10  # or say something in one mention out of ten
    # clustering name forms into characters (cluster.py)
    min_prefix: int = 3
    dominance: int = 4  # a first name shared by two characters goes to one this many times likelier
    lone_max_uses: int = 2  # "Mr. Scott" said once or twice, by a clerk
    lone_min_partner_uses: int = 5
    miss_uses: int = 3  # a servant's one "Miss Emma" does not make Emma a younger daughter
    surname_dominance: int = 10  # "Mr. Last" is Tony Last, not the ancestor named twice
    narrated_apart: int = 10  # narration subjects that make a form the narrator's name for someone
    # name mentions (mentions.py, names.py)
    namesake_reach: int = 20  # characters before a name where "the other" marks a namesake
    max_form_words: int = 5
    min_variant_length: int = 5
    # gender (gender.py)
    honorific_confidence: float = 0.95
    name_prior_votes: float = 3.0
    nonbinary_share: float = 0.75
    nonbinary_min: int = 3
    max_climb: int = 12
    next_sentence_weight: float = 0.5  # weaker: in a POV story the next "he" is often the POV one
    embedded_weight: float = 0.5
    reply_weight: float = 1.0  # a he/she tag on the reply to a line that calls X by name
    opener_floor: float = 0.25  # a story of "she"s only: her "She" still says a little
    description_votes: float = 2.0  # "her brother Krem" says more than one "he" nearby
    tag_confidence: float = 0.97
    # unnamed speakers (nominal.py)
    max_phrase: int = 8
    recent_speaker: int = 3000  # characters since a nominal speaker last spoke
    max_conj_reach: int = 12  # tokens from a verb to the verb conjoined to it
    # unnamed speakers joined to a named character (unnamed.py)
    epithet_min_answers: int = 2
    tag_gap: int = 40  # characters from a line to a tag after it
    reply_gap: int = 400  # characters from one line to the next that answers it
    # letters, texts and chat logs (documents.py)
    header_reach: int = 3  # lines between "From:" and "To:" (a "Date:" or "Subject:" between)
    max_letter_lines: int = 60  # a salutation this far from any signature opens no letter
    min_chat_lines: int = 3
    # the narrator and the reader (narrator.py). Narration "I/me/my/myself" per 1,000
    # narration words above which a story is told in the first person (third-person novels
    # stay under 5; first-person ones run 20 to 60).
    first_person_rate: float = 12
    # The same for the narration's "you/your": a reader-insert is told in the second person
    # throughout; a first- or third-person story addresses its reader now and then.
    second_person_rate: float = 15
    min_second_person_uses: int = 10  # a short letter's "you" is no reader-insert
    # A chapter or scene with this many narration words and a rate under half the
    # first-person rate is told in another person (the narrator is not in it).
    min_stretch_words: int = 100
    quoted_share: float = 0.7  # of a named narrator's mentions, the share inside quotations

    @property
    def other_person_rate(self) -> float:
        return self.first_person_rate / 2


DEFAULT = CharactersConfig()
tunables: Tunables[CharactersConfig] = Tunables("characters", DEFAULT)
