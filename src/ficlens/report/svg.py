"""Small inline SVG charts computed in Python: interaction network, emotional arc, story map.

Every chart is a plain string of SVG with a ``viewBox`` so it scales with the page; all
text placed in it is escaped. Layouts are deterministic (same work, same picture).
"""

from __future__ import annotations

import math
from html import escape

from ficlens.document import Work
from ficlens.report.facts import Facts, scene_pov, span_label

NETWORK_SIZE = 460
MAX_NODES = 14


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def network(facts: Facts) -> str:
    """Characters on a circle, node area ~ lines spoken, edge width ~ exchanges."""
    linked = {c for pair in facts.exchanges for c in pair}
    nodes = [c for c in facts.characters if c.lines or c.id in linked][:MAX_NODES]
    if len(nodes) < 2 or not facts.exchanges:
        return ""
    nodes = circle_order(nodes, facts.exchanges)
    by_lines = any(n.lines for n in nodes)  # without dialogue, size by mentions instead
    weight = {n.id: (n.lines if by_lines else n.mentions) for n in nodes}
    centre = NETWORK_SIZE / 2
    radius = min(NETWORK_SIZE / 2 - 80, 50 * len(nodes))  # two nodes: closer together
    first_angle = math.pi if len(nodes) == 2 else -math.pi / 2
    places = {}
    for index, node in enumerate(nodes):
        angle = first_angle + 2 * math.pi * index / len(nodes)
        places[node.id] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle))
    most_lines = max(weight.values()) or 1
    edges = [(pair, n) for pair, n in facts.exchanges.items()
             if pair[0] in places and pair[1] in places]
    most_exchanges = max((n for _, n in edges), default=1)
    sizes = {n.id: 7 + 26 * math.sqrt(weight[n.id] / most_lines) for n in nodes}
    parts = [
        f'<svg class="chart network" viewBox="{_fit(nodes, places, sizes)}" role="img" '
        'aria-label="Interaction network">'
    ]
    for (a, b), count in sorted(edges, key=lambda e: e[1]):
        (x1, y1), (x2, y2) = places[a], places[b]
        width = 1 + 11 * count / most_exchanges
        title = f"{facts.name(a)} – {facts.name(b)}: {count} ({facts.basis})"
        parts.append(
            f'<line class="edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke-width="{width:.1f}"><title>{_attr(title)}</title></line>'
        )
    for node in nodes:
        x, y = places[node.id]
        size = sizes[node.id]
        lx, ly, anchor = _label_place(x, y, size, centre)
        title = f"{node.name}: {node.lines} lines, {node.mentions} mentions"
        parts.append(
            f'<g class="node" data-char="{_attr(node.id)}"><title>{_attr(title)}</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}" fill="{node.colour}"/>'
            f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}">{_attr(node.name)}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def circle_order(nodes: list, weights) -> list:
    """Most important first, then each next to the one it talks with most, so that
    neighbours on the circle are partners and edges stay short."""
    order = [nodes[0]]
    left = nodes[1:]
    while left:
        last = order[-1].id
        best = max(left, key=lambda n: weights.get(tuple(sorted((last, n.id))), 0))
        if not weights.get(tuple(sorted((last, best.id))), 0):
            best = left[0]  # no partner left: the most important remaining
        order.append(best)
        left.remove(best)
    return order


def _fit(nodes, places: dict, sizes: dict) -> str:
    """A viewBox around the nodes and their labels (about 7 px per label character)."""
    left = top = float("inf")
    right = bottom = float("-inf")
    for node in nodes:
        x, y = places[node.id]
        reach = sizes[node.id] + 8
        label = 7 * len(node.name) + reach
        left, right = min(left, x - reach - label), max(right, x + reach + label)
        top, bottom = min(top, y - reach - 14), max(bottom, y + reach + 14)
    return f"{left:.0f} {top:.0f} {right - left:.0f} {bottom - top:.0f}"


def _label_place(x: float, y: float, size: float, centre: float) -> tuple[float, float, str]:
    dx, dy = x - centre, y - centre
    length = math.hypot(dx, dy) or 1
    lx = x + dx / length * (size + 6)
    ly = y + dy / length * (size + 6) + 4
    anchor = "middle" if abs(dx) < 20 else ("start" if dx > 0 else "end")
    return lx, ly, anchor


ARC_W, ARC_H, PAD_L, PAD_R, PAD_T, PAD_B = 760, 230, 62, 14, 10, 28


def arc(arc_data: dict, facts: Facts) -> str:
    """The story's arc as a thick line, each character's as a hidden thin line to toggle.

    The story arc fills the height; the character arcs share one scale of their own (their
    largest swing fills the height) so characters compare with each other.
    """
    bound = max(abs(v) for v in arc_data["points"]) or 1.0
    character_bound = max(
        (abs(v) for points in arc_data["characters"].values() for v in points), default=1.0
    ) or 1.0
    parts = [
        f'<svg class="chart arc" viewBox="0 0 {ARC_W} {ARC_H}" role="img" '
        'aria-label="Emotional arc">'
    ]
    zero_y = _arc_y(0.0, bound)
    parts.append(f'<line class="axis" x1="{PAD_L}" x2="{ARC_W - PAD_R}" y1="{zero_y:.1f}" '
                 f'y2="{zero_y:.1f}"/>')
    for pct in (0, 25, 50, 75, 100):
        x = PAD_L + (ARC_W - PAD_L - PAD_R) * pct / 100
        parts.append(f'<line class="grid" x1="{x:.1f}" x2="{x:.1f}" y1="{PAD_T}" '
                     f'y2="{ARC_H - PAD_B}"/>')
        parts.append(f'<text class="tick" x="{x:.1f}" y="{ARC_H - 10}" '
                     f'text-anchor="middle">{pct}%</text>')
    for label, y in (("positive", PAD_T + 10), ("negative", ARC_H - PAD_B)):
        parts.append(f'<text class="tick" x="{PAD_L - 6}" y="{y}" '
                     f'text-anchor="end">{label}</text>')
    for char_id, points in arc_data["characters"].items():
        parts.append(
            f'<path class="carc" data-char="{_attr(char_id)}" stroke="{facts.colour(char_id)}" '
            f'd="{_arc_path(points, character_bound)}"><title>{_attr(facts.name(char_id))}'
            "</title></path>"
        )
    parts.append(f'<path class="main-arc" d="{_arc_path(arc_data["points"], bound)}"/>')
    parts.append("</svg>")
    return "".join(parts)


def _arc_y(value: float, bound: float) -> float:
    middle = PAD_T + (ARC_H - PAD_T - PAD_B) / 2
    return middle - value / bound * (ARC_H - PAD_T - PAD_B) / 2


def _arc_path(points: list[float], bound: float) -> str:
    step = (ARC_W - PAD_L - PAD_R) / (len(points) - 1)
    coords = (f"{PAD_L + i * step:.1f},{_arc_y(v, bound):.1f}" for i, v in enumerate(points))
    return "M" + " L".join(coords)


MAP_W, MAP_LEFT, ROW_H = 720, 92, 26


def story_map(work: Work, facts: Facts) -> str:
    """Rows along the story's length: chapters, scenes coloured by POV, notes, time cues."""
    length = max(len(work.text), 1)
    rows: list[tuple[str, list[str]]] = []
    chapters = work.layer("chapters")
    if len(chapters) > 1:
        rows.append(("chapters", [
            _band(c.start, c.end, length, "var(--band)" if i % 2 else "var(--band2)",
                  f"Chapter {c.get('number', i + 1)}", str(c.get("number", i + 1)))
            for i, c in enumerate(chapters)
        ]))
    scenes = work.layer("scenes")
    if scenes:
        rows.append(("POV", [
            _band(s.start, s.end, length,
                  facts.colour(s.get("focal")) if s.get("focal") is not None else "var(--band)",
                  f"Scene {s.get('number', i + 1)}: {scene_pov(s, facts)}", "")
            for i, s in enumerate(scenes)
        ]))
    notes = work.layer("notes")
    if notes:
        rows.append(("notes", [
            _band(n.start, n.end, length, "var(--note)", f"{n.get('kind', 'note')}", "", 3)
            for n in notes
        ]))
    cues = work.layer("time_expressions")
    if cues:
        rows.append(("time", [_tick(c.start, length, span_label(work, c, 40)) for c in cues]))
    if not rows:
        return ""
    height = ROW_H * len(rows) + 24
    parts = [f'<svg class="chart map" viewBox="0 0 {MAP_W} {height}" role="img" '
             'aria-label="Story map">']
    for index, (name, shapes) in enumerate(rows):
        y = index * ROW_H + 4
        parts.append(f'<text class="row-label" x="{MAP_LEFT - 8}" y="{y + 15}" '
                     f'text-anchor="end">{name}</text>')
        parts.append(f'<g transform="translate(0 {y})">{"".join(shapes)}</g>')
    axis_y = ROW_H * len(rows) + 18
    for pct in (0, 50, 100):
        x = _map_x(pct / 100 * length, length)
        parts.append(f'<text class="tick" x="{x:.1f}" y="{axis_y}" '
                     f'text-anchor="{"start" if pct == 0 else "end" if pct == 100 else "middle"}">'
                     f"{pct}%</text>")
    parts.append("</svg>")
    return "".join(parts)


def _map_x(offset: float, length: int) -> float:
    return MAP_LEFT + (MAP_W - MAP_LEFT - 8) * offset / length


def _band(start: int, end: int, length: int, fill: str, title: str, label: str,
          min_width: float = 1.5) -> str:
    x = _map_x(start, length)
    width = max(_map_x(end, length) - x, min_width)
    text = ""
    if label and width > 14:
        text = (f'<text class="band-label" x="{x + width / 2:.1f}" y="15" '
                f'text-anchor="middle">{_attr(label)}</text>')
    return (f'<g><title>{_attr(title)}</title><rect x="{x:.1f}" y="2" width="{width:.1f}" '
            f'height="18" rx="2" fill="{fill}"/>{text}</g>')


def _tick(offset: int, length: int, title: str) -> str:
    x = _map_x(offset, length)
    return (f'<g><title>{_attr(title)}</title><rect class="cue" x="{x - 1.5:.1f}" y="1" '
            f'width="3" height="20" rx="1"/></g>')


TIME_W, TIME_H, TIME_L, TIME_R, TIME_T, TIME_B = 760, 210, 74, 16, 14, 30
DURATION_TICKS = ((0, "start"), (1, "1 day"), (7, "1 week"), (30.44, "1 month"),
                  (365.25, "1 year"), (1826, "5 years"), (3652.5, "10 years"),
                  (18262, "50 years"))


def story_time(value: float) -> float:
    """Days on a signed log scale, so a week and a decade both stay readable."""
    return math.copysign(math.log1p(abs(value)), value)


def time_chart(work: Work, entries: list[dict]) -> str:
    """Story time (days since the opening) against position in the text, as a step line.

    ``entries`` are timeline rows with numeric ``start`` and ``days``, in reading order.
    """
    length = max(len(work.text), 1)
    values = [story_time(r["days"]) for r in entries]
    low, high = min(0.0, *values), max(0.0, *values)
    if high - low < 1e-9:
        return ""
    width, height = TIME_W - TIME_L - TIME_R, TIME_H - TIME_T - TIME_B

    def x_of(offset: float) -> float:
        return TIME_L + width * offset / length

    def y_of(value: float) -> float:
        return TIME_T + height * (high - value) / (high - low)

    parts = [f'<svg class="chart time" viewBox="0 0 {TIME_W} {TIME_H}" role="img" '
             'aria-label="Story time against reading position">']
    ticks = [*DURATION_TICKS, *((-d, f"−{label}") for d, label in DURATION_TICKS if d)]
    for days, label in ticks:
        value = story_time(days)
        if low <= value <= high:
            y = y_of(value)
            parts.append(f'<line class="grid" x1="{TIME_L}" x2="{TIME_W - TIME_R}" '
                         f'y1="{y:.1f}" y2="{y:.1f}"/><text class="tick" x="{TIME_L - 6}" '
                         f'y="{y + 4:.1f}" text-anchor="end">{label}</text>')
    for pct in (0, 50, 100):
        anchor = {0: "start", 100: "end"}.get(pct, "middle")
        parts.append(f'<text class="tick" x="{x_of(pct / 100 * length):.1f}" y="{TIME_H - 8}" '
                     f'text-anchor="{anchor}">{pct}% of the text</text>')
    path, previous = [], None
    for row, value in zip(entries, values, strict=True):
        x, y = x_of(row["start"]), y_of(value)
        path.append(f"M{x:.1f},{y:.1f}" if previous is None else f"H{x:.1f} V{y:.1f}")
        previous = value
    path.append(f"H{x_of(length):.1f}")
    parts.append(f'<path class="time-line" d="{" ".join(path)}"/>')
    for row, value in zip(entries, values, strict=True):
        if not row.get("text"):
            continue
        kind = "flashback" if row.get("flashback") else str(row.get("kind") or "cue")
        label = " ".join(str(row["text"]).split())
        parts.append(f'<g class="cue-dot {_attr(kind)}"><title>{_attr(label)}</title>'
                     f'<circle cx="{x_of(row["start"]):.1f}" cy="{y_of(value):.1f}" r="4.5"/></g>')
    parts.append("</svg>")
    return "".join(parts)


def sparkline(values: object, width: int = 110, height: int = 20) -> str:
    """A tiny warmth line; gaps (null bins) break it. Scale: -1..1 around a midline."""
    if not isinstance(values, list) or len(values) < 2:
        return ""
    step = width / (len(values) - 1)
    runs, current = [], []
    for index, value in enumerate(values):
        if isinstance(value, int | float) and not isinstance(value, bool):
            clamped = max(-1.0, min(1.0, float(value)))
            current.append(f"{index * step:.1f},{height / 2 - clamped * (height / 2 - 2):.1f}")
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    if not any(len(run) > 1 for run in runs):
        return ""
    path = " ".join("M" + " L".join(run) for run in runs if len(run) > 1)
    return (f'<svg class="spark" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" aria-hidden="true"><line x1="0" x2="{width}" y1="{height / 2}" '
            f'y2="{height / 2}"/><path d="{path}"/></svg>')
