"""Each stage's tunables live in its frozen config and a config passed to a run is the one
the stage's modules read (``ficlens.stage.Tunables``)."""

import json
import threading
from dataclasses import FrozenInstanceError, replace

import pytest

from ficlens.characters import CharactersConfig
from ficlens.characters.config import tunables as characters_tunables
from ficlens.coref import CorefConfig
from ficlens.coref.config import tunables as coref_tunables
from ficlens.document import Work
from ficlens.errors import ModelError
from ficlens.ingest import SegmentConfig
from ficlens.nlp import NlpConfig
from ficlens.pipeline import analyze
from ficlens.pov import PovConfig
from ficlens.quotes import QuotesConfig
from ficlens.stage import Tunables

BROKEN_UP = "Mara shut the gate behind her.\n\n* * *\n\nThe rain had stopped by morning.\n"

# An invented first-person story: "I" runs through the narration.
TOLD_BY_I = (
    "I woke before the bells. I dressed in the dark and I went down to the harbour, where "
    "my brother waited with the boat. I had not slept; my hands shook as I untied the rope.\n\n"
    "\u201cYou look terrible,\u201d Tomas said.\n\n"
    "I laughed at that. I told him I had dreamed of the storm again, and he looked away "
    "from me. I took the oars myself and I rowed until my arms burned.\n"
)


def test_a_config_is_frozen():
    with pytest.raises(FrozenInstanceError):
        SegmentConfig().max_marker_length = 3  # type: ignore[misc]


def test_segment_reads_the_config_it_is_given():
    default = analyze(Work(text=BROKEN_UP), ["segment"])
    assert len(default.layer("scene_breaks")) == 1
    strict = analyze(Work(text=BROKEN_UP), ["segment"],
                     configs={"segment": SegmentConfig(max_marker_length=2)})
    assert strict.layer("scene_breaks") == []


def test_characters_reads_the_config_it_is_given():
    found = analyze(Work(text=TOLD_BY_I), ["characters"])
    assert any(c.get("narrator") for c in found.tables["characters"])
    deaf = analyze(Work(text=TOLD_BY_I), ["characters"],
                   configs={"characters": CharactersConfig(first_person_rate=10_000)})
    assert not any(c.get("narrator") for c in deaf.tables["characters"])
    assert characters_tunables() == CharactersConfig()  # the run's config ends with the run


def test_quotes_reads_its_model_folder_from_the_config(tmp_path):
    work = analyze(Work(text=TOLD_BY_I), ["characters"])
    with pytest.raises(ModelError, match="speaker model missing"):
        analyze(work, ["quotes"], configs={"quotes": QuotesConfig(model_dir=tmp_path)})


def test_nlp_reads_its_model_name_from_the_config():
    with pytest.raises(ModelError, match="no_such_model"):
        analyze(Work(text="A line."), ["nlp"], configs={"nlp": NlpConfig(model="no_such_model")})


# An invented second-person story: the narration's "you" is its protagonist.
TOLD_TO_YOU = (
    "You wake before the bells. You dress in the dark and you go down to the harbour, where "
    "your brother waits with the boat. You have not slept; your hands shake as you untie "
    "the rope.\n"
)
SHE_FAR_BACK = (
    "Nora met Tom at the gate. He nodded. Tom said nothing and he looked at the sky. "
    "Then she smiled.\n"
)


def _you_chains(config: CorefConfig) -> set[str]:
    work = analyze(Work(text=TOLD_TO_YOU), ["coref"], configs={"coref": config})
    return {s["chain"] for s in work.layer("coref") if s["pronoun"] in ("you", "your")}


def test_coref_reads_the_config_it_is_given():
    assert len(_you_chains(CorefConfig())) == 1  # one protagonist
    # a second-person share no story reaches: every narration "you" addresses the reader
    assert len(_you_chains(CorefConfig(second_person_share=2.0))) == 7
    assert coref_tunables() == CorefConfig()


def test_coref_refuses_feature_windows_its_models_were_not_trained_with():
    with pytest.raises(ModelError, match=r"pronoun_window=20 \(trained with 30\)"):
        analyze(Work(text=SHE_FAR_BACK), ["coref"],
                configs={"coref": CorefConfig(pronoun_window=20)})


def test_a_coref_feature_window_reaches_the_candidates(tmp_path):
    """With a model (here: metadata) trained on a one-mention window, "she" no longer sees
    Nora, three mentions back."""
    meta = json.loads(CorefConfig().meta.read_text(encoding="utf-8"))
    meta["feature_config"]["pronoun_window"] = 1
    (tmp_path / "coref.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    narrow = CorefConfig(meta=tmp_path / "coref.meta.json", pronoun_window=1)
    for config, finds_nora in ((CorefConfig(), True), (narrow, False)):
        work = analyze(Work(text=SHE_FAR_BACK), ["coref"], configs={"coref": config})
        nora = next(c["id"] for c in work.tables["characters"] if c["name"] == "Nora")
        [she] = [s for s in work.layer("coref") if s["pronoun"] == "she"]
        assert (she["character"] == nora) is finds_nora
        assert finds_nora or she["character"] is None


def test_pov_reads_its_time_expression_window_from_the_config():
    text = "Two years later, she came back. The next morning he left. On Friday it rained.\n"
    found = {}
    for config in (PovConfig(), replace(PovConfig(), timex_window=2)):
        work = analyze(Work(text=text), ["pov"], configs={"pov": config})
        found[config.timex_window] = [s["text"] for s in work.layer("time_expressions")]
    assert found[40] == ["Two years later", "The next morning", "Friday"]
    assert found[2] == []


def test_each_thread_sees_the_config_of_its_own_run():
    slot: Tunables[int] = Tunables("test", 0)
    seen: dict[str, int] = {}
    entered = threading.Barrier(2)

    def run(name: str, value: int) -> None:
        with slot.using(value):
            entered.wait()
            seen[name] = slot()

    threads = [threading.Thread(target=run, args=(n, v)) for n, v in (("a", 1), ("b", 2))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {"a": 1, "b": 2}
    assert slot() == 0
