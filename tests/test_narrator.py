"""Narrators and readers on small stories written for these tests: a first-person narrator
who names herself, a narrator whose chapter is followed by third-person ones, and a
second-person reader-insert whose "you" speaks."""

from __future__ import annotations

from ficlens.document import Work
from ficlens.pipeline import analyze

STAGES = ["segment", "nlp", "characters", "quotes"]

SELF_NAMED = """My name is Marisol Quint, and I have worked the night desk at the Harbor Inn for
eleven years. I know every creak of its stairs.

The bell rang at midnight. I looked up from my ledger and saw a tall man in a wet coat.

"Do you have a room?" Theo Lark asked. He shook the rain from his hat.

"One left," I said. "It faces the harbor, so it gets loud when the boats come in."

Theo signed the card. I handed him the key and watched him climb the stairs.

"Thank you, Marisol," Theo said from the landing.

"Breakfast is at seven," I told him.
"""

CHAPTERS = """Chapter 1

I met Oskar Brandt on the first day of the war. I was nineteen and afraid of everything. I
remember the smell of the rain on the tents and the way my hands shook when I wrote home.

"You'll do, Pell," he told me, and I believed him, because I wanted to.

I wrote to him for thirty years after that, and I kept every one of his answers in a box
under my bed. I still read them when I cannot sleep. I think I always will.

— Jonah Pell

Chapter 2

Oskar Brandt sat alone in the kitchen of the farmhouse. The letters lay in a pile before
him, tied with string. He untied them slowly and spread them over the table.

Mary came in with the lamp. She set it down beside the letters and looked at him.

"You kept them all," she said.

"Every one," Oskar said. He picked up the top letter and turned it over in his hands.

"Will you write back to him?" Mary asked. She pulled out a chair and sat across from him.

"Tomorrow," he said. He folded the letter along its old creases and put it in his pocket.

Mary watched the lamp flicker. The wind pushed at the shutters and the dog barked outside.
"""

READER = """You pushed the door of the bakery open and the little bell rang over your head.
The shop was warm and smelled of cinnamon. You shook the snow off your scarf and looked
around for the owner.

A woman with flour on her apron came out of the back room. She wiped her hands and smiled.

"We're closing soon," she said. "But there's bread left."

"I only need one loaf," you said, pointing at the window.

"Y/N? Is that you?" She leaned over the counter and squinted at you.

"Hi, Wren," you whispered. You had not seen her since school.

"Sit down, Y/N," Wren said, laughing. "I'll make us some tea."

You sat at the little table by the window and watched her fill the kettle. Your hands
were still cold, so you wrapped them around your scarf and told yourself you would stay
for one cup only. You knew you were lying to yourself.
"""


def _speakers(work: Work) -> list[str | None]:
    names = {c["id"]: c["name"] for c in work.tables["characters"]}
    return [names.get(q["speaker"]) for q in work.layer("quotes") if q["speech"]]


def test_a_first_person_narrator_who_names_herself_is_that_character() -> None:
    work = analyze(Work(SELF_NAMED), STAGES)
    narrators = [c for c in work.tables["characters"] if c.get("narrator")]
    assert [c["name"] for c in narrators] == ["Marisol Quint"]
    assert not any(c["name"] == "the narrator" for c in work.tables["characters"])
    speakers = _speakers(work)
    assert speakers == ["Theo Lark", "Marisol Quint", "Theo Lark", "Marisol Quint"]


def test_a_signed_first_person_chapter_names_its_narrator_and_keeps_him_there() -> None:
    work = analyze(Work(CHAPTERS), STAGES)
    narrator = next(c for c in work.tables["characters"] if c.get("narrator"))
    assert narrator["name"] == "Jonah Pell"
    assert "Pell" in narrator["aliases"]
    chapter_two = work.text.index("Chapter 2")
    assert narrator["narrates"] and all(e <= chapter_two + 1 for _s, e in narrator["narrates"])
    later = [q for q in work.layer("quotes") if q["speech"] and q.start > chapter_two]
    assert later and all(q["speaker"] != narrator["id"] for q in later)


def test_a_reader_insert_reader_is_a_character_who_speaks_and_is_addressed() -> None:
    work = analyze(Work(READER), STAGES)
    reader = work.tables["characters"][0]
    assert (reader["name"], reader["kind"], reader.get("person")) == ("Reader", "reader", 2)
    assert "Y/N" in reader["aliases"]
    speakers = _speakers(work)
    assert speakers[1] == speakers[3] == "Reader"
    assert speakers[0] == speakers[4] == "Wren"
    sit_down = [q for q in work.layer("quotes") if q["speech"]][4]
    assert sit_down["addressee"] == reader["id"]


def test_a_third_person_story_has_no_reader() -> None:
    work = analyze(Work(SELF_NAMED.replace("I ", "she ").replace("my ", "her ")),
                   ["segment", "nlp", "characters"])
    assert not any(c["kind"] == "reader" for c in work.tables["characters"])


CHAT = """Nell logged into the guild server after dinner. The voice channel was empty, so she
opened the private messages instead.

Marcus Vane was already online. Marcus sent her a private message.

StormCrow: you up for the raid tonight?

LanternFox: only if we start before ten

StormCrow: deal. bring potions

LanternFox: always do

Ivy Hart (QuietThorn) has signed in.

QuietThorn: am I late?

LanternFox: right on time

QuietThorn: good, I brought snacks

Nell laughed and put her headset on.
"""

LETTER = """Daniel found the envelope under his door on Monday morning. He knew the handwriting
at once and sat down on the stairs to read it.

Dear Daniel,

The orchard is in bloom again and the bees have come back. Mother asks after you every
Sunday. I told her you would write when the harvest is in.

Please come home before the winter.

Love,
Elena

He read it twice, then folded it and put it in his coat.
"""


def _documents(story: str) -> tuple[Work, dict[str, str]]:
    work = analyze(Work(story), ["segment", "nlp", "characters"])
    names = {c["id"]: c["name"] for c in work.tables["characters"]}
    return work, names


def test_a_chat_log_is_a_document_of_messages_attributed_to_their_writers() -> None:
    work, names = _documents(CHAT)
    messages = work.layer("documents")
    assert [work.text[m.start : m.end] for m in messages][:2] == [
        "you up for the raid tonight?", "only if we start before ten"]
    assert {m["kind"] for m in messages} == {"chat"}
    assert [m["writer_name"] for m in messages] == [
        "StormCrow", "LanternFox", "StormCrow", "LanternFox", "QuietThorn", "LanternFox",
        "QuietThorn"]
    writers = {m["writer_name"]: names.get(m["writer"]) for m in messages}
    # the lead-in says who sent the first message; the sign-in line glosses a screen name
    assert writers["StormCrow"] == "Marcus Vane"
    assert writers["QuietThorn"] == "Ivy Hart"
    assert messages[0]["addressee_name"] == "LanternFox"
    assert len({m["document"] for m in messages}) == 2
    assert not any(q["speech"] for q in work.layer("quotes"))


def test_a_letter_with_a_salutation_and_a_signature_is_attributed_to_its_signer() -> None:
    work, names = _documents(LETTER)
    letters = work.layer("documents")
    assert len(letters) == 1
    letter = letters[0]
    assert letter["kind"] == "letter"
    assert work.text[letter.start : letter.end].startswith("Dear Daniel,")
    assert work.text[letter.start : letter.end].endswith("Elena")
    assert (letter["writer_name"], letter["addressee_name"]) == ("Elena", "Daniel")
    assert names.get(letter["addressee"]) == "Daniel"


def test_field_lists_and_plain_prose_hold_no_documents() -> None:
    fields = "Rating: Teen\nFandom: Mine\nWords: 900\n\nSam walked home. She was tired.\n"
    work, _names = _documents(fields + SELF_NAMED)
    assert work.layer("documents") == []


def test_a_reader_inserts_narration_you_is_the_reader_in_coreference() -> None:
    work = analyze(Work(READER), [*STAGES, "coref"])
    reader = work.tables["characters"][0]["id"]
    narration_you = [s for s in work.layer("coref")
                     if s["pronoun"] in ("you", "your") and not s["in_quote"]]
    assert narration_you and all(s["character"] == reader for s in narration_you)


def test_readers_narrators_and_documents_validate_against_the_schema() -> None:
    from ficlens.schema import validation_errors

    for story in (READER, CHAPTERS, CHAT + LETTER):
        document = analyze(Work(story), ["segment", "nlp", "characters"]).to_dict()
        assert validation_errors(document) == []
        assert "documents" in document["span_layers"]


def test_someone_elses_name_after_im_does_not_name_the_narrator() -> None:
    story = SELF_NAMED.replace("My name is Marisol Quint, and I have",
                               "I'm Theo Lark's cousin, and I have")
    work = analyze(Work(story), ["segment", "nlp", "characters"])
    narrators = [c["name"] for c in work.tables["characters"] if c.get("narrator")]
    assert narrators and "Theo Lark" not in narrators


EMAILS = """From: Captain Rosa Diaz

To: Admiral Hugh Barrow

Sir, I write from the bridge. I have kept the ship on course, and I have told the crew that
we turn for home within the week. I know you asked me to wait, but I cannot.

* * *

Admiral Hugh Barrow read the message twice in his office. He put the tablet down and looked
out at the rain over the harbour for a long time. His aide Rosa Diaz had always been stubborn.
He had promoted her anyway, and he had never regretted it. The rain kept falling on the roofs
of the docks, and the lamps came on one by one along the quay below his window.

"Send the fleet," he said to the aide at the door. "All of it."
"""


def test_an_email_header_names_its_writer_and_addressee() -> None:
    work, names = _documents(EMAILS)
    letter = work.layer("documents")[0]
    assert (letter["kind"], letter["writer_name"], letter["addressee_name"]) == (
        "letter", "Captain Rosa Diaz", "Admiral Hugh Barrow")
    assert work.text[letter.start : letter.end].endswith("I cannot.")
    assert names.get(letter["writer"]) == "Rosa Diaz"
    assert names.get(letter["addressee"]) == "Hugh Barrow"


def test_a_hand_made_character_list_flags_its_reader_as_the_stage_does() -> None:
    from ficlens.eval.gold_characters import add_gold_characters
    from ficlens.eval.pdnc_data import GoldCharacter

    found = analyze(Work(READER), STAGES)
    stage_reader = found.tables["characters"][0]
    given = analyze(Work(READER), ["segment", "nlp"])
    add_gold_characters(given, [GoldCharacter(0, "Y/N", ["Reader"], "U", "gold"),
                                GoldCharacter(1, "Wren", [], "F", "gold")])
    reader = given.tables["characters"][0]
    assert (reader["narrator"], reader.get("person")) == (True, 2)
    assert reader.get("narrates") == stage_reader.get("narrates")
    analyze(given, ["quotes"])
    speakers = [q["speaker"] for q in given.layer("quotes") if q["speech"]]
    assert speakers[1] == speakers[3] == reader["id"]


def test_a_reader_named_in_a_first_person_story_is_no_second_person_narrator() -> None:
    from ficlens.eval.gold_characters import add_gold_characters
    from ficlens.eval.pdnc_data import GoldCharacter

    given = analyze(Work(SELF_NAMED.replace("Marisol Quint", "Reader")), ["segment", "nlp"])
    add_gold_characters(given, [GoldCharacter(0, "Reader", [], "F", "gold")])
    assert not given.tables["characters"][0]["narrator"]
    assert "person" not in given.tables["characters"][0]
