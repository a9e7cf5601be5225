"""The fan works the self-supervised check data learn from, and how each is read.

Used by ``train_confusables.py`` and ``train_check_tables.py``. Every work is a folder (or a
set of files picked by a byline) of a public repository snapshot brought by the search tool's
``fetch`` (bare git directories ``owner+name/repo`` under ``--mirrors``); the texts stay there
and only metadata (repository, commit, files, words, hash) reaches the project.

None of these repositories is a development-set repository (``DEV_REPOSITORIES``) or one an
evaluation work of ``src/ficlens/eval/check_real_errors.json`` comes from, none is One Tree Hill
fan fiction, and whole works are held apart for scoring (``held_apart=True``).

Editing rule (the tables assume usage is the label): a training work is kept only when its
prose looks copy-edited by two signs measured on the work itself, fixed before any evaluation
was run with it: at most ``MAX_LOWER_I`` standalone lower-case "i" per 1,000 words of
narration (outside quotes: a character may speak in lower case on purpose), and at most
``MAX_UNKNOWN`` of its lower-case word tokens unknown to wordfreq's English list (typos, chat
spellings). ``python training/fan_works.py`` prints both figures per work.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from gather_fanfic_unlabelled import DEV_REPOSITORIES, FORBIDDEN  # this folder's

MAX_LOWER_I = 0.5  # per 1,000 words
MAX_UNKNOWN = 0.012  # share of lower-case word tokens
BYLINE_LINES = 12  # a byline is looked for in a file's first lines


@dataclass(frozen=True)
class FanWork:
    """One fan work in a repository snapshot: the files under ``folder`` whose path ends in
    ``suffix`` (and matches ``include``, and, with ``byline``, whose first lines match it)."""

    repository: str
    folder: str
    fandom: str
    held_apart: bool = False
    author: str = ""
    markup: str = "markdown"  # markdown | html | latex | js
    suffix: str = ".md"
    include: str = ""
    byline: str = ""


ARCHIVE = "nolongerhuman1945/fan-archive"
WRITING = "sflavelle/writing"
HPMOR = "rrthomas/hpmor"
METROPOLITAN = "justinpearson/The-Metropolitan-Man-Book"
DIGITS = "ludwigschubert/significant-digits-epub"
HP_STUFF = "lschierer/HP_Stuff"
SAIHEN = "bjornarovstedal/narutosaihen"
RENTRIES = "na-na-hi/renget"
PMD = "Pokémon Mystery Dungeon"


def _rentry_author(name: str) -> FanWork:
    """The stories one signed author posted to the Pokémon Mystery Dungeon threads (an
    archive of rentry pages: only the pages whose first lines carry the author's byline)."""
    return FanWork(RENTRIES, "archive", PMD, author=f"{name}-anon",
                   byline=rf"(?im)^[#>*\s-]*by {name}[- ]?anon\b")


# Works written by fans (the archive's works marked as machine-written are not used).
ORIGINAL_WORKS = (
    FanWork(ARCHIVE, "public/stories/ao3-1085412", "Harry Potter"),
    FanWork(ARCHIVE, "public/stories/ao3-21373585", "My Hero Academia"),
    FanWork(ARCHIVE, "public/stories/ao3-24410095", "Harry Potter", author="dragonfly117"),
    FanWork(WRITING, "Begin Again", "Splatoon", author="sflavelle"),
    FanWork(WRITING, "Splintering Realities (Multiversal Crossover Thing)", "games crossover",
            author="sflavelle"),
    FanWork(WRITING, "JevilxReader Stories", "Deltarune", author="sflavelle"),
    FanWork(WRITING, "Shorts and One-Shots", "A Hat in Time and others", author="sflavelle"),
    FanWork(ARCHIVE, "public/stories/ao3-37137298", "My Hero Academia / Stardew Valley", True),
    FanWork(WRITING, "Deliverer of Destiny (BOTW)", "Legend of Zelda", True, author="sflavelle"),
)
# Widened for other authors and fandoms (issue 23).
WIDER_WORKS = (
    FanWork(HPMOR, "chapters", "Harry Potter", author="Eliezer Yudkowsky", markup="latex",
            suffix=".tex", include=r"hpmor-chapter-\d+\.tex$"),
    FanWork(METROPOLITAN, "files", "Superman (DC)", author="Alexander Wales", markup="html",
            suffix="_c_fix.html", include=r"/\d\d_c_fix\.html$"),
    FanWork(DIGITS, "chapters", "Harry Potter", author="Alexander D.", markup="html",
            suffix="-chapter.html"),
    FanWork(HP_STUFF, "packages/assets/pages/FanFiction/Hope", "Harry Potter",
            author="Jeconais"),
    FanWork(HP_STUFF, "packages/assets/pages/FanFiction/Harry_Potter_-_Nephilim/Chapters",
            "Harry Potter", author="Luke Schierer"),
    FanWork(SAIHEN, "src/data/chapters", "Naruto", author="Bjørnar Øvstedal", markup="js",
            suffix=".js"),
    *(_rentry_author(name) for name in (
        "Ribombee", "Meowstic", "Skorupi", "Togetic", "Corviknight", "Mareep", "Oshawott",
        "Phanpy")),
)
FAN_WORKS = ORIGINAL_WORKS + WIDER_WORKS


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout


def _natural(path: str) -> list:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", path)]


# -- markup to prose -------------------------------------------------------------------------
_BLOCK_END = re.compile(r"(?i)</(?:p|div|h\d|li|blockquote)>|<br\s*/?>\s*<br\s*/?>")
_TAG = re.compile(r"<[^>]+>")
_LATEX_DROP = re.compile(r"\\(?:begin|end)\{[^}]*\}|\\(?:authorsnotetext|footnote)\{[^}]*\}"
                         r"|\\(?:vspace|hspace)\*?\{[^}]*\}|\\chapter\{[^}]*\}")
_LATEX_KEEP = re.compile(r"\\[A-Za-z]+\*?(?:\[[^\]]*\])?\{([^{}]*)\}")
_LATEX_BARE = re.compile(r"\\[A-Za-z]+\*?(?:\{\})?|\\.")
_JS_CONTENT = re.compile(r"content:\s*`(.*?)`", re.DOTALL)


def html_prose(raw: str) -> str:
    text = _BLOCK_END.sub("\n\n", raw)
    text = re.sub(r"(?i)<br\s*/?>", "\n", text)
    return html.unescape(_TAG.sub("", text))


def latex_prose(raw: str) -> str:
    text = re.sub(r"(?<!\\)%.*", "", raw)
    text = _LATEX_DROP.sub("", text)
    text = re.sub(r"\\lettrine\{([^}]*)\}\{([^}]*)\}", r"\1\2", text)
    for _ in range(3):  # nested \emph{\textsc{...}}
        text = _LATEX_KEEP.sub(r"\1", text)
    text = text.replace("~", " ").replace("``", "“").replace("''", "”").replace("---", "—")
    text = text.replace("--", "–")
    return _LATEX_BARE.sub("", text)


def js_prose(raw: str) -> str:
    """The chapter texts of a JavaScript data file (template literals holding HTML)."""
    parts = [re.sub(r"(?m)^[ \t]+", "", m.group(1)) for m in _JS_CONTENT.finditer(raw)]
    return html_prose("\n\n".join(parts))


PROSE = {"markdown": lambda raw: raw, "html": html_prose, "latex": latex_prose,
         "js": js_prose}


# -- reading a work --------------------------------------------------------------------------
def mirror(mirrors: Path, repository: str) -> Path:
    return mirrors / repository.replace("/", "+") / "repo"


def _work_files(repo: Path, work: FanWork) -> list[str]:
    files = [f for f in _git(repo, "ls-tree", "-r", "--name-only", "HEAD", "--",
                             work.folder).splitlines()
             if f.endswith(work.suffix) and (not work.include or re.search(work.include, f))]
    return sorted(files, key=_natural)


def _grep_pattern(byline: str) -> str:
    """The byline's name part, for a first pass of ``git grep``."""
    return re.search(r"by (\w+)", byline).group(1)


def _signed(texts: list[tuple[str, str]], byline: str) -> list[tuple[str, str]]:
    """The files whose first lines carry the byline, each text once (the archive keeps some
    pages under two names)."""
    seen, kept = set(), []
    for path, text in texts:
        head = "\n".join(text.splitlines()[:BYLINE_LINES])
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if re.search(byline, head) and digest not in seen:
            seen.add(digest)
            kept.append((path, text))
    return kept


def read_fan_work(mirrors: Path, work: FanWork) -> tuple[str, dict]:
    """The work's prose (its files in path order, markup removed) and where it came from."""
    if work.repository in DEV_REPOSITORIES:
        raise SystemExit(f"{work.repository}: a development-set repository")
    repo = mirror(mirrors, work.repository)
    commit = _git(repo, "rev-parse", "HEAD").strip()
    files = _work_files(repo, work)
    if work.byline:  # only the files that mention the author somewhere: git grep is fast
        named = set(_git(repo, "grep", "-l", "-i", "-E", _grep_pattern(work.byline), "HEAD",
                         "--", work.folder).replace("HEAD:", "").splitlines())
        files = [f for f in files if f in named]
    texts = [(f, _git(repo, "show", f"HEAD:{f}")) for f in files]
    if work.byline:
        texts = _signed(texts, work.byline)
    text = "\n\n".join(PROSE[work.markup](raw) for _, raw in texts)
    if FORBIDDEN.search(text):
        raise SystemExit(f"{work.repository}/{work.folder}: mentions a forbidden fandom")
    source = {"repository": work.repository, "folder": work.folder, "fandom": work.fandom,
              "commit": commit, "files": len(texts), "words": len(text.split()),
              "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}
    if work.author:
        source["author"] = work.author
    return text, source


# -- the editing rule ------------------------------------------------------------------------
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?:['’][a-z]+)?(?![\w'’-])")
_QUOTED = re.compile(r"“[^”\n]*”?|\"[^\"\n]*\"?")


def narration(text: str) -> str:
    """The text outside double quotes (a character may speak in lower case on purpose)."""
    return _QUOTED.sub(" ", text)


def editing_signs(text: str) -> dict[str, float]:
    """Lower-case "i" in narration per 1,000 words, and the share of lower-case words wordfreq
    does not know."""
    from wordfreq import zipf_frequency

    words = _LOWER_WORD.findall(text)
    if not words:
        return {"lower_i": 0.0, "unknown": 1.0}
    lower_i = sum(w == "i" for w in _LOWER_WORD.findall(narration(text)))
    vocabulary = {w: zipf_frequency(w.replace("’", "'"), "en") for w in set(words)}
    unknown = sum(vocabulary[w] == 0 for w in words)
    return {"lower_i": round(1000 * lower_i / len(text.split()), 3),
            "unknown": round(unknown / len(words), 4)}


def well_edited(signs: dict[str, float]) -> bool:
    return signs["lower_i"] <= MAX_LOWER_I and signs["unknown"] <= MAX_UNKNOWN


def training_works(mirrors: Path, works: tuple[FanWork, ...] = FAN_WORKS,
                   ) -> list[tuple[FanWork, str, dict]]:
    """Every work read, with its editing signs in its source record; the held-apart works are
    kept whatever their signs (they are only scored)."""
    read = []
    for work in works:
        text, source = read_fan_work(mirrors, work)
        signs = editing_signs(text)
        source["editing"] = {**signs, "kept": work.held_apart or well_edited(signs)}
        read.append((work, text, source))
    return read


def main() -> None:
    parser = argparse.ArgumentParser(description="Print each fan work's size and editing signs.")
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    args = parser.parse_args()
    for _work, _text, source in training_works(args.mirrors):
        print(f"{source['repository']}:{source['folder']} ({source.get('author', '?')}) "
              f"files={source['files']} words={source['words']} {source['editing']}")


if __name__ == "__main__":
    main()
