"""Scenes, narrative person and focal character (stage ``ficlens.pov``) on small stories.

The characters, mentions and quotes layers are built by hand here, as the characters and
quotes stages would, so these tests do not depend on those stages; the seed tests at the
end run the real pipeline.
"""

from __future__ import annotations

import re

import ficlens.pov as pov
from ficlens.document import Span, Work
from ficlens.nlp import spacy_stage
from ficlens.pipeline import analyze

BREAK_LINE = re.compile(r"^\*\*\*$", re.MULTILINE)
PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")
QUOTE = re.compile(r'"[^"\n]*"')


def make_work(text: str, cast: dict[str, tuple[str, list[str]]], labels: bool = False) -> Work:
    """A Work with segmentation, spaCy layers and a hand-made cast.

    ``cast`` maps a character id to (gender, names); every name occurrence becomes a mention.
    """
    work = Work(text)
    breaks = [Span(m.start(), m.end(), {"marker": "***"}) for m in BREAK_LINE.finditer(text)]
    povs = [
        Span(m.start(), m.end(), {"name": m.group(1)})
        for m in re.finditer(r"^(\w+)'?s? POV$", text, re.MULTILINE)
    ]
    notes = [
        Span(m.start(), m.end(), {"kind": "author_note"})
        for m in re.finditer(r"^A/N:.*$", text, re.MULTILINE)
    ]
    work.add_layer("paragraphs", [Span(m.start(), m.end()) for m in PARAGRAPH.finditer(text)])
    work.add_layer("scene_breaks", breaks)
    work.add_layer("pov_labels", povs if labels else [])
    work.add_layer("notes", notes)
    spacy_stage.run(work)
    work.set_table(
        "characters",
        [
            {"id": cid, "name": names[0], "aliases": names, "gender": g}
            for cid, (g, names) in cast.items()
        ],
    )
    mentions = [
        Span(m.start(), m.end(), {"character": cid, "kind": "proper"})
        for cid, (_, names) in cast.items()
        for name in names
        for m in re.finditer(rf"\b{re.escape(name)}\b", text)
    ]
    work.add_layer("mentions", mentions)
    return work


def add_quotes(work: Work, speaker_of) -> None:
    """A hand-made quotes layer; ``speaker_of(text_after_quote)`` names the speaker."""
    spans = []
    for m in QUOTE.finditer(work.text):
        after = work.text[m.end() : m.end() + 20]
        spans.append(Span(m.start(), m.end(), {"speaker": speaker_of(after), "speech": True}))
    work.add_layer("quotes", spans)


def scenes_of(work: Work) -> list[dict]:
    pov.run(work)
    return [s.to_dict() for s in work.layer("scenes")]


FIRST_PERSON = """\
I never meant to stay in Harlow past the summer. I had a bus ticket in my coat pocket and a \
list of reasons to leave, and I read the list every night before I slept.

"You're still here," Sam said when I walked into the bakery on Monday.

"I noticed," I said. I wanted to sound dry, but my voice cracked on the second word, and I \
hated that he heard it.

He slid a cinnamon roll across the counter. I knew what he was doing. He had been feeding me \
since June, as if pastry could keep a person in a town.

"Eat," Sam said.

I ate. I thought about the ticket, and about my mother's empty house, and I wondered when I \
had started to think of this counter as mine. I felt the answer before I could name it, and it \
scared me more than the bus did.
"""


def test_first_person_story_has_a_first_person_narrator() -> None:
    work = make_work(FIRST_PERSON, {"C0": ("female", ["Nora"]), "C1": ("male", ["Sam"])})
    add_quotes(work, lambda after: "C1" if "Sam" in after else "C0")
    [scene] = scenes_of(work)
    assert scene["person"] == "first"
    assert scene["mode"] == "first"
    assert scene["focal"] == "C0"  # the speaker of the quotes tagged "I said"
    assert work.tables["pov_switches"] == []


MAYA_THEN_JONAH = """\
A/N: Thanks to my beta for reading this twice!

Maya hated the night shift. She counted the monitors as they blinked, and she thought about \
the letter she had not opened. Her heart ached whenever she looked at her phone. She wondered \
whether Jonah had already left the city, and she realized she did not want to know.

When the ward went quiet, Maya felt the old fear come back. She remembered the last time she \
had seen him, at the station, and she wished she had said something braver.

***

Jonah stood on the platform with a bag he had packed twice. He knew the train was late. He \
wondered if Maya was awake, and he hoped she was not thinking of him, because he was thinking \
of her, and that felt like more than enough for both of them.

He remembered her laugh in the hospital corridor. He felt foolish for remembering it. When the \
train finally came, Jonah realized he did not want to get on.
"""


def test_pov_switches_at_a_scene_break() -> None:
    work = make_work(MAYA_THEN_JONAH, {"M": ("female", ["Maya"]), "J": ("male", ["Jonah"])})
    scenes = scenes_of(work)
    assert [s["focal"] for s in scenes] == ["M", "J"]
    assert [s["mode"] for s in scenes] == ["third_limited", "third_limited"]
    assert [s["source_of_break"] for s in scenes] == ["start", "scene_break"]
    assert all(s["person"] == "third" for s in scenes)
    assert not any("Thanks to my beta" in work.text[s["start"] : s["end"]] for s in scenes)
    [switch] = work.tables["pov_switches"]
    assert (switch["from"], switch["to"], switch["scene"]) == ("M", "J", 2)
    assert switch["offset"] == scenes[1]["start"]
    cues = work.layer("pov_cues")
    assert {c["character"] for c in cues} == {"M", "J"}


def test_pov_label_names_the_focal_character() -> None:
    text = MAYA_THEN_JONAH.replace("***\n\n", "***\n\nMaya's POV\n\n")
    work = make_work(text, {"M": ("female", ["Maya"]), "J": ("male", ["Jonah"])}, labels=True)
    scenes = scenes_of(work)
    assert scenes[1]["source_of_break"] == "pov_label"
    assert scenes[1]["focal"] == "M"  # the label wins over the cues


ELENA_TIME_JUMP = """\
Elena kept the shop open late on Thursdays because nobody else on Weaver Street did. She liked \
the quiet after six, when the bell over the door stopped ringing and she could hear the radiator \
tick. She thought of the shop as a kind of lighthouse, though she would never have said so \
aloud, and she knew her brother would laugh if she did.

She wanted the place to pay for itself by spring. She worried about the rent, about the roof, \
about the boxes of second-hand atlases nobody seemed to want. When she balanced the ledger she \
felt her stomach tighten, and she wondered whether she had been foolish to sign the lease at \
all. Her brother had told her it was a mistake, and she remembered the exact tone of his voice.

Still, there were evenings that made it worth it. A girl came in once and spent an hour with a \
book of maps of the moon, and Elena watched her trace the craters with one finger. She hoped \
the girl would come back. She felt, for the length of that hour, that she had built something \
that mattered, even if it was small and even if it leaked when it rained.

On the last Thursday of the winter she stayed until midnight, sorting a crate of postcards from \
a house clearance. She noticed that half of them were addressed to the same woman, and she \
imagined a whole life from the handwriting alone: a sister by the sea, a husband who travelled, \
a garden that never quite grew. She decided to keep the postcards in a drawer behind the counter, \
where she could read them on slow afternoons, and she felt better than she had in weeks.

She locked up at last and walked home along the canal. The water was black and still, and she \
felt the cold in her fingers through her gloves. She thought about the woman on the postcards, \
and she hoped someone had written back to her. At the bridge she stopped to look at the lights \
of the mill, and she knew, without quite deciding it, that she would not give the shop up.

Two years later, Elena stood in the same doorway and watched the street. The shop had a new \
sign and a new roof, and she realized she no longer worried about the rent. She thought of the \
postcards in the drawer and smiled, because she knew exactly where they were. She still kept \
the shop open late on Thursdays. She wondered whether the girl with the moon maps would ever \
come back, and she hoped, a little, that she would.

At closing time she turned the sign and counted the till. A boy with a school bag knocked on \
the glass, breathless, asking for a book about lighthouses. Elena laughed and let him in, and \
she felt, as she had on that winter night, that the shop was exactly where she was meant to be.
"""


def test_unmarked_time_jump_splits_a_third_limited_story() -> None:
    work = make_work(ELENA_TIME_JUMP, {"E": ("female", ["Elena"])})
    scenes = scenes_of(work)
    assert [s["source_of_break"] for s in scenes] == ["start", "time_jump"]
    assert work.text[scenes[1]["start"] :].startswith("Two years later")
    assert [s["focal"] for s in scenes] == ["E", "E"]
    assert [s["mode"] for s in scenes] == ["third_limited", "third_limited"]
    assert work.tables["pov_switches"] == []
    jumps = [e for e in work.tables["timeline"] if e["kind"] == "jump"]
    assert [(e["text"], e["scene"], e["days"]) for e in jumps] == [("Two years later", 2, 730.5)]


def test_time_jump_too_early_in_a_scene_does_not_split() -> None:
    # the jump opens the second paragraph: too little story before it to end a scene
    paragraphs = ELENA_TIME_JUMP.split("\n\n")
    text = "\n\n".join([paragraphs[0], paragraphs[-1]])
    work = make_work(text, {"E": ("female", ["Elena"])})
    assert [s["source_of_break"] for s in scenes_of(work)] == ["start"]


THEO_THEN_IRIS = """\
Theo found the telegram on the hall table when he came in from the rain. He knew the handwriting \
on the envelope at once and felt his chest tighten. He thought about leaving it there until \
morning. He wanted, very badly, not to know what it said, and he hated himself a little for \
wanting that. Outside, a cart went past with its lamp swinging, and he watched it go until the \
light was gone.

He carried it into the study instead and sat down without taking off his coat. He remembered \
the last letter from his father, all instructions and no warmth, and he wondered whether this \
one would be any different. He realized his hands were shaking. He noticed the clock on the \
mantel had stopped at ten past four, and he felt absurdly grateful for something to fix.

When he finally opened it, the message was four lines long. He read it twice. He understood \
every word and none of them. He thought of the farm, of the orchard his father had planted the \
year he was born, and he knew that he would have to go back, whatever Iris said about it. He \
decided to tell her in the morning. He feared what her face would do when he told her, and he \
sat in the dark study long after the fire had burned down, listening to the rain.

He heard her footsteps on the landing once, and he held his breath until they passed. He \
thought of the first winter they had spent in this house, when the boiler failed and they slept \
in their coats by the kitchen range. He remembered how she had laughed at him for reading the \
instructions aloud, and he wished, more than anything, that he could make her laugh like that \
tomorrow, before he told her that they would have to leave.

Curled up on the window seat upstairs, Iris wondered why Theo had not come to bed. She had heard \
the front door and his slow steps in the hall, and she knew something had happened. She felt the \
cold of the glass through her nightgown. She thought about going down to him and decided against \
it, because she remembered how he hated to be found before he was ready.

She watched the rain run down the window and counted the streetlamps. She hoped it was not his \
father again. She realized, with a small shock, that she already knew it was. She wanted to be \
angry and found she was only tired, and she pulled the blanket over her knees and waited for the \
light to come.
"""


def test_setting_shift_to_another_mind_is_an_unmarked_break() -> None:
    work = make_work(THEO_THEN_IRIS, {"T": ("male", ["Theo"]), "I": ("female", ["Iris"])})
    scenes = scenes_of(work)
    assert [s["source_of_break"] for s in scenes] == ["start", "setting_shift"]
    assert work.text[scenes[1]["start"] :].startswith("Curled up on the window seat")
    assert [s["focal"] for s in scenes] == ["T", "I"]
    assert work.tables["pov_switches"][0]["source_of_break"] == "setting_shift"


HEAD_HOPPING = """\
Clara thought the dinner was going well. She felt proud of the soup. Ben wondered why she kept \
looking at the clock, and he worried that she was bored. Clara knew he was nervous and she \
hoped he would relax. Ben felt the silence stretch and he wished he had brought wine. Clara \
noticed his hands and she realized he was trying hard. Ben thought she looked lovely and he \
decided to say so.
"""


def test_several_minds_with_similar_weight_is_omniscient() -> None:
    work = make_work(HEAD_HOPPING, {"C": ("female", ["Clara"]), "B": ("male", ["Ben"])})
    [scene] = scenes_of(work)
    assert scene["mode"] == "omniscient"
    assert scene["focal"] is None
    assert set(scene["minds"]) == {"C", "B"}
    assert len(scene["focal_runs"]) >= 1


SLASH = """\
Eli watched Jonah cross the yard with the ladder. Eli had not slept. He wondered how long Jonah \
had been awake, and he felt the old ache when Jonah laughed at the gulls. Jonah called up to \
Eli. He hoped Jonah could not see his face. He knew he should go down and help, and he wanted \
to stay exactly where he was. Eli waved back. Jonah shouted something about the gutters. He \
smiled, and Eli smiled too.
"""


def test_coref_layer_decides_between_two_he_leads() -> None:
    work = make_work(SLASH, {"E": ("male", ["Eli"]), "J": ("male", ["Jonah"])})
    he = re.compile(r"\b[Hh]e\b")
    work.add_layer(
        "coref",
        [Span(m.start(), m.end(), {"character": "E", "pronoun": "he"}) for m in he.finditer(SLASH)],
    )
    [scene] = scenes_of(work)
    assert (scene["mode"], scene["focal"]) == ("third_limited", "E")
    assert scene["minds"]["E"] > 3 * scene["minds"].get("J", 0)


def test_coref_decides_only_where_the_pov_convention_cannot() -> None:
    # Maya's scene: a coref model that says every "she" is Rosa loses to the convention that
    # the POV character is the scene's default "she", however sure it claims to be ...
    cast = {"M": ("female", ["Maya"]), "J": ("male", ["Jonah"]), "R": ("female", ["Rosa"])}
    text = MAYA_THEN_JONAH.split("***")[0]
    work = make_work(text, cast)
    attrs = {"character": "R", "pronoun": "she", "confidence": 0.95}
    she = [Span(m.start(), m.end(), dict(attrs)) for m in re.finditer(r"\b[Ss]he\b", text)]
    work.add_layer("coref", she)
    assert scenes_of(work)[0]["focal"] == "M"
    # ... but once the narration names Rosa as often as Maya, it is the coref stage's call.
    text = text.replace("the monitors", "the monitors with Rosa").replace(
        "to know.", "to know. Rosa watched her. Rosa waited."
    )
    work = make_work(text, cast)
    she = [Span(m.start(), m.end(), dict(attrs)) for m in re.finditer(r"\b[Ss]he\b", text)]
    work.add_layer("coref", she)
    assert scenes_of(work)[0]["focal"] == "R"


SECOND_PERSON = """\
You wake before the alarm and lie still, listening to the rain on the skylight. You know the \
interview is at nine. You think about the blue shirt, the one your sister ironed, and you \
wonder whether it still fits. Your phone buzzes twice. You let it.
"""


def test_second_person_story() -> None:
    work = make_work(SECOND_PERSON, {"S": ("female", ["June"])})
    [scene] = scenes_of(work)
    assert (scene["person"], scene["mode"]) == ("second", "second")


def test_without_characters_nobody_is_focal() -> None:
    work = make_work(MAYA_THEN_JONAH, {})
    scenes = scenes_of(work)
    assert [s["focal"] for s in scenes] == [None, None]
    assert [s["mode"] for s in scenes] == [None, None]
    assert [s["person"] for s in scenes] == ["third", "third"]


def test_with_the_real_segmentation_stage() -> None:
    """The same story through the real ``segment`` stage: its layers drive the scenes."""
    text = MAYA_THEN_JONAH.replace("***\n\n", "***\n\nJonah's POV\n\n")
    work = Work(text)
    analyze(work, ["segment", "nlp"])
    cast = {"M": ("female", ["Maya"]), "J": ("male", ["Jonah"])}
    work.set_table(
        "characters",
        [{"id": c, "name": n[0], "aliases": n, "gender": g} for c, (g, n) in cast.items()],
    )
    work.add_layer(
        "mentions",
        [
            Span(m.start(), m.end(), {"character": c, "kind": "proper"})
            for c, (_, names) in cast.items()
            for m in re.finditer(names[0], text)
        ],
    )
    scenes = scenes_of(work)
    assert [s["focal"] for s in scenes] == ["M", "J"]
    assert scenes[1]["source_of_break"] in ("pov_label", "scene_break")
    assert not any("beta" in work.text[s["start"] : s["end"]] for s in scenes)


# -- seeds: the real pipeline, end to end ---------------------------------------------------

def _seed_scenes(path) -> list[tuple[str | None, str | None, list[str | None]]]:
    """(mode, focal first name, first names of the focal runs) per scene of a seed story."""
    from ficlens.ingest import read_path

    work = analyze(read_path(path))
    names = {c["id"]: c["name"].split()[0] for c in work.tables["characters"]}
    return [
        (s["mode"], names.get(s["focal"]), [names.get(r["focal"]) for r in s["focal_runs"]])
        for s in work.layer("scenes")
    ]


def test_seed_003_follows_peyton_then_lucas(seed_texts) -> None:
    # her summary and her dramatised morning are two scenes now, both hers
    focal = [f for _, f, _ in _seed_scenes(seed_texts["003"])]
    strands = [f for i, f in enumerate(focal) if i == 0 or f != focal[i - 1]]
    assert strands[:2] == ["Peyton", "Lucas"]


def test_seed_002_opens_in_lucas_head(seed_texts) -> None:
    # his plans, his job; then "He was excited and happy for her" between two pieces of his line
    scenes = _seed_scenes(seed_texts["002"])
    assert scenes[0][:2] == ("third_limited", "Lucas")


def test_seed_004_follows_lucas_then_peyton_then_alternates(seed_texts) -> None:
    scenes = [s for s in _seed_scenes(seed_texts["004"]) if s[2]]  # scenes with some inner life
    focal = [f for _, f, _ in scenes]
    assert focal[0] == "Lucas"
    peyton_at = focal.index("Peyton")
    assert set(focal[:peyton_at]) == {"Lucas"}
    # then alternates: back to Lucas in a later scene, or heads hopping inside one
    later = scenes[peyton_at + 1 :]
    runs = [run for _, _, scene_runs in later for run in scene_runs]
    assert "Lucas" in focal[peyton_at:] or {"Lucas", "Peyton"} <= set(runs)


SPLIT_QUOTES = """\
The letter from the conservatory came on a Tuesday, and Kit read it twice at the table.

"Kit, that's wonderful!" Nora was thrilled for him, and she felt proud. "You have to go."

"What about you?" he asked.

"I'll manage," she said. She wondered how, and she knew he would see it in her face.
"""


def test_narration_between_the_pieces_of_a_split_quote_reports_a_mind() -> None:
    work = make_work(SPLIT_QUOTES, {"N": ("female", ["Nora"]), "K": ("male", ["Kit"])})
    text = work.text
    spans = []
    for m in QUOTE.finditer(text):
        spans.append(Span(m.start(), m.end(), {"speaker": "N", "speech": True}))
    first, second = spans[0], spans[1]  # one quote, split by "Nora was thrilled ..."
    split = Span(first.start, second.end, {"speaker": "N", "speech": True,
                                           "parts": [[first.start, first.end],
                                                     [second.start, second.end]]})  # fmt: skip
    work.add_layer("quotes", [split, *spans[2:]])
    [scene] = scenes_of(work)
    felt = text.index("felt")  # between the two pieces of Nora's first line
    assert any(c.start == felt and c["character"] == "N" for c in work.layer("pov_cues"))
    assert scene["focal"] == "N"
