"""Word lists the checks share: speech verbs, action beats, inner-state verbs, pronouns."""

SPEECH_VERBS = frozenset("""
said says say asked asks answered answers replied replies whispered whispers muttered mutters
murmured murmurs shouted shouts yelled yells called calls cried cries added adds continued
continues told tells exclaimed exclaims screamed screams snapped snaps stated states responded
responds began begins demanded demands begged begs pleaded pleads insisted insists repeated
repeats offered offers admitted admits agreed agrees argued argues breathed breathes
mumbled mumbles stammered stammers stuttered stutters questioned questions suggested suggests
warned warns teased teases joked jokes wondered wonders announced announces explained explains
protested protests interrupted interrupts corrected corrects promised promises confessed
confesses hissed hisses growled growls choked chokes sobbed sobs laughed laughs sighed sighs
""".split())

ACTION_BEATS = frozenset("""
smiled smiles grinned grins nodded nods shrugged shrugs frowned frowns winked winks smirked
smirks beamed beams blushed blushes scowled scowls glared glares grimaced grimaces pouted pouts
""".split())

SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "you", "it"})

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
