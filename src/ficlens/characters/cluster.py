"""Grouping name forms into characters: full names first, then honorific forms, then bare names.

The order matters: full names ("Tomas Reyes") anchor a character; "Mr. Reyes" then joins the
one gender-compatible character with that surname; a bare "Bill" joins the one character whose
first name it is, shortens (nickname table) or begins ("Marg" -> "Margot"). A form that fits
several characters ("Bennet" with two Bennet sisters) is ambiguous and joins none, unless
one of them is far more mentioned. Family conventions help: "Mrs. X" is the one woman
surnamed X when there is a "Mr. X" and no "Miss X"; "Miss X" alone is the eldest daughter,
not one the text calls "Miss <first name>"; "Mr. Robert" may address Robert by first name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from ficlens.characters.config import tunables
from ficlens.characters.names import (
    FIRST_NAMES,
    HONORIFICS,
    NICKNAMES,
    RANK_PREFIXES,
    TITLES,
    gender_of_name,
)

FAMILY_TITLES = frozenset({"Aunt", "Auntie", "Uncle", "Grandma", "Grandpa", "Granny", "Cousin"})
ADDRESS_STATUS = {
    "Mr": "mr", "Mr.": "mr", "Mrs": "mrs", "Mrs.": "mrs", "Miss": "miss",
    "Sir": "titled", "Lord": "titled", "Lady": "titled",
}  # fmt: skip
SURNAME_HONORIFICS = frozenset({"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Mx", "Mx."})
SAINT = frozenset({"St", "St."})


@dataclass(frozen=True)
class NameParts:
    form: str
    honorific: str | None = None
    titles: tuple[str, ...] = ()
    given: str | None = None
    surname: str | None = None
    single: str | None = None  # one bare word: first name or surname, decided by context

    @property
    def implied_gender(self) -> str:
        genders = {HONORIFICS.get(self.honorific or "", "")} | {TITLES[t] for t in self.titles}
        genders.discard("")
        return genders.pop() if len(genders) == 1 else ""


def parse_form(form: str) -> NameParts:
    words = form.split()
    honorific, titles = None, []
    while words and (words[0] in HONORIFICS or words[0] in TITLES or _opens_rank(words)):
        if words[0] in RANK_PREFIXES and words[0] not in TITLES:
            pass  # "Rear" of "Rear Admiral": the rank that follows is the title
        elif words[0] in TITLES:
            titles.append(words[0])
        elif honorific is None:
            honorific = words[0]
        words = words[1:]
    if not words:
        return NameParts(form, honorific, tuple(titles))
    words = _join_saint_surnames(words)
    surname_style = honorific in SURNAME_HONORIFICS or any(t not in FAMILY_TITLES for t in titles)
    if len(words) == 1:
        if surname_style:  # "Mr. Scott", "Colonel Brandon"; but "Aunt Karen", "Miss Elizabeth"
            return NameParts(form, honorific, tuple(titles), surname=words[0])
        return NameParts(form, honorific, tuple(titles), single=words[0])
    if honorific in ("Mrs", "Mrs.") and FIRST_NAMES.get(words[0]) == "M":
        # "Mrs. John Dashwood" is John's wife: neither John nor any other "Mrs. Dashwood".
        return NameParts(form, honorific, tuple(titles), surname=" ".join(words))
    return NameParts(form, honorific, tuple(titles), given=words[0], surname=" ".join(words[1:]))


def _opens_rank(words: list[str]) -> bool:
    return len(words) > 1 and words[0] in RANK_PREFIXES and words[1] in TITLES


def _join_saint_surnames(words: list[str]) -> list[str]:
    """ "St Cloud", "St. John" as a surname is one word: "Lady St Cloud" is no "St"."""
    joined: list[str] = []
    for word in words:
        if joined and joined[-1] in SAINT:
            joined[-1] = f"{joined[-1]} {word}"
        else:
            joined.append(word)
    return joined


def address_status(form: str) -> str:
    """How a form addresses its bearer: Mrs. / Miss / Mr. / titled (Sir, Lord, Lady)."""
    return ADDRESS_STATUS.get(form.split()[0], "")


def canonical_given(name: str) -> set[str]:
    """A first name and the full names it may shorten: Bill -> {Bill, William}."""
    return {name, *NICKNAMES.get(name, ())}


def given_matches(word: str, given: str) -> bool:
    if canonical_given(word) & canonical_given(given):
        return True
    shorter, longer = sorted((word, given), key=len)
    return (
        len(shorter) >= tunables().min_prefix
        and longer.startswith(shorter)
        and shorter != longer
        and "-" not in longer  # "Johnny-boy" is a pet name of its own, not "John" cut short
    )


@dataclass
class Cluster:
    forms: dict[str, int] = field(default_factory=dict)
    given: set[str] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    genders: set[str] = field(default_factory=set)  # implied by honorifics and titles
    heard: set[str] = field(default_factory=set)  # given by pronouns after its bare forms

    @property
    def count(self) -> int:
        return sum(self.forms.values())

    def add(self, parts: NameParts, count: int, heard: str = "") -> None:
        self.forms[parts.form] = self.forms.get(parts.form, 0) + count
        if heard:
            self.heard.add(heard)
        if parts.given:
            self.given.add(parts.given)
        if parts.surname:
            self.surnames.add(parts.surname)
        self.titles.update(parts.titles)
        if parts.implied_gender:
            self.genders.add(parts.implied_gender)

    def name_gender(self) -> str:
        genders = {gender_of_name(g) for g in self.given} - {""}
        return genders.pop() if len(genders) == 1 else ""

    def same_status(self, parts: NameParts, as_given: bool = False) -> bool:
        """ "Mrs. X" never joins a "Miss" or a "Mr." character, "Mr. Elliot" not "Sir Walter".

        A "Mrs." surname form also needs a character already called "Mrs.": the wife of
        "Charles Musgrove" is "Mrs. Musgrove", and his mother may be too. ``as_given``: the
        form's one word is read as a first name ("Sir Walter", "Lady Catherine").
        """
        statuses = {address_status(f) for f in self.forms} - {""}
        mine = address_status(parts.form)
        if mine in ("mrs", "titled") and not parts.given and not as_given:
            return statuses == {mine}  # "Lady Otway" is not Miss Cassandra Otway
        return not mine or not statuses or statuses == {mine}

    def compatible(self, gender: str) -> bool:
        if not gender:
            return True
        known = self.genders or ({self.name_gender()} - {""}) or self.heard
        return not known or known == {gender}


def cluster_forms(
    counts: dict[str, int],
    can_found: set[str],
    narrated: Mapping[str, int] | None = None,
    heard_genders: Mapping[str, str] | None = None,
    with_relatives: frozenset[str] = frozenset(),
) -> list[Cluster]:
    """Characters from form counts; only forms in ``can_found`` may start a new character.

    ``narrated``: how often each form is the subject of a clause in narration (outside
    quotes); the narrator's own names for two people tell them apart. ``heard_genders``:
    the gender pronouns give a bare one-word form or a titled surname ("Beaver" is a he).
    ``with_relatives``: forms the text gives a parent, an aunt ... ("his son Jamie
    Carter", "Jamie's dad"): a titled surname ("Sheriff Carter") may be that relative.
    """
    parsed = sorted((parse_form(f) for f in counts), key=lambda p: -counts[p.form])
    clusters: list[Cluster] = []
    context = _FormContext.of(parsed, counts, narrated or {}, heard_genders or {})
    context = replace(context, with_relatives=with_relatives)
    full_names = [p for p in parsed if p.given and p.surname]
    for parts in (p for p in full_names if p.form in can_found):
        _place_full_name(clusters, parts, counts[parts.form], found=True)
    # Full names that may only join go before the short forms: "Mr. John Dashwood" tells
    # "Sir John" that John Dashwood is a "Mr.".
    unplaced = [
        parts
        for parts in full_names
        if parts.form not in can_found
        and not _place_full_name(clusters, parts, counts[parts.form], found=False)
    ]
    for parts in (p for p in parsed if p.surname and not p.given):
        _place_surname_form(clusters, parts, counts[parts.form], parts.form in can_found, context)
    for parts in (p for p in parsed if p.single):
        _place_single(clusters, parts, counts[parts.form], parts.form in can_found, context)
    for parts in unplaced:
        _place_late_full_name(clusters, parts, counts[parts.form])
    for parts in (p for p in parsed if not (p.given or p.surname or p.single)):
        _place_title(clusters, parts, counts[parts.form], parts.form in can_found)
    _join_lone_surnames(clusters)
    return [c for c in clusters if c.forms]


def _join_lone_surnames(clusters: list[Cluster]) -> None:
    """A one-off "Mr. Reyes" is Tomas when Tomas is the story's only man known by his first
    name alone, no one else is a Scott and no other man is a one-off "Mr.": the text never
    says "Tomas Reyes"."""
    first_name_only = [c for c in clusters if c.given and not c.surnames]
    lones = [c for c in clusters if _is_lone_surname(c, clusters)]
    for lone in lones:
        gender = next(iter(lone.genders))
        if sum(c.genders == lone.genders for c in lones) > 1:
            continue  # a novel's passing Mr. Morris, Mr. Stone and Mr. Smith are not one man
        fits = [
            c
            for c in first_name_only
            if c.name_gender() == gender
            and not c.genders - {gender}
            and c.count >= tunables().lone_min_partner_uses
        ]
        if len(fits) == 1:
            for form, n in lone.forms.items():
                fits[0].forms[form] = fits[0].forms.get(form, 0) + n
            lone.forms.clear()


def _is_lone_surname(cluster: Cluster, clusters: list[Cluster]) -> bool:
    surname = next(iter(cluster.surnames), "")
    return (
        len(cluster.surnames) == 1
        and len(cluster.genders) == 1
        and not (cluster.given or cluster.titles)
        and cluster.count <= tunables().lone_max_uses
        and all(address_status(f) in ("mr", "mrs", "miss") for f in cluster.forms)
        and sum(surname in c.surnames for c in clusters) == 1
    )


@dataclass(frozen=True)
class _FormContext:
    """What the whole set of forms says about families: the surnames with a "Mr." (a husband),
    the words after "Miss" (unmarried daughters: "Miss Dashwood", "Miss Marianne")."""

    mister_surnames: frozenset[str]
    miss_words: frozenset[str]
    bare_counts: Mapping[str, int]
    narrated: Mapping[str, int]
    heard_genders: Mapping[str, str]
    with_relatives: frozenset[str] = frozenset()

    def another_person(self, parts: NameParts, cluster: Cluster) -> bool:
        """A rank and a surname alone ("Sheriff Carter", "Rear Admiral Bronner") is not a
        character known by a first name ("Jamie Carter", never "Sheriff Jamie Carter") when
        the text gives that character an elder relative ("his son Jamie") or the two have
        different genders by their pronouns: father and son share a surname."""
        ranks = set(parts.titles) - FAMILY_TITLES
        if not ranks or parts.given or not cluster.given or ranks & cluster.titles:
            return False
        heard = self.heard_genders.get(parts.form, "")
        bare = {self.heard_genders.get(g, "") for g in cluster.given} - {""}
        known = cluster.genders or ({cluster.name_gender()} - {""}) or cluster.heard or bare
        conflict = bool(heard) and bool(known) and known != {heard}
        relatives = bool(self.with_relatives & (set(cluster.forms) | cluster.given))
        return conflict or relatives or self.two_names_narrated(parts.surname or "", cluster)

    def two_names_narrated(self, surname: str, cluster: Cluster) -> bool:
        """The narration calls one man "Dietrich" and, as often, someone "Bronner": when a
        rank and that surname name someone too, they are two people (the narrator of one
        person sticks to one name)."""
        return self.narrated.get(surname, 0) >= tunables().narrated_apart and any(
            self.narrated.get(g, 0) >= tunables().narrated_apart for g in cluster.given
        )

    def expected_count(self, cluster: Cluster) -> int:
        """Mentions so far plus those its bare first names will likely bring: "Mr Last" is
        Tony Last ("Tony" 482 times), not Richard Last, whose full name the text gives as
        often."""
        return cluster.count + sum(self.bare_counts.get(g, 0) for g in cluster.given)

    def narrated_apart(self, word: str, cluster: Cluster) -> bool:
        """The narrator calls one man "Mr. Gradgrind" and another "Tom": a bare first name
        the narration uses often does not join a man the narration calls "Mr." and surname
        just as often, unless the word is that surname."""
        mine = self.narrated.get(word, 0)
        if mine < tunables().narrated_apart or word in cluster.surnames:
            return False
        # "Mr. Denham" now and then beside "Ralph" two hundred times is one man. Only "Mr.":
        # a narrator's "Miss Tilney" or "Mrs. Pontellier" may become "Eleanor" or "Edna".
        return any(
            self.narrated.get(form, 0) >= max(tunables().narrated_apart, mine / 2)
            for form in cluster.forms
            if address_status(form) == "mr" and len(form.split()) == 2
        )

    def called_by_surname(self, word: str, cluster: Cluster) -> bool:
        """The narrator calls someone "John" and calls John Beaver "Beaver" more often: the
        narration's bare "John" is then the other John (John Andrew). Robert Cohn, "Cohn"
        to the narrator, is still the "Robert" that only the dialogue uses."""
        mine = self.narrated.get(word, 0)
        return mine >= tunables().narrated_apart and any(
            self.narrated.get(surname, 0) > mine
            for surname in cluster.surnames
            if surname in cluster.forms
        )

    @classmethod
    def of(
        cls,
        parsed: list[NameParts],
        counts: dict[str, int],
        narrated: Mapping[str, int],
        heard_genders: Mapping[str, str],
    ) -> _FormContext:
        mister = {p.surname for p in parsed if p.surname and address_status(p.form) == "mr"}
        miss = {
            p.single
            for p in parsed
            if p.single and address_status(p.form) == "miss"
            and counts[p.form] >= tunables().miss_uses
        }
        bare = {p.single: counts[p.form] for p in parsed if p.single and p.form == p.single}
        return cls(frozenset(mister), frozenset(miss), bare, narrated, heard_genders)


def _place_full_name(clusters: list[Cluster], parts: NameParts, count: int, found: bool) -> bool:
    """Join the character with this surname and first name, or found one; False when the
    form found no place."""
    gender = parts.implied_gender
    for cluster in clusters:
        if (
            parts.surname in cluster.surnames
            and any(given_matches(parts.given or "", g) for g in cluster.given)
            and cluster.compatible(gender)
        ):
            cluster.add(parts, count)
            return True
    if found:
        _new_cluster(clusters, parts, count)
    return found


def _place_late_full_name(clusters: list[Cluster], parts: NameParts, count: int) -> None:
    """A full name the text gives once or twice ("Carol Milford", "Milt Dale") joins the one
    character known by its first name or its surname alone ("Carol", "Dale")."""
    own = {parts.given, parts.surname}
    fits = [
        c
        for c in clusters
        if own & set(c.forms)
        and c.surnames <= {parts.surname}
        and all(g == parts.surname or given_matches(parts.given or "", g) for g in c.given)
        and c.compatible(parts.implied_gender)
    ]
    if len(fits) == 1:
        fits[0].add(parts, count)


def _place_surname_form(
    clusters: list[Cluster], parts: NameParts, count: int, found: bool, context: _FormContext
) -> None:
    gender = parts.implied_gender
    fits = [
        c
        for c in clusters
        if parts.surname in c.surnames and c.compatible(gender) and c.same_status(parts)
    ]
    if fits and all(context.another_person(parts, c) for c in fits):
        _new_cluster(clusters, parts, count, context.heard_genders.get(parts.form, ""))
        return
    fits = [c for c in fits if not context.another_person(parts, c)]
    status = address_status(parts.form)
    if not fits and status == "mrs":
        fits = _wife(clusters, parts, context)
    if not fits and status in ("mr", "mrs", "miss"):
        fits = _by_first_name(clusters, parts)
    target = _one(fits, tunables().surname_dominance, context.expected_count, parts.implied_gender)
    heard = context.heard_genders.get(parts.form, "")  # "Captain Morstan ... he"
    if target is not None:
        target.add(parts, count, heard)
    elif found:  # unknown, or ambiguous: "Mrs. Bennet" among the Bennet sisters is her own
        _new_cluster(clusters, parts, count, heard)


def _wife(clusters: list[Cluster], parts: NameParts, context: _FormContext) -> list[Cluster]:
    """ "Mrs. Pontellier" is Edna Pontellier when the text has a "Mr. Pontellier" (the
    husband) and no "Miss Pontellier" (an unmarried woman sharing the name)."""
    surname = parts.surname or ""
    if surname not in context.mister_surnames or surname in context.miss_words:
        return []
    return [
        c
        for c in clusters
        if surname in c.surnames
        and c.given
        and (c.genders or {c.name_gender()}) == {"F"}
        and not {address_status(f) for f in c.forms} - {""}
    ]


def _by_first_name(clusters: list[Cluster], parts: NameParts) -> list[Cluster]:
    """ "Mr. Robert", the Creole way of addressing Robert Lebrun, when no one is a Robert by
    surname."""
    word = parts.surname or ""
    if word not in FIRST_NAMES or any(word in c.surnames for c in clusters):
        return []
    return [c for c in clusters if word in c.given and c.compatible(parts.implied_gender)]


def _place_single(
    clusters: list[Cluster], parts: NameParts, count: int, found: bool, context: _FormContext
) -> None:
    word, gender = parts.single or "", parts.implied_gender
    heard = gender or context.heard_genders.get(parts.form, "")
    by_given = [
        c
        for c in clusters
        if any(given_matches(word, g) for g in c.given)
        and c.compatible(heard)
        and c.same_status(parts, as_given=True)
        and (parts.honorific or not context.narrated_apart(parts.form, c))
    ]
    if len(by_given) > 1 and not parts.honorific:
        by_given = [c for c in by_given if not context.called_by_surname(word, c)] or by_given
    by_surname = [
        c for c in clusters if word in c.surnames and c.compatible(heard) and c.same_status(parts)
    ]
    if address_status(parts.form) == "miss":  # "Miss Dashwood" is the eldest daughter, not
        by_surname = [c for c in by_surname if not c.given & context.miss_words]  # "Miss Marianne"
    ranked = [c for c in by_surname if c.titles and not c.given]
    if not by_given and len(by_surname) > 1 and len(ranked) == 1 and all(
        context.two_names_narrated(word, c) for c in by_surname if c is not ranked[0]
    ):
        by_surname = ranked  # the narrator's "Bronner" is the admiral, not "Dietrich"
    if by_given and by_surname and set(map(id, by_given)) != set(map(id, by_surname)):
        # "Fitzwilliam": Darcy's first name and the Colonel's surname; but "Stephen" is
        # Stephen Blackpool, not a four-times "Old Stephen" that no title makes a surname.
        union = list({id(c): c for c in by_given + by_surname}.values())
        titled = any(c.titles or {address_status(f) for f in c.forms} - {""} for c in by_surname)
        target = None if titled else _one(union, tunables().dominance, gender=gender)
    elif by_given:
        ratio = tunables().surname_dominance if parts.honorific else tunables().dominance
        target = _one(by_given, ratio, gender=gender)
    else:
        target = _one(by_surname, tunables().surname_dominance, gender=gender)
    if target is not None:
        target.add(parts, count, heard)
    elif found and (
        parts.honorific
        or not (by_given or by_surname)
        or count > sum(c.count for c in {id(c): c for c in by_given + by_surname}.values())
    ):
        # An ambiguous bare name used more often than all its candidates together is a
        # character of its own ("Brenda" beside one-off "Brenda Rex", "Brenda Guinevere").
        # "Miss Bennet" standing alone keeps no first name that "Bennet" could match later.
        alone = parts if parts.honorific else NameParts(parts.form, None, parts.titles, given=word)
        _new_cluster(clusters, alone, count, heard)


def _place_title(clusters: list[Cluster], parts: NameParts, count: int, found: bool) -> None:
    fits = [c for c in clusters if set(parts.titles) <= c.titles]
    if len(fits) == 1:
        fits[0].add(parts, count)
    elif not fits and found:
        _new_cluster(clusters, parts, count)


def _one(
    candidates: list[Cluster],
    ratio: float,
    weight: Callable[[Cluster], int] = lambda c: c.count,
    gender: str = "",
) -> Cluster | None:
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        ranked = sorted(candidates, key=lambda c: -weight(c))
        # A family's "Miss" or "Mrs." is often a woman the text never names in full, so it
        # joins the dominant namesake only when she is known to be a woman: "Miss Hamilton"
        # is not Berry Hamilton, whose gender no name list tells.
        if weight(ranked[0]) >= ratio * weight(ranked[1]) and (
            gender != "F" or (ranked[0].genders or {ranked[0].name_gender()}) == {gender}
        ):
            return ranked[0]
    return None


def _new_cluster(clusters: list[Cluster], parts: NameParts, count: int, heard: str = "") -> None:
    cluster = Cluster()
    cluster.add(parts, count, heard)
    clusters.append(cluster)
