"""The pipeline contract: ordered stages, subsets, and the spaCy layer offsets."""

import gc

import pytest

from ficlens.document import Work
from ficlens.pipeline import STAGE_NAMES, analyze, select, settled_layers
from ficlens.stage import PipelineError


def test_stage_order_starts_with_segmentation_then_nlp():
    assert STAGE_NAMES[:2] == ("segment", "nlp")
    assert [s.name for s in select(["nlp", "segment"])] == ["segment", "nlp"]
    with pytest.raises(PipelineError, match="unknown stage"):
        select(["nope"])


def test_nlp_tokens_and_sentences_point_into_the_text():
    text = "Nora walked in.\n\n“You're late,” Eli said. She shrugged.\n"
    work = analyze(Work(text=text), ["nlp"])
    tokens = work.layer("tokens")
    assert all(work.text[t.start : t.end].strip() == work.text[t.start : t.end] for t in tokens)
    assert [work.span_text(t) for t in tokens[:3]] == ["Nora", "walked", "in"]
    heads = {t["head"] for t in tokens}
    assert heads <= set(range(len(tokens)))
    sentences = [work.span_text(s) for s in work.layer("sentences")]
    assert sentences[0] == "Nora walked in."
    assert sentences[-1] == "She shrugged."
    people = {work.span_text(e) for e in work.layer("entities") if e["label"] == "PERSON"}
    assert "Eli" in people or "Nora" in people


def test_an_internal_error_is_one_line_not_a_traceback(monkeypatch, capsys):
    import ficlens.cli as cli

    def broken(**_options: object) -> None:
        raise RuntimeError("model file has 41 features, expected 43")

    monkeypatch.setattr(cli, "app", broken)
    monkeypatch.delenv("FICLENS_DEBUG", raising=False)
    with pytest.raises(SystemExit) as stop:
        cli.main()
    assert stop.value.code == cli.INTERNAL_ERROR
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "internal error: RuntimeError: model file has 41 features" in err


def test_a_path_that_cannot_be_written_is_one_line_and_exit_2(monkeypatch, capsys):
    import ficlens.cli as cli

    def unwritable(**_options: object) -> None:
        open("/nonexistent-folder/report.json", "w")  # noqa: SIM115

    monkeypatch.setattr(cli, "app", unwritable)
    with pytest.raises(SystemExit) as stop:
        cli.main()
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err == ("ficlens: error: /nonexistent-folder/report.json: "
                   "No such file or directory\n")


def test_a_stage_alone_pulls_in_the_stages_it_requires():
    from ficlens.pipeline import build

    assert build(["quotes"]).names == ["nlp", "characters", "quotes"]
    # what the Work already holds is not run again
    have = {"tokens", "sentences", "entities", "characters", "mentions"}
    assert build(["quotes"], available=have).names == ["quotes"]


def test_a_missing_requirement_is_one_clear_error():
    from ficlens.pipeline import build

    with pytest.raises(PipelineError, match="stage 'quotes' requires 'tokens': add stage 'nlp'"):
        build(["quotes"], available={"characters", "mentions"}, pull=False)


def test_every_stage_is_timed_and_configurable():
    from ficlens.pipeline import run
    from ficlens.pov import PovConfig

    work = Work(text="Nora walked in. She sat down.\n\nEli waved. He smiled.\n")
    report = run(work, ["valence", "arc"], configs={"pov": PovConfig(min_scene_words=1)})
    assert report.stages == ["valence", "arc"]
    assert set(report.seconds) == {"valence", "arc"} and report.total_seconds >= 0
    with pytest.raises(PipelineError, match="unknown stage"):
        run(work, ["arc"], configs={"nope": None})


def test_a_stage_that_adds_an_undeclared_layer_fails():
    from ficlens.pipeline import Pipeline
    from ficlens.stage import Stage

    def sloppy(work: Work, _config: object) -> None:
        work.add_layer("stray", [])

    stage = Stage("sloppy", "adds what it did not declare", sloppy, assigns=("tidy",))
    with pytest.raises(PipelineError, match="'sloppy' broke its declaration"):
        Pipeline((stage,)).run(Work(text="x"))


def test_a_candidate_model_path_reaches_the_coref_loaders(tmp_path):
    from ficlens.coref import CorefConfig, run
    from ficlens.errors import ModelError

    work = analyze(Work(text="Nora walked in. She sat down.\n"), ["quotes"])
    with pytest.raises(ModelError, match="missing.json|no-such"):
        run(work, CorefConfig(ranker=tmp_path / "no-such.lgb.txt", meta=tmp_path / "missing.json"))


def test_a_run_hides_earlier_layers_from_the_collector_and_restores_it_after():
    thresholds = gc.get_threshold()
    assert gc.get_freeze_count() == 0
    with settled_layers() as settle:
        layer = [{"start": i} for i in range(1000)]
        settle()
        assert gc.get_freeze_count() >= len(layer)
        assert gc.get_threshold()[0] >= thresholds[0]
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == thresholds


def test_a_run_leaves_a_callers_frozen_objects_alone():
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with settled_layers() as settle:
            settle()
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
