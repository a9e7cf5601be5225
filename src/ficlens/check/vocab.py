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
