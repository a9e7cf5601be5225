"""How analysis time grows with length: generated stories of doubling size, each analysed in
a fresh child process, with the time of every stage and the ratio per doubling of length.

Linear work gives a ratio of 2 per doubling; the target is under 2.3. Three series, all text
generated here (invented names and sentences, never a real story): dense dialogue in one
paragraph (fan fiction typed on a phone often has no paragraph breaks), the same dialogue in
normal paragraphs, and narrative prose with some dialogue.
"""

from __future__ import annotations

import math
import random
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ficlens.bench import run_child

DIALOGUE_KB = (25, 50, 100, 200)
PROSE_WORDS = (10_000, 50_000, 200_000, 800_000)
QUICK_DIALOGUE_KB = (25, 50, 100)
QUICK_PROSE_WORDS = (10_000, 50_000)
TARGET_RATIO = 2.3
NOISE_SECONDS = 0.5  # a stage faster than this at both sizes has no meaningful ratio

NAMES = ("Nora Vale", "Eli Brandt", "Maya Okafor", "Jonah Reyes", "Priya Lund", "Theo Marsh",
         "Iris Kade", "Felix Moreau", "Dana Whit", "Owen Pike", "Lena Sorel", "Cal Hart")
SAID = ("said", "asked", "whispered", "muttered", "replied", "called", "snapped", "added")
ASKS = ("Did you see the lamp, {b}?", "Where were you last night?", "I told you already.",
        "You never listen to me, {b}.", "Fine. Have it your way.", "Is the harbour still open?",
        "We should go before the tide turns.", "I missed you, {b}.")
NARRATION = ("{a} looked out at the grey water.", "The kitchen smelled of burnt toast.",
             "{a} folded the letter twice and put it away.", "Rain ticked against the window.",
             "{a} did not answer {b} for a long time.", "Somewhere below, a door slammed.",
             "{a} remembered the summer at the lighthouse.", "The kettle began to whistle.",
             "{a} laughed, despite everything.", "{b} had always hated the cold.")


def dialogue(kilobytes: int, one_paragraph: bool, seed: int = 7) -> str:
    """About ``kilobytes`` KB of quick back-and-forth between four invented characters."""
    rng = random.Random(seed)
    cast = [n.split()[0] for n in NAMES[:4]]
    lines, size = [], 0
    while size < kilobytes * 1000:
        a, b = rng.sample(cast, 2)
        line = f'"{rng.choice(ASKS).format(b=b)}" {a} {rng.choice(SAID)}.'
        if rng.random() < 0.3:
            line += " " + rng.choice(NARRATION).format(a=a, b=b)
        lines.append(line)
        size += len(line) + 1
    return (" " if one_paragraph else "\n\n").join(lines) + "\n"


def prose(words: int, seed: int = 11) -> str:
    """About ``words`` words of narrative paragraphs, some with dialogue, scene breaks and
    chapter headings, among twelve invented characters."""
    rng = random.Random(seed)
    paragraphs, count, chapter = [], 0, 0
    while count < words:
        if count >= chapter * 4000:
            chapter += 1
            paragraphs.append(f"Chapter {chapter}")
        elif rng.random() < 0.02:
            paragraphs.append("* * *")
        a, b = (n.split()[rng.randrange(2)] for n in rng.sample(NAMES, 2))
        sentences = [rng.choice(NARRATION).format(a=a, b=b) for _ in range(rng.randint(2, 6))]
        if rng.random() < 0.4:
            sentences.insert(1, f'"{rng.choice(ASKS).format(b=b)}" {a} {rng.choice(SAID)}.')
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs) + "\n"


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    unit: str
    sizes: tuple[int, ...]
    make: Callable[[int], str]


def series(quick: bool) -> list[Series]:
    kb = QUICK_DIALOGUE_KB if quick else DIALOGUE_KB
    words = QUICK_PROSE_WORDS if quick else PROSE_WORDS
    return [
        Series("dialogue, one paragraph", "KB", kb, lambda n: dialogue(n, one_paragraph=True)),
        Series("dialogue, paragraphs", "KB", kb, lambda n: dialogue(n, one_paragraph=False)),
        Series("prose", "words", words, prose),
    ]


@dataclass
class Run:
    series: str
    size: int
    unit: str
    words: int = 0
    seconds: float | None = None  # None: stopped at the time limit
    stages: dict[str, float] = field(default_factory=dict)
    ratio: float | None = None  # total time per doubling of length vs the previous size
    stage_ratios: dict[str, float | None] = field(default_factory=dict)


def doubling_ratio(size_a: int, seconds_a: float, size_b: int, seconds_b: float) -> float:
    """``seconds_b / seconds_a`` scaled to one doubling of length (2.0 is linear)."""
    return (seconds_b / seconds_a) ** (1 / math.log2(size_b / size_a))


def run_series(chosen: list[Series], max_seconds: float) -> Iterator[Run]:
    """Each size of each series in a child process; a series stops at its first run over
    ``max_seconds`` (the bigger sizes would only take longer)."""
    with tempfile.TemporaryDirectory() as scratch:
        for each in chosen:
            previous: Run | None = None
            for size in each.sizes:
                path = Path(scratch) / f"{each.unit}-{size}.txt"
                path.write_text(each.make(size), encoding="utf-8")
                run = Run(each.name, size, each.unit)
                try:
                    result = run_child("stages", path, timeout=max_seconds)
                except TimeoutError:
                    yield run
                    break
                run.words, run.seconds, run.stages = (result["words"], result["seconds"],
                                                      result["stages"])
                if previous is not None:
                    _add_ratios(previous, run)
                yield run
                previous = run


def _add_ratios(before: Run, after: Run) -> None:
    after.ratio = doubling_ratio(before.words, before.seconds, after.words, after.seconds)
    for stage, seconds in after.stages.items():
        earlier = before.stages.get(stage, 0.0)
        noisy = max(earlier, seconds) < NOISE_SECONDS or earlier <= 0
        after.stage_ratios[stage] = (
            None if noisy else doubling_ratio(before.words, earlier, after.words, seconds)
        )
