"""Pipeline stage ``pov``: scenes, narrative person, focal character, time cues and timeline.

Reads ``paragraphs``, ``chapters``, ``scene_breaks``, ``pov_labels``, ``notes`` (segment),
``tokens`` and ``sentences`` (nlp), and, when present, the ``characters`` table, ``mentions``,
``quotes`` and ``coref``. Adds:

* layer ``time_expressions``: attrs ``kind`` (jump / duration / point / relative), ``value``
  (normalised, e.g. ``{"amount": 1, "unit": "year", "direction": "after"}``), ``text``,
  ``in_quote``, ``in_note``;
* layer ``scenes``: attrs ``number``, ``person`` (first / second / third), ``mode`` (first /
  second / third_limited / omniscient / objective; null when no characters are known),
  ``focal`` (character id or null), ``confidence``,
  ``source_of_break`` (start / chapter / scene_break / pov_label / time_jump / setting_shift),
  ``pov_label``, ``words``, ``minds`` (cue weight per character id), ``focal_runs``
  (``[{start, end, focal}]``: stretches reporting one mind, showing how a scene hops heads);
* layer ``pov_cues``: narration cues of a character's inner life (attrs ``character``,
  ``kind`` cognition / perception / emotion / state / inner / free_indirect, ``lemma``,
  ``weight``), for
  head-hopping checks;
* table ``pov_switches``: ``[{offset, from, to, scene, source_of_break}]``;
* table ``timeline``: see :mod:`ficlens.pov.timeline`.
"""

from __future__ import annotations

from collections.abc import Sequence

from ficlens.coref.readings import SceneDefaults
from ficlens.document import LayerView, Span, Work
from ficlens.pov.config import DEFAULT, PovConfig
from ficlens.pov.cues import NARRATOR, Cue, PronounCounts, count_pronouns, find_cues
from ficlens.pov.focal import pov_switches, scene_focus
from ficlens.pov.regions import note_intervals, quote_intervals
from ficlens.pov.scenes import Scene, find_scenes, marked_scenes
from ficlens.pov.timeline import build_timeline
from ficlens.pov.timex import find_time_expressions
from ficlens.stage import Stage

__all__ = ["STAGE", "PovConfig", "run"]


def time_expression_spans(
    work: Work, quotes: LayerView, notes: LayerView, window: int = DEFAULT.timex_window
) -> list[Span]:
    return [
        Span(
            expr.start,
            expr.end,
            {
                "kind": expr.kind,
                "value": expr.value,
                "text": work.text[expr.start : expr.end],
                "in_quote": quotes.covers(expr.start),
                "in_note": notes.covers(expr.start),
            },
        )
        for expr in find_time_expressions(work.text, window=window)
    ]


def scene_spans(
    work: Work,
    scenes: Sequence[Scene],
    cues: Sequence[Cue],
    pronouns: PronounCounts,
    config: PovConfig = DEFAULT,
) -> list[Span]:
    by_start = LayerView(cues)
    spans = []
    for number, scene in enumerate(scenes, start=1):
        inside = by_start.between(scene.start, scene.end)
        focus = scene_focus(work, scene, inside, pronouns, config)
        attrs = {
            "number": number,
            "person": focus.person,
            "mode": focus.mode,
            "focal": focus.focal,
            "confidence": focus.confidence,
            "source_of_break": scene.source,
            "pov_label": scene.label,
            "words": scene.words,
            "minds": focus.weights,
            "focal_runs": focus.runs,
        }
        spans.append(Span(scene.start, scene.end, attrs))
    return spans


def cue_spans(cues: Sequence[Cue], scenes: Sequence[Span]) -> list[Span]:
    """Cues as spans; an unresolved narrator "I" takes its scene's first-person narrator."""
    by_start = LayerView(scenes)
    spans = []
    for cue in cues:
        character = cue.character
        if character == NARRATOR:
            i = by_start.index_at(cue.start)
            first_person = i >= 0 and scenes[i]["mode"] == "first"
            character = scenes[i]["focal"] if first_person else None
        if character is None:
            continue
        attrs = {
            "character": character,
            "kind": cue.kind,
            "lemma": cue.lemma,
            "weight": round(cue.weight, 2),
        }
        spans.append(Span(cue.start, cue.end, attrs))
    return spans


def run(work: Work, config: PovConfig = DEFAULT) -> None:
    quotes = quote_intervals(work)
    notes = note_intervals(work)
    expressions = time_expression_spans(work, quotes, notes, config.timex_window)
    work.add_layer("time_expressions", expressions)

    narration_only = [quotes, notes]
    marked = marked_scenes(work, notes, config)
    # who a cue's subject is: coreference's scene-default reading over the marked scenes
    resolver = SceneDefaults(work, [(s.start, s.end) for s in marked])
    cues = find_cues(
        work, resolver, narration_only, config.max_ancestor_steps, config.free_indirect_reach
    )
    pronouns = count_pronouns(work, narration_only)

    scenes = find_scenes(work, marked, quotes, expressions, cues, config)
    spans = work.add_layer("scenes", scene_spans(work, scenes, cues, pronouns, config))
    work.add_layer("pov_cues", cue_spans(cues, spans))
    work.set_table("pov_switches", pov_switches([s.to_dict() for s in spans]))
    sentence_starts = [s.start for s in work.layer("sentences")]
    timeline = build_timeline(work.text, spans, expressions, sentence_starts, config.opening_reach)
    work.set_table("timeline", timeline)


STAGE = Stage(
    name="pov",
    summary="scenes, narrative person, focal character, time cues, timeline",
    run=run,
    assigns=("time_expressions", "scenes", "pov_cues", "pov_switches", "timeline"),
    requires=("tokens", "sentences"),
    reads=(
        "paragraphs", "chapters", "scene_breaks", "pov_labels", "notes", "headings",
        "markup_notes", "characters", "mentions", "quotes", "coref",
    ),
    default=DEFAULT,
)
