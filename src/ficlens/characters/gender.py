"""A character's gender from what the text says about it, with its name as a weak prior.

The evidence, strongest first: the author's tags ("Female Lavellan", "fem!Harry"); an
honorific or a gendered title ("Mrs.", "Ser", "Queen"); the nouns that describe the
character in its own noun phrase ("her brother Krem", "Josephine, the Antivan woman",
"Krem was a quiet man"); narration pronouns that refer back to it; and last a name list.

Pronouns count only outside quotations (inside, "he" is usually someone else): those of the
clause a mention is the subject of, when no one else is named in that clause ("Nessa
wondered how Orla got her notes": "her" votes for Orla only), and the pronoun opening
the next sentence when this character is the only one named before it.
Singular "they" is read as nonbinary only when it clearly dominates: plural "they" is common.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ficlens import lexicon
from ficlens.characters.config import tunables
from ficlens.characters.textview import TextView
from ficlens.text.quotemarks import DOUBLE_MARKS

# Third-person pronouns of one person or a "they": M / F / N.
_PRONOUN_GENDER = {
    p.word: p.gender.value
    for p in lexicon.pronouns().values()
    if p.person == 3 and p.group == "personal"
}
_PRONOUN = re.compile(
    r"\b(" + "|".join(sorted(_PRONOUN_GENDER, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
PRONOUN_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
DESCRIBING_DEPS = frozenset({"appos", "compound", "nmod"})
# "Female Lavellan", "Male Inquisitor", "fem!Harry", "Trans Male Sam (Character)".
_GENDER_TAG = re.compile(
    r"^(?:trans(?:gender)?\s+)?(female|male|fem|girl|boy|woman|man)\s*!?\s*(.+)$", re.IGNORECASE
)
_TAG_GENDER = {"female": "F", "fem": "F", "girl": "F", "woman": "F",
               "male": "M", "boy": "M", "man": "M"}  # fmt: skip


@dataclass
class GenderEvidence:
    """The counts a gender is decided from, kept so a reader can see why (the characters
    table's ``gender_evidence``)."""

    pronouns: Counter[str] = field(default_factory=Counter)
    descriptions: Counter[str] = field(default_factory=Counter)
    tags: Counter[str] = field(default_factory=Counter)
    titles: set[str] = field(default_factory=set)
    name: str = ""  # the name list's gender, "" when it has none

    def to_dict(self) -> dict:
        return {
            "pronouns": {g: round(n, 2) for g, n in sorted(self.pronouns.items()) if n},
            "descriptions": dict(sorted(self.descriptions.items())),
            "tags": dict(sorted(self.tags.items())),
            "titles": sorted(self.titles),
            "name": self.name,
        }


@dataclass(frozen=True, slots=True)
class GenderGuess:
    gender: str  # M / F / N / U
    confidence: float


def pronoun_votes(
    view: TextView, mentions: Sequence[tuple[int, int, int]], n_characters: int
) -> list[Counter[str]]:
    """Per character, narration pronouns that refer back to it when it is the one named.

    ``mentions`` holds (start, end, character index). A mention that is the subject of its
    clause (or the possessor of that subject: "Margot's eyes filled") votes with the subject,
    possessive and reflexive pronouns of the same clause ("Margot sighed and she shook her
    head"), with the possessive and reflexive pronouns of a clause embedded in it at half
    weight ("Orla wondered whether her notes were right") when no one else is named in
    between, and with the pronouns of the clause
    opening the next sentence, when no one else is named. That last vote is weaker, and
    weaker still for the gender most of the narration's pronouns have: in a story told
    close to one woman, "She" opening a sentence is mostly her; "He" says more.
    """
    pronouns = _narration_pronouns(view)
    named_in: dict[int, set[int]] = defaultdict(set)
    clauses_named: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    subjects = []
    for start, end, character in mentions:
        if view.in_quote(start):
            continue
        sentence = view.sentence_of(start)
        named_in[sentence].add(character)
        head = view.head_of(start, end)
        if head >= 0:
            clauses_named[sentence].append((_clause_of(view, head), character, head))
        if head >= 0 and _is_clause_subject(view, head):
            subjects.append((head, sentence, character))
    votes = [Counter() for _ in range(n_characters)]
    opener_weight = _opener_weights(pronouns)
    for head, sentence, character in subjects:
        clause = _clause_of(view, head)
        others = [(c, i) for c, other, i in clauses_named[sentence] if other != character]
        if any(_same_clause(view, named_clause, clause) for named_clause, _i in others):
            continue
        for i, gender, pronoun_clause in pronouns.get(sentence, ()):
            if i <= head:
                continue
            if _same_clause(view, pronoun_clause, clause):
                votes[character][gender] += 1
            elif (
                _binds(view, i)
                and not any(head < o < i for _c, o in others)
                and _embedded_in(view, pronoun_clause, clause)
            ):
                votes[character][gender] += tunables().embedded_weight
        if named_in[sentence] == {character} and named_in.get(sentence + 1, set()) <= {character}:
            following = pronouns.get(sentence + 1, ())
            opening = [p for p in following if view.tokens[p[0]]["dep"] in ("nsubj", "nsubjpass")]
            if opening:
                _first, gender, clause = opening[0]
                # "They drank it, and they smiled at their reflection": the whole clause.
                same = [p for p in following if p[1] == gender and _same_clause(view, p[2], clause)]
                votes[character][gender] += opener_weight[gender] * len(same)
    return votes


def reply_votes(
    view: TextView, mentions: Sequence[tuple[int, int, int]], n_characters: int
) -> list[Counter[str]]:
    """Per character, the he/she that tags the reply to a line calling it by name.

    '"Kel, I got the job." // "Mira, that's great!" He hugged her.': the reply opens the next
    paragraph, so the one called Kel answers it, and its tag's "He" says Kel is a man. Only
    the pronoun that opens the narration right after the reply counts, and only when the
    line calls one character by name.
    """
    votes = [Counter() for _ in range(n_characters)]
    called: dict[int, set[int]] = defaultdict(set)
    for start, end, character in mentions:
        region = view.quote_index.index_at(start)
        if region < 0:
            continue
        line_start, line_end = view.quote_spans[region]
        if start < line_end and _calls(view, start, end, line_start):
            called[region].add(character)
    for region, characters in called.items():
        if len(characters) != 1 or region + 1 >= len(view.quote_spans):
            continue
        gender = _reply_tag_gender(view, view.quote_spans[region], view.quote_spans[region + 1])
        if gender:
            votes[next(iter(characters))][gender] += tunables().reply_weight
    return votes


def _calls(view: TextView, start: int, end: int, line_start: int) -> bool:
    """The name is said to someone: set off by a comma or ending the line ("Kel, ...",
    "..., Kel." "... Kel?"), or opening a double-quoted line before a comma."""
    before = view.text[max(start - 2, 0) : start]
    after = view.text[end : end + 1]
    opens_line = start - 1 == line_start and view.text[line_start] in DOUBLE_MARKS
    return bool(after) and (("," in before and after in ",.!?") or (opens_line and after == ","))


_REPLY_TAG = re.compile(r" +(he|she)(?= |$)", re.IGNORECASE)


def _reply_tag_gender(view: TextView, line: tuple[int, int], reply: tuple[int, int]) -> str:
    """The gender of the he/she opening the narration after ``reply`` when the reply opens
    a paragraph after ``line``'s."""
    between = view.text[line[1] : reply[0]]
    if "\n" not in between or between.rsplit("\n", 1)[1].strip():
        return ""
    tag = _REPLY_TAG.match(view.text[reply[1] : reply[1] + 12])
    if tag is None:
        return ""
    index = view.token_at(reply[1] + tag.start(1))
    if index < 0 or view.tokens[index]["dep"] not in ("nsubj", "nsubjpass"):
        return ""
    word = tag.group(1).lower()
    return _PRONOUN_GENDER[word]


def _opener_weights(pronouns: dict[int, list[tuple[int, str, int]]]) -> dict[str, float]:
    """The next-sentence weight of each gender, lowered for the one most narration pronouns
    have (a "she" in a story of "she"s tells little)."""
    counts = Counter(g for entries in pronouns.values() for _i, g, _c in entries)
    binary = counts["M"] + counts["F"]
    weights = dict.fromkeys(("M", "F", "N"), tunables().next_sentence_weight)
    if binary:
        for gender in ("M", "F"):
            share = counts[gender] / binary
            weights[gender] = tunables().next_sentence_weight * max(
                tunables().opener_floor, min(1.0, 2 * (1 - share)))
    return weights


def _binds(view: TextView, index: int) -> bool:
    """A possessive or reflexive pronoun, which an embedded clause mostly binds to the
    subject above it ("Orla wondered whether her notes were right"); a subject "he"
    there is often someone else."""
    tok = view.tokens[index]
    return tok["dep"] == "poss" or view.text[tok.start : tok.end].lower().endswith("self")


def _embedded_in(view: TextView, clause: int, subject_clause: int) -> bool:
    """The clause hangs below the subject's one ("... how rich she was")."""
    for _ in range(tunables().max_climb):
        head = view.tokens[clause]["head"]
        if head < 0 or head == clause:
            return False
        clause = _clause_of(view, head)
        if clause == subject_clause:
            return True
    return False


def _narration_pronouns(view: TextView) -> dict[int, list[tuple[int, str, int]]]:
    """Subject, possessive and reflexive pronouns outside quotes, by sentence: (token index,
    gender, clause). Read once per text (kept on the view) however often votes are taken."""
    cached = view.memo.get("narration_pronouns")
    if cached is not None:
        return cached
    pronouns: dict[int, list[tuple[int, str, int]]] = defaultdict(list)
    for match in _PRONOUN.finditer(view.text):
        offset = match.start()
        if view.in_quote(offset):
            continue
        index = view.token_at(offset)
        if index < 0:
            continue
        word = match.group().lower()
        # Object pronouns mostly point at someone else ("Margot had thanked him").
        if view.tokens[index]["dep"] in PRONOUN_DEPS or word.endswith("self"):
            entry = (index, _PRONOUN_GENDER[word], _clause_of(view, index))
            pronouns[view.sentence_of(offset)].append(entry)
    view.memo["narration_pronouns"] = pronouns
    return pronouns


def _is_clause_subject(view: TextView, index: int) -> bool:
    tok = view.tokens[index]
    if tok["dep"] in ("nsubj", "nsubjpass"):
        return True
    owner = tok["head"]
    return tok["dep"] == "poss" and view.tokens[owner]["dep"] in ("nsubj", "nsubjpass")


def _clause_of(view: TextView, index: int) -> int:
    """The verb heading the clause that contains token ``index``."""
    for _ in range(tunables().max_climb):
        head = view.tokens[index]["head"]
        if head < 0 or head == index:
            return index
        index = head
        if view.tokens[index]["pos"] in ("VERB", "AUX"):
            return index
    return index


def _same_clause(view: TextView, clause: int, subject_clause: int) -> bool:
    """The same clause, or one coordinated with it ("sighed and shook her head")."""
    if clause == subject_clause:
        return True
    tok = view.tokens[clause]
    if tok["dep"] == "conj" and tok["head"] == subject_clause:
        return True
    other = view.tokens[subject_clause]
    return other["dep"] == "conj" and other["head"] == clause


def description_votes(
    view: TextView, mentions: Sequence[tuple[int, int, int]], n_characters: int
) -> list[Counter[str]]:
    """Per character, the gendered nouns that describe it in its own noun phrase: "her
    brother Krem", "Krem, her brother", "the Antivan woman Josephine", "Krem was a man".
    "Krem's sister" is someone else (a possessive is no description)."""
    votes = [Counter() for _ in range(n_characters)]
    children = _children(view)
    for start, end, character in mentions:
        head = view.head_of(start, end)
        if head < 0:
            continue
        own = set(view.token_range(start, end))
        for index in _describing_nouns(view, head, children):
            if index not in own:
                gender = _described_gender(view, index)
                if gender:
                    votes[character][gender] += 1
        gender = _named_by_pronoun(view, head, children)
        if gender:
            votes[character][gender] += 1
    return votes


def _named_by_pronoun(view: TextView, head: int, children: dict[int, list[int]]) -> str:
    """ "She was still Maren", "He is Krem": the name is what a gendered pronoun is."""
    tok = view.tokens[head]
    governor = tok["head"]
    if tok["dep"] != "attr" or view.tokens[governor]["lemma"] != "be":
        return ""
    for index in children.get(governor, ()):
        subject = view.tokens[index]
        if subject["dep"] == "nsubj":
            word = view.text[subject.start : subject.end].lower()
            return _PRONOUN_GENDER.get(word, "") if word in ("he", "she") else ""
    return ""


YOUNGER_RELATIONS = frozenset({"child", "grandchild", "sibling's child"})
ELDER_RELATIONS = frozenset({"parent", "grandparent", "parent's sibling"})


def has_elder_relative(view: TextView, start: int, end: int) -> bool:
    """The name at ``start:end`` is described as someone's son, daughter, niece ... ("his
    son Jamie", "Jamie, her nephew") or is said to have a parent, an aunt ... ("Jamie's
    dad"): the story holds an elder relative, who often shares the surname. ("her father,
    Arthur Morstan" says nothing of the kind: Arthur is the elder.)"""
    head = view.head_of(start, end)
    if head < 0:
        return False
    own = set(view.token_range(start, end))
    described = [i for i in _describing_nouns(view, head, _children(view)) if i not in own]
    if any(_kin_relation(view, i) in YOUNGER_RELATIONS for i in described):
        return True
    tok = view.tokens[head]
    return (
        tok["dep"] == "poss"
        and tok["head"] != head
        and _kin_relation(view, tok["head"]) in ELDER_RELATIONS  # "Jamie's dad"
    )


def _kin_relation(view: TextView, index: int) -> str:
    tok = view.tokens[index]
    kin = lexicon.kin_terms().get(view.text[tok.start : tok.end].lower())
    return kin.relation if kin is not None else ""


def _children(view: TextView) -> dict[int, list[int]]:
    cached = view.memo.get("children")
    if cached is None:
        cached = defaultdict(list)
        for index, tok in enumerate(view.tokens):
            head = tok.attrs["head"]
            if head != index:
                cached[head].append(index)
        view.memo["children"] = cached
    return cached


def _describing_nouns(view: TextView, head: int, children: dict[int, list[int]]) -> list[int]:
    tok = view.tokens[head]
    found = [c for c in children.get(head, ()) if view.tokens[c]["dep"] in DESCRIBING_DEPS]
    governor = tok["head"]
    if tok["dep"] in ("appos", "compound") and governor != head:
        found.append(governor)  # "her brother Krem": Krem is the apposition of "brother"
    if tok["dep"] == "nsubj" and view.tokens[governor]["lemma"] == "be":
        found.extend(c for c in children.get(governor, ()) if view.tokens[c]["dep"] == "attr")
    return [i for i in found if view.tokens[i]["pos"] in ("NOUN", "PROPN")]


def _described_gender(view: TextView, index: int) -> str:
    tok = view.tokens[index]
    word = view.text[tok.start : tok.end].lower()
    kin = lexicon.kin_terms().get(word)
    gender = kin.gender if kin is not None else lexicon.noun_gender(word)
    return gender.value if gender.is_binary else ""


def tag_genders(tags: Sequence[str], names_of: Sequence[set[str]]) -> list[Counter[str]]:
    """The author's tags that give a character's gender ("Female Lavellan", "Male Inquisitor
    (Dragon Age)", "fem!Harry"): a tag votes for each character one of whose name words it
    names."""
    votes = [Counter() for _ in names_of]
    for tag in tags:
        match = _GENDER_TAG.match(re.sub(r"\s*\(.*?\)\s*$", "", tag.strip()))
        if not match:
            continue
        gender = _TAG_GENDER[match.group(1).lower()]
        named = {w.lower() for w in re.findall(r"[\w'’-]+", match.group(2))}
        for character, names in enumerate(names_of):
            if named & names:
                votes[character][gender] += 1
    return votes


def decide(
    votes: Counter[str], honorific_genders: set[str], name_gender: str,
    evidence: GenderEvidence | None = None,
) -> GenderGuess:
    """Tags first, then a gendered title, then descriptions and pronouns with the name list's
    gender as a few votes more (so the text outvotes it)."""
    evidence = evidence or GenderEvidence()
    tagged = {g for g, n in evidence.tags.items() if n}
    if len(tagged) == 1:
        return GenderGuess(next(iter(tagged)), tunables().tag_confidence)
    if len(honorific_genders) == 1:
        return GenderGuess(next(iter(honorific_genders)), tunables().honorific_confidence)
    binary = Counter({g: float(votes.get(g, 0)) for g in ("M", "F")})
    for gender, n in evidence.descriptions.items():
        if gender in binary:
            binary[gender] += tunables().description_votes * n
    if name_gender in binary:
        binary[name_gender] += tunables().name_prior_votes
    they = votes.get("N", 0)
    total = sum(binary.values())
    if (not name_gender and they >= tunables().nonbinary_min
            and they >= tunables().nonbinary_share * (total + they)):
        return GenderGuess("N", round((they + 1) / (total + they + 2), 3))
    if total == 0:
        return GenderGuess("U", 0.0)
    gender, top = binary.most_common(1)[0]
    if top == total - top:
        return GenderGuess("U", 0.5)
    return GenderGuess(gender, round((top + 1) / (total + 2), 3))
