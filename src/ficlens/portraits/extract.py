"""What the dependency parse says each character does, undergoes, owns and is.

A character is reached through its mentions: names and titles (``mentions``), resolved
pronouns (``coref``, where a quotation's "I" is its speaker and "you" its addressee) and
linked descriptions (``nominal_mentions``). For each mention the syntactic head is found in
the ``tokens`` layer (the token whose head lies outside the mention) and its grammatical
role read off spaCy's English dependency labels, as BookNLP does for its ``.book`` file:

* ``agent``: the mention is the subject of a verb ("Anna *walked*"), the object of a
  passive's "by" ("was hugged by *him*"), or the unstated subject of a verb joined to its
  verb ("stood and *walked*"), controlled by it ("tried to *run*"), by a thing it acts on
  ("demanded the chance *to answer*"), by what it is ("the last one *to leave* the
  hall"), by a preposition ("before *turning* away") or by a reflexive ("*to steady*
  herself"); an -ing participle on the mention ("the
  visitor, *seizing* his chance"); what follows an expletive's subject ("there's Tobin,
  *waving*");
* ``patient``: the direct object ("hugged *her*", also where the parser left an object
  pronoun unattached: "the noise startles *her*") or passive subject ("*she* was
  hugged"). The subject of a bare infinitive ("made *him* drop", "let me guess") is the
  lower verb's agent only, as in BookNLP: taking it as the patient of "made" was tried
  and lost more than it found on the annotated sentences;
* ``poss``: the noun the mention possesses ("*her* curls", "*Anna's* book");
* ``mod``: an adjective on the mention ("the *tired* detective"), a predicate after a
  linking verb ("Mark was *beautiful* and *kind*", "she seemed *calm*") or an adjective
  the mention is the subject of in a small clause ("it made him *angry*", "made her the
  *leader*").

Binding theory checks coreference's links on objects: a reflexive object ("hurt
*herself*") is its own clause's subject's (principle A), and a plain object pronoun ("he
hugged *him*") is never its own clause's subject's (principle B).

A third-person pronoun inside a quotation that coreference gave to the quotation's own
speaker or to its addressee is left out: speakers say "I" of themselves and "you" of whom
they speak to, so the link is a slip. So is a pronoun or description whose link the
coreference layer marks as weak (its ``confidence`` under ``min_link_confidence``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ficlens.document import LayerView, Span, Work
from ficlens.lexicon import Gender, is_person_noun, pronoun

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj"})
VERB_POS = frozenset({"VERB"})
CLAUSE_HEAD_POS = frozenset({"VERB", "AUX"})
PREDICATE_DEPS = frozenset({"acomp", "attr", "oprd"})
PREDICATE_POS = frozenset({"ADJ", "NOUN"})
MODIFIER_DEPS = frozenset({"amod"})
CONJUNCT_DEPS = frozenset({"conj"})
# Labels the parser sometimes gives an object pronoun it failed to attach as the object
# ("the noise startles *her*" read as an apposition).
STRAY_DEPS = frozenset({"appos", "dep", "npadvmod"})
OBJECT_PREPOSITIONS = frozenset({"to", "from"})
SMALL_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "oprd"})
RELATIVE_TAGS = frozenset({"WP", "WDT"})
DOUBLE_QUOTES = ('"', "“", "”", "«", "»")
# Verbs that link a subject to what it is, not to an act it performs.
LINKING_LEMMAS = frozenset({"be", "seem", "become", "appear", "look", "feel", "remain",
                            "sound", "stay", "grow"})
# Words that make "the first one to leave" say who did it, where "the one to ask" says
# who is asked.
ORDERING_LEMMAS = frozenset({"first", "last", "only", "next"})


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    character: str
    kind: str  # proper / title / nominal / pronoun


@dataclass(frozen=True, slots=True)
class Fact:
    character: str
    role: str
    word: int  # token index of the verb, possessed noun or adjective
    mention: Mention
    start: int  # the written word's offsets (a hyphenated compound: all of it)
    end: int


class Parse:
    """The tokens layer as a dependency tree: heads, children and spans by index."""

    def __init__(self, tokens: list[Span], text: str = "") -> None:
        self.tokens = tokens
        self.text = text
        self.view = LayerView(tokens)
        self.children: list[list[int]] = [[] for _ in tokens]
        for index, tok in enumerate(tokens):
            head = tok.attrs.get("head", index)  # as self.head(index), without two calls
            if head != index and isinstance(head, int) and 0 <= head < len(tokens):
                self.children[head].append(index)

    def head(self, index: int) -> int:
        head = self.tokens[index].get("head", index)
        return head if isinstance(head, int) and 0 <= head < len(self.tokens) else index

    def dep(self, index: int) -> str:
        return str(self.tokens[index].get("dep", ""))

    def pos(self, index: int) -> str:
        return str(self.tokens[index].get("pos", ""))

    def lemma(self, index: int) -> str:
        return str(self.tokens[index].get("lemma", "")).lower()

    def word(self, index: int) -> str:
        """The token as written, lower-cased ("him", where the lemma says "he")."""
        token = self.tokens[index]
        return self.text[token.start:token.end].lower()

    def whole_word(self, index: int) -> tuple[int, int]:
        """The offsets of the written word the token belongs to: a hyphenated compound the
        tokenizer split ("pale - faced", "sing - songs") is one word, so its entry spans
        all of it."""
        first = last = index
        while first >= 2 and self._joined_by_hyphen(first - 2, first):
            first -= 2
        while last + 2 < len(self.tokens) and self._joined_by_hyphen(last, last + 2):
            last += 2
        return self.tokens[first].start, self.tokens[last].end

    def _joined_by_hyphen(self, left: int, right: int) -> bool:
        hyphen = self.tokens[left + 1]
        return (self.text[hyphen.start:hyphen.end] == "-"
                and self.tokens[left].end == hyphen.start
                and hyphen.end == self.tokens[right].start)

    def case(self, index: int) -> str | None:
        """A personal pronoun's case (subj / obj / poss / refl), else None."""
        said = pronoun(self.word(index))
        return said.case if said is not None else None

    def is_predicate(self, index: int) -> bool:
        """An adjective, a noun, or a participle used as one ("I'm *exhausted*")."""
        return self.pos(index) in PREDICATE_POS or self.tokens[index].get("tag") == "VBN"

    def dependents(self, index: int, deps: frozenset[str]) -> list[int]:
        return [child for child in self.children[index] if self.dep(child) in deps]

    def tokens_in(self, start: int, end: int) -> range:
        return self.view.indices_between(start, end)

    def mention_head(self, start: int, end: int) -> int | None:
        inside = self.tokens_in(start, end)
        for index in inside:
            head = self.head(index)
            if head == index or head not in inside:
                return index
        return None


def character_mentions(work: Work, min_confidence: float = 0.0) -> list[Mention]:
    """Every mention that names a character, once per span, in text order; linked
    descriptions and pronouns only where their link is at least ``min_confidence`` sure."""
    found: dict[tuple[int, int], Mention] = {}
    for span in work.layer("mentions"):
        _add(found, span, str(span.get("kind") or "proper"))
    for span in work.layer("nominal_mentions"):
        if _sure(span, min_confidence):
            _add(found, span, "nominal")
    for span in work.layer("coref"):
        if span.get("person", True) and _sure(span, min_confidence):
            _add(found, span, "pronoun")
    return sorted(found.values(), key=lambda m: (m.start, m.end))


def _sure(span: Span, min_confidence: float) -> bool:
    confidence = span.get("confidence")
    return confidence is None or float(confidence) >= min_confidence


def _add(found: dict[tuple[int, int], Mention], span: Span, kind: str) -> None:
    character = span.get("character")
    if character is None or (span.start, span.end) in found:
        return
    found[(span.start, span.end)] = Mention(span.start, span.end, str(character), kind)


def facts(work: Work, min_link_confidence: float = 0.0) -> Iterator[Fact]:
    parse = Parse(work.layer("tokens"), work.text)
    quotes = work.view("quotes")
    heads: list[tuple[Mention, int]] = []
    for mention in character_mentions(work, min_link_confidence):
        head = parse.mention_head(mention.start, mention.end)
        if head is not None and not _party_in_third_person(work, quotes, mention):
            heads.append((mention, head))
    by_head: dict[int, Mention] = {}
    for mention, head in heads:
        by_head.setdefault(head, mention)
    seen: set[tuple[str, str, int]] = set()
    for mention, head in heads:
        if parse.case(head) == "refl":
            bound = _bound_reflexive(parse, head, mention, by_head)
            if bound is None:
                continue
            mention = bound
        elif _bound_object_pronoun(parse, head, mention, by_head):
            continue
        for role, word in roles(parse, head):
            if (mention.character, role, word) not in seen:  # two paths to one fact
                seen.add((mention.character, role, word))
                yield Fact(mention.character, role, word, mention, *parse.whole_word(word))


def _bound_reflexive(parse: Parse, reflexive: int, mention: Mention,
                     by_head: dict[int, Mention]) -> Mention | None:
    """Binding principle A: a reflexive object ("hurt *herself*", "looked at *herself*")
    refers to the subject of its own clause, whatever the coreference ranker chose. When
    that subject is a character's mention the reflexive is theirs; when it is a noun the
    earlier stages tied to no character ("the man who introduced himself") it is left out.
    The coreference link stands when the subject cannot be found, is a pronoun with no sure
    link of its own, or disagrees with the reflexive in person or gender (a parse slip), and
    for a reflexive that is no argument of a verb ("Janice *herself*", "a bit of
    *herself*"), which principle A does not bind."""
    binder = _binder(parse, reflexive)
    if binder is None or not _agrees(parse, binder, reflexive):
        return mention
    found = by_head.get(binder)
    if found is None:
        return mention if parse.case(binder) is not None else None
    return Mention(mention.start, mention.end, found.character, mention.kind)


def _bound_object_pronoun(parse: Parse, index: int, mention: Mention,
                          by_head: dict[int, Mention]) -> bool:
    """Binding principle B: a plain object pronoun is never its own clause's subject ("he
    kissed *him*" is someone else; the same person would be "himself"). An object "him"
    that coreference gave to the character its clause's subject names is a slip, and what
    it undergoes is left out."""
    if parse.case(index) != "obj" or parse.dep(index) not in OBJECT_DEPS:
        return False
    binder = _binder(parse, index)
    found = by_head.get(binder) if binder is not None else None
    return found is not None and found.character == mention.character


def _binder(parse: Parse, argument: int) -> int | None:
    """The subject of the clause whose verb takes ``argument`` as its object (directly, as
    "hurt herself", or through a preposition, "looked at herself", or an adjective, "proud
    of herself"): a relative clause's "who" stands for the noun it is on; a clause with no
    subject of its own takes its controller's, the object of "told him to" when that is a
    person, else the subject of the verb it is joined to. None for a word inside a noun
    phrase or off the verb's arguments."""
    dep, current = parse.dep(argument), parse.head(argument)
    if dep == "pobj" and parse.dep(current) == "prep":
        current = parse.head(current)
    elif dep not in OBJECT_DEPS | {"dative"}:
        return None
    if parse.pos(current) == "ADJ":
        current = parse.head(current)
    for _ in range(len(parse.tokens)):
        if parse.pos(current) not in CLAUSE_HEAD_POS:
            return None
        subjects = parse.dependents(current, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS)
        if subjects:
            if parse.tokens[subjects[0]].get("tag") in RELATIVE_TAGS:
                return parse.head(current) if parse.dep(current) == "relcl" else None
            return subjects[0]
        governor = parse.head(current)
        if parse.dep(current) == "xcomp":
            people = [o for o in parse.dependents(governor, OBJECT_DEPS)
                      if _is_person(parse, o)]
            if people:
                return people[0]
        if governor == current or not _shares_subject(parse, current):
            return None
        current = governor
    return None


def _agrees(parse: Parse, binder: int, reflexive: int) -> bool:
    """A pronoun binder agrees with the reflexive in person and in gender where both have
    one ("he ... himself", not "he ... herself")."""
    said, reflexive_said = pronoun(parse.word(binder)), pronoun(parse.word(reflexive))
    if said is None or reflexive_said is None:
        return True
    genders = {said.gender, reflexive_said.gender}
    return said.person == reflexive_said.person and (
        len(genders) == 1 or not genders <= {Gender.MALE, Gender.FEMALE})


def _party_in_third_person(work: Work, quotes: LayerView, mention: Mention) -> bool:
    """A "he" or "her" inside a quotation that coreference gave to the quotation's own
    speaker or addressee: speakers say "I" of themselves and "you" of whom they speak to, so
    the link is a coreference slip and what the pronoun does is not put in their portrait."""
    if mention.kind != "pronoun":
        return False
    quote = quotes.at(mention.start)
    if quote is None or mention.character not in _parties(quote):
        return False
    if any(mark in work.text[quote.start + 1:mention.start] for mark in DOUBLE_QUOTES):
        return False  # a span over several quotations and the narration between them
    said = pronoun(work.text[mention.start:mention.end])
    return said is not None and said.person == 3


def _parties(quote: Span) -> set[str]:
    addressee = quote.get("addressee")
    addressees = addressee if isinstance(addressee, list) else [addressee]
    return {str(c) for c in [quote.get("speaker"), *addressees] if c is not None}


def roles(parse: Parse, head: int) -> Iterator[tuple[str, int]]:
    """(role, token index) pairs for a mention whose syntactic head is ``head``."""
    yield from (("mod", adjective) for adjective in _with_conjuncts(
        parse, parse.dependents(head, MODIFIER_DEPS)))
    yield from _relative_clause_roles(parse, head)
    yield from _participle_roles(parse, head)
    anchor = _first_conjunct(parse, head)
    dep, governor = parse.dep(anchor), parse.head(anchor)
    if dep == "poss" and parse.lemma(governor) != "own":
        yield "poss", governor
    elif dep in SUBJECT_DEPS:
        yield from _subject_roles(parse, governor)
    elif dep == "attr" and parse.dependents(governor, frozenset({"expl"})):
        # "there's Tobin, *waving* from the bridge": the logical subject of "there is"
        yield from (("agent", verb) for verb in _verb_chain(parse, governor)[1:])
    elif dep in PASSIVE_SUBJECT_DEPS:
        yield from (("patient", verb) for verb in _verb_chain(parse, governor))
    elif dep in OBJECT_DEPS and parse.pos(governor) in VERB_POS:
        yield "patient", governor
        yield from (("agent", verb) for verb in _object_chain(parse, governor))
        if _is_reflexive(parse, head) and not parse.dependents(governor, SUBJECT_DEPS):
            # "clenching her fists to *steady* herself": the reflexive is the unstated subject
            yield "agent", governor
    elif dep == "pobj" and parse.dep(governor) == "agent":
        yield "agent", parse.head(governor)
    elif _is_stray_object(parse, anchor):
        yield "patient", governor


def _is_stray_object(parse: Parse, pronoun_index: int) -> bool:
    """"as the noise startles *her*", parsed as an apposition to the verb: a pronoun in
    the object case ("him", "her", "them"; never a subject's or possessor's form) right
    after a verb that has no object of its own can only be that verb's object."""
    verb = parse.head(pronoun_index)
    return (parse.dep(pronoun_index) in STRAY_DEPS
            and parse.tokens[pronoun_index].get("tag") == "PRP"
            and parse.case(pronoun_index) == "obj"
            and verb < pronoun_index and parse.pos(verb) in VERB_POS
            and parse.lemma(verb) not in LINKING_LEMMAS
            and not parse.dependents(verb, OBJECT_DEPS)
            and all(parse.pos(i) in ("ADV", "PART") for i in range(verb + 1, pronoun_index)))


def _subject_roles(parse: Parse, verb: int) -> Iterator[tuple[str, int]]:
    if parse.lemma(verb) in LINKING_LEMMAS:
        for clause in _predicate_infinitives(parse, verb):
            yield from (("agent", word) for word in _verb_chain(parse, clause))
    predicates = [p for p in parse.dependents(verb, PREDICATE_DEPS) if parse.is_predicate(p)]
    if parse.lemma(verb) in LINKING_LEMMAS and predicates:
        described = _with_conjuncts(parse, predicates)
        yield from (("mod", word) for word in described)
        for clause in _adjective_complements(parse, described):
            yield from (("agent", word) for word in _verb_chain(parse, clause))
        return
    if parse.pos(verb) in VERB_POS:
        yield from (("agent", word) for word in _verb_chain(parse, verb))
    elif parse.pos(verb) in PREDICATE_POS and parse.dep(verb) in SMALL_CLAUSE_DEPS:
        # "the memory made Jack *angry*", "made her the *leader*": the subject of a
        # verbless small clause is what its adjective or noun says, as after "be"
        yield from (("mod", word) for word in _with_conjuncts(parse, [verb]))


def _predicate_infinitives(parse: Parse, verb: int) -> list[int]:
    """"She was the last one *to leave* the hall": an infinitive on what the subject is,
    done by the subject when it has an object of its own or the predicate is ordered
    ("the last *to know*"); "the one to ask" says what is done to the subject."""
    clauses = []
    for predicate in parse.dependents(verb, frozenset({"attr"})):
        ordered = any(parse.lemma(c) in ORDERING_LEMMAS or parse.tokens[c].get("tag") == "JJS"
                      for c in parse.children[predicate])
        clauses += [clause for clause in parse.dependents(predicate, frozenset({"acl", "relcl"}))
                    if _is_bare_infinitive_clause(parse, clause)
                    and (ordered or parse.dependents(clause, OBJECT_DEPS))]
    return clauses


def _adjective_complements(parse: Parse, adjectives: list[int]) -> list[int]:
    """What the subject does after a describing word: "busy *training*", "too tired *to
    lift* her arms". A to-infinitive counts only with an object of its own: "hard to find"
    and "easy to please" say what is done to the subject."""
    clauses = []
    for adjective in adjectives:
        if parse.pos(adjective) != "ADJ":
            continue
        for clause in parse.dependents(adjective, frozenset({"xcomp"})):
            tag = parse.tokens[clause].get("tag")
            # the parser often tags such a gerund as a noun: its -ing tells
            gerund = tag == "VBG" or (tag == "NN" and parse.lemma(clause).endswith("ing"))
            infinitive = parse.pos(clause) in VERB_POS and bool(
                parse.dependents(clause, OBJECT_DEPS))
            if (gerund or infinitive) and not parse.dependents(clause, SUBJECT_DEPS):
                clauses.append(clause)
    return clauses


def _verb_chain(parse: Parse, verb: int) -> list[int]:
    """The verb and the verbs that share its subject: conjoined ones ("stood and *walked*"),
    controlled ones ("tried to *run*", unless an object controls them: "told him to *run*"),
    and adjuncts with no subject of their own ("stood up, *taking* the bowls", "looked, to
    *see*")."""
    chain, frontier = [verb], [verb]
    while frontier:
        current = frontier.pop()
        objects = parse.dependents(current, OBJECT_DEPS)
        for child in parse.children[current]:
            if not _shares_subject(parse, child) or (objects and parse.dep(child) == "xcomp"):
                continue
            chain.append(child)
            frontier.append(child)
        for clause in [*_noun_controlled(parse, current, objects),
                       *_prepositional_gerunds(parse, current)]:
            chain.append(clause)
            frontier.append(clause)
    return chain


def _prepositional_gerunds(parse: Parse, verb: int) -> list[int]:
    """"glanced at him before *turning* to the window", "left without *looking* back": an
    -ing verb after a preposition on the verb, with no subject of its own. Not after "to"
    or "from", whose gerund often belongs to a noun or the object ("the tricks to
    *flying*", "kept him from *leaving*")."""
    return [gerund for prep in parse.dependents(verb, frozenset({"prep"}))
            if parse.lemma(prep) not in OBJECT_PREPOSITIONS
            for gerund in parse.dependents(prep, frozenset({"pcomp"}))
            if parse.pos(gerund) in VERB_POS and parse.tokens[gerund].get("tag") == "VBG"
            and not parse.dependents(gerund, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS)]


def _noun_controlled(parse: Parse, verb: int, objects: list[int]) -> list[int]:
    """"I demand the chance *to answer*": a to-infinitive on the verb's object, when the
    object is a thing (a right, a chance, the courage), is done by the verb's subject. Not
    when the object is a person ("found someone to help", "hired a lawyer to defend her")
    or the verb has a second object ("gave him the chance to leave")."""
    if parse.dependents(verb, frozenset({"dative", "iobj"})):
        return []
    return [clause for obj in objects if not _is_person(parse, obj)
            for clause in parse.dependents(obj, frozenset({"acl", "relcl"}))
            if _is_bare_infinitive_clause(parse, clause)]


def _is_person(parse: Parse, index: int) -> bool:
    return parse.pos(index) in ("PRON", "PROPN") or is_person_noun(parse.lemma(index))


def _is_bare_infinitive_clause(parse: Parse, clause: int) -> bool:
    """A "to" infinitive with no subject or relative pronoun of its own."""
    children = parse.children[clause]
    return (parse.pos(clause) in VERB_POS
            and any(parse.dep(c) == "aux" and parse.lemma(c) == "to" for c in children)
            and not any(parse.dep(c) in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
                        or parse.tokens[c].get("tag") in RELATIVE_TAGS for c in children))


def _is_reflexive(parse: Parse, index: int) -> bool:
    said = pronoun(parse.lemma(index))
    return said is not None and said.case == "refl"


def _object_chain(parse: Parse, verb: int) -> list[int]:
    """Verbs whose unstated subject is ``verb``'s object: "told *him* to *run*"."""
    return [child for child in parse.dependents(verb, frozenset({"xcomp"}))
            if _shares_subject(parse, child)]


def _shares_subject(parse: Parse, child: int) -> bool:
    if parse.pos(child) not in VERB_POS or parse.dependents(
            child, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS):
        return False
    dep = parse.dep(child)
    if dep in ("conj", "xcomp"):
        return True
    return dep == "advcl" and (parse.tokens[child].get("tag") == "VBG" or any(
        parse.dep(c) == "aux" and parse.lemma(c) == "to" for c in parse.children[child]))


def _relative_clause_roles(parse: Parse, head: int) -> Iterator[tuple[str, int]]:
    """"the man *who'd introduced* himself": the relative pronoun stands for the mention."""
    for clause in parse.dependents(head, frozenset({"relcl"})):
        for relative in parse.children[clause]:
            if parse.tokens[relative].get("tag") not in RELATIVE_TAGS:
                continue
            if parse.dep(relative) in SUBJECT_DEPS and parse.pos(clause) in VERB_POS:
                yield from (("agent", verb) for verb in _verb_chain(parse, clause))
            elif parse.dep(relative) in PASSIVE_SUBJECT_DEPS:
                yield "patient", clause


def _participle_roles(parse: Parse, head: int) -> Iterator[tuple[str, int]]:
    """"the boy *waiting* by the gate", "the visitor, *seizing* his chance": an -ing
    participle on the mention with no subject of its own is what the mention does. (A past
    participle is left alone: the parser often hangs a relative clause's verb there, "the
    shirt Tobin *wore*", whose subject is not the noun.)"""
    for clause in parse.dependents(head, frozenset({"acl"})):
        if (parse.pos(clause) in VERB_POS and parse.tokens[clause].get("tag") == "VBG"
                and not parse.dependents(clause, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS)):
            yield from (("agent", verb) for verb in _verb_chain(parse, clause))


def _with_conjuncts(parse: Parse, words: Iterable[int]) -> list[int]:
    """The words and the adjectives or nouns conjoined to them ("beautiful and kind")."""
    found: list[int] = []
    frontier = list(words)
    while frontier:
        word = frontier.pop()
        if word in found:
            continue
        found.append(word)
        frontier += [c for c in parse.dependents(word, CONJUNCT_DEPS) if parse.is_predicate(c)]
        frontier += _listed_before(parse, word)
    return sorted(found)


def _listed_before(parse: Parse, adjective: int) -> list[int]:
    """"wide-eyed, pale-faced": coordinate adjectives listed with commas and no "and"
    each describe the noun, though the parser often hangs the first on the second as
    its modifier (cumulative ones, "big red", have no comma between them)."""
    return [c for c in parse.dependents(adjective, MODIFIER_DEPS)
            if c < adjective and (parse.pos(c) == "ADJ" or parse.tokens[c].get("tag") == "VBN")
            and any(parse.word(i) == "," for i in range(c + 1, adjective))]


def _first_conjunct(parse: Parse, index: int) -> int:
    """"Anna and *Mark* walked": Mark takes the grammatical role of Anna."""
    seen = {index}
    while parse.dep(index) == "conj":
        head = parse.head(index)
        if head in seen:
            break
        seen.add(head)
        index = head
    return index
