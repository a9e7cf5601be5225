"""Pipeline stage ``characters``: the story's people, from the text alone.

Reads ``tokens``, ``sentences``, ``entities`` (nlp stage) and ``notes`` (segmentation, when
present: names in author's notes are not story characters). Adds:

* table ``characters``: ``[{id, name, aliases, gender, gender_confidence, mentions, on_stage,
  kind}]``, most-mentioned first, ids ``C0``, ``C1`` ... in that order;
* layer ``mentions``: every name, title or nominal-speaker mention, attrs ``character`` (id)
  and ``kind`` (proper / title / nominal).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from ficlens.characters.cluster import (
    SURNAME_HONORIFICS,
    Cluster,
    cluster_forms,
    parse_form,
)
from ficlens.characters.config import tunables
from ficlens.characters.documents import add_documents
from ficlens.characters.gender import (
    GenderEvidence,
    GenderGuess,
    decide,
    description_votes,
    has_elder_relative,
    pronoun_votes,
    reply_votes,
    tag_genders,
)
from ficlens.characters.mentions import (
    DETERMINERS,
    FormEvidence,
    Mention,
    collect_forms,
    find_mentions,
    is_name_word,
    namesake_marker,
    words_in,
)
from ficlens.characters.names import (
    HONORIFICS,
    PLACE_WORDS,
    TITLES,
    is_first_name,
    likely_gender,
)
from ficlens.characters.narrator import (
    READER_NAME,
    add_narrator,
    narrated_stretches,
    narration,
)
from ficlens.characters.nominal import find_nominal_speakers
from ficlens.characters.textview import TextView
from ficlens.characters.unnamed import extend_unnamed
from ficlens.document import Span, Work
from ficlens.errors import FiclensError
from ficlens.lexicon import Gender, noun_gender, person_nouns, titles

FOUND, ATTACH, REJECT = "found", "attach", "reject"
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*\b")
KIN_TITLES = frozenset({"Father", "Mother", "Brother", "Sister"})
NO_ARTICLE_HONORIFICS = SURNAME_HONORIFICS | {"Miss"}
NAME_EPITHETS = frozenset({"old", "young", "poor", "little", "dear", "late", "good", "great"})
TITLE_ABBREVIATIONS = {"Doctor": ("Dr", "Dr.", "Doc"), "Professor": ("Prof", "Prof.")}


@dataclass
class Character:
    name: str
    aliases: list[str]
    kind: str
    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, kind
    gender: GenderGuess = GenderGuess("U", 0.0)
    gender_evidence: GenderEvidence | None = None
    on_stage: bool = False
    narrator: bool = False  # tells a first-person story
    narrated: int = 0  # an unnamed narrator's "I/me/my" in the narration
    narrates: list[tuple[int, int]] = field(default_factory=list)  # [] = the whole story
    person: int = 1  # a narrator's grammatical person: 2 for a second-person reader


def judge_form(
    evidence: FormEvidence, lowercase_uses: int = 0, text_names: frozenset[str] = frozenset()
) -> str:
    """May this form start a character (found), only join one (attach), or neither?

    ``lowercase_uses``: how often the (one-word) form occurs in lower case in the text: "It",
    "Time" or "Nay" are common words, capitalised at the start of a sentence.
    ``text_names``: words the text itself shows to be names, inside a person's full name
    ("Carol" of "Carol Milford", "Kronborg" of "Mr. Kronborg"): they may also end a name
    that looks like a place ("Charlotte Temple" beside "Mr. Temple").
    """
    words = evidence.form.split()
    parts = parse_form(evidence.form)
    if evidence.form.isupper() or (
        parts.honorific is None and _names_a_place(words) and parts.surname not in text_names
    ):
        return REJECT
    plural = _plural_uses(evidence, words)
    if 2 * (evidence.modifier + plural) >= evidence.count or len(evidence.form) < 2:
        return REJECT
    if not (parts.given or parts.surname or parts.single or parts.titles):
        return REJECT  # "Sir" alone
    if not (parts.given or parts.surname or parts.single):  # a bare title such as "Coach"
        if set(words) & KIN_TITLES:
            return ATTACH  # "Father" is whoever the speaker's father is: no one character
        uses = evidence.vocative + evidence.subject
        return FOUND if uses >= tunables().title_uses_to_found else ATTACH
    if not all(is_name_word(w) for w in words if w not in HONORIFICS):
        return REJECT
    if _is_definite_role(evidence):
        return _judge_definite(evidence, lowercase_uses)
    mid_sentence = evidence.count - evidence.initial_only
    listed = (
        parts.honorific is not None
        or bool(parts.titles)
        or is_first_name(parts.given or parts.single)
    )
    # "Kronborg" alone, beside "Mr. Kronborg"; but a common word ("Small") stays one.
    named_here = parts.single in text_names and not parts.honorific and not _a_group(evidence)
    known = listed or named_here
    if parts.single and not parts.honorific:
        if 2 * lowercase_uses > evidence.count and (not listed or mid_sentence < 2):
            return REJECT
        if _is_a_place(evidence) and not named_here:
            return REJECT  # but "at Verloc's" is Mr Verloc's shop
    acts_as_person = evidence.person + evidence.vocative + evidence.subject + evidence.person_cue
    if not known and evidence.other_entity > acts_as_person and not _behaves_as_person(evidence):
        return REJECT  # spaCy sees a place or a brand more often than a person
    if known and (mid_sentence or evidence.vocative or evidence.subject or parts.honorific):
        return FOUND
    if known and parts.given and parts.surname and (evidence.person or evidence.subject):
        return FOUND  # "Margot Quill had thanked him": a full name even sentence-initially
    if mid_sentence and evidence.count >= 2 and acts_as_person:
        return FOUND
    if _treated_as_person(evidence, lowercase_uses):
        return FOUND
    if mid_sentence or acts_as_person or known:
        return ATTACH
    return REJECT


def _treated_as_person(evidence: FormEvidence, lowercase_uses: int) -> bool:
    """A name no list knows, used once or twice (a drabble's cast), that the text treats as a
    person: spoken to, speaking, or a person cue (:mod:`ficlens.characters.person_cues`),
    and a proper noun to spaCy; never a word the text also writes in lower case, nor one
    that only ever opens a sentence before a comma ("Nah, ...", "Gentler, Jack adds")."""
    cues = evidence.vocative + evidence.speaker + evidence.person_cue
    placed = evidence.count > evidence.initial_only or evidence.subject  # not only "Nah, ..."
    return (cues > 0 and placed and 2 * evidence.proper > evidence.count and not lowercase_uses
            and evidence.opens_with_comma < evidence.count and not _a_group(evidence))


def _plural_uses(evidence: FormEvidence, words: list[str]) -> int:
    """Uses as a plural ("the Scotts"). "Babs said": a name ending in s that spaCy tags
    plural but that speaks alone; "Mr. Graves", "Sally Oates": a full name is one person."""
    one = len(words) > 1 and words[0] != "Miss"  # but "the Miss Bennets" are sisters
    if one or tunables().speaks_alone * evidence.speaker >= evidence.count:
        return 0
    if evidence.count < tunables().plural_tag_uses:  # too few uses to overrule the tagger
        return evidence.tagged_plural
    return evidence.plural


def _a_group(evidence: FormEvidence) -> bool:
    """spaCy reads a nationality or a religion (NORP) in half the uses or more."""
    return 2 * evidence.group >= evidence.count


def _is_a_place(evidence: FormEvidence) -> bool:
    """Mostly after "in", "at", "to", "from" and never addressed, or, when addressed once in
    a while, never speaking and seldom acting: "went to Monteriano", "in Monteriano"."""
    places = evidence.after_place_preposition
    travel = places + evidence.after_to_or_from
    if not evidence.vocative and (
        2 * places >= evidence.count or (2 * travel >= evidence.count and not evidence.subject)
    ):
        return True
    return (
        tunables().travel_share * evidence.count <= travel
        and not evidence.speaker
        and tunables().rare_subject * evidence.subject < evidence.count
        and tunables().rare_vocative * evidence.vocative < evidence.count
    )


def _names_a_place(words: list[str]) -> bool:
    """ "Kellynch Hall", "Sink Street"; but "Reggie St Cloud" is a man (a saint's name
    inside a surname, not "Main St")."""
    inner = [w for w in words[1:-1] if w not in ("St", "St.")]
    return any(w in PLACE_WORDS for w in [*inner, *words[-1:]] if len(words) > 1)


def _behaves_as_person(evidence: FormEvidence) -> bool:
    """What the form does outweighs spaCy's label: "Sissy" or "Lilia", tagged a place or an
    organisation, is the subject of a third of its sentences and says things; places and
    nations rarely act ("Italy", "Hetton"), and groups ("the Sikhs said") are NORP."""
    if _a_group(evidence):
        return False
    if evidence.vocative and evidence.speaker:
        return True  # spoken to and speaking: "Cole," ... "Cole spoke up"
    if (evidence.speaker >= 2
            and evidence.speaker * tunables().person_speech_ratio >= evidence.count):
        return True
    return (
        evidence.count >= tunables().person_min_uses
        and evidence.subject >= tunables().person_subject_share * evidence.count
    )


def _is_definite_role(evidence: FormEvidence) -> bool:
    """One or two capitalised words, no first name, mostly after "the": "the Mock Turtle"."""
    words = evidence.form.split()
    return (
        len(words) <= 2
        # "the Doctor": an honorific that is also a title may be a role the text names
        and not any(is_first_name(w) or (w in HONORIFICS and w not in TITLES) for w in words)
        and 2 * evidence.definite >= evidence.count
    )


def _judge_definite(evidence: FormEvidence, lowercase_uses: int) -> str:
    """ "the Hatter" is a character when it acts or is spoken to; "the Pentagon" is not."""
    acts = evidence.subject + evidence.vocative
    if (
        acts >= tunables().definite_acts_to_found
        # spaCy's organisation or place label yields to what it does: "the Guardian said"
        and (2 * evidence.other_entity < evidence.count or _behaves_as_person(evidence))
        and 2 * (evidence.after_place_preposition + lowercase_uses) < evidence.count
    ):
        return FOUND
    return REJECT


def canonical_name(cluster: Cluster) -> str:
    """The fullest plain name: "Tomas Reyes" over "Coach Tomas Reyes", "Tom" or "Mr. Reyes"."""
    ranked = sorted(cluster.forms.items(), key=lambda kv: -kv[1])
    full = [(parse_form(f), n) for f, n in ranked]
    for parts, _n in full:
        if parts.given and parts.surname:
            return f"{parts.given} {parts.surname}"
    top = full[0][0]
    surnames = {p.surname for p, _n in full if p.surname}
    if top.single and not top.honorific and len(surnames) == 1 and top.single not in surnames:
        return f"{top.single} {surnames.pop()}"  # "Tomas" and a lone "Mr. Reyes"
    for parts, n in full:
        if parts.surname and tunables().canonical_share * n >= ranked[0][1]:
            return parts.form  # "Mr. Bounderby"; but "Philip" over a one-off "Mr. Philip"
    # "Sir Walter" when the text says it most; "Alice" over a one-off "Miss Alice".
    return ranked[0][0]


def _skip_spans(work: Work) -> list[tuple[int, int]]:
    return [(n.start, n.end) for n in work.layer("notes")]


def _keep_mention(
    view: TextView,
    mention: Mention,
    skip: list[tuple[int, int]],
    lowercase: Counter[str] | None = None,
) -> bool:
    if any(s <= mention.start < e for s, e in skip):
        return False
    index = view.token_at(mention.start)
    if index < 0:
        return True
    tok = view.tokens[index]
    if tok["dep"] == "compound" and 0 <= tok["head"] < len(view.tokens):
        governor = view.tokens[tok["head"]]
        if governor["pos"] == "NOUN" and governor.start >= mention.end:
            return False  # "a Coach bag"
    # "Will you...?" is not William: sentence-initial words must be tagged proper nouns,
    # unless the text never writes the word in lower case ("Dyporn opened the door": spaCy
    # may tag a name it has never seen as a common noun).
    if lowercase is not None and not lowercase[mention.form.split()[0].lower()]:
        return True
    return not (view.is_sentence_initial(index) and tok["tag"] not in ("NNP", "NNPS"))


def named_characters(view: TextView, skip: list[tuple[int, int]]) -> list[Character]:
    runs = list(words_in(view.text))
    forms = collect_forms(view, skip, runs)
    lowercase = Counter(_LOWER_WORD.findall(view.text))
    verdicts = {form: judge_form(ev, lowercase[form.lower()]) for form, ev in forms.items()}
    text_names = names_in_full_names(forms, verdicts)
    for form in _named_by(forms, text_names):
        verdicts[form] = judge_form(forms[form], lowercase[form.lower()], text_names)
    for form in short_for_places(forms):
        verdicts[form] = REJECT
    counts = {form: ev.count for form, ev in forms.items() if verdicts[form] != REJECT}
    founders = {form for form, verdict in verdicts.items() if verdict == FOUND}
    narrated = {form: ev.subject for form, ev in forms.items()}
    heard = _bare_form_genders(view, forms, counts)
    clusters = cluster_forms(
        counts, founders, narrated, heard, _with_relatives(view, forms, counts)
    )
    alias_table = {form: i for i, c in enumerate(clusters) for form in c.forms}
    alias_table |= _capitalised_aliases(alias_table, lowercase)
    definite = {f for f, ev in forms.items() if _is_definite_role(ev)}
    characters = [
        Character(_with_article(canonical_name(c), definite), [], "named") for c in clusters
    ]
    seen: list[Counter[str]] = [Counter() for _c in characters]
    namesakes: dict[tuple[int, str], Character] = {}
    for mention in find_mentions(view.text, alias_table, runs=runs):
        if _keep_mention(view, mention, skip, lowercase):
            kind = "title" if not _has_name_word(mention.form) else "proper"
            # "the Hatter", "the Colonel", "the Widow Douglas", "the Lord High Chancellor"
            as_role = kind == "title" or mention.form in definite or _opens_with_title(mention.form)
            start = _with_modifiers(view, mention.start, mention.end, as_role)
            marker = namesake_marker(view.text, mention.start)
            if marker is not None:
                _namesake(namesakes, alias_table[mention.form], marker[1], mention.form).mentions \
                    .append((marker[0], mention.end, kind))
                continue
            characters[alias_table[mention.form]].mentions.append((start, mention.end, kind))
            surface = view.text[mention.start : mention.end]
            seen[alias_table[mention.form]][surface] += not surface.isupper()
    for character, surfaces in zip(characters, seen, strict=True):
        character.aliases = _aliases(character.name, +surfaces)
    return characters + list(namesakes.values())


def _namesake(
    namesakes: dict[tuple[int, str], Character], index: int, words: str, form: str
) -> Character:
    """ "the other Martin" is a second Martin, a character of its own (issue 20)."""
    key = (index, words)
    if key not in namesakes:
        name = f"{words} {form}"
        namesakes[key] = Character(name, [name], "named")
    return namesakes[key]


def _opens_with_title(form: str) -> bool:
    """A title or a rank opens the name ("Widow", "Lady", "Herr"): it may take "the", which
    "Mr.", "Mrs.", "Miss" or "Dr." never do."""
    first = form.split(" ", 1)[0]
    return (first in TITLES or first in HONORIFICS) and first not in NO_ARTICLE_HONORIFICS


def _with_modifiers(view: TextView, start: int, end: int, title: bool = False) -> int:
    """Where the name's noun phrase starts in the narration (LitBank's span): adjectives
    that modify the name, "poor Jemima", "young Oliver Twist", with the determiner before
    them, "the late Lady Belmont"; a bare title takes its article, "the Colonel". In a
    quotation "my dear Watson" addresses Watson: the name alone."""
    head = view.head_of(start, end)
    first = view.token_at(start)
    if head < 0 or first <= 0 or view.tokens[first].start != start or view.in_quote(start):
        return start
    index = first - 1
    while index >= 0 and _modifies(view, index, head, index + 1):
        if not _is_epithet(view, index):
            opens = title or index < first - 1  # the determiner opens the phrase
            return view.tokens[index].start if opens else start
        start = _word_start(view.text, view.tokens[index].start)
        index = view.token_at(start) - 1
    return start


def _word_start(text: str, offset: int) -> int:
    """The start of a hyphenated word: "good-natured", "Fifteen-year-old"."""
    while offset > 1 and text[offset - 1] == "-" and text[offset - 2].isalpha():
        offset -= 2
        while offset > 0 and text[offset - 1].isalpha():
            offset -= 1
    return offset


def _modifies(view: TextView, index: int, head: int, after: int) -> bool:
    tok = view.tokens[index]
    gap = view.text[tok.end : view.tokens[after].start]
    if gap.strip(" ") or tok["head"] != head:
        return False
    if _is_epithet(view, index):
        return True
    return tok["dep"] in ("det", "poss") and view.text[tok.start : tok.end].lower() in DETERMINERS


def _is_epithet(view: TextView, index: int) -> bool:
    """An adjective before a name: "young Oliver Twist"; "Old Billy" too, which spaCy may
    read as part of a proper noun."""
    tok = view.tokens[index]
    if tok["pos"] == "ADJ" and tok["dep"] == "amod":
        return True
    word = view.text[tok.start : tok.end].lower()
    return word in NAME_EPITHETS and tok["dep"] in ("amod", "compound", "nmod")


def _capitalised_aliases(alias_table: dict[str, int], lowercase: Counter[str]) -> dict[str, int]:
    """ "TOM", "SIR HENRY CURTIS" in a heading or a letter's greeting are Tom and Sir Henry
    Curtis; but not "I WILL" for Will, a word the text also writes in lower case."""
    upper = {}
    for form, index in alias_table.items():
        shout = form.upper()
        if shout != form and shout not in alias_table and not any(
            lowercase[word.lower()] for word in form.split()
        ):
            upper[shout] = index
    return upper


def short_for_places(forms: dict[str, FormEvidence]) -> list[str]:
    """ "Blodgett" beside "Blodgett College" as often: a place's short name, not a person;
    but "Howard" of "Howard Street" is a first name."""
    in_places: Counter[str] = Counter()
    for form, evidence in forms.items():
        words = form.split()
        if len(words) > 1 and _names_a_place(words):
            in_places.update(dict.fromkeys(words[:-1], evidence.count))
    return [
        form
        for form, n in in_places.items()
        if form in forms and n >= forms[form].count and not is_first_name(form)
    ]


def _named_by(forms: dict[str, FormEvidence], text_names: frozenset[str]) -> list[str]:
    """The forms a word of ``text_names`` may change the verdict on: that word alone, or
    ending a full name ("Charlotte Temple" beside "Mr. Temple")."""
    return [f for f in forms if f in text_names or f.rsplit(" ", 1)[-1] in text_names]


def names_in_full_names(forms: dict[str, FormEvidence], verdicts: dict[str, str]) -> frozenset[str]:
    """Words the text uses as a person's first name or surname: the given name of a full
    name spaCy reads as a person ("Carol Milford"), the surname after an honorific or a
    first name ("Mr. Kronborg", "Peter Kronborg"). spaCy may take the bare word for a place."""
    names: set[str] = set()
    for form, evidence in forms.items():
        parts = parse_form(form)
        if verdicts[form] == REJECT or " " not in form or not _reads_as_one_person(evidence):
            continue
        if parts.given and not parts.honorific:
            names.add(parts.given)
        if parts.surname and " " not in parts.surname and (parts.given or parts.honorific):
            names.add(parts.surname)
    return frozenset(names)


def _reads_as_one_person(evidence: FormEvidence) -> bool:
    """spaCy reads a person, or an honorific says so; not a plural ("Bengal Fusiliers") nor a
    destination ("out from Freetown John Clayton")."""
    person = parse_form(evidence.form).honorific is not None or 2 * evidence.person > evidence.count
    travel = evidence.after_place_preposition + evidence.after_to_or_from
    # a name of two words or more: the tag alone makes it a group
    return person and not evidence.tagged_plural and 2 * travel < evidence.count


def _bare_form_genders(
    view: TextView, forms: dict[str, FormEvidence], kept: dict[str, int]
) -> dict[str, str]:
    """The gender narration pronouns give a one-word form ("Beaver ... he") or a rank and a
    surname ("Sheriff Carter ... he"), when clear: it keeps a bare "Beaver" from the Mrs
    Beaver of the same family, and a sheriff from his daughter."""
    bare = [form for form in kept if " " not in form or _rank_and_surname(form)]
    offsets = [(s, e, i) for i, form in enumerate(bare) for s, e in forms[form].occurrences]
    genders = {}
    for form, vote in zip(bare, pronoun_votes(view, offsets, len(bare)), strict=True):
        male, female = vote.get("M", 0), vote.get("F", 0)
        top, rest = max(male, female), min(male, female)
        if top >= tunables().form_gender_votes and top >= tunables().form_gender_margin * rest:
            genders[form] = "M" if male > female else "F"
    return genders


def _rank_and_surname(form: str) -> bool:
    parts = parse_form(form)
    return bool(parts.titles) and bool(parts.surname) and not parts.given


def _with_relatives(
    view: TextView, forms: dict[str, FormEvidence], kept: dict[str, int]
) -> frozenset[str]:
    """Forms the text gives an elder relative ("his son Jamie Carter", "Jamie's dad")."""
    return frozenset(
        form
        for form in kept
        if any(has_elder_relative(view, s, e) for s, e in forms[form].occurrences)
    )


def _with_article(name: str, definite: set[str]) -> str:
    return f"the {name}" if name in definite else name


def _has_name_word(form: str) -> bool:
    parts = parse_form(form)
    return bool(parts.given or parts.surname or parts.single)


def _aliases(name: str, seen: Counter[str]) -> list[str]:
    """The canonical name first, then every surface form, most frequent first."""
    surface = [" ".join(text.split()) for text, _n in seen.most_common()]
    ordered = dict.fromkeys([name, *surface])
    return list(ordered)


def nominal_characters(view: TextView, skip: list[tuple[int, int]]) -> list[Character]:
    characters = []
    for speaker in find_nominal_speakers(view):
        spans = [(s, e) for s, e in speaker.spans if not any(a <= s < b for a, b in skip)]
        if not spans:
            continue
        name = speaker.names.most_common(1)[0][0]
        character = Character(name, list(speaker.names), "nominal")
        character.mentions = [(s, e, "nominal") for s, e in spans]
        character.gender = GenderGuess(speaker.gender, 0.9 if speaker.gender != "U" else 0.0)
        character.on_stage = True
        characters.append(character)
    return characters


def _assign_gender(
    view: TextView,
    characters: list[Character],
    hints: list[tuple[set[str], str]],
    tags: list[str] | None = None,
) -> None:
    offsets = [(s, e, i) for i, c in enumerate(characters) for s, e, _k in c.mentions]
    votes = pronoun_votes(view, offsets, len(characters))
    for vote, reply in zip(votes, reply_votes(view, offsets, len(characters)), strict=True):
        vote.update(reply)
    described = description_votes(view, offsets, len(characters))
    names_of = [{w.lower() for a in c.aliases for w in a.split()} for c in characters]
    tagged = tag_genders(tags or [], names_of)
    for i, (character, (honorific, by_name)) in enumerate(zip(characters, hints, strict=True)):
        evidence = GenderEvidence(votes[i], described[i], tagged[i], honorific, by_name)
        character.gender = decide(votes[i], honorific, by_name, evidence)
        character.gender_evidence = evidence


def _on_stage(view: TextView, character: Character) -> bool:
    """Acts in narration (grammatical subject outside quotes) or is spoken to by name."""
    for start, end, _kind in character.mentions:
        head = view.head_of(start, end)
        if head < 0:
            continue
        dep = view.tokens[head]["dep"]
        if view.in_quote(start):
            if dep in ("npadvmod", "intj", "vocative") or _is_direct_address(view, start, end):
                return True
        elif dep in ("nsubj", "nsubjpass") or (
            dep == "conj" and view.tokens[view.tokens[head]["head"]]["dep"] == "nsubj"
        ):
            return True
    return False


def _is_direct_address(view: TextView, start: int, end: int) -> bool:
    before = view.text[max(start - 2, 0) : start]
    after = view.text[end : end + 1]
    return ("," in before or '"' in before or "“" in before) and after in (",", ".", "!", "?")


def run(work: Work) -> None:
    if "tokens" not in work.layers:
        raise FiclensError("the characters stage needs the nlp stage's tokens; run 'nlp' first")
    view = TextView.of(work)
    skip = _skip_spans(work)
    named = named_characters(view, skip)
    named = [c for c in named if c.mentions]
    genders = [_cluster_gender_hints(c) for c in named]
    _assign_gender(view, named, genders, _author_tags(work))
    for character in named:
        character.on_stage = _on_stage(view, character)
    characters = named + _unnamed_only(named, nominal_characters(view, skip))
    extend_unnamed(view, characters, skip)  # "the healer" after "said the healer"
    characters.sort(key=lambda c: (-len(c.mentions), c.kind != "named", c.name))
    _add_narrator(view, characters, skip, work)
    _publish(work, characters)
    add_documents(work, view, skip)  # letters, texts and chat logs, and their writers


def _author_tags(work: Work) -> list[str]:
    """The archive's character and freeform tags ("Female Lavellan"), when the file had any."""
    meta = work.metadata
    return [*meta.characters, *meta.additional_tags] if meta is not None else []


def _add_narrator(view: TextView, characters: list[Character], skip: list,
                  work: Work) -> None:
    """The first-person narrator or second-person reader (ficlens.characters.narrator),
    scoped to the chapters and scenes told in their person."""
    add_narrator(view, characters, skip, _stretch_starts(work))


def _stretch_starts(work: Work) -> list[int]:
    """Where each chapter and scene begins."""
    return [c.start for c in work.layer("chapters")] + [b.end for b in work.layer("scene_breaks")]


def reader_narration(work: Work) -> dict | None:
    """The ``narrator``, ``person`` and ``narrates`` fields this stage gives a second-person
    story's Reader, for a character list made by hand (the evaluation's gold characters);
    None when the story is not told in the second person."""
    view = TextView(work.text, work.layer("tokens"), work.layer("sentences"))
    _skip, parts, person = narration(view, _skip_spans(work), _stretch_starts(work))
    if person != 2:
        return None
    reader = Character(READER_NAME, [READER_NAME], "reader")
    reader.narrator, reader.person = True, 2
    reader.narrates = narrated_stretches(parts, 2)
    row = {"narrator": True}
    _publish_narration(row, reader)
    return row


def _unnamed_only(named: list[Character], nominal: list[Character]) -> list[Character]:
    """Nominal speakers that are not a named character: "the Hatter" said is the Hatter."""
    by_alias = {a.lower(): c for c in named for a in [c.name, *c.aliases]}
    kept = []
    for character in nominal:
        owner = (
            by_alias.get(character.name.lower())
            or by_alias.get(character.name.lower().removeprefix("the "))
            or _title_holder(named, character)
        )
        if owner is None:
            kept.append(character)
        else:
            owner.mentions.extend((s, e, "title") for s, e, _k in character.mentions)
            owner.aliases.extend(a for a in character.aliases if a not in owner.aliases)
    return kept


def _title_holder(named: list[Character], role: Character) -> Character | None:
    """ "the doctor" who speaks is Doctor Mandelet when he is the story's one doctor and is
    named near where "the doctor" speaks (Oliver Twist's first doctor is not Mr. Losberne)."""
    title = role.name.lower().removeprefix("the ").capitalize()
    if title not in TITLES:
        return None
    forms = {title, *TITLE_ABBREVIATIONS.get(title, ())}
    holders = [c for c in named if any(a.split()[0] in forms for a in c.aliases if " " in a)]
    if len(holders) != 1:
        return None
    named_at = sorted(start for start, _e, _k in holders[0].mentions)
    near = sum(_distance(named_at, start) <= tunables().title_near_name
               for start, _e, _k in role.mentions)
    return holders[0] if 2 * near > len(role.mentions) else None


def _distance(sorted_starts: list[int], offset: int) -> int:
    i = bisect.bisect_left(sorted_starts, offset)
    around = sorted_starts[max(i - 1, 0) : i + 1]
    return min((abs(offset - s) for s in around), default=10**9)


def _cluster_gender_hints(character: Character) -> tuple[set[str], str]:
    honorific: set[str] = set()
    names: set[str] = set()
    for alias in character.aliases:
        parts = parse_form(alias)
        if parts.implied_gender:
            # a rank anyone may hold ("Lieutenant Uhura") says only what a name would
            ranked = all(_rank_title(t) for t in parts.titles) and not parts.honorific
            (names if ranked else honorific).add(parts.implied_gender)
        opening = alias.split()[0].lower().rstrip(".")
        if opening in titles("address"):  # "Signor Carella"
            honorific.add(noun_gender(opening).value)
            continue
        first = parts.given or (parts.single if not parts.honorific else None)
        if likely_gender(first):
            names.add(likely_gender(first))
    return honorific, (names.pop() if len(names) == 1 else "")


def _rank_title(title: str) -> bool:
    """A title the person-noun list gives no gender (Captain, Lieutenant, General): the
    title list's gender for it is a convention the text may overturn."""
    return person_nouns().get(title.lower()) is Gender.UNKNOWN


def _publish(work: Work, characters: list[Character]) -> None:
    table = []
    spans = []
    for number, character in enumerate(characters):
        ident = f"C{number}"
        table.append(
            {
                "id": ident,
                "name": character.name,
                "aliases": character.aliases,
                "gender": character.gender.gender,
                "gender_confidence": character.gender.confidence,
                "mentions": len(character.mentions) or character.narrated,
                "on_stage": character.on_stage,
                "kind": character.kind,
            }
        )
        if character.narrator:
            table[-1]["narrator"] = True
            _publish_narration(table[-1], character)
        if character.gender_evidence is not None:
            table[-1]["gender_evidence"] = character.gender_evidence.to_dict()
        spans.extend(
            Span(start, end, {"character": ident, "kind": kind})
            for start, end, kind in character.mentions
        )
    work.set_table("characters", table)
    work.add_layer("mentions", spans)


def _publish_narration(row: dict, character: Character) -> None:
    """Where the narrator tells the story (absent: everywhere) and in which person."""
    if character.narrates:
        row["narrates"] = [[s, e] for s, e in character.narrates]
    if character.person != 1:
        row["person"] = character.person
