"""Words for people, in one place: person nouns, their grammatical gender, and titles.

Every stage that asks "is this noun a person?" or "is 'the old woman' a she?" reads these
sets, so a word added here helps characters, quotes, coref and relations alike.
"""

from __future__ import annotations

FEMALE_NOUNS = frozenset(
    """
    woman women girl girls lady ladies lass gal maid maiden mother mom mum mummy mommy mama
    mamma ma grandmother grandma granny granddaughter daughter sister stepsister aunt niece
    wife widow bride girlfriend fiancee fiancée stepmother queen princess duchess countess
    baroness marchioness empress nun nurse nanny governess housekeeper waitress hostess
    landlady actress heroine stewardess matron heiress belle dame mistress ladyship
    """.split()
)
MALE_NOUNS = frozenset(
    """
    man men boy boys lad fellow chap dude guy gentleman gentlemen father dad daddy papa
    grandfather grandpa grandson son brother stepbrother uncle nephew husband widower groom
    bridegroom boyfriend fiance fiancé stepfather king prince duke earl baron baronet
    marquis emperor sultan lord knight squire nobleman monk priest abbot friar bishop
    cardinal pope vicar rector parson clergyman waiter butler footman valet coachman
    landlord host steward porter policeman constable sergeant schoolmaster headmaster
    seaman workman husbandman statesman youth master
    feller
    """.split()
)
FEMALE_TITLES = frozenset(
    "mrs ms miss madam madame ma'am mademoiselle signora senora señora frau".split()
)
MALE_TITLES = frozenset("mr sir mister monsieur signor senor señor herr".split())
NEUTRAL_PERSON_NOUNS = frozenset(
    """
    person people folk individual child kid baby toddler teen teenager youngster sibling
    twin cousin parent relative ancestor descendant heir orphan ward lover partner spouse
    friend companion comrade mate roommate classmate teammate colleague neighbour neighbor
    stranger visitor guest newcomer comer intruder creature figure mortal native inhabitant
    citizen villager peasant cottager settler colonist tourist traveller traveler wanderer
    passenger rider driver pilot sailor captain colonel general admiral major lieutenant
    corporal commander chief leader ruler officer soldier warrior guard keeper gatekeeper
    jailer gaoler turnkey prisoner thief criminal culprit offender victim witness suspect
    doctor surgeon physician nurse patient practitioner specialist lawyer attorney solicitor
    counsel judge magistrate sheriff cop detective inspector agent clerk secretary assistant
    receptionist cashier bartender barman doorman manager boss owner proprietor merchant
    trader tailor weaver farmer gardener shepherd hunter huntsman cook chef servant slave
    teacher tutor instructor professor student pupil scholar dean principal coach
    reporter correspondent writer author novelist poet painter artist musician player
    philosopher critic engineer architect beadle clergy curate missionary deity angel devil
    witch wizard fool lunatic savage enemy foe rival suitor admirer follower successor
    customer client babysitter
    reader guide prospector personage attendant observer acquaintance infant hero
    forefather blacksmith adventurer beggar astronomer reformer traitor antagonist skipper
    courtier reveller interloper celebrity member waggoner chancellor clown jester juggler
    """.split()
)
PERSON_NOUNS = FEMALE_NOUNS | MALE_NOUNS | NEUTRAL_PERSON_NOUNS
# look like "-man" person nouns but are not people
NOT_PERSON_NOUNS = frozenset({"human", "humans", "talisman", "caiman", "shaman's", "woman-hood"})


def noun_gender(word: str) -> str:
    """"m", "f" or "" for a person noun or title ("the old woman", "Mr.", "gentleman's")."""
    word = word.lower().rstrip(".")
    for suffix in ("'s", "’s"):
        word = word.removesuffix(suffix)
    if word in FEMALE_NOUNS or word in FEMALE_TITLES:
        return "f"
    if word in MALE_NOUNS or word in MALE_TITLES:
        return "m"
    if word in NOT_PERSON_NOUNS:
        return ""
    if word.endswith("woman") or word.endswith("women"):
        return "f"
    if len(word) > 5 and (word.endswith("man") or word.endswith("men")):
        return "m"
    return ""


def is_person_noun(lemma: str) -> bool:
    """A noun that names a person ("clerk", "policewoman"), not a thing that ends like one."""
    lemma = lemma.lower()
    if lemma in NOT_PERSON_NOUNS:
        return False
    return lemma in PERSON_NOUNS or bool(noun_gender(lemma))


# Nouns for a group of people, which LitBank marks as person mentions ("the family").
GROUP_PERSON_NOUNS = frozenset("family crowd crew gang mankind".split())
