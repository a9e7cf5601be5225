"""Word lists the character finder relies on: honorifics, titles, nicknames, first names.

Written for ficlens from general knowledge of English naming; small on purpose (a few hundred
entries). A name missing from the first-name list only loses its gender prior, nothing else.
"""

from __future__ import annotations

# fmt: off
# Honorific -> gender it implies ("" when it implies none).
HONORIFICS: dict[str, str] = {
    "Mr": "M", "Mr.": "M", "Mister": "M", "Sir": "M", "Lord": "M", "Master": "M",
    "Mrs": "F", "Mrs.": "F", "Ms": "F", "Ms.": "F", "Miss": "F", "Lady": "F", "Madam": "F",
    "Madame": "F", "Mme": "F", "Mme.": "F", "Mlle": "F", "Mlle.": "F", "Dame": "F",
    "Dr": "", "Dr.": "", "Doctor": "", "Prof.": "", "Professor": "", "Rev.": "M",
    "Reverend": "M", "Mx": "N", "Mx.": "N", "Monsieur": "M", "Mademoiselle": "F",
    "Herr": "M", "Frau": "F", "Fraulein": "F", "Signor": "M", "Signora": "F", "Senor": "M",
    "Señor": "M", "Señora": "F",
}

# Titles that also work as a bare name ("Coach", "Captain") once tied to one character.
TITLES: dict[str, str] = {
    "Coach": "", "Captain": "M", "Colonel": "M", "Major": "M", "General": "M", "Sergeant": "M",
    "Lieutenant": "M", "Admiral": "M", "Commander": "", "Officer": "", "Detective": "",
    "Inspector": "", "Sheriff": "", "Judge": "", "Nurse": "", "Professor": "", "Doctor": "",
    "Doc": "", "Father": "M", "Brother": "M", "Sister": "F", "Mother": "F", "Uncle": "M",
    "Aunt": "F", "Auntie": "F", "Grandma": "F", "Grandpa": "M", "Granny": "F",
    "Prince": "M", "Princess": "F", "King": "M", "Queen": "F", "Duke": "M", "Duchess": "F",
    "Count": "M", "Countess": "F", "Baron": "M", "Baroness": "F", "Senator": "",
    "Mayor": "", "Principal": "", "Dean": "", "Agent": "", "Chief": "",
    "Squire": "M", "Parson": "M", "Farmer": "", "Widow": "F", "Cardinal": "M", "Bishop": "M",
    "Vicar": "M", "Rector": "M", "Governor": "", "President": "", "Emperor": "M",
    "Empress": "F", "Sultan": "M", "Marquis": "M", "Marchioness": "F",
}

# Nickname -> the full first names it shortens (several when it is ambiguous).
NICKNAMES: dict[str, tuple[str, ...]] = {
    "Luke": ("Lucas",), "Lizzy": ("Elizabeth",), "Lizzie": ("Elizabeth",),
    "Liz": ("Elizabeth",), "Eliza": ("Elizabeth",), "Beth": ("Elizabeth",),
    "Betsy": ("Elizabeth",), "Bess": ("Elizabeth",), "Betty": ("Elizabeth",),
    "Libby": ("Elizabeth",), "Bill": ("William",), "Billy": ("William",),
    "Will": ("William",), "Willy": ("William",), "Willie": ("William",), "Liam": ("William",),
    "Bob": ("Robert",), "Bobby": ("Robert",), "Rob": ("Robert",), "Robbie": ("Robert",),
    "Bert": ("Albert", "Robert", "Herbert"), "Dick": ("Richard",), "Rick": ("Richard",),
    "Ricky": ("Richard",), "Richie": ("Richard",), "Jim": ("James",), "Jimmy": ("James",),
    "Jamie": ("James",), "Jem": ("James", "Jeremy"), "Jack": ("John",), "Jake": ("Jacob",),
    "Johnny": ("John",),
    "Tom": ("Thomas",), "Tommy": ("Thomas",), "Kate": ("Katherine", "Catherine"),
    "Katie": ("Katherine", "Catherine"), "Kitty": ("Katherine", "Catherine"),
    "Kathy": ("Katherine", "Catherine"), "Cathy": ("Catherine",), "Kit": ("Christopher",),
    "Peggy": ("Margaret",), "Maggie": ("Margaret",), "Meg": ("Margaret",),
    "Daisy": ("Margaret",), "Polly": ("Mary",), "Molly": ("Mary",), "Mamie": ("Mary",),
    "Sally": ("Sarah",), "Sadie": ("Sarah",), "Nancy": ("Ann", "Anne"),
    "Annie": ("Ann", "Anne"), "Nan": ("Ann", "Anne"), "Nance": ("Nancy",),
    "Harry": ("Henry", "Harold"),
    "Hal": ("Henry", "Harold"), "Hank": ("Henry",), "Ned": ("Edward", "Edmund"),
    "Ted": ("Edward", "Theodore"), "Teddy": ("Edward", "Theodore"), "Eddie": ("Edward",),
    "Ed": ("Edward", "Edmund"), "Fred": ("Frederick",), "Freddie": ("Frederick",),
    "Freddy": ("Frederick",), "Charlie": ("Charles", "Charlotte"), "Chuck": ("Charles",),
    "Lottie": ("Charlotte",), "Nate": ("Nathan", "Nathaniel"),
    "Alex": ("Alexander", "Alexandra"),
    "Sandy": ("Alexander", "Alexandra"), "Sam": ("Samuel", "Samantha"), "Sammy": ("Samuel",),
    "Ben": ("Benjamin",), "Benny": ("Benjamin",), "Dan": ("Daniel",), "Danny": ("Daniel",),
    "Dave": ("David",), "Davy": ("David",), "Joe": ("Joseph",), "Joey": ("Joseph",),
    "Mike": ("Michael",), "Mikey": ("Michael",), "Mick": ("Michael",), "Nick": ("Nicholas",),
    "Tony": ("Anthony",), "Andy": ("Andrew",), "Drew": ("Andrew",),
    "Steve": ("Steven", "Stephen"),
    "Matt": ("Matthew",), "Chris": ("Christopher", "Christina", "Christine"),
    "Greg": ("Gregory",), "Jon": ("Jonathan",), "Tim": ("Timothy",), "Timmy": ("Timothy",),
    "Pete": ("Peter",), "Patty": ("Patricia",), "Patsy": ("Patricia",), "Pat": ("Patrick",),
    "Sue": ("Susan",), "Susie": ("Susan",), "Jenny": ("Jennifer",), "Jen": ("Jennifer",),
    "Becky": ("Rebecca",), "Abby": ("Abigail",), "Vicky": ("Victoria",), "Tori": ("Victoria",),
    "Gabby": ("Gabrielle", "Gabriella"), "Jess": ("Jessica",), "Jessie": ("Jessica",),
    "Emmy": ("Emily", "Emma"), "Mandy": ("Amanda",), "Nell": ("Eleanor", "Ellen", "Helen"),
    "Nelly": ("Eleanor", "Ellen", "Helen"), "Nellie": ("Eleanor", "Ellen", "Helen"),
    "Fanny": ("Frances",), "Frank": ("Francis", "Franklin"), "Frankie": ("Francis",),
    "Gerry": ("Gerald",), "Jerry": ("Gerald", "Jeremy"), "Larry": ("Lawrence",),
    "Louie": ("Louis",), "Lou": ("Louis", "Louise"), "Manny": ("Emmanuel",),
    "Max": ("Maximilian",),
    "Phil": ("Philip",), "Ron": ("Ronald",), "Ronnie": ("Ronald",), "Ray": ("Raymond",),
    "Walt": ("Walter",), "Wally": ("Walter",), "Gus": ("Augustus",), "Dolly": ("Dorothy",),
    "Dot": ("Dorothy",), "Dotty": ("Dorothy",), "Tilly": ("Matilda",), "Tillie": ("Matilda",),
    "Milly": ("Mildred", "Amelia"), "Millie": ("Mildred", "Amelia"), "Lucy": ("Lucille",),
    "Tess": ("Teresa",), "Tessa": ("Teresa",), "Trish": ("Patricia",), "Val": ("Valerie",),
    "Vince": ("Vincent",), "Zach": ("Zachary",), "Zack": ("Zachary",), "Ally": ("Allison",),
    "Izzy": ("Isabel", "Isabella"), "Bella": ("Isabella",), "Belle": ("Isabella",),
    "Ginny": ("Virginia",), "Jo": ("Josephine",), "Josie": ("Josephine",), "Lexi": ("Alexis",),
    "Lexie": ("Alexis",), "Meggie": ("Margaret",), "Kris": ("Kristen",),
}

# fmt: on

# First names -> gender ("M", "F"). Names used for both are left out on purpose.
_MALE = """
Aaron Abraham Adam Adrian Alan Albert Alexander Alfred Andrew Anthony Archibald Archie Arthur
Augustus Austin Barry Basil Ben Benjamin Bernard Bill Bob Brad Bradley Brandon Brian Bruce Bryan
Caleb Carl Cecil Charles Chase Christopher Chuck Clarence Clark Claude Clifford Clyde Colin
Connor Craig Cyril Dale Dan Daniel Darcy Darren David Dean Dennis Derek Desmond Dick Dominic
Don Donald Douglas Duncan Dwight Earl Edgar Edmund Edward Edwin Eli Elijah Elliot Emmanuel
Eric Ernest Ethan Eugene Evan Felix Ferdinand Francis Frank Franklin Fred Frederick Gabriel
Gareth Gary Geoffrey George Gerald Gilbert Glen Gordon Graham Greg Gregory Guy Hal Hank Harold
Harry Harvey Hector Henry Herbert Horace Howard Hugh Hugo Ian Isaac Ivan Jack Jacob Jake James
Jared Jason Jasper Jeff Jeffrey Jeremy Jerome Jesse Jim Joe Joel John Johnny Jonathan Joseph
Josh Joshua Julian Justin Keith Ken Kenneth Kevin Kyle Lance Larry Lawrence Leo Leonard Leslie
Lewis Liam Louis Lucas Luke Malcolm Mark Martin Matthew Max Michael Mike Miles Mitchell Nathan
Nathaniel Neil Nicholas Nick Noah Norman Oliver Oscar Owen Patrick Paul Percy Peter Philip Ralph
Randolph Raymond Reginald Richard Rick Robert Roderick Rodney Roger Ronald Ross Roy Rupert Russell
Ryan Samuel Scott Sean Sebastian Seth Simon Stanley Stephen Steven Stuart Ted Theodore Thomas
Timothy Tobias Toby Todd Tom Tony Travis Trevor Tristan Troy Tyler Victor Vincent Wade Walter
Warren Wayne Wesley Whitey Wilfred William Willoughby Zachary Dan Mouth Skills Chris Jamie Keith
Edmund Fitzwilliam Bingley Wickham Brandon Ferrars Knightley Wentworth Dorian Basil Sherlock
Watson Heathcliff Rochester Tristram Darnay Pip Oliver Fagin Bumble Sikes Monks Jerry Ambrose
Tim Abel Jude Barnabas Bartholomew Ebenezer Ezra Jeremiah Josiah Levi Moses Reuben Solomon Walt
"""
_FEMALE = """
Abigail Ada Adela Adelaide Agatha Agnes Alice Alicia Allison Amanda Amelia Amy Andrea Angela Ann
Anna Anne Annie Antoinette Audrey Barbara Beatrice Becky Bella Belle Bertha Beth Betsy Betty
Blanche Brenda Brooke Caroline Carrie Catherine Cecilia Cecily Celia Charlotte Chloe Christina
Christine Claire Clara Clarissa Constance Cora Cynthia Daisy Deb Deborah Diana Dolly Donna
Dora Doris Dorothy Edith Edna Eleanor Elinor Eliza Elizabeth Ella Ellen Eloise Elsie Emily
Emma Esther Ethel Eva Eve Evelyn Fanny Flora Florence Frances Georgiana Georgia Gertrude Gillian
Ginny Grace Gwendolyn Haley Hannah Harriet Hattie Hazel Heather Helen Helena Henrietta Hester
Hilda Holly Ida Irene Iris Isabel Isabella Isabelle Ivy Jane Janet Jean Jennifer Jenny Jessica
Joan Joanna Josephine Joyce Judith Julia Julie Juliet June Karen Kate Katherine Kathleen Katie
Kitty Laura Lauren Leah Lillian Lily Lindsay Lindsey Linda Lisa Lizzy Lois Lorraine Louisa
Louise Lucille Lucy Lydia Mabel Madeleine Maggie Margaret Maria Marian Marianne Marie Marilla
Marion Martha Mary Matilda Maud Maude Meg Melanie Melissa Mildred Millie Miranda Molly Nancy
Naomi Natalie Nell Nellie Nora Olive Olivia Pamela Patricia Pauline Peggy Penelope Phoebe
Polly Priscilla Rachel Rebecca Rose Rosalind Rosamond Rosemary Ruth Sally Samantha Sarah Sophia
Sophie Stella Susan Susanna Sylvia Teresa Theresa Tilly Valerie Vera Victoria Violet Virginia
Vivian Wendy Winifred Zoe Peyton Quinn Clara Millie Lizzie Harriet Henrietta Edna Adele Lila
Catharine Marianne Fanny Elinor Anne Penelope Hermione Ophelia Cordelia Rosalie Sibyl Stella
Dinah Edwina Gwen Imogen Jemima Kezia Letitia Lavinia Lettice Mattie Minnie Nettie Prudence
Rhoda Selina Tabitha Ursula Winnie Kristen Alexandra Gabrielle Gabriella Isobel Ivy Janie
"""

FIRST_NAMES: dict[str, str] = {}
for _gender, _block in (("M", _MALE), ("F", _FEMALE)):
    for _name in _block.split():
        FIRST_NAMES.setdefault(_name, _gender)
# Used for both genders: a name, but no gender prior (pronouns decide).
UNISEX_NAMES: frozenset[str] = frozenset(
    """
    Jamie Chris Sam Alex Leslie Jesse Lou Pat Taylor Jordan Morgan Casey Riley Avery
    Quinn Charlie Frankie Robin Kim Terry Tracy Jackie Sidney Sydney Kelly Ashley Dana Skyler
    Rowan River Sasha Blair Drew Jo Max
    """.split()
)
for _shared in UNISEX_NAMES:
    FIRST_NAMES.pop(_shared, None)


def gender_of_name(word: str | None) -> str:
    """ "M" / "F" from the list, nicknames through their full names (Robbie -> Robert); else ""."""
    if word in FIRST_NAMES:
        return FIRST_NAMES[word]
    if word in UNISEX_NAMES:
        return ""
    genders = {FIRST_NAMES.get(full, "") for full in NICKNAMES.get(word or "", ())}
    return genders.pop() if len(genders) == 1 else ""


FEMININE_ENDINGS = ("etta", "ette", "ita", "ina", "ella", "issa", "ia")
MIN_VARIANT_LENGTH = 5


def likely_gender(word: str | None) -> str:
    """A weaker guess for names the list lacks: a spelling variant one letter longer than a
    listed name ("Rachael", "Hannah"), or an ending English and Romance names give girls
    ("Perfetta", "Lilia", "Mariequita"). Only a prior: pronouns can outvote it."""
    known = gender_of_name(word)
    if known or not word or word in UNISEX_NAMES or len(word) < MIN_VARIANT_LENGTH:
        return known
    variants = {word[:i] + word[i + 1 :] for i in range(1, len(word))}
    genders = {FIRST_NAMES[v] for v in variants if v in FIRST_NAMES}
    if len(genders) == 1:
        return genders.pop()
    return "F" if word.lower().endswith(FEMININE_ENDINGS) else ""


def is_first_name(word: str | None) -> bool:
    return word in FIRST_NAMES or word in UNISEX_NAMES or word in NICKNAMES


# Capitalised words that look like names but are not people (interjections, deities, days).
NOT_NAMES: frozenset[str] = frozenset(
    """
    God Jesus Christ Heaven Hell Oh Ah Ha Hah Hey Hi Hello Yeah Yes No Okay OK Ok Well Wow
    Damn Dammit Gosh Geez Jeez Christmas Easter Sunday Monday Tuesday Wednesday Thursday Friday
    Saturday January February March April May June July August September October November
    December Mom Dad Mum Mama Papa Mommy Daddy Ma Pa Ma'am Babe Baby Honey Sweetie
    Darling Dear Love Sweetheart Man Dude Bro Guys Everyone Everybody Nobody Someone Whoa Um Uh
    Hmm Mmm Shh Hullo Hallo Halloa Please Thanks Thank Sorry Goodbye Bye Amen English French
    Christian Catholic Bible I Old Poor
    """.split()
)

# Last words of multi-word names that mark a place or an institution, not a person.
PLACE_WORDS: frozenset[str] = frozenset(
    """
    Hill Hills Street St Avenue Ave Road Rd Lane City County Park Lake River Bay Beach Island
    School High Academy University College Hospital Church Chapel Hall House Court Square
    Station Airport Mountain Mountains Valley Falls Springs Heights Bridge Castle Abbey Manor
    Place Gardens Garden Cafe Café Bar Club Hotel Inn Center Centre Mall Store Records Company
    Inc Ltd Corporation Times Post Journal Lodge Walk Corner Villa Terrace Row Green Common
    Cottage Farm Wood Woods Priory Rectory Vicarage Parsonage Grange Park Crescent Buildings
    Museum Gallery Theatre Theater Office Building Tower Palace Cathedral Temple Mosque Hills
    Drive Grove Boulevard
    """.split()
)

SPEECH_VERBS: frozenset[str] = frozenset(
    """
    say ask reply answer whisper shout yell cry call murmur mutter add continue exclaim
    laugh tease snap sigh scream respond remark observe inquire enquire repeat explain
    begin interrupt insist declare protest retort stammer stutter chuckle giggle grin smile
    sob growl hiss groan moan beg plead demand suggest admit agree argue announce confess
    counter joke lie note offer order promise quip roar croak gasp breathe rejoin return
    """.split()
)
