"""``ficlens eval check``: inject realistic errors into clean prose and score the checks.

For each held-out PDNC novel an excerpt is analysed as written (edited prose: every finding
on it is a false alarm), then once per category with errors of that category injected the way
writers make them. A finding of that category inside an injected error's window is a hit;
any other finding of that category is a false alarm.
"""

from __future__ import annotations

import random
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ficlens.check.confusable_model import SET_OF
from ficlens.check.context import CheckContext
from ficlens.check.runner import run_checks
from ficlens.check.vocab import INNER_STATE_VERBS
from ficlens.document import Span, Work

# Novels whose prose is kept for evaluation; the confusables model never trains on them.
DEV_NOVELS = frozenset({"HardTimes", "TheSignOfTheFour", "TheAwakening", "WhereAngelsFearToTread"})
CATEGORIES = ("dialogue", "confusables", "names", "pov", "tense", "speakers", "style")
PER_CATEGORY = 12  # injected errors per category per novel
# Style notes are suggestions: only the ones errors are injected for are scored; the others'
# rate on clean prose is reported as it is.
SCORED_RULES = {"style": frozenset({"style.said-bookism", "style.adverb-tag"})}


@dataclass(frozen=True, slots=True)
class Edit:
    start: int  # in the clean text
    end: int
    replacement: str
    window: tuple[int, int]  # where a finding may land, relative to the edit's start
    kind: str


@dataclass
class Score:
    hits: int = 0
    injected: int = 0
    false_alarms: int = 0
    clean_findings: int = 0

    @property
    def precision(self) -> float:
        found = self.hits + self.false_alarms
        return self.hits / found if found else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.injected if self.injected else 0.0

    def add(self, other: Score) -> None:
        self.hits += other.hits
        self.injected += other.injected
        self.false_alarms += other.false_alarms
        self.clean_findings += other.clean_findings


@dataclass
class Report:
    by_category: dict[str, Score] = field(default_factory=lambda: {c: Score() for c in CATEGORIES})
    words: int = 0
    novels: list[str] = field(default_factory=list)
    style_notes: int = 0  # every style suggestion on the clean prose

    def overall(self, categories=CATEGORIES) -> Score:
        total = Score()
        for category in categories:
            total.add(self.by_category[category])
        return total

    def to_dict(self) -> dict:
        def row(score: Score) -> dict:
            return {"precision": round(score.precision, 3), "recall": round(score.recall, 3),
                    "hits": score.hits, "injected": score.injected,
                    "false_alarms": score.false_alarms, "clean_findings": score.clean_findings}

        default = [c for c in CATEGORIES if c != "style"]
        return {"novels": self.novels, "words": self.words,
                "overall": row(self.overall(default)),
                "overall_with_style": row(self.overall()),
                "by_category": {c: row(s) for c, s in self.by_category.items()},
                "style_notes_per_1000_words": round(1000 * self.style_notes / max(1, self.words),
                                                    2)}


# -- injection ---------------------------------------------------------------------------
TAG = r"(said|asked|replied|answered|cried|whispered)"
NAME = r"(?:Mr\. |Mrs\. |Miss )?[A-Z][a-z]+(?: [A-Z][a-z]+)?"


def _dialogue_edits(text: str, work: Work, rng: random.Random) -> list[Edit]:
    edits = []
    for m in re.finditer(rf'([?!])(["”])\s+(he|she)\s+{TAG}\b', text):
        pronoun = m.group(3)
        edits.append(Edit(m.start(3), m.end(3), pronoun.capitalize(), (-2, 8), "capital"))
    for m in re.finditer(rf',(["”])\s+(he|she|[A-Z][a-z]+)\s+{TAG}\b', text):
        if rng.random() < 0.5:
            edits.append(Edit(m.start(), m.start() + 1, ".", (-2, 20), "period"))
        else:
            edits.append(Edit(m.start(), m.end(1), m.group(1) + ",", (-2, 4), "outside"))
    paragraphs = work.layer("paragraphs")
    for para, following in zip(paragraphs, paragraphs[1:], strict=False):
        body = text[para.start : para.end]
        narration_next = text[following.start] not in "\"“"  # else: a legal run-on speech
        if body.count('"') == 2 and body.endswith('."') and body.startswith('"') and narration_next:
            edits.append(Edit(para.end - 1, para.end, "", (-(para.end - para.start), 1), "open"))
    return edits


SWAPS = {"their": "there", "there": "their", "its": "it's", "it's": "its", "your": "you're",
         "then": "than", "than": "then", "lose": "loose", "whose": "who's", "breath": "breathe",
         "too": "to", "affect": "effect", "proposed": "purposed", "quite": "quiet",
         "whether": "weather", "through": "threw", "where": "were", "past": "passed"}


def _confusable_edits(text: str, work: Work, rng: random.Random) -> list[Edit]:
    edits = []
    for m in re.finditer(r"[A-Za-z']+", text):
        word = m.group().lower()
        if word in SWAPS and word in SET_OF:
            new = SWAPS[word]
            new = new.capitalize() if m.group()[0].isupper() else new
            edits.append(Edit(m.start(), m.end(), new, (0, len(new)), word))
    return edits


def _name_edits(text: str, work: Work, rng: random.Random) -> list[Edit]:
    counts: dict[str, int] = {}
    for entity in work.layer("entities"):
        name = work.span_text(entity)
        if entity.get("label") == "PERSON" and re.fullmatch(r"[A-Z][a-z]{4,}", name):
            counts[name] = counts.get(name, 0) + 1
    frequent = [n for n, c in counts.items() if c >= 15]
    edits = []
    for name in frequent:
        variant = _misspell(name)
        for m in re.finditer(rf"\b{name}\b", text):
            edits.append(Edit(m.start(), m.end(), variant, (0, len(variant)), name))
    return edits


def _misspell(name: str) -> str:
    for i in range(len(name) - 2, 0, -1):
        if name[i] in "aeiouy":
            swap = {"a": "e", "e": "a", "i": "y", "y": "i", "o": "a", "u": "o"}[name[i]]
            return name[:i] + swap + name[i + 1 :]
    return name + name[-1]


def _pov_edits(text: str, work: Work, rng: random.Random) -> list[Edit]:
    """In a third-limited scene, the focal character's 'she wondered' becomes the same
    thought given to the scene's most-mentioned other character, named as the text names
    them: a head-hop. One per scene, as a writer slips: a scene that reports another mind
    again and again is omniscient narration, which the check rightly leaves alone."""
    tokens = work.layer("tokens")
    starts = [t.start for t in tokens]
    context = CheckContext(work)
    edits = []
    for scene in work.layer("scenes"):
        focal = scene.get("focal")
        if scene.get("mode") != "third_limited" or not focal:
            continue
        other = _main_other(work, scene, focal)
        if other is None:
            continue
        inside = tokens[bisect_left(starts, scene.start) : bisect_left(starts, scene.end)]
        hops = [
            Edit(token.start, token.end, other, (0, len(other) + 20), "hop")
            for token in inside
            if _focal_thought(work, token, tokens) and _narration(context, token)
        ]
        if hops:
            edits.append(rng.choice(hops))
    return edits


def _focal_thought(work: Work, token: Span, tokens: list[Span]) -> bool:
    """A 'he' or 'she' subject of a past-tense inner-state verb ('she wondered')."""
    if token.get("dep") != "nsubj" or work.span_text(token).lower() not in ("he", "she"):
        return False
    head = tokens[token["head"]]
    return head.get("lemma") in INNER_STATE_VERBS and head.get("tag") == "VBD"


def _main_other(work: Work, scene, focal: str) -> str | None:
    """The surface name most used for the scene's most-mentioned non-focal character."""
    names: dict[str, list[str]] = {}
    for mention in work.layer("mentions"):
        who = mention.get("character")
        if scene.start <= mention.start < scene.end and who and who != focal:
            names.setdefault(who, []).append(work.span_text(mention))
    if not names:
        return None
    forms = max(names.values(), key=len)
    return max(set(forms), key=forms.count)


def _narration(context: CheckContext, token: Span) -> bool:
    """Narration as the checks see it (:meth:`CheckContext.in_narration`): outside the pieces
    of every speech quote, so the tag inside a split quote is narration, and outside notes."""
    return context.in_narration(token.start, token.end)


IRREGULAR = {"went": "goes", "was": "is", "had": "has", "came": "comes", "saw": "sees",
             "took": "takes", "made": "makes", "said": "says", "felt": "feels", "knew": "knows",
             "thought": "thinks", "got": "gets", "left": "leaves", "stood": "stands",
             "sat": "sits", "ran": "runs", "gave": "gives", "found": "finds", "told": "tells"}


def _present_tense(word: str, lemma: str) -> str:
    if word in IRREGULAR:
        return IRREGULAR[word]
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


def _tense_edits(text: str, work: Work, rng: random.Random) -> list[Edit]:
    tokens = work.layer("tokens")
    context = CheckContext(work)
    edits = []
    for index, token in enumerate(tokens):
        if token.get("tag") != "VBD" or token.get("dep") != "ROOT":
            continue
        subject = [t for t in tokens[max(0, index - 4) : index]
                   if t.get("head") == index and t.get("dep") == "nsubj"]
        if not subject or work.span_text(subject[0]).lower() not in ("he", "she"):
            continue
        if not _narration(context, token):
            continue
        word = work.span_text(token)
        new = _present_tense(word.lower(), token.get("lemma", word).lower())
        edits.append(Edit(token.start, token.end, new, (0, len(new)), "present"))
    return edits


def _crowded(work: Work, quote, genders: dict[str, str]) -> bool:
    """The line opens its paragraph and two people of the speaker's gender have spoken in the
    conversation's last lines: where a named tag is what tells the reader who speaks."""
    from ficlens.check.speakers import ambiguous_between, conversations

    paragraphs = work.layer("paragraphs")
    here = next((i for i, p in enumerate(paragraphs) if p.start <= quote.start < p.end), None)
    if here is None or work.text[paragraphs[here].start : quote.start].strip():
        return False
    speech = [q for q in work.layer("quotes") if q.get("speech", True)]
    for talk in conversations(speech):
        if quote in talk:
            people = {c: {"gender": g} for c, g in genders.items()}
            gender = genders.get(quote.get("speaker"))
            return bool(ambiguous_between(talk, talk.index(quote), gender, people))
    return False


def _speaker_edits(text: str, work: Work, rng: random.Random) -> list[Edit]:
    genders = {c["id"]: c.get("gender") for c in work.tables.get("characters", [])}
    edits = []
    for quote in work.layer("quotes"):
        speaker = quote.get("speaker")
        if quote.get("type") != "Explicit" or genders.get(speaker) not in ("M", "F"):
            continue
        if not _crowded(work, quote, genders):
            continue
        pronoun = "he" if genders[speaker] == "M" else "she"
        for _start, end in quote.get("parts") or [[quote.start, quote.end]]:
            after = text[end : end + 40]
            named = re.match(rf"\s+({NAME})\s+{TAG}\b", after)  # Eli said -> he said
            if named:
                edits.append(Edit(end + named.start(1), end + named.end(1), pronoun,
                                  (0, len(pronoun)), "pronoun"))
                break
            verb_first = re.match(rf"\s+{TAG}\s+({NAME})\b", after)  # said Eli -> he said
            if verb_first:
                edits.append(Edit(end + verb_first.start(1), end + verb_first.end(2),
                                  f"{pronoun} {verb_first.group(1)}", (0, len(pronoun)),
                                  "pronoun"))
                break
    return edits


def _style_edits(text: str, work: Work, rng: random.Random) -> list[Edit]:
    edits = []
    for m in re.finditer(r'(["”])\s+(he|she) said\b', text):
        verb_start = m.end() - 4
        if rng.random() < 0.5:
            edits.append(Edit(verb_start, m.end(), "ejaculated", (0, 10), "bookism"))
        else:
            edits.append(Edit(m.end(), m.end(), " softly", (-6, 8), "adverb"))
    return edits


INJECTORS: dict[str, Callable[[str, Work, random.Random], list[Edit]]] = {
    "dialogue": _dialogue_edits, "confusables": _confusable_edits, "names": _name_edits,
    "pov": _pov_edits, "tense": _tense_edits, "speakers": _speaker_edits, "style": _style_edits,
}


def choose(edits: list[Edit], count: int, rng: random.Random, spacing: int = 400) -> list[Edit]:
    """Up to ``count`` edits, far enough apart that their findings cannot be confused."""
    rng.shuffle(edits)
    chosen: list[Edit] = []
    for edit in edits:
        if all(abs(edit.start - other.start) > spacing for other in chosen):
            chosen.append(edit)
        if len(chosen) == count:
            break
    return sorted(chosen, key=lambda e: e.start)


def apply(text: str, edits: list[Edit]) -> tuple[str, list[tuple[int, int]]]:
    """The edited text and each edit's finding window in it."""
    pieces, windows, shift, position = [], [], 0, 0
    for edit in edits:
        pieces.append(text[position : edit.start])
        new_start = edit.start + shift
        windows.append((new_start + edit.window[0], new_start + edit.window[1]))
        pieces.append(edit.replacement)
        shift += len(edit.replacement) - (edit.end - edit.start)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces), windows


# -- scoring -----------------------------------------------------------------------------
def excerpt(text: str, words: int) -> str:
    """About ``words`` words from the start of the story, cut at a paragraph break."""
    spans = [m.end() for m in re.finditer(r"\n\s*\n", text)]
    count, end = 0, len(text)
    for boundary in spans:
        count = len(text[:boundary].split())
        if count >= words:
            end = boundary
            break
    return text[:end]


def score_novel(
    text: str, analyze: Callable[[str], Work], seed: int = 7
) -> tuple[dict[str, Score], int]:
    """Scores per category, and the number of style notes on the clean prose."""
    clean = analyze(text)
    every = run_checks(clean, select=CATEGORIES)
    style_notes = sum(f.category == "style" for f in every)
    clean_findings = [f for f in every if f.rule in SCORED_RULES.get(f.category, (f.rule,))]
    scores = {c: Score(clean_findings=sum(f.category == c for f in clean_findings))
              for c in CATEGORIES}
    for category in CATEGORIES:
        rng = random.Random(f"{seed}-{category}")
        edits = choose(INJECTORS[category](text, clean, rng), PER_CATEGORY, rng)
        if not edits:
            continue
        new_text, windows = apply(text, edits)
        scored = SCORED_RULES.get(category)
        findings = [f for f in run_checks(analyze(new_text), select=[category])
                    if f.category == category and (scored is None or f.rule in scored)]
        hit_windows = set()
        for finding in findings:
            matched = [i for i, (s, e) in enumerate(windows)
                       if finding.start < e and s < finding.end]
            if matched:
                hit_windows.update(matched)
            else:
                scores[category].false_alarms += 1
        scores[category].hits += len(hit_windows)
        scores[category].injected += len(edits)
    return scores, style_notes


def evaluate(data: Path, novels: list[str] | None = None, words: int = 12_000,
             on_novel: Callable[[str], None] = lambda _n: None) -> Report:
    from ficlens.pipeline import analyze

    folder = data / "pdnc" / "data" if (data / "pdnc").is_dir() else data
    names = novels or sorted(DEV_NOVELS)
    report = Report()
    for name in names:
        path = folder / name / "novel_text.txt"
        if not path.is_file():
            continue
        text = excerpt(path.read_text(encoding="utf-8"), words)
        scores, style_notes = score_novel(text, lambda t: analyze(Work(text=t)))
        for category, score in scores.items():
            report.by_category[category].add(score)
        report.style_notes += style_notes
        report.words += len(text.split())
        report.novels.append(name)
        on_novel(name)
    return report
