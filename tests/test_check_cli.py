"""``ficlens check``: --fix writes a corrected copy, --list-rules, unknown rules, the page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

STORY = ('"Will you come?" He asked. They walked to to the door.\n\n'
         '"Thanks Mom," Mara said. Mara smiled at <script>alert(1)</script> her mother.\n')


def ficlens(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "80"}
    return subprocess.run([sys.executable, "-m", "ficlens", *args], capture_output=True,
                          text=True, timeout=300, env=env)


def test_fix_writes_a_corrected_copy_and_never_the_story(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    done = ficlens("check", str(story), "--fix")
    assert done.returncode == 0, done.stderr
    fixed = (tmp_path / "story.fixed.txt").read_text(encoding="utf-8")
    assert fixed.startswith('"Will you come?" he asked. They walked to the door.')
    assert '"Thanks, Mom," Mara said.' in fixed
    assert story.read_text(encoding="utf-8") == STORY
    refused = ficlens("check", str(story), "--fix", "--output", str(story))
    assert refused.returncode != 0 and "never overwrites" in refused.stderr
    assert story.read_text(encoding="utf-8") == STORY


def test_unknown_rule_names_are_one_line_errors(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    done = ficlens("check", str(story), "--select", "dialogue,no-such-rule")
    assert done.returncode != 0
    assert done.stderr.strip().count("\n") == 0 and "no-such-rule" in done.stderr


def test_list_rules_names_every_rule() -> None:
    from ficlens.check import RULES

    done = ficlens("check", "--list-rules")
    assert done.returncode == 0
    assert f"{len(RULES)} rules" in done.stdout
    # whole ids even in an 80-column terminal: they are what --select takes
    assert all(rule_id in done.stdout for rule_id in RULES)
    # the table leaves the category out because it is the id's first part
    assert all(rule.category == rule.id.split(".")[0] for rule in RULES.values())


def test_findings_table_prints_names_and_text_literally(tmp_path: Path) -> None:
    story = tmp_path / "[red]draft [bold]one.txt"
    story.write_text(STORY, encoding="utf-8")
    done = ficlens("check", str(story))
    assert done.returncode == 0, done.stderr
    assert "[red]draft [bold]one.txt" in done.stdout and "words.doubled" in done.stdout


def test_the_page_escapes_the_story_and_shows_suggestions(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    done = ficlens("check", str(story), "-f", "html")
    assert done.returncode == 0, done.stderr
    assert "<script>" not in done.stdout and "&lt;script&gt;" in done.stdout
    assert "→ he" in done.stdout


def test_bench_check_times_the_checks_against_the_analysis(tmp_path: Path) -> None:
    import json

    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    done = ficlens("bench", "check", "--story", str(story), "--min-words", "300", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["words"] >= 300 and result["findings"] > 0
    assert result["check_run_vs_analyze"] >= 1.0


def test_text_findings_go_to_output_when_asked(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    report = tmp_path / "report.txt"
    done = ficlens("check", str(story), "--output", str(report))
    assert done.returncode == 0, done.stderr
    assert "words.doubled" not in done.stdout
    written = report.read_text(encoding="utf-8")
    assert "story.txt" in written and "words.doubled" in written
    assert "\x1b[" not in written  # plain text, no terminal colour codes
    to_a_folder = ficlens("check", str(story), "--output", str(tmp_path))
    assert to_a_folder.returncode == 2 and to_a_folder.stderr.count("\n") == 1
