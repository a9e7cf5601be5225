"""Import arrows go one way, down the pipeline, and no package imports itself round a cycle.

Every ``ficlens`` import of every module is read with ``ast`` (lazy imports inside functions
included). A module may import from the base modules and from packages earlier in
:data:`LAYERS` than its own; a package missing from the table fails the test, so a new one
has to say where it stands. Each stage keeps its tunables in one frozen config, and offset
look-ups go through the one layer view (``ficlens.document.LayerView``).
"""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from ficlens.pipeline import STAGES

SRC = Path(__file__).resolve().parents[1] / "src" / "ficlens"

# Lowest first. Modules on one line may not import each other either.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors",),
    ("document", "__version__"),
    ("stage", "lexicon", "memory", "models", "schema", "text"),
    ("ingest",),
    ("nlp",),
    ("characters",),
    ("quotes",),
    ("coref",),
    ("portraits",),
    ("pov",),
    ("valence",),
    ("relations",),
    ("arc",),
    ("pipeline",),
    ("check",),
    ("report",),
    ("bench",),
    ("bench_scaling",),
    ("bench_lean",),
    ("corpus",),
    ("web",),
    ("eval",),
    ("cli",),
    ("__init__", "__main__"),
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def _package(path: Path) -> str:
    return path.relative_to(SRC).with_suffix("").parts[0]


def _imported(tree: ast.AST) -> set[str]:
    """Top-level ``ficlens`` packages or modules a module imports."""
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "ficlens":
                names = [f"ficlens.{a.name}" for a in node.names]
            else:
                names = [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        found.update(n.split(".")[1] for n in names if n.startswith("ficlens."))
    return found


def _edges() -> dict[str, dict[str, set[str]]]:
    """package -> imported package -> the files importing it."""
    edges: dict[str, dict[str, set[str]]] = {}
    for path in sorted(SRC.rglob("*.py")):
        source = _package(path)
        for target in _imported(ast.parse(path.read_text(encoding="utf-8"))):
            if target != source:
                edges.setdefault(source, {}).setdefault(target, set()).add(
                    str(path.relative_to(SRC))
                )
    return edges


def test_every_package_has_a_place_in_the_layers() -> None:
    packages = {_package(p) for p in SRC.rglob("*.py")}
    assert packages - set(RANK) == set(), "add the new package to LAYERS"


def test_imports_only_go_down_the_pipeline() -> None:
    upward = [
        f"{file} imports ficlens.{target} ({source} may not import a later or equal layer)"
        for source, targets in _edges().items()
        for target, files in targets.items()
        for file in sorted(files)
        if RANK.get(target, -1) >= RANK.get(source, -1)
    ]
    assert upward == []


def test_no_package_cycles() -> None:
    edges = {source: set(targets) for source, targets in _edges().items()}
    cycles = []

    def visit(node: str, path: list[str]) -> None:
        for nxt in edges.get(node, ()):
            if nxt in path:
                cycles.append(" -> ".join([*path[path.index(nxt):], nxt]))
            elif len(path) < len(RANK):
                visit(nxt, [*path, nxt])

    for start in edges:
        visit(start, [start])
    assert cycles == []


def test_a_stage_requires_only_what_an_earlier_stage_assigns() -> None:
    made: set[str] = set()
    for entry in STAGES:
        stage = entry.load()
        assert set(stage.requires) <= made, f"{stage.name} requires {set(stage.requires) - made}"
        made.update(stage.assigns)


def test_the_architecture_test_sees_an_upward_import() -> None:
    tree = ast.parse("from ficlens.relations.cues import Cue\nimport ficlens.arc.shapes\n")
    assert _imported(tree) == {"relations", "arc"}


def test_every_stage_has_a_frozen_config() -> None:
    for entry in STAGES:
        stage = entry.load()
        config = stage.default
        assert dataclasses.is_dataclass(config), f"{stage.name}: its config is no dataclass"
        assert type(config).__dataclass_params__.frozen, f"{stage.name}: config not frozen"
        if stage.tunables is not None:
            assert stage.tunables.default == config, f"{stage.name}: two defaults"


def test_a_config_of_another_stage_is_refused() -> None:
    from ficlens.pipeline import build
    from ficlens.pov import PovConfig
    from ficlens.stage import PipelineError

    with pytest.raises(PipelineError, match="config for stage 'segment' is a PovConfig"):
        build(["segment"], configs={"segment": PovConfig()})


# The modules of the stages whose tunables moved into a config (``<package>/config.py``,
# ``ingest/segment_config.py``), and the numbers left in them that are codes or speed
# knobs, not tunables: a feature's "missing" value, link kinds, when to switch from a scan
# to a per-character index, how many pairs are scored at once (the same answer either way),
# the score of a pair binding theory rules out, the threshold of a model whose metadata
# holds none (the shipped ones all do).
CONFIGURED = ("characters", "quotes", "nlp", "coref", "pov", "ingest/segment.py",
              "ingest/paragraphs.py", "ingest/notes.py", "ingest/scene_breaks.py",
              "ingest/scene_shifts.py", "ingest/pov_labels.py", "ingest/chapters.py")
NOT_TUNABLES = {
    "quotes/exchanges.py": {"MISSING", "NO_TURN"},
    "quotes/families.py": {"MISSING", "NO_VOICE", "FAR"},
    "quotes/mentions.py": {"_SCAN_LIMIT"},
    "quotes/conversation.py": {"SAME_UNTOLD"},
    "coref/features.py": {"RULED_OUT", "NOT_A_CANDIDATE"},
    "coref/mentions.py": {"NOUN_CASE", "OTHER_DEP"},
    "coref/model.py": {"DEFAULT_THRESHOLD", "PAIRS_PER_BATCH"},
}


def _is_number(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, int | float) and not isinstance(node.value, bool)
    if isinstance(node, ast.UnaryOp):
        return _is_number(node.operand)
    if isinstance(node, ast.BinOp):
        return _is_number(node.left) and _is_number(node.right)
    return False


def _module_numbers(path: Path) -> list[str]:
    """Names bound to a number at module level (``NAME = 12``, ``NAME = 64 * 1024``)."""
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and _is_number(value):
            found.append(target.id)
    return found


def test_configured_stages_keep_no_module_tunables() -> None:
    left = []
    for place in CONFIGURED:
        paths = [SRC / place] if place.endswith(".py") else sorted((SRC / place).rglob("*.py"))
        for path in paths:
            name = str(path.relative_to(SRC))
            left += [f"{name}: {constant}" for constant in _module_numbers(path)
                     if constant not in NOT_TUNABLES.get(name, set())]
    assert left == [], "move these into the stage's config dataclass"


def test_the_tunables_test_sees_a_module_constant(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("REACH = 300\nRATE: float = -0.5\nWORDS = frozenset()\nA, B = 1, 2\n")
    assert _module_numbers(module) == ["REACH", "RATE"]


# Plain counts over sorted offset lists not yet moved onto the layer view (in stage hot
# paths other helpers own, and eval helpers mapping offsets between two texts). Each was
# read: a one-line count or look-up over a sorted list of offsets, sentence numbers or one
# character's mention positions, none an index class of its own. The list may only shrink:
# a new offset index is a LayerView (``work.view(name)``, or ``LayerView(spans)`` where
# there is no Work).
BISECT_LEFT = frozenset({
    "characters/stage.py", "coref/mentions.py", "coref/nominals.py", "eval/check_injected.py",
    "eval/rename.py", "eval/scenes.py", "pov/focal.py", "pov/timeline.py",
    "quotes/exchanges.py", "quotes/families.py", "quotes/mentions.py", "quotes/window.py",
    "relations/interactions.py", "valence/__init__.py",
})


def _imports_bisect(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import) and any(a.name == "bisect" for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and node.module == "bisect":
            return True
    return False


def test_offset_lookups_go_through_the_layer_view() -> None:
    importing = {str(p.relative_to(SRC)) for p in SRC.rglob("*.py") if _imports_bisect(p)}
    assert importing - BISECT_LEFT == {"document.py"}
