"""One vocabulary for the whole pipeline: word lists as data, the gender enum, the cast.

Public names (stable; other packages import them from ``ficlens.lexicon``):

* :class:`Gender` (MALE "M", FEMALE "F", NEUTER "N" = neuter or plural, UNKNOWN "U") and
  :func:`parse_gender`, the one parser of every gender spelling ('m', 'M', 'male', 'she',
  1, 2, None ...). ``Gender.code`` gives 'm'/'f'/'' and ``Gender.number`` 1/2/0.
* :class:`CharacterRecord` (id, name, aliases, gender, gender_confidence, kind, narrator,
  mentions, on_stage; frozen) and :func:`cast_of` / :func:`cast_by_id` / :func:`record_of`,
  which build records from the ``characters`` table (or a Work holding it).
* Word lists, each a data file in ``lexicon/data`` with a header citing its source, read
  through a cached loader: :func:`pronouns` / :func:`pronoun` / :func:`pronoun_words`
  (:class:`Pronoun`), :func:`person_nouns`, :func:`noun_gender`, :func:`is_person_noun`,
  :func:`not_person_nouns`, :func:`group_person_nouns`, :func:`titles` (roles "honorific",
  "title", "address"), :func:`kin_terms` (:class:`KinTerm`), :func:`first_names`,
  :func:`unisex_names`, :func:`nicknames`, :func:`not_names`, :func:`place_words`,
  :func:`speech_verbs` (``tier="core"`` for the most frequent), :func:`speech_verb_forms`
  (their written forms) and :func:`read_rows` for
  any data file.

No entry of any list exists because a test story (PDNC, LitBank, the sample stories)
contains it; ``tests/test_lexicon.py`` checks the headers.
"""

from ficlens.lexicon.cast import CharacterRecord, cast_by_id, cast_of, record_of
from ficlens.lexicon.gender import Gender, parse_gender
from ficlens.lexicon.words import (
    KinTerm,
    Pronoun,
    body_parts,
    census_first_names,
    first_names,
    group_person_nouns,
    is_person_noun,
    kin_terms,
    nicknames,
    not_names,
    not_person_nouns,
    noun_gender,
    person_nouns,
    place_words,
    pronoun,
    pronoun_words,
    pronouns,
    read_rows,
    speech_verb_forms,
    speech_verbs,
    titles,
    unisex_names,
)

__all__ = [
    "CharacterRecord",
    "Gender",
    "KinTerm",
    "Pronoun",
    "cast_by_id",
    "cast_of",
    "body_parts",
    "census_first_names",
    "first_names",
    "group_person_nouns",
    "is_person_noun",
    "kin_terms",
    "nicknames",
    "not_names",
    "not_person_nouns",
    "noun_gender",
    "parse_gender",
    "person_nouns",
    "place_words",
    "pronoun",
    "pronoun_words",
    "pronouns",
    "read_rows",
    "record_of",
    "speech_verb_forms",
    "speech_verbs",
    "titles",
    "unisex_names",
]
