"""Scene-break detection scored against hand-marked scene changes.

Two gold sets:

* **seeds**: the sample stories in ../shared/seeds, whose scene changes are annotated by
  hand in ``seed_scenes.json`` beside this module (offsets of the first paragraph of each
  new scene and a reason, no story text). The unmarked-break cues were tuned on these.
* **fanfic**: the fan-fiction development set (../shared/data/fanfic): each gold file's
  ``pov`` spans; wherever the viewpoint character changes, a new section starts. Files
  without a viewpoint change are left out (every break there would count as false, though
  a scene can change without the viewpoint changing). Gold offsets point into the text of
  ficlens 581afa7; they are carried into today's text through the gold quotes, whose text
  is kept (the nearest quote after the boundary is found again and the distance to it kept).

A predicted scene change is the first story paragraph after a ``scene_breaks`` span, or the
first story paragraph of a chapter after the first. Scoring is one-to-one within a
tolerance counted in story paragraphs (a break found one paragraph early or late is a hit
at tolerance 1); closest pairs are matched first.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field
from pathlib import Path

from ficlens.document import Work
from ficlens.errors import InputError

ANNOTATION = Path(__file__).with_name("seed_scenes.json")
DEFAULT_TOLERANCE = 1


@dataclass
class SceneScore:
    name: str
    gold: int
    predicted: int
    hits: int
    missed: list[int] = field(default_factory=list)  # gold offsets not found
    false: list[int] = field(default_factory=list)  # predicted offsets matching no gold

    @property
    def precision(self) -> float:
        return self.hits / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        return {"name": self.name, "gold": self.gold, "predicted": self.predicted,
                "hits": self.hits, "precision": round(self.precision, 3),
                "recall": round(self.recall, 3), "f1": round(self.f1, 3),
                "missed": self.missed, "false": self.false}


def total(name: str, scores: list[SceneScore]) -> SceneScore:
    return SceneScore(name, sum(s.gold for s in scores), sum(s.predicted for s in scores),
                      sum(s.hits for s in scores))


# -- what ficlens predicts --------------------------------------------------------------------
def segmented(path: Path) -> Work:
    from ficlens.ingest import read_path, segment

    work = read_path(path)
    segment.run(work)
    return work


def story_starts(work: Work) -> list[int]:
    return [p.start for p in work.layer("paragraphs") if p.get("kind") == "text"]


def predicted_changes(work: Work) -> list[int]:
    """Offsets of the first story paragraph of each scene ficlens found."""
    starts = story_starts(work)
    found = set()
    for brk in work.layer("scene_breaks"):
        index = bisect.bisect_left(starts, brk.end)
        if 0 < index < len(starts):
            found.add(starts[index])
    chapters = sorted(work.layer("chapters"), key=lambda c: c.start)
    for chapter in chapters[1:]:
        index = bisect.bisect_left(starts, chapter.start)
        if 0 < index < len(starts):
            found.add(starts[index])
    return sorted(found)


def score(name: str, predicted: list[int], gold: list[int], starts: list[int],
          tolerance: int = DEFAULT_TOLERANCE) -> SceneScore:
    """One-to-one matching in story-paragraph indices, closest pairs first."""
    def index(offset: int) -> int:
        return max(bisect.bisect_right(starts, offset) - 1, 0)

    pairs = sorted(
        (abs(index(p) - index(g)), p, g) for p in predicted for g in gold
        if abs(index(p) - index(g)) <= tolerance
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _distance, p, g in pairs:
        if p not in used_p and g not in used_g:
            used_p.add(p)
            used_g.add(g)
    return SceneScore(name, len(gold), len(predicted), len(used_g),
                      [g for g in gold if g not in used_g],
                      [p for p in predicted if p not in used_p])


# -- the seed stories -------------------------------------------------------------------------
def read_annotation(path: Path = ANNOTATION) -> dict[str, list[int]]:
    try:
        stories = json.loads(path.read_text(encoding="utf-8"))["stories"]
        return {name: [b["offset"] for b in breaks] for name, breaks in stories.items()}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: not a scene-break annotation ({exc})") from None


def evaluate_seeds(folder: Path, tolerance: int = DEFAULT_TOLERANCE) -> list[SceneScore]:
    scores = []
    for name, gold in read_annotation().items():
        path = folder / name
        if not path.is_file():
            raise InputError(f"{path}: annotated story not found")
        work = segmented(path)
        scores.append(score(name, predicted_changes(work), gold, story_starts(work), tolerance))
    return scores


# -- the fan-fiction set's viewpoint sections -------------------------------------------------
def pov_switches(gold: dict) -> list[int]:
    """581afa7 offsets where the viewpoint character changes."""
    switches, last = [], None
    for span in sorted(gold["pov"], key=lambda s: s["start"]):
        who = span.get("pov_character")
        if who is None:
            continue
        if last is not None and who != last:
            switches.append(span["start"])
        last = who
    return switches


def reanchor(offsets: list[int], quotes: list[dict], text: str) -> list[int]:
    """Old offsets carried into ``text`` by the nearest gold quote found again after them."""
    from ficlens.ingest.markdown_reader import plain_inline

    placed: list[tuple[int, int]] = []  # (old start, new start) of quotes found again
    cursor = 0
    for quote in sorted(quotes, key=lambda q: q["start"]):
        for needle in (quote["text"], plain_inline(quote["text"])):
            at = text.find(needle, cursor)
            if at >= 0:
                placed.append((quote["start"], at))
                cursor = at + 1
                break
    moved = []
    for offset in offsets:
        after = next(((old, new) for old, new in placed if old >= offset), None)
        before = next(((old, new) for old, new in reversed(placed) if old < offset), None)
        if after is not None:
            moved.append(max(after[1] - (after[0] - offset), 0))
        elif before is not None:
            moved.append(min(before[1] + (offset - before[0]), len(text)))
    return moved


def evaluate_fanfic(folder: Path, tolerance: int = DEFAULT_TOLERANCE) -> list[SceneScore]:
    scores = []
    for gold_path in sorted(folder.glob("*/*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        switches = pov_switches(gold)
        if not switches:
            continue
        stem = gold_path.name.removesuffix(".gold.json")
        story = next(p for p in gold_path.parent.iterdir()
                     if p.name.startswith(stem + ".") and p != gold_path)
        work = segmented(story)
        starts = story_starts(work)
        gold_offsets = [starts[max(bisect.bisect_right(starts, o) - 1, 0)]
                        for o in reanchor(switches, gold["quotes"], work.text)]
        scores.append(score(story.name, predicted_changes(work), gold_offsets, starts,
                            tolerance))
    return scores
