"""Import arrows go one way, down the pipeline, and no package imports itself round a cycle.

Every ``ficlens`` import of every module is read with ``ast`` (lazy imports inside functions
included). A module may import from the base modules and from packages earlier in
:data:`LAYERS` than its own; a package missing from the table fails the test, so a new one
has to say where it stands.
"""

from __future__ import annotations

import ast
from pathlib import Path

from ficlens.pipeline import STAGES

SRC = Path(__file__).resolve().parents[1] / "src" / "ficlens"

# Lowest first. Modules on one line may not import each other either.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors",),
    ("document", "__version__"),
    ("stage", "lexicon", "models", "schema", "text"),
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
