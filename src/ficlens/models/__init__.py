"""The shipped models: small files beside this module, each with a ``.meta.json`` (data,
split, scores) and a training script in ``training/``.

Loaders take a path whose default is :func:`shipped`, so a candidate model can be
evaluated by passing its path in the stage's config without overwriting the shipped one.
"""

from __future__ import annotations

from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parent


def shipped(name: str) -> Path:
    """The path of the shipped model file ``name`` (it may be absent in a broken install;
    the loader says so)."""
    return MODEL_DIR / name


def preload_shipped() -> None:
    """Start loading every shipped LightGBM model file (the ``*.txt`` here) in the
    background: ``ficlens analyze`` calls it before loading spaCy, which it then overlaps."""
    from ficlens.models.booster import preload

    preload(sorted(MODEL_DIR.glob("*.txt")))
