"""Scene boundaries: the marked ones (chapters, scene breaks, POV labels) and unmarked ones.

Scenes are runs of story paragraphs; notes, headings, break markers and POV label lines
belong to no scene. Unmarked breaks are found conservatively, since a false split is worse
than a miss:

* ``time_jump``: a narration paragraph that opens with a jump ("One year later,", "The next
  morning,");
* ``setting_shift``: a paragraph that opens with a scene-setting phrase and a name ("Lying face
  down on the bed, Peyton ...") where the inner-life cues before it belong clearly to another
  character and those after it to the named one.

Both need enough story on each side, so a summary passage is not chopped into one-paragraph
scenes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ficlens.document import LayerView, Span, Work
from ficlens.pov.config import DEFAULT, PovConfig
from ficlens.pov.cues import Cue
from ficlens.pov.regions import covered, merged, paragraphs, word_count

BREAK_PRIORITY = ("chapter", "pov_label", "scene_break")
_WORD = re.compile(r"\w")
_LEAD_WORDS = re.compile(r"(?:(?:and|but|so|then)\s+)?", re.IGNORECASE)
_SETTING_OPENER = re.compile(
    r"(?:[A-Z][a-z]+(?:ing|ed)\b[^,.;:!?\"“”\n]{0,80}"
    r"|(?:Meanwhile|Elsewhere)"
    r"|(?:Back|Across|Over|Outside|Inside|Downstairs|Upstairs|At|In|On)\b[^,.;:!?\"“”\n]{0,60})"
    r",\s*"
)


@dataclass(slots=True)
class Scene:
    paragraphs: list[Span]
    source: str
    label: str | None = None
    words: int = 0

    @property
    def start(self) -> int:
        return self.paragraphs[0].start

    @property
    def end(self) -> int:
        return self.paragraphs[-1].end


def _content_paragraphs(work: Work, excluded: LayerView) -> list[Span]:
    """Paragraphs that are story text: not notes, headings, break markers or POV labels."""
    kept = []
    for para in paragraphs(work):
        has_words = _WORD.search(work.text, para.start, para.end) is not None
        if has_words and covered(excluded, para.start, para.end) * 2 < len(para):
            kept.append(para)
    return kept


def _marked_cuts(work: Work) -> list[tuple[int, str, str | None]]:
    cuts = [(c.start, "chapter", None) for c in work.layer("chapters")]
    cuts += [(b.start, "scene_break", None) for b in work.layer("scene_breaks")]
    cuts += [(p.start, "pov_label", p.get("name")) for p in work.layer("pov_labels")]
    return sorted(cuts, key=lambda cut: cut[0])


def _heading_lines(work: Work) -> list[tuple[int, int]]:
    """Chapter heading lines ("Chapter 2", "II") that open their chapter's text."""
    lines = []
    for chapter in work.layer("chapters"):
        heading = chapter.get("heading")
        if heading and work.text.startswith(heading, chapter.start):
            lines.append((chapter.start, chapter.start + len(heading)))
    return lines


def marked_scenes(work: Work, notes: LayerView, config: PovConfig = DEFAULT) -> list[Scene]:
    """Scenes as the author marked them, one per run of paragraphs between markers."""
    markers = [
        (s.start, s.end) for name in ("scene_breaks", "pov_labels") for s in work.layer(name)
    ]
    note_spans = list(zip(notes.starts, notes.ends, strict=True))
    excluded = merged(note_spans + markers + _heading_lines(work))
    cuts = _marked_cuts(work)
    scenes: list[Scene] = []
    cut_index = 0
    previous_end = -1
    for para in _content_paragraphs(work, excluded):
        sources: list[str] = []
        label = None
        while cut_index < len(cuts) and cuts[cut_index][0] <= para.start:
            position, source, name = cuts[cut_index]
            if position >= previous_end:
                sources.append(source)
                label = name or label
            cut_index += 1
        if not scenes or sources:
            source = min(sources, key=BREAK_PRIORITY.index) if scenes else "start"
            scenes.append(Scene([], source, label))
        scenes[-1].paragraphs.append(para)
        previous_end = para.end
    for scene in scenes:
        scene.words = sum(word_count(work.text[p.start : p.end]) for p in scene.paragraphs)
    return _merge_fragments(scenes, config.min_scene_words)


def _merge_fragments(scenes: list[Scene], min_words: int) -> list[Scene]:
    """Fold a few words between markers (a title line, a stray heading) into the next scene."""
    merged: list[Scene] = []
    carry: Scene | None = None
    for scene in scenes:
        if carry is not None:
            scene = Scene(
                carry.paragraphs + scene.paragraphs,
                carry.source,
                scene.label or carry.label,
                carry.words + scene.words,
            )
            carry = None
        if scene.words < min_words:
            carry = scene
        else:
            merged.append(scene)
    if carry is not None:
        if merged:
            last = merged[-1]
            last.paragraphs += carry.paragraphs
            last.words += carry.words
        else:
            merged.append(carry)
    return merged


def _opens_with_jump(work: Work, para: Span, jumps: dict[int, Span]) -> bool:
    lead = _LEAD_WORDS.match(work.text, para.start)
    position = lead.end() if lead else para.start
    return position in jumps


def _opens_with_setting(work: Work, para: Span, names: dict[int, str]) -> str | None:
    """The character named right after a scene-setting opener, if the paragraph has one."""
    opener = _SETTING_OPENER.match(work.text, para.start, para.end)
    return names.get(opener.end()) if opener else None


def _weights(cues: Sequence[Cue]) -> Counter[str]:
    totals: Counter[str] = Counter()
    for cue in cues:
        totals[cue.character] += cue.weight
    return totals


def _dominant(cues: Sequence[Cue], min_share: float, min_weight: float) -> str | None:
    totals = _weights(cues)
    if not totals:
        return None
    character, weight = totals.most_common(1)[0]
    total = sum(totals.values())
    return character if weight >= min_weight and weight / total >= min_share else None


def _is_focal_shift(
    paras: Sequence[Span],
    i: int,
    newcomer: str,
    cues: LayerView,
    scene_start: int,
    config: PovConfig,
) -> bool:
    window = config.window_paragraphs
    before_start = max(paras[max(0, i - window)].start, scene_start)
    before = cues.between(before_start, paras[i].start)
    after = cues.between(paras[i].start, paras[min(len(paras), i + window) - 1].end)
    old = _dominant(before, config.min_share_before, config.min_weight_before)
    new = _dominant(after, config.min_share_after, config.min_weight_after)
    return old is not None and new == newcomer and old != newcomer


def split_unmarked(
    work: Work,
    scene: Scene,
    jumps: dict[int, Span],
    names: dict[int, str],
    cues: LayerView,
    quotes: LayerView,
    config: PovConfig = DEFAULT,
) -> list[Scene]:
    """``scene`` cut at unmarked time jumps and setting shifts."""
    paras = scene.paragraphs
    sizes = [word_count(work.text[p.start : p.end]) for p in paras]
    remaining = sum(sizes)
    pieces = [Scene([], scene.source, scene.label)]
    words_so_far = 0
    for i, para in enumerate(paras):
        if i and words_so_far >= config.min_words_before and remaining >= config.min_words_after:
            context = (jumps, names, cues, quotes, config)
            source = _unmarked_break(work, paras, i, context, pieces[-1])
            if source:
                pieces.append(Scene([], source))
                words_so_far = 0
        pieces[-1].paragraphs.append(para)
        words_so_far += sizes[i]
        remaining -= sizes[i]
    for piece in pieces:
        piece.words = sum(word_count(work.text[p.start : p.end]) for p in piece.paragraphs)
    return pieces


def _unmarked_break(
    work: Work,
    paras: Sequence[Span],
    i: int,
    context: tuple[dict[int, Span], dict[int, str], LayerView, LayerView, PovConfig],
    current: Scene,
) -> str | None:
    jumps, names, cues, quotes, config = context
    para = paras[i]
    if quotes.covers(para.start):
        return None
    if _opens_with_jump(work, para, jumps):
        return "time_jump"
    newcomer = _opens_with_setting(work, para, names)
    if newcomer and _is_focal_shift(paras, i, newcomer, cues, current.start, config):
        return "setting_shift"
    return None


def find_scenes(
    work: Work,
    marked: Sequence[Scene],
    quotes: LayerView,
    expressions: Sequence[Span],
    cues: Sequence[Cue],
    config: PovConfig = DEFAULT,
) -> list[Scene]:
    """Every scene of the story, marked and unmarked, in text order."""
    jumps = {e.start: e for e in expressions if e["kind"] == "jump" and not quotes.covers(e.start)}
    names = {
        m.start: m["character"]
        for m in work.layer("mentions")
        if m.get("character") is not None and m.get("kind", "proper") == "proper"
    }
    index = LayerView(cues)  # cues by start
    scenes: list[Scene] = []
    for scene in marked:
        scenes.extend(split_unmarked(work, scene, jumps, names, index, quotes, config))
    return scenes
