"""``ficlens eval check`` on real errors: the hand-marked copy edits of real fan fiction.

``check_real_errors.json`` holds, for the sample stories and three works of the fan-fiction
development set, every error a copy editor would fix (offsets, category, correction, whether it
is unambiguous) and the names and fandom terms a check must leave alone. Findings are matched to
errors one-to-one by overlap: a finding on a marked error is right whatever its rule, any other
finding is a false finding. The works are split into a tuning part and a held-apart part
(``split`` in the file); both are reported, and "all" is the two together.

A third part, ``held_apart_new``, holds works of public fan-fiction repositories that no rule,
table or model of the check was trained or tuned on (marked by reading the text before the check
ever ran on it). Their entries name a ``source`` (repository, commit, path) instead of a
``folder``: the text is read from a local snapshot of the repository (``mirrors``, bare git
directories ``owner+name/repo``) and skipped, with a note, where the snapshot is absent.
A fourth part, ``tune_new``, holds repository works marked the same way (before the check ran on
them) as a larger tuning part of modern fan fiction; it is reported on its own and, like
``held_apart_new``, is not in "all".
A fifth part, ``fresh_authors``, holds chapters by authors in no other part, marked blind the
same way; it is reported on its own table (not in "all"). Its first table measured the rules on
new authors out of sample; rules were then written from its misses, so it is a tuning part.
A source that is a whole novel in one file names the chapter's ``lines`` (first and last,
counted from 1; :func:`ficlens.eval.snapshots.snapshot_file` cuts them out).
A sixth part, ``fresh_authors_2``, holds works by authors in no other part, marked blind the
same way; its first table (session of 2026-12-07) measured the rules out of sample, then its
false findings were read and two fixes written from them, so, like ``fresh_authors``, it is a
tuning part now. It is reported on its own table and is not in "all".
A seventh part, ``fresh_authors_3``, is the blind held-apart part of the same kind: works by
three more authors in no other part, from repositories no other part uses; nobody writing
rules reads its misses or false findings; reported on its own table, not in "all".
An eighth part, ``fresh_authors_4``, is a second blind held-apart part of that kind (five
one-shots of a fan zine by five more authors).
A ninth part, ``fresh_authors_5``, holds five works by four more authors in no other part (a
Star Wars story from a blog, Elder Scrolls stories posted to a subreddit), marked blind the same
way; its first table was measured once out of sample, then rules are written from its misses, so
it is a tuning part, reported on its own table and not in "all".
A tenth part, ``fresh_authors_6``, is a third blind held-apart part like parts 3 and 4: six
Bleach works by three more authors in no other part (the fan-fiction pages of a Bleach fan site
kept in a repository no other part uses); nobody writing rules reads its misses or false
findings; reported on its own table, not in "all".

How errors are marked (what counts, unambiguous or not, spans): ``docs/CHECK_ANNOTATION.md``.

False findings on names are also counted on every work of the fan-fiction set: a finding that
lies inside a marked term or a word of a gold character's name or alias.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ficlens.check.findings import Finding
from ficlens.document import Work
from ficlens.eval.snapshots import snapshot_file

ANNOTATION = "check_real_errors.json"
NAME_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


@dataclass(frozen=True, slots=True)
class RealError:
    start: int
    end: int
    category: str
    correction: str
    unambiguous: bool


@dataclass
class Tally:
    errors: int = 0
    found: int = 0
    unambiguous: int = 0
    found_unambiguous: int = 0

    def add(self, other: Tally) -> None:
        self.errors += other.errors
        self.found += other.found
        self.unambiguous += other.unambiguous
        self.found_unambiguous += other.found_unambiguous

    def row(self) -> dict:
        return {"errors": self.errors, "found": self.found,
                "recall": _ratio(self.found, self.errors),
                "unambiguous": self.unambiguous, "found_unambiguous": self.found_unambiguous,
                "recall_unambiguous": _ratio(self.found_unambiguous, self.unambiguous)}


@dataclass
class WorkScore:
    name: str
    by_category: dict[str, Tally] = field(default_factory=dict)
    findings: int = 0
    right: int = 0  # findings on a marked error
    by_rule: dict[str, list[int]] = field(default_factory=dict)  # rule -> [findings, right]
    term_findings: list[str] = field(default_factory=list)
    false_findings: list[tuple[str, int, int]] = field(default_factory=list)


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def load_annotation(path: Path | None = None) -> dict:
    if path is not None:
        return json.loads(path.read_text(encoding="utf-8"))
    source = resources.files("ficlens.eval").joinpath(ANNOTATION)
    return json.loads(source.read_text(encoding="utf-8"))


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def term_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Every whole-word occurrence of each term."""
    spans = []
    for term in {t for t in terms if t}:
        pattern = rf"(?<![\w'’]){re.escape(term)}(?![\w'’])"
        spans.extend((m.start(), m.end()) for m in re.finditer(pattern, text))
    return spans


def on_term(finding: Finding, spans: list[tuple[int, int]]) -> bool:
    return any(start <= finding.start and finding.end <= end for start, end in spans)


def score_work(name: str, text: str, findings: list[Finding], errors: list[RealError],
               terms: Iterable[str]) -> WorkScore:
    score = WorkScore(name, findings=len(findings))
    matched: set[int] = set()
    spans = term_spans(text, terms)
    for finding in sorted(findings, key=lambda f: (f.start, f.end)):
        hit = next((i for i, e in enumerate(errors) if i not in matched
                    and finding.start < max(e.end, e.start + 1) and e.start < finding.end), None)
        counts = score.by_rule.setdefault(finding.rule, [0, 0])
        counts[0] += 1
        if hit is not None:
            matched.add(hit)
            score.right += 1
            counts[1] += 1
            continue
        score.false_findings.append((finding.rule, finding.start, finding.end))
        if on_term(finding, spans):
            score.term_findings.append(text[finding.start:finding.end])
    for i, error in enumerate(errors):
        tally = score.by_category.setdefault(error.category, Tally())
        tally.errors += 1
        tally.found += i in matched
        tally.unambiguous += error.unambiguous
        tally.found_unambiguous += error.unambiguous and i in matched
    return score


def gold_names(gold: Path) -> list[str]:
    """The words of every character name and alias in a fan-fiction gold file."""
    data = json.loads(gold.read_text(encoding="utf-8"))
    words = set()
    for character in data.get("characters", []):
        for alias in [character.get("id", ""), *character.get("aliases", [])]:
            words.update(w for w in NAME_WORD.findall(alias) if w[0].isupper())
    return sorted(words)


def summarise(scores: list[WorkScore]) -> dict:
    categories: dict[str, Tally] = {}
    total = Tally()
    rules: dict[str, list[int]] = {}
    for score in scores:
        for category, tally in score.by_category.items():
            categories.setdefault(category, Tally()).add(tally)
            total.add(tally)
        for rule, (found, right) in score.by_rule.items():
            pair = rules.setdefault(rule, [0, 0])
            pair[0] += found
            pair[1] += right
    findings = sum(s.findings for s in scores)
    right = sum(s.right for s in scores)
    return {"works": [s.name for s in scores], "findings": findings, "right": right,
            "precision": _ratio(right, findings), **total.row(),
            "by_category": {c: t.row() for c, t in sorted(categories.items())},
            "by_rule": {r: {"findings": f, "right": k, "precision": _ratio(k, f)}
                        for r, (f, k) in sorted(rules.items())},
            "term_findings": [t for s in scores for t in s.term_findings]}


PARTS = ("tune", "held_apart", "held_apart_new", "tune_new", "fresh_authors", "fresh_authors_2",
         "fresh_authors_3", "fresh_authors_4", "fresh_authors_5", "fresh_authors_6")


def evaluate_real(shared: Path, check: Callable[[Work], list[Finding]],
                  annotation: dict | None = None,
                  on_work: Callable[[str], None] = lambda _n: None,
                  mirrors: Path | None = None) -> dict:
    """Scores on the marked works (tune, held apart, all = the two; held apart new; tune new;
    fresh authors; fresh authors 2, 3, 4, 5 and 6) and names on the whole fan-fiction set.

    ``check`` analyses nothing: it takes an analysed work and returns its findings.
    """
    from ficlens.ingest import read_path
    from ficlens.pipeline import analyze

    annotation = annotation or load_annotation()
    scores: dict[str, WorkScore] = {}
    checked: dict[str, tuple[str, list[Finding]]] = {}
    skipped: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        for name, entry in annotation["works"].items():
            path = _story_path(shared, mirrors, name, entry, Path(scratch))
            if path is None:
                skipped.append(name)
                continue
            work = read_path(path)
            if text_hash(work.text) != entry["sha256"]:
                raise ValueError(f"{path}: the text ficlens reads has changed since the errors "
                                 "were marked; re-anchor the annotation")
            analyze(work)
            errors = [RealError(**e) for e in entry["errors"]]
            checked[name] = (work.text, check(work))
            scores[name] = score_work(name, work.text, checked[name][1], errors, entry["terms"])
            on_work(name)
    split = annotation["split"]
    result = {part: summarise([scores[n] for n in split.get(part, ()) if n in scores])
              for part in PARTS}
    result["all"] = summarise([scores[n] for part in ("tune", "held_apart")
                               for n in split[part] if n in scores])
    result["skipped"] = skipped
    result["skipped_by_part"] = {part: [n for n in split.get(part, ()) if n in skipped]
                                 for part in PARTS}
    result["names"] = names_on_fanfic(shared, check, annotation, checked, on_work)
    return result


def _story_path(shared: Path, mirrors: Path | None, name: str, entry: dict,
                scratch: Path) -> Path | None:
    """Where the marked work's text is: in ../shared, or copied out of a repository snapshot
    into ``scratch`` (None when neither is there)."""
    if "source" not in entry:
        path = shared / entry["folder"] / name
        return path if path.is_file() else None
    return snapshot_file(entry["source"], mirrors, scratch / name)


def names_on_fanfic(shared: Path, check: Callable[[Work], list[Finding]], annotation: dict,
                    checked: dict[str, tuple[str, list[Finding]]],
                    on_work: Callable[[str], None]) -> dict:
    """Findings on names and fandom terms across every work of the fan-fiction set."""
    from ficlens.ingest import read_path
    from ficlens.pipeline import analyze

    folder = shared / "data" / "fanfic"
    per_work: dict[str, list[str]] = {}
    for gold in sorted(folder.glob("*/*.gold.json")):
        story = next((p for p in gold.parent.glob(gold.name.replace(".gold.json", ".*"))
                      if not p.name.endswith(".gold.json")), None)
        if story is None:
            continue
        if story.name not in checked:
            work = analyze(read_path(story))
            checked[story.name] = (work.text, check(work))
            on_work(story.name)
        text, findings = checked[story.name]
        marked = annotation["works"].get(story.name, {})
        terms = [*gold_names(gold), *marked.get("terms", [])]
        errors = [RealError(**e) for e in marked.get("errors", [])]
        per_work[story.name] = score_work(story.name, text, findings, errors, terms).term_findings
    return {"works": len(per_work), "false_findings": sum(len(v) for v in per_work.values()),
            "by_work": {k: v for k, v in per_work.items() if v}}
