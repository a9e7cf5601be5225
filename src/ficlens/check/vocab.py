"""Word lists the checks share: speech verbs, action beats, inner-state verbs, pronouns."""

from ficlens.lexicon import speech_verb_forms

# Every written form of the one list of verbs of saying (lexicon/data/speech_verbs.tsv).
SPEECH_VERBS = speech_verb_forms()

ACTION_BEATS = frozenset("""
smiled smiles grinned grins nodded nods shrugged shrugs frowned frowns winked winks smirked
smirks beamed beams blushed blushes scowled scowls glared glares grimaced grimaces pouted pouts
""".split())

SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "you", "it"})
# People a verb acts on ("it" left out: the rules that use it look for a person).
OBJECT_PRONOUNS = frozenset({"me", "him", "her", "us", "them", "you"})

INNER_STATE_VERBS = frozenset("""
think thought thinks wonder wondered wonders feel felt feels know knew knows realize realized
realizes realise realised realises want wanted wants hope hoped hopes fear feared fears
remember remembered remembers wish wished wishes decide decided decides love loved loves
hate hated hates worry worried worries believe believed believes regret regretted regrets
""".split())

FILTER_VERBS = frozenset("""
saw heard felt noticed realized realised watched seemed decided wondered knew looked sensed
""".split())

# Verbs of saying (ficlens.lexicon.speech_verbs) that also name an action, a sound or a
# thought, so a capital before them may start a sentence of its own ("Fine." He went out.).
TAG_ACTIONS = frozenset("""
nod smile grin laugh sigh sob gasp chuckle giggle breathe groan moan pant sniff scoff whimper
go put point think write lie note offer order reflect recall wonder sing object reason pursue
return begin call cry echo correct counter rage thunder mock soothe
reassure remind urge greet persist resume venture
""".split())

# Those action verbs with the particle that makes them speech ("She called out.", "He cried
# out."): as a tag they are verbs of saying again.
PHRASAL_TAGS = frozenset({("call", "out"), ("cry", "out"), ("sing", "out"), ("call", "back")})

# English irregular verbs: (past, past participle, plain form), for "had went" -> "had gone"
# and "could chose" -> "could choose" (check/usage.py skips, after a modal, the past forms
# that are also a plain form: we could saw the log).
VERB_FORMS = tuple(tuple(row.split(",")) for row in """
went,gone,go came,come,come ran,run,run did,done,do saw,seen,see took,taken,take
gave,given,give wrote,written,write spoke,spoken,speak broke,broken,break chose,chosen,choose
ate,eaten,eat drank,drunk,drink began,begun,begin sang,sung,sing swam,swum,swim rode,ridden,ride
drove,driven,drive flew,flown,fly grew,grown,grow knew,known,know threw,thrown,throw
froze,frozen,freeze stole,stolen,steal woke,woken,wake shook,shaken,shake hid,hidden,hide
bit,bitten,bite forgot,forgotten,forget rose,risen,rise wore,worn,wear tore,torn,tear
blew,blown,blow drew,drawn,draw fled,fled,flee sank,sunk,sink rang,rung,ring
shrank,shrunk,shrink sprang,sprung,spring stank,stunk,stink
""".split())

# Verbs of motion that take the particle "off" and never "of" (rolled off his tongue).
MOTION_VERBS = frozenset("""
roll rolled rolls rolling fall falls falling fell fallen jump jumped jumps jumping push pushed
pull pulled slid slide slides sliding step stepped hop hopped drop dropped knock knocked brush
brushed shook shake shakes kicked kick slipped slip peel peeled tipped toppled climbed climb
wiped wipe scraped scrape bounced stormed ripped rip shoved shove dusted flew sprang leapt leaped
tumbled tumble
""".split())

# Contractions as typed without their apostrophe, where the bare form is no other word
# ("cant" and "wont" are rare words of their own; "ill", "well", "were", "id" are left alone).
CONTRACTIONS = {bare: full for full in """
don't doesn't didn't isn't wasn't weren't aren't couldn't wouldn't shouldn't haven't hasn't
hadn't mustn't needn't ain't can't won't I'm I've you're you've you'll they're they've they'll
that's what's where's there's here's she's he's we've it'll would've could've should've
""".split() for bare in [full.replace("'", "").lower()]}

# Verbs of perceiving and causing that take an object and a bare infinitive ("heard them
# say", "let him go", "made her laugh"): the infinitive after them agrees with nothing and
# is no present tense.
BARE_INFINITIVE_HEADS = frozenset({"see", "watch", "hear", "overhear", "feel", "notice",
                                   "observe", "make", "let", "help", "have", "bid"})

# Part-of-speech tags (Penn Treebank) and dependency labels of the parse that checks share.
COMMON_NOUN_TAGS = frozenset({"NN", "NNS"})
FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Units of time: "three days' time", "two weeks' notice" measure what follows in the possessive.
TIME_UNITS = frozenset("second minute hour day night week month year decade century".split())
# Verbs whose past is their bare form ("Mara put it down" may be past): no sign of a command.
SAME_FORM_PASTS = frozenset("""bet bid burst cast cost cut fit hit hurt let put quit read rid set
shed shut slit split spread thrust upset wet""".split())
# Words that count a plural: "a few", "several", a number.
COUNTING_WORDS = frozenset("few several many couple".split())
