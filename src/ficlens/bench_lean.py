"""Start-up time and memory per word, each measured in fresh child processes.

* **start-up**: the wall time of ``ficlens analyze STORY --format json`` on a 2,400-word
  story, from process start to the written result, against bare spaCy loading its model in
  the same run (the fixed cost no change of ours removes); one more run under
  ``python -X importtime`` says which packages the time goes to.
* **memory**: the peak resident memory of the full analysis of generated prose, minus the
  resident memory once spaCy's model is loaded, per word of the story.

Both can run another checkout's code (``src``: its ``src`` folder, put first on the child's
``PYTHONPATH``) so a before and an after are measured in the same run. The memory child is
this file run by path, and uses only entry points every version has (``read_path``,
``load_spacy``, ``analyze``).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ficlens.bench import ONE_THREAD

STARTUP_WORDS = 2_400
MEMORY_WORDS = (25_000, 100_000, 200_000, 800_000)
TARGET_STARTUP_SECONDS = 2.0
TARGET_BYTES_PER_WORD = 1_000


def child_env(src: Path | None) -> dict[str, str]:
    env = {**os.environ, **ONE_THREAD}
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
    return env


def startup_story(words: int = STARTUP_WORDS) -> str:
    """Generated narrative prose with dialogue (the scaling bench's invented cast)."""
    from ficlens.bench_scaling import prose

    return prose(words)


@dataclass(frozen=True, slots=True)
class Timed:
    wall: float  # seconds from spawning the process to its exit
    cpu: float  # user + system seconds of the process


def _timed_run(cmd: list[str], env: dict[str, str]) -> tuple[Timed, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"bench child failed: {last}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timed(wall, cpu), done.stderr


def analyze_command(story: Path, out: Path, importtime: bool = False) -> list[str]:
    flags = ["-X", "importtime"] if importtime else []
    return [sys.executable, *flags, "-m", "ficlens", "analyze", str(story),
            "--format", "json", "--output", str(out)]


def spacy_load_command() -> list[str]:
    from ficlens.nlp.config import DEFAULT

    return [sys.executable, "-c", f"import spacy; spacy.load({DEFAULT.model!r})"]


def best(runs: list[Timed]) -> Timed:
    """The least disturbed run (fastest wall time) of several on a shared machine."""
    return min(runs, key=lambda t: t.wall)


def import_breakdown(importtime_log: str, top: int = 12) -> dict[str, float]:
    """Seconds of import per top-level package (each module's own time, summed), largest
    first, from ``python -X importtime``'s log; the rest summed under "other"."""
    per_package: dict[str, float] = defaultdict(float)
    for line in importtime_log.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        own, _cumulative, name = line[len("import time:"):].split("|", 2)
        if not own.strip().isdigit():
            continue  # the header line
        per_package[name.strip().split(".")[0]] += int(own) / 1e6
    ranked = sorted(per_package.items(), key=lambda kv: -kv[1])
    shown = dict(ranked[:top])
    shown["other"] = sum(s for _name, s in ranked[top:])
    return {name: round(s, 3) for name, s in shown.items()}


def measure_startup(src: Path | None, repeat: int, words: int = STARTUP_WORDS) -> dict:
    """Time to the first result of ``ficlens analyze`` and of bare spaCy's model load."""
    env = child_env(src)
    with tempfile.TemporaryDirectory() as scratch:
        story = Path(scratch) / "story.txt"
        text = startup_story(words)
        story.write_text(text, encoding="utf-8")
        out = Path(scratch) / "out.json"
        analyze_runs, spacy_runs = [], []
        for _ in range(max(1, repeat)):
            analyze_runs.append(_timed_run(analyze_command(story, out), env)[0])
            spacy_runs.append(_timed_run(spacy_load_command(), env)[0])
        _timed, log = _timed_run(analyze_command(story, out, importtime=True), env)
    analyze, spacy = best(analyze_runs), best(spacy_runs)
    return {
        "words": len(text.split()),
        "analyze_seconds": round(analyze.wall, 3), "analyze_cpu_seconds": round(analyze.cpu, 3),
        "spacy_load_seconds": round(spacy.wall, 3), "spacy_load_cpu_seconds": round(spacy.cpu, 3),
        "beyond_spacy_seconds": round(analyze.wall - spacy.wall, 3),
        "imports": import_breakdown(log),
        "runs_each": max(1, repeat),
    }


def measure_memory(src: Path | None, words: int) -> dict:
    """Peak memory of the full analysis of ``words`` words of generated prose, beyond the
    memory of the loaded spaCy model, per word."""
    from ficlens.bench_scaling import prose

    with tempfile.TemporaryDirectory() as scratch:
        story = Path(scratch) / "story.txt"
        story.write_text(prose(words), encoding="utf-8")
        cmd = [sys.executable, "-c",
               f"import runpy; runpy.run_path({__file__!r}, run_name='__main__')",
               "memory", str(story)]
        done = subprocess.run(cmd, capture_output=True, text=True, env=child_env(src),
                              check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"bench child failed: {last}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    beyond = result["peak_bytes"] - result["loaded_bytes"]
    return {**result, "bytes_per_word": round(beyond / result["words"], 1)}


def _rss_bytes() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _peak_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _memory_child(path: str) -> None:
    from ficlens.document import Work
    from ficlens.ingest import read_path
    from ficlens.nlp.model import load_spacy
    from ficlens.pipeline import analyze, select

    load_spacy()
    for stage in select(None):
        stage.load()  # every stage's models, as a long-running process has them
    analyze(Work(text='A warm-up. "Hello," she said.'))
    loaded = _rss_bytes()
    work = read_path(path)
    analyze(work)
    print(json.dumps({"words": work.word_count, "loaded_bytes": loaded,
                      "peak_bytes": _peak_bytes(), "end_bytes": _rss_bytes()}))


if __name__ == "__main__":
    if sys.argv[1] == "memory":
        _memory_child(sys.argv[2])
