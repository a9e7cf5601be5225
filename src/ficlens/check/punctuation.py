"""Punctuation a copy editor adds: the comma of direct address, the last full stop of an
abbreviation, the comma before a tag question or a participle after a tag.

* ``"Thanks Mom"`` -> ``"Thanks, Mom"``; ``"I love you Lucas."`` -> ``"I love you, Lucas."``;
  ``"Lucas that is awesome"`` -> ``"Lucas, that is awesome"`` (inside speech only, and only
  for the story's characters, titles and kin words used as names; a kin word in lower case,
  ``"Hey mama?"``, ``"Really mum?"``, after a lead-in opening its clause or a word of
  address);
* ``"Wren are you there?"`` -> ``"Wren, are you there?"`` (a name before a question that
  opens with its auxiliary and subject);
* ``"Did you finish the map Wren?"`` -> ``map, Wren?`` when the quotes stage found
  the line addressed to the character so named, or, whoever it is addressed to, where a
  character's name closes the line after a noun, an adverb, an object pronoun or a
  predicate adjective (not after a preposition, a verb or its particle, a person noun or a
  picking adverb: ``with Wren``, ``my brother Wren``, ``only Wren``);
* ``"No I don't"`` -> ``"No, I don't"`` (an interjection opening a line of speech);
* ``your's``, ``its'`` -> ``yours``, ``its``; ``"Lets go"`` -> ``"Let's go"``;
* ``Links sword`` -> ``Link's sword`` (a character's name plus s before a noun);
* ``"Are you okay."`` -> ``"Are you okay?"`` (a spoken question opening with its verb, or
  with a question word, its auxiliary and subject: ``"...uh...what was it called."``);
* ``L.A`` -> ``L.A.``;
* ``"A classic right?"`` -> ``"A classic, right?"``;
* ``Solas said breaking the silence`` -> ``said, breaking``;
* ``each others'`` -> ``each other's``;
* ``“‘You’re late,” she said`` -> an opening mark of the other kind; ``It’s fine.”`` with no
  opening mark: quotation marks come in matching pairs;
* ``Residence: : Room``, ``yes,, she`` -> one mark;
* ``greet Agatha who had eaten`` -> ``Agatha, who`` (a "who" clause the parse hangs on a
  character's name; not a cleft, "It was Agatha who"; off by default: one of the tuning
  parts' annotators left such a comma unmarked);
* ``nothing else worried her; as long as the lamps stayed lit`` -> a comma, ``in its prime; the
  walls covered in ivy`` -> a colon (a semicolon before no sentence; off by default: the
  annotators of the tuning parts left many such marks alone);
* ``The song began to play, her heart fell.`` -> ``play, and her heart fell`` or ``play. Her``
  (in narration: two clauses, each with its subject and a finite verb, neither subordinate,
  joined by a comma alone);
* ``It was probably Mara; Ilse decided, again.`` -> ``Mara, Ilse decided`` (a tag of saying
  or thinking: a subject, such a verb and a comma);
* ``Everything she packed, was wet.`` -> ``Everything she packed was wet.`` (a long subject,
  from the start of its sentence, and its verb);
* ``"Someone's nervous I see."``, ``"If you're listening that is."`` -> ``nervous, I see``,
  ``listening, that is`` (a tag after the clause is set off);
* ``"Where do you want to go Wren?"``, ``"Yeah kid"``, ``"That's good news my boy!"`` -> a
  comma before the words of address (a name the parse hangs on the verb as a phrase of its
  own, not as its object);
* ``the neighbours eyes`` -> ``the neighbours' eyes`` (a plural before a part of the body);
  ``two hours worth of work`` -> ``hours' worth`` (a measure before "worth of");
* ``the editor's tried``, ``the Okafor's were late`` -> ``editors``, ``Okafors`` (a plural
  subject written with an apostrophe);
* ``We can't prove it but, I think`` -> ``it, but I think``.

The marks of direct address, interjections and tags are looked for in speech, in thoughts
set in emphasis marks (``*'Come on Tobin, think!'*``) and in the lines of a chat
(``**[Wren]: See you later Tobin**``): all are someone's words.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterator
from functools import cached_property, lru_cache

from ficlens.check.capitals import KIN_NAMES
from ficlens.check.context import CHAT_LINE, CheckContext
from ficlens.check.dialogue import TAG_LEMMAS
from ficlens.check.findings import Finding, Rule
from ficlens.check.vocab import (
    COUNTING_WORDS,
    INNER_STATE_VERBS,
    SAME_FORM_PASTS,
    TIME_UNITS,
)
from ficlens.check.wordstats import listed, zipf
from ficlens.document import Span
from ficlens.lexicon import body_parts, kin_terms, person_nouns, speech_verbs, titles
from ficlens.text.quotemarks import opening_marks_paired

CATEGORY = "punctuation"
RULES = (
    Rule("punctuation.vocative", CATEGORY, "error",
         "A name used to address someone is set off by a comma (\"Thanks, Mom\")."),
    Rule("punctuation.interjection", CATEGORY, "error",
         "An interjection opening a line or a clause is set off by commas (\"No, I don't\")."),
    Rule("punctuation.apostrophe", CATEGORY, "error",
         "Possessive pronouns take no apostrophe (yours, its); 'let's' (let us) takes one."),
    Rule("punctuation.name-possessive", CATEGORY, "error",
         "A character's name in the possessive takes an apostrophe (Links sword -> Link's)."),
    Rule("punctuation.question-mark", CATEGORY, "error",
         "A spoken question that opens with its verb ends with a question mark."),
    Rule("punctuation.abbreviation", CATEGORY, "error",
         "An abbreviation with inner full stops takes its last one too (L.A -> L.A.)."),
    Rule("punctuation.tag-question", CATEGORY, "warning",
         "A tag question is set off by a comma (\"It's late, right?\")."),
    Rule("punctuation.participle-after-tag", CATEGORY, "warning",
         "A participle phrase after a speech tag is set off by a comma (said, smiling)."),
    Rule("punctuation.plural-possessive", CATEGORY, "error",
         "A plural that owns what follows takes an apostrophe (the boys' lips, hours' worth)."),
    Rule("punctuation.plural-apostrophe", CATEGORY, "error",
         "A plural subject takes no apostrophe (the Tanner's were -> the Tanners were)."),
    Rule("punctuation.conjunction-comma", CATEGORY, "error",
         "The comma joining two clauses goes before 'but' or 'and', not after it."),
    Rule("punctuation.each-other", CATEGORY, "error",
         "The possessive of 'each other' is 'each other's'."),
    Rule("punctuation.quotation-marks", CATEGORY, "error",
         "Curly quotation marks come in pairs: a closing mark needs its opening one, and a "
         "quotation closes with ”, not “."),
    Rule("punctuation.comma-splice", CATEGORY, "warning",
         "Two sentences joined by a comma alone: a full stop, a semicolon or 'and' joins them.",
         default=False),
    Rule("punctuation.subject-comma", CATEGORY, "warning",
         "No comma between a subject and its verb (Everything she packed was ...)."),
    Rule("punctuation.tag-semicolon", CATEGORY, "warning",
         "A tag of saying or thinking after its clause follows a comma, not a semicolon."),
    Rule("punctuation.ellipsis", CATEGORY, "error",
         "An ellipsis has three dots, not two (Uh.. -> Uh...)."),
    # Off unless selected: right on all 6 of its findings in 503,441 words of unlabelled fan
    # fiction, but wrong on all 3 on a held-apart part (summary row only: not read).
    Rule("punctuation.spacing", CATEGORY, "error",
         "A comma, ? or ! between two words, or a full stop between two sentences, takes a "
         "space after it (well,this -> well, this).", default=False),
    Rule("punctuation.doubled", CATEGORY, "error",
         "Two commas, colons or semicolons in a row: one mark is meant."),
    Rule("punctuation.relative-comma", CATEGORY, "warning",
         "A 'who' clause after a character's name adds to it: set it off with a comma "
         "(Harry, who ...).", default=False),
    Rule("punctuation.semicolon", CATEGORY, "warning",
         "A semicolon joins two sentences: before a phrase or a dependent clause, use a comma "
         "or a colon.", default=False),
)
# Words that lead into a name of address: greetings, thanks, answers, interjections.
LEAD_INS = (r"hey|hi|hello|thanks|thank you|yes|no|yeah|yep|nope|okay|ok|listen|look|sorry|"
            r"bye|goodbye|morning|night|night night|please|oh|come on|wait|see you|love you|"
            r"miss you|welcome|congratulations|cheers|good morning|good night|dear|alright|"
            r"all right|c'mon|c’mon|excuse me|huh")
# Words after which a name closing the clause can only be the one addressed ("I love you Lucas.").
BEFORE_ADDRESS = r"you|me|us|it|this|that|them|him|too|now|here|please|we|ya|up"
# ... less those that may own or pick out a kin word ("me mum" in dialect, "that mom").
KIN_BEFORE_ADDRESS = r"you|us|it|them|him|too|now|here|please|up"
# Adverbs of a reply that lead into a name only when they open a clause and the name closes
# it ("Really, Mom?"; not "it was really Hermione who ...").
REPLY_ADVERBS = r"really|seriously|honestly"
# Words that can open a sentence spoken to the name before them ("Lucas that is awesome").
AFTER_ADDRESS = (r"that|this|I|I'm|I've|I'll|I'd|you|you're|we|we're|it's|please|don't|"
                 r"what|why|how|where|when|who|listen|look|wait|stop|come|thanks|thank")
# An interjection (maybe stammered: "N-No", "U-Uh") opening a line or a sentence of it, then
# the subject or verb of the clause it leads into.
INTERJECTION = re.compile(
    r"(?:^[\"“'‘*_ ]*|[.?!…]\s+|\.\.\.|…|(?<=\s)['‘])"
    r"((?:[A-Z]-)?(?:Yes|No|Yeah|Yep|Nope|Well|Okay|OK|Ok|Sure|Oh|Ah|Um|Uh|Hmm|Hey|Er|Erm))"
    r"( )(?:I|I'm|I’m|I'll|I’ll|I've|I’ve|I'd|I’d|you|we|he|she|they|it's|it’s|that's|that’s"
    r"|there's|there’s|it|that|this|not|do|does|did|can|is|was|we're|we’re|you're|you’re|"
    r"he's|he’s|she's|she’s|they're|they’re|let's|let’s|hi|hello)\b")
# An interjection opening a spoken sentence before a word in lower case (a command, maybe);
# not "Oh", which many writers run into what follows as one cry ("Oh come on").
COMMAND_AFTER = re.compile(r"(?:^[\"“'‘*_ ]*|[.?!…]\s+)((?:[A-Z]-)?(?:Well|Okay|OK|Ok|Alright|"
                           r"Hey|Yes|Yeah))( )(?=[a-z])")
# An interjection inside a sentence, after a comma or an ellipsis, before the clause it leads
# into, in narration as in speech ("Or, well he tried", "So, yeah not the best show").
INNER_INTERJECTION = re.compile(
    r"(?:(?<=[a-z], )|(?<=\.\.\. )|(?<=… ))(well|yeah|yep|okay)( )"
    r"(?=(?:I|he|she|they|we|you|it|that|this|there|not|his|her|my|their)\b)")
ELLIPTICAL_SURE = re.compile(r"(?:do|does|did|can|is|was)\b")
# "Sure you were.": a short mocking reply, said as one phrase.
MOCKING_SURE = re.compile(r"[\w'’]+ (?:were|are|was|is|did|do|does|can|will|have|had|would)"
                          r"(?=[.!?…])")
# A word of command used as an interjection before a clause that opens with "I" or a pronoun
# and its verb run together ("Listen I gotta go", "Look I'm sorry"); not before a bare
# "you" or "it", which may be the command's object ("See you", "Wait it out").
COMMAND_INTERJECTION = re.compile(
    r"(?:^[\"“'‘*_ ]*|[.?!…]\s+)((?:[A-Z]-)?(?:Listen|Look|Wait|Alright|Geez|Jeez))( )"
    r"(?:I|I'm|I’m|I'll|I’ll|I've|I’ve|I'd|I’d|we're|we’re|you're|you’re|he's|he’s|she's|"
    r"she’s|they're|they’re|it's|it’s|that's|that’s|there's|there’s)(?![\w'’])")
# Capitalised words that name a time, not a person ("hang out this Saturday").
CALENDAR = frozenset(calendar.day_name) | frozenset(calendar.month_name[1:])
# Capitalised words for a day of the year, which a parse hangs on a verb as a name of
# address is hung: "I'll see you Christmas."
HOLIDAYS = frozenset({"Christmas", "Easter", "Halloween", "Thanksgiving", "Hanukkah", "Yule",
                      "Midsummer", "Diwali", "Passover", "Ramadan", "Eid", "Today", "Tomorrow",
                      "Tonight", "Yesterday"})
SENTENCE_ENDS = frozenset({".", "?", "!", "…", "...", ","})
# Adverbs that make a phrasal verb, whose object may follow them: "turning away Richard".
PARTICLES = frozenset({"away", "off", "out", "up", "down", "in", "on", "over", "back",
                       "around", "aside", "along", "through", "about", "by"})
# Words before a plural that make it a noun phrase's own noun: "the", "her", "other", "two".
BEFORE_PLURAL_OWNER = frozenset({"DT", "PRP$", "JJ", "CD"})
# Determiners of a plural: "the Tanner's were" is "the Tanners", not one Tanner's something.
PLURAL_DETERMINERS = frozenset({"the", "these", "those", "both", "all"})
# Words that take "of the" and a plural as their subject: "most of the girls felt".
QUANTIFIERS = frozenset({"most", "some", "all", "many", "few", "several", "both", "none",
                         "half", "rest"})
# Past participles that follow "is" as adjectives do ("The troll's meant to be ..."): no sign
# of "has", so no sign of a plural.
STATIVE_PARTICIPLES = frozenset({"mean", "suppose", "use", "go", "do", "get"})
# What a verb after "the X's" must be to rule out "is" and "has": a present plural, a modal,
# (in narration) a past form or a participle with an object of its own.
PLURAL_VERB_TAGS = frozenset({"VBP", "MD"})
# "... know this but, I imagine it is": a comma after the conjunction, none before it, and
# a subject and its verb after it, with no comma closing an aside ("and, well, he ...").
CONJUNCTION_COMMA = re.compile(r"(?<=[a-z])( )(but|and),( )(?=(?:I|I'm|I’m|he|she|they|we|you|"
                               r"it|it's|it’s|that|there|this)\b[^,;:.!?…\n—–-]{3,})")
# Names in an exclamation, not an address: "Oh God", "Oh Lord".
EXCLAMATIONS = r"(?:God|Gods|Lord|Jesus|Christ|Heavens)"
# Words that address someone as a name does ("Oh honey, ...", "Thanks sir").
ENDEARMENTS = (r"honey|sweetie|sweetheart|darling|babe|dude|kiddo|buddy|sir|ma'am|ma’am|"
               r"(?<!\byou )(?:guy|guys)|kid|boss|mate|bro|pal|folks|everyone|everybody|"
               r"(?<!\b[Oo]h )(?<!\b[Aa]h )(?:man|boy)")
# Words of address that close a spoken clause after an object pronoun or an adverb ("Row it
# faster with me folks!", "Over here guys."); none that a dialect "me" may own (me mate).
CLOSING_ADDRESS = (r"folks|everyone|everybody|guys|sir|ma'am|ma’am|dude|buddy|kiddo|"
                   r"sweetheart|darling|honey")
# Nouns that, closing a spoken sentence, can only be the person spoken to ("Good job
# kiddo!", "Same time tomorrow folks!"), as a name is (``_names_closing_lines``): the words
# of address above but the pronouns, which may be an object ("I love everyone."), and four
# more; after a possessive such a noun is the clause's own ("my mate": ``_owned_noun``).
ADDRESS_NOUNS = frozenset(CLOSING_ADDRESS.split("|")) - {"everyone", "everybody"} \
    | {"sweetie", "mate", "pal", "bro"}
# Words of a noun phrase before its noun ("my very strong vampire mate").
NOUN_PHRASE_POS = frozenset({"ADJ", "NOUN", "ADV", "PROPN", "CCONJ"})
BEFORE_CLOSING_ADDRESS = r"me|us|them|him|too|now|here|please|up"
# "my boy", "my lord" closing a spoken sentence after a noun or an adverb: an address
# ("That's good news my boy!"); after a verb or a preposition it is the object ("to my boy").
MY_ADDRESS = re.compile(r"(?<=[a-z]) (?=my (?:boy|girl|dear|friend|friends|lord|lady|love|"
                        r"darling|son|child|liege|king|queen|prince|princess)(?=[,.?!…]))")
BEFORE_MY_ADDRESS = frozenset({"NN", "NNS", "RB", "UH"})
DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
CLAUSE_ROLES = frozenset({"attr", "dobj", "pobj", "nsubj", "nsubjpass", "acomp"})
# A tag after a finished clause: "nervous I see", "listening that is".
CLAUSE_TAGS = re.compile(r"(?<=[\w'’])( )(I see(?=[.?!…,])|that is(?=[.?!…])|"
                         r"(?:it seemed|it seems|I think|I guess|I suppose)(?=[.?!…]))")
# Words before "I see" / "that is" that make them part of the clause: "now I see", "what that
# is"; by part of speech (the tag is set off after an adjective, a noun, a participle).
CLAUSE_TAG_BEFORE = {"I see": frozenset({"JJ", "NN", "NNS", "VBG", "VBN"}),
                     "that is": frozenset({"JJ", "VBG", "VBN", "RB", "TO"}),
                     **dict.fromkeys(("it seemed", "it seems"),
                                     frozenset({"JJ", "NN", "NNS", "NNP", "NNPS", "RB", "VBN"})),
                     **dict.fromkeys(("I think", "I guess", "I suppose"),
                                     frozenset({"JJ", "NN", "NNS", "NNP", "NNPS", "VBN"}))}
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl"})
# How a parse joins the two halves of a comma splice: one verb hangs on the other.
SPLICE_DEPS = frozenset({"ccomp", "conj", "advcl", "parataxis"})
# Verbs that tag a thought as "said" tags speech: "It was tense, Scotty had to admit."
ADMITTING = frozenset({"admit", "recall", "guess", "suppose", "reckon", "bet", "imagine",
                       "suspect", "note", "muse", "reflect", "figure", "notice"})
VERB_COMPLEMENTS = frozenset({"dobj", "prep", "xcomp", "ccomp", "acomp", "attr", "advmod",
                              "prt", "dative", "oprd"})
PAST_STORY_SHARE = 0.75  # of the narration's finite verbs in the past: a past-tense story
SUBJECT_MIN_WORDS = 4  # a subject this long (with a clause in it) is where the slip happens
SEMICOLON_MIN_WORDS = 3  # after a semicolon, a phrase this long ("; yes." may be a reply)
# How a parse hangs a clause that cannot stand alone on another.
DEPENDENT_DEPS = frozenset({"advcl", "relcl", "acl", "ccomp", "csubj", "xcomp", "pcomp"})
SPLICE_MIN_WORDS = 4  # each half at least this long ("He came, he saw" may be a figure)
TAG_CLAUSE_WORDS = 5  # ", she had to admit.": a tag of thought is this short
CLAUSE_MARKS = frozenset({",", ";", ":", ".", "!", "?", "…", "—", "–"})
QUOTE_RUN = 16  # how many paragraphs back a quotation closed here may have opened
# A semicolon, then a tag: a subject (a pronoun or a capitalised name) and a past verb, and
# a comma ("...the harbour; Tobin decided, not for long"); "; Mara knew." is a clause.
TAG_AFTER_SEMICOLON = re.compile(r";[ \t]+(?:he|she|they|I|we|you|[A-Z][\w'’]+)[ \t]+"
                                 r"([a-z]+)(?=,)")
DOUBLED = re.compile(r"(?<![,;:])([,;:])[ \t]*([,;:])(?![,;:)\w])")
# A thought set in emphasis marks with single quotes: *'Come on, think.'* (the closing mark
# may be a slip of the other kind).
THOUGHT = re.compile(r"(?<![\w*_])[*_]+['‘]([^\n]+?)['’\"”][*_]+")
# Words after which a name is not the one addressed (to Peyton, with Lucas, the Lucas I knew).
NOT_BEFORE_ADDRESS = frozenset({"ADP", "DET", "PART", "CCONJ", "SCONJ", "AUX", "PRON"})
# Capitalised words of a name that never address anyone on their own ("The Conductor").
FUNCTION_WORDS = frozenset("the a an this that these those my your his her our their its of and "
                           "or but".split())
# Verbs that give someone a name: "kept calling me Sprout", "made me Lord Vane" (what they are
# called, not whom the line addresses).
NAMING_LEMMAS = frozenset("call name make dub crown nickname title declare proclaim elect "
                          "appoint".split())
NAMING_NOUNS = frozenset("name nickname surname codename alias title handle".split())
# Verbs that give someone something: the name after their pronoun is the thing given
# ("offered me Hufflepuff", "sent us Tobin"), not the one spoken to.
GIVING_LEMMAS = frozenset("""give offer hand send bring show sell lend pass throw toss promise
owe buy get find leave grant assign pay award bequeath introduce""".split())
# Adverbs that pick out or qualify the name after them ("only Tobin", "probably Orla"): the
# name is a part of the clause, not the one spoken to.
PICKING_ADVERBS = frozenset("""only even just not also especially except exactly probably maybe
perhaps definitely obviously clearly surely certainly like all both either neither mostly
mainly unlike than as really truly actually still always never already merely simply purely
solely entirely""".split())
SUBJECT_DEPS_OF_NAME = frozenset({"nsubj", "nsubjpass"})
POSSESSIVE_APOSTROPHE = re.compile(r"\b((?i:your|their|her|our))['’]s\b|\b((?i:its))['’](?![\w'’])")
LETS = re.compile(r"(?:^[\"“]?|[.!?,]\s+)((?i:lets)) (?=(?:go|get|do|see|talk|just|not|try|"
                  r"find|make|move|eat|start|hope|be|have|leave|head|call)\b)")
NOUN_TAGS = frozenset({"NN", "NNS"})
# A spoken sentence opening with an auxiliary and a subject pronoun (a yes/no question), or a
# question word (in lower case after an ellipsis: "It's about...uh...what was it called."),
# an auxiliary and a subject, or "What if", "What about", that ends with a full stop. Not
# "Which": often a relative ("Which is why I left."). Not "Will you ...": often a command;
# not "Do it", "Have it out": imperatives.
QUESTION = re.compile(
    r"(?:^[\"“]?|(?<=[.?!…]\s)|(?<=…)|(?<=\.\.\.))((?:"
    r"(?:What|Where|Why|How|Who|When|(?:(?<=…)|(?<=\.\.\.)|(?<=… )|(?<=\.\.\. ))"
    r"(?:what|where|why|how|who|when))\s+(?:are|is|was|were|does|did|can|could|would|has|"
    r"should|do|have|had)\s+(?:you|he|she|they|we|I|it)"
    r"|(?:Are|Is|Was|Were|Does|Did|Can|Could|Would|Has|Should)\s+(?:you|he|she|they|we|I|it)"
    r"|(?:Do|Have|Had|Shall)\s+(?:you|he|she|they|we|I)|What\s+(?:if|about)\s)"
    r"\b[^.?!…\"”\n]{0,80}?)(\.)(?=\s*(?:[\"”]|$|[A-Z]))")
# "Had I wings, I would fly.", "Were she here, ...", "Should you need me, ...": an inverted
# condition before a comma and its main clause, no question.
CONDITIONAL_INVERSION = re.compile(r"[\"“]?(?:Had|Were|Should)\s[^,;]+,\s")
# Names that are also auxiliaries opening a question ("Will you come?").
AUXILIARIES = r"will|can|may|might|must|shall|should|would|could|did|do|does|is|are|was"
ABBREVIATION = re.compile(r"\b(?:[A-Z]\.){1,3}[A-Z]\b(?![.\w])")
# An abbreviation the story writes this often without its last stop, and never with it, whose
# frequency in wordfreq is below that of the common ones (L.A 3.9, D.C 4.3), is a name.
ABBREVIATION_USES = 2
COMMON_ABBREVIATION_ZIPF = 3.0
TAG_QUESTION = re.compile(r"(?<![,\s])(\s+)(?:right|(?:is|are|was|were|do|does|did|have|has|"
                          r"wo|ca|could|would)n['’]t (?:you|it|he|she|they|we|I)(?: think)?)\?")
# Words before a negative question that make it the question itself ("Why don't you?").
NOT_BEFORE_NEGATIVE_TAG = frozenset({"why", "what", "how", "who", "where", "when", "which",
                                     "and", "but", "or", "so", "then", "if"})
# A mark run into the next word: a comma, ? or ! between letters ("heheh,this"), or a full
# stop between a word of two letters or more and a capitalised word ("door.She"); not a
# number (1,000), an initial or abbreviation (U.S., e.g.), an ellipsis nor a web address.
RUN_ON_MARK = re.compile(r"(?<=[^\W\d_]{2})([,?!])(?=[^\W\d_]{2})"
                         r"|(?<=[a-z]{2})(\.)(?=[A-Z][a-z]{2})")
WEB_WORD = re.compile(r"\S*(?:www\.|https?:|\.com|\.org|\.net|@)\S*")
TWO_DOTS = re.compile(r"(?<=[^\W\d_])\.\.(?![.\w/])")  # "Uh..", "too..?", not "../" nor "1.."
# Words of a name that are pronouns ("You-Know-Who", "He Who Must Not Be Named"): never an
# address on their own.
PRONOUN_WORDS = frozenset({"i", "you", "he", "she", "it", "we", "they", "me", "him", "her", "us",
                           "them", "who", "what", "whom"})
EACH_OTHER = re.compile(r"\beach others['’]?(?=\s)", re.IGNORECASE)
SUBJECT_PRONOUNS = frozenset({"i", "he", "she", "we", "they"})
# A question that opens with its verb: "Was Mara right?", "Did the map come out right?".
INVERTED_QUESTION = re.compile(r"[\"“'‘*_\s]*(?:Am|Is|Are|Was|Were|Do|Does|Did|Have|Has|Had|Can|"
                               r"Could|Will|Would|Should|Is\w*n['’]t|Was\w*n['’]t)\b")
NOT_BEFORE_TAG_QUESTION = frozenset({"all", "turn", "turned", "go", "left", "that", "this", "it",
                                     "is", "was", "be", "you", "me", "him", "her", "them"})
# Verbs of saying whose object may be an -ing clause: "denied disapproving of anyone".
GERUND_OBJECT = frozenset({"deny", "admit", "acknowledge", "suggest", "mention", "ponder",
                           "question", "confirm", "threaten", "recommend", "propose"})
ASPECTUAL = frozenset({"begin", "continue", "keep", "start", "stop", "go", "come"})


class _Addressees:
    """Capitalised words that name someone who can be spoken to."""

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx

    @cached_property
    def words(self) -> frozenset[str]:
        names = set(titles("title")) | {w.capitalize() for w in kin_terms()}
        names |= {w.capitalize() for w in titles("address")}
        for character in self.ctx.characters.values():
            for alias in [character.get("name", ""), *character.get("aliases", [])]:
                names.update(w for w in re.findall(r"[A-Z][\w'’]+", alias))
        for mention in self.ctx.work.layer("mentions"):
            names.update(re.findall(r"[A-Z][\w'’]+", self.ctx.work.span_text(mention)))
        return frozenset(w for w in names | self._proper_nouns()
                         if w.lower() not in PRONOUN_WORDS | FUNCTION_WORDS
                         and re.split(r"['’]", w.lower())[0] not in PRONOUN_WORDS)

    def _proper_nouns(self) -> set[str]:
        """Capitalised words tagged proper nouns at least twice away from a sentence start:
        the names the character list may have missed (a pet, a nickname)."""
        counts: dict[str, int] = {}
        tokens = self.ctx.work.layer("tokens")
        for previous, token in zip(tokens, tokens[1:], strict=False):
            word = self.ctx.work.span_text(token)
            if token.get("tag") == "NNP" and word[:1].isupper() and word[1:].islower() \
                    and previous.get("sent") == token.get("sent") \
                    and previous.get("pos") != "PUNCT":
                counts[word] = counts.get(word, 0) + 1
        return {word for word, count in counts.items() if count >= 2}

    @cached_property
    def names(self) -> frozenset[str]:
        """The words of the characters' names and aliases."""
        return frozenset(w for character in self.ctx.characters.values()
                         for alias in [character.get("name", ""), *character.get("aliases", [])]
                         for w in alias.split())

    @cached_property
    def pattern(self) -> str:
        alternatives = "|".join(sorted(map(re.escape, self.words), key=len, reverse=True))
        return rf"(?:{alternatives})(?:\s(?:{alternatives}))?" if alternatives else r"(?!x)x"


def check(ctx: CheckContext) -> Iterator[Finding]:
    addressees = _Addressees(ctx)
    for quote in ctx.quotes:
        for start, end in ctx.quote_parts(quote):
            yield from _vocatives(ctx, addressees, start, end)
            yield from _addressed(ctx, quote, start, end)
            yield from _closing_addresses(ctx, start, end)
            yield from _names_closing_lines(ctx, addressees, start, end)
            yield from _my_addresses(ctx, start, end)
            yield from _interjections(ctx, start, end)
            yield from _tag_questions(ctx, start, end)
            yield from _questions(ctx, start, end)
            yield from _lets(ctx, start, end)
    spoken = [*_thoughts(ctx), *_chat_lines(ctx, addressees.names)]
    for start, end in spoken:
        yield from _vocatives(ctx, addressees, start, end)
        yield from _closing_addresses(ctx, start, end)
        yield from _my_addresses(ctx, start, end)
        yield from _interjections(ctx, start, end)
        yield from _tag_questions(ctx, start, end)
    for paragraph in ctx.prose:
        yield from _clause_tags(ctx, paragraph.start, paragraph.end)
        yield from _inner_interjections(ctx, paragraph.start, paragraph.end)
    yield from _comma_splices(ctx)
    yield from _subject_commas(ctx)
    yield from _tag_semicolons(ctx)
    yield from _quotation_marks(ctx)
    yield from _doubled(ctx)
    yield from _semicolons(ctx)
    yield from _relative_commas(ctx, addressees)
    yield from _run_on_marks(ctx)
    for match in TWO_DOTS.finditer(ctx.text):
        yield Finding("punctuation.ellipsis", CATEGORY, "error", match.start(), match.end(),
                      "An ellipsis has three dots.", "...", True)
    yield from _abbreviations(ctx)
    yield from _name_possessives(ctx, addressees)
    yield from _possessive_apostrophes(ctx)
    yield from _plural_possessives(ctx)
    yield from _measures_worth(ctx)
    yield from _measures_of_time(ctx)
    yield from _conjunction_commas(ctx)
    yield from _plural_apostrophes(ctx)
    yield from _participles(ctx)
    for match in EACH_OTHER.finditer(ctx.text):
        yield Finding("punctuation.each-other", CATEGORY, "error", match.start(), match.end(),
                      "Write 'each other's'.", match.group()[:10] + "'s", True)


def _vocatives(ctx: CheckContext, addressees: _Addressees, start: int,
               end: int) -> Iterator[Finding]:
    text, name = ctx.text, addressees.pattern
    patterns = (
        rf"\b(?!(?i:dear)\b)(?i:{LEAD_INS})( )(?!{EXCLAMATIONS}\b)(?-i:{name})\b(?![\w'’-])",
        rf"\b(?!(?i:dear)\b)(?i:{LEAD_INS})( )(?:{ENDEARMENTS})(?=[,.?!…])",
        rf"\b(?:{BEFORE_ADDRESS})( )(?:{name})(?:\s[A-Z][a-z][\w'’]*)?(?=[,.?!…])",
        rf"^[\"“'‘]?(?!(?i:{AUXILIARIES})\b)(?:{name})( )(?:{AFTER_ADDRESS})\b",
        # a kin word used as a name, in lower case ("Hey mama?", "Love you mum."), after a
        # lead-in opening its clause ("There's no dad." has none) or a word of address
        rf"(?:^[\"“'‘*_ ]*|[.?!…,]\s+)(?!(?i:dear)\b)(?i:{LEAD_INS}|{REPLY_ADVERBS})( )"
        rf"(?:{KIN_NAMES})(?=[,.?!…])",
        rf"(?:^[\"“'‘*_ ]*|[.?!…]\s+)(?i:{REPLY_ADVERBS})( )(?!{EXCLAMATIONS}\b)(?:{name})"
        r"(?=[,.?!…])",
        rf"\b(?:{KIN_BEFORE_ADDRESS})( )(?:{KIN_NAMES})(?=[,.?!…])",
        rf"\b(?:{BEFORE_CLOSING_ADDRESS})( )(?:{CLOSING_ADDRESS})(?=[,.?!…])",
        # a name before a question that opens with its auxiliary and subject ("Mom can I
        # go?", "Wren are you there?"): the name is not the subject, so it is addressed
        rf"^[\"“'‘]?(?:{name})( )(?:{AUXILIARIES}|were|have|has|had)\s+(?:I|you|we|he|she|"
        r"they)\b[^.?!…\n]*\?",
    )
    tokens = ctx.work.layer("tokens")
    for number, pattern in enumerate(patterns):
        for match in re.finditer(pattern, text[start:end]):
            space = start + match.start(1)
            index = ctx.token_index.get(space + 1)
            named = ctx.work.span_text(tokens[index]) if index is not None else ""
            if index is not None and tokens[index].get("dep") == "oprd" or named in CALENDAR \
                    or named in HOLIDAYS and start + match.end() == tokens[index].end:
                continue  # "keep calling you Porky": what he is called; "this Saturday"
            if number < 3 and _not_addressed(ctx, tokens, index, start + match.start()):
                continue
            if number == 0 and _determines(ctx, tokens, start + match.start(), index):
                continue  # "No Harbour Lullaby": "no" is the determiner of a title
            if _determiner_before(ctx, space):
                continue  # "hit that Bludger": a demonstrative and its noun
            yield Finding("punctuation.vocative", CATEGORY, "error", space - 1, space + 1,
                          "Set off the name of the person spoken to with a comma.",
                          text[space - 1] + ", ", True)
    yield from _name_then_command(ctx, addressees, start, end)


def _name_then_command(ctx: CheckContext, addressees: _Addressees, start: int,
                       end: int) -> Iterator[Finding]:
    """"Wren stay here", "In fact, Tobin take the oars": a name opening a spoken clause, before
    a verb in its bare form, is not the verb's subject (that would be "Wren stays"): the
    sentence is a command to the one named. A verb whose past is its bare form ("Wren put it
    down") may be a past, and a question ("Wren mean that?") has dropped its "does": both are
    left alone."""
    pattern = rf"(?:^[\"“'‘*_ ]*|[.?!…,]\s+)(?:{addressees.pattern})( )[a-z]+\b(?![\w'’-])"
    tokens = ctx.work.layer("tokens")
    for match in re.finditer(pattern, ctx.text[start:end]):
        space = start + match.start(1)
        index = ctx.token_index.get(space + 1)
        if index is None or index == 0:
            continue
        verb, word = tokens[index], ctx.work.span_text(tokens[index])
        if verb.get("tag") not in ("VB", "VBP") or word in SAME_FORM_PASTS \
                or tokens[index - 1].end != space or not ctx.text[space - 1].isalpha():
            continue
        if re.search(r"['’][a-z]+$", ctx.text[space - 4 : space]):
            continue  # "Joey'll have to": the name and a contracted auxiliary
        if re.match(r"[^.?!…]*\?", ctx.text[space:end]):
            continue  # "Deku mean useless?": a question that dropped its "does"
        yield Finding("punctuation.vocative", CATEGORY, "error", space - 1, space + 1,
                      "Set off the name of the person spoken to with a comma.",
                      ctx.text[space - 1] + ", ", True)


def _determines(ctx: CheckContext, tokens: list[Span], lead: int, name: int | None) -> bool:
    """The lead-in is a determiner the parse hangs on the name after it ("No Harbour
    Lullaby"): a noun phrase, no address."""
    first = ctx.token_index.get(lead)
    return first is not None and name is not None and tokens[first].get("dep") == "det" \
        and tokens[first].get("head", -1) >= name


def _closing_addresses(ctx: CheckContext, start: int, end: int) -> Iterator[Finding]:
    """A name (or a kin word used as one, in lower case) closing a spoken sentence that the
    parse hangs on the verb as a noun phrase of its own, not as its object: "Where do you
    want to go Wren?", "See you later BB.", "Where are you going dad?"."""
    view = ctx.work.view("tokens")
    tokens = ctx.work.layer("tokens")
    first, last = view.first_from(start), view.first_from(end)
    for index in range(first + 1, min(last, len(tokens) - 1)):
        name, following = tokens[index], tokens[index + 1]
        kin = re.fullmatch(KIN_NAMES, ctx.work.span_text(name)) is not None
        if ctx.work.span_text(following) not in SENTENCE_ENDS or name.get("dep") != "npadvmod" \
                or name.get("tag") not in ("NNP", "NNPS") and not kin:
            continue
        opening = index
        while opening > first and tokens[opening - 1].get("tag") in ("NNP", "NNPS") \
                and tokens[opening - 1].get("head") == index:
            opening -= 1
        words = [ctx.work.span_text(t) for t in tokens[opening : index + 1]]
        before = tokens[opening - 1]
        previous = ctx.work.span_text(before)
        if opening == first or not previous[:1].islower() or not previous[-1:].isalpha() \
                or before.get("pos") in NOT_BEFORE_ADDRESS - {"PRON", "PART"} \
                or any(w in CALENDAR | HOLIDAYS or not (w[:1].isupper() or kin) for w in words) \
                or before.end + 1 != tokens[opening].start \
                or opening <= before.get("head", -1) <= index or before.get("dep") == "prt" \
                or previous.lower() in PARTICLES \
                or ctx.text[before.start - 1 : before.start] in "-‐":
            continue  # "young Alex": the name's adjective; "baby-sat Harry": a compound;
            # "turning away Richard": the object after the verb's particle
        space = before.end
        yield Finding("punctuation.vocative", CATEGORY, "error", space - 1, space + 1,
                      "Set off the name of the person spoken to with a comma.",
                      ctx.text[space - 1] + ", ", True)


def _names_closing_lines(ctx: CheckContext, addressees: _Addressees, start: int,
                         end: int) -> Iterator[Finding]:
    """A character's name closing a spoken sentence after a word that ends a clause: a noun
    ("What is on your back Tobin?"), an adverb ("I missed you so much Orla"), an object
    pronoun ("Thank you Tobin") or an adjective that is no name's ("Are you ready Orla?").
    What would take the name into its clause is left alone:
    a preposition, a verb or its particle ("take over Tobin"), a determiner, a title, kin
    or a person noun ("my brother Tobin"), an adverb that picks the name out ("only Tobin"),
    a naming verb before the pronoun ("called him Tobin"), and a full name after a noun
    ("the rat Peter Pettigrew": a description)."""
    tokens = ctx.work.layer("tokens")
    view = ctx.work.view("tokens")
    names, words = addressees.names, addressees.words
    for index in range(view.first_from(start) + 1, min(view.first_from(end), len(tokens))):
        name = tokens[index]
        word = ctx.work.span_text(name)
        common = word.lower() in ADDRESS_NOUNS and word[1:].islower() \
            and not (word.lower() == "guys" and ctx.token_words[index - 1] == "you") \
            and not _owned_noun(tokens, index)
        if (word not in names or not word[:1].isupper()) and not common \
                or name.end >= end or not _closes_line(ctx.text, name.end, end):
            continue
        first = index
        while first > 0 and ctx.work.span_text(tokens[first - 1]).rstrip(".") in words \
                and tokens[first - 1].end + 1 >= tokens[first].start:
            first -= 1
        opening = ctx.work.span_text(tokens[first]).rstrip(".")
        if first < index and opening not in _address_titles():
            continue  # "the rat Peter Pettigrew": a full name after a noun describes it
        before = tokens[first - 1]
        if before.end + 1 != tokens[first].start or before.start < start \
                or _takes_the_name(ctx, tokens, first):
            continue
        space = before.end
        yield Finding("punctuation.vocative", CATEGORY, "error", space - 1, space + 1,
                      "Set off the name of the person spoken to with a comma.",
                      ctx.text[space - 1] + ", ", True)


def _owned_noun(tokens: list[Span], index: int) -> bool:
    """The noun ends a phrase that a possessive opens ("home with my vampire mate"): it is
    the clause's noun, not the person spoken to ("Good job kiddo")."""
    k = index - 1
    while k >= 0 and tokens[k].get("pos") in NOUN_PHRASE_POS:
        k -= 1
    return k >= 0 and tokens[k].get("tag") == "PRP$"


def _closes_line(text: str, at: int, end: int) -> bool:
    """The mark after the name ends the sentence, or is the comma closing the line."""
    mark = text[at : at + 1]
    rest = text[at + 1 : end].strip(" \t\"“”'‘’*_")
    return mark in "?!…" or mark == "." and text[at + 1 : at + 2] != "." \
        or mark == "," and not rest


@lru_cache(maxsize=1)
def _address_titles() -> frozenset[str]:
    """Titles and honorifics without their full stop (Miss, Mr, Professor)."""
    return frozenset(t.rstrip(".") for t in (*titles("title"), *titles("honorific")))


def _takes_the_name(ctx: CheckContext, tokens: list[Span], first: int) -> bool:
    """The word before the name takes it into its clause, or describes it: no address."""
    before = tokens[first - 1]
    word = ctx.token_words[first - 1]
    pos, tag = before.get("pos"), before.get("tag", "")
    if not word.isalpha() or not ctx.work.span_text(before).islower() or not listed(word):
        return True  # a name, a title written in capitals, a mark, dialect ("ter Hogwarts")
    if pos == "NOUN":
        return word in person_nouns() or word in kin_terms() or word in NAMING_NOUNS \
            or word.capitalize() in _address_titles()
    if pos == "PRON":
        verb = tokens[first - 2] if first > 1 else None
        return word not in ("you", "me", "us", "him", "her", "them", "it") or verb is None \
            or verb.get("lemma", "").lower() in NAMING_LEMMAS | GIVING_LEMMAS
    if pos == "ADV":
        return word in PICKING_ADVERBS
    if pos == "ADJ":
        return before.get("dep") == "amod" and before.get("head", -1) >= first \
            or tag in ("JJR", "JJS", "VBN", "VBD")
    return True  # a verb, a preposition, a particle: the name is its object


def _my_addresses(ctx: CheckContext, start: int, end: int) -> Iterator[Finding]:
    tokens = ctx.work.layer("tokens")
    for match in MY_ADDRESS.finditer(ctx.text, start, end):
        before = ctx.token_index.get(_word_start(ctx.text, match.start()))
        if before is None or tokens[before].get("tag") not in BEFORE_MY_ADDRESS \
                and ctx.token_words[before] not in ("you", "me"):
            continue  # "Thank you my friend", "Trust me my lord"; not "He is my friend"
        noun = ctx.token_index.get(match.end() + 3)  # the word after "my "
        if noun is not None and tokens[noun].get("dep") in CLAUSE_ROLES:
            continue  # "She is just my friend": the words fill a place in the clause
        space = match.start()
        yield Finding("punctuation.vocative", CATEGORY, "error", space - 1, space + 1,
                      "Set off the words addressing someone with a comma.",
                      ctx.text[space - 1] + ", ", True)


def _not_addressed(ctx: CheckContext, tokens: list[Span], name: int | None, lead: int) -> bool:
    """The name after a greeting or a pronoun is the subject of what follows ("Sorry Tam
    ruined your night", "the night Vane was caught"), someone given a name ("calling me
    Sprout"), the thing given ("offered me Hufflepuff"), or the greeting is a verb ("to
    welcome Agent Nine")."""
    if name is None:
        return False
    token = tokens[name]
    head = token.get("head", -1)
    if token.get("dep") in SUBJECT_DEPS_OF_NAME and token.get("tag", "").startswith("NNP") \
            and head > name and "," not in ctx.text[token.end : tokens[head].start]:
        return True
    if name > 0 and tokens[name - 1].get("dep") == "mark":
        return True  # "I promise you that Mara, once she lands, ...": a clause opens
    if token.get("dep") == "dobj" and name > 0 and tokens[name - 1].get("dep") == "dative":
        return True  # "offered me Hufflepuff": what is given, after whom
    first = ctx.token_index.get(lead)
    if first is None or first == 0:
        return False
    before = tokens[first - 1]
    return before.get("lemma", "").lower() in NAMING_LEMMAS and before.get("pos") == "VERB" \
        or tokens[first].get("tag") == "VB" and before.get("tag") == "TO"


def _addressed(ctx: CheckContext, quote, start: int, end: int) -> Iterator[Finding]:
    """A name closing a spoken sentence without a comma, where the line is addressed to the
    character of that name (and not spoken by them): "... to say Peyton?"."""
    addressee = ctx.characters.get(quote.get("addressee") or "")
    if addressee is None or quote.get("addressee") == quote.get("speaker"):
        return
    aliases = [addressee.get("name", ""), *addressee.get("aliases", [])]
    honorifics = {t.rstrip(".") for t in titles("honorific")}
    names = {w for alias in aliases for w in re.findall(r"[A-Z][\w'’]+", alias)} - honorifics
    particles = {w for alias in aliases for w in re.findall(r"\b[a-z][\w'’]*", alias)}
    if not names:
        return
    alternatives = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    pattern = (rf"(?<![\w'’])[a-z][\w'’]*( )(?:{alternatives})(?:\s(?:{alternatives}))?"
               r"(?=[.?!…])")
    for match in re.finditer(pattern, ctx.text[start:end]):
        space = start + match.start(1)
        before = _word_start(ctx.text, space)
        if ctx.text[before:space] in particles:
            continue  # part of the name: von Musel
        index = ctx.token_index.get(before)
        if index is None or ctx.work.layer("tokens")[index].get("pos") in NOT_BEFORE_ADDRESS:
            continue
        if _describes_name(ctx, index, before, space) or _determiner_before(ctx, space):
            continue
        yield Finding("punctuation.vocative", CATEGORY, "error", space - 1, space + 1,
                      "Set off the name of the person spoken to with a comma.",
                      ctx.text[space - 1] + ", ", True)


def _describes_name(ctx: CheckContext, index: int, before: int, space: int) -> bool:
    """The word before the name belongs to it: a title ("mister Snatcher"), an adjective
    ("young Alex", "ol' Kettleburn") or a noun it names ("real name Lorne")."""
    tokens = ctx.work.layer("tokens")
    word = ctx.text[before:space].lower().rstrip("'’.")
    if word in {t.lower().rstrip(".") for t in (*titles("title"), *titles("honorific"))}:
        return True
    name = index + 1
    if name >= len(tokens):
        return False
    if tokens[index].get("dep") == "amod" and tokens[index].get("head", -1) >= name:
        return True
    # the name is what the word before names, or whom it sees ("Have you seen Wren?"): a
    # verb of saying takes words, not a person, as its object ("What is there to say Peyton?")
    last = name
    while last + 1 < len(tokens) and tokens[last].get("dep") == "compound":
        last += 1
    lemma = tokens[index].get("lemma", "").lower()
    return tokens[last].get("head") == index and (
        tokens[last].get("dep") == "appos" and lemma in NAMING_NOUNS
        or tokens[last].get("dep") == "dobj" and lemma not in speech_verbs())


def _determiner_before(ctx: CheckContext, space: int) -> bool:
    """The word before the space is a demonstrative the parse hangs on the noun after it,
    and the story writes that noun with an article too ("fight that Dewott" where a Dewott
    is a kind of creature, "for this Council" beside "the Council"): no name of address
    follows. A person's name never takes "the" ("We can do this Lucas" is an address)."""
    index = ctx.token_index.get(_word_start(ctx.text, space))
    if index is None:
        return False
    token = ctx.work.layer("tokens")[index]
    if ctx.token_words[index] not in DEMONSTRATIVES or token.get("dep") != "det" \
            or token.get("head", -1) <= index:
        return False
    noun = re.match(r"[A-Z][\w'’-]*", ctx.text[space + 1 : space + 40])
    return noun is not None and re.search(
        rf"\b(?:[Tt]he|[Aa]n?)\s+{re.escape(noun.group())}\b", ctx.text) is not None


def _word_start(text: str, end: int) -> int:
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'’"):
        start -= 1
    return start


def _interjections(ctx: CheckContext, start: int, end: int) -> Iterator[Finding]:
    matches = [*INTERJECTION.finditer(ctx.text[start:end]),
               *COMMAND_INTERJECTION.finditer(ctx.text[start:end]),
               *_before_commands(ctx, start, end)]
    for match in matches:
        space = start + match.start(2)
        if match.group(1) == "Sure" and (ELLIPTICAL_SURE.match(ctx.text, space + 1)
                                         or MOCKING_SURE.match(ctx.text, space + 1)):
            continue  # "Sure is!": (it) sure is, an adverb; "Sure you were."
        yield Finding("punctuation.interjection", CATEGORY, "error", space - 1, space + 1,
                      f"Set off '{match.group(1)}' with a comma.", ctx.text[space - 1] + ", ",
                      True)


def _before_commands(ctx: CheckContext, start: int, end: int) -> Iterator[re.Match]:
    """"Well disperse your people", "Okay let's go": an interjection opening a spoken
    sentence right before a verb in its plain form, a command (the parse says which)."""
    tokens = ctx.work.layer("tokens")
    for match in COMMAND_AFTER.finditer(ctx.text[start:end]):
        index = ctx.token_index.get(start + match.end(2))
        if index is not None and tokens[index].get("tag") == "VB" \
                and tokens[index].get("pos") == "VERB":
            yield match


def _inner_interjections(ctx: CheckContext, start: int, end: int) -> Iterator[Finding]:
    for match in INNER_INTERJECTION.finditer(ctx.text, start, end):
        space = match.start(2)
        yield Finding("punctuation.interjection", CATEGORY, "error", space - 1, space + 1,
                      f"Set off '{match.group(1)}' with commas.", ctx.text[space - 1] + ", ",
                      True)


def _possessive_apostrophes(ctx: CheckContext) -> Iterator[Finding]:
    for match in POSSESSIVE_APOSTROPHE.finditer(ctx.text):
        if match.group(1):
            fixed = match.group(1) + "s"
            yield Finding("punctuation.apostrophe", CATEGORY, "error", match.start(),
                          match.end(), f"No apostrophe in a possessive pronoun: '{fixed}'.",
                          fixed, True)
        else:  # its' is "its" or "it's": the writer knows which
            yield Finding("punctuation.apostrophe", CATEGORY, "error", match.start(),
                          match.end(), "Write 'its' (of it) or 'it's' (it is).")


def _lets(ctx: CheckContext, start: int, end: int) -> Iterator[Finding]:
    for match in LETS.finditer(ctx.text[start:end]):
        fixed = match.group(1)[:3] + "'s"
        yield Finding("punctuation.apostrophe", CATEGORY, "error", start + match.start(1),
                      start + match.end(1), f"'Let us' is written '{fixed}'.", fixed, True)


def _name_possessives(ctx: CheckContext, addressees: _Addressees) -> Iterator[Finding]:
    """"Links sword": a name of the story plus s, itself no name or word, before a noun, and
    not the last word of a longer name."""
    names = {w for w in addressees.words if len(w) > 2}
    tokens = ctx.work.layer("tokens")
    for before, token, following in zip(tokens, tokens[1:], tokens[2:], strict=False):
        word = ctx.work.span_text(token)
        if not word.endswith("s") or word[:-1] not in names or word in names:
            continue
        if following.get("tag") not in NOUN_TAGS or not ctx.work.span_text(following).islower():
            continue
        if before.get("tag") in ("NNP", "NNPS") and before.end + 1 == token.start:
            continue  # the last word of a name of several ("the Marx Brothers film")
        yield Finding("punctuation.name-possessive", CATEGORY, "error", token.start, token.end,
                      f"Write '{word[:-1]}'s'.", f"{word[:-1]}'s", True)


def _plural_possessives(ctx: CheckContext) -> Iterator[Finding]:
    """"the neighbours eyes": a plural noun after its determiner, right before a part of the
    body (and no noun after that): the body belongs to them, so the plural takes an
    apostrophe. A plural does not name what kind of eyes they are, as "sports car" does."""
    tokens = ctx.work.layer("tokens")
    parts = body_parts()
    for index in range(1, len(tokens) - 2):
        before, owner, part, after = tokens[index - 1 : index + 3]
        word = ctx.work.span_text(owner)
        if owner.get("tag") != "NNS" or not word.islower() or not word.endswith("s") \
                or word.endswith(("ss", "us")) or owner.get("lemma", word) == word:
            continue
        if not {ctx.work.span_text(part), part.get("lemma")} & parts \
                or part.get("tag") not in NOUN_TAGS \
                or part.start != owner.end + 1 or not _owns(owner, part, index + 1) \
                or before.get("tag") not in BEFORE_PLURAL_OWNER \
                or after.get("tag") in NOUN_TAGS | {"NNP", "NNPS"}:
            continue
        # one face is one owner's ("his mothers voice"); eyes may be one's or several's
        fixed = f"{word}'" if part.get("tag") == "NNS" else f"{owner.get('lemma')}'s"
        yield Finding("punctuation.plural-possessive", CATEGORY, "error", owner.start,
                      owner.end, f"The {ctx.work.span_text(part)} belong to them: write "
                      f"'{fixed}'.", fixed)


def _measures_worth(ctx: CheckContext) -> Iterator[Finding]:
    """"two hours worth of work", "a days worth": a plural noun right before "worth" that is
    followed by "of" or ends its clause is a measure in the possessive (hours' worth, a day's
    worth). Left alone: "coins worth a fortune", "opinions worth hearing" (worth takes an
    object: the coins are worth it)."""
    tokens = ctx.work.layer("tokens")
    for index in range(1, len(tokens) - 2):
        owner, worth, after = tokens[index : index + 3]
        word = ctx.work.span_text(owner)
        if ctx.work.span_text(worth).lower() != "worth" or owner.get("tag") != "NNS" \
                or not word.islower() or not word.endswith("s") or word.endswith(("ss", "us")) \
                or worth.start != owner.end + 1:
            continue
        following = ctx.work.span_text(after)
        if following.lower() != "of" and not (following in CLAUSE_MARKS and tokens[
                index - 1].get("tag") == "CD"):
            continue
        one = ctx.work.span_text(tokens[index - 1]).lower() in ("a", "an", "one")
        fixed = f"{owner.get('lemma') or word[:-1]}'s" if one else f"{word}'"
        yield Finding("punctuation.plural-possessive", CATEGORY, "error", owner.start,
                      owner.end, f"A measure before 'worth' is a possessive: '{fixed} worth'.",
                      fixed, True)


def _run_on_marks(ctx: CheckContext) -> Iterator[Finding]:
    """"well,this", "what?she", "the door.She": a mark with no space before the next word, in
    the story's prose. A line of chat or a text message ("kiyo: omw,see u") and a paragraph
    with no capital at all are typed as messages are, and left alone."""
    text = ctx.text
    for paragraph in ctx.prose:
        start, end = paragraph.start, paragraph.end
        if CHAT_LINE.match(text, start, end) or text[start:end].islower() \
                or ctx.in_note(start):
            continue
        web = [m.span() for m in WEB_WORD.finditer(text, start, end)]
        for match in RUN_ON_MARK.finditer(text, start, end):
            at = match.start()
            if any(a <= at < b for a, b in web):
                continue
            yield Finding("punctuation.spacing", CATEGORY, "error", at, at + 1,
                          f"Put a space after the '{text[at]}'.", text[at] + " ", True)


def _measures_of_time(ctx: CheckContext) -> Iterator[Finding]:
    """"back in four days time", "a few seconds pause": a counted plural unit of time right
    before a singular common noun measures that noun, in the possessive (days' time). Left
    alone: an adverb or adjective after the unit ("two days later", "six months pregnant"),
    and a noun that is the subject of what follows ("after three days school resumed")."""
    tokens = ctx.work.layer("tokens")
    for index in range(1, len(tokens) - 1):
        count, unit, measured = tokens[index - 1 : index + 2]
        if unit.get("tag") != "NNS" or unit.get("lemma") not in TIME_UNITS:
            continue
        word = ctx.work.span_text(unit)
        if not word.islower() or measured.get("tag") != "NN" \
                or measured.start != unit.end + 1 or measured.get("dep") in SUBJECT_DEPS \
                or not ctx.work.span_text(measured).islower():
            continue
        if count.get("tag") != "CD" and ctx.work.span_text(count).lower() not in COUNTING_WORDS:
            continue
        fixed = f"{word}'"
        yield Finding("punctuation.plural-possessive", CATEGORY, "error", unit.start, unit.end,
                      f"A measure of time before a noun is a possessive: '{fixed} "
                      f"{ctx.work.span_text(measured)}'.", fixed, True)


def _owns(owner: Span, part: Span, part_index: int) -> bool:
    """The parse hangs the plural on the body part, or reads the two as a verb's two objects
    ("caught the soldiers eyes"), which a part of the body never is."""
    return owner.get("head") == part_index or owner.get("dep") in ("dobj", "dative") \
        and part.get("dep") == "dobj" and owner.get("head") == part.get("head")


def _plural_apostrophes(ctx: CheckContext) -> Iterator[Finding]:
    """"the editor's tried to cut it", "the Tanner's were late": "the X's" is the subject of
    the verb right after it, and that verb cannot follow "is" or "has" (a plural present, a
    modal, or in narration a past form, or a participle with an object), so X is a plural."""
    tokens = ctx.work.layer("tokens")
    past = None
    for index in range(1, len(tokens) - 1):
        mark, verb = tokens[index], tokens[index + 1]
        if mark.get("tag") != "POS" or ctx.work.span_text(mark) not in ("'s", "’s") \
                or verb.start != mark.end + 1:
            continue
        noun = tokens[index - 1]
        word = ctx.work.span_text(noun)
        if noun.get("tag") not in ("NN", "NNP") or not _subject_of(tokens, index - 1, index + 1) \
                or not _after_plural_determiner(ctx, index - 1):
            continue
        if noun.get("tag") == "NNP" and (listed(word.lower()) or not word[1:].islower()):
            continue  # "the Ministry's said": an institution, not a family
        if past is None:
            past = _past_story(ctx)
        if not _cannot_follow_is_or_has(ctx, index + 1, past):
            continue
        plural = word + ("es" if word.endswith(("s", "x", "z", "ch", "sh")) else "s")
        yield Finding("punctuation.plural-apostrophe", CATEGORY, "error", noun.start, mark.end,
                      f"A plural takes no apostrophe: '{plural}'.", plural)


def _subject_of(tokens: list[Span], noun: int, verb: int) -> bool:
    """The noun (or the quantifier it follows: "most of the girl's felt") is the subject of
    the verb, or of the verb that one helps ("the Tanner's were waiting")."""
    heads = {verb}
    if tokens[verb].get("dep") in ("aux", "auxpass"):
        heads.add(tokens[verb].get("head"))
    subject = noun
    head = tokens[noun].get("head", -1)
    if tokens[noun].get("dep") == "pobj" and 0 <= head < noun \
            and tokens[head].get("lemma") == "of" and tokens[head].get("head", -1) < head:
        subject = tokens[head].get("head")
        if tokens[subject].get("lemma", "").lower() not in QUANTIFIERS:
            return False
    return tokens[subject].get("dep") in SUBJECT_DEPS and tokens[subject].get("head") in heads


def _after_plural_determiner(ctx: CheckContext, noun: int) -> bool:
    """'the' (or 'these', 'both' ...) opens the noun's phrase, adjectives between."""
    tokens = ctx.work.layer("tokens")
    index = noun - 1
    while index >= 0 and tokens[index].get("tag") in ("JJ", "NN", "NNP") \
            and tokens[index].get("head") == noun:
        index -= 1
    if index < 0 or tokens[index].get("head") != noun:
        return False
    word = ctx.work.span_text(tokens[index]).lower()
    return word in PLURAL_DETERMINERS or tokens[index].get("tag") == "CD" and word != "one"


def _past_story(ctx: CheckContext) -> bool:
    """Most finite verbs of the narration are past forms: there "the editor's tried" is no
    "has tried", a present perfect the narration does not use."""
    verbs = [t.get("tag") for t in ctx.work.layer("tokens")
             if t.get("tag") in FINITE_TAGS and ctx.in_narration(t.start, t.end)]
    return bool(verbs) and verbs.count("VBD") >= PAST_STORY_SHARE * len(verbs)


def _cannot_follow_is_or_has(ctx: CheckContext, index: int, past: bool) -> bool:
    verb = ctx.work.layer("tokens")[index]
    if verb.get("tag") in PLURAL_VERB_TAGS:
        return True
    word = ctx.work.span_text(verb).lower()
    if word in ("were", "are"):
        return True
    if word in ("was", "has", "does"):
        return False  # a singular verb: "the Tanner's was larger" (the Tanners' house)
    if not past or ctx.in_quote(verb.start) or verb.get("tag") not in ("VBD", "VBN"):
        return False  # in speech, "the baker's finished" may well be "has finished"
    if verb.get("tag") == "VBD":
        return True
    if verb.get("lemma", "").lower() in STATIVE_PARTICIPLES:
        return False
    return any(t.get("head") == index and t.get("dep") in ("dobj", "xcomp")
               for t in ctx.work.layer("tokens")[index + 1 : index + 8])


def _conjunction_commas(ctx: CheckContext) -> Iterator[Finding]:
    tokens = ctx.work.layer("tokens")
    for paragraph in ctx.prose:
        for match in CONJUNCTION_COMMA.finditer(ctx.text, paragraph.start, paragraph.end):
            subject = ctx.token_index.get(match.end())
            linker = ctx.token_index.get(match.start(2))
            if subject is None or linker is None or tokens[subject].get("dep") \
                    not in SUBJECT_DEPS or tokens[linker].get("tag") != "CC" \
                    or _noun_phrase_before(ctx, linker) \
                    or not _finite_after(ctx, tokens, subject):
                continue  # "it's a big but, you ...": a noun
            conjunction = match.group(2)
            yield Finding("punctuation.conjunction-comma", CATEGORY, "error", match.start(1),
                          match.end(3), f"Put the comma before '{conjunction}'.",
                          f", {conjunction} ", True)


def _noun_phrase_before(ctx: CheckContext, index: int) -> bool:
    """'a but', 'a big but': an article (and an adjective) make the word a noun."""
    words, tokens = ctx.token_words, ctx.work.layer("tokens")
    before = index - 1 - (tokens[index - 1].get("tag") == "JJ")
    return before >= 0 and words[before] in ("a", "an", "the")


def _finite_after(ctx: CheckContext, tokens: list[Span], subject: int) -> bool:
    """The subject's verb is finite, comes after it and goes on: a clause, not an aside
    ("and, she guessed, somehow")."""
    head = tokens[subject].get("head", -1)
    if not subject < head < len(tokens) - 1 or ctx.work.span_text(tokens[head + 1]) == ",":
        return False
    verb = tokens[head]
    return verb.get("tag") in FINITE_TAGS | {"MD"} or any(
        t.get("head") == head and t.get("tag") in FINITE_TAGS | {"MD"}
        for t in tokens[subject : head])


def _questions(ctx: CheckContext, start: int, end: int) -> Iterator[Finding]:
    for match in QUESTION.finditer(ctx.text[start:end]):
        stop = start + match.start(2)
        if ctx.text[stop - 1 : stop] == "." or ctx.text[stop + 1 : stop + 2] == ".":
            continue  # an ellipsis
        if re.search(r"\b[A-Z][a-z]{0,3}$", ctx.text[start:stop]):
            continue  # an abbreviation: Mrs. Pontellier
        if CONDITIONAL_INVERSION.match(match.group(1)):
            continue  # "Had I wings, I would fly.": a condition, then its clause
        yield Finding("punctuation.question-mark", CATEGORY, "error", stop, stop + 1,
                      "A question ends with a question mark.", "?", False)


def _tag_questions(ctx: CheckContext, start: int, end: int) -> Iterator[Finding]:
    for match in TAG_QUESTION.finditer(ctx.text, start, end):
        before = re.findall(r"[\w'’]+", ctx.text[max(start, match.start() - 12) : match.start()])
        tag = ctx.text[match.end(1) : match.end() - 1]
        skip = NOT_BEFORE_TAG_QUESTION if tag == "right" else NOT_BEFORE_NEGATIVE_TAG
        if not before or before[-1].lower() in skip:
            continue
        if tag == "right" and _right_is_asked(ctx.text[start : match.start()], before[-1]):
            continue
        at = match.start()
        yield Finding("punctuation.tag-question", CATEGORY, "warning", at - 1, at + 1,
                      f"Set off the tag question with a comma: ', {tag}?'.",
                      ctx.text[at - 1] + "," + ctx.text[at], True)


def _right_is_asked(line: str, word: str) -> bool:
    """"Was I right?", "Am I right?", "You think he's right?": 'right' is what the question
    asks about (after a subject, or in a question that opens with its verb), no tag."""
    if word.lower() in SUBJECT_PRONOUNS or re.search(r"['’](?:s|re|m)$", word):
        return True
    opening = re.split(r"[.?!…]\s+", line)[-1]
    return bool(INVERTED_QUESTION.match(opening))


def _abbreviations(ctx: CheckContext) -> Iterator[Finding]:
    matches = [m for m in ABBREVIATION.finditer(ctx.text)
               if ctx.text[m.end() : m.end() + 1] in ("", *" ,;:\n\"”'’)")]
    uses = Counter(m.group() for m in matches)
    for match in matches:
        if _story_spelling(ctx.text, match.group(), uses[match.group()]):
            continue
        yield Finding("punctuation.abbreviation", CATEGORY, "error", match.start(), match.end(),
                      f"Close the abbreviation with a full stop: '{match.group()}.'.",
                      match.group() + ".", True)


def _story_spelling(text: str, abbreviation: str, uses: int) -> bool:
    """The story writes this abbreviation so every time, never with its last stop, and it is
    no common one (a school's or a team's name in its fandom, not "L.A" or "D.C"): the
    story's own spelling of a name, as consistent spellings of names are left alone."""
    if uses < ABBREVIATION_USES or re.search(
            rf"\b{re.escape(abbreviation)}\.(?=,|[ \t]+[a-z])", text):
        return False  # written with its stop inside a sentence too ("U.A. then"): a slip
    return zipf(abbreviation) < COMMON_ABBREVIATION_ZIPF


def _participles(ctx: CheckContext) -> Iterator[Finding]:
    """'Solas said breaking the silence': a tag verb followed at once by an -ing verb."""
    tokens = ctx.work.layer("tokens")
    for verb, following in zip(tokens, tokens[1:], strict=False):
        lemma = verb.get("lemma", "").lower()
        if lemma not in TAG_LEMMAS or lemma in ASPECTUAL | GERUND_OBJECT \
                or verb.get("tag") != "VBD":
            continue
        if following.get("tag") != "VBG" or following.start != verb.end + 1:
            continue
        if ctx.in_quote(verb.start):
            continue
        yield Finding("punctuation.participle-after-tag", CATEGORY, "warning", verb.start,
                      following.end, "Put a comma between the tag and the participle.",
                      f"{ctx.work.span_text(verb)}, {ctx.work.span_text(following)}", True)


def _chat_lines(ctx: CheckContext, names: frozenset[str]) -> Iterator[tuple[int, int]]:
    """The words of a chat or script line: after a bracketed name, or a character's name,
    and a colon ("Part 2: The Garden" is a heading, no speaker)."""
    for paragraph in ctx.prose:
        match = CHAT_LINE.match(ctx.text, paragraph.start, paragraph.end)
        if match is None or ctx.in_quote(match.start(3)):
            continue
        if match.group(2) and not set(match.group(2).split()) <= names:
            continue
        yield match.start(3), match.end(3)


def _thoughts(ctx: CheckContext) -> Iterator[tuple[int, int]]:
    """Thoughts in emphasis marks and single quotes, outside speech and notes."""
    for paragraph in ctx.prose:
        for match in THOUGHT.finditer(ctx.text, paragraph.start, paragraph.end):
            if not ctx.in_quote(match.start(1)):
                yield match.start(1), match.end(1)


def _clause_tags(ctx: CheckContext, start: int, end: int) -> Iterator[Finding]:
    tokens = ctx.work.layer("tokens")
    for match in CLAUSE_TAGS.finditer(ctx.text, start, end):
        space = match.start(1)
        before = _word_start(ctx.text, space)
        index = ctx.token_index.get(before)
        if index is None or tokens[index].get("tag") not in CLAUSE_TAG_BEFORE[match.group(2)]:
            continue
        yield Finding("punctuation.tag-question", CATEGORY, "warning", space - 1, space + 1,
                      f"Set off '{match.group(2)}' with a comma.", ctx.text[space - 1] + ", ",
                      True)


def _quotation_marks(ctx: CheckContext) -> Iterator[Finding]:
    """A curly closing mark with no opening one before it in its paragraph (where the
    paragraph uses curly marks only): a stray mark, or one opened with ‘ by mistake."""
    text = ctx.text
    paragraphs = list(ctx.prose)
    for number, paragraph in enumerate(paragraphs):
        body = text[paragraph.start : paragraph.end]
        if '"' in body or _left_open(text, paragraphs[max(0, number - QUOTE_RUN) : number]):
            continue
        if opening_marks_paired(body):
            yield from _wrong_kind_closers(paragraph.start, body)
            continue
        depth = 0
        for offset, mark in ((i, c) for i, c in enumerate(body) if c in "“”"):
            depth += 1 if mark == "“" else -1
            if depth >= 0:
                continue
            opening = re.match(r"[*_ ]*‘", body)
            at = paragraph.start + (opening.end() - 1 if opening else offset)
            yield Finding("punctuation.quotation-marks", CATEGORY, "error", at, at + 1,
                          "Open this quotation with “ to match its closing ”." if opening else
                          "This closing quotation mark has no opening one.",
                          "“" if opening else "")
            break


def _left_open(text: str, paragraphs: list[Span]) -> bool:
    """A quotation opened in one of these paragraphs and not closed there: it may close in a
    later one (a poem quoted line by line)."""
    bodies = (text[p.start : p.end] for p in paragraphs)
    return any(body.count("“") > body.count("”")
               and ('"' in body or not opening_marks_paired(body)) for body in bodies)


def _wrong_kind_closers(start: int, body: str) -> Iterator[Finding]:
    """Every second “ of a paragraph that pairs them closes its quotation: with ”."""
    for number, match in enumerate(re.finditer("“", body)):
        if number % 2:
            yield Finding("punctuation.quotation-marks", CATEGORY, "error",
                          start + match.start(), start + match.end(),
                          "This mark closes the quotation: write ”.", "”", True)


def _doubled(ctx: CheckContext) -> Iterator[Finding]:
    for paragraph in ctx.prose:
        for match in DOUBLED.finditer(ctx.text, paragraph.start, paragraph.end):
            yield Finding("punctuation.doubled", CATEGORY, "error", match.start(), match.end(),
                          "One mark is enough here.", match.group(2), True)


class _Sentence:
    """One sentence's tokens by their index in the work, with each one's dependents."""

    def __init__(self, ctx: CheckContext, tokens: list[Span]) -> None:
        self.first = ctx.token_index[tokens[0].start]
        self.tokens = {self.first + i: t for i, t in enumerate(tokens)}
        self.children: dict[int, list[int]] = {}
        for index, token in self.tokens.items():
            head = token.get("head")
            if head != index and head in self.tokens:
                self.children.setdefault(head, []).append(index)

    def dependents(self, index: int, deps: frozenset[str] | set[str]) -> list[int]:
        return [j for j in self.children.get(index, ()) if self.tokens[j].get("dep") in deps]

    def leftmost(self, index: int) -> int:
        """The first token of ``index``'s phrase."""
        lowest, stack = index, [index]
        while stack:
            node = stack.pop()
            lowest = min(lowest, node)
            stack.extend(self.children.get(node, ()))
        return lowest

    def descends(self, index: int, ancestor: int) -> bool:
        seen = set()
        while index in self.tokens and index not in seen:
            if index == ancestor:
                return True
            seen.add(index)
            index = self.tokens[index].get("head")
        return False

    def finite_with_subject(self, index: int) -> bool:
        token = self.tokens[index]
        finite = token.get("tag") in FINITE_TAGS or any(
            self.tokens[j].get("tag") in FINITE_TAGS | {"MD"}
            for j in self.dependents(index, {"aux", "auxpass"}))
        return finite and token.get("pos") in ("VERB", "AUX") and bool(
            self.dependents(index, SUBJECT_DEPS))


def _relative_commas(ctx: CheckContext, addressees: _Addressees) -> Iterator[Finding]:
    """"greet Agatha who had already eaten": a character's name, then "who" heading a
    clause the parse hangs on that name. A name picks out one person, so the clause only
    adds to it. Left alone: a cleft ("It was Agatha who ..."), a name after a determiner or
    an adjective ("a Ravenclaw who", "young Tobin who"), a name in a list ("Wren and Kael
    who ..." may restrict the list), and a name no character bears."""
    tokens = ctx.work.layer("tokens")
    for index in range(1, len(tokens) - 1):
        name, who = tokens[index], tokens[index + 1]
        if ctx.work.span_text(who).lower() not in ("who", "whom", "whose") \
                or who.start != name.end + 1 or name.get("tag") != "NNP" \
                or ctx.work.span_text(name) not in addressees.names:
            continue
        clause = who.get("head", -1)
        if ctx.work.span_text(who).lower() == "whose":
            clause = tokens[clause].get("head", -1) if 0 <= clause < len(tokens) else -1
        if not 0 <= clause < len(tokens) or tokens[clause].get("dep") != "relcl" \
                or tokens[clause].get("head") != index:
            continue
        if _restricted_name(ctx, tokens, index):
            continue
        space = name.end
        yield Finding("punctuation.relative-comma", CATEGORY, "warning", space - 1, space + 1,
                      f"Set off the clause after '{ctx.work.span_text(name)}' with a comma.",
                      ctx.text[space - 1] + ", ", False)


def _restricted_name(ctx: CheckContext, tokens: list[Span], index: int) -> bool:
    """The name's phrase starts with a determiner or an adjective, is joined to another by
    "and"/"or", or is what "it was" points at (a cleft)."""
    first = index
    while first > 0 and tokens[first - 1].get("head") == index \
            or first > 0 and tokens[first - 1].get("dep") == "compound" \
            and tokens[first - 1].get("tag", "").startswith("NNP"):
        first -= 1
        if tokens[first].get("tag") in ("DT", "JJ", "PRP$", "CD") \
                or tokens[first].get("dep") in ("det", "amod", "poss"):
            return True
    name = tokens[index]
    if name.get("dep") == "conj" or any(t.get("head") == index and t.get("dep") in ("cc", "conj")
                                        for t in tokens[max(0, index - 8) : index + 8]):
        return True
    head = name.get("head", -1)
    if name.get("dep") == "attr" and 0 <= head < len(tokens):
        return any(t.get("head") == head and t.get("dep") in ("nsubj", "expl")
                   and ctx.work.span_text(t).lower() in ("it", "that", "this")
                   for t in tokens[max(0, head - 4) : head + 2])
    return False


def _semicolons(ctx: CheckContext) -> Iterator[Finding]:
    """A sentence's one semicolon with a main clause before it and, after it, no clause that
    could stand alone: a phrase ("his prime; the walls covered in ivy") or a dependent
    clause ("worried her; as long as the lamps stayed lit"). Two semicolons make a list."""
    for tokens in ctx.sentence_tokens:
        marks = [i for i, t in enumerate(tokens) if ctx.work.span_text(t) == ";"]
        if len(marks) != 1 or ctx.in_note(tokens[0].start):
            continue
        sentence = _Sentence(ctx, tokens)
        at = marks[0]
        left = range(sentence.first, sentence.first + at)
        end = next((i for i in range(at + 1, len(tokens))
                    if ctx.work.span_text(tokens[i]) in (".", "?", "!", "…", "—", ":")
                    or tokens[i].get("tag") in ("``", "''")), len(tokens))
        right = range(sentence.first + at + 1, sentence.first + end)
        words = [j for j in right if sentence.tokens[j].get("pos") not in ("PUNCT", "SPACE")]
        if len(words) < SEMICOLON_MIN_WORDS or not any(_stands_alone(sentence, j) for j in left):
            continue
        opening = sentence.tokens[words[0]]
        if opening.get("tag") == "VB" or opening.get("pos") in ("INTJ", "CCONJ") \
                or any(_main_clause(sentence, j) or _stands_alone(sentence, j)
                       or sentence.tokens[j].get("tag") == "VB"
                       and sentence.tokens[j].get("dep") in ("ROOT", "conj", "parataxis")
                       for j in right):
            continue  # a command, "; but ...", or a clause of its own after the mark
        mark = tokens[at]
        yield Finding("punctuation.semicolon", CATEGORY, "warning", mark.start, mark.end,
                      "What follows the semicolon is no sentence: a comma (or a colon before "
                      "a list or an explanation) is meant.")


def _main_clause(sentence: _Sentence, index: int) -> bool:
    """A finite verb with its subject, heading no dependent clause."""
    token = sentence.tokens[index]
    return sentence.finite_with_subject(index) and token.get("dep") not in DEPENDENT_DEPS \
        and not sentence.dependents(index, {"mark"})


def _stands_alone(sentence: _Sentence, index: int) -> bool:
    """A verb a parse may misjudge as heading a dependent clause: a finite verb with a
    subject (or with its subject implied, as a second predicate) that is not brought in by
    a word like "as", "if" or "which"."""
    token = sentence.tokens[index]
    finite = sentence.finite_with_subject(index) or token.get("tag") in FINITE_TAGS \
        and token.get("dep") not in DEPENDENT_DEPS or bool(sentence.dependents(
            index, {"csubj"}))  # "; then sat down": its subject implied; "; going sounds"
    return finite and not sentence.dependents(index, {"mark"}) \
        and token.get("dep") not in ("relcl", "acl") and not any(
            sentence.tokens[j].get("tag") in ("WDT", "WP", "WRB", "WP$")
            for j in sentence.children.get(index, ()))


def _comma_splices(ctx: CheckContext) -> Iterator[Finding]:
    for tokens in ctx.sentence_tokens:
        if not tokens or ctx.in_note(tokens[0].start):
            continue
        sentence = None
        for offset, token in enumerate(tokens):
            if ctx.work.span_text(token) != "," or ctx.in_quote(token.start):
                continue
            sentence = sentence or _Sentence(ctx, tokens)
            if _splices(ctx, sentence, offset):
                yield Finding("punctuation.comma-splice", CATEGORY, "warning", token.start,
                              token.end, "Two sentences joined by a comma: end the first with "
                              "a full stop, or join them with 'and' or a semicolon.")


def _splices(ctx: CheckContext, sentence: _Sentence, comma: int) -> bool:
    """Left of the comma a main clause, right of it another, starting with its subject, and
    the parse hangs one clause's verb on the other's."""
    first = sentence.first
    ordered = list(sentence.tokens.values())
    left, right = ordered[:comma], ordered[comma + 1 :]
    if len(left) < SPLICE_MIN_WORDS or len(right) < SPLICE_MIN_WORDS:
        return False
    opener = ctx.work.span_text(left[0]).lower()
    if left[0].get("pos") == "ADP" or left[0].get("tag") in ("VBG", "VBN") \
            or opener.endswith("ever") or any(
           t.get("dep") == "mark" or t.get("tag") in ("WDT", "WP", "WRB") or
           ctx.in_quote(t.start) or ctx.work.span_text(t) in ",;:—–-\"“”"
           for t in left):
        return False  # a subordinate clause, a relative, a quotation or a list before it
    end = next((i for i, t in enumerate(right) if ctx.work.span_text(t) in CLAUSE_MARKS),
               len(right))
    right = right[:end]
    left_verbs = {first + i for i, t in enumerate(left) if sentence.finite_with_subject(first + i)
                  and t.get("dep") not in ("relcl", "acl", "pcomp")}
    for i, token in enumerate(right):
        index = first + comma + 1 + i
        if not sentence.finite_with_subject(index) \
                or token.get("dep") not in SPLICE_DEPS | {"ROOT"}:
            continue
        if _participle(ctx, sentence, index):
            continue  # "..., a brow raised": an absolute phrase, no second sentence
        subject = min(sentence.dependents(index, SUBJECT_DEPS))
        if any(t.get("dep") in ("cc", "mark") or t.get("tag") in ("WDT", "WP", "WRB")
               for t in right[: i + 1]):
            return False
        if sentence.leftmost(subject) != first + comma + 1:
            continue  # the subject's phrase does not begin right after the comma
        lemmas = {sentence.tokens[j].get("lemma", "").lower()
                  for j in [index, *sentence.dependents(index, {"xcomp"})]}
        if len(right) <= TAG_CLAUSE_WORDS and (lemmas & (speech_verbs() | ADMITTING) or
                                                 ctx.work.span_text(token).lower() in
                                                 INNER_STATE_VERBS):
            return False  # "It was late, he thought.", "It was tense, she had to admit."
        if token.get("head") in left_verbs or any(
                v in left_verbs for v in sentence.dependents(index, SPLICE_DEPS)):
            return True
    return False


def _participle(ctx: CheckContext, sentence: _Sentence, index: int) -> bool:
    """A past form with no auxiliary that may be a participle: regular (-ed) with no object,
    or with nothing depending on it at all ("his expression downtrodden")."""
    token = sentence.tokens[index]
    if token.get("tag") != "VBD":
        return False
    deps = {sentence.tokens[j].get("dep") for j in sentence.children.get(index, ()) if j > index}
    if ctx.work.span_text(token).endswith("ed") and "dobj" not in deps:
        return True
    return not deps & VERB_COMPLEMENTS


def _subject_commas(ctx: CheckContext) -> Iterator[Finding]:
    """A comma right before a finite verb whose subject runs from the start of the sentence
    to the comma, with no other mark in it: "Everything she packed, was wet"."""
    for sentence in ctx.sentence_tokens:
        if len(sentence) < SUBJECT_MIN_WORDS + 2 or ctx.in_note(sentence[0].start):
            continue
        parse = _Sentence(ctx, sentence)
        first = parse.first
        start = next((i for i, t in enumerate(sentence) if t.get("pos") != "PUNCT"), None)
        for offset, token in enumerate(sentence[1:-1], 1):
            verb = sentence[offset + 1]
            if ctx.work.span_text(token) != "," or verb.get("tag") not in FINITE_TAGS:
                continue
            head = first + offset + 1
            if verb.get("dep") in ("aux", "auxpass"):
                head = verb.get("head")  # "was made": the subject hangs on the main verb
            subject = [j for j in parse.dependents(head, {"nsubj", "nsubjpass", "csubj"})
                       if j < first + offset]
            if start is None or not subject or offset - start < SUBJECT_MIN_WORDS:
                break
            span = [sentence[k] for k in range(start, offset)]
            if any(t.get("pos") == "PUNCT" or t.get("dep") in ("ROOT", "conj")
                   and t.get("tag") in FINITE_TAGS for t in span) or not all(
                    parse.descends(first + k, subject[0]) for k in range(start, offset)):
                break
            if not any(t.get("tag") in FINITE_TAGS | {"MD"} for t in span):
                break  # no clause in the subject: the slip comes with a long, clausal one
            after = sentence[offset + 2 :]
            if len(after) > 1 and after[0].get("dep") == "neg" and after[1].get("tag") == "PRP" \
                    or sum(
                    t.get("pos") != "PUNCT" for t in after) == 0 or any(
                    t.get("head") == head and t.get("dep") in SUBJECT_DEPS for t in after):
                break  # "..., happened.": emphasis; "..., isn't it?"; "..., was another"
            yield Finding("punctuation.subject-comma", CATEGORY, "warning", token.start,
                          token.end, "No comma between the subject and its verb.", "", False)
            break


def _tag_semicolons(ctx: CheckContext) -> Iterator[Finding]:
    tags = speech_verbs() | ADMITTING | {"decide", "think", "wonder", "realize", "realise"}
    for paragraph in ctx.prose:
        for match in TAG_AFTER_SEMICOLON.finditer(ctx.text, paragraph.start, paragraph.end):
            index = ctx.token_index.get(match.start(1))
            if index is None or ctx.work.layer("tokens")[index].get("lemma", "").lower() \
                    not in tags:
                continue
            yield Finding("punctuation.tag-semicolon", CATEGORY, "warning", match.start(),
                          match.start() + 1, "A tag follows its clause after a comma.", ",",
                          True)
