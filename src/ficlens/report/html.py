"""The self-contained HTML report: one file, inline CSS, JS and SVG, no external request.

Stories are untrusted input: every piece of story text and metadata goes through
``html.escape``; data for the script is JSON with ``<`` escaped so it cannot close its tag.
"""

from __future__ import annotations

import json
from importlib import resources

from ficlens import __version__
from ficlens.document import Metadata, Work
from ficlens.report import facts as facts_mod
from ficlens.report import story_html, svg
from ficlens.report.facts import Facts
from ficlens.report.html_parts import e, missing, section
from ficlens.report.portrait_html import portrait_section

RATING_CLASS = {
    "general audiences": "rating-general",
    "teen and up audiences": "rating-teen",
    "mature": "rating-mature",
    "explicit": "rating-explicit",
}
MAX_RELATIONS = 10
CHARACTERS_SHOWN = 20
ALIASES_SHOWN = 4
ARC_CHARACTERS = 12
SECTIONS = (
    ("glance", "Overview"),
    ("characters", "Characters"),
    ("portraits", "Portraits"),
    ("arc", "Arc"),
    ("timeline", "Timeline"),
    ("story", "Story"),
)


def asset(name: str) -> str:
    return resources.files("ficlens.report").joinpath("assets", name).read_text(encoding="utf-8")


def render(work: Work) -> str:
    facts = facts_mod.build(work)
    title = facts_mod.display_title(work)
    body = [
        header(title, work.metadata, work),
        glance(work, facts),
        characters(work, facts),
        portrait_section(work, facts),
        arc(work, facts),
        timeline(work, facts),
        story(work, facts),
        footer(work),
    ]
    return "".join([
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">",
        f"<title>{e(title)} · ficlens</title>",
        f"<style>{asset('report.css')}\n{colour_rules(facts)}</style></head><body>",
        nav(),
        "<main>",
        *body,
        "</main><div id=\"tip\" role=\"tooltip\"></div>",
        f'<script type="application/json" id="ficlens-data">{script_data(facts)}</script>',
        f"<script>{asset('report.js')}</script></body></html>\n",
    ])


def colour_rules(facts: Facts) -> str:
    return "\n".join(f".q.k{i}{{--c:{c.colour}}}" for i, c in enumerate(facts.characters))


def script_data(facts: Facts) -> str:
    data = {"characters": {c.id: {"name": c.name, "colour": c.colour} for c in facts.characters}}
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def nav() -> str:
    links = "".join(f'<a href="#{key}">{label}</a>' for key, label in SECTIONS)
    return f'<div class="topbar"><nav><span class="brand">ficlens</span>{links}</nav></div>'


# -- header --------------------------------------------------------------------------


def header(title: str, meta: Metadata, work: Work) -> str:
    parts = [f'<header class="work"><h1>{e(title)}</h1>']
    if meta.authors:
        parts.append(f'<p class="byline">by {e(", ".join(meta.authors))}</p>')
    parts.append(tag_list(meta))
    parts.append(stats(meta, work))
    if meta.summary:
        paragraphs = [p for p in meta.summary.split("\n") if p.strip()]
        parts.append('<div class="summary">' + "".join(f"<p>{e(p)}</p>" for p in paragraphs)
                     + "</div>")
    parts.append("</header>")
    return "".join(parts)


def chips(values: list[str], extra: str = "") -> str:
    return "".join(f'<span class="chip {extra}">{e(v)}</span>' for v in values if str(v).strip())


def tag_list(meta: Metadata) -> str:
    rows = []
    if meta.rating:
        rows.append(("Rating", chips([meta.rating], RATING_CLASS.get(meta.rating.lower(), ""))))
    rows += [
        ("Archive warnings", chips(meta.warnings, "warn")),
        ("Category", chips(meta.category)),
        ("Fandoms", chips(meta.fandoms)),
        ("Relationships", chips(meta.relationships, "rel")),
        ("Characters", chips(meta.characters)),
        ("Additional tags", chips(meta.additional_tags)),
        ("Genres", chips(meta.genres)),
        ("Series", chips([series_label(s) for s in meta.series])),
    ]
    items = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows if value)
    return f'<dl class="tags">{items}</dl>' if items else ""


def series_label(entry) -> str:
    return f"Part {entry.part} of {entry.name}" if entry.part else entry.name


def stats(meta: Metadata, work: Work) -> str:
    values = [
        ("Words", f"{meta.word_count or work.word_count:,}"),
        ("Chapters", meta.chapter_count or (len(work.layer("chapters")) or None)),
        ("Language", meta.language),
        ("Published", meta.published),
        ("Updated", meta.updated),
        ("Status", meta.status),
        ("Source", meta.source_format),
        ("URL", meta.source_url),
    ]
    items = "".join(f"<span>{name}: <b>{e(v)}</b></span>" for name, v in values if v)
    return f'<div class="stats">{items}</div>'


# -- overview and characters ---------------------------------------------------------


def card(value: object, label: str) -> str:
    return (f'<div class="card"><div class="big">{e(value)}</div>'
            f'<div class="lab">{label}</div></div>')


def glance(work: Work, facts: Facts) -> str:
    cards = [card(f"{work.word_count:,}", "words")]
    if work.has("characters"):
        cards.append(card(len(facts.characters), "characters"))
    if work.has("quotes"):
        attributed = sum(1 for q in facts.speech if q.get("speaker") is not None)
        cards.append(card(f"{len(facts.speech):,}", "lines of dialogue"))
        if facts.speech:
            cards.append(card(f"{attributed / len(facts.speech):.0%}", "lines attributed"))
    main_pairing = facts_mod.pairing(work, facts)
    if main_pairing:
        kind = " · ".join(str(x) for x in (main_pairing["kind"], main_pairing["category"]) if x)
        label = "main pairing" + (f" ({e(kind)})" if kind else "")
        cards.append(card(main_pairing["label"], label))
    elif isinstance(work.tables.get("pairing_detail"), dict):
        suggested = work.tables["pairing_detail"].get("category")
        if suggested:
            cards.append(card(suggested, "suggested AO3 category"))
    arc_data = facts_mod.arc_table(work)
    if arc_data and arc_data.get("shape"):
        cards.append(card(shape_name(arc_data["shape"]), "arc shape"))
    if work.layer("scenes"):
        cards.append(card(len(work.layer("scenes")), "scenes"))
    if work.layer("notes"):
        cards.append(card(len(work.layer("notes")), "author's notes"))
    return section("glance", "Overview", f'<div class="glance">{"".join(cards)}</div>')


def shape_name(shape: object) -> str:
    return str(shape).replace("_", " ").replace("-", " ").strip().capitalize()


def characters(work: Work, facts: Facts) -> str:
    if not facts.characters:
        return section("characters", "Characters", missing("character list", "characters"))
    rows = [character_row(c) for c in facts.characters]
    shown, rest = rows[:CHARACTERS_SHOWN], rows[CHARACTERS_SHOWN:]
    more = ""
    if rest:
        more = (f'<tbody class="more" hidden>{"".join(rest)}</tbody>')
    table = (
        '<table class="chars"><thead><tr><th>Character</th><th>Gender</th><th></th>'
        '<th class="num">Mentions</th><th class="num">Lines</th><th class="num">Dialogue</th>'
        f'</tr></thead><tbody>{"".join(shown)}</tbody>{more}</table>'
    )
    if rest:
        table += (f'<button type="button" class="more-btn" data-more="{len(rest)}">'
                  f"Show {len(rest)} more</button>")
    hint = '<p class="hint">Click a character to light up their lines in the story.</p>'
    left = f'<div class="table-wrap">{table}</div>{quote_types(facts)}{hint}'
    return section("characters", "Characters and who talks to whom",
                   f'<div class="two"><div>{left}</div>{network(facts)}</div>'
                   + relationships(facts),
                   f"{len(facts.characters)} found")


def character_row(character: facts_mod.Character) -> str:
    aliases = ", ".join(character.aliases[:ALIASES_SHOWN])
    if len(character.aliases) > ALIASES_SHOWN:
        aliases += ", …"
    alias_html = f'<div class="aliases">{e(aliases)}</div>' if aliases else ""
    stage = {True: "on stage", False: "mentioned"}.get(character.on_stage, "")
    return (
        f'<tr class="char" data-char="{e(character.id)}" style="--c:{character.colour}">'
        f'<td><span class="swatch"></span>{e(character.name)}{alias_html}</td>'
        f"<td>{e(character.gender or '')}</td><td>{stage}</td>"
        f'<td class="num">{character.mentions:,}</td><td class="num">{character.lines:,}</td>'
        f'<td class="num share" title="{character.words_spoken:,} words spoken">'
        f'<span class="bar"><i style="width:{character.share:.1%}">'
        f"</i></span>{character.share:.0%}</td></tr>"
    )


def relationships(facts: Facts) -> str:
    rows = []
    for row in facts.relations[:MAX_RELATIONS]:
        a, b = str(row["source"]), str(row["target"])
        types = [str(t.get("type")) for t in row.get("types") or [] if isinstance(t, dict)]
        pair = (f'<span class="swatch" style="--c:{facts.colour(a)}"></span>{e(facts.name(a))}'
                f' &amp; <span class="swatch" style="--c:{facts.colour(b)}"></span>'
                f"{e(facts.name(b))}")
        rows.append(
            f"<tr><td>{pair}</td><td>{chips(types)}</td>"
            + "".join(f'<td class="num">{count(row.get(k))}</td>'
                      for k in ("lines", "exchanges", "co_scenes", "mentions"))
            + f"<td>{svg.sparkline(row.get('warmth'))}</td></tr>"
        )
    if not rows:
        return ""
    head = "".join(f'<th class="num">{h}</th>' for h in ("Lines", "Exchanges", "Scenes",
                                                          "Mentions"))
    return ('<h3 class="sub">Relationships</h3><div class="table-wrap"><table class="chars rel">'
            f"<thead><tr><th>Pair</th><th>Relation</th>{head}<th>Warmth over the story</th>"
            f'</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def count(value: object) -> str:
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else ""


def quote_types(facts: Facts) -> str:
    if not facts.speech:
        return ""
    counts = [(t, facts.quote_types[t]) for t in facts_mod.TYPES if facts.quote_types[t]]
    counts += [(t, n) for t, n in facts.quote_types.items() if t not in facts_mod.TYPES]
    if facts.non_speech:
        counts.append(("not speech", facts.non_speech))
    return '<div class="types">' + "".join(
        f'<span class="chip">{e(t)}: {n:,}</span>' for t, n in counts
    ) + "</div>"


def network(facts: Facts) -> str:
    chart = svg.network(facts)
    if not chart:
        reason = (missing("interactions", "quotes") if not facts.speech else
                  '<p class="missing">Fewer than two characters interact.</p>')
        return f'<figure class="network-box" id="network">{reason}</figure>'
    size = "lines spoken" if any(c.lines for c in facts.characters) else "mentions"
    caption = f"Circle size: {size}. {facts_mod.BASIS[facts.basis]}"
    return (f'<figure class="network-box" id="network">{chart}'
            f'<figcaption class="hint">{caption}</figcaption></figure>')


def arc(work: Work, facts: Facts) -> str:
    arc_data = facts_mod.arc_table(work)
    if not arc_data:
        return section("arc", "Emotional arc", missing("emotional arc", "arc"))
    shape = arc_data.get("shape")
    heading = f'<p class="shape">{e(shape_name(shape))}</p>' if shape else ""
    arc_data["characters"] = ranked_arcs(arc_data["characters"], facts)
    toggles = "".join(
        f'<label style="--c:{facts.colour(cid)}"><input type="checkbox" data-char="{e(cid)}">'
        f'<span class="swatch"></span>{e(facts.name(cid))}</label>'
        for cid in arc_data["characters"]
    )
    toggle_html = f'<div class="toggles">{toggles}</div>' if toggles else ""
    lexicon = arc_data.get("lexicon")
    note = f"valence from {lexicon}, smoothed, 100 points" if lexicon else "100 points"
    if toggles:
        note += "; tick a character to draw their arc (characters share one scale)"
    return section("arc", "Emotional arc", heading + svg.arc(arc_data, facts) + toggle_html,
                   note)


def ranked_arcs(arcs: dict[str, list[float]], facts: Facts) -> dict[str, list[float]]:
    """The main characters' arcs, most lines first, at most ``ARC_CHARACTERS``."""
    order = sorted(arcs, key=lambda cid: facts.rank.get(cid, len(facts.rank)))
    return {cid: arcs[cid] for cid in order[:ARC_CHARACTERS]}


def timeline(work: Work, facts: Facts) -> str:
    entries = facts_mod.timeline_entries(work)
    chart = svg.story_map(work, facts)
    time_chart = svg.time_chart(work, entries) if entries else ""
    if time_chart:
        time_chart = ('<h3 class="sub">Story time against reading order</h3>' + time_chart)
    cues = cue_list(work, entries)
    if not chart and not cues and not time_chart:
        return section("timeline", "Timeline", missing("scenes or time expressions", "pov"))
    return section("timeline", "Timeline and point of view",
                   chart + pov_switches(work, facts) + time_chart + cues)


def cue_list(work: Work, entries: list[dict]) -> str:
    items = []
    length = max(len(work.text), 1)
    if entries:
        for row in entries:
            if not row.get("text"):
                continue
            notes = facts_mod.cue_notes(row, length)
            label = " ".join(str(row["text"]).split())
            items.append(f'<li>{e(label)} <span class="where">{e(notes)}</span></li>')
    else:
        for cue in work.layer("time_expressions"):
            where = f"{cue.start / length:.0%} in"
            items.append(f'<li>{e(facts_mod.span_label(work, cue))} '
                         f'<span class="where">{where}</span></li>')
    return f'<ol class="cues">{"".join(items)}</ol>' if items else ""


def pov_switches(work: Work, facts: Facts) -> str:
    scenes = work.layer("scenes")
    if len(scenes) < 2:
        return ""
    labels = [facts_mod.scene_pov(s, facts) for s in scenes]
    changes = sum(1 for a, b in zip(labels, labels[1:], strict=False) if a != b)
    return (f'<p class="hint">{facts_mod.counted(len(scenes), "scene")}, '
            f'{facts_mod.counted(changes, "change")} of point of view.</p>')


def story(work: Work, facts: Facts) -> str:
    return (f'<section id="story"><h2>Story</h2><div class="story-wrap">'
            f"{story_html.render(work, facts)}</div></section>")


def footer(work: Work) -> str:
    present = ", ".join(sorted([*work.layers, *work.tables])) or "none"
    return (f"<footer>Made by ficlens {e(__version__)} from layers: {e(present)}. "
            "This page is self-contained and makes no network request.</footer>")
