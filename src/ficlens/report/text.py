"""A readable terminal summary of an analysed work, sized for 80 columns.

Colours and tables come from rich, which drops ANSI codes by itself when the output is not a
terminal; every section prints a short dim line instead of failing when its layer is missing.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from ficlens.document import Work
from ficlens.report import facts as facts_mod
from ficlens.report import portraits as portraits_mod
from ficlens.report.facts import Facts

SPARKS = "▁▂▃▄▅▆▇█"
SPARK_WIDTH = 50
MAX_CHARACTERS = 15
MAX_SCENES = 30
MAX_RELATIONS = 5
MAX_CUES = 20
MAX_PORTRAITS = 5
PORTRAIT_WORDS = 6


def print_summary(work: Work, console: Console) -> None:
    facts = facts_mod.build(work)
    for part in (
        heading(work),
        metadata(work),
        notes(work),
        characters(facts),
        portraits(work, facts),
        dialogue(facts, work),
        scenes(work, facts),
        pairing(work, facts),
        arc(work),
        time_cues(work),
    ):
        if part is not None:
            console.print(part)


def add_row(table: Table, *cells: object) -> None:
    """A table row whose strings are shown as they are: story text is not rich markup."""
    table.add_row(*(c if isinstance(c, Text) else Text(str(c)) for c in cells))


def title(text: str) -> Text:
    return Text("\n" + text, style="bold underline")


def missing(what: str, stage: str) -> Text:
    return Text(f"  no {what}: the {stage} stage has not run", style="dim italic")


def heading(work: Work) -> Group:
    meta = work.metadata
    lines = [Text(facts_mod.display_title(work), style="bold")]
    if meta.authors:
        lines.append(Text("by " + ", ".join(meta.authors)))
    stats = [f"{meta.word_count or work.word_count:,} words"]
    if len(work.layer("chapters")) > 1:
        stats.append(facts_mod.counted(len(work.layer("chapters")), "chapter"))
    if work.layer("scenes"):
        stats.append(facts_mod.counted(len(work.layer("scenes")), "scene"))
    lines.append(Text(" · ".join(stats), style="dim"))
    return Group(*lines)


def metadata(work: Work) -> Table | None:
    meta = work.metadata
    rows = [
        ("Rating", [meta.rating] if meta.rating else []),
        ("Warnings", meta.warnings),
        ("Category", meta.category),
        ("Fandoms", meta.fandoms),
        ("Relationships", meta.relationships),
        ("Characters", meta.characters),
        ("Tags", meta.additional_tags),
        ("Series", [f"Part {s.part} of {s.name}" if s.part else s.name for s in meta.series]),
    ]
    rows = [(label, values) for label, values in rows if values]
    if not rows:
        return None
    table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False)
    table.add_column(style="dim", no_wrap=True)
    table.add_column(overflow="fold")
    for label, values in rows:
        add_row(table, label, ", ".join(values))
    return table


def notes(work: Work) -> Group | None:
    found = work.layer("notes")
    if not found:
        return None
    lines = [title(f"Notes ({len(found)})")]
    for note in found:
        kind = str(note.get("kind") or "note").replace("_", " ")
        position = note.get("position") or ""
        label = f"  {kind} ({position}) " if position else f"  {kind} "
        text = Text(label, style="bold")
        text.append(facts_mod.span_label(work, note, 78 - len(label)), style="")
        lines.append(text)
    return Group(*lines)


def characters(facts: Facts) -> Group:
    if not facts.characters:
        return Group(title("Characters"), missing("characters", "characters"))
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False, expand=False)
    table.add_column("Character", overflow="fold", max_width=22)
    table.add_column("Aliases", overflow="ellipsis", max_width=20, no_wrap=True, style="dim")
    table.add_column("Gender", max_width=6, overflow="ellipsis", no_wrap=True)
    table.add_column("Mentions", justify="right")
    table.add_column("Lines", justify="right")
    table.add_column("Share", justify="right")
    for character in facts.characters[:MAX_CHARACTERS]:
        add_row(table,
            Text(character.name, style=f"bold {character.colour}"),
            ", ".join(character.aliases),
            character.gender or "",
            f"{character.mentions:,}",
            f"{character.lines:,}",
            f"{character.share:.0%}",
        )
    parts = [title(f"Characters ({len(facts.characters)})"), table]
    hidden = len(facts.characters) - MAX_CHARACTERS
    if hidden > 0:
        parts.append(Text(f"  … and {hidden} more", style="dim"))
    return Group(*parts)


def portraits(work: Work, facts: Facts) -> Group | None:
    """Top verbs and describing words of the main characters."""
    if not work.has("portraits"):
        return None
    found = portraits_mod.portraits(work)
    main = [c for c in facts.characters if c.id in found][:MAX_PORTRAITS]
    if not main:
        return None
    lines = [title("Portraits")]
    for character in main:
        lines.append(Text("  " + character.name, style=f"bold {character.colour}"))
        portrait = found[character.id]
        for role in portraits_mod.ROLES:
            top = portrait.top(role, PORTRAIT_WORDS)
            if top:
                line = Text(f"    {portraits_mod.ROLE_TITLES[role].lower()}: ", style="dim")
                line.append(", ".join(f"{word} ({count})" if count > 1 else word
                                      for word, count in top))
                lines.append(line)
    return Group(*lines)


def dialogue(facts: Facts, work: Work) -> Group:
    if not work.has("quotes"):
        return Group(title("Quotes"), missing("quotes", "quotes"))
    attributed = sum(1 for q in facts.speech if q.get("speaker") is not None)
    line = Text(f"  {facts_mod.counted(len(facts.speech), 'line')} of dialogue, "
                f"{attributed:,} attributed")
    counts = [(t, facts.quote_types[t]) for t in facts_mod.TYPES]
    counts += [(t, n) for t, n in facts.quote_types.items() if t not in facts_mod.TYPES]
    by_type = Text("  " + " · ".join(f"{t} {n:,}" for t, n in counts if n))
    parts = [title("Quotes"), line, by_type]
    if facts.non_speech:
        parts.append(Text(f"  {facts.non_speech:,} quoted passages that are not speech",
                          style="dim"))
    return Group(*parts)


def scenes(work: Work, facts: Facts) -> Group:
    found = work.layer("scenes")
    if not found:
        return Group(title("Point of view"), missing("scenes", "pov"))
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False)
    table.add_column("#", justify="right")
    table.add_column("Person")
    table.add_column("Focal", max_width=20, overflow="ellipsis", no_wrap=True)
    table.add_column("Opens with", overflow="ellipsis", no_wrap=True, max_width=38, style="dim")
    for index, scene in enumerate(found[:MAX_SCENES]):
        focal = scene.get("focal")
        who = Text(facts.name(focal), style=facts.colour(focal)) if focal is not None else Text(
            str(scene.get("mode") or ""))
        add_row(table, str(scene.get("number", index + 1)), str(scene.get("person") or ""), who,
                      facts_mod.span_label(work, scene, 38))
    parts = [title(f"Point of view ({facts_mod.counted(len(found), 'scene')})"), table]
    if len(found) > MAX_SCENES:
        more = facts_mod.counted(len(found) - MAX_SCENES, "more scene", "more scenes")
        parts.append(Text(f"  … and {more}", style="dim"))
    return Group(*parts)


def pairing(work: Work, facts: Facts) -> Group | None:
    if not (work.has("pairing") or work.has("pairing_detail")):
        return Group(title("Main pairing"), missing("pairing", "relations"))
    found = facts_mod.pairing(work, facts)
    if not found:
        detail = work.tables.get("pairing_detail")
        suggested = detail.get("category") if isinstance(detail, dict) else None
        note = f"  none found (suggested category: {suggested})" if suggested else "  none found"
        parts = [title("Main pairing"), Text(note, style="dim")]
    else:
        detail = ", ".join(str(x) for x in (found["kind"], found["category"]) if x)
        line = Text("  " + found["label"], style="bold")
        if detail:
            line.append(f"  ({detail})", style="")
        parts = [title("Main pairing"), line]
    if facts.relations:
        parts.append(relations_table(facts))
    return Group(*parts)


def relations_table(facts: Facts) -> Table:
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False)
    table.add_column("Pair", max_width=34, overflow="fold")
    table.add_column("Relation", max_width=16, overflow="fold")
    table.add_column("Lines", justify="right")
    table.add_column("Exch.", justify="right")
    table.add_column("Warmth", no_wrap=True)
    for row in facts.relations[:MAX_RELATIONS]:
        a, b = str(row["source"]), str(row["target"])
        pair = Text(facts.name(a), style=facts.colour(a))
        pair.append(" & ")
        pair.append(facts.name(b), style=facts.colour(b))
        types = ", ".join(str(t.get("type")) for t in row.get("types") or []
                          if isinstance(t, dict))
        warmth = [v for v in row.get("warmth") or [] if isinstance(v, int | float)]
        add_row(table, pair, types, str(row.get("lines", "")), str(row.get("exchanges", "")),
                      sparkline(warmth, 12) if len(warmth) > 1 else "")
    return table


def sparkline(points: list[float], width: int = SPARK_WIDTH) -> str:
    """The points squeezed into ``width`` block characters, low to high."""
    if not points:
        return ""
    width = min(width, len(points))
    buckets = [points[i * len(points) // width : (i + 1) * len(points) // width]
               for i in range(width)]
    means = [sum(b) / len(b) for b in buckets]
    low, high = min(means), max(means)
    spread = (high - low) or 1.0
    return "".join(SPARKS[round((m - low) / spread * (len(SPARKS) - 1))] for m in means)


def arc(work: Work) -> Group:
    arc_data = facts_mod.arc_table(work)
    if not arc_data:
        return Group(title("Emotional arc"), missing("arc", "arc"))
    shape = str(arc_data.get("shape") or "unclassified").replace("_", " ")
    line = Text("  " + sparkline(arc_data["points"]), style="cyan")
    line.append(f"  {shape}", style="bold")
    parts = [title("Emotional arc"), line]
    if arc_data.get("lexicon"):
        parts.append(Text(f"  valence: {arc_data['lexicon']}", style="dim"))
    return Group(*parts)


def time_cues(work: Work) -> Group | None:
    """Timeline cues with how far each moves the story, else the bare time expressions."""
    length = max(len(work.text), 1)
    rows = [(" ".join(str(r["text"]).split()), facts_mod.cue_notes(r, length))
            for r in facts_mod.timeline_entries(work) if r.get("text")]
    if not rows:
        rows = [(facts_mod.span_label(work, c, 40), f"{c.start / length:.0%} in")
                for c in work.layer("time_expressions")]
    if not rows:
        return None
    lines = [title(f"Timeline ({facts_mod.counted(len(rows), 'time cue')})")]
    for cue, notes in rows[:MAX_CUES]:
        line = Text(f"  {cue}  ")
        line.append(notes, style="dim")
        lines.append(line)
    if len(rows) > MAX_CUES:
        lines.append(Text(f"  … and {len(rows) - MAX_CUES} more", style="dim"))
    return Group(*lines)
