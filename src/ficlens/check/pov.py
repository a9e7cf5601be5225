"""POV slips: head-hopping in a third-limited scene, and unannounced switches mid-scene.

In a scene the POV stage calls third-limited, a narration sentence whose subject is another
character thinking, feeling or knowing something reports what the focal character cannot
see. It is not a slip when that verb sits under the focal character's own perception ("She
could tell he knew"). Three or more such sentences for the same character with none of the
focal character's in between is a switch of POV inside the scene.

Head-hopping is a craft choice more often than an error a copy editor fixes (on the tuning
part of the hand-marked fan fiction none of its four findings was a marked error), so it runs
only when selected (``--select pov``).
"""

from __future__ import annotations

from collections.abc import Iterator

from ficlens.check.context import CheckContext
from ficlens.check.findings import Finding, Rule
from ficlens.check.vocab import INNER_STATE_VERBS
from ficlens.document import Span

CATEGORY = "pov"
RULES = (
    Rule("pov.head-hop", CATEGORY, "warning",
         "A third-limited scene reports the thoughts or feelings of a non-focal character.",
         default=False),
    # Off unless selected too: a move of point of view inside a scene is a craft choice the
    # guide to marking errors leaves alone; none of its findings on the tuning parts (1) or on
    # unlabelled fan fiction (2) was an error a copy editor would fix.
    Rule("pov.switch-mid-scene", CATEGORY, "warning",
         "The point of view moves to another character in the middle of a scene.",
         default=False),
)
GOVERNING = INNER_STATE_VERBS | {"tell", "could", "see", "saw", "guess", "suspect", "imagine",
                                 "sense", "bet", "doubt", "notice", "seem", "look", "appear",
                                 "question", "ask", "make", "wonder"}
SWITCH_RUN = 3
MIN_CONFIDENCE = 0.5  # the POV stage's own confidence that the scene is limited
FOCAL_MIN = 3  # the focal character's thoughts reported this often before a slip can be one
MAX_OTHER = 2  # another character thinking more often than this is omniscient narration


def inner_subjects(tokens: list[Span], all_tokens: list[Span]) -> Iterator[tuple[Span, Span]]:
    """(subject, verb) pairs where the verb is an inner-state verb not under another one."""
    for token in tokens:
        if token.get("dep") not in ("nsubj", "nsubjpass"):
            continue
        head_index = token.get("head", -1)
        if not 0 <= head_index < len(all_tokens):
            continue
        verb = all_tokens[head_index]
        if verb.get("lemma", "").lower() not in INNER_STATE_VERBS:
            continue
        if not _governed(verb, all_tokens) and not _conditional(head_index, all_tokens):
            yield token, verb


def _conditional(verb_index: int, all_tokens: list[Span]) -> bool:
    """'if she ever loved him', 'whether he knew': a question, not a report of a mind."""
    window = all_tokens[max(0, verb_index - 6) : verb_index]
    return any(t.get("dep") == "mark" and t.get("head") == verb_index
               and t.get("lemma", "").lower() in ("if", "whether") for t in window)


def _governed(verb: Span, all_tokens: list[Span]) -> bool:
    current = verb
    for _ in range(3):
        head_index = current.get("head", -1)
        if not 0 <= head_index < len(all_tokens) or all_tokens[head_index] is current:
            return False
        current = all_tokens[head_index]
        if current.get("lemma", "").lower() in GOVERNING:
            return True
    return False


def check(ctx: CheckContext) -> Iterator[Finding]:
    tokens = ctx.work.layer("tokens")
    if not tokens or not ctx.work.layer("scenes"):
        return
    by_scene: dict[int, list[tuple[str, Span, Span]]] = {}
    for sentence_tokens in ctx.sentence_tokens:
        if not sentence_tokens:
            continue
        scene = ctx.scene_at(sentence_tokens[0].start)
        if not _limited(scene):
            continue
        for subject, verb in inner_subjects(sentence_tokens, tokens):
            who = ctx.character_at(subject.start)
            if who and ctx.in_narration(subject.start, verb.end):
                clear = _clear(ctx, subject, scene)
                by_scene.setdefault(scene.start, []).append((who, subject, verb, clear))
    for start, states in by_scene.items():
        yield from _scene_slips(ctx, ctx.scene_at(start), states)


def _limited(scene: Span | None) -> bool:
    """A scene the POV stage is reasonably sure is third-limited, with a focal character."""
    return (scene is not None and scene.get("mode") == "third_limited"
            and bool(scene.get("focal")) and scene.get("confidence", 1.0) >= MIN_CONFIDENCE)


PRONOUN_GENDER = {"he": "M", "she": "F"}


def _clear(ctx: CheckContext, subject: Span, scene: Span) -> bool:
    """A subject whose referent is not in doubt: a name, or a he/she whose gender differs from
    the focal character's. A same-gender pronoun is the focal character's by default, and
    resolving it otherwise is too uncertain to call a slip."""
    if subject.get("tag") == "NNP":
        return True
    gender = PRONOUN_GENDER.get(ctx.work.span_text(subject).lower())
    focal_gender = ctx.characters.get(scene["focal"], {}).get("gender")
    return gender is not None and focal_gender in ("M", "F") and gender != focal_gender


def _scene_slips(ctx: CheckContext, scene: Span, states) -> Iterator[Finding]:
    """Slips only where the scene really is limited: the focal character's inner life is
    reported at least FOCAL_MIN times, and the other character's only now and then."""
    focal = scene["focal"]
    counts: dict[str, int] = {}
    for who, _, _, _ in states:
        counts[who] = counts.get(who, 0) + 1
    if counts.get(focal, 0) < FOCAL_MIN:
        return
    run: list[tuple[str, Span]] = []
    for who, subject, verb, clear in states:
        if who == focal:
            run = []
            continue
        if not clear:
            continue
        run.append((who, subject))
        if len(run) == SWITCH_RUN and len({w for w, _ in run}) == 1:
            yield _switch(ctx, run[0][1], who, focal)
        elif counts[who] <= MAX_OTHER:
            yield _head_hop(ctx, subject, verb, who, focal)


def _name(ctx: CheckContext, character_id: str) -> str:
    return ctx.characters.get(character_id, {}).get("name", character_id)


def _head_hop(ctx, subject: Span, verb: Span, who: str, focal: str) -> Finding:
    return Finding("pov.head-hop", CATEGORY, "warning", subject.start, verb.end,
                   f"This scene is in {_name(ctx, focal)}'s point of view, but this tells what "
                   f"{_name(ctx, who)} {ctx.work.span_text(verb)}: show it from outside, or "
                   "break the scene.")


def _switch(ctx, first: Span, who: str, focal: str) -> Finding:
    return Finding("pov.switch-mid-scene", CATEGORY, "warning", first.start, first.end,
                   f"From here the narration follows {_name(ctx, who)}'s thoughts, not "
                   f"{_name(ctx, focal)}'s: mark the switch with a scene break.")
