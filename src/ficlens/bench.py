"""Speed and memory of the analysis, measured against bare spaCy in the same run.

Bare spaCy is the model as spaCy ships it. The full run's own parse has the faster
lemmatizer and attribute ruler of ``ficlens.nlp.fast_components`` (same annotations), so the
full run also reports its nlp stage's seconds: the stages after the parse are then measured
against the parse they follow too.

Each measurement runs in a fresh child process pinned to one thread, so its peak resident
memory is its own and model loading is not counted in the timing.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ficlens.errors import InputError

ONE_THREAD = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1",
}
MODES = ("spacy", "full")
# Both modes first run on the story's opening (not timed): the clock then measures the
# analysis, not spaCy's first-call set-up or the models and word lists stages load lazily.
WARM_UP_CHARACTERS = 5_000


@dataclass(frozen=True, slots=True)
class Measurement:
    mode: str
    words: int
    seconds: float
    peak_mb: float
    parse_seconds: float | None = None  # the full run's own nlp stage

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else float("inf")


def measure(mode: str, path: Path, stages: str | None = None) -> Measurement:
    """Run one measurement in a child process and read back its JSON result."""
    return Measurement(**run_child(mode, path, stages))


def run_child(mode: str, path: Path, stages: str | None = None,
              timeout: float | None = None) -> dict:
    """The JSON a child process prints for ``mode`` on ``path``; TimeoutError past
    ``timeout`` seconds (the child is killed)."""
    cmd = [sys.executable, "-m", "ficlens.bench", mode, str(path)]
    if stages:
        cmd.append(stages)
    env = {**os.environ, **ONE_THREAD}
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        raise TimeoutError(f"{path}: over {timeout:g} s") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        error, _, message = last.partition(": ")
        if error.startswith("ficlens.errors."):  # the story cannot be read: the user's to fix
            raise InputError(f"{path}: {message}")
        raise RuntimeError(f"bench child ({mode}) failed: {last}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_modes(path: Path, stages: str | None = None, repeat: int = 1) -> dict[str, Measurement]:
    """Each of MODES ``repeat`` times, alternating, keeping each mode's fastest run (the one
    least disturbed by the rest of the machine: on a shared VM one run can be 40% slower
    than the next) and its highest peak memory."""
    runs: dict[str, list[Measurement]] = {mode: [] for mode in MODES}
    for _ in range(max(1, repeat)):
        for mode in MODES:
            runs[mode].append(measure(mode, path, stages))
    best = {}
    for mode, done in runs.items():
        fastest = min(done, key=lambda m: m.seconds)
        best[mode] = Measurement(mode, fastest.words, fastest.seconds,
                                 max(m.peak_mb for m in done), fastest.parse_seconds)
    return best


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(mode: str, path: str, stages: str | None) -> None:
    from ficlens.document import Work
    from ficlens.ingest import read_path
    from ficlens.nlp.model import load_spacy
    from ficlens.nlp.spacy_stage import text_blocks
    from ficlens.pipeline import analyze, run, select

    work = read_path(path)
    words = work.word_count
    parse_seconds = None
    warm_up = Work(work.text[:WARM_UP_CHARACTERS])
    if mode == "stages":
        analyze(warm_up)  # the models and word lists stages load lazily, before the clock
        print(json.dumps({"words": words, **_time_stages(work, select(None)),
                          "peak_mb": _peak_mb()}))
        return
    if mode == "spacy":
        # bare spaCy as it ships: the full run's parse has ficlens's faster lemmatizer and
        # attribute ruler, whose saving is the full run's own
        nlp = load_spacy(stock=True)
        analyze(work, ["segment"])  # the same paragraphs the full run gives spaCy
        analyze(warm_up, ["segment"])
        for _ in nlp.pipe(warm_up.text[s:e] for s, e in text_blocks(warm_up)):
            pass
        blocks = text_blocks(work)
        start = time.perf_counter()
        for _ in nlp.pipe((work.text[s:e] for s, e in blocks), batch_size=64):
            pass
    else:
        names = stages.split(",") if stages else None
        for stage in select(names):
            stage.load()  # import every stage before the clock starts
        analyze(warm_up, names)  # and load the models and word lists they load lazily
        start = time.perf_counter()
        parse_seconds = run(work, names).seconds.get("nlp")
    seconds = time.perf_counter() - start
    print(json.dumps({"mode": mode, "words": words, "seconds": seconds, "peak_mb": _peak_mb(),
                      "parse_seconds": parse_seconds}))


def _time_stages(work, stages) -> dict:  # noqa: ANN001 - Work and Stage, imported lazily
    """CPU seconds of each stage, run in order on ``work``, and their total. CPU time, not
    wall time: the child runs on one thread, and on a shared machine its wall time says more
    about the neighbours than about the stage. The stages run under the collector settings
    of a pipeline run (``settled_layers``).

    The garbage collector's full collections are timed apart, as the stage ``gc``: each one
    walks the whole heap (0.1-0.3 s at 100-200 KB of text) and lands in whichever stage
    happens to allocate past the threshold, so a 0.3 s stage that drew one looked
    super-linear though its own work doubled with the length. The total is the same."""
    from ficlens.pipeline import settled_layers

    runs = [(stage.name, stage.load()) for stage in stages]
    seconds = {}
    with settled_layers() as settle, FullCollections() as collector:
        for name, run in runs:
            settle()
            start, paused = time.process_time(), collector.seconds
            run(work)
            seconds[name] = time.process_time() - start - (collector.seconds - paused)
    seconds["gc"] = collector.seconds
    return {"seconds": sum(seconds.values()), "stages": seconds}


class FullCollections:
    """CPU seconds spent in the garbage collector's full (oldest generation) collections
    while the context is open."""

    OLDEST = 2

    def __init__(self) -> None:
        self.seconds = 0.0
        self._started: float | None = None

    def __enter__(self) -> FullCollections:
        gc.callbacks.append(self._on_collection)
        return self

    def __exit__(self, *_exc: object) -> None:
        gc.callbacks.remove(self._on_collection)

    def _on_collection(self, phase: str, info: dict) -> None:
        if info["generation"] != self.OLDEST:
            return
        if phase == "start":
            self._started = time.process_time()
        elif self._started is not None:
            self.seconds += time.process_time() - self._started
            self._started = None


if __name__ == "__main__":
    _child(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
